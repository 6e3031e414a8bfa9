// SPDX-License-Identifier: GPL-2.0-or-later
// EventQueue: TR-069 per-code rules (single/cumulative, retry, reboot, bootstrap, delivery by a
// later request) and crash-safe persistence with recovery from damaged files.
#define BOOST_TEST_MODULE events_tests
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cwmp/session/event_queue.h"
#include "tests/events/test_util.h"

namespace fs = std::filesystem;
using edgecwmp::cwmp::CpeRequestKind;
using edgecwmp::cwmp::EventQueue;
using edgecwmp::cwmp::EventStruct;
using edgecwmp::test::ReadFile;
using edgecwmp::test::TempDir;
using edgecwmp::test::WriteFile;

namespace {

std::vector<std::string> Codes(const std::vector<EventStruct>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    out.push_back(e.command_key.empty() ? e.event_code : e.event_code + "/" + e.command_key);
  }
  return out;
}

// Every standard code, each with a command key where the code carries one.
const std::vector<EventStruct> kAllCodes = {
    {"0 BOOTSTRAP", ""},
    {"1 BOOT", ""},
    {"2 PERIODIC", ""},
    {"3 SCHEDULED", ""},
    {"4 VALUE CHANGE", ""},
    {"5 KICKED", ""},
    {"6 CONNECTION REQUEST", ""},
    {"7 TRANSFER COMPLETE", ""},
    {"8 DIAGNOSTICS COMPLETE", ""},
    {"9 REQUEST DOWNLOAD", ""},
    {"10 AUTONOMOUS TRANSFER COMPLETE", ""},
    {"11 DU STATE CHANGE COMPLETE", ""},
    {"12 AUTONOMOUS DU STATE CHANGE COMPLETE", ""},
    {"13 WAKEUP", ""},
    {"M Reboot", "r1"},
    {"M ScheduleInform", "s1"},
    {"M Download", "d1"},
    {"M ScheduleDownload", "sd1"},
    {"M Upload", "u1"},
    {"M ChangeDUState", "c1"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(event_queue)

BOOST_AUTO_TEST_CASE(single_codes_merge_cumulative_codes_keep_each_occurrence) {
  EventQueue q;
  BOOST_TEST(q.Add("2 PERIODIC").ok());
  BOOST_TEST(q.Add("2 PERIODIC").ok());
  BOOST_TEST(q.Add("4 VALUE CHANGE").ok());
  BOOST_TEST(q.Add("4 VALUE CHANGE").ok());
  BOOST_TEST(q.Add("M Download", "k1").ok());
  BOOST_TEST(q.Add("M Download", "k2").ok());
  BOOST_TEST(q.Add("M ScheduleInform", "same").ok());
  BOOST_TEST(q.Add("M ScheduleInform", "same").ok());
  const std::vector<std::string> expected = {
      "2 PERIODIC",    "4 VALUE CHANGE",        "M Download/k1",
      "M Download/k2", "M ScheduleInform/same", "M ScheduleInform/same"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unknown_codes_are_refused_vendor_codes_accepted) {
  EventQueue q;
  BOOST_TEST((q.Add("15 SOMETHING").code() == edgecwmp::Error::kInvalidArguments));
  BOOST_TEST((q.Add("M Bogus", "x").code() == edgecwmp::Error::kInvalidArguments));
  BOOST_TEST((q.Add("2 periodic").code() == edgecwmp::Error::kInvalidArguments));
  BOOST_TEST(q.Add("X 00D09E CUSTOM").ok());
  BOOST_TEST(q.Add("X 00D09E CUSTOM").ok());  // single: merged
  BOOST_TEST(q.Add("M X_ACME_Frob", "a").ok());
  BOOST_TEST(q.Add("M X_ACME_Frob", "b").ok());  // cumulative
  BOOST_TEST(q.size() == 3u);
}

BOOST_AUTO_TEST_CASE(session_failure_keeps_all_but_connection_request_and_heartbeat) {
  const std::set<std::string> dropped = {"6 CONNECTION REQUEST", "14 HEARTBEAT"};
  std::vector<EventStruct> all = kAllCodes;
  all.push_back({"14 HEARTBEAT", ""});
  for (const EventStruct& ev : all) {
    BOOST_TEST_CONTEXT(ev.event_code) {
      EventQueue q;
      BOOST_REQUIRE(q.Add(ev).ok());
      const auto sent = q.ForInform();
      BOOST_REQUIRE(sent.size() == 1u);
      BOOST_TEST(q.OnSessionFailed().ok());
      BOOST_TEST(q.Contains(ev.event_code, ev.command_key) == !dropped.count(ev.event_code));
    }
  }
}

BOOST_AUTO_TEST_CASE(session_failure_drops_only_what_was_in_the_failed_inform) {
  EventQueue q;
  BOOST_REQUIRE(q.Add("6 CONNECTION REQUEST").ok());
  BOOST_REQUIRE(q.Add("1 BOOT").ok());
  q.ForInform();
  // A new connection request arrives while the failing session is under way: it is merged into
  // the pending single event and counts as new, so the failure does not discard it.
  BOOST_REQUIRE(q.Add("6 CONNECTION REQUEST").ok());
  BOOST_TEST(q.OnSessionFailed().ok());
  BOOST_TEST(q.Contains("6 CONNECTION REQUEST"));
  q.ForInform();
  BOOST_TEST(q.OnSessionFailed().ok());
  BOOST_TEST(!q.Contains("6 CONNECTION REQUEST"));
  BOOST_TEST(q.Contains("1 BOOT"));
}

BOOST_AUTO_TEST_CASE(reboot_keeps_only_the_retained_codes) {
  const std::set<std::string> kept = {"0 BOOTSTRAP",
                                      "3 SCHEDULED",
                                      "7 TRANSFER COMPLETE",
                                      "9 REQUEST DOWNLOAD",
                                      "10 AUTONOMOUS TRANSFER COMPLETE",
                                      "11 DU STATE CHANGE COMPLETE",
                                      "12 AUTONOMOUS DU STATE CHANGE COMPLETE",
                                      "M Reboot",
                                      "M ScheduleInform",
                                      "M Download",
                                      "M ScheduleDownload",
                                      "M Upload",
                                      "M ChangeDUState"};
  TempDir dir;
  {
    EventQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    for (const EventStruct& ev : kAllCodes) BOOST_REQUIRE(q.Add(ev).ok());
    BOOST_REQUIRE(q.Add("14 HEARTBEAT").ok());
  }
  EventQueue q;
  std::string warning;
  BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
  BOOST_TEST(warning.empty());
  BOOST_TEST(q.size() == kAllCodes.size() + 1);  // everything came back from disk
  BOOST_TEST(q.OnReboot().ok());
  std::set<std::string> left;
  for (const auto& e : q.Pending()) left.insert(e.event_code);
  BOOST_TEST(left == kept, boost::test_tools::per_element());
  // The reboot's outcome is itself persisted.
  EventQueue again;
  BOOST_REQUIRE(again.Open(dir.path()).ok());
  BOOST_TEST(again.size() == kept.size());
}

BOOST_AUTO_TEST_CASE(bootstrap_discards_older_events_except_boot) {
  EventQueue q;
  for (const EventStruct& ev : kAllCodes) {
    if (ev.event_code != "0 BOOTSTRAP") BOOST_REQUIRE(q.Add(ev).ok());
  }
  BOOST_REQUIRE(q.Add("0 BOOTSTRAP").ok());
  BOOST_REQUIRE(q.Add("M Reboot", "after").ok());  // raised after the new ACS was set: kept
  const std::vector<std::string> expected = {"1 BOOT", "0 BOOTSTRAP", "M Reboot/after"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(inform_response_removes_delivered_events_but_not_transfer_complete) {
  EventQueue q;
  BOOST_REQUIRE(q.Add("1 BOOT").ok());
  BOOST_REQUIRE(q.Add("M Reboot", "r").ok());
  BOOST_REQUIRE(q.Add("7 TRANSFER COMPLETE").ok());
  BOOST_REQUIRE(q.Add("M Download", "k1").ok());
  BOOST_REQUIRE(q.Add("M Upload", "k2").ok());
  BOOST_TEST(q.ForInform().size() == 5u);
  BOOST_TEST(q.OnInformAccepted().ok());
  std::vector<std::string> expected = {"7 TRANSFER COMPLETE", "M Download/k1", "M Upload/k2"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());

  // The session broke before the TransferCompletes went out: the next Inform repeats them.
  BOOST_TEST(q.OnSessionFailed().ok());
  BOOST_TEST(Codes(q.ForInform()) == expected, boost::test_tools::per_element());
  BOOST_TEST(q.OnInformAccepted().ok());

  BOOST_TEST(q.OnRequestDelivered(CpeRequestKind::kTransferComplete, "k1").ok());
  expected = {"7 TRANSFER COMPLETE", "M Upload/k2"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());
  BOOST_TEST(q.OnRequestDelivered(CpeRequestKind::kTransferComplete, "k2").ok());
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(other_cpe_requests_end_their_events) {
  EventQueue q;
  BOOST_REQUIRE(q.Add("11 DU STATE CHANGE COMPLETE").ok());
  BOOST_REQUIRE(q.Add("M ChangeDUState", "c").ok());
  BOOST_REQUIRE(q.Add("10 AUTONOMOUS TRANSFER COMPLETE").ok());
  BOOST_REQUIRE(q.Add("9 REQUEST DOWNLOAD").ok());
  q.ForInform();
  BOOST_REQUIRE(q.OnInformAccepted().ok());
  BOOST_TEST(q.size() == 4u);
  // Two autonomous transfers completed; one answered so far: the event stays.
  BOOST_TEST(q.OnRequestDelivered(CpeRequestKind::kAutonomousTransferComplete, "", true).ok());
  BOOST_TEST(q.Contains("10 AUTONOMOUS TRANSFER COMPLETE"));
  BOOST_TEST(q.OnRequestDelivered(CpeRequestKind::kAutonomousTransferComplete, "").ok());
  BOOST_TEST(!q.Contains("10 AUTONOMOUS TRANSFER COMPLETE"));
  BOOST_TEST(q.OnRequestDelivered(CpeRequestKind::kDuStateChangeComplete, "c").ok());
  BOOST_TEST(!q.Contains("11 DU STATE CHANGE COMPLETE"));
  BOOST_TEST(!q.Contains("M ChangeDUState", "c"));
  BOOST_TEST(q.OnRequestDelivered(CpeRequestKind::kRequestDownload, "").ok());
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(events_added_while_the_inform_is_in_flight_survive_its_response) {
  EventQueue q;
  BOOST_REQUIRE(q.Add("4 VALUE CHANGE").ok());
  BOOST_REQUIRE(q.Add("M ScheduleInform", "a").ok());
  q.ForInform();
  BOOST_REQUIRE(q.Add("4 VALUE CHANGE").ok());  // a newer change, merged
  BOOST_REQUIRE(q.Add("2 PERIODIC").ok());
  BOOST_REQUIRE(q.Add("M ScheduleInform", "a").ok());  // a second, distinct occurrence
  BOOST_TEST(q.OnInformAccepted().ok());
  const std::vector<std::string> expected = {"4 VALUE CHANGE", "2 PERIODIC", "M ScheduleInform/a"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(heartbeat_goes_alone) {
  EventQueue q;
  BOOST_REQUIRE(q.Add("2 PERIODIC").ok());
  BOOST_REQUIRE(q.Add("14 HEARTBEAT").ok());
  BOOST_REQUIRE(q.Add("4 VALUE CHANGE").ok());
  std::vector<std::string> expected = {"14 HEARTBEAT"};
  BOOST_TEST(Codes(q.ForInform()) == expected, boost::test_tools::per_element());
  BOOST_TEST(q.OnInformAccepted().ok());
  expected = {"2 PERIODIC", "4 VALUE CHANGE"};
  BOOST_TEST(Codes(q.ForInform()) == expected, boost::test_tools::per_element());
  BOOST_TEST(q.OnInformAccepted().ok());
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(at_most_64_events_per_inform) {
  EventQueue q;
  for (int i = 0; i < 70; ++i) BOOST_REQUIRE(q.Add("M ScheduleInform", std::to_string(i)).ok());
  const auto first = q.ForInform();
  BOOST_TEST(first.size() == 64u);
  BOOST_TEST(first.front().command_key == "0");
  BOOST_TEST(first.back().command_key == "63");
  BOOST_TEST(q.OnInformAccepted().ok());
  const auto second = q.ForInform();
  BOOST_TEST(second.size() == 6u);
  BOOST_TEST(second.front().command_key == "64");
}

BOOST_AUTO_TEST_CASE(undelivered_events_survive_a_crash) {
  TempDir dir;
  {
    EventQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    BOOST_REQUIRE(q.Add("1 BOOT").ok());
    BOOST_REQUIRE(q.Add("M Reboot", "key with\ttab, newline\n and 100%").ok());
    BOOST_REQUIRE(q.Add("M Download", "").ok());
    q.ForInform();  // in flight when the process dies: no response, no failure report
  }
  EventQueue q;
  std::string warning;
  BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
  BOOST_TEST(warning.empty());
  const auto pending = q.Pending();
  BOOST_REQUIRE(pending.size() == 3u);
  BOOST_TEST(pending[0].event_code == "1 BOOT");
  BOOST_TEST(pending[1].event_code == "M Reboot");
  BOOST_TEST(pending[1].command_key == "key with\ttab, newline\n and 100%");
  BOOST_TEST(pending[2].event_code == "M Download");
  // Delivery is persisted too.
  q.ForInform();
  BOOST_REQUIRE(q.OnInformAccepted().ok());
  EventQueue after;
  BOOST_REQUIRE(after.Open(dir.path()).ok());
  BOOST_TEST(Codes(after.Pending()) == std::vector<std::string>{"M Download"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stale_temp_file_is_ignored_and_removed) {
  TempDir dir;
  {
    EventQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    BOOST_REQUIRE(q.Add("0 BOOTSTRAP").ok());
    BOOST_REQUIRE(q.Add("1 BOOT").ok());
  }
  const std::string tmp = dir.path() + "/events.txt.tmp";
  WriteFile(tmp, "edgecwmp-events 1\nE\t2 PERI");  // a write that died half-way
  EventQueue q;
  std::string warning;
  BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
  BOOST_TEST(warning.find(".tmp") != std::string::npos);
  BOOST_TEST(!fs::exists(tmp));
  const std::vector<std::string> expected = {"0 BOOTSTRAP", "1 BOOT"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(truncated_file_keeps_the_intact_records) {
  TempDir dir;
  {
    EventQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    BOOST_REQUIRE(q.Add("1 BOOT").ok());
    BOOST_REQUIRE(q.Add("M Reboot", "r").ok());
    BOOST_REQUIRE(q.Add("M Download", "d").ok());
  }
  const std::string file = dir.path() + "/events.txt";
  std::string data = ReadFile(file);
  const size_t last = data.rfind("R\tM Download");
  BOOST_REQUIRE(last != std::string::npos);
  WriteFile(file, data.substr(0, last + 7));  // cut inside the last record; END is gone
  EventQueue q;
  std::string warning;
  BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
  BOOST_TEST_MESSAGE("warning: " << warning);
  BOOST_TEST(warning.find("truncated") != std::string::npos);
  BOOST_TEST(warning.find("damaged") != std::string::npos);
  const std::vector<std::string> expected = {"1 BOOT", "M Reboot/r"};
  BOOST_TEST(Codes(q.Pending()) == expected, boost::test_tools::per_element());
  // The recovered state was written back: the next start is clean.
  EventQueue again;
  std::string second_warning;
  BOOST_REQUIRE(again.Open(dir.path(), &second_warning).ok());
  BOOST_TEST(second_warning.empty());
  BOOST_TEST(Codes(again.Pending()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(corrupt_records_are_dropped_with_a_warning) {
  TempDir dir;
  {
    EventQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    BOOST_REQUIRE(q.Add("1 BOOT").ok());
    BOOST_REQUIRE(q.Add("M Reboot", "abc").ok());
  }
  const std::string file = dir.path() + "/events.txt";
  std::string data = ReadFile(file);
  const size_t key = data.find("abc");
  BOOST_REQUIRE(key != std::string::npos);
  data[key] = 'x';  // the checksum no longer matches
  WriteFile(file, data);
  EventQueue q;
  std::string warning;
  BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
  BOOST_TEST(warning.find("1 damaged line") != std::string::npos);
  BOOST_TEST(Codes(q.Pending()) == std::vector<std::string>{"1 BOOT"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(garbage_or_empty_file_never_stops_the_queue) {
  TempDir dir;
  const std::string file = dir.path() + "/events.txt";
  for (const std::string& junk :
       {std::string(), std::string("\0\1\2\xff\xfe garbage\n\n\t\t", 17), std::string(5000, 'E'),
        std::string("edgecwmp-events 1\nEND\tnot-a-number\n")}) {
    WriteFile(file, junk);
    EventQueue q;
    std::string warning;
    BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
    BOOST_TEST(!warning.empty());
    BOOST_TEST(q.empty());
    BOOST_TEST(q.Add("1 BOOT").ok());
    EventQueue again;
    BOOST_REQUIRE(again.Open(dir.path()).ok());
    BOOST_TEST(again.Contains("1 BOOT"));
  }
}

BOOST_AUTO_TEST_CASE(factory_reset_forgets_every_event_on_disk_too) {
  TempDir dir;
  {
    EventQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    BOOST_REQUIRE(q.Add("0 BOOTSTRAP").ok());
    BOOST_REQUIRE(q.Add("M Reboot", "x").ok());
    BOOST_REQUIRE(q.Wipe().ok());
    BOOST_TEST(q.empty());
  }
  EventQueue q;
  BOOST_REQUIRE(q.Open(dir.path()).ok());
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(unusable_directory_is_an_error) {
  TempDir dir;
  const std::string file = dir.path() + "/plain-file";
  WriteFile(file, "x");
  EventQueue q;
  BOOST_TEST(!q.Open(file + "/sub").ok());
}

BOOST_AUTO_TEST_SUITE_END()
