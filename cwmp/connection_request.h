// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionRequestServer: the CPE's HTTP listener for ACS connection requests (TR-069 3.2.2). A
// request of any method to the configured path, authenticated with Digest (MD5 or SHA-256,
// qop=auth; Basic only when allowed) against the credentials read live from the caller, is answered
// 200 with an empty body and signals on_request(); wrong credentials get 401 and no signal, another
// path 404, and an authenticated request within min_interval_seconds of the last accepted one 503
// (TR-069 3.2.2 rate limit). on_request runs on the server thread and must only set a flag.
#ifndef EDGECWMP_CWMP_CONNECTION_REQUEST_H_
#define EDGECWMP_CWMP_CONNECTION_REQUEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "cwmp/http_server.h"
#include "datamodel/status.h"

namespace edgecwmp::cwmp {

struct ConnectionRequestConfig {
  std::string address = "0.0.0.0";  // listen address
  uint16_t port = 7547;              // 0 = ephemeral (tests); url() reports the bound port
  std::string path = "/";
  std::string host;  // host advertised in the URL; "" = address, or this host's when a wildcard
  bool allow_basic = false;
  // An empty ConnectionRequestUsername and Password mean "no authentication": GenieACS sends no
  // credentials when it stores none, and the defaults must work with it out of the box.
  bool anonymous_when_no_credentials = true;
  std::string realm = "edgecwmp";
  uint32_t nonce_lifetime_seconds = 300;
  uint32_t min_interval_seconds = 1;  // between accepted requests
  size_t max_connections = 16;
  int idle_timeout_seconds = 10;
  std::function<int64_t()> now_seconds;  // monotonic clock for nonces and the rate limit (tests)
};

using CredentialsSource = std::function<std::pair<std::string, std::string>()>;

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

// "http://host:port/path" with IPv6 literals bracketed; the wildcard addresses are replaced by the
// first non-loopback address of this host (127.0.0.1 when none).
std::string ConnectionRequestUrl(const std::string& host, const std::string& address,
                                 uint16_t port, const std::string& path);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_CONNECTION_REQUEST_H_
