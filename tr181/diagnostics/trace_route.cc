// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/trace_route.h"

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>

#include <chrono>
#include <cstring>

#include "tr181/diagnostics/net_util.h"

namespace edgecwmp::tr181 {
namespace {

using Clock = std::chrono::steady_clock;
constexpr uint16_t kFirstPort = 33434;  // the traditional traceroute base port

enum class Answer { kNone, kHop, kDestination, kOtherError, kCanceled };

struct Probe {
  Answer answer = Answer::kNone;
  std::string from;
  uint32_t code = 0;
  uint32_t rtt_ms = 0;
};

bool IsDestination(int family, const sock_extended_err& e) {
  return family == AF_INET ? (e.ee_type == 3 && e.ee_code == 3)   // port unreachable
                           : (e.ee_type == 1 && e.ee_code == 4);  // ICMPv6 port unreachable
}

bool IsTimeExceeded(int family, const sock_extended_err& e) {
  return family == AF_INET ? e.ee_type == 11 : e.ee_type == 3;
}

// Reads one ICMP report of the error queue into |probe|; false when the queue held none.
bool ReadError(int fd, int family, Probe* probe) {
  char control[512];
  char data[64];
  iovec io{data, sizeof(data)};
  sockaddr_storage to{};
  msghdr msg{};
  msg.msg_name = &to;
  msg.msg_namelen = sizeof(to);
  msg.msg_iov = &io;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) return false;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    const bool v4 = c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR;
    const bool v6 = c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR;
    if (!v4 && !v6) continue;
    sock_extended_err e;
    std::memcpy(&e, CMSG_DATA(c), sizeof(e));
    if (e.ee_origin != SO_EE_ORIGIN_ICMP && e.ee_origin != SO_EE_ORIGIN_ICMP6) continue;
    const auto* offender = reinterpret_cast<const sockaddr*>(
        reinterpret_cast<const sock_extended_err*>(CMSG_DATA(c)) + 1);
    probe->from = AddressText(offender);
    probe->code = e.ee_code;
    probe->answer = IsDestination(family, e)    ? Answer::kDestination
                    : IsTimeExceeded(family, e) ? Answer::kHop
                                                : Answer::kOtherError;
    return true;
  }
  return false;
}

Probe SendProbe(int fd, int family, sockaddr_storage to, socklen_t length, uint16_t port,
                const std::vector<char>& payload, uint32_t timeout_ms, const CancelToken& cancel) {
  Probe probe;
  if (family == AF_INET) {
    reinterpret_cast<sockaddr_in*>(&to)->sin_port = htons(port);
  } else {
    reinterpret_cast<sockaddr_in6*>(&to)->sin6_port = htons(port);
  }
  const Clock::time_point sent = Clock::now();
  if (sendto(fd, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&to), length) < 0) {
    // An ICMP error already queued for an earlier probe can fail the send: read it below.
  }
  const Clock::time_point deadline = sent + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return probe;
    pollfd fds[2] = {{fd, 0, 0}, {cancel.fd(), POLLIN, 0}};  // POLLERR is always reported
    poll(fds, cancel.fd() >= 0 ? 2 : 1, static_cast<int>(left));
    if (cancel.canceled()) {
      probe.answer = Answer::kCanceled;
      return probe;
    }
    if ((fds[0].revents & POLLERR) && ReadError(fd, family, &probe)) {
      probe.rtt_ms = static_cast<uint32_t>(
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent).count());
      return probe;
    }
  }
}

// A UDP socket whose ICMP errors are queued, with |ttl| as its TTL / hop limit.
int OpenProbeSocket(int family, uint32_t ttl, const TraceRouteRequest& request) {
  const int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fd;
  const int on = 1;
  const int hops = static_cast<int>(ttl);
  if (family == AF_INET) {
    setsockopt(fd, SOL_IP, IP_RECVERR, &on, sizeof(on));
    setsockopt(fd, SOL_IP, IP_TTL, &hops, sizeof(hops));
  } else {
    setsockopt(fd, SOL_IPV6, IPV6_RECVERR, &on, sizeof(on));
    setsockopt(fd, SOL_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof(hops));
  }
  BindToDevice(fd, request.device);
  SetDscp(fd, family, request.dscp);
  return fd;
}

}  // namespace

