// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/udp_connection_request.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

#include "cwmp/transport/digest_auth.h"
#include "cwmp/transport/udp_connection_request.h"

namespace edgecwmp::acs {

namespace {

bool ParseEndpoint(const std::string& text, sockaddr_in* out) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  *out = sockaddr_in{};
  out->sin_family = AF_INET;
  out->sin_port = htons(static_cast<uint16_t>(std::stoi(text.substr(colon + 1))));
  return inet_pton(AF_INET, text.substr(0, colon).c_str(), &out->sin_addr) == 1;
}

}  // namespace

Status SendUdpConnectionRequest(const UdpConnectionRequestOptions& options, std::string* text) {
  sockaddr_in to{};
  if (!ParseEndpoint(options.address, &to)) {
    return Status::InvalidValue("not an ip:port: " + options.address);
  }
  cwmp::UdpConnectionRequest request;
  request.ts = std::to_string(options.ts ? options.ts
                                         : std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
  uint32_t id = options.id;
  while (id == 0) RAND_bytes(reinterpret_cast<unsigned char*>(&id), sizeof(id));
  request.id = std::to_string(id);
  request.un = options.username;
  unsigned char nonce[8];
  RAND_bytes(nonce, sizeof(nonce));
  request.cn = cwmp::Hex(nonce, sizeof(nonce));  // 16 hex digits, as GenieACS
  request.sig = cwmp::UdpConnectionRequestSignature(request, options.password);
  char host[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &to.sin_addr, host, sizeof(host));
  const std::string datagram = cwmp::FormatUdpConnectionRequest(request, host, ntohs(to.sin_port));
  if (text) *text = datagram;

  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Internal(std::string("socket: ") + strerror(errno));
  // GenieACS shares the STUN server's port: SO_REUSEADDR (coturn sets it too).
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  sockaddr_in from{};
  from.sin_family = AF_INET;
  from.sin_port = htons(options.source_port);
  if (!options.source_ip.empty()) inet_pton(AF_INET, options.source_ip.c_str(), &from.sin_addr);
  Status status;
  if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof(from)) != 0) {
    status = Status::Internal(std::string("bind: ") + strerror(errno));
  }
  for (int i = 0; status.ok() && i < options.copies; ++i) {
    if (sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to),
               sizeof(to)) < 0) {
      status = Status::Internal(std::string("sendto: ") + strerror(errno));
    }
  }
  close(fd);
  return status;
}

}  // namespace edgecwmp::acs
