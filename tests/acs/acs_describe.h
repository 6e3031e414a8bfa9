// SPDX-License-Identifier: GPL-2.0-or-later
// One-line (or few-line) human-readable summaries of CWMP messages, for the test ACS's log and
// the output of test-acs / scripts/run.
#ifndef EDGECWMP_TESTS_ACS_ACS_DESCRIBE_H_
#define EDGECWMP_TESTS_ACS_ACS_DESCRIBE_H_

#include <string>

#include "cwmp/protocol/messages.h"

namespace edgecwmp::acs {

std::string Describe(const cwmp::AcsRequest& request);
std::string Describe(const cwmp::CpeResponse& response);
std::string Describe(const cwmp::CpeRequest& request);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_ACS_DESCRIBE_H_
