// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/auth_failure_log.h"

#include <utility>

#include "base/log.h"

namespace edgecwmp::cwmp {

namespace {
constexpr size_t kMaxUserChars = 64;
constexpr const char* kOtherPeers = "other addresses";  // the shared entry beyond max_peers
}  // namespace

std::string LoggableUserName(std::string_view user) {
  std::string out;
  for (char c : user.substr(0, kMaxUserChars)) {
    const bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    out += plain ? c : '?';
  }
  if (user.size() > kMaxUserChars) out += "...";
  return out;
}

AuthFailureLog::AuthFailureLog(std::string what, std::function<int64_t()> now_seconds,
                               int64_t window_seconds, size_t max_peers)
    : what_(std::move(what)),
      now_seconds_(std::move(now_seconds)),
      window_seconds_(window_seconds),
      max_peers_(max_peers) {}

// The entry of peer_address; a new one is made room for by forgetting the peers with nothing left
// out whose window has passed, else it is the entry shared by all other addresses. A new entry
// starts with its window passed, so its first failure is logged.
AuthFailureLog::Peers::iterator AuthFailureLog::Find(const std::string& peer_address, int64_t now) {
  auto it = peers_.find(peer_address);
  if (it != peers_.end()) return it;
  if (peers_.size() >= max_peers_) {
    for (auto i = peers_.begin(); i != peers_.end();) {
      const bool quiet = i->second.left_out == 0 && now - i->second.logged_at >= window_seconds_;
      i = quiet ? peers_.erase(i) : std::next(i);
    }
  }
  const std::string& key = peers_.size() < max_peers_ ? peer_address : kOtherPeers;
  auto [entry, added] = peers_.try_emplace(key);
  if (added) entry->second.logged_at = now - window_seconds_;
  return entry;
}

void AuthFailureLog::Record(const std::string& peer_address, std::string_view user) {
  uint64_t left_out = 0;
  bool shared = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const int64_t now = now_seconds_();
    auto entry = Find(peer_address, now);
    Peer& peer = entry->second;
    if (now - peer.logged_at < window_seconds_) {
      ++peer.left_out;
      return;
    }
    left_out = std::exchange(peer.left_out, 0);
    peer.logged_at = now;
    shared = entry->first == kOtherPeers;
  }
  std::string line = what_ + " authentication failed from " + peer_address + ", user \"" +
                     LoggableUserName(user) + "\"";
  if (left_out > 0) {
    line += " (" + std::to_string(left_out) + " more from " +
            (shared ? "untracked addresses" : "this address") + " since the last report)";
  }
  Log(LogLevel::kWarning, "auth", line);
}

}  // namespace edgecwmp::cwmp
