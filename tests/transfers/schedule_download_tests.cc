// SPDX-License-Identifier: GPL-2.0-or-later
// ScheduleDownload (TR-069 A.4.1.7) time windows beyond the basics of transfer_tests: MaxRetries
// (retries inside a window after a failure, -1 = the CPE's choice, 0 = none; only the last
// attempt's result reported; then the next window) and "3 When Idle" (an injected idle
// predicate: a window that never becomes idle ends in 9020). A handler command counts the
// attempts and fails with a different fault each time. Windows last a few seconds; nothing
// asserts on elapsed time.
#define BOOST_TEST_MODULE transfer_schedule_tests
#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "base/record_file.h"
#include "cwmp/transfers/transfer_queue.h"
#include "rpc/faults.h"
#include "tests/transfers/transfer_fixture.h"

namespace edgecwmp::cwmp {
namespace {

namespace fault = rpc::fault;

// A started file server and a vendor configuration handler that counts its runs in a file,
// fails with 9016 on the first, 9018 on later ones, and succeeds from run |succeed_from| on
// (0: never).
struct ScheduleFixture : Fixture {
  testing::FileServer server;
  ScheduleFixture() {
    BOOST_REQUIRE(server.Start());
    server.Put("/s.cfg", "scheduled");
  }
  void StartCounting(int succeed_from) {
    const std::string script = dir.File("handler.sh");
    BOOST_REQUIRE(testing::WriteFile(
        script, "echo run >> " + dir.File("attempts") + "\nn=$(wc -l < " + dir.File("attempts") +
                    ")\n[ " + std::to_string(succeed_from) + " -gt 0 ] && [ \"$n\" -ge " +
                    std::to_string(succeed_from) + " ] && exit 0\n[ \"$n\" -eq 1 ] && exit 16\n" +
                    "exit 18\n"));
    config.vendor_config_command = "sh " + script;
    Start();
  }
  int attempts() const {
    const std::string text = testing::ReadFile(dir.File("attempts"));
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  }
  // Schedules the download with |windows| and waits for its TransferComplete.
  TransferCompletion Run(std::vector<TimeWindowStruct> windows) {
    cwmp::ScheduleDownload sd;
    sd.command_key = "sched";
    sd.file_type = "3 Vendor Configuration File";
    sd.url = server.Url("/s.cfg");
    sd.time_window_list = std::move(windows);
    BOOST_REQUIRE_EQUAL(FaultOf(manager->ScheduleDownload(sd, Now())), 0u);
    TransferCompletion c = Finish();
    BOOST_CHECK_EQUAL(std::string(c.method_event), "M ScheduleDownload");
    BOOST_CHECK_EQUAL(c.message.command_key, "sched");
    return c;
  }
};

TimeWindowStruct Window(uint32_t start, uint32_t end, int32_t max_retries,
                        const char* mode = "1 At Any Time") {
  return {start, end, mode, "", max_retries};
}

BOOST_AUTO_TEST_CASE(a_failed_attempt_is_retried_in_its_window_until_it_succeeds) {
  ScheduleFixture f;
  f.StartCounting(3);
  TransferCompletion c = f.Run({Window(0, 6, 2)});
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(f.attempts(), 3);
  BOOST_CHECK_EQUAL(f.server.gets(), 3);  // each retry fetches the file again
}

BOOST_AUTO_TEST_CASE(only_the_last_attempt_is_reported) {
  ScheduleFixture f;
  f.StartCounting(0);
  TransferCompletion c = f.Run({Window(0, 4, 1)});
  BOOST_CHECK_EQUAL(f.attempts(), 2);
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, fault::kFileCorrupted);  // the second: 9018
  BOOST_CHECK(f.manager->Completions().empty());                         // reported once
}

BOOST_AUTO_TEST_CASE(max_retries_zero_means_one_attempt) {
  ScheduleFixture f;
  f.StartCounting(2);  // a retry would have succeeded
  TransferCompletion c = f.Run({Window(0, 30, 0)});
  BOOST_CHECK_EQUAL(f.attempts(), 1);
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, fault::kFileAccessFailure);
}

BOOST_AUTO_TEST_CASE(max_retries_minus_one_lets_the_cpe_choose_three) {
  ScheduleFixture f;
  f.StartCounting(0);
  TransferCompletion c = f.Run({Window(0, 10, -1)});
  BOOST_CHECK_EQUAL(f.attempts(), 4);  // the first attempt and three retries
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, fault::kFileCorrupted);
}

BOOST_AUTO_TEST_CASE(a_window_out_of_attempts_hands_over_to_the_next) {
  ScheduleFixture f;
  f.StartCounting(2);
  TransferCompletion c = f.Run({Window(0, 2, 0), Window(3, 8, 0)});
  BOOST_CHECK_EQUAL(f.attempts(), 2);
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
}

BOOST_AUTO_TEST_CASE(max_retries_below_minus_one_is_refused) {
  ScheduleFixture f;
  f.StartCounting(1);
  cwmp::ScheduleDownload sd;
  sd.command_key = "bad";
  sd.file_type = "3 Vendor Configuration File";
  sd.url = f.server.Url("/s.cfg");
  sd.time_window_list = {Window(0, 30, -2)};
  BOOST_CHECK_EQUAL(FaultOf(f.manager->ScheduleDownload(sd, Now())), fault::kInvalidArguments);
  BOOST_CHECK(f.manager->GetAllQueuedTransfers().transfer_list.empty());
}

