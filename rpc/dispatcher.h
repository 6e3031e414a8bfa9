// SPDX-License-Identifier: GPL-2.0-or-later
// Dispatcher: answers one ACS request (a cwmp::AcsRequest) with a cwmp::CpeResponse — the
// method's response or a cwmp::Fault with the exact TR-069 A.5.1 code — by translating it into
// DataModel calls (parameters, attributes, objects) or CpeActions calls (reboot, factory reset,
// scheduled Informs, transfers). It knows nothing of SOAP, HTTP or EdgeX. The methods come from
// one table (method name → handler, required or optional); GetRPCMethods lists exactly the
// methods that table marks as served. Thread-compatible: it holds no state of its own besides
// the options; concurrency is the DataModel's (internally locked) and CpeActions' business.
#ifndef EDGECWMP_RPC_DISPATCHER_H_
#define EDGECWMP_RPC_DISPATCHER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "cwmp/protocol/messages.h"
#include "datamodel/datamodel.h"
#include "rpc/cpe_actions.h"

namespace edgecwmp::rpc {

struct Options {
  // Where the ACS's ParameterKey argument (SetParameterValues, AddObject, DeleteObject) is stored.
  // Empty: not stored (the argument is still length-checked against 32 characters).
  std::string parameter_key_path = "Device.ManagementServer.ParameterKey";
  // Most ParameterValueStructs (GetParameterValues) or ParameterAttributeStructs
  // (GetParameterAttributes) one response may carry; more → fault 9004. 0 = no limit.
  size_t max_get_values_entries = 65536;
  // Methods this deployment refuses (e.g. {"FactoryReset"}): answered with 9000 and not listed
  // by GetRPCMethods. GetRPCMethods itself cannot be disabled.
  std::vector<std::string> disabled_methods;
};

class Dispatcher {
 public:
  // |model| and |actions| must outlive the dispatcher.
  Dispatcher(dm::DataModel* model, CpeActions* actions, Options options = Options());

  // Handles one ACS request. Never throws for a bad request: every failure is a cwmp::Fault.
  cwmp::CpeResponse Handle(const cwmp::AcsRequest& request) const;

  // The methods served, in table order (the GetRPCMethodsResponse MethodList).
  std::vector<std::string> SupportedMethods() const;

  const Options& options() const { return options_; }

 private:
  bool Serves(const char* method, bool optional) const;

  dm::DataModel* model_;
  CpeActions* actions_;
  Options options_;
};

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_DISPATCHER_H_
