// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for the events tests: a temporary directory removed at scope exit, whole-file I/O.
#ifndef EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_
#define EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace edgecwmp::test {

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/edgecwmp-events-XXXXXX";
    const char* made = mkdtemp(tmpl);
    if (!made) throw std::runtime_error("mkdtemp failed");
    path = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path;
};

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
