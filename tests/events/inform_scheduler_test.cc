// SPDX-License-Identifier: GPL-2.0-or-later
// InformScheduler: computed schedules only (time is passed in), never the wall clock.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "cwmp/session/inform_scheduler.h"
#include "cwmp/session/retry_policy.h"
#include "tests/events/test_util.h"

using edgecwmp::FormatDateTime;
using edgecwmp::SysSeconds;
using edgecwmp::UnknownTime;
using edgecwmp::cwmp::DueEvents;
using edgecwmp::cwmp::InformScheduler;
using edgecwmp::cwmp::NextAligned;
using edgecwmp::cwmp::SchedulerConfig;
using edgecwmp::cwmp::WindowFor;
using std::chrono::seconds;

namespace {

SysSeconds T(const std::string& text) { return edgecwmp::test::ParsedTime(text); }

std::vector<std::string> Codes(const DueEvents& due) {
  std::vector<std::string> out;
  for (const auto& e : due.events) {
    out.push_back(e.command_key.empty() ? e.event_code : e.event_code + "/" + e.command_key);
  }
  return out;
}

SchedulerConfig NoPeriodic() {
  SchedulerConfig c;
  c.periodic_enable = false;
  return c;
}

const SysSeconds kNow = SysSeconds(seconds(1795629600));  // 2026-11-25T18:00:00Z

}  // namespace

BOOST_AUTO_TEST_SUITE(inform_scheduler)

BOOST_AUTO_TEST_CASE(next_aligned_instant) {
  const SysSeconds ref = T("2026-01-01T00:00:00Z");
  BOOST_TEST(FormatDateTime(NextAligned(ref, 86400, kNow)) == "2026-11-26T00:00:00Z");
  // Reference far in the future: same phase, the very next instant.
  BOOST_TEST(FormatDateTime(NextAligned(T("2031-07-04T00:00:00Z"), 86400, kNow)) ==
             "2026-11-26T00:00:00Z");
  // Exactly on an instant: the next one, strictly after.
  BOOST_TEST(FormatDateTime(NextAligned(ref, 3600, T("2026-11-25T18:00:00Z"))) ==
             "2026-11-25T19:00:00Z");
  BOOST_TEST(FormatDateTime(NextAligned(T("2026-11-25T18:00:07Z"), 600, kNow)) ==
             "2026-11-25T18:00:07Z");
}

