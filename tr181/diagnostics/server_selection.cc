// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/server_selection.h"

#include <sstream>

#include "tr181/diagnostics/ip_ping.h"
#include "tr181/diagnostics/udp_echo.h"

namespace edgecwmp::tr181 {
namespace {

// One host measured the way |request| says; its state is the measuring test's.
struct Measure {
  std::string state, address_used;
  uint32_t success = 0;
  uint64_t minimum_us = 0, average_us = 0, maximum_us = 0;
};

template <typename Result>
Measure From(const Result& r) {
  return {r.state, r.address_used, r.success, r.minimum_us, r.average_us, r.maximum_us};
}

Measure MeasureHost(const ServerSelectionRequest& request, const std::string& host,
                    const CancelToken& cancel) {
  if (request.protocol == "UDP Echo") {
    UdpEchoRequest echo;
    echo.host = host;
    echo.port = request.udp_port;
    echo.device = request.device;
    echo.protocol = request.protocol_version;
    echo.repetitions = request.repetitions;
    echo.timeout_ms = request.timeout_ms;
    echo.inter_transmission_ms = 1;
    return From(RunUdpEcho(echo, cancel));
  }
  PingRequest ping;
  ping.host = host;
  ping.device = request.device;
  ping.protocol = request.protocol_version;
  ping.repetitions = request.repetitions;
  ping.timeout_ms = request.timeout_ms;
  return From(RunPing(ping, cancel));
}

}  // namespace

ServerSelectionResult RunServerSelection(const ServerSelectionRequest& request,
                                         const CancelToken& cancel) {
  ServerSelectionResult result;
  bool any_resolved = false;
  for (const std::string& host : request.hosts) {
    if (cancel.canceled()) return result;
    const Measure m = MeasureHost(request, host, cancel);
    if (m.state != "Error_CannotResolveHostName") any_resolved = true;
    if (m.state != "Complete" || m.success == 0) continue;
    if (!result.fastest_host.empty() && m.average_us >= result.average_us) continue;
    result.fastest_host = host;
    result.address_used = m.address_used;
    result.minimum_us = m.minimum_us;
    result.average_us = m.average_us;
    result.maximum_us = m.maximum_us;
  }
  if (result.fastest_host.empty()) {
    result.state = any_resolved ? "Error_Other" : "Error_CannotResolveHostName";
  }
  return result;
}

DiagnosticRun ServerSelectionRun(std::function<std::string(const std::string&)> interface_name) {
  return [interface_name](const DiagnosticValues& in, const CancelToken& cancel) {
    ServerSelectionRequest request;
    std::istringstream list(in.at("HostList"));
    for (std::string host; std::getline(list, host, ',');) {
      host.erase(0, host.find_first_not_of(' '));
      if (!host.empty()) request.hosts.push_back(host);
    }
    request.protocol = in.at("Protocol");
    request.protocol_version = in.at("ProtocolVersion");
    request.device = interface_name(in.at("Interface"));
    request.repetitions = static_cast<uint32_t>(std::stoul(in.at("NumberOfRepetitions")));
    request.timeout_ms = static_cast<uint32_t>(std::stoul(in.at("Timeout")));
    const ServerSelectionResult r = RunServerSelection(request, cancel);
    DiagnosticOutcome out;
    out.state = r.state;
    if (r.state != "Complete") return out;
    out.results = {
        {"FastestHost", r.fastest_host},
        {"IPAddressUsed", r.address_used},
        {"MinimumResponseTime", std::to_string(r.minimum_us)},
        {"AverageResponseTime", std::to_string(r.average_us)},
        {"MaximumResponseTime", std::to_string(r.maximum_us)},
    };
    return out;
  };
}

}  // namespace edgecwmp::tr181
