// SPDX-License-Identifier: GPL-2.0-or-later
// Server selection (TR-143 / Device.IP.Diagnostics.ServerSelectionDiagnostics): each host of
// HostList is measured with NumberOfRepetitions ICMP echoes (ip_ping.h) or UDP echoes to port 7
// (udp_echo.h); the host with the lowest average response time wins. Hosts that do not resolve or
// never answer are skipped; none answering is Error_CannotResolveHostName when none resolved,
// else Error_Other.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_SERVER_SELECTION_H_
#define EDGECWMP_TR181_DIAGNOSTICS_SERVER_SELECTION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tr181/diagnostics/cancel_token.h"
#include "tr181/diagnostics/diagnostics.h"

namespace edgecwmp::tr181 {

struct ServerSelectionRequest {
  std::vector<std::string> hosts;
  std::string protocol = "ICMP";  // ICMP | UDP Echo
  std::string protocol_version = "Any";
  std::string device;
  uint32_t repetitions = 3;
  uint32_t timeout_ms = 1000;
  uint16_t udp_port = 7;  // TR-143's UDP echo (RFC 862) port; the object has no Port
};

struct ServerSelectionResult {
  std::string state = "Complete";
  std::string fastest_host, address_used;
  uint64_t minimum_us = 0, average_us = 0, maximum_us = 0;  // of the fastest host
};

ServerSelectionResult RunServerSelection(const ServerSelectionRequest& request,
                                         const CancelToken& cancel);

DiagnosticRun ServerSelectionRun(std::function<std::string(const std::string&)> interface_name);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_SERVER_SELECTION_H_
