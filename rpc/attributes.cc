// SPDX-License-Identifier: GPL-2.0-or-later
// GetParameterAttributes (TR-069 A.3.2.5) and SetParameterAttributes (A.3.2.4).
#include <utility>

#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

namespace {

// Notification values (A.3.2.4; cwmp-1-4.xsd): 0 off, 1 passive, 2 active, 3–6 the Lightweight
// Notification variants. The agent has no Lightweight Notification (UDP) channel, so it refuses
// 3–6 as a rejected notification request (9009) rather than accept a setting it cannot honour;
// anything outside 0–6 is not a valid argument (9003).
constexpr int kMaxNotification = 6;
constexpr int kMaxSupportedNotification = 2;

}  // namespace

cwmp::CpeResponse HandleGetParameterAttributes(const HandlerContext& ctx,
                                               const cwmp::GetParameterAttributes& request) {
  const size_t limit = ctx.options.max_get_values_entries;
  cwmp::GetParameterAttributesResponse response;
  std::vector<dm::ParameterAttributes> attributes;
  for (const std::string& name : request.parameter_names) {
    attributes.clear();
    // Full or partial names, like GetParameterValues; one bad name faults the RPC (9005).
    Status s = ctx.model.GetAttributes(name, &attributes);
    if (!s.ok()) return FaultFromStatus(s);
    if (limit != 0 && response.parameter_list.size() + attributes.size() > limit) {
      return MakeFault(fault::kResourcesExceeded);
    }
    for (dm::ParameterAttributes& a : attributes) {
      response.parameter_list.push_back(
          {std::move(a.name), a.notification, std::move(a.access_list)});
    }
  }
  return response;
}

cwmp::CpeResponse HandleSetParameterAttributes(const HandlerContext& ctx,
                                               const cwmp::SetParameterAttributes& request) {
  std::vector<dm::AttributeSet> sets;
  sets.reserve(request.parameter_list.size());
  for (const cwmp::SetParameterAttributesStruct& p : request.parameter_list) {
    if (p.notification_change) {
      if (p.notification < 0 || p.notification > kMaxNotification) {
        return MakeFault(fault::kInvalidArguments);
      }
      if (p.notification > kMaxSupportedNotification) {
        return MakeFault(fault::kNotificationRejected);
      }
    }
    dm::AttributeSet set;
    set.name = p.name;
    set.notification_change = p.notification_change;
    set.notification = p.notification;
    set.access_list_change = p.access_list_change;
    // Stored as given: "Subscriber" is the only value TR-069 defines, and others are kept.
    set.access_list = p.access_list;
    sets.push_back(std::move(set));
  }
  // A.3.2.4: applied all together or not at all; a denied active notification (a canDeny
  // parameter) is 9009, an unknown name 9005.
  Status s = ctx.model.SetAttributes(sets);
  if (!s.ok()) return FaultFromStatus(s);
  return cwmp::SetParameterAttributesResponse{};
}

}  // namespace edgecwmp::rpc
