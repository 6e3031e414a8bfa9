// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionRequestBudget: the one token bucket every connection-request channel (HTTP, UDP,
// XMPP) draws from. An authenticated request takes one token; with a token it is accepted (HTTP
// 200, XMPP result) and signals the agent, whose pending-session flag coalesces any number of
// requests into the next session. Only when the bucket is empty is a request refused (HTTP 503,
// UDP dropped, XMPP service-unavailable). Thread-safe; shared by reference between channels.
//
// The numbers (defaults) and why:
//  - burst 256: GenieACS sends one connection request per NBI task posted with
//    ?connection_request, on up to two channels at once (HTTP or XMPP, plus UDP whose 3 duplicate
//    datagrams count once). An operator script that posts 100 tasks back to back therefore sends
//    up to 200 requests within seconds; 256 covers that with room for GenieACS's own retries.
//  - refill 10 per second: GenieACS carries a woken task out in about 0.5 s (its polling), so one
//    sequential script sustains at most ~2 tasks = 4 requests a second; 10/s leaves room for a
//    few scripts in parallel, while a flood (a leaked password, a looping client) is refused
//    beyond 10 requests a second once the burst is spent. Refusing costs a counter, so memory and
//    CPU stay flat however long a flood lasts.
#ifndef EDGECWMP_CWMP_TRANSPORT_CONNECTION_REQUEST_BUDGET_H_
#define EDGECWMP_CWMP_TRANSPORT_CONNECTION_REQUEST_BUDGET_H_

#include <cstdint>
#include <functional>
#include <mutex>

namespace edgecwmp::cwmp {

struct ConnectionRequestBudgetOptions {
  uint32_t burst = 256;             // bucket size; 0 refuses everything
  double refill_per_second = 10;    // tokens added per second, up to burst
  std::function<int64_t()> now_ms;  // monotonic milliseconds (tests); default steady_clock
};

class ConnectionRequestBudget {
 public:
  explicit ConnectionRequestBudget(ConnectionRequestBudgetOptions options = {});
  ConnectionRequestBudget(const ConnectionRequestBudget&) = delete;
  ConnectionRequestBudget& operator=(const ConnectionRequestBudget&) = delete;

  // Takes one token: true = accept the request, false = refuse it (the bucket is empty).
  bool TryTake();
  // Whole tokens left now (tests, logs).
  uint32_t available();

 private:
  void RefillLocked();

  ConnectionRequestBudgetOptions options_;
  std::mutex mu_;
  double tokens_;
  int64_t last_ms_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_CONNECTION_REQUEST_BUDGET_H_
