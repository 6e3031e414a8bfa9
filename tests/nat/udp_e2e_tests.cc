// SPDX-License-Identifier: GPL-2.0-or-later
// UDP connection requests (TR-069 Annex G) end to end over loopback, without a NAT: the real
// cwmpd reports its UDPConnectionRequestAddress, the test ACS sends GenieACS's signed datagrams
// (3 copies each), and sessions follow: one per request, coalesced when back to back, none lost;
// forged, stale and replayed datagrams start nothing; a flood beyond the budget is dropped and
// memory stays flat. The NAT itself: nat_e2e_tests.
#define BOOST_TEST_MODULE udp_e2e_tests
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "tests/acs/udp_connection_request.h"
#include "tests/e2e/e2e_checks.h"
#include "tests/nat/udp_e2e_support.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::nat {
namespace {

using e2e::AgentFixture;
using e2e::AgentSettings;
using Clock = std::chrono::steady_clock;
constexpr auto kWait = std::chrono::seconds(30);

// The agent, booted, its UDP address known (the log line that also goes to the ACS).
struct UdpFixture {
  explicit UdpFixture(AgentSettings settings = {}) : f({}, Debug(std::move(settings))) {
    f.StartAgent();
    f.RequireSessions(1);
    BOOST_REQUIRE(
        testing::WaitUntil([&] { return LoggedUdpAddress(f.agent->Log()).has_value(); }, kWait));
    address = *LoggedUdpAddress(f.agent->Log());
  }
  static AgentSettings Debug(AgentSettings s) {
    s.extra["agent.log_level"] = "debug";  // the ignored copies are logged at debug
    return s;
  }
  acs::UdpConnectionRequestOptions Request() const {
    acs::UdpConnectionRequestOptions o;
    o.address = address;
    o.username = f.agent->settings().cr_username;
    o.password = f.agent->settings().cr_password;
    return o;
  }
  // True once a 6 CONNECTION REQUEST session's Inform arrived after |t|.
  bool SessionAfter(Clock::time_point t) const {
    return testing::WaitUntil(
        [&] {
          for (const auto& s : f.acs.Sessions()) {
            if (s.inform_received > t && s.HasEvent("6 CONNECTION REQUEST")) return true;
          }
          return false;
        },
        kWait);
  }
  // True once the agent's log shows a 6 CONNECTION REQUEST session begun after the last
  // accepted request: that request was not lost (one accepted during a session leaves the flag
  // for the next).
  bool SessionAfterLastAccept() const {
    return testing::WaitUntil(
        [&] {
          const std::string log = f.agent->Log();
          return e2e::SessionLoggedAfter(log, LastAcceptedAt(log), "6 CONNECTION REQUEST");
        },
        kWait);
  }
  // Waits until the agent logged |n| UDP datagrams (accepted, ignored or refused).
  bool Received(size_t n) const {
    return testing::WaitUntil(
        [&] { return CountLines(f.agent->Log(), "UDP connection request from") >= n; }, kWait);
  }
  AgentFixture f;
  std::string address;
};

BOOST_AUTO_TEST_CASE(the_address_is_reported_and_three_copies_start_one_session) {
  UdpFixture u;
  BOOST_TEST(u.address.rfind("127.0.0.1:", 0) == 0u);
  // Active notification from the factory: the ACS hears the address in an Inform.
  BOOST_REQUIRE(u.f.acs.WaitUntil(
      [&](const std::vector<acs::SessionRecord>& sessions) {
        for (const auto& s : sessions) {
          if (InformValue(s, "Device.ManagementServer.UDPConnectionRequestAddress") == u.address)
            return true;
        }
        return false;
      },
      kWait));
  u.f.RequireSessions(u.f.acs.SessionCount());
  const auto before = Clock::now();
  BOOST_REQUIRE(acs::SendUdpConnectionRequest(u.Request()).ok());
  BOOST_REQUIRE(u.SessionAfter(before));
  // The 2nd and 3rd copies were seen and ignored as replays; one was accepted.
  BOOST_REQUIRE(testing::WaitUntil(
      [&] { return CountLines(u.f.agent->Log(), "ignored: id already accepted") >= 2; }, kWait));
  BOOST_TEST(CountAccepted(u.f.agent->Log()) == 1u);
  e2e::RequireNoViolations(u.f.acs);
  u.f.StopAgent();
}

BOOST_AUTO_TEST_CASE(forged_stale_and_wrong_user_requests_start_nothing) {
  UdpFixture u;
  auto forged = u.Request();
  forged.password = "not-the-password";
  auto stale = u.Request();
  stale.ts = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count() -
             3600;
  auto stranger = u.Request();
  stranger.username = "someone-else";
  for (const auto& o : {forged, stale, stranger}) {
    BOOST_REQUIRE(acs::SendUdpConnectionRequest(o).ok());
  }
  // Each is logged as ignored, with its reason (3 copies each).
  BOOST_REQUIRE(testing::WaitUntil(
      [&] {
        const std::string log = u.f.agent->Log();
        return CountLines(log, "ignored: bad signature") == 3 &&
               CountLines(log, "ignored: ts outside the freshness window") == 3 &&
               CountLines(log, "ignored: wrong user name") == 3;
      },
      kWait));
  BOOST_TEST(CountLines(u.f.agent->Log(), "request from 127.0.0.1") == 9u);
  BOOST_TEST(u.f.agent->Log().find("not-the-password") == std::string::npos);
  BOOST_TEST(u.f.agent->Log().find(u.f.agent->settings().cr_password) == std::string::npos);
  u.f.StopAgent();
}

// Every request is accepted and none is lost: the last one, wherever it falls relative to the
// sessions the earlier ones started, is followed by a session (TR-069 3.2.2).
BOOST_AUTO_TEST_CASE(back_to_back_udp_requests_are_coalesced_and_none_is_lost) {
  UdpFixture u;
  const size_t sessions_before = u.f.acs.SessionCount();
  // Paced by what the agent logged every 10 requests (no session is awaited): a burst larger
  // than the socket's receive buffer would be dropped by the kernel, not by the agent.
  for (int i = 1; i <= 100; ++i) {
    BOOST_REQUIRE(acs::SendUdpConnectionRequest(u.Request()).ok());
    if (i % 10 == 0) BOOST_REQUIRE(u.Received(3 * i));
  }
  const std::string log = u.f.agent->Log();
  BOOST_TEST(CountLines(log, "ignored: id already accepted") == 200u);
  BOOST_TEST(CountAccepted(log) == 100u);  // none refused, none lost
  BOOST_REQUIRE(u.SessionAfterLastAccept());
  // The sessions the agent began, each also seen by the ACS (the last may still be on its way).
  // Counted by their start lines ("session to <url> (cwmp-1.3) events: ..."), not by the line
  // each session also logs when it ends ("session completed: <url> cwmp-1.3, events: ...").
  const size_t sessions = CountLines(u.f.agent->Log(), ") events: 6 CONNECTION REQUEST");
  BOOST_REQUIRE(testing::WaitUntil(
      [&] { return u.f.acs.SessionCount() - sessions_before >= sessions; }, kWait));
  BOOST_TEST_MESSAGE("100 back-to-back UDP requests: " << sessions << " session(s)");
  BOOST_TEST(sessions >= 1u);
  BOOST_TEST(sessions <= 50u);
  e2e::RequireNoViolations(u.f.acs);
  u.f.StopAgent();
}

BOOST_AUTO_TEST_CASE(a_udp_flood_beyond_the_budget_is_dropped_and_memory_stays_flat) {
  AgentSettings settings;
  settings.extra["cr.burst"] = "20";
  settings.extra["cr.rate"] = "0.5";
  UdpFixture u(settings);
  const long rss_before = u.f.agent->VmRssKb();
  const auto start = Clock::now();
  for (int i = 1; i <= 400; ++i) {
    auto o = u.Request();
    o.copies = 1;
    BOOST_REQUIRE(acs::SendUdpConnectionRequest(o).ok());
    if (i % 50 == 0) BOOST_REQUIRE(u.Received(i));
  }
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count();
  const std::string log = u.f.agent->Log();
  const size_t refused = CountLines(log, "refused: budget spent");
  const size_t accepted = 400 - refused;
  BOOST_TEST(accepted >= 20u);
  BOOST_TEST(accepted <= static_cast<size_t>(20 + (elapsed + 1) / 2 + 1));
  const long rss_after = u.f.agent->VmRssKb();
  BOOST_TEST(rss_after - rss_before < 20 * 1024, "VmRSS " << rss_before << " → " << rss_after);
  BOOST_TEST_MESSAGE("UDP flood: " << accepted << " accepted, " << refused << " dropped; VmRSS "
                                   << rss_before << " → " << rss_after << " kB");
  u.f.StopAgent();
}

}  // namespace
}  // namespace edgecwmp::nat
