// SPDX-License-Identifier: GPL-2.0-or-later
// End-to-end resilience: connection requests (auth, flood, during a session), kill -9 with the ACS
// down and mid-session, ACS HTTP errors and retries, TLS + Digest to the ACS.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <future>
#include <memory>
#include <thread>

#include "tests/e2e/e2e_checks.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT

// 3a. A connection request with the right credentials starts a session; a wrong password gets
//     401 and none.
BOOST_AUTO_TEST_CASE(connection_request_auth) {
  AgentFixture f;
  f.StartAgent();
  f.RequireSessions(1);
  acs::ConnectionRequestResult r =
      acs::SendConnectionRequest(f.agent->cr_url(), "cr-user", "cr-secret");
  BOOST_TEST(r.success, r.error);
  BOOST_TEST(r.http_status == 200);
  SessionRecord s = WaitForSession(
      f.acs, [](const SessionRecord& x) { return x.HasEvent("6 CONNECTION REQUEST"); },
      "6 CONNECTION REQUEST");
  BOOST_TEST(s.number == 2);

  const size_t before = f.acs.SessionCount();
  r = acs::SendConnectionRequest(f.agent->cr_url(), "cr-user", "wrong-password");
  BOOST_TEST(!r.success);
  BOOST_TEST(r.http_status == 401);
  // Longer than the value-change poll (1 s) and the rate limit (1 s): nothing may start.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  BOOST_TEST(f.acs.SessionCount() == before);
  BOOST_TEST(f.agent->Log().find("cr-secret") == std::string::npos);  // secrets are never logged
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// 3b. 100 back-to-back connection requests (an ACS working through 100 NBI tasks): every one is
//     answered 200, none is lost (a session starts after the last one), and they are coalesced
//     into far fewer sessions than requests.
BOOST_AUTO_TEST_CASE(back_to_back_connection_requests_are_all_accepted_and_coalesced) {
  AgentFixture f({}, AgentSettings{});
  f.StartAgent();
  f.RequireSessions(1);
  const size_t sessions_before = f.acs.SessionCount();
  int accepted = 0;
  for (int i = 0; i < 100; ++i) {
    accepted +=
        acs::SendConnectionRequest(f.agent->cr_url(), "cr-user", "cr-secret").http_status == 200;
  }
  const auto last_accepted = std::chrono::steady_clock::now();
  BOOST_TEST(accepted == 100);
  // The last request is not lost: a 6 CONNECTION REQUEST session begins after it.
  BOOST_REQUIRE(testing::WaitUntil(
      [&] {
        for (const SessionRecord& s : f.acs.Sessions()) {
          if (s.inform_received > last_accepted && s.HasEvent("6 CONNECTION REQUEST")) return true;
        }
        return false;
      },
      kWait));
  const size_t sessions = f.acs.SessionCount() - sessions_before;
  BOOST_TEST_MESSAGE("100 back-to-back requests: " << sessions << " session(s)");
  BOOST_TEST(sessions >= 1u);
  BOOST_TEST(sessions <= 50u);  // coalesced: far fewer sessions than requests
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// 3b'. A flood beyond the budget (cr.burst 20, cr.rate 0.5/s): the burst and what refilled are
//     accepted, the rest get 503; the sessions stay few and memory stays flat.
BOOST_AUTO_TEST_CASE(connection_request_flood_beyond_the_budget_gets_503) {
  AgentSettings settings;
  settings.extra["cr.burst"] = "20";
  settings.extra["cr.rate"] = "0.5";
  AgentFixture f({}, settings);
  f.StartAgent();
  f.RequireSessions(1);
  const long rss_before = f.agent->VmRssKb();
  BOOST_REQUIRE(rss_before > 0);
  const size_t sessions_before = f.acs.SessionCount();

  std::atomic<int> accepted{0}, refused{0}, other{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&]() {
      for (int i = 0; i < 100; ++i) {
        auto r = acs::SendConnectionRequest(f.agent->cr_url(), "cr-user", "cr-secret",
                                            std::chrono::milliseconds(5000));
        if (r.http_status == 200) ++accepted;
        else if (r.http_status == 503) ++refused;
        else ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
          .count();
  BOOST_TEST(accepted + refused + other == 400);
  BOOST_TEST(accepted >= 20);
  BOOST_TEST(accepted <= 20 + (elapsed + 1) / 2 + 1);  // the burst plus the refill
  BOOST_TEST(refused >= 200);  // the rest: the per-address connection cap closed them
  BOOST_REQUIRE(f.acs.WaitForSessions(sessions_before + 1, kWait));
  const size_t flood_sessions = f.acs.SessionCount() - sessions_before;
  BOOST_TEST(flood_sessions <= static_cast<size_t>(accepted.load()));
  const long rss_after = f.agent->VmRssKb();
  BOOST_TEST(rss_after - rss_before < 20 * 1024,
             "VmRSS " << rss_before << " → " << rss_after << " kB");
  BOOST_TEST_MESSAGE("flood: " << accepted << " accepted, " << refused << " refused (503), "
                               << other << " other; " << flood_sessions << " session(s); VmRSS "
                               << rss_before << " → " << rss_after << " kB");
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// 3c. Connection requests that arrive while a session runs queue exactly one further session,
//     however many there are.
BOOST_AUTO_TEST_CASE(connection_requests_during_a_session_queue_one_more) {
  AgentFixture f({}, AgentSettings{});
  auto reached = std::make_shared<std::promise<void>>();
  std::future<void> reached_future = reached->get_future();
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  f.acs.QueueSession({acs::RequestGenerator(
      [reached, released](const SessionRecord&) -> std::optional<cwmp::AcsRequest> {
        reached->set_value();
        released.wait_for(std::chrono::seconds(30));  // the session stays open meanwhile
        return cwmp::GetRPCMethods{};
      })});
  f.StartAgent();
  BOOST_REQUIRE(reached_future.wait_for(kWait) == std::future_status::ready);
  int accepted = 0;
  for (int i = 0; i < 5; ++i)
    accepted += acs::SendConnectionRequest(f.agent->cr_url(), "cr-user", "cr-secret").success;
  release.set_value();
  BOOST_TEST(accepted == 5);
  f.RequireSessions(2);
  BOOST_TEST(f.acs.Session(2)->HasEvent("6 CONNECTION REQUEST"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  BOOST_TEST(f.acs.SessionCount() == 2u);  // one further session, not five
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// 4a. The ACS is down at the first start: after kill -9 and a restart against a live ACS the
//     first accepted Inform still carries 0 BOOTSTRAP + 1 BOOT.
BOOST_AUTO_TEST_CASE(acs_down_then_kill9_keeps_boot_events) {
  const uint16_t port = FreeLoopbackPort();
  BOOST_REQUIRE(port != 0);
  testing::TempDir dir("edgecwmp-e2e");
  AgentSettings settings;
  settings.acs_url = "http://127.0.0.1:" + std::to_string(port) + "/";
  AgentProcess agent(dir.path(), settings);
  BOOST_REQUIRE(agent.Start());
  BOOST_REQUIRE_MESSAGE(agent.WaitForLog("session failed", kWait), agent.Log());
  agent.Kill();

  acs::TestAcsOptions o;
  o.port = port;
  acs::TestAcs acs(o);
  BOOST_REQUIRE(acs.Start().ok());
  BOOST_REQUIRE(agent.Start());
  BOOST_REQUIRE_MESSAGE(acs.WaitForSessions(1, kWait), agent.Log());
  SessionRecord s = *acs.Session(1);
  BOOST_TEST(s.HasEvent("0 BOOTSTRAP"));
  BOOST_TEST(s.HasEvent("1 BOOT"));
  RequireNoViolations(acs);
  BOOST_TEST(agent.Terminate() == 0);
  CollectEnvelopes(acs.Sessions());
}

// 4a'. TR-069 3.2.1: a value that changed while the agent was not running is a VALUE CHANGE in the
//      boot Inform — here the forceEnabled SoftwareVersion after a firmware upgrade; a restart
//      without a change carries none.
BOOST_AUTO_TEST_CASE(a_new_software_version_is_reported_after_the_restart) {
  AgentSettings settings;
  settings.extra["device.software_version"] = "1.0.0";
  AgentFixture f({}, settings);
  f.StartAgent();
  f.RequireSessions(1);
  f.StopAgent();
  f.StartAgent();
  f.RequireSessions(2);
  BOOST_TEST(!f.acs.Session(2)->HasEvent("4 VALUE CHANGE"));
  f.StopAgent();

  // The "upgrade": the device now reports another SoftwareVersion.
  std::string config = testing::ReadFile(f.agent->config_file());
  const std::string old_line = "software_version = 1.0.0";
  BOOST_REQUIRE(config.find(old_line) != std::string::npos);
  config.replace(config.find(old_line), old_line.size(), "software_version = 2.0.0");
  BOOST_REQUIRE(testing::WriteFile(f.agent->config_file(), config));
  f.StartAgent();
  f.RequireSessions(3);
  SessionRecord s = *f.acs.Session(3);
  BOOST_TEST(s.HasEvent("1 BOOT"));
  BOOST_TEST(s.HasEvent("4 VALUE CHANGE"));
  BOOST_REQUIRE(s.inform);
  size_t listed = 0;
  for (const auto& p : s.inform->parameter_list) {
    if (p.name != "Device.DeviceInfo.SoftwareVersion") continue;
    ++listed;
    BOOST_TEST(p.value == "2.0.0");
  }
  BOOST_TEST(listed == 1u);  // forced and changed: listed once
  RequireNoViolations(f.acs);
}

// 4b. kill -9 in the middle of a session, after the ScheduleInform was answered: the scheduled
//     Inform still arrives after the restart, with 1 BOOT.
BOOST_AUTO_TEST_CASE(kill9_mid_session_keeps_scheduled_inform) {
  AgentFixture f;
  std::promise<void> reached, killed;
  std::shared_future<void> killed_future = killed.get_future().share();
  auto reached_ptr = std::make_shared<std::promise<void>>(std::move(reached));
  std::future<void> reached_future = reached_ptr->get_future();
  f.acs.QueueSession({
      cwmp::ScheduleInform{2, "k9"},
      acs::RequestGenerator(
          [reached_ptr, killed_future](const SessionRecord&) -> std::optional<cwmp::AcsRequest> {
            reached_ptr->set_value();
            killed_future.wait_for(std::chrono::seconds(30));  // holds the ACS until the kill
            return cwmp::GetRPCMethods{};
          }),
  });
  f.StartAgent();
  BOOST_REQUIRE_MESSAGE(reached_future.wait_for(kWait) == std::future_status::ready,
                        f.agent->Log());
  f.agent->Kill();
  killed.set_value();
  f.StartAgent();
  SessionRecord sched = WaitForSession(
      f.acs, [](const SessionRecord& r) { return HasEvent(r, "M ScheduleInform", "k9"); },
      "M ScheduleInform k9 after kill -9");
  BOOST_TEST(sched.HasEvent("3 SCHEDULED"));
  SessionRecord boot = WaitForSession(
      f.acs, [](const SessionRecord& r) { return r.number > 1 && r.HasEvent("1 BOOT"); },
      "1 BOOT after kill -9");
  BOOST_TEST(boot.number >= 2);
  const SessionRecord first = *f.acs.Session(1);
  BOOST_REQUIRE_EQUAL(first.exchanges.size(), 2u);
  BOOST_TEST(As<cwmp::ScheduleInformResponse>(first.exchanges[0]) != nullptr);
  f.StopAgent();
}

// 5. ACS errors (500, then 503): the agent logs the failures, retries with the back-off (here
//    CWMPRetryMinimumWaitInterval 1 s) and reports RetryCount in the next Inform.
BOOST_AUTO_TEST_CASE(acs_errors_are_retried_with_retry_count) {
  AgentFixture f;
  f.acs.QueueSession(
      {Spv({{"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "1", "xsd:unsignedInt"}},
           "retry")});
  f.StartAgent();
  f.RequireSessions(1);
  f.StopAgent();
  f.acs.FailNextInforms(1, 500);
  f.acs.FailNextInforms(1, 503);
  f.StartAgent();
  f.RequireSessions(2, std::chrono::seconds(40));
  BOOST_TEST(f.acs.FailedInformCount() == 2u);
  SessionRecord s = *f.acs.Session(2);
  BOOST_REQUIRE(s.inform);
  BOOST_TEST(s.inform->retry_count >= 1u);
  BOOST_TEST(s.HasEvent("1 BOOT"));
  BOOST_TEST(f.agent->CountInLog("session failed") >= 2u);
  BOOST_TEST(f.agent->Log().find("retry #") != std::string::npos);
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// The ACS over TLS with Digest authentication (GenieACS ties the nonce to the TCP connection):
// an agent that trusts another CA never reaches a session; one with the right CA file completes
// its sessions after answering the Digest challenge on the same connection.
BOOST_AUTO_TEST_CASE(acs_over_tls_with_digest_auth) {
  testing::TempDir pki_dir("edgecwmp-e2e-pki");
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.path(), &pki, &error), error);
  acs::TestAcsOptions o;
  o.tls_cert_file = pki.server_cert;
  o.tls_key_file = pki.server_key;
  o.auth = acs::AuthMode::kDigest;
  o.username = "acs-user";
  o.password = "acs-secret";
  AgentSettings settings;
  settings.extra = {{"acs.username", "acs-user"},
                    {"acs.password", "acs-secret"},
                    {"acs.ca_file", pki.other_ca_cert}};
  AgentFixture f(o, settings);
  BOOST_REQUIRE(f.acs.url().rfind("https://", 0) == 0u);
  f.StartAgent();
  BOOST_REQUIRE_MESSAGE(f.agent->WaitForLog("session failed", kWait), f.agent->Log());
  BOOST_TEST(f.acs.SessionCount() == 0u);  // the certificate was refused before any Inform
  f.StopAgent();

  const std::string good_dir = f.dir.File("good");
  BOOST_REQUIRE(::mkdir(good_dir.c_str(), 0700) == 0);
  settings.acs_url = f.acs.url();
  settings.extra["acs.ca_file"] = pki.ca_cert;
  AgentProcess good(good_dir, settings);
  BOOST_REQUIRE(good.Start());
  BOOST_REQUIRE_MESSAGE(f.acs.WaitForSessions(1, kWait), good.Log());
  SessionRecord s = *f.acs.Session(1);
  BOOST_TEST(acs::SessionEndName(s.end) == std::string("completed"));
  BOOST_TEST(s.HasEvent("0 BOOTSTRAP"));
  size_t challenges = 0;
  for (const auto& entry : f.acs.HttpLog()) challenges += entry.status == 401 ? 1 : 0;
  BOOST_TEST(challenges >= 1u);  // it authenticated by answering the challenge
  BOOST_TEST(good.Log().find("acs-secret") == std::string::npos);
  RequireNoViolations(f.acs);
  BOOST_TEST(good.Terminate() == 0);
}
