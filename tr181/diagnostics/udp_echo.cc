// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/udp_echo.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "tr181/diagnostics/http_throughput.h"
#include "tr181/diagnostics/net_util.h"

namespace edgecwmp::tr181 {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kHeader = 20;  // TR-143 A.1.4: five 32-bit fields

uint32_t Field(const uint8_t* p, int index) {
  p += index * 4;
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

void SetField(uint8_t* p, int index, uint32_t v) {
  p += index * 4;
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

uint32_t NowMicros32() {
  return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

// Waits until |deadline| for the echo of |sn|; false on timeout or cancel.
bool AwaitEcho(int fd, const CancelToken& cancel, Clock::time_point deadline, uint32_t sn,
               UdpEchoPacket* packet) {
  std::vector<uint8_t> buffer(65536);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || cancel.canceled()) return false;
    pollfd fds[2] = {{fd, POLLIN, 0}, {cancel.fd(), POLLIN, 0}};
    if (poll(fds, cancel.fd() >= 0 ? 2 : 1, static_cast<int>(left)) <= 0) continue;
    if (!(fds[0].revents & POLLIN)) continue;
    const ssize_t got = recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got < static_cast<ssize_t>(kHeader) || Field(buffer.data(), 0) != sn) continue;
    packet->received = std::chrono::system_clock::now();
    packet->resp_sn = Field(buffer.data(), 1);
    packet->resp_rcv_us = Field(buffer.data(), 2);
    packet->resp_reply_us = Field(buffer.data(), 3);
    packet->resp_failures = Field(buffer.data(), 4);
    return true;
  }
}

// Sleeps until |until| unless canceled first.
void Pause(const CancelToken& cancel, Clock::time_point until) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
  if (left <= 0) return;
  pollfd wake{cancel.fd(), POLLIN, 0};
  poll(&wake, cancel.fd() >= 0 ? 1 : 0, static_cast<int>(left));
}

}  // namespace

UdpEchoResult RunUdpEcho(const UdpEchoRequest& request, const CancelToken& cancel) {
  UdpEchoResult result;
  sockaddr_storage to{};
  socklen_t length = 0;
  if (!ResolveHost(request.host, request.protocol, &to, &length)) {
    result.state = "Error_CannotResolveHostName";
    return result;
  }
  reinterpret_cast<sockaddr_in*>(&to)->sin_port = htons(request.port);  // same offset for v6
  if (!SourceAddress(to, length, request.device, &result.address_used)) {
    result.state = "Error_Other";  // no route: the enumeration has no better name
    return result;
  }
  Fd fd(socket(to.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.fd < 0 || connect(fd.fd, reinterpret_cast<sockaddr*>(&to), length) != 0) {
    result.state = "Error_Internal";
    return result;
  }
  BindToDevice(fd.fd, request.device);
  SetDscp(fd.fd, to.ss_family, request.dscp);
  std::vector<uint8_t> datagram(std::max<size_t>(kHeader, request.data_block_size), 0);
  uint64_t total_us = 0;
  for (uint32_t n = 0; n < request.repetitions && !cancel.canceled(); ++n) {
    const Clock::time_point start = Clock::now();
    UdpEchoPacket packet;
    packet.gen_sn = n + 1;
    SetField(datagram.data(), 0, packet.gen_sn);
    packet.sent = std::chrono::system_clock::now();
    packet.success =
        send(fd.fd, datagram.data(), datagram.size(), 0) == static_cast<ssize_t>(datagram.size()) &&
        AwaitEcho(fd.fd, cancel, start + std::chrono::milliseconds(request.timeout_ms),
                  packet.gen_sn, &packet);
    if (cancel.canceled()) return result;
    if (packet.success) {
      const uint64_t us = static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(packet.received - packet.sent)
              .count());
      result.minimum_us = result.success == 0 ? us : std::min(result.minimum_us, us);
      result.maximum_us = std::max(result.maximum_us, us);
      total_us += us;
      ++result.success;
    } else {
      ++result.failure;
    }
    result.packets.push_back(packet);
    if (n + 1 < request.repetitions) {
      Pause(cancel, start + std::chrono::milliseconds(request.inter_transmission_ms));
    }
  }
  if (result.success > 0) result.average_us = total_us / result.success;
  return result;
}

