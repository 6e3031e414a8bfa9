// SPDX-License-Identifier: GPL-2.0-or-later
// AuthFailureLog: the audit trail of failed authentications, which a flood of them cannot turn
// into a flood of log lines. Per peer address at most one warning per window, carrying the number
// of failures from that address left out since its previous line; the user name offered is
// logged (sanitised and shortened), the password or Digest response never. Memory is bounded:
// beyond max_peers addresses, the others share one entry. Thread-safe.
#ifndef EDGECWMP_CWMP_TRANSPORT_AUTH_FAILURE_LOG_H_
#define EDGECWMP_CWMP_TRANSPORT_AUTH_FAILURE_LOG_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace edgecwmp::cwmp {

class AuthFailureLog {
 public:
  // what: the service named in the line ("connection request"); now_seconds: a monotonic clock.
  AuthFailureLog(std::string what, std::function<int64_t()> now_seconds,
                 int64_t window_seconds = 60, size_t max_peers = 256);

  // One failed attempt from peer_address by user (as offered; "" when none could be read).
  void Record(const std::string& peer_address, std::string_view user);

 private:
  struct Peer {
    int64_t logged_at = 0;
    uint64_t left_out = 0;  // failures not logged since logged_at
  };
  using Peers = std::map<std::string, Peer>;
  Peers::iterator Find(const std::string& peer_address, int64_t now);

  const std::string what_;
  const std::function<int64_t()> now_seconds_;
  const int64_t window_seconds_;
  const size_t max_peers_;
  std::mutex mu_;
  Peers peers_;
};

// The user name as it may appear in a log line: printable ASCII without quotes or backslashes
// (others become '?'), at most 64 characters.
std::string LoggableUserName(std::string_view user);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_AUTH_FAILURE_LOG_H_
