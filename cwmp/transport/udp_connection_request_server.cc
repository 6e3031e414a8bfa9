// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/udp_connection_request_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include "base/log.h"
#include "cwmp/transport/connection_request.h"
#include "cwmp/transport/stun.h"

namespace edgecwmp::cwmp {

namespace {

constexpr const char* kComponent = "udp-cr";
using Clock = std::chrono::steady_clock;
constexpr int kRetransmissions = 3;       // after 0.5, 1, 2 s (RFC 5389 7.2.1, shortened)
constexpr int kMaxDatagramsPerWake = 64;  // then the STUN timers get their turn

std::string Text(const sockaddr_in& a) {
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a.sin_addr, ip, sizeof(ip));
  return std::string(ip) + ":" + std::to_string(ntohs(a.sin_port));
}

std::optional<sockaddr_in> Resolve(const std::string& host, uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* list = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list) != 0) {
    return std::nullopt;
  }
  sockaddr_in out{};
  std::memcpy(&out, list->ai_addr, sizeof(out));
  freeaddrinfo(list);
  return out;
}

// The source address this host uses towards |to| (a connected UDP socket sends nothing).
std::string LocalIpTowards(const sockaddr_in& to) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return "";
  sockaddr_in local{};
  socklen_t n = sizeof(local);
  std::string ip;
  if (connect(s, reinterpret_cast<const sockaddr*>(&to), sizeof(to)) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&local), &n) == 0) {
    ip = Text(local);
    ip = ip.substr(0, ip.rfind(':'));
  }
  close(s);
  return ip;
}

std::chrono::seconds KeepAlive(const StunSettings& s) {
  int64_t period = s.max_keepalive_seconds;
  if (period < 0 || period < static_cast<int64_t>(s.min_keepalive_seconds)) {
    period = s.min_keepalive_seconds;
  }
  return std::chrono::seconds(std::max<int64_t>(1, period));
}

}  // namespace

bool StunSettings::operator==(const StunSettings& o) const {
  return enable == o.enable && server == o.server && port == o.port && username == o.username &&
         password == o.password && max_keepalive_seconds == o.max_keepalive_seconds &&
         min_keepalive_seconds == o.min_keepalive_seconds;
}

struct UdpConnectionRequestServer::Rep {
  UdpConnectionRequestServerConfig config;
  Credentials credentials;
  std::function<StunSettings()> stun_settings;
  std::function<void()> on_request;
  std::function<void(const UdpBinding&)> on_binding;
  UdpConnectionRequestValidator validator;
  int fd = -1;
  int wake[2] = {-1, -1};
  uint16_t bound_port = 0;
  std::thread thread;

  // STUN state, owned by the thread.
  std::optional<StunSettings> settings;
  std::optional<sockaddr_in> server;
  std::optional<stun::TransactionId> outstanding;
  int attempts = 0;
  Clock::time_point next_send;
  std::optional<stun::Endpoint> mapped;
  bool binding_change = false;
  std::optional<UdpBinding> published;

  void Loop();
  void Refresh(Clock::time_point now);
  void Tick(Clock::time_point now);
  void Send();
  void Receive();
  void OnStun(std::string_view datagram, const sockaddr_in& from);
  void OnRequest(std::string_view datagram, const sockaddr_in& from);
  void Publish(UdpBinding binding);
  std::string LocalAddress() const;
};

std::string UdpConnectionRequestServer::Rep::LocalAddress() const {
  return AdvertisedHost(config.address) + ":" + std::to_string(bound_port);
}

void UdpConnectionRequestServer::Rep::Publish(UdpBinding binding) {
  if (published && published->address == binding.address &&
      published->nat_detected == binding.nat_detected) {
    return;
  }
  Log(LogLevel::kInfo, kComponent, "UDP connection requests at ", binding.address,
      binding.nat_detected ? " (NAT detected)" : " (no NAT)",
      binding.changed ? ", binding changed" : "");
  published = binding;
  on_binding(binding);
}

