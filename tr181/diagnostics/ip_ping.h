// SPDX-License-Identifier: GPL-2.0-or-later
// IP ping (TR-143 / Device.IP.Diagnostics.IPPing): ICMP or ICMPv6 echo requests, one at a time,
// each waiting up to its timeout for the matching reply. Uses an unprivileged ping socket where
// net.ipv4.ping_group_range allows it, else a raw socket (root / CAP_NET_RAW).
#ifndef EDGECWMP_TR181_DIAGNOSTICS_IP_PING_H_
#define EDGECWMP_TR181_DIAGNOSTICS_IP_PING_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "tr181/diagnostics/cancel_token.h"
#include "tr181/diagnostics/diagnostics.h"

namespace edgecwmp::tr181 {

struct PingRequest {
  std::string host;              // name or address
  std::string device;            // kernel interface name to send from; "" = as routed
  std::string protocol = "Any";  // Any | IPv4 | IPv6
  uint32_t repetitions = 3;
  uint32_t timeout_ms = 1000;  // per echo request
  uint32_t data_block_size = 56;
  uint32_t dscp = 0;
};

struct PingResult {
  // Complete, Error_CannotResolveHostName, Error_NoRouteToHost (no route or source address),
  // Error_Internal (no socket could be made).
  std::string state = "Complete";
  std::string address_used;  // the source address the echoes left from
  uint32_t success = 0;
  uint32_t failure = 0;
  uint64_t average_us = 0, minimum_us = 0, maximum_us = 0;  // 0 without any reply
};

PingResult RunPing(const PingRequest& request, const CancelToken& cancel);

// The Internet checksum (RFC 1071) of |size| bytes, as an ICMP header carries it.
uint16_t InternetChecksum(const uint8_t* data, size_t size);

// The IPPing object's run function: its inputs (Device.IP.Diagnostics.IPPing parameter names)
// to a PingRequest, the PingResult to its result parameters. |interface_name| maps the
// Interface reference to a kernel name ("" when it is empty).
DiagnosticRun IpPingRun(std::function<std::string(const std::string&)> interface_name);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_IP_PING_H_
