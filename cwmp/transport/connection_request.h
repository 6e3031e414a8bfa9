// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionRequestServer: the CPE's HTTP listener for ACS connection requests (TR-069 3.2.2). A
// request of any method to the configured path, authenticated with Digest (MD5 or SHA-256,
// qop=auth; Basic only when allowed) against the credentials read live from the caller, is answered
// 200 with an empty body and signals on_request(); wrong credentials get 401 and no signal, another
// path 404. Every authenticated request takes a token from the shared ConnectionRequestBudget
// (TR-069 3.2.2 rate limit): the agent coalesces accepted requests into its next session, so
// back-to-back requests all get 200; only when the bucket is empty (a flood) is the answer 503. One
// source address holds at most max_connections_per_peer of the max_connections slots and a request
// head must arrive within header_timeout_ms, so a single (slowloris) peer cannot lock the ACS out.
// A refused Authorization is logged as a warning with the peer address and user name offered, at
// most once a minute per address. on_request runs on the server thread and must only set a flag.
#ifndef EDGECWMP_CWMP_TRANSPORT_CONNECTION_REQUEST_H_
#define EDGECWMP_CWMP_TRANSPORT_CONNECTION_REQUEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "base/status.h"
#include "cwmp/transport/connection_request_budget.h"
#include "cwmp/transport/credentials_source.h"
#include "cwmp/transport/http_server.h"

namespace edgecwmp::cwmp {

struct ConnectionRequestConfig {
  std::string address = "0.0.0.0";  // listen address
  uint16_t port = 7547;             // 0 = ephemeral (tests); url() reports the bound port
  std::string path = "/";
  std::string host;  // host advertised in the URL; "" = address, or this host's when a wildcard
  bool allow_basic = false;
  // An empty ConnectionRequestUsername and Password mean "no authentication": GenieACS sends no
  // credentials when it stores none, and the defaults must work with it out of the box.
  bool anonymous_when_no_credentials = true;
  std::string realm = "edgecwmp";
  uint32_t nonce_lifetime_seconds = 300;
  // The token bucket shared with the other channels (UDP, XMPP); null = a private one with the
  // default numbers (connection_request_budget.h).
  std::shared_ptr<ConnectionRequestBudget> budget;
  size_t max_connections = 16;
  // One source address may hold only this many connections (more are closed at once), so a single
  // peer cannot take every slot. 4: an ACS needs one connection per request (two with a Digest
  // challenge on separate connections), so 4 covers overlapping requests from one ACS while 12 of
  // the 16 slots stay for other addresses.
  size_t max_connections_per_peer = 4;
  // A request whose head is not complete this long after the connection (or the previous answer)
  // is closed: a slowloris peer holds a slot for at most this long. GenieACS's own timeout for a
  // connection request is 2 s.
  int header_timeout_ms = 5000;
  int idle_timeout_seconds = 10;
  // monotonic clock for nonces and the auth-failure log (tests)
  std::function<int64_t()> now_seconds;
};

class ConnectionRequestServer {
 public:
  ConnectionRequestServer(ConnectionRequestConfig config, CredentialsSource credentials,
                          std::function<void()> on_request);
  ~ConnectionRequestServer();  // Stop()s
  ConnectionRequestServer(const ConnectionRequestServer&) = delete;
  ConnectionRequestServer& operator=(const ConnectionRequestServer&) = delete;

  Status Start();
  void Stop();
  // The ConnectionRequestURL served: http://<host>:<port><path> (IPv6 hosts in brackets).
  std::string url() const;
  uint16_t port() const;
  size_t tracked_nonces() const;  // bounded memory, for tests
  // The reply the listener sends to |request| (Start() not needed): lets the fuzzer drive the
  // request handling without sockets.
  HttpReply Answer(const HttpRequest& request);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// |address| itself, or for the wildcard addresses ("", 0.0.0.0, ::) the first non-loopback IPv4
// address of this host (127.0.0.1 when none).
std::string AdvertisedHost(const std::string& address);

// "http://host:port/path" with IPv6 literals bracketed; the wildcard addresses are replaced by the
// first non-loopback address of this host (127.0.0.1 when none).
std::string ConnectionRequestUrl(const std::string& host, const std::string& address, uint16_t port,
                                 const std::string& path);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_CONNECTION_REQUEST_H_
