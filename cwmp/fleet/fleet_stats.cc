// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/fleet_stats.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include "cwmp/fleet/acs_conformance.h"

namespace edgecwmp::cwmp::fleet {

namespace {

int64_t SteadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string_view MessageKey(std::string_view cpe_message) {
  return cpe_message.empty() ? "empty POST" : cpe_message;
}

std::string Millis(int64_t micros) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f ms", static_cast<double>(micros) / 1000.0);
  return buf;
}

std::string Rate(double per_second) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f/s", per_second);
  return buf;
}

// "Fault", or a malformed fault's name such as GenieACS's "Body:Fault" (CwmpMessageName).
bool IsFaultMessage(const std::string& name) {
  return name == "Fault" || (name.size() > 6 && name.compare(name.size() - 6, 6, ":Fault") == 0);
}

constexpr SessionOutcomeKind kAllOutcomes[] = {
    SessionOutcomeKind::kCompleted, SessionOutcomeKind::kInformFault,
    SessionOutcomeKind::kHttpError, SessionOutcomeKind::kNoAnswer, SessionOutcomeKind::kIncomplete};

}  // namespace

// ---- LatencyHistogram ----------------------------------------------------------------------

int LatencyHistogram::BucketOf(int64_t value) {
  if (value < kSubBuckets) return static_cast<int>(std::max<int64_t>(value, 0));
  int power = 63 - __builtin_clzll(static_cast<unsigned long long>(value));  // >= 4
  if (power > kMaxPower) return kBuckets - 1;
  const int sub = static_cast<int>((value >> (power - 4)) & (kSubBuckets - 1));
  return kSubBuckets + (power - 4) * kSubBuckets + sub;
}

int64_t LatencyHistogram::LowerBound(int bucket) {
  if (bucket < kSubBuckets) return bucket;
  const int power = (bucket - kSubBuckets) / kSubBuckets + 4;
  const int sub = (bucket - kSubBuckets) % kSubBuckets;
  return static_cast<int64_t>(kSubBuckets + sub) << (power - 4);
}

void LatencyHistogram::Add(int64_t value) {
  ++buckets_[static_cast<size_t>(BucketOf(value))];
  ++count_;
  max_ = std::max(max_, value);
}

int64_t LatencyHistogram::Percentile(double q) const {
  if (count_ == 0) return 0;
  const uint64_t rank =
      std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_))));
  if (rank >= count_) return max_;  // the largest sample is known exactly
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[static_cast<size_t>(b)];
    if (seen < rank) continue;
    if (b < kSubBuckets) return b;  // exact
    const int64_t lo = LowerBound(b), hi = b + 1 < kBuckets ? LowerBound(b + 1) : max_ + 1;
    return std::min(max_, lo + (hi - lo) / 2);
  }
  return max_;
}

// ---- outcomes --------------------------------------------------------------------------------

const char* SessionOutcomeKindName(SessionOutcomeKind kind) {
  switch (kind) {
    case SessionOutcomeKind::kCompleted:
      return "completed";
    case SessionOutcomeKind::kInformFault:
      return "inform fault";
    case SessionOutcomeKind::kHttpError:
      return "http error";
    case SessionOutcomeKind::kNoAnswer:
      return "no answer";
    case SessionOutcomeKind::kIncomplete:
      return "incomplete";
  }
  return "?";
}

SessionOutcomeKind OutcomeOf(const SessionTranscript& session) {
  if (session.completed) return SessionOutcomeKind::kCompleted;
  if (session.exchanges.empty()) return SessionOutcomeKind::kNoAnswer;
  const HttpExchange& last = session.exchanges.back();
  if (last.status == 0) return SessionOutcomeKind::kNoAnswer;
  if (last.status != 200 && last.status != 204) return SessionOutcomeKind::kHttpError;
  if (session.exchanges.size() == 1 && last.cpe_message == "Inform" &&
      IsFaultMessage(last.acs_message))
    return SessionOutcomeKind::kInformFault;
  return SessionOutcomeKind::kIncomplete;
}

// ---- FleetStats ------------------------------------------------------------------------------

FleetStats::FleetStats(FleetStatsOptions options)
    : options_(std::move(options)), start_micros_(Now()) {
  second_of_slot_.fill(-1);
}

int64_t FleetStats::Now() const {
  return options_.now_micros ? options_.now_micros() : SteadyMicros();
}

void FleetStats::OnSession(const SessionTranscript& session) {
  const int64_t now = Now();
  std::lock_guard<std::mutex> lock(mu_);
  ++sessions_;
  ++outcomes_[OutcomeOf(session)];
  CountSecond(now);
  for (const HttpExchange& e : session.exchanges) {
    ++exchanges_;
    if (e.status == 0) {
      ++http_errors_["no answer"];
      continue;
    }
    HistogramFor(e.cpe_message).Add(e.response_micros);
    if (e.status != 200 && e.status != 204) ++http_errors_[std::to_string(e.status)];
    if (IsFaultMessage(e.acs_message)) CountFault(&acs_faults_, e.response_body);
    if (IsFaultMessage(e.cpe_message)) CountFault(&cpe_faults_, e.request_body);
  }
}

