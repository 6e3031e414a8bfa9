// SPDX-License-Identifier: GPL-2.0-or-later
// The helpers of tests/support under the names the edgex tests use: polling with a generous
// deadline, temp dirs, free loopback ports, whole files.
#ifndef EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_
#define EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_

#include <chrono>
#include <functional>
#include <string>

#include "tests/support/free_port.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::edgex::test {

// Polls |condition| every 20 ms; false if it is still false after |deadline|.
inline bool WaitFor(const std::function<bool()>& condition,
                    std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  return testing::WaitUntil(condition, deadline, std::chrono::milliseconds(20));
}

using TempDir = testing::TempDir;
using testing::FreeLoopbackPort;

inline std::string ReadAll(const std::string& path) { return testing::ReadFile(path); }
inline void WriteAll(const std::string& path, const std::string& text) {
  testing::WriteFile(path, text);
}

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_
