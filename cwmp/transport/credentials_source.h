// SPDX-License-Identifier: GPL-2.0-or-later
// What every connection-request channel (HTTP, UDP, XMPP) checks a request against.
#ifndef EDGECWMP_CWMP_TRANSPORT_CREDENTIALS_SOURCE_H_
#define EDGECWMP_CWMP_TRANSPORT_CREDENTIALS_SOURCE_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace edgecwmp::cwmp {

// The connection-request username and password, read live; nullopt when they cannot be read,
// which refuses every request (fail closed) instead of reading as "none configured".
using CredentialsSource = std::function<std::optional<std::pair<std::string, std::string>>()>;

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_CREDENTIALS_SOURCE_H_
