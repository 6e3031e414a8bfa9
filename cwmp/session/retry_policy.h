// SPDX-License-Identifier: GPL-2.0-or-later
// Session retry back-off (TR-069 3.2.1.1, "Session Retry Wait Intervals"): after the n-th failed
// attempt the CPE waits a random time in [m·(k/1000)^(n-1), m·(k/1000)^n] seconds, where
// m = ManagementServer.CWMPRetryMinimumWaitInterval (default 5) and
// k = ManagementServer.CWMPRetryIntervalMultiplier (default 2000, i.e. 2.0); from the 10th retry on
// the window stays that of the 10th (5-10, 10-20, ... 2560-5120 s with the defaults). The Inform of
// a retried session reports the retry number as RetryCount; a successful session resets it.
// Pure computation; the randomness is injected.
#ifndef EDGECWMP_CWMP_SESSION_RETRY_POLICY_H_
#define EDGECWMP_CWMP_SESSION_RETRY_POLICY_H_

#include <cstdint>
#include <random>

namespace edgecwmp::cwmp {

inline constexpr uint32_t kDefaultRetryMinimumWaitInterval = 5;    // seconds
inline constexpr uint32_t kDefaultRetryIntervalMultiplier = 2000;  // 2.000
inline constexpr uint32_t kRetryWindowCap = 10;  // "#10 and subsequent" share the 10th window

struct RetryWindow {
  uint32_t min_seconds = 0;
  uint32_t max_seconds = 0;
};

// The wait window before retry number |retry_count| (1 = the first retry after one failure).
// retry_count 0 is the first attempt: {0, 0}. Out-of-range parameters are clamped to TR-181's
// ranges (min_wait 1..65535, multiplier 1000..65535); results saturate at UINT32_MAX.
RetryWindow WindowFor(uint32_t retry_count, uint32_t min_wait = kDefaultRetryMinimumWaitInterval,
                      uint32_t multiplier = kDefaultRetryIntervalMultiplier);

// A uniformly random whole number of seconds inside WindowFor(...), bounds included.
uint32_t WaitSeconds(uint32_t retry_count, uint32_t min_wait, uint32_t multiplier,
                     std::mt19937& rng);

// The session engine's retry counter: counts failures, hands out the next wait, resets on success.
class RetryPolicy {
 public:
  RetryPolicy() = default;
  RetryPolicy(uint32_t min_wait, uint32_t multiplier)
      : min_wait_(min_wait), multiplier_(multiplier) {}

  void Configure(uint32_t min_wait, uint32_t multiplier) {
    min_wait_ = min_wait;
    multiplier_ = multiplier;
  }
  // A session attempt failed: the counter goes up and the wait before the next attempt is returned.
  uint32_t OnSessionFailed(std::mt19937& rng);
  // The session completed: the next Inform reports RetryCount 0 again.
  void OnSessionSucceeded() { retry_count_ = 0; }

  // The value for Inform.RetryCount of the next attempt.
  uint32_t retry_count() const { return retry_count_; }
  uint32_t min_wait() const { return min_wait_; }
  uint32_t multiplier() const { return multiplier_; }

 private:
  uint32_t min_wait_ = kDefaultRetryMinimumWaitInterval;
  uint32_t multiplier_ = kDefaultRetryIntervalMultiplier;
  uint32_t retry_count_ = 0;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_SESSION_RETRY_POLICY_H_
