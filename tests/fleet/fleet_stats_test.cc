// SPDX-License-Identifier: GPL-2.0-or-later
// FleetStats: percentiles within the histogram's resolution, rates from an injected clock,
// outcomes, HTTP errors and fault codes, and many threads reporting at once.
#include "cwmp/fleet/fleet_stats.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/fleet/transcript_builder.h"

using namespace edgecwmp::cwmp::fleet;           // NOLINT
using namespace edgecwmp::cwmp::fleet::testing;  // NOLINT

namespace {

struct FakeClock {
  std::atomic<int64_t> micros{1'000'000'000};
  std::function<int64_t()> Fn() {
    return [this] { return micros.load(); };
  }
  void Advance(double seconds) { micros += static_cast<int64_t>(seconds * 1e6); }
};

SessionTranscript TimedSession(int64_t inform_micros, int64_t empty_post_micros) {
  SessionTranscript s = ConformingSession();
  s.exchanges.erase(s.exchanges.begin() + 1, s.exchanges.begin() + 3);
  s.exchanges[0].response_micros = inform_micros;
  s.exchanges[1].cpe_message = "";
  s.exchanges[1].response_micros = empty_post_micros;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fleet_stats)

BOOST_AUTO_TEST_CASE(histogram_is_exact_below_16_and_within_resolution_above) {
  LatencyHistogram h;
  for (int v = 1; v <= 10; ++v) h.Add(v);
  BOOST_TEST(h.Percentile(0.5) == 5);
  BOOST_TEST(h.Percentile(1.0) == 10);

  LatencyHistogram wide;
  std::mt19937_64 random(7);
  std::vector<int64_t> values;
  for (int i = 0; i < 200000; ++i) {
    // Log-uniform over 10 us .. 100 s, as response times spread.
    values.push_back(static_cast<int64_t>(
        std::exp(std::uniform_real_distribution<double>(std::log(10.0), std::log(1e8))(random))));
    wide.Add(values.back());
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.95, 0.99}) {
    const double truth = static_cast<double>(
        values[static_cast<size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1]);
    const double got = static_cast<double>(wide.Percentile(q));
    BOOST_TEST(std::abs(got - truth) / truth <= 0.032, "q " << q << ": " << got << " vs " << truth);
  }
  BOOST_TEST(wide.count() == 200000u);
  BOOST_TEST(wide.max() == values.back());
  BOOST_TEST(wide.Percentile(1.0) == values.back());  // never above the largest sample
  // Fixed memory: the buckets are an array, whatever the number of samples.
  BOOST_TEST(sizeof(LatencyHistogram) < 5u * 1024u);
}

BOOST_AUTO_TEST_CASE(huge_and_negative_values_stay_in_range) {
  LatencyHistogram h;
  h.Add(-5);
  h.Add(int64_t{1} << 50);
  BOOST_TEST(h.count() == 2u);
  BOOST_TEST(h.Percentile(0.25) == 0);
  BOOST_TEST(h.Percentile(1.0) == int64_t{1} << 50);
}

BOOST_AUTO_TEST_CASE(response_times_per_cpe_message_and_rates_from_the_clock) {
  FakeClock clock;
  FleetStatsOptions options;
  options.now_micros = clock.Fn();
  FleetStats stats(options);
  for (int i = 1; i <= 100; ++i) {
    clock.Advance(0.1);  // 10 sessions per second for 10 s
    stats.OnSession(TimedSession(i * 100, 50));
  }
  BOOST_TEST(stats.sessions() == 100u);
  const LatencyHistogram inform = stats.ResponseTimes("Inform");
  BOOST_TEST(inform.count() == 100u);
  BOOST_TEST(std::abs(inform.Percentile(0.5) - 5000) <= 5000 * 0.032);
  BOOST_TEST(std::abs(inform.Percentile(0.99) - 9900) <= 9900 * 0.032);
  BOOST_TEST(stats.ResponseTimes("empty POST").Percentile(0.5) == 50);

  const nlohmann::json report = stats.Report();
  BOOST_TEST(report["sessions"].get<uint64_t>() == 100u);
  BOOST_TEST(report["exchanges"].get<uint64_t>() == 200u);
  BOOST_TEST(report["elapsed_seconds"].get<double>() == 10.0);
  BOOST_TEST(report["sessions_per_second"].get<double>() == 10.0);
  BOOST_TEST(report["outcomes"]["completed"].get<uint64_t>() == 100u);
  BOOST_TEST(report["response_micros"]["Inform"]["count"].get<uint64_t>() == 100u);
  BOOST_TEST(report["response_micros"]["Inform"]["max"].get<int64_t>() == 10000);

  const std::string line = stats.ProgressLine();
  // The last 10 whole seconds hold 99 sessions: the 100th falls in the second now running.
  BOOST_TEST(
      line.find("100 sessions, 10.0/s (last 10 s 9.9/s) | completed 100 | ACS faults 0") == 0u,
      line);
  BOOST_TEST(line.find("| Inform p50 5.0 ms p95 9.") != std::string::npos, line);

  clock.Advance(20);  // nothing for 20 s: the recent rate drops to 0, the overall one halves
  BOOST_TEST(stats.ProgressLine().find("100 sessions, 3.3/s (last 10 s 0.0/s)") == 0u,
             stats.ProgressLine());
}

BOOST_AUTO_TEST_CASE(outcomes_http_errors_and_faults_by_code) {
  FleetStatsOptions options;
  options.fault_codes = true;
  FleetStats stats(options);
  BOOST_TEST(stats.NeedsBodies());

  SessionTranscript refused = ConformingSession();
  refused.exchanges.resize(1);
  refused.completed = false;
  refused.exchanges[0].acs_message = "Fault";
  refused.exchanges[0].response_body = Envelope(kNs12, "cpe-1", FaultBody(8005));
  stats.OnSession(refused);

  SessionTranscript busy = refused;
  busy.exchanges[0].status = 503;
  busy.exchanges[0].acs_message = "";
  busy.exchanges[0].response_body = "";
  stats.OnSession(busy);

  SessionTranscript cut = ConformingSession();
  cut.completed = false;
  cut.exchanges.resize(3);
  cut.exchanges[2].status = 0;
  stats.OnSession(cut);

  SessionTranscript cpe_fault = ConformingSession();
  cpe_fault.exchanges[3].cpe_message = "Fault";
  cpe_fault.exchanges[3].request_body = Envelope(kNs12, "acs-1", FaultBody(9005, "Invalid name"));
  stats.OnSession(cpe_fault);

  SessionTranscript no_body = refused;  // a fleet that did not keep bodies
  no_body.exchanges[0].response_body.clear();
  stats.OnSession(no_body);

  const nlohmann::json r = stats.Report();
  BOOST_TEST(r["outcomes"]["inform fault"].get<uint64_t>() == 2u);
  BOOST_TEST(r["outcomes"]["http error"].get<uint64_t>() == 1u);
  BOOST_TEST(r["outcomes"]["no answer"].get<uint64_t>() == 1u);
  BOOST_TEST(r["outcomes"]["completed"].get<uint64_t>() == 1u);
  BOOST_TEST(r["http_errors"]["503"].get<uint64_t>() == 1u);
  BOOST_TEST(r["http_errors"]["no answer"].get<uint64_t>() == 1u);
  BOOST_TEST(r["acs_faults"]["8005"].get<uint64_t>() == 1u);
  BOOST_TEST(r["acs_faults"]["unknown"].get<uint64_t>() == 1u);
  BOOST_TEST(r["cpe_faults"]["9005"].get<uint64_t>() == 1u);
  BOOST_TEST(stats.ProgressLine().find("ACS faults 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(message_kinds_are_bounded) {
  FleetStatsOptions options;
  options.max_message_kinds = 2;
  FleetStats stats(options);
  stats.OnSession(ConformingSession());  // Inform, TransferComplete, empty POST, GPVResponse
  const nlohmann::json times = stats.Report()["response_micros"];
  BOOST_TEST(times.size() == 3u);  // two kinds, then "other"
  BOOST_TEST(times["other"]["count"].get<uint64_t>() == 2u);
}

BOOST_AUTO_TEST_CASE(many_threads_report_at_once) {
  FleetStats stats;
  const SessionTranscript session = TimedSession(1200, 300);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5000; ++i) stats.OnSession(session);
    });
  }
  std::thread reader([&] {
    for (int i = 0; i < 200; ++i) (void)stats.ProgressLine();
  });
  for (auto& t : threads) t.join();
  reader.join();
  BOOST_TEST(stats.sessions() == 20000u);
  BOOST_TEST(stats.ResponseTimes("Inform").count() == 20000u);
  BOOST_TEST(stats.Report()["exchanges"].get<uint64_t>() == 40000u);
}

BOOST_AUTO_TEST_SUITE_END()