BOOST_AUTO_TEST_CASE(when_idle_waits_for_idle) {
  ScheduleFixture f;
  std::atomic<bool> idle{false};
  std::atomic<int> asked{0};
  f.config.is_idle = [&] {
    ++asked;
    return idle.load();
  };
  f.config.idle_poll_seconds = 1;
  f.StartCounting(1);
  cwmp::ScheduleDownload sd;
  sd.command_key = "idle";
  sd.file_type = "3 Vendor Configuration File";
  sd.url = f.server.Url("/s.cfg");
  sd.time_window_list = {Window(0, 60, 0, "3 When Idle")};
  BOOST_REQUIRE_EQUAL(FaultOf(f.manager->ScheduleDownload(sd, Now())), 0u);
  BOOST_REQUIRE(testing::WaitUntil([&] { return asked.load() >= 2; }));  // asked again later
  auto queued = f.manager->GetQueuedTransfers().transfer_list;
  BOOST_REQUIRE_EQUAL(queued.size(), 1u);
  BOOST_CHECK_EQUAL(queued[0].state, 1);  // not started while busy
  BOOST_CHECK_EQUAL(f.server.gets(), 0);
  idle = true;
  TransferCompletion c = f.Finish();
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(f.attempts(), 1);
}

BOOST_AUTO_TEST_CASE(when_idle_never_idle_is_9020_or_the_next_window) {
  ScheduleFixture f;
  f.config.is_idle = [] { return false; };
  f.config.idle_poll_seconds = 1;
  f.StartCounting(1);
  TransferCompletion never = f.Run({Window(0, 2, 0, "3 When Idle")});
  BOOST_CHECK_EQUAL(never.message.fault.fault_code, fault::kTimeWindowsExceeded);
  BOOST_CHECK_EQUAL(f.server.gets(), 0);
  BOOST_CHECK_EQUAL(f.attempts(), 0);
  // A busy "When Idle" window, then one "At Any Time": done in the second.
  TransferCompletion later = f.Run({Window(0, 2, 0, "3 When Idle"), Window(3, 30, 0)});
  BOOST_CHECK_EQUAL(later.message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(f.attempts(), 1);
}

BOOST_AUTO_TEST_CASE(a_restart_keeps_the_attempts_made_and_the_last_result) {
  ScheduleFixture f;
  {
    // Stopped between retries: both attempts of its one window made, the last one failed.
    TransferQueue q;
    BOOST_REQUIRE(q.Open(f.config.state_dir).ok());
    Transfer t;
    t.kind = TransferKind::kScheduleDownload;
    t.command_key = "halfway";
    t.file_type = "3 Vendor Configuration File";
    t.url = f.server.Url("/s.cfg");
    t.windows = {{Now() - 5, Now() + 60, "1 At Any Time", 1, 2}};
    t.fault = {fault::kFileCorrupted, "File corrupted"};
    BOOST_REQUIRE(q.Add(t).ok());
  }
  f.StartCounting(1);
  TransferCompletion c = f.Finish();
  BOOST_CHECK_EQUAL(c.message.command_key, "halfway");
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, fault::kFileCorrupted);
  BOOST_CHECK_EQUAL(f.attempts(), 0);  // no third attempt after the restart
  BOOST_CHECK_EQUAL(f.server.gets(), 0);
}

BOOST_AUTO_TEST_CASE(window_retries_and_attempts_are_persisted_and_old_windows_load) {
  testing::TempDir dir("edgecwmp-tq-windows");
  {
    TransferQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    Transfer t;
    t.kind = TransferKind::kScheduleDownload;
    t.command_key = "new";
    t.windows = {{100, 200, "3 When Idle", -1, 2}, {300, 400, "1 At Any Time", 5, 0}};
    BOOST_REQUIRE(q.Add(t).ok());
  }
  TransferQueue q;
  BOOST_REQUIRE(q.Open(dir.path()).ok());
  BOOST_REQUIRE_EQUAL(q.size(), 1u);
  const auto& w = q.transfers()[0].windows;
  BOOST_REQUIRE_EQUAL(w.size(), 2u);
  BOOST_CHECK_EQUAL(w[0].mode, "3 When Idle");
  BOOST_CHECK_EQUAL(w[0].max_retries, -1);
  BOOST_CHECK_EQUAL(w[0].attempts, 2u);
  BOOST_CHECK_EQUAL(w[1].start, 300);
  BOOST_CHECK_EQUAL(w[1].max_retries, 5);

  // A window list as written before MaxRetries was kept: "start,end,mode".
  testing::TempDir old_dir("edgecwmp-tq-old-windows");
  const Record v1 = {"3",
                     "2",
                     "1",
                     "old",
                     "3 Vendor Configuration File",
                     "http://127.0.0.1/a",
                     "",
                     "",
                     "",
                     "0",
                     "100",
                     "100,200,1 At Any Time;300,400,2 Immediately",
                     "0 ",
                     "0001-01-01T00:00:00Z",
                     "0001-01-01T00:00:00Z",
                     "0"};
  BOOST_REQUIRE(testing::WriteFile(old_dir.File("transfers.txt"),
                                   EncodeRecords("edgecwmp-transfers 1", {v1})));
  TransferQueue old;
  std::string warning;
  BOOST_REQUIRE(old.Open(old_dir.path(), &warning).ok());
  BOOST_CHECK_EQUAL(warning, "");
  BOOST_REQUIRE_EQUAL(old.size(), 1u);
  const auto& ow = old.transfers()[0].windows;
  BOOST_REQUIRE_EQUAL(ow.size(), 2u);
  BOOST_CHECK_EQUAL(ow[0].end, 200);
  BOOST_CHECK_EQUAL(ow[1].mode, "2 Immediately");
  BOOST_CHECK_EQUAL(ow[1].max_retries, 0);  // not retried, as before
  BOOST_CHECK_EQUAL(ow[1].attempts, 0u);
}

}  // namespace
}  // namespace edgecwmp::cwmp
