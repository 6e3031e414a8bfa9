// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/ip_ping.h"

#include "tr181/diagnostics/net_util.h"

#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

namespace edgecwmp::tr181 {
namespace {

using Clock = std::chrono::steady_clock;

// An echo socket: a ping socket (the kernel owns the identifier and filters the replies) or, where
// ping_group_range forbids it, a raw one (we match the identifier ourselves).
struct EchoSocket {
  int fd = -1;
  bool raw = false;
  int family = AF_INET;
};

EchoSocket OpenEchoSocket(int family) {
  const int protocol = family == AF_INET ? int{IPPROTO_ICMP} : int{IPPROTO_ICMPV6};
  EchoSocket s;
  s.family = family;
  s.fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, protocol);
  if (s.fd < 0) {
    s.fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, protocol);
    s.raw = true;
  }
  return s;
}

std::vector<uint8_t> EchoRequest(const EchoSocket& s, uint16_t id, uint16_t sequence,
                                 uint32_t payload) {
  std::vector<uint8_t> packet(8 + payload);
  packet[0] = static_cast<uint8_t>(s.family == AF_INET ? int{ICMP_ECHO} : int{ICMP6_ECHO_REQUEST});
  packet[4] = static_cast<uint8_t>(id >> 8);
  packet[5] = static_cast<uint8_t>(id);
  packet[6] = static_cast<uint8_t>(sequence >> 8);
  packet[7] = static_cast<uint8_t>(sequence);
  for (uint32_t i = 0; i < payload; ++i) packet[8 + i] = static_cast<uint8_t>(i);
  if (s.family == AF_INET) {  // ICMPv6's checksum is the kernel's (it covers a pseudo-header)
    const uint16_t sum = InternetChecksum(packet.data(), packet.size());
    packet[2] = static_cast<uint8_t>(sum >> 8);
    packet[3] = static_cast<uint8_t>(sum);
  }
  return packet;
}

// Whether |data| is the reply to (id, sequence). A raw IPv4 socket hands over the IP header too.
bool IsReply(const EchoSocket& s, const uint8_t* data, size_t size, uint16_t id,
             uint16_t sequence) {
  if (s.raw && s.family == AF_INET) {
    if (size < 20) return false;
    const size_t header = (data[0] & 0x0f) * 4u;
    if (size < header) return false;
    data += header;
    size -= header;
  }
  if (size < 8) return false;
  const int reply = s.family == AF_INET ? int{ICMP_ECHOREPLY} : int{ICMP6_ECHO_REPLY};
  if (data[0] != reply) return false;
  if (s.raw && ((data[4] << 8) | data[5]) != id) return false;
  return ((data[6] << 8) | data[7]) == sequence;
}

enum class Wait { kReply, kTimeout, kCanceled };

Wait AwaitReply(const EchoSocket& s, const CancelToken& cancel, Clock::time_point deadline,
                uint16_t id, uint16_t sequence) {
  std::vector<uint8_t> buffer(65536 + 64);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return Wait::kTimeout;
    pollfd fds[2] = {{s.fd, POLLIN, 0}, {cancel.fd(), POLLIN, 0}};
    const int ready = poll(fds, cancel.fd() >= 0 ? 2 : 1, static_cast<int>(left));
    if (cancel.canceled()) return Wait::kCanceled;
    if (ready <= 0 || !(fds[0].revents & POLLIN)) continue;
    const ssize_t got = recv(s.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got > 0 && IsReply(s, buffer.data(), static_cast<size_t>(got), id, sequence)) {
      return Wait::kReply;
    }
  }
}

}  // namespace

uint16_t InternetChecksum(const uint8_t* data, size_t size) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < size; i += 2) sum += (data[i] << 8) | data[i + 1];
  if (size % 2) sum += data[size - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

PingResult RunPing(const PingRequest& request, const CancelToken& cancel) {
  PingResult result;
  sockaddr_storage to{};
  socklen_t to_length = 0;
  if (!ResolveHost(request.host, request.protocol, &to, &to_length)) {
    result.state = "Error_CannotResolveHostName";
    return result;
  }
  if (!SourceAddress(to, to_length, request.device, &result.address_used)) {
    result.state = "Error_NoRouteToHost";
    return result;
  }
  EchoSocket s = OpenEchoSocket(to.ss_family);
  Fd owner(s.fd);
  if (s.fd < 0) {
    result.state = "Error_Internal";
    return result;
  }
  BindToDevice(s.fd, request.device);
  SetDscp(s.fd, s.family, request.dscp);
  const uint16_t id = static_cast<uint16_t>(std::random_device{}());
  uint64_t total_us = 0;
  for (uint32_t n = 0; n < request.repetitions; ++n) {
    const auto sequence = static_cast<uint16_t>(n + 1);
    const std::vector<uint8_t> packet = EchoRequest(s, id, sequence, request.data_block_size);
    const Clock::time_point sent = Clock::now();
    const auto deadline = sent + std::chrono::milliseconds(request.timeout_ms);
    Wait wait = Wait::kTimeout;
    if (sendto(s.fd, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to),
               to_length) == static_cast<ssize_t>(packet.size())) {
      wait = AwaitReply(s, cancel, deadline, id, sequence);
    }
    if (wait == Wait::kCanceled || cancel.canceled()) return result;
    if (wait != Wait::kReply) {
      ++result.failure;
      continue;
    }
    const uint64_t us = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - sent).count());
    result.minimum_us = result.success == 0 ? us : std::min(result.minimum_us, us);
    result.maximum_us = std::max(result.maximum_us, us);
    total_us += us;
    ++result.success;
  }
  if (result.success > 0) result.average_us = total_us / result.success;
  return result;
}

DiagnosticRun IpPingRun(std::function<std::string(const std::string&)> interface_name) {
  return [interface_name](const DiagnosticValues& in, const CancelToken& cancel) {
    PingRequest request;
    request.host = in.at("Host");
    request.device = interface_name(in.at("Interface"));
    request.protocol = in.at("ProtocolVersion");
    request.repetitions = static_cast<uint32_t>(std::stoul(in.at("NumberOfRepetitions")));
    request.timeout_ms = static_cast<uint32_t>(std::stoul(in.at("Timeout")));
    request.data_block_size = static_cast<uint32_t>(std::stoul(in.at("DataBlockSize")));
    request.dscp = static_cast<uint32_t>(std::stoul(in.at("DSCP")));
    const PingResult r = RunPing(request, cancel);
    DiagnosticOutcome out;
    out.state = r.state;
    if (r.state != "Complete") return out;
    auto ms = [](uint64_t us) { return std::to_string((us + 500) / 1000); };
    out.results = {
        {"IPAddressUsed", r.address_used},
        {"SuccessCount", std::to_string(r.success)},
        {"FailureCount", std::to_string(r.failure)},
        {"AverageResponseTime", ms(r.average_us)},
        {"MinimumResponseTime", ms(r.minimum_us)},
        {"MaximumResponseTime", ms(r.maximum_us)},
        {"AverageResponseTimeDetailed", std::to_string(r.average_us)},
        {"MinimumResponseTimeDetailed", std::to_string(r.minimum_us)},
        {"MaximumResponseTimeDetailed", std::to_string(r.maximum_us)},
    };
    return out;
  };
}

}  // namespace edgecwmp::tr181
