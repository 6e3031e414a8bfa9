// SPDX-License-Identifier: GPL-2.0-or-later
// RawHttpClient: a blocking, byte-level HTTP/1.1 client for tests that must control the wire (send
// several requests on one connection, malformed requests, watch the peer close). Every operation
// gives up after a deadline instead of hanging the test. Loopback TCP or a unix-domain socket.
#ifndef EDGECWMP_TESTS_SUPPORT_RAW_HTTP_CLIENT_H_
#define EDGECWMP_TESTS_SUPPORT_RAW_HTTP_CLIENT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace edgecwmp::testing {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = false;
  std::string Header(const std::string& name) const;  // case-insensitive, "" when absent
};

class RawHttpClient {
 public:
  RawHttpClient();
  ~RawHttpClient();
  RawHttpClient(const RawHttpClient&) = delete;
  RawHttpClient& operator=(const RawHttpClient&) = delete;

  // source: the local address to connect from ("" = the kernel's choice; any 127.x.y.z works on
  // Linux loopback, which lets one test act as several peers).
  bool ConnectTcp(uint16_t port, const std::string& host = "127.0.0.1",
                  const std::string& source = "");
  bool ConnectUnix(const std::string& path);

  bool SendRaw(const std::string& bytes);
  // Sends a well-formed request (Host, Content-Length added) on the open connection.
  bool Send(const std::string& method, const std::string& target, const std::string& body = "",
            const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Reads one response; false on error, timeout or end of stream.
  bool Read(RawResponse* response);
  // True when the peer closed the connection (read hits end of stream) before the deadline.
  bool PeerClosed();

  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
  std::chrono::milliseconds timeout_{10000};
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_RAW_HTTP_CLIENT_H_
