// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/net_util.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>

namespace edgecwmp::tr181 {

bool ResolveHost(const std::string& host, const std::string& protocol, sockaddr_storage* address,
                 socklen_t* length) {
  addrinfo hints{};
  hints.ai_family = protocol == "IPv4" ? AF_INET : protocol == "IPv6" ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (host.empty() || getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    return false;
  }
  std::memcpy(address, found->ai_addr, found->ai_addrlen);
  *length = found->ai_addrlen;
  freeaddrinfo(found);
  return true;
}

std::string AddressText(const sockaddr* address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  const void* raw = nullptr;
  if (address->sa_family == AF_INET) {
    raw = &reinterpret_cast<const sockaddr_in*>(address)->sin_addr;
  } else if (address->sa_family == AF_INET6) {
    raw = &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
  }
  if (raw == nullptr || inet_ntop(address->sa_family, raw, buffer, sizeof(buffer)) == nullptr) {
    return "";
  }
  return buffer;
}

void BindToDevice(int fd, const std::string& device) {
  if (!device.empty()) {
    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device.c_str(),
               static_cast<socklen_t>(device.size()));
  }
}

bool SourceAddress(const sockaddr_storage& to, socklen_t length, const std::string& device,
                   std::string* text) {
  // A connected UDP socket sends nothing; the kernel still picks route and source.
  Fd probe(socket(to.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (probe.fd < 0) return false;
  BindToDevice(probe.fd, device);
  sockaddr_storage with_port = to;
  if (to.ss_family == AF_INET) {
    reinterpret_cast<sockaddr_in*>(&with_port)->sin_port = htons(9);
  } else {
    reinterpret_cast<sockaddr_in6*>(&with_port)->sin6_port = htons(9);
  }
  if (connect(probe.fd, reinterpret_cast<sockaddr*>(&with_port), length) != 0) return false;
  sockaddr_storage local{};
  socklen_t local_length = sizeof(local);
  if (getsockname(probe.fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) return false;
  *text = AddressText(reinterpret_cast<sockaddr*>(&local));
  return !text->empty();
}

void SetDscp(int fd, int family, uint32_t dscp) {
  const int tos = static_cast<int>(dscp << 2);
  if (family == AF_INET) {
    setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos));
  } else {
    setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof(tos));
  }
}

}  // namespace edgecwmp::tr181