// Re-reads the STUN parameters; a change restarts discovery at once.
void UdpConnectionRequestServer::Rep::Refresh(Clock::time_point now) {
  StunSettings fresh = stun_settings();
  if (settings && *settings == fresh) return;
  settings = fresh;
  outstanding.reset();
  attempts = 0;
  server.reset();
  next_send = now;
  if (!fresh.enable || fresh.server.empty()) {
    mapped.reset();
    Publish({LocalAddress(), false, false});
  }
}

void UdpConnectionRequestServer::Rep::Send() {
  stun::BindingRequest request;
  request.transaction = *outstanding;
  request.username = settings->username;
  request.password = settings->password;
  request.binding_change = binding_change;
  const std::string datagram = stun::EncodeBindingRequest(request);
  if (sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<const sockaddr*>(&*server),
             sizeof(*server)) < 0) {
    Log(LogLevel::kDebug, kComponent, "STUN send to ", Text(*server), ": ", strerror(errno));
  }
}

void UdpConnectionRequestServer::Rep::Tick(Clock::time_point now) {
  if (!settings->enable || settings->server.empty() || now < next_send) return;
  if (outstanding && attempts > kRetransmissions) {
    Log(LogLevel::kWarning, kComponent, "no answer from STUN server ", Text(*server));
    outstanding.reset();
    next_send = now + KeepAlive(*settings);
    return;
  }
  if (!outstanding) {
    server = Resolve(settings->server, settings->port);
    if (!server) {
      Log(LogLevel::kWarning, kComponent, "cannot resolve STUN server ", settings->server);
      next_send = now + KeepAlive(*settings);
      return;
    }
    stun::TransactionId id;
    RAND_bytes(id.data(), static_cast<int>(id.size()));
    outstanding = id;
    attempts = 0;
  }
  Send();
  next_send = now + std::chrono::milliseconds(500 << attempts);
  ++attempts;
}

void UdpConnectionRequestServer::Rep::OnStun(std::string_view datagram, const sockaddr_in& from) {
  stun::Message message;
  if (!outstanding || !server || from.sin_addr.s_addr != server->sin_addr.s_addr ||
      from.sin_port != server->sin_port || !stun::Decode(datagram, &message).ok() ||
      message.transaction != *outstanding) {
    return;  // not the answer we wait for
  }
  stun::Endpoint answer;
  Status s = stun::MappedAddress(datagram, message,
                                 settings->username.empty() ? "" : settings->password, &answer);
  if (!s.ok()) {
    Log(LogLevel::kWarning, kComponent, "STUN answer refused: ", s.message());
    return;
  }
  outstanding.reset();
  const bool was_change = binding_change;
  binding_change = false;
  next_send = Clock::now() + KeepAlive(*settings);
  const bool changed = mapped && *mapped != answer;
  mapped = answer;
  const std::string local = LocalIpTowards(*server) + ":" + std::to_string(bound_port);
  Publish({answer.ToString(), answer.ToString() != local, changed || was_change});
  if (changed) {
    // TR-111 part 2: tell the STUN server (and an ACS behind it) at once, with BINDING-CHANGE.
    binding_change = true;
    next_send = Clock::now();
  }
}

void UdpConnectionRequestServer::Rep::OnRequest(std::string_view datagram,
                                                const sockaddr_in& from) {
  const auto known = credentials();
  if (!known) {
    Log(LogLevel::kDebug, kComponent, "UDP connection request from ", Text(from),
        " ignored: the credentials cannot be read");
    return;
  }
  const auto& [username, password] = *known;
  const auto now = config.now_unix();
  const UdpVerdict verdict = validator.Check(datagram, username, password, now);
  if (verdict != UdpVerdict::kAccept) {
    // Debug only: anyone can send datagrams, so a line per refusal must not fill the log at
    // the default level (replays are, besides, the normal 2nd and 3rd copy).
    Log(LogLevel::kDebug, kComponent, "UDP connection request from ", Text(from),
        " ignored: ", UdpVerdictName(verdict));
    return;
  }
  if (!config.budget->TryTake()) {
    Log(LogLevel::kDebug, kComponent, "UDP connection request from ", Text(from),
        " refused: budget spent (flood)");
    return;
  }
  Log(LogLevel::kInfo, kComponent, "UDP connection request from ", Text(from), " accepted");
  on_request();
}

