// SPDX-License-Identifier: GPL-2.0-or-later
// Header lookup shared by the HTTP server's requests and the client's responses: the first field
// whose name matches case-insensitively (RFC 9110 5.1), "" when there is none.
#ifndef EDGECWMP_BASE_HTTP_HEADERS_H_
#define EDGECWMP_BASE_HTTP_HEADERS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/core/string.hpp>

namespace edgecwmp {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

inline std::string FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (boost::beast::iequals(key, {name.data(), name.size()})) return value;
  }
  return "";
}

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_HTTP_HEADERS_H_
