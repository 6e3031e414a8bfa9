// SPDX-License-Identifier: GPL-2.0-or-later
// What the IP diagnostics share: a descriptor closed at scope exit, name resolution per
// ProtocolVersion, the kernel's choice of source address, and per-socket interface and DSCP.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_NET_UTIL_H_
#define EDGECWMP_TR181_DIAGNOSTICS_NET_UTIL_H_

#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <string>

namespace edgecwmp::tr181 {

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

// |protocol| is a ProtocolVersion value: Any | IPv4 | IPv6. False when |host| does not resolve.
bool ResolveHost(const std::string& host, const std::string& protocol, sockaddr_storage* address,
                 socklen_t* length);
// The source address the kernel picks to reach |to| (through |device| when not ""), as text.
bool SourceAddress(const sockaddr_storage& to, socklen_t length, const std::string& device,
                   std::string* text);
std::string AddressText(const sockaddr* address);      // "" when not IPv4/IPv6
void BindToDevice(int fd, const std::string& device);  // no-op for ""
void SetDscp(int fd, int family, uint32_t dscp);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_NET_UTIL_H_
