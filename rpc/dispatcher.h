// SPDX-License-Identifier: GPL-2.0-or-later
// Dispatcher: answers one ACS request (a cwmp::AcsRequest) with a cwmp::CpeResponse — the
// method's response or a cwmp::Fault with the exact TR-069 A.5.1 code — by translating it into
// DataModel calls (parameters, attributes, objects) or CpeActions calls (reboot, factory reset,
// scheduled Informs). It knows nothing of SOAP, HTTP or EdgeX. The methods come from one table
// (method name → handler): the required ones are handled here; an optional one (transfers,
// ChangeDUState, ...) is served once the agent has handed its handler to Serve(), and only then.
// GetRPCMethods lists exactly what that table serves; anything else answers 9000.
// Thread-compatible: Serve() before the first Handle(); concurrency is otherwise the
// DataModel's (internally locked) and CpeActions' business.
#ifndef EDGECWMP_RPC_DISPATCHER_H_
#define EDGECWMP_RPC_DISPATCHER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
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

// Index of alternative T in cwmp::AcsRequest (compile-time).
template <typename T, size_t I = 0>
constexpr size_t RequestIndex() {
  static_assert(I < std::variant_size_v<cwmp::AcsRequest>, "not an AcsRequest alternative");
  if constexpr (std::is_same_v<T, std::variant_alternative_t<I, cwmp::AcsRequest>>) {
    return I;
  } else {
    return RequestIndex<T, I + 1>();
  }
}

class Dispatcher {
 public:
  using Handler = std::function<cwmp::CpeResponse(const cwmp::AcsRequest&)>;
  // |model| and |actions| must outlive the dispatcher.
  Dispatcher(dm::DataModel* model, CpeActions* actions, Options options = Options());

  // Serves the optional method |Req| (a request type of cwmp::AcsRequest) with |handler|: from
  // now on it answers that method and GetRPCMethods lists it. kInvalidArguments for a method the
  // dispatcher handles itself (the required ones).
  template <typename Req>
  Status Serve(std::function<cwmp::CpeResponse(const Req&)> handler) {
    return ServeAt(RequestIndex<Req>(), [h = std::move(handler)](const cwmp::AcsRequest& r) {
      return h(std::get<Req>(r));
    });
  }

  // Handles one ACS request. Never throws for a bad request: every failure is a cwmp::Fault.
  cwmp::CpeResponse Handle(const cwmp::AcsRequest& request) const;

  // The methods served, in table order (the GetRPCMethodsResponse MethodList).
  std::vector<std::string> SupportedMethods() const;

  const Options& options() const { return options_; }

 private:
  Status ServeAt(size_t request_index, Handler handler);
  bool Serves(const char* method, size_t request_index) const;

  dm::DataModel* model_;
  CpeActions* actions_;
  Options options_;
  std::vector<Handler> optional_;  // by AcsRequest index; empty = not served
};

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_DISPATCHER_H_
