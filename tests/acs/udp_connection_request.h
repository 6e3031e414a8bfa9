// SPDX-License-Identifier: GPL-2.0-or-later
// GenieACS's UDP connection request (lib/connection-request.ts, TR-069 Annex G): the signed
// "GET http://host:port?ts=&id=&un=&cn=&sig= HTTP/1.1" datagram, sent 3 times to the CPE's
// UDPConnectionRequestAddress, from |source_port| when non-zero (GenieACS's
// cwmp.udpConnectionRequestPort: the STUN server's port, shared with SO_REUSEADDR, which is what
// passes the CPE's NAT binding). No answer is expected.
#ifndef EDGECWMP_TESTS_ACS_UDP_CONNECTION_REQUEST_H_
#define EDGECWMP_TESTS_ACS_UDP_CONNECTION_REQUEST_H_

#include <cstdint>
#include <string>

#include "base/status.h"

namespace edgecwmp::acs {

struct UdpConnectionRequestOptions {
  std::string address;  // UDPConnectionRequestAddress, "ip:port"
  std::string username;
  std::string password;
  std::string source_ip;     // "" = any
  uint16_t source_port = 0;  // 0 = any
  int64_t ts = 0;            // 0 = now (unix seconds)
  uint32_t id = 0;           // 0 = random
  int copies = 3;            // GenieACS sends 3
};

// Sends the datagrams; *text (optional) receives the datagram sent.
Status SendUdpConnectionRequest(const UdpConnectionRequestOptions& options,
                                std::string* text = nullptr);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_UDP_CONNECTION_REQUEST_H_
