// SPDX-License-Identifier: GPL-2.0-or-later
// UdpConnectionRequestServer: the CPE's UDP connection-request socket (TR-069 Annex G) and the
// STUN client that keeps its NAT binding open (TR-111 part 2), on one thread.
//
// One UDP socket both receives connection requests and sends the STUN Binding Requests, so the
// binding the STUN server sees is the one the ACS must send to. Datagrams that look like STUN
// are answers to our requests (matched by transaction id); everything else is a UDP connection
// request, checked by UdpConnectionRequestValidator against the live credentials, then charged
// to the shared ConnectionRequestBudget; an accepted one calls on_request() (which only sets a
// flag: the agent coalesces requests into its next session). Nothing is ever answered.
//
// STUN (settings re-read every loop, so an SPV takes effect within a second): when enabled, a
// Binding Request with CONNECTION-REQUEST-BINDING goes to STUNServerAddress (the ACS URL's host
// when empty) : STUNServerPort, retransmitted after 0.5, 1, 2 s (RFC 5389 7.2.1), then repeated
// every keep-alive period: STUNMaximumKeepAlivePeriod, or STUNMinimumKeepAlivePeriod when the
// maximum is -1 (none) or below the minimum, and at least 1 s. The answer's mapped address gives
// NATDetected (mapped != this socket's local address) and UDPConnectionRequestAddress (mapped
// ip:port). A mapped address that differs from the last one is a binding change: on_binding()
// reports it and the next Binding Request carries BINDING-CHANGE. With STUN disabled the address
// is the socket's local ip:port and NATDetected false (TR-181).
#ifndef EDGECWMP_CWMP_TRANSPORT_UDP_CONNECTION_REQUEST_SERVER_H_
#define EDGECWMP_CWMP_TRANSPORT_UDP_CONNECTION_REQUEST_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "base/status.h"
#include "cwmp/transport/connection_request_budget.h"
#include "cwmp/transport/credentials_source.h"
#include "cwmp/transport/udp_connection_request.h"

namespace edgecwmp::cwmp {

struct StunSettings {
  bool enable = false;
  std::string server;  // host name or IPv4; "" = none known (no STUN)
  uint16_t port = 3478;
  std::string username;
  std::string password;
  int32_t max_keepalive_seconds = 30;  // -1 = no maximum
  uint32_t min_keepalive_seconds = 10;
  bool operator==(const StunSettings& o) const;
};

// What the agent publishes: UDPConnectionRequestAddress and NATDetected.
struct UdpBinding {
  std::string address;  // "ip:port"
  bool nat_detected = false;
  bool changed = false;  // a STUN mapping that differs from an earlier one (binding change)
};

struct UdpConnectionRequestServerConfig {
  std::string address = "0.0.0.0";
  uint16_t port = 7547;                             // 0 = ephemeral (tests)
  std::shared_ptr<ConnectionRequestBudget> budget;  // required: shared with HTTP (and XMPP)
  UdpConnectionRequestValidatorOptions validator;
  std::function<int64_t()> now_unix;  // wall clock for ts (tests); default system_clock
};

class UdpConnectionRequestServer {
 public:
  using Credentials = CredentialsSource;  // nullopt (unreadable) ignores every request
  UdpConnectionRequestServer(UdpConnectionRequestServerConfig config, Credentials credentials,
                             std::function<StunSettings()> stun_settings,
                             std::function<void()> on_request,
                             std::function<void(const UdpBinding&)> on_binding);
  ~UdpConnectionRequestServer();  // Stop()s
  UdpConnectionRequestServer(const UdpConnectionRequestServer&) = delete;
  UdpConnectionRequestServer& operator=(const UdpConnectionRequestServer&) = delete;

  Status Start();
  void Stop();
  uint16_t port() const;
  // The socket's own address (UDPConnectionRequestAddress while STUN is off), after Start().
  UdpBinding local_binding() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_UDP_CONNECTION_REQUEST_SERVER_H_
