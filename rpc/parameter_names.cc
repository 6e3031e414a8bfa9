// SPDX-License-Identifier: GPL-2.0-or-later
// GetParameterNames (TR-069 A.3.2.3). The path/NextLevel rules (the empty path, a partial path,
// NextLevel true on a parameter → 9003, an unknown path → 9005) are the model's GetNames.
#include <utility>

#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

cwmp::CpeResponse HandleGetParameterNames(const HandlerContext& ctx,
                                          const cwmp::GetParameterNames& request) {
  std::vector<dm::ParameterInfo> infos;
  Status s = ctx.model.GetNames(request.parameter_path, request.next_level, &infos);
  if (!s.ok()) return FaultFromStatus(s);
  cwmp::GetParameterNamesResponse response;
  response.parameter_list.reserve(infos.size());
  for (dm::ParameterInfo& info : infos) {
    response.parameter_list.push_back({std::move(info.name), info.writable});
  }
  return response;
}

}  // namespace edgecwmp::rpc
