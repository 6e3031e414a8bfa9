// SPDX-License-Identifier: GPL-2.0-or-later
// The RPC handlers (internal to rpc/): one function per method the agent implements itself,
// each turning a request struct into DataModel / CpeActions calls and a response or a Fault.
// The dispatcher's table refers to them; nothing else should.
#ifndef EDGECWMP_RPC_HANDLERS_H_
#define EDGECWMP_RPC_HANDLERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "cwmp/protocol/messages.h"
#include "datamodel/datamodel.h"
#include "rpc/cpe_actions.h"
#include "rpc/dispatcher.h"
#include "rpc/value_types.h"

namespace edgecwmp::rpc {

struct HandlerContext {
  dm::DataModel& model;
  CpeActions& actions;
  const Options& options;
  const Dispatcher& dispatcher;
};

// rpc_methods.cc
cwmp::CpeResponse HandleGetRPCMethods(const HandlerContext& ctx, const cwmp::GetRPCMethods& r);
// parameter_values.cc
cwmp::CpeResponse HandleGetParameterValues(const HandlerContext& ctx,
                                           const cwmp::GetParameterValues& r);
cwmp::CpeResponse HandleSetParameterValues(const HandlerContext& ctx,
                                           const cwmp::SetParameterValues& r);
// parameter_names.cc
cwmp::CpeResponse HandleGetParameterNames(const HandlerContext& ctx,
                                          const cwmp::GetParameterNames& r);
// attributes.cc
cwmp::CpeResponse HandleGetParameterAttributes(const HandlerContext& ctx,
                                               const cwmp::GetParameterAttributes& r);
cwmp::CpeResponse HandleSetParameterAttributes(const HandlerContext& ctx,
                                               const cwmp::SetParameterAttributes& r);
// objects.cc
cwmp::CpeResponse HandleAddObject(const HandlerContext& ctx, const cwmp::AddObject& r);
cwmp::CpeResponse HandleDeleteObject(const HandlerContext& ctx, const cwmp::DeleteObject& r);
// lifecycle.cc
cwmp::CpeResponse HandleReboot(const HandlerContext& ctx, const cwmp::Reboot& r);
cwmp::CpeResponse HandleFactoryReset(const HandlerContext& ctx, const cwmp::FactoryReset& r);
cwmp::CpeResponse HandleScheduleInform(const HandlerContext& ctx, const cwmp::ScheduleInform& r);

// ---- Shared by the handlers (parameter_key.cc) ----

// CommandKey and ParameterKey are string(32) in TR-069 (A.3.2.1, A.3.2.6, A.3.2.9, A.4.1.2).
inline constexpr size_t kMaxKeyLength = 32;

// Whether |key| may become the ParameterKey: at most 32 characters and, when the model defines
// the parameter, valid for it. Checked before anything changes, so that storing it afterwards
// cannot fail on the value. Error: kInvalidArguments.
Status CheckParameterKey(const HandlerContext& ctx, const std::string& key);
// Stores |key| as the ParameterKey (internal origin: the ACS cannot write it directly).
Status StoreParameterKey(const HandlerContext& ctx, const std::string& key);

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_HANDLERS_H_
