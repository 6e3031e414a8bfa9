// SPDX-License-Identifier: GPL-2.0-or-later
// Session retry back-off: the windows against TR-069 3.2.1.1's table, the randomisation, the
// counter reported as Inform.RetryCount.
#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

#include "cwmp/session/retry_policy.h"

using edgecwmp::cwmp::RetryPolicy;
using edgecwmp::cwmp::RetryWindow;
using edgecwmp::cwmp::WaitSeconds;
using edgecwmp::cwmp::WindowFor;

BOOST_AUTO_TEST_SUITE(retry_policy)

BOOST_AUTO_TEST_CASE(default_windows_match_the_spec_table) {
  // TR-069 3.2.1.1, "Session Retry Wait Intervals" (m = 5, k = 2000).
  const uint32_t table[][2] = {{5, 10},    {10, 20},   {20, 40},    {40, 80},     {80, 160},
                               {160, 320}, {320, 640}, {640, 1280}, {1280, 2560}, {2560, 5120}};
  for (uint32_t n = 1; n <= 10; ++n) {
    BOOST_TEST_CONTEXT("retry #" << n) {
      const RetryWindow w = WindowFor(n);
      BOOST_TEST(w.min_seconds == table[n - 1][0]);
      BOOST_TEST(w.max_seconds == table[n - 1][1]);
    }
  }
  // "#10 and subsequent".
  for (uint32_t n : {11u, 12u, 50u, 1000000u}) {
    const RetryWindow w = WindowFor(n);
    BOOST_TEST(w.min_seconds == 2560u);
    BOOST_TEST(w.max_seconds == 5120u);
  }
  const RetryWindow first = WindowFor(0);
  BOOST_TEST(first.min_seconds == 0u);
  BOOST_TEST(first.max_seconds == 0u);
}

BOOST_AUTO_TEST_CASE(configured_minimum_and_multiplier) {
  // m·(k/1000)^(n-1) .. m·(k/1000)^n
  RetryWindow w = WindowFor(1, 10, 3000);
  BOOST_TEST(w.min_seconds == 10u);
  BOOST_TEST(w.max_seconds == 30u);
  w = WindowFor(3, 10, 3000);
  BOOST_TEST(w.min_seconds == 90u);
  BOOST_TEST(w.max_seconds == 270u);
  w = WindowFor(3, 4, 1500);  // 4·1.5² = 9, 4·1.5³ = 13.5 → 13
  BOOST_TEST(w.min_seconds == 9u);
  BOOST_TEST(w.max_seconds == 13u);
  w = WindowFor(5, 7, 1000);  // multiplier 1.000: a constant wait
  BOOST_TEST(w.min_seconds == 7u);
  BOOST_TEST(w.max_seconds == 7u);
  // TR-181 ranges: min 1..65535, multiplier 1000..65535; huge products saturate.
  w = WindowFor(1, 0, 10);
  BOOST_TEST(w.min_seconds == 1u);
  BOOST_TEST(w.max_seconds == 1u);
  w = WindowFor(10, 65535, 65535);
  BOOST_TEST(w.max_seconds == 4294967295u);
}

BOOST_AUTO_TEST_CASE(random_wait_stays_in_the_window_and_covers_it) {
  std::mt19937 rng(42);
  for (uint32_t n = 1; n <= 12; ++n) {
    const RetryWindow w = WindowFor(n);
    std::set<uint32_t> seen;
    for (int i = 0; i < 2000; ++i) {
      const uint32_t s = WaitSeconds(n, 5, 2000, rng);
      BOOST_REQUIRE(s >= w.min_seconds);
      BOOST_REQUIRE(s <= w.max_seconds);
      seen.insert(s);
    }
    // Randomised, not a fixed point of the window: many distinct values, both ends reachable.
    if (n == 1) {
      BOOST_TEST(seen.size() == 6u);  // 5..10, all of them in 2000 draws
    } else {
      BOOST_TEST(seen.size() > 5u);
    }
  }
}

BOOST_AUTO_TEST_CASE(policy_counts_failures_and_resets_on_success) {
  std::mt19937 rng(7);
  RetryPolicy policy;
  BOOST_TEST(policy.retry_count() == 0u);
  for (uint32_t n = 1; n <= 12; ++n) {
    const uint32_t wait = policy.OnSessionFailed(rng);
    BOOST_TEST(policy.retry_count() == n);
    const RetryWindow w = WindowFor(n);
    BOOST_TEST(wait >= w.min_seconds);
    BOOST_TEST(wait <= w.max_seconds);
  }
  policy.OnSessionSucceeded();
  BOOST_TEST(policy.retry_count() == 0u);
  const uint32_t wait = policy.OnSessionFailed(rng);
  BOOST_TEST(wait >= 5u);
  BOOST_TEST(wait <= 10u);
  policy.Configure(30, 1000);
  BOOST_TEST(policy.OnSessionFailed(rng) == 30u);
}

BOOST_AUTO_TEST_SUITE_END()
