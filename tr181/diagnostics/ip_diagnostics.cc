// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/ip_diagnostics.h"

#include <string>
#include <vector>

#include "tr181/diagnostics/ip_ping.h"
#include "tr181/diagnostics/trace_route.h"

namespace edgecwmp::tr181 {
namespace {

// "Device.IP.Interface.1" or "Device.IP.Interface.1." → the kernel name in its Name parameter.
bool InterfaceName(const dm::DataModel& model, std::string reference, std::string* name) {
  if (!reference.empty() && reference.back() == '.') reference.pop_back();
  return model.GetValue(reference + ".Name", name).ok() && !name->empty();
}

constexpr const char* kTraceRoute = "Device.IP.Diagnostics.TraceRoute.";

// RouteHops.{i}: the rows of the last completed trace, as its results hold them.
Status BindRouteHops(dm::DataModel* model, Diagnostics* diagnostics) {
  EDGECWMP_RETURN_IF_ERROR(model->BindObject(
      std::string(kTraceRoute) + "RouteHops.{i}.",
      dm::ObjectBinding{[diagnostics](const dm::Context&) {
                          const std::string count =
                              diagnostics->Result(kTraceRoute, "RouteHopsNumberOfEntries");
                          std::vector<uint32_t> rows(count.empty() ? 0 : std::stoul(count));
                          for (size_t i = 0; i < rows.size(); ++i)
                            rows[i] = static_cast<uint32_t>(i + 1);
                          return rows;
                        },
                        nullptr, nullptr}));
  for (const char* name : {"Host", "HostAddress", "ErrorCode", "RTTimes"}) {
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
        std::string(kTraceRoute) + "RouteHops.{i}." + name,
        dm::ParamBinding{
            [diagnostics, name = std::string(name)](const dm::Context& ctx, std::string* value) {
              *value = diagnostics->Result(
                  kTraceRoute, "RouteHops." + std::to_string(ctx.instances.back()) + "." + name);
              return Status::Ok();
            },
            nullptr, nullptr}));
  }
  return Status::Ok();
}

}  // namespace

Status RegisterIpDiagnostics(dm::DataModel* model, Diagnostics* diagnostics) {
  auto check_interface = [model](const dm::Context&, const std::string& value) {
    std::string name;
    if (value.empty() || InterfaceName(*model, value, &name)) return Status::Ok();
    return Status::InvalidValue(value + " is not an interface of this device");
  };
  auto device_of = [model](const std::string& reference) {
    std::string name;
    return reference.empty() || !InterfaceName(*model, reference, &name) ? std::string() : name;
  };
  DiagnosticSpec ping;
  ping.object = "Device.IP.Diagnostics.IPPing.";
  ping.run = IpPingRun(device_of);
  ping.validators["Interface"] = check_interface;
  Status s = diagnostics->Register(model, std::move(ping));
  if (!s.ok()) return s;

  DiagnosticSpec trace;
  trace.object = kTraceRoute;
  trace.run = TraceRouteRun(device_of);
  trace.validators["Interface"] = check_interface;
  s = diagnostics->Register(model, std::move(trace));
  if (!s.ok()) return s;
  return BindRouteHops(model, diagnostics);
}

}  // namespace edgecwmp::tr181
