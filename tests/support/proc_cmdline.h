// SPDX-License-Identifier: GPL-2.0-or-later
// CommandLineOf: a process's arguments joined by spaces, from /proc/<pid>/cmdline, for tests that
// check which program a supervisor started; "" once the process is gone.
#ifndef EDGECWMP_TESTS_SUPPORT_PROC_CMDLINE_H_
#define EDGECWMP_TESTS_SUPPORT_PROC_CMDLINE_H_

#include <algorithm>
#include <string>

#include "tests/support/temp_dir.h"

namespace edgecwmp::testing {

inline std::string CommandLineOf(long pid) {
  std::string raw = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  std::replace(raw.begin(), raw.end(), '\0', ' ');
  return raw;
}

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_PROC_CMDLINE_H_
