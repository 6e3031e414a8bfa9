// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/ip_diagnostics.h"

#include <functional>
#include <string>
#include <vector>

#include "tr181/diagnostics/http_throughput.h"
#include "tr181/diagnostics/ip_ping.h"
#include "tr181/diagnostics/ns_lookup.h"
#include "tr181/diagnostics/server_selection.h"
#include "tr181/diagnostics/trace_route.h"
#include "tr181/diagnostics/udp_echo.h"

namespace edgecwmp::tr181 {
namespace {

// "Device.IP.Interface.1" or "Device.IP.Interface.1." → the kernel name in its Name parameter.
bool InterfaceName(const dm::DataModel& model, std::string reference, std::string* name) {
  if (!reference.empty() && reference.back() == '.') reference.pop_back();
  return model.GetValue(reference + ".Name", name).ok() && !name->empty();
}

constexpr const char* kTraceRoute = "Device.IP.Diagnostics.TraceRoute.";

// A results table (RouteHops.{i}, PerConnectionResult.{i}): the rows of the last completed run,
// as its results hold them ("<table>.<n>.<Name>", the count in |count|).
Status BindResultRows(dm::DataModel* model, Diagnostics* diagnostics, const std::string& object,
                      const std::string& table, const std::string& count,
                      const std::vector<std::string>& names) {
  EDGECWMP_RETURN_IF_ERROR(model->BindObject(
      object + table + ".{i}.",
      dm::ObjectBinding{[diagnostics, object, count](const dm::Context&) {
                          const std::string rows_text = diagnostics->Result(object, count);
                          std::vector<uint32_t> rows(rows_text.empty() ? 0 : std::stoul(rows_text));
                          for (size_t i = 0; i < rows.size(); ++i)
                            rows[i] = static_cast<uint32_t>(i + 1);
                          return rows;
                        },
                        nullptr, nullptr}));
  for (const std::string& name : names) {
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
        object + table + ".{i}." + name,
        dm::ParamBinding{
            [diagnostics, object, table, name](const dm::Context& ctx, std::string* value) {
              *value = diagnostics->Result(
                  object, table + "." + std::to_string(ctx.instances.back()) + "." + name);
              return Status::Ok();
            },
            nullptr, nullptr}));
  }
  return Status::Ok();
}

// A results table of a test object: its name, its NumberOfEntries parameter, its columns.
struct ResultTable {
  std::string table, count;
  std::vector<std::string> columns;
};

// One test object: its run function and its results tables.
struct TestObject {
  std::string object;
  DiagnosticRun run;
  std::vector<ResultTable> tables;
};

std::vector<TestObject> TestObjects(
    const std::function<std::string(const std::string&)>& device_of) {
  const std::vector<std::string> connection = {"ROMTime", "BOMTime", "EOMTime",
                                               "TCPOpenRequestTime", "TCPOpenResponseTime"};
  auto with = [](std::vector<std::string> names, const char* name) {
    names.push_back(name);
    return names;
  };
  auto increments = [](const char* test_bytes) {
    return ResultTable{
        "IncrementalResult",
        "IncrementalResultNumberOfEntries",
        {test_bytes, "TotalBytesReceived", "TotalBytesSent", "StartTime", "EndTime"}};
  };
  auto per_connection = [&](const char* test_bytes) {
    return ResultTable{"PerConnectionResult", "PerConnectionResultNumberOfEntries",
                       with(connection, test_bytes)};
  };
  return {
      {"Device.IP.Diagnostics.IPPing.", IpPingRun(device_of), {}},
      {kTraceRoute,
       TraceRouteRun(device_of),
       {{"RouteHops",
         "RouteHopsNumberOfEntries",
         {"Host", "HostAddress", "ErrorCode", "RTTimes"}}}},
      {"Device.IP.Diagnostics.DownloadDiagnostics.",
       ThroughputRun(false, device_of),
       {per_connection("TestBytesReceived"), increments("TestBytesReceived")}},
      {"Device.IP.Diagnostics.UploadDiagnostics.",
       ThroughputRun(true, device_of),
       {per_connection("TestBytesSent"), increments("TestBytesSent")}},
      {"Device.IP.Diagnostics.UDPEchoDiagnostics.",
       UdpEchoRun(device_of),
       {{"IndividualPacketResult",
         "IndividualPacketResultNumberOfEntries",
         {"PacketSuccess", "PacketSendTime", "PacketReceiveTime", "TestGenSN", "TestRespSN",
          "TestRespRcvTimeStamp", "TestRespReplyTimeStamp", "TestRespReplyFailureCount"}}}},
      {"Device.IP.Diagnostics.ServerSelectionDiagnostics.", ServerSelectionRun(device_of), {}},
      {"Device.DNS.Diagnostics.NSLookupDiagnostics.",
       NsLookupRun(),
       {{"Result",
         "ResultNumberOfEntries",
         {"Status", "AnswerType", "HostNameReturned", "IPAddresses", "DNSServerIP",
          "ResponseTime"}}}},
  };
}

}  // namespace

Status RegisterIpDiagnostics(dm::DataModel* model, Diagnostics* diagnostics,
                             UdpEchoConfig* echo_config) {
  auto check_interface = [model](const dm::Context&, const std::string& value) {
    std::string name;
    if (value.empty() || InterfaceName(*model, value, &name)) return Status::Ok();
    return Status::InvalidValue(value + " is not an interface of this device");
  };
  auto device_of = [model](const std::string& reference) {
    std::string name;
    return reference.empty() || !InterfaceName(*model, reference, &name) ? std::string() : name;
  };
  for (TestObject& test : TestObjects(device_of)) {
    DiagnosticSpec spec;
    spec.object = test.object;
    spec.run = std::move(test.run);
    spec.validators["Interface"] = check_interface;
    Status s = diagnostics->Register(model, std::move(spec));
    if (!s.ok()) return s;
    for (const ResultTable& t : test.tables) {
      EDGECWMP_RETURN_IF_ERROR(
          BindResultRows(model, diagnostics, test.object, t.table, t.count, t.columns));
    }
  }
  if (echo_config != nullptr) return echo_config->Register(model, device_of);
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
