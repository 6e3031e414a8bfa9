// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/diagnostics/delayed_echo_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "tests/support/network_lab.h"
#include "tests/support/wait_until.h"
#include "tr181/diagnostics/ip_ping.h"

namespace edgecwmp::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Due {
  Clock::time_point when;
  sockaddr_in to;
  std::vector<uint8_t> reply;
};

}  // namespace

DelayedEchoServer::DelayedEchoServer(std::string ns, std::chrono::milliseconds delay, bool answer)
    : ns_(std::move(ns)), delay_(delay), stop_fd_(eventfd(0, EFD_CLOEXEC)) {
  NetworkLab::Exec(ns_, "sysctl -qw net.ipv4.icmp_echo_ignore_all=1");
  if (answer) {
    thread_ = std::thread([this] { Serve(); });
  } else {
    state_ = 1;
  }
}

DelayedEchoServer::~DelayedEchoServer() {
  const uint64_t one = 1;
  if (write(stop_fd_, &one, sizeof(one)) < 0) {
    // eventfd writes of 1 do not fail; the join below would hang otherwise, so be loud.
    std::abort();
  }
  if (thread_.joinable()) thread_.join();
  close(stop_fd_);
}

bool DelayedEchoServer::ready() {
  WaitUntil([this] { return state_.load() != 0; });
  return state_.load() == 1;
}

void DelayedEchoServer::Serve() {
  ScopedNetns inside(ns_);
  const int fd = inside.ok() ? socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP) : -1;
  state_ = fd >= 0 ? 1 : -1;
  if (fd < 0) return;
  std::deque<Due> queue;
  std::vector<uint8_t> buffer(65600);
  for (;;) {
    int wait_ms = -1;
    if (!queue.empty()) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(queue.front().when - Clock::now())
              .count();
      wait_ms = left > 0 ? static_cast<int>(left) : 0;
    }
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    poll(fds, 2, wait_ms);
    if (fds[1].revents & POLLIN) break;
    while (!queue.empty() && queue.front().when <= Clock::now()) {
      const Due& d = queue.front();
      sendto(fd, d.reply.data(), d.reply.size(), 0, reinterpret_cast<const sockaddr*>(&d.to),
             sizeof(d.to));
      ++answered_;
      queue.pop_front();
    }
    if (!(fds[0].revents & POLLIN)) continue;
    sockaddr_in from{};
    socklen_t from_length = sizeof(from);
    const ssize_t got = recvfrom(fd, buffer.data(), buffer.size(), MSG_DONTWAIT,
                                 reinterpret_cast<sockaddr*>(&from), &from_length);
    if (got < 28) continue;
    const size_t header = (buffer[0] & 0x0f) * 4u;
    if (static_cast<size_t>(got) < header + 8 || buffer[header] != 8) continue;  // echo request
    std::vector<uint8_t> reply(buffer.begin() + static_cast<long>(header), buffer.begin() + got);
    reply[0] = 0;  // echo reply
    reply[2] = reply[3] = 0;
    const uint16_t sum = tr181::InternetChecksum(reply.data(), reply.size());
    reply[2] = static_cast<uint8_t>(sum >> 8);
    reply[3] = static_cast<uint8_t>(sum);
    queue.push_back(Due{Clock::now() + delay_, from, std::move(reply)});
  }
  close(fd);
}

}  // namespace edgecwmp::testing
