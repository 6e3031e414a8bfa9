// SPDX-License-Identifier: GPL-2.0-or-later
// Reboot (TR-069 A.3.2.9), FactoryReset (A.4.1.6) and ScheduleInform (A.4.1.2): argument checks
// here, the action itself (after the session, with its events) in CpeActions.
#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

cwmp::CpeResponse HandleReboot(const HandlerContext& ctx, const cwmp::Reboot& request) {
  // CommandKey is string(32).
  if (request.command_key.size() > kMaxKeyLength) return MakeFault(fault::kInvalidArguments);
  Status s = ctx.actions.RebootAfterSession(request.command_key);
  if (!s.ok()) return FaultFromStatus(s);
  return cwmp::RebootResponse{};
}

cwmp::CpeResponse HandleFactoryReset(const HandlerContext& ctx, const cwmp::FactoryReset&) {
  Status s = ctx.actions.FactoryResetAfterSession();
  if (!s.ok()) return FaultFromStatus(s);
  return cwmp::FactoryResetResponse{};
}

cwmp::CpeResponse HandleScheduleInform(const HandlerContext& ctx,
                                       const cwmp::ScheduleInform& request) {
  // DelaySeconds is unsignedInt(1:) and CommandKey string(32): anything else is 9003.
  if (request.delay_seconds == 0 || request.command_key.size() > kMaxKeyLength) {
    return MakeFault(fault::kInvalidArguments);
  }
  Status s = ctx.actions.ScheduleInform(request.delay_seconds, request.command_key);
  if (!s.ok()) return FaultFromStatus(s);
  return cwmp::ScheduleInformResponse{};
}

}  // namespace edgecwmp::rpc