BOOST_AUTO_TEST_CASE(periodic_aligned_to_periodic_inform_time_in_the_past) {
  InformScheduler s;
  SchedulerConfig c;
  c.periodic_interval = 86400;
  c.periodic_time = T("2020-03-01T03:30:00Z");
  s.Configure(c, kNow);
  BOOST_REQUIRE(s.next_periodic());
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-26T03:30:00Z");
  BOOST_TEST(FormatDateTime(*s.NextWake(kNow)) == "2026-11-26T03:30:00Z");

  DueEvents early = s.Due(T("2026-11-26T03:29:59Z"));
  BOOST_TEST(early.events.empty());
  BOOST_TEST(!early.start_session);

  DueEvents due = s.Due(T("2026-11-26T03:30:00Z"));
  BOOST_TEST(Codes(due) == std::vector<std::string>{"2 PERIODIC"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-27T03:30:00Z");

  // Woken late (e.g. suspended for three days): one 2 PERIODIC, the phase is kept.
  due = s.Due(T("2026-11-30T12:00:00Z"));
  BOOST_TEST(Codes(due) == std::vector<std::string>{"2 PERIODIC"},
             boost::test_tools::per_element());
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-12-01T03:30:00Z");
}

BOOST_AUTO_TEST_CASE(periodic_inform_time_in_the_future_starts_at_the_very_next_instant) {
  InformScheduler s;
  SchedulerConfig c;
  c.periodic_interval = 86400;
  c.periodic_time = T("2027-06-01T00:00:00Z");  // TR-181's example: begin on the next midnight
  s.Configure(c, kNow);
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-26T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(unknown_time_means_the_cpe_picks_the_phase) {
  InformScheduler s;
  SchedulerConfig c;
  c.periodic_interval = 300;
  c.periodic_time = UnknownTime();
  s.Configure(c, kNow);
  BOOST_TEST((*s.next_periodic() == kNow + seconds(300)));
  // A relative (pre-1000) time is no absolute reference either.
  c.periodic_time = T("0001-01-01T00:02:00Z");
  s.Configure(c, kNow + seconds(10));
  BOOST_TEST((*s.next_periodic() == kNow + seconds(310)));
  // The phase then stays: woken late at +1000, the next is +1210 (310 + 3·300).
  s.Due(kNow + seconds(1000));
  BOOST_TEST((*s.next_periodic() == kNow + seconds(1210)));
}

BOOST_AUTO_TEST_CASE(interval_or_enable_change_reschedules_other_changes_do_not) {
  InformScheduler s;
  SchedulerConfig c;
  c.periodic_interval = 3600;
  c.periodic_time = T("2026-01-01T00:00:00Z");
  s.Configure(c, kNow + seconds(100));
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-25T19:00:00Z");

  c.active_notification_throttle = 30;  // unrelated change
  s.Configure(c, kNow + seconds(200));
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-25T19:00:00Z");

  c.periodic_interval = 900;
  s.Configure(c, kNow + seconds(200));
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-25T18:15:00Z");

  c.periodic_time = UnknownTime();
  s.Configure(c, kNow + seconds(200));
  BOOST_TEST((*s.next_periodic() == kNow + seconds(1100)));

  c.periodic_enable = false;
  s.Configure(c, kNow + seconds(300));
  BOOST_TEST(!s.next_periodic());
  BOOST_TEST(!s.NextWake(kNow + seconds(300)));
  BOOST_TEST(s.Due(kNow + seconds(100000)).events.empty());

  c.periodic_enable = true;
  s.Configure(c, kNow + seconds(400));
  BOOST_TEST((*s.next_periodic() == kNow + seconds(1300)));
}

BOOST_AUTO_TEST_CASE(clock_stepped_backwards_keeps_the_phase_without_the_delay) {
  InformScheduler s;
  SchedulerConfig c;
  c.periodic_interval = 3600;
  c.periodic_time = T("2026-01-01T00:30:00Z");
  c.heartbeat_enable = true;
  c.heartbeat_interval = 60;
  c.heartbeat_initiation_time = T("2026-01-01T00:00:10Z");
  s.Configure(c, kNow);
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-25T18:30:00Z");
  // The clock is set back by a day: the next instants are those after the new "now".
  const DueEvents due = s.Due(kNow - seconds(86400));
  BOOST_TEST(due.events.empty());
  BOOST_TEST(FormatDateTime(*s.next_periodic()) == "2026-11-24T18:30:00Z");
  BOOST_TEST(FormatDateTime(*s.next_heartbeat()) == "2026-11-24T18:00:10Z");
}

BOOST_AUTO_TEST_CASE(schedule_inform_ordering_and_command_keys) {
  InformScheduler s;
  s.Configure(NoPeriodic(), kNow);
  BOOST_REQUIRE(s.ScheduleInform(60, "b", kNow).ok());
  BOOST_REQUIRE(s.ScheduleInform(30, "a", kNow).ok());
  BOOST_REQUIRE(s.ScheduleInform(60, "c", kNow).ok());
  BOOST_REQUIRE(s.ScheduleInform(3600, "later", kNow).ok());
  BOOST_TEST(s.scheduled_informs().size() == 4u);
  BOOST_TEST((*s.NextWake(kNow) == kNow + seconds(30)));
  BOOST_TEST(s.Due(kNow + seconds(29)).events.empty());

  DueEvents due = s.Due(kNow + seconds(30));
  BOOST_TEST(Codes(due) == (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/a"}),
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_TEST((*s.NextWake(kNow + seconds(30)) == kNow + seconds(60)));

  due = s.Due(kNow + seconds(75));
  BOOST_TEST(Codes(due) == (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/b",
                                                     "M ScheduleInform/c"}),
             boost::test_tools::per_element());
  BOOST_TEST(s.scheduled_informs().size() == 1u);
  BOOST_REQUIRE(s.ClearScheduledInforms().ok());  // bootstrap
  BOOST_TEST(!s.NextWake(kNow + seconds(75)));
}

BOOST_AUTO_TEST_CASE(heartbeat_with_initiation_time) {
  InformScheduler s;
  SchedulerConfig c = NoPeriodic();
  c.heartbeat_enable = true;
  c.heartbeat_interval = 60;
  c.heartbeat_initiation_time = T("2026-11-25T00:00:00Z");
  s.Configure(c, kNow + seconds(5));
  BOOST_TEST(FormatDateTime(*s.next_heartbeat()) == "2026-11-25T18:01:00Z");
  DueEvents due = s.Due(T("2026-11-25T18:01:00Z"));
  BOOST_TEST(Codes(due) == std::vector<std::string>{"14 HEARTBEAT"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_TEST(FormatDateTime(*s.next_heartbeat()) == "2026-11-25T18:02:00Z");
  c.heartbeat_enable = false;
  s.Configure(c, kNow + seconds(70));
  BOOST_TEST(!s.next_heartbeat());
}

BOOST_AUTO_TEST_CASE(heartbeat_with_unknown_time_gets_a_random_phase) {
  std::set<int64_t> phases;
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    InformScheduler s(seed);
    SchedulerConfig c = NoPeriodic();
    c.heartbeat_enable = true;
    c.heartbeat_interval = 600;
    s.Configure(c, kNow);
    const int64_t offset = (*s.next_heartbeat() - kNow).count();
    BOOST_TEST(offset > 0);
    BOOST_TEST(offset <= 600);
    phases.insert(offset);
    // Then every interval with that phase.
    s.Due(*s.next_heartbeat());
    BOOST_TEST((*s.next_heartbeat() - kNow).count() == offset + 600);
  }
  BOOST_TEST(phases.size() > 10u);  // not a fixed choice
  // Same seed, same phase: deterministic.
  InformScheduler a(99), b(99);
  SchedulerConfig c = NoPeriodic();
  c.heartbeat_enable = true;
  c.heartbeat_interval = 600;
  a.Configure(c, kNow);
  b.Configure(c, kNow);
  BOOST_TEST((*a.next_heartbeat() == *b.next_heartbeat()));
}

BOOST_AUTO_TEST_CASE(active_notification_throttle) {
  InformScheduler s;
  SchedulerConfig c = NoPeriodic();
  c.active_notification_throttle = 120;
  s.Configure(c, kNow);

  // No session completed yet: nothing to wait for.
  s.ActiveValueChange(kNow);
  DueEvents due = s.Due(kNow);
  BOOST_TEST(Codes(due) == std::vector<std::string>{"4 VALUE CHANGE"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);

  s.OnSessionSucceeded(kNow + seconds(5));
  s.ActiveValueChange(kNow + seconds(10));
  s.ActiveValueChange(kNow + seconds(20));  // coalesced
  due = s.Due(kNow + seconds(10));
  BOOST_TEST(due.events.empty());
  BOOST_TEST(!due.start_session);
  BOOST_TEST((*s.NextWake(kNow + seconds(10)) == kNow + seconds(125)));
  BOOST_TEST(s.Due(kNow + seconds(124)).events.empty());
  due = s.Due(kNow + seconds(125));
  BOOST_TEST(Codes(due) == std::vector<std::string>{"4 VALUE CHANGE"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_TEST(!s.NextWake(kNow + seconds(125)));

  // A session held for another reason carries the notification at once.
  s.OnSessionSucceeded(kNow + seconds(130));
  s.ActiveValueChange(kNow + seconds(140));
  s.ConnectionRequest(kNow + seconds(150));
  due = s.Due(kNow + seconds(150));
  BOOST_TEST(Codes(due) == (std::vector<std::string>{"6 CONNECTION REQUEST", "4 VALUE CHANGE"}),
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
}

BOOST_AUTO_TEST_CASE(connection_request_and_requested_sessions_start_now) {
  InformScheduler s;
  s.Configure(NoPeriodic(), kNow);
  BOOST_TEST(!s.NextWake(kNow));
  s.ConnectionRequest(kNow);
  BOOST_TEST((*s.NextWake(kNow) == kNow));
  DueEvents due = s.Due(kNow);
  BOOST_TEST(Codes(due) == std::vector<std::string>{"6 CONNECTION REQUEST"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_TEST(!s.Due(kNow).start_session);  // consumed

  s.RequestSession(kNow + seconds(1));
  due = s.Due(kNow + seconds(1));
  BOOST_TEST(due.events.empty());
  BOOST_TEST(due.start_session);
}

BOOST_AUTO_TEST_CASE(acs_down_retries_follow_the_back_off_schedule) {
  InformScheduler s(12345);
  SchedulerConfig c;
  c.periodic_interval = 600;
  c.periodic_time = T("2026-01-01T00:00:00Z");
  s.Configure(c, kNow);
  s.RequestSession(kNow);  // boot
  SysSeconds t = kNow;
  BOOST_TEST(s.Due(t).start_session);
  BOOST_TEST(s.retry_count() == 0u);

  // The ACS stays down for 14 attempts: every wait lies in its retry window, RetryCount counts up.
  std::vector<int64_t> waits;
  for (uint32_t n = 1; n <= 14; ++n) {
    const SysSeconds retry = s.OnSessionFailed(t);
    BOOST_TEST(s.retry_count() == n);
    const int64_t wait = (retry - t).count();
    waits.push_back(wait);
    const auto w = WindowFor(n);
    BOOST_TEST(wait >= w.min_seconds, "retry " << n << " waited " << wait);
    BOOST_TEST(wait <= w.max_seconds, "retry " << n << " waited " << wait);
    // Periodic instants inside the back-off raise 2 PERIODIC but no session.
    const SysSeconds before = retry - seconds(1);
    if (before > t) {
      const DueEvents quiet = s.Due(before);
      BOOST_TEST(!quiet.start_session);
    }
    BOOST_TEST((*s.retry_at() == retry));
    const DueEvents go = s.Due(retry);
    BOOST_TEST(go.start_session);
    BOOST_TEST(!s.retry_at());
    t = retry;
  }
  BOOST_TEST_MESSAGE("waits: " << [&] {
    std::string out;
    for (auto w : waits) out += std::to_string(w) + " ";
    return out;
  }());
  s.OnSessionSucceeded(t);
  BOOST_TEST(s.retry_count() == 0u);
  const SysSeconds first = s.OnSessionFailed(t);
  BOOST_TEST((first - t).count() >= 5);
  BOOST_TEST((first - t).count() <= 10);
}

BOOST_AUTO_TEST_CASE(back_off_holds_triggers_except_connection_requests) {
  InformScheduler s(1);
  SchedulerConfig c = NoPeriodic();
  c.heartbeat_enable = true;
  c.heartbeat_interval = 60;
  c.heartbeat_initiation_time = T("2026-01-01T00:00:00Z");
  s.Configure(c, kNow);
  const SysSeconds retry = s.OnSessionFailed(kNow, 300);  // 503 Retry-After: 300
  BOOST_TEST((retry == kNow + seconds(300)));

  BOOST_REQUIRE(s.ScheduleInform(10, "k", kNow).ok());
  s.ActiveValueChange(kNow + seconds(20));
  s.RequestSession(kNow + seconds(20));
  DueEvents due = s.Due(kNow + seconds(60));
  // Events are raised (they will ride the retry), the heartbeat is skipped, no session yet.
  BOOST_TEST(Codes(due) ==
                 (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/k", "4 VALUE CHANGE"}),
             boost::test_tools::per_element());
  BOOST_TEST(!due.start_session);
  BOOST_TEST((*s.NextWake(kNow + seconds(60)) == kNow + seconds(120)));  // next heartbeat

  s.ConnectionRequest(kNow + seconds(90));
  due = s.Due(kNow + seconds(90));
  BOOST_TEST(Codes(due) == std::vector<std::string>{"6 CONNECTION REQUEST"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);

  // The retry: the heartbeats that fell due meanwhile wait for it to succeed.
  due = s.Due(kNow + seconds(300));
  BOOST_TEST(due.start_session);
  BOOST_TEST(due.events.empty());
  s.OnSessionFailed(kNow + seconds(301));  // the retry failed too
  BOOST_TEST(s.retry_count() == 2u);
  BOOST_TEST(s.Due(*s.retry_at()).events.empty());
  s.OnSessionSucceeded(kNow + seconds(400));
  BOOST_TEST((*s.NextWake(kNow + seconds(400)) == kNow + seconds(400)));
  due = s.Due(kNow + seconds(400));
  BOOST_TEST(Codes(due) == std::vector<std::string>{"14 HEARTBEAT"},
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_TEST((*s.NextWake(kNow + seconds(400)) == kNow + seconds(420)));  // back to its phase
}

BOOST_AUTO_TEST_CASE(scheduled_informs_survive_a_restart) {
  edgecwmp::test::TempDir dir;
  {
    InformScheduler s;
    std::string warning;
    BOOST_REQUIRE(s.Open(dir.path(), &warning).ok());
    BOOST_TEST(warning.empty());
    s.Configure(NoPeriodic(), kNow);
    BOOST_REQUIRE(s.ScheduleInform(100, "soon", kNow).ok());
    BOOST_REQUIRE(s.ScheduleInform(5000, "key\twith tab", kNow).ok());
    BOOST_REQUIRE(s.ScheduleInform(50, "fired", kNow).ok());
    const DueEvents due = s.Due(kNow + seconds(60));  // "fired" is consumed before the crash
    BOOST_TEST(due.storage.ok());
    BOOST_TEST(Codes(due) == (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/fired"}),
               boost::test_tools::per_element());
  }
  // Restarted after "soon" was due: it fires at once; "key\twith tab" keeps its time.
  InformScheduler s;
  std::string warning;
  BOOST_REQUIRE(s.Open(dir.path(), &warning).ok());
  BOOST_TEST(warning.empty());
  s.Configure(NoPeriodic(), kNow + seconds(700));
  BOOST_TEST((*s.NextWake(kNow + seconds(700)) == kNow + seconds(700)));
  DueEvents due = s.Due(kNow + seconds(700));
  BOOST_TEST(Codes(due) == (std::vector<std::string>{"3 SCHEDULED", "M ScheduleInform/soon"}),
             boost::test_tools::per_element());
  BOOST_TEST(due.start_session);
  BOOST_REQUIRE(s.scheduled_informs().size() == 1u);
  BOOST_TEST(s.scheduled_informs()[0].second == "key\twith tab");
  BOOST_TEST((s.scheduled_informs()[0].first == kNow + seconds(5000)));

  // A bootstrap clears them for good.
  BOOST_REQUIRE(s.ClearScheduledInforms().ok());
  InformScheduler after;
  BOOST_REQUIRE(after.Open(dir.path()).ok());
  BOOST_TEST(after.scheduled_informs().empty());
}

BOOST_AUTO_TEST_CASE(damaged_scheduled_inform_file_is_recovered) {
  edgecwmp::test::TempDir dir;
  {
    InformScheduler s;
    BOOST_REQUIRE(s.Open(dir.path()).ok());
    BOOST_REQUIRE(s.ScheduleInform(10, "a", kNow).ok());
    BOOST_REQUIRE(s.ScheduleInform(20, "b", kNow).ok());
  }
  const std::string file = dir.path() + "/scheduled_informs.txt";
  std::string data = edgecwmp::test::ReadFile(file);
  const size_t b = data.find("\tb\t");
  BOOST_REQUIRE(b != std::string::npos);
  edgecwmp::test::WriteFile(file, data.substr(0, b + 2));  // cut inside record "b"
  InformScheduler s;
  std::string warning;
  BOOST_REQUIRE(s.Open(dir.path(), &warning).ok());
  BOOST_TEST_MESSAGE("warning: " << warning);
  BOOST_TEST(warning.find("damaged") != std::string::npos);
  BOOST_REQUIRE(s.scheduled_informs().size() == 1u);
  BOOST_TEST(s.scheduled_informs()[0].second == "a");
}

BOOST_AUTO_TEST_SUITE_END()