void FleetStats::CountFault(std::map<std::string, uint64_t>* faults, const std::string& body) {
  const std::optional<uint32_t> code = body.empty() ? std::nullopt : CwmpFaultCode(body);
  ++(*faults)[code ? std::to_string(*code) : "unknown"];
}

LatencyHistogram& FleetStats::HistogramFor(std::string_view cpe_message) {
  const std::string_view key = MessageKey(cpe_message);
  auto it = response_times_.find(key);  // no allocation once the kind has been seen
  if (it != response_times_.end()) return it->second;
  if (response_times_.size() >= options_.max_message_kinds) return response_times_["other"];
  return response_times_[std::string(key)];
}

void FleetStats::CountSecond(int64_t now) {
  const int64_t second = now / 1000000;
  const size_t slot = static_cast<size_t>(second % kRateSlots);
  if (second_of_slot_[slot] != second) {
    second_of_slot_[slot] = second;
    per_second_[slot] = 0;
  }
  ++per_second_[slot];
}

// Sessions per second over the last kRateWindow whole seconds (fewer at the start of the run).
double FleetStats::RecentRate(int64_t now) const {
  const int64_t second = now / 1000000;
  const int64_t first = std::max(second - kRateWindow, start_micros_ / 1000000);
  if (second <= first) return 0;
  uint64_t n = 0;
  for (size_t i = 0; i < per_second_.size(); ++i) {
    if (second_of_slot_[i] >= first && second_of_slot_[i] < second) n += per_second_[i];
  }
  return static_cast<double>(n) / static_cast<double>(second - first);
}

uint64_t FleetStats::sessions() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_;
}

LatencyHistogram FleetStats::ResponseTimes(const std::string& cpe_message) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = response_times_.find(MessageKey(cpe_message));
  return it == response_times_.end() ? LatencyHistogram() : it->second;
}

std::string FleetStats::ProgressLine() const {
  const int64_t now = Now();
  std::lock_guard<std::mutex> lock(mu_);
  const double elapsed = static_cast<double>(now - start_micros_) / 1e6;
  std::string line = std::to_string(sessions_) + " sessions, " +
                     Rate(elapsed > 0 ? static_cast<double>(sessions_) / elapsed : 0) +
                     " (last 10 s " + Rate(RecentRate(now)) + ") |";
  const char* sep = " ";
  for (SessionOutcomeKind kind : kAllOutcomes) {
    auto it = outcomes_.find(kind);
    if (it == outcomes_.end()) continue;
    line += sep + std::string(SessionOutcomeKindName(kind)) + " " + std::to_string(it->second);
    sep = ", ";
  }
  uint64_t faults = 0;
  for (const auto& [code, n] : acs_faults_) faults += n;
  line += " | ACS faults " + std::to_string(faults);
  auto inform = response_times_.find("Inform");
  if (inform != response_times_.end()) {
    const LatencyHistogram& h = inform->second;
    line += " | Inform p50 " + Millis(h.Percentile(0.50)) + " p95 " + Millis(h.Percentile(0.95)) +
            " p99 " + Millis(h.Percentile(0.99));
  }
  return line;
}

nlohmann::json FleetStats::Report() const {
  const int64_t now = Now();
  std::lock_guard<std::mutex> lock(mu_);
  const double elapsed = static_cast<double>(now - start_micros_) / 1e6;
  nlohmann::json outcomes = nlohmann::json::object();
  for (SessionOutcomeKind kind : kAllOutcomes) {
    auto it = outcomes_.find(kind);
    outcomes[SessionOutcomeKindName(kind)] = it == outcomes_.end() ? 0 : it->second;
  }
  nlohmann::json times = nlohmann::json::object();
  for (const auto& [message, h] : response_times_) {
    times[message] = {{"count", h.count()},
                      {"p50", h.Percentile(0.50)},
                      {"p95", h.Percentile(0.95)},
                      {"p99", h.Percentile(0.99)},
                      {"max", h.max()}};
  }
  return {{"elapsed_seconds", elapsed},
          {"sessions", sessions_},
          {"sessions_per_second", elapsed > 0 ? static_cast<double>(sessions_) / elapsed : 0.0},
          {"exchanges", exchanges_},
          {"outcomes", outcomes},
          {"http_errors", http_errors_},
          {"acs_faults", acs_faults_},
          {"cpe_faults", cpe_faults_},
          {"response_micros", times}};
}

}  // namespace edgecwmp::cwmp::fleet
