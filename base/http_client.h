// SPDX-License-Identifier: GPL-2.0-or-later
// HTTP client side on libcurl. HttpSession carries one CWMP session to the ACS: one easy handle,
// hence one keep-alive TCP connection for the whole session (GenieACS binds its Digest nonce to the
// connection), an in-memory cookie jar (GenieACS refuses a POST without its session cookie), Basic
// or Digest auth as the ACS asks, TLS verified by default, redirects per TR-069 3.4.5 and a hard
// cap on the response size. HttpFetch is the one-shot variant for REST calls and file transfers.
// Neither ever logs credentials.
#ifndef EDGECWMP_BASE_HTTP_CLIENT_H_
#define EDGECWMP_BASE_HTTP_CLIENT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace edgecwmp {

struct TlsClientOptions {
  bool verify = true;       // peer certificate and host name; off only when configured
  std::string ca_file;      // PEM bundle; empty = system default
  std::string ca_path;      // hashed CA directory; empty = system default
  std::string client_cert;  // PEM; with client_key for mutual TLS
  std::string client_key;
};

struct HttpClientConfig {
  std::string url;                 // ManagementServer.URL
  std::string username, password;  // empty username = no credentials sent
  // Basic sends the password in clear text: over plain http only Digest is answered unless this
  // is set (an ACS offering only Basic then fails the session with an explanation).
  bool allow_basic_over_http = false;
  TlsClientOptions tls;
  long connect_timeout_ms = 30000;
  long request_timeout_ms = 60000;  // one HTTP exchange (incl. auth round trips)
  size_t max_response_bytes = 512 * 1024;
  std::string user_agent = "edgecwmp";
  int max_redirects = 5;  // TR-069 3.4.5: at least 5 must be allowed per session
};

struct HttpResponse {
  long status = 0;
  std::string body;  // empty when written to HttpFetchRequest::output_file
  std::string content_type;
  std::optional<uint32_t> retry_after_seconds;  // from Retry-After (seconds or HTTP-date)
  bool connection_close = false;                // the server sent "Connection: close"
  std::string effective_url;                    // the URL that produced this response
  std::vector<std::pair<std::string, std::string>> headers;  // of the final response
  std::string Header(std::string_view name) const;           // case-insensitive, "" when absent
};

// One CWMP session. Not thread-safe; use from one thread. Post returns OK whenever an HTTP response
// arrived (whatever its status); transport failures, TLS failures, too many redirects and oversized
// responses are errors (kResourcesExceeded for the size cap, kInternal otherwise).
class HttpSession {
 public:
  explicit HttpSession(HttpClientConfig config);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // body "" = the empty POST (Content-Length 0, no Content-Type, no SOAPAction; TR-069 3.4.1).
  // Otherwise Content-Type text/xml and a SOAPAction header: empty soap_action sends "SOAPAction:"
  // with no value (required for SOAP responses and faults), else SOAPAction: "<soap_action>".
  Status Post(std::string_view body, HttpResponse* out, std::string_view soap_action = {});

  const std::string& url() const;   // the URL in use (changed by a redirect, for this session only)
  int redirects() const;            // redirects followed so far in this session
  long connections_opened() const;  // TCP connections opened so far (1 when keep-alive held)
  // The cookies the ACS set in this session (name, value), as the next Post sends them back.
  std::vector<std::pair<std::string, std::string>> cookies() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

struct HttpFetchRequest {
  std::string method = "GET";  // GET, HEAD, POST, PUT, DELETE, PATCH, ...
  std::string url;             // with unix_socket_path: "http://localhost/path"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string input_file;   // non-empty: the request body is read from this file instead
  std::string output_file;  // non-empty: the response body is written here instead of to memory
  std::string unix_socket_path;    // non-empty: connect to this socket (e.g. the Docker Engine API)
  std::string username, password;  // Basic or Digest, as the server asks
  std::string bearer_token;        // non-empty: "Authorization: Bearer <token>" (EdgeX secure mode)
  TlsClientOptions tls;
  long connect_timeout_ms = 30000;
  long timeout_ms = 60000;
  size_t max_response_bytes = 4 * 1024 * 1024;  // also caps output_file
  bool follow_redirects = false;
  int max_redirects = 5;
  bool https_only = false;  // neither the URL nor a redirect may be plain http
  std::string user_agent = "edgecwmp";
};

// One request on a fresh connection. OK when an HTTP response arrived (any status). On failure an
// output_file is removed. Neither credentials nor header values appear in a Status message.
Status HttpFetch(const HttpFetchRequest& request, HttpResponse* response);

// Percent-encodes everything but RFC 3986 unreserved characters, for query values.
std::string UrlEncode(std::string_view text);

// Parses a Retry-After value (delta-seconds or HTTP-date, RFC 9110 10.2.3) relative to now_unix.
std::optional<uint32_t> ParseRetryAfter(std::string_view value, int64_t now_unix);

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_HTTP_CLIENT_H_