TraceRouteResult RunTraceRoute(const TraceRouteRequest& request, const CancelToken& cancel) {
  TraceRouteResult result;
  sockaddr_storage to{};
  socklen_t length = 0;
  if (!ResolveHost(request.host, request.protocol, &to, &length)) {
    result.state = "Error_CannotResolveHostName";
    return result;
  }
  if (!SourceAddress(to, length, request.device, &result.address_used)) {
    result.state = "Error_NoRouteToHost";
    return result;
  }
  const std::vector<char> payload(request.data_block_size, 0);
  uint16_t port = kFirstPort;
  for (uint32_t ttl = 1; ttl <= request.max_hops; ++ttl) {
    // One socket per hop: a late answer to an earlier hop's probe cannot be taken for this one.
    Fd fd(OpenProbeSocket(to.ss_family, ttl, request));
    if (fd.fd < 0) {
      result.state = "Error_Internal";
      return result;
    }
    TraceHop hop;
    bool reached = false;
    for (uint32_t n = 0; n < request.tries; ++n) {
      const Probe p =
          SendProbe(fd.fd, to.ss_family, to, length, port++, payload, request.timeout_ms, cancel);
      if (p.answer == Answer::kCanceled) return result;
      if (p.answer == Answer::kNone) continue;
      if (hop.address.empty()) hop.address = p.from;
      if (p.answer == Answer::kOtherError) hop.error_code = p.code;
      hop.rtt_ms.push_back(p.rtt_ms);
      reached = reached || p.answer == Answer::kDestination;
    }
    result.hops.push_back(hop);
    if (reached) {
      uint64_t total = 0;
      for (uint32_t rtt : hop.rtt_ms) total += rtt;
      result.response_time_ms = static_cast<uint32_t>(total / hop.rtt_ms.size());
      return result;
    }
  }
  result.state = "Error_MaxHopCountExceeded";
  return result;
}

DiagnosticRun TraceRouteRun(std::function<std::string(const std::string&)> interface_name) {
  return [interface_name](const DiagnosticValues& in, const CancelToken& cancel) {
    TraceRouteRequest request;
    request.host = in.at("Host");
    request.device = interface_name(in.at("Interface"));
    request.protocol = in.at("ProtocolVersion");
    request.tries = static_cast<uint32_t>(std::stoul(in.at("NumberOfTries")));
    request.timeout_ms = static_cast<uint32_t>(std::stoul(in.at("Timeout")));
    request.data_block_size = static_cast<uint32_t>(std::stoul(in.at("DataBlockSize")));
    request.dscp = static_cast<uint32_t>(std::stoul(in.at("DSCP")));
    request.max_hops = static_cast<uint32_t>(std::stoul(in.at("MaxHopCount")));
    const TraceRouteResult r = RunTraceRoute(request, cancel);
    DiagnosticOutcome out;
    out.state = r.state;
    if (r.state != "Complete") return out;
    out.results = {{"IPAddressUsed", r.address_used},
                   {"ResponseTime", std::to_string(r.response_time_ms)},
                   {"RouteHopsNumberOfEntries", std::to_string(r.hops.size())}};
    for (size_t i = 0; i < r.hops.size(); ++i) {
      const TraceHop& hop = r.hops[i];
      const std::string row = "RouteHops." + std::to_string(i + 1) + ".";
      std::string rtts;
      for (uint32_t rtt : hop.rtt_ms) rtts += (rtts.empty() ? "" : ",") + std::to_string(rtt);
      out.results[row + "Host"] = hop.address;  // no reverse lookup: it could stall the test
      out.results[row + "HostAddress"] = hop.address;
      out.results[row + "ErrorCode"] = std::to_string(hop.error_code);
      out.results[row + "RTTimes"] = rtts;
    }
    return out;
  };
}

}  // namespace edgecwmp::tr181