void UdpConnectionRequestServer::Rep::Receive() {
  char buffer[2048];
  for (int i = 0; i < kMaxDatagramsPerWake; ++i) {
    sockaddr_in from{};
    socklen_t n = sizeof(from);
    const ssize_t got =
        recvfrom(fd, buffer, sizeof(buffer), 0, reinterpret_cast<sockaddr*>(&from), &n);
    if (got < 0) return;  // EAGAIN: drained
    const std::string_view datagram(buffer, static_cast<size_t>(got));
    if (stun::LooksLikeStun(datagram)) {
      OnStun(datagram, from);
    } else {
      OnRequest(datagram, from);
    }
  }
}

void UdpConnectionRequestServer::Rep::Loop() {
  for (;;) {
    auto now = Clock::now();
    Refresh(now);
    Tick(now);
    // At most a second between settings reads; sooner when a STUN timer is due.
    auto wait = std::chrono::milliseconds(1000);
    if (settings->enable && !settings->server.empty()) {
      wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(next_send - now),
                        std::chrono::milliseconds(0), wait);
    }
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake[0], POLLIN, 0}};
    if (poll(fds, 2, static_cast<int>(wait.count())) < 0 && errno != EINTR) return;
    if (fds[1].revents) return;  // Stop()
    if (fds[0].revents & POLLIN) Receive();
  }
}

UdpConnectionRequestServer::UdpConnectionRequestServer(
    UdpConnectionRequestServerConfig config, Credentials credentials,
    std::function<StunSettings()> stun_settings, std::function<void()> on_request,
    std::function<void(const UdpBinding&)> on_binding)
    : rep_(new Rep) {
  Rep& r = *rep_;
  r.config = std::move(config);
  if (!r.config.budget) r.config.budget = std::make_shared<ConnectionRequestBudget>();
  if (!r.config.now_unix) {
    r.config.now_unix = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
  r.validator = UdpConnectionRequestValidator(r.config.validator);
  r.credentials = std::move(credentials);
  r.stun_settings = std::move(stun_settings);
  r.on_request = std::move(on_request);
  r.on_binding = std::move(on_binding);
}

UdpConnectionRequestServer::~UdpConnectionRequestServer() { Stop(); }

Status UdpConnectionRequestServer::Start() {
  Rep& r = *rep_;
  if (r.fd >= 0) return Status::InvalidArguments("UDP connection requests already started");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(r.config.port);
  if (inet_pton(AF_INET, r.config.address.c_str(), &address.sin_addr) != 1) {
    return Status::InvalidValue("UDP connection requests: not an IPv4 address: " +
                                r.config.address);
  }
  r.fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (r.fd < 0 || bind(r.fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      pipe2(r.wake, O_CLOEXEC) != 0) {
    Status s = Status::Internal("UDP connection requests on " + r.config.address + ":" +
                                std::to_string(r.config.port) + ": " + strerror(errno));
    Stop();
    return s;
  }
  socklen_t n = sizeof(address);
  getsockname(r.fd, reinterpret_cast<sockaddr*>(&address), &n);
  r.bound_port = ntohs(address.sin_port);
  r.thread = std::thread([&r] { r.Loop(); });
  return Status::Ok();
}

void UdpConnectionRequestServer::Stop() {
  Rep& r = *rep_;
  if (r.thread.joinable()) {
    const char byte = 0;
    if (write(r.wake[1], &byte, 1) < 0) Log(LogLevel::kError, kComponent, "cannot wake thread");
    r.thread.join();
  }
  for (int* fd : {&r.fd, &r.wake[0], &r.wake[1]}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
}

uint16_t UdpConnectionRequestServer::port() const { return rep_->bound_port; }

UdpBinding UdpConnectionRequestServer::local_binding() const {
  return {rep_->LocalAddress(), false, false};
}

}  // namespace edgecwmp::cwmp
