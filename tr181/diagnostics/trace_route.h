// SPDX-License-Identifier: GPL-2.0-or-later
// TraceRoute (TR-143 / Device.IP.Diagnostics.TraceRoute): UDP probes to ports 33434 and up with
// growing TTL / hop limit; each router on the way answers "time exceeded", the destination "port
// unreachable". The ICMP answers are read from the socket's error queue (IP_RECVERR), so no raw
// socket and no privilege is needed.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_TRACE_ROUTE_H_
#define EDGECWMP_TR181_DIAGNOSTICS_TRACE_ROUTE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tr181/diagnostics/cancel_token.h"
#include "tr181/diagnostics/diagnostics.h"

namespace edgecwmp::tr181 {

struct TraceRouteRequest {
  std::string host;
  std::string device;            // "" = as routed
  std::string protocol = "Any";  // Any | IPv4 | IPv6
  uint32_t tries = 3;            // probes per hop
  uint32_t timeout_ms = 5000;    // per probe
  uint32_t data_block_size = 38;
  uint32_t dscp = 0;
  uint32_t max_hops = 30;
};

struct TraceHop {
  std::string address;           // "" when no probe of this hop was answered
  uint32_t error_code = 0;       // the ICMP code of an answer other than the expected ones
  std::vector<uint32_t> rtt_ms;  // one per answered probe
};

struct TraceRouteResult {
  // Complete, Error_CannotResolveHostName, Error_NoRouteToHost, Error_MaxHopCountExceeded,
  // Error_Internal.
  std::string state = "Complete";
  std::string address_used;
  uint32_t response_time_ms = 0;  // the destination's average
  std::vector<TraceHop> hops;     // nearest first; the last is the destination when Complete
};

TraceRouteResult RunTraceRoute(const TraceRouteRequest& request, const CancelToken& cancel);

// The TraceRoute object's run function (results include "RouteHops.<n>.<Name>" entries).
DiagnosticRun TraceRouteRun(std::function<std::string(const std::string&)> interface_name);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_TRACE_ROUTE_H_