DiagnosticRun UdpEchoRun(std::function<std::string(const std::string&)> interface_name) {
  return [interface_name](const DiagnosticValues& in, const CancelToken& cancel) {
    auto number = [&in](const char* name) {
      return static_cast<uint32_t>(std::stoul(in.at(name)));
    };
    UdpEchoRequest request;
    request.host = in.at("Host");
    request.port = static_cast<uint16_t>(number("Port"));
    request.device = interface_name(in.at("Interface"));
    request.protocol = in.at("ProtocolVersion");
    request.repetitions = number("NumberOfRepetitions");
    request.timeout_ms = number("Timeout");
    request.data_block_size = number("DataBlockSize");
    request.dscp = number("DSCP");
    request.inter_transmission_ms = number("InterTransmissionTime");
    const UdpEchoResult r = RunUdpEcho(request, cancel);
    DiagnosticOutcome out;
    out.state = r.state;
    if (r.state != "Complete") return out;
    out.results = {
        {"IPAddressUsed", r.address_used},
        {"SuccessCount", std::to_string(r.success)},
        {"FailureCount", std::to_string(r.failure)},
        {"AverageResponseTime", std::to_string(r.average_us)},
        {"MinimumResponseTime", std::to_string(r.minimum_us)},
        {"MaximumResponseTime", std::to_string(r.maximum_us)},
    };
    const std::string& individual = in.at("EnableIndividualPacketResults");
    if (individual != "true" && individual != "1") return out;
    const size_t rows = std::min<size_t>(r.packets.size(), 100);  // UDPEchoDiagnosticsMaxResults
    out.results["IndividualPacketResultNumberOfEntries"] = std::to_string(rows);
    for (size_t i = 0; i < rows; ++i) {
      const UdpEchoPacket& p = r.packets[i];
      const std::string row = "IndividualPacketResult." + std::to_string(i + 1) + ".";
      out.results[row + "PacketSuccess"] = p.success ? "true" : "false";
      out.results[row + "PacketSendTime"] = FormatMicroDateTime(p.sent);
      out.results[row + "PacketReceiveTime"] =
          p.success ? FormatMicroDateTime(p.received) : "0001-01-01T00:00:00Z";
      out.results[row + "TestGenSN"] = std::to_string(p.gen_sn);
      out.results[row + "TestRespSN"] = std::to_string(p.resp_sn);
      out.results[row + "TestRespRcvTimeStamp"] = std::to_string(p.resp_rcv_us);
      out.results[row + "TestRespReplyTimeStamp"] = std::to_string(p.resp_reply_us);
      out.results[row + "TestRespReplyFailureCount"] = std::to_string(p.resp_failures);
    }
    return out;
  };
}

UdpEchoServer::UdpEchoServer(const UdpEchoServerOptions& options) : options_(options) {
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_port = htons(options.port);
  if (!options.address.empty() &&
      inet_pton(AF_INET, options.address.c_str(), &local.sin_addr) != 1) {
    return;
  }
  fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  BindToDevice(fd_, options.device);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    close(fd_);
    fd_ = -1;
    return;
  }
  thread_ = std::thread([this] { Serve(); });
}

UdpEchoServer::~UdpEchoServer() {
  stop_.Cancel();
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
}

void UdpEchoServer::Serve() {
  std::vector<uint8_t> buffer(65536);
  while (!stop_.canceled()) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_.fd(), POLLIN, 0}};
    if (poll(fds, stop_.fd() >= 0 ? 2 : 1, 1000) <= 0 || !(fds[0].revents & POLLIN)) continue;
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof peer;
    const ssize_t got = recvfrom(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT,
                                 reinterpret_cast<sockaddr*>(&peer), &peer_length);
    if (got < 0) continue;
    if (!options_.allowed_source.empty() &&
        AddressText(reinterpret_cast<sockaddr*>(&peer)) != options_.allowed_source) {
      continue;  // TR-181 SourceIPAddress: only that source is answered
    }
    const uint32_t received_at = NowMicros32();
    const int64_t now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    if (received_ == 0) first_us_ = now_us;
    last_us_ = now_us;
    bytes_received_ += static_cast<uint32_t>(got);
    const uint32_t sn = ++received_;
    if (options_.echo_plus && got >= static_cast<ssize_t>(kHeader)) {
      SetField(buffer.data(), 1, sn);
      SetField(buffer.data(), 2, received_at);
      SetField(buffer.data(), 4, failures_);
      SetField(buffer.data(), 3, NowMicros32());
    }
    if (sendto(fd_, buffer.data(), static_cast<size_t>(got), 0, reinterpret_cast<sockaddr*>(&peer),
               peer_length) == got) {
      bytes_responded_ += static_cast<uint32_t>(got);
      ++responded_;
    } else {
      ++failures_;
    }
  }
}

}  // namespace edgecwmp::tr181
