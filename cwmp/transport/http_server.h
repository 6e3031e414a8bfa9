// SPDX-License-Identifier: GPL-2.0-or-later
// HttpServer: a small HTTP/1.1 server (Boost.Beast) on its own thread with keep-alive, a body
// limit, an idle timeout and one handler callback. Used by the connection-request listener and by
// the tests' loopback peers (test ACS, file server, EdgeX and Docker doubles). TCP (optionally TLS)
// or a unix-domain socket.
#ifndef EDGECWMP_CWMP_TRANSPORT_HTTP_SERVER_H_
#define EDGECWMP_CWMP_TRANSPORT_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace edgecwmp::cwmp {

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // "/path?query"
  std::vector<std::pair<std::string, std::string>> headers;  // as received
  std::string body;
  uint64_t connection_id = 0;  // stable for one TCP connection (Digest nonces, sessions)
  std::string peer;            // "127.0.0.1:54321" or "unix"
  std::string peer_address;    // "127.0.0.1", "::1" or "unix": who, without the port

  // Case-insensitive lookup; "" when absent.
  std::string Header(const std::string& name) const;
};

struct HttpReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // send "Connection: close" and close after writing
};

// Runs on the server thread, one request at a time: it must not block for long.
using HttpHandler = std::function<HttpReply(const HttpRequest&)>;

struct HttpServerOptions {
  std::string address = "127.0.0.1";        // "::1", "0.0.0.0", ... ignored with unix_socket_path
  uint16_t port = 0;                        // 0 = ephemeral; see HttpServer::port()
  std::string unix_socket_path;             // non-empty: listen on this socket instead of TCP
  std::string tls_cert_file, tls_key_file;  // both set: TLS
  std::string tls_client_ca_file;     // set (with TLS): client certificates required, verified
  size_t max_body_bytes = 64 * 1024;  // larger bodies get 413 and the connection closes
  int idle_timeout_seconds = 30;
  // A request head must be complete this long after the server began waiting for it (connection
  // accepted, or previous answer written); 0 = only the idle timeout applies. Counted once per
  // request head, so trickling bytes does not extend it.
  int header_timeout_ms = 0;
  size_t max_connections = 64;          // beyond: accept and close at once
  size_t max_connections_per_peer = 0;  // per source IP address (TCP); beyond: closed; 0 = no cap
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler);
  ~HttpServer();  // Stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  Status Start();         // binds and starts the thread; errors: address in use, bad TLS files
  void Stop();            // idempotent; closes every connection and joins the thread
  uint16_t port() const;  // the bound TCP port (after Start)

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_HTTP_SERVER_H_
