// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for the events tests: the shared temporary directory, whole-file I/O.
#ifndef EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_
#define EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace edgecwmp::test {

using TempDir = testing::TempDir;  // tests/support/temp_dir.h

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteAll(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

}  // namespace edgecwmp::test

#endif  // EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_
