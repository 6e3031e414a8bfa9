// SPDX-License-Identifier: GPL-2.0-or-later
// bench_connection_request: how long an ACS waits from sending a connection request to the
// Inform it causes, with the real cwmpd and the test ACS over loopback (HTTP, Digest). Two
// series: single requests (each one after the previous session ended), and rounds of
// back-to-back requests (an ACS working through NBI tasks), where each request is timed to the
// first Inform that follows it. Figures only: nothing here passes or fails on time.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/acs/test_acs.h"
#include "tests/e2e/agent_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace {

using namespace edgecwmp;  // NOLINT
using Clock = std::chrono::steady_clock;

constexpr int kSingles = 30;
constexpr int kRounds = 10;
constexpr int kBackToBack = 10;
constexpr auto kWait = std::chrono::seconds(30);

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// The Inform time of the first session whose Inform arrived after |t| (waits for one).
bool FirstInformAfter(const acs::TestAcs& acs, Clock::time_point t, Clock::time_point* out) {
  return testing::WaitUntil(
      [&] {
        for (const auto& s : acs.Sessions()) {
          if (s.inform_received > t) {
            *out = s.inform_received;
            return true;
          }
        }
        return false;
      },
      kWait);
}

// Every session has ended (none pending or running), so the next series starts from idle.
bool Idle(const acs::TestAcs& acs) {
  return testing::WaitUntil([&] { return acs.EndedSessionCount() == acs.SessionCount(); }, kWait);
}

struct Figures {
  std::vector<double> latencies;
  size_t requests = 0;
  size_t sessions = 0;
};

bool Singles(const acs::TestAcs& acs, const e2e::AgentProcess& agent, Figures* f) {
  for (int i = 0; i < kSingles; ++i) {
    if (!Idle(acs)) return false;
    const size_t before = acs.SessionCount();
    const auto t0 = Clock::now();
    const auto settings = agent.settings();
    if (acs::SendConnectionRequest(agent.cr_url(), settings.cr_username, settings.cr_password)
            .http_status != 200) {
      return false;
    }
    Clock::time_point inform;
    if (!FirstInformAfter(acs, t0, &inform)) return false;
    f->latencies.push_back(Millis(inform - t0));
    ++f->requests;
    f->sessions += acs.SessionCount() - before;
  }
  return true;
}

bool BackToBack(const acs::TestAcs& acs, const e2e::AgentProcess& agent, Figures* f) {
  for (int round = 0; round < kRounds; ++round) {
    if (!Idle(acs)) return false;
    const size_t before = acs.SessionCount();
    std::vector<Clock::time_point> sent;
    const auto settings = agent.settings();
    for (int i = 0; i < kBackToBack; ++i) {
      sent.push_back(Clock::now());
      if (acs::SendConnectionRequest(agent.cr_url(), settings.cr_username, settings.cr_password)
              .http_status != 200) {
        return false;
      }
    }
    for (const auto& t : sent) {
      Clock::time_point inform;
      if (!FirstInformAfter(acs, t, &inform)) return false;
      f->latencies.push_back(Millis(inform - t));
      ++f->requests;
    }
    if (!Idle(acs)) return false;
    f->sessions += acs.SessionCount() - before;
  }
  return true;
}

void Print(const char* name, const Figures& f) {
  std::printf("%-34s median %7.2f ms, p90 %7.2f ms, max %7.2f ms; %zu requests, %zu sessions\n",
              name, Percentile(f.latencies, 0.5), Percentile(f.latencies, 0.9),
              Percentile(f.latencies, 1.0), f.requests, f.sessions);
}

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  acs::TestAcs acs;
  if (!acs.Start().ok()) return 1;
  testing::TempDir dir("edgecwmp-bench-cr");
  e2e::AgentSettings settings;
  settings.acs_url = acs.url();
  settings.extra["inform.periodic_enable"] = "false";
  e2e::AgentProcess agent(dir.path(), settings);
  if (!agent.Start() || !acs.WaitForSessions(1, kWait)) {
    std::fprintf(stderr, "bench_connection_request: the agent did not boot:\n%s",
                 agent.Log().c_str());
    return 1;
  }
  Figures singles, rounds;
  const bool ok = Singles(acs, agent, &singles) && BackToBack(acs, agent, &rounds);
  agent.Terminate();
  if (!ok) std::fprintf(stderr, "bench_connection_request: a request or session failed\n");
  std::printf("connection request to Inform, real cwmpd over loopback (HTTP Digest):\n");
  Print("single requests:", singles);
  std::printf("back to back, %d rounds of %d:\n", kRounds, kBackToBack);
  Print("  each request to the next Inform:", rounds);
  std::printf("test ACS violations: %zu\n", acs.Violations().size());
  curl_global_cleanup();
  return ok && acs.Violations().empty() ? 0 : 1;
}
