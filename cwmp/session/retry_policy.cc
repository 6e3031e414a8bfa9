// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/session/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgecwmp::cwmp {

namespace {

// m·(k/1000)^e seconds, rounded down, saturating. Exact for the integral cases (k a multiple of
// 1000): those are computed in integers so that the spec's table comes out digit for digit.
uint32_t Bound(uint32_t m, uint32_t k, uint32_t e) {
  constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
  if (k % 1000 == 0) {
    uint64_t v = m;
    for (uint32_t i = 0; i < e && v <= kMax; ++i) v *= k / 1000;
    return static_cast<uint32_t>(std::min<uint64_t>(v, kMax));
  }
  const long double ratio = static_cast<long double>(k) / 1000.0L;
  const long double v = static_cast<long double>(m) * std::pow(ratio, static_cast<long double>(e));
  if (!(v < static_cast<long double>(kMax))) return static_cast<uint32_t>(kMax);
  return static_cast<uint32_t>(std::floor(v));
}

}  // namespace

// TR-069 3.2.1.1: retry #n waits in [m·(k/1000)^(n-1), m·(k/1000)^n]; #10 and later as #10.
RetryWindow WindowFor(uint32_t retry_count, uint32_t min_wait, uint32_t multiplier) {
  if (retry_count == 0) return {};
  const uint32_t m = std::clamp<uint32_t>(min_wait, 1, 65535);
  const uint32_t k = std::clamp<uint32_t>(multiplier, 1000, 65535);
  const uint32_t n = std::min(retry_count, kRetryWindowCap);
  return {Bound(m, k, n - 1), Bound(m, k, n)};
}

uint32_t WaitSeconds(uint32_t retry_count, uint32_t min_wait, uint32_t multiplier,
                     std::mt19937& rng) {
  const RetryWindow w = WindowFor(retry_count, min_wait, multiplier);
  std::uniform_int_distribution<uint32_t> pick(w.min_seconds, w.max_seconds);
  return pick(rng);
}

uint32_t RetryPolicy::OnSessionFailed(std::mt19937& rng) {
  if (retry_count_ < std::numeric_limits<uint32_t>::max()) ++retry_count_;
  return WaitSeconds(retry_count_, min_wait_, multiplier_, rng);
}

}  // namespace edgecwmp::cwmp
