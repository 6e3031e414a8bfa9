// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers shared by the edgex tests: polling with a generous deadline, temp dirs.
#ifndef EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_
#define EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

namespace edgecwmp::edgex::test {

// Polls |condition| every 20 ms; false if it is still false after |deadline|.
inline bool WaitFor(const std::function<bool()>& condition,
                    std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// A fresh directory under /tmp, removed with its content on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/edgecwmp-edgex-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_
