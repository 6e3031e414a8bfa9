// SPDX-License-Identifier: GPL-2.0-or-later
// FreeLoopbackPort: a TCP (or UDP) port on 127.0.0.1 that is free now, for a server a test starts
// later.
#ifndef EDGECWMP_TESTS_SUPPORT_FREE_PORT_H_
#define EDGECWMP_TESTS_SUPPORT_FREE_PORT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <random>

namespace edgecwmp::testing {

// Taken below the kernel's ephemeral range (32768+) so that no outgoing connection grabs it in
// the meantime; random, so that test programs running in parallel rarely pick the same one.
// 0 when none was found.
inline uint16_t FreeLoopbackPort(int type = SOCK_STREAM) {
  static std::mt19937 random(std::random_device{}());
  for (int attempt = 0; attempt < 1000; ++attempt) {
    uint16_t port = static_cast<uint16_t>(20000 + random() % 12000);
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return 0;
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

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_FREE_PORT_H_
