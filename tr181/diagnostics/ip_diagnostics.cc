// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/ip_diagnostics.h"

#include <functional>
#include <string>
#include <vector>

#include "tr181/diagnostics/http_throughput.h"
#include "tr181/diagnostics/ip_ping.h"
#include "tr181/diagnostics/ns_lookup.h"
#include "tr181/diagnostics/trace_route.h"

namespace edgecwmp::tr181 {
namespace {

// "Device.IP.Interface.1" or "Device.IP.Interface.1." → the kernel name in its Name parameter.
bool InterfaceName(const dm::DataModel& model, std::string reference, std::string* name) {
  if (!reference.empty() && reference.back() == '.') reference.pop_back();
  return model.GetValue(reference + ".Name", name).ok() && !name->empty();
}

constexpr const char* kTraceRoute = "Device.IP.Diagnostics.TraceRoute.";
constexpr const char* kNsLookup = "Device.DNS.Diagnostics.NSLookupDiagnostics.";

// A results table (RouteHops.{i}, PerConnectionResult.{i}): the rows of the last completed run,
// as its results hold them ("<table>.<n>.<Name>", the count in |count|).
void BindResultRows(dm::DataModel* model, Diagnostics* diagnostics, const std::string& object,
                    const std::string& table, const std::string& count,
                    const std::vector<std::string>& names) {
  model->BindObject(object + table + ".{i}.", dm::ObjectBinding{
      [diagnostics, object, count](const dm::Context&) {
        const std::string rows_text = diagnostics->Result(object, count);
        std::vector<uint32_t> rows(rows_text.empty() ? 0 : std::stoul(rows_text));
        for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i + 1);
        return rows;
      }, nullptr, nullptr});
  for (const std::string& name : names) {
    model->BindParameter(object + table + ".{i}." + name, dm::ParamBinding{
        [diagnostics, object, table, name](const dm::Context& ctx, std::string* value) {
          *value = diagnostics->Result(
              object, table + "." + std::to_string(ctx.instances.back()) + "." + name);
          return Status::Ok();
        }, nullptr, nullptr});
  }
}

// DownloadDiagnostics (|upload| false) or UploadDiagnostics with its PerConnectionResult table.
Status RegisterThroughput(dm::DataModel* model, Diagnostics* diagnostics, bool upload,
                          const dm::Validator& check_interface,
                          const std::function<std::string(const std::string&)>& device_of) {
  DiagnosticSpec spec;
  spec.object = upload ? "Device.IP.Diagnostics.UploadDiagnostics."
                       : "Device.IP.Diagnostics.DownloadDiagnostics.";
  spec.run = ThroughputRun(upload, device_of);
  spec.validators["Interface"] = check_interface;
  const std::string object = spec.object;
  Status s = diagnostics->Register(model, std::move(spec));
  if (!s.ok()) return s;
  BindResultRows(model, diagnostics, object, "PerConnectionResult",
                 "PerConnectionResultNumberOfEntries",
                 {"ROMTime", "BOMTime", "EOMTime", upload ? "TestBytesSent" : "TestBytesReceived",
                  "TCPOpenRequestTime", "TCPOpenResponseTime"});
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
  BindResultRows(model, diagnostics, kTraceRoute, "RouteHops", "RouteHopsNumberOfEntries",
                 {"Host", "HostAddress", "ErrorCode", "RTTimes"});
  for (bool upload : {false, true}) {
    s = RegisterThroughput(model, diagnostics, upload, check_interface, device_of);
    if (!s.ok()) return s;
  }

  DiagnosticSpec lookup;
  lookup.object = kNsLookup;
  lookup.run = NsLookupRun();
  lookup.validators["Interface"] = check_interface;
  s = diagnostics->Register(model, std::move(lookup));
  if (!s.ok()) return s;
  BindResultRows(model, diagnostics, kNsLookup, "Result", "ResultNumberOfEntries",
                 {"Status", "AnswerType", "HostNameReturned", "IPAddresses", "DNSServerIP",
                  "ResponseTime"});
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
