// SPDX-License-Identifier: GPL-2.0-or-later
// bench_connection_request: how long an ACS waits from sending a connection request to the
// Inform it causes, with the real cwmpd and the test ACS over loopback: HTTP (Digest), and XMPP
// (TR-069 Annex K) through a real prosody on loopback when prosody is installed. Two series per
// channel: single requests (each one after the previous session ended), and rounds of
// back-to-back requests (an ACS working through NBI tasks), where each request is timed to the
// first Inform that follows it. Figures only: nothing here passes or fails on time.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/acs/test_acs.h"
#include "tests/acs/xmpp_sender.h"
#include "tests/e2e/agent_process.h"
#include "tests/support/prosody_server.h"
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

// Sends one connection request; true when the agent accepted it (HTTP 200, XMPP result).
using Send = std::function<bool()>;

bool Singles(const acs::TestAcs& acs, const Send& send, Figures* f) {
  for (int i = 0; i < kSingles; ++i) {
    if (!Idle(acs)) return false;
    const size_t before = acs.SessionCount();
    const auto t0 = Clock::now();
    if (!send()) return false;
    Clock::time_point inform;
    if (!FirstInformAfter(acs, t0, &inform)) return false;
    f->latencies.push_back(Millis(inform - t0));
    ++f->requests;
    f->sessions += acs.SessionCount() - before;
  }
  return true;
}

bool BackToBack(const acs::TestAcs& acs, const Send& send, Figures* f) {
  for (int round = 0; round < kRounds; ++round) {
    if (!Idle(acs)) return false;
    const size_t before = acs.SessionCount();
    std::vector<Clock::time_point> sent;
    for (int i = 0; i < kBackToBack; ++i) {
      sent.push_back(Clock::now());
      if (!send()) return false;
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

// Both series on one channel; false when a request or a session failed.
bool Series(const char* channel, const acs::TestAcs& acs, const Send& send) {
  Figures singles, rounds;
  const bool ok = Singles(acs, send, &singles) && BackToBack(acs, send, &rounds);
  std::printf("connection request to Inform, real cwmpd over loopback (%s):\n", channel);
  Print("single requests:", singles);
  std::printf("back to back, %d rounds of %d:\n", kRounds, kBackToBack);
  Print("  each request to the next Inform:", rounds);
  if (!ok)
    std::fprintf(stderr, "bench_connection_request: a %s request or session failed\n", channel);
  return ok;
}

// prosody with the agent's and the ACS's accounts; null (and why) when it cannot run here.
std::unique_ptr<testing::ProsodyServer> StartProsody(const std::string& dir, std::string* why) {
  auto prosody = std::make_unique<testing::ProsodyServer>(dir, testing::ProsodyOptions{});
  for (const char* user : {"cpe", "acs"}) {
    if (!prosody->Register(user, std::string(user) + "-pw", why)) return nullptr;
  }
  if (!prosody->Start(why)) return nullptr;
  return prosody;
}

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  acs::TestAcs acs;
  if (!acs.Start().ok()) return 1;
  testing::TempDir dir("edgecwmp-bench-cr"), xmpp_dir("edgecwmp-bench-xmpp");
  e2e::AgentSettings settings;
  settings.acs_url = acs.url();
  settings.extra["inform.periodic_enable"] = "false";
  std::string why;
  auto prosody = StartProsody(xmpp_dir.path(), &why);
  if (prosody) {
    settings.extra["xmpp.jid"] = "cpe@localhost/edgecwmp";
    settings.extra["xmpp.password"] = "cpe-pw";
    settings.extra["xmpp.server"] = "127.0.0.1:" + std::to_string(prosody->port());
    settings.extra["xmpp.use_tls"] = "false";
  }
  e2e::AgentProcess agent(dir.path(), settings);
  if (!agent.Start() || !acs.WaitForSessions(1, kWait)) {
    std::fprintf(stderr, "bench_connection_request: the agent did not boot:\n%s",
                 agent.Log().c_str());
    return 1;
  }
  const auto cr = agent.settings();
  bool ok = Series("HTTP Digest", acs, [&] {
    return acs::SendConnectionRequest(agent.cr_url(), cr.cr_username, cr.cr_password).http_status ==
           200;
  });
  if (prosody) {
    acs::XmppSenderConfig c;
    c.jid = "acs@localhost/bench";
    c.password = "acs-pw";
    c.port = prosody->port();
    acs::XmppConnectionRequestSender sender(c);
    const bool ready =
        agent.WaitForLog("XMPP connection requests: connected as ", kWait) && sender.Connect(&why);
    ok = ready && ok && Series("XMPP via prosody", acs, [&] {
           return sender.Send("cpe@localhost/edgecwmp", cr.cr_username, cr.cr_password).ok();
         });
    if (!ready) std::fprintf(stderr, "bench_connection_request: XMPP not ready: %s\n", why.c_str());
  } else {
    std::printf("XMPP: skipped (%s)\n", why.c_str());
  }
  agent.Terminate();
  std::printf("test ACS violations: %zu\n", acs.Violations().size());
  curl_global_cleanup();
  return ok && acs.Violations().empty() ? 0 : 1;
}
