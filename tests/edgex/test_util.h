// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers shared by the edgex tests: polling with a generous deadline, temp dirs.
#ifndef EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_
#define EDGECWMP_TESTS_EDGEX_TEST_UTIL_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"

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

using TempDir = testing::TempDir;  // tests/support/temp_dir.h

// A free TCP port on 127.0.0.1 for a server the test starts later. Taken below the kernel's
// ephemeral range (32768+) so that no outgoing connection grabs it in the meantime; random, so
// that test programs running in parallel rarely pick the same one.
inline uint16_t FreeLoopbackPort() {
  static std::mt19937 random(std::random_device{}());
  for (int attempt = 0; attempt < 1000; ++attempt) {
    uint16_t port = static_cast<uint16_t>(20000 + random() % 12000);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    bool free = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    if (free) return port;
  }
  return 0;
}

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
