// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers of the UDP connection-request end-to-end tests: what cwmpd logged about its UDP
// binding, and the Informs that report one.
#ifndef EDGECWMP_TESTS_NAT_UDP_E2E_SUPPORT_H_
#define EDGECWMP_TESTS_NAT_UDP_E2E_SUPPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "tests/acs/test_acs.h"

namespace edgecwmp::nat {

// The address of the newest "UDP connection requests at <ip:port>" line in |log|.
std::optional<std::string> LoggedUdpAddress(const std::string& log);
// Lines of |log| containing |needle|.
size_t CountLines(const std::string& log, const std::string& needle);
// Lines of |log| telling of an accepted UDP connection request.
size_t CountAccepted(const std::string& log);
// The offset in |log| of the last such line (npos when none).
size_t LastAcceptedAt(const std::string& log);
// The value of |name| in the Inform's ParameterList, if listed.
std::optional<std::string> InformValue(const acs::SessionRecord& s, const std::string& name);
// The value of |name| in the session's GetParameterValuesResponses, if returned.
std::optional<std::string> ReturnedValue(const acs::SessionRecord& s, const std::string& name);

}  // namespace edgecwmp::nat

#endif  // EDGECWMP_TESTS_NAT_UDP_E2E_SUPPORT_H_
