// SPDX-License-Identifier: GPL-2.0-or-later
// GetRPCMethods (TR-069 A.3.1.1): the methods this CPE serves, straight from the dispatcher's
// table, so the list can never claim a method that would answer 9000.
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

cwmp::CpeResponse HandleGetRPCMethods(const HandlerContext& ctx, const cwmp::GetRPCMethods&) {
  cwmp::GetRPCMethodsResponse response;
  response.method_list = ctx.dispatcher.SupportedMethods();
  return response;
}

}  // namespace edgecwmp::rpc
