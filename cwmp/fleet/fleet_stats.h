// SPDX-License-Identifier: GPL-2.0-or-later
// FleetStats: what a fleet run measures from its finished sessions: sessions per second (over the
// run and over the last 10 s), the ACS's response time per kind of CPE message (p50/p95/p99 from a
// fixed-size log-linear histogram: thousands of CPEs and millions of samples cost the same few KB,
// percentiles within 3.2 %), session outcomes, HTTP errors by status and faults by code. It prints
// a one-line progress string and a JSON report at the end.
//
// Use: `fleet.AddObserver(&stats)`; `stats.ProgressLine()` every second; `stats.Report()` at the
// end. Thread-safe: OnSession may run on many worker threads; it takes one lock per session and
// allocates nothing for a session without faults once every kind of message has been seen.
//
// Fault codes are read from the bodies, which the fleet keeps only when an observer asks for them
// (NeedsBodies: FleetStatsOptions::fault_codes, or AcsConformance); without them a fault counts
// under "unknown".
#ifndef EDGECWMP_CWMP_FLEET_FLEET_STATS_H_
#define EDGECWMP_CWMP_FLEET_FLEET_STATS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cwmp/fleet/session_transcript.h"

namespace edgecwmp::cwmp::fleet {

// Fixed-memory histogram of non-negative values (microseconds): exact below 16, then 16 linear
// buckets per power of two up to 2^40 (larger values land in the last bucket). Not thread-safe.
class LatencyHistogram {
 public:
  static constexpr int kSubBuckets = 16;
  static constexpr int kMaxPower = 40;
  static constexpr int kBuckets = kSubBuckets + (kMaxPower - 4 + 1) * kSubBuckets;

  void Add(int64_t value);
  uint64_t count() const { return count_; }
  int64_t max() const { return max_; }
  // The value at quantile q in [0, 1] (the middle of its bucket, never above max()); 0 when empty.
  int64_t Percentile(double q) const;

 private:
  static int BucketOf(int64_t value);
  static int64_t LowerBound(int bucket);
  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
  int64_t max_ = 0;
};

// How a session ended, from its transcript.
enum class SessionOutcomeKind {
  kCompleted,    // the ACS closed it as TR-069 3.7.1.4 says
  kInformFault,  // the Inform was answered with a fault (8005: retry later)
  kHttpError,    // an HTTP status other than 200/204 ended it
  kNoAnswer,     // connect error, reset or timeout
  kIncomplete,   // anything else (a protocol error, a misbehaving CPE cut it)
};
const char* SessionOutcomeKindName(SessionOutcomeKind kind);
SessionOutcomeKind OutcomeOf(const SessionTranscript& session);

struct FleetStatsOptions {
  // Monotonic microseconds (tests inject a fake); default std::chrono::steady_clock.
  std::function<int64_t()> now_micros;
  bool fault_codes = false;       // ask the fleet for bodies so faults are counted by code
  size_t max_message_kinds = 64;  // distinct message names timed; later ones count as "other"
};

class FleetStats : public SessionObserver {
 public:
  explicit FleetStats(FleetStatsOptions options = {});

  bool NeedsBodies() const override { return options_.fault_codes; }
  void OnSession(const SessionTranscript& session) override;

  // "12345 sessions, 812.3/s (last 10 s 790.0/s) | completed 12300, http error 40, no answer 5 |
  //  faults 7 | Inform p50 1.2 ms p95 3.4 ms p99 9.9 ms"
  std::string ProgressLine() const;
  // {"elapsed_seconds", "sessions", "sessions_per_second", "exchanges", "outcomes": {...},
  //  "http_errors": {"400": n, "no answer": n}, "acs_faults": {"8005": n},
  //  "cpe_faults": {"9005": n}, "response_micros": {"Inform": {"count", "p50", "p95", "p99",
  //  "max"}, "empty POST": {...}, ...}}
  nlohmann::json Report() const;

  uint64_t sessions() const;
  // The response-time histogram of one kind of CPE message ("Inform", "empty POST", ...).
  LatencyHistogram ResponseTimes(const std::string& cpe_message) const;

 private:
  static constexpr int kRateSlots = 16;  // seconds remembered for the recent rate
  static constexpr int kRateWindow = 10;

  int64_t Now() const;
  void CountSecond(int64_t now);
  double RecentRate(int64_t now) const;
  LatencyHistogram& HistogramFor(std::string_view cpe_message);
  void CountFault(std::map<std::string, uint64_t>* faults, const std::string& body);

  const FleetStatsOptions options_;
  const int64_t start_micros_;
  mutable std::mutex mu_;
  uint64_t sessions_ = 0;
  uint64_t exchanges_ = 0;
  std::map<SessionOutcomeKind, uint64_t> outcomes_;
  std::map<std::string, uint64_t> http_errors_;
  std::map<std::string, uint64_t> acs_faults_, cpe_faults_;
  std::map<std::string, LatencyHistogram, std::less<>> response_times_;  // found by string_view
  std::array<uint64_t, kRateSlots> per_second_{};
  std::array<int64_t, kRateSlots> second_of_slot_{};
};

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_FLEET_STATS_H_
