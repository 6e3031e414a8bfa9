// SPDX-License-Identifier: GPL-2.0-or-later
// RestCall: one blocking HTTP request through libcurl, over TCP or a unix-domain socket, with
// connect and total timeouts. Transport failures become a Status; any HTTP status is a response.
// Header values (which may carry a bearer token) never appear in a Status message.
#ifndef EDGECWMP_TR181_EDGEX_REST_H_
#define EDGECWMP_TR181_EDGEX_REST_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex {

struct RestRequest {
  std::string method = "GET";
  std::string url;                  // "http://host:port/path"; with a unix socket the host is free
  std::string unix_socket_path;     // non-empty: connect to this socket instead of TCP
  std::vector<std::string> headers; // "Name: value"
  std::string username, password;   // HTTP Basic, sent with the request, when username is set
  std::string body;                 // sent for any method when non-empty (or for POST/PUT)
  std::string ca_file, ca_path;     // https: trusted CAs ("" = the system's)
  long connect_timeout_ms = 2000;
  long timeout_ms = 5000;
};

struct RestResponse {
  long status = 0;  // HTTP status code
  std::string body;
};

Status RestCall(const RestRequest& request, RestResponse* response);

// Percent-encodes everything but RFC 3986 unreserved characters, for query values.
std::string UrlEncode(const std::string& text);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_REST_H_
