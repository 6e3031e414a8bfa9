// SPDX-License-Identifier: GPL-2.0-or-later
// DuChangeManager (cwmp/du/du_changes.h): ChangeDUState answered at once, operations run later on
// the worker, DUStateChangeComplete owed until answered and persisted across restarts, an operation
// cut off by a crash reported as 9002, and the events that announce the results; autonomous DU
// changes (TR-069 A.4.2.2) requested or recorded on the device, kept apart from ChangeDUState's.
#define BOOST_TEST_MODULE du_changes_tests
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "base/record_file.h"
#include "cwmp/du/du_changes.h"
#include "cwmp/jobs/job_reports.h"
#include "cwmp/session/event_queue.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::cwmp {
namespace {

// Records the calls; Install of "http://block" waits until released.
class FakeBackend : public rpc::DeploymentUnitBackend {
 public:
  rpc::DuOperationOutcome Install(const std::string& url, const std::string& uuid,
                                  const std::string&, const std::string&,
                                  const std::string&) override {
    calls_.push_back("install " + url);
    if (url == "http://block") {
      std::unique_lock<std::mutex> lock(mu_);
      blocked_ = true;
      cv_.wait(lock, [this] { return released_; });
    }
    rpc::DuOperationOutcome o;
    o.uuid = uuid;
    o.current_state = "Installed";
    o.resolved = true;
    o.version = "1.0";
    o.deployment_unit_ref = "Device.SoftwareModules.DeploymentUnit.5";
    o.execution_unit_refs = {"Device.SoftwareModules.ExecutionUnit.5"};
    return o;
  }
  rpc::DuOperationOutcome Update(const std::string& uuid, const std::string&, const std::string&,
                                 const std::string&, const std::string&) override {
    calls_.push_back("update " + uuid);
    rpc::DuOperationOutcome o;
    o.status = Status::Fault(9031, "no version");
    return o;
  }
  rpc::DuOperationOutcome Uninstall(const std::string& uuid, const std::string&,
                                    const std::string&) override {
    calls_.push_back("uninstall " + uuid);
    rpc::DuOperationOutcome o;
    o.status = Status::Fault(9028, "");
    return o;
  }
  bool blocked() {
    std::lock_guard<std::mutex> lock(mu_);
    return blocked_;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  std::vector<std::string> calls_;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool blocked_ = false, released_ = false;
};

ChangeDUState Request(const std::string& key, std::vector<DUOperation> ops) {
  ChangeDUState r;
  r.command_key = key;
  r.operations = std::move(ops);
  return r;
}

BOOST_AUTO_TEST_CASE(answers_at_once_runs_later_and_keeps_results_until_answered) {
  testing::TempDir dir("edgecwmp-du");
  FakeBackend backend;
  std::atomic<int> changes{0};
  {
    DuChangeManager du(dir.path(), [&] { ++changes; });
    BOOST_REQUIRE(du.Start().ok());
    // Without a backend ChangeDUState is not supported.
    auto none = du.ChangeDUState(Request("k0", {InstallOpStruct{"http://a", "", "", "", ""}}));
    BOOST_REQUIRE(std::holds_alternative<Fault>(none));
    BOOST_CHECK_EQUAL(std::get<Fault>(none).fault_code, 9000u);
    du.SetBackend(&backend);
    auto bad = du.ChangeDUState(Request(std::string(33, 'k'), {UninstallOpStruct{"u", "", ""}}));
    BOOST_REQUIRE(std::holds_alternative<Fault>(bad));
    BOOST_CHECK_EQUAL(std::get<Fault>(bad).fault_code, 9003u);
    auto empty = du.ChangeDUState(Request("k", {}));
    BOOST_CHECK(std::holds_alternative<Fault>(empty));

    auto ok = du.ChangeDUState(Request(
        "cmd-1", {InstallOpStruct{"http://a", "uuid-a", "", "", ""},
                  UpdateOpStruct{"uuid-b", "", "", "", ""}, UninstallOpStruct{"uuid-c", "", ""}}));
    BOOST_REQUIRE(std::holds_alternative<ChangeDUStateResponse>(ok));
    BOOST_REQUIRE(testing::WaitUntil([&] { return du.Completions().size() == 1; }));
    BOOST_CHECK(testing::WaitUntil([&] { return changes.load() == 1; }));  // called after the save
    const auto c = du.Completions().front();
    BOOST_CHECK_EQUAL(c.message.command_key, "cmd-1");
    BOOST_REQUIRE_EQUAL(c.message.results.size(), 3u);
    const auto& install = c.message.results[0];
    BOOST_CHECK_EQUAL(install.uuid, "uuid-a");
    BOOST_CHECK_EQUAL(install.current_state, "Installed");
    BOOST_CHECK_EQUAL(install.execution_unit_ref_list, "Device.SoftwareModules.ExecutionUnit.5");
    BOOST_CHECK_EQUAL(install.fault.fault_code, 0u);
    BOOST_CHECK_NE(install.start_time, kUnknownTime);
    BOOST_CHECK_NE(install.complete_time, kUnknownTime);
    BOOST_CHECK_EQUAL(c.message.results[1].fault.fault_code, 9031u);
    BOOST_CHECK(c.message.results[1].fault.fault_string.find("no version") != std::string::npos);
    BOOST_CHECK_EQUAL(c.message.results[1].uuid, "uuid-b");  // from the request
    BOOST_CHECK_EQUAL(c.message.results[2].fault.fault_code, 9028u);
    BOOST_CHECK_EQUAL(c.message.results[2].current_state, "Failed");
    BOOST_CHECK_EQUAL(backend.calls_.size(), 3u);
    du.SetBackend(nullptr);
  }
  // A restart: the owed result is still there, and nothing runs twice.
  DuChangeManager again(dir.path(), nullptr);
  BOOST_REQUIRE(again.Start().ok());
  again.SetBackend(&backend);
  BOOST_REQUIRE_EQUAL(again.Completions().size(), 1u);
  BOOST_CHECK_EQUAL(again.Completions()[0].message.results[0].version, "1.0");
  again.OnAnswered(again.Completions()[0].id, true);
  BOOST_CHECK(again.Completions().empty());
  BOOST_CHECK_EQUAL(backend.calls_.size(), 3u);
  again.SetBackend(nullptr);
  DuChangeManager third(dir.path(), nullptr);
  BOOST_REQUIRE(third.Start().ok());
  BOOST_CHECK(third.Completions().empty());
}

// Submits (through |submit|) an install that blocks, then an uninstall; copies the state file
// while the install runs, as a kill -9 would leave it; restarts from that copy with a fresh
// backend and returns the restarted manager's results for the request (through |results|, once
// it has some), and the calls that backend saw.
struct CrashOutcome {
  std::vector<OpResultStruct> results;
  std::vector<std::string> calls_after;
};
CrashOutcome CrashDuringInstall(
    const std::function<void(DuChangeManager&, std::vector<DUOperation>)>& submit,
    const std::function<std::vector<OpResultStruct>(const DuChangeManager&)>& results) {
  testing::TempDir dir("edgecwmp-du"), crashed("edgecwmp-du-crash");
  FakeBackend backend;
  DuChangeManager du(dir.path(), nullptr);
  BOOST_REQUIRE(du.Start().ok());
  du.SetBackend(&backend);
  submit(du, {InstallOpStruct{"http://block", "uuid-x", "", "", ""},
              UninstallOpStruct{"uuid-y", "", ""}});
  BOOST_REQUIRE(testing::WaitUntil([&] { return backend.blocked(); }));
  std::filesystem::copy_file(dir.File("du_changes.txt"), crashed.File("du_changes.txt"));
  backend.Release();
  BOOST_REQUIRE(testing::WaitUntil([&] { return !results(du).empty(); }));
  du.SetBackend(nullptr);

  FakeBackend after;
  DuChangeManager restarted(crashed.path(), nullptr);
  BOOST_REQUIRE(restarted.Start().ok());
  restarted.SetBackend(&after);
  BOOST_REQUIRE(testing::WaitUntil([&] { return !results(restarted).empty(); }));
  CrashOutcome out{results(restarted), after.calls_};
  restarted.SetBackend(nullptr);
  return out;
}

void CheckCutOffInstall(const CrashOutcome& o) {
  BOOST_REQUIRE_EQUAL(o.results.size(), 2u);
  BOOST_CHECK_EQUAL(o.results[0].fault.fault_code, 9002u);
  BOOST_CHECK_EQUAL(o.results[0].uuid, "uuid-x");
  BOOST_CHECK_EQUAL(o.results[0].current_state, "Failed");
  BOOST_CHECK_EQUAL(o.results[1].fault.fault_code, 9028u);  // the rest still ran
  BOOST_REQUIRE_EQUAL(o.calls_after.size(), 1u);
  BOOST_CHECK_EQUAL(o.calls_after[0], "uninstall uuid-y");
}

BOOST_AUTO_TEST_CASE(an_operation_cut_off_by_a_crash_is_reported_as_failed) {
  CheckCutOffInstall(CrashDuringInstall(
      [](DuChangeManager& du, std::vector<DUOperation> ops) {
        auto ok = du.ChangeDUState(Request("crash", std::move(ops)));
        BOOST_REQUIRE(std::holds_alternative<ChangeDUStateResponse>(ok));
      },
      [](const DuChangeManager& du) {
        BOOST_CHECK(du.AutonomousCompletions().empty());
        auto c = du.Completions();
        return c.empty() ? std::vector<OpResultStruct>() : c.front().message.results;
      }));
}

BOOST_AUTO_TEST_CASE(an_autonomous_operation_cut_off_by_a_crash_is_reported_as_failed) {
  std::vector<std::string> performed;
  CheckCutOffInstall(CrashDuringInstall(
      [](DuChangeManager& du, std::vector<DUOperation> ops) {
        BOOST_REQUIRE(du.RequestAutonomous(ops).ok());
      },
      [&](const DuChangeManager& du) {
        BOOST_CHECK(du.Completions().empty());
        std::vector<OpResultStruct> out;
        performed.clear();
        for (const auto& c : du.AutonomousCompletions()) {
          for (const auto& r : c.message.results) {
            out.push_back(r);
            performed.push_back(r.operation_performed);
          }
        }
        return out;
      }));
  const std::vector<std::string> expected = {"Install", "Uninstall"};
  BOOST_TEST(performed == expected);
}

BOOST_AUTO_TEST_CASE(events_announce_each_result_once) {
  testing::TempDir dir("edgecwmp-du");
  FakeBackend backend;
  DuChangeManager du(dir.path(), nullptr);
  BOOST_REQUIRE(du.Start().ok());
  du.SetBackend(&backend);
  EventQueue events;
  BOOST_CHECK(!RaiseReportEvents(du.Reports(), &events));
  du.ChangeDUState(Request("a", {UninstallOpStruct{"u1", "", ""}}));
  du.ChangeDUState(Request("b", {UninstallOpStruct{"u2", "", ""}}));
  BOOST_REQUIRE(testing::WaitUntil([&] { return du.Completions().size() == 2; }));
  BOOST_CHECK(RaiseReportEvents(du.Reports(), &events));
  BOOST_CHECK(!RaiseReportEvents(du.Reports(), &events));  // already announced
  BOOST_CHECK(events.Contains(kEventDuStateChangeComplete));
  BOOST_CHECK(events.Contains(kEventMChangeDuState, "a"));
  BOOST_CHECK(events.Contains(kEventMChangeDuState, "b"));
  Inform inform;
  inform.event = events.ForInform();
  auto announced = AnnouncedReports(du.Reports(), inform);
  BOOST_REQUIRE_EQUAL(announced.size(), 2u);
  Inform without;
  without.event = {{kEventMChangeDuState, "a"}};  // no 11: nothing goes
  BOOST_CHECK(AnnouncedReports(du.Reports(), without).empty());
  du.SetBackend(nullptr);
}

std::vector<std::string> Performed(const AutonomousDuCompletion& c) {
  std::vector<std::string> out;
  for (const auto& r : c.message.results) out.push_back(r.operation_performed);
  return out;
}

BOOST_AUTO_TEST_CASE(autonomous_requests_are_reported_apart_from_change_du_state) {
  testing::TempDir dir("edgecwmp-du");
  FakeBackend backend;
  std::atomic<int> changes{0};
  uint64_t autonomous_id = 0, acs_id = 0;
  {
    DuChangeManager du(dir.path(), [&] { ++changes; });
    BOOST_REQUIRE(du.Start().ok());
    du.SetBackend(&backend);
    BOOST_REQUIRE(du.RequestAutonomous({InstallOpStruct{"http://a", "uuid-a", "", "", ""},
                                        UpdateOpStruct{"uuid-b", "2.0", "", "", ""},
                                        UninstallOpStruct{"uuid-c", "", ""}})
                      .ok());
    BOOST_REQUIRE(testing::WaitUntil([&] { return du.AutonomousCompletions().size() == 1; }));
    BOOST_CHECK(testing::WaitUntil([&] { return changes.load() == 1; }));
    BOOST_CHECK(du.Completions().empty());
    const auto a = du.AutonomousCompletions().front();
    autonomous_id = a.id;
    const std::vector<std::string> expected = {"Install", "Update", "Uninstall"};
    const auto performed = Performed(a);
    BOOST_TEST(performed == expected);
    BOOST_CHECK_EQUAL(a.message.results[0].uuid, "uuid-a");
    BOOST_CHECK_EQUAL(a.message.results[0].current_state, "Installed");
    BOOST_CHECK_EQUAL(a.message.results[0].deployment_unit_ref,
                      "Device.SoftwareModules.DeploymentUnit.5");
    BOOST_CHECK_NE(a.message.results[0].complete_time, kUnknownTime);
    BOOST_CHECK_EQUAL(a.message.results[1].fault.fault_code, 9031u);
    BOOST_CHECK_EQUAL(a.message.results[2].fault.fault_code, 9028u);
    const std::vector<std::string> calls = {"install http://a", "update uuid-b",
                                            "uninstall uuid-c"};
    BOOST_TEST(backend.calls_ == calls);

    // Never announced by "11" / "M ChangeDUState": the agent raises "12" after its policy check.
    EventQueue events;
    BOOST_CHECK(!RaiseReportEvents(du.Reports(), &events));
    BOOST_CHECK(events.empty());
    Inform inform;  // an autonomous request has no CommandKey: "" must not pick it up
    inform.event = {{kEventDuStateChangeComplete, ""}, {kEventMChangeDuState, ""}};
    BOOST_CHECK(AnnouncedReports(du.Reports(), inform).empty());

    auto ok = du.ChangeDUState(Request("", {UninstallOpStruct{"uuid-d", "", ""}}));
    BOOST_REQUIRE(std::holds_alternative<ChangeDUStateResponse>(ok));
    BOOST_REQUIRE(testing::WaitUntil([&] { return du.Completions().size() == 1; }));
    acs_id = du.Completions().front().id;
    BOOST_CHECK_NE(acs_id, autonomous_id);
    BOOST_CHECK_EQUAL(du.AutonomousCompletions().size(), 1u);
    auto announced = AnnouncedReports(du.Reports(), inform);
    BOOST_REQUIRE_EQUAL(announced.size(), 1u);
    BOOST_CHECK_EQUAL(announced[0].id, acs_id);
    BOOST_CHECK(RaiseReportEvents(du.Reports(), &events));
    BOOST_CHECK_EQUAL(events.size(), 2u);  // 11 and one M ChangeDUState
    du.SetBackend(nullptr);
  }
  // Both kinds survive a restart, each as what it was; nothing runs again.
  DuChangeManager again(dir.path(), nullptr);
  BOOST_REQUIRE(again.Start().ok());
  again.SetBackend(&backend);
  BOOST_REQUIRE_EQUAL(again.AutonomousCompletions().size(), 1u);
  BOOST_CHECK_EQUAL(again.AutonomousCompletions()[0].id, autonomous_id);
  BOOST_CHECK_EQUAL(Performed(again.AutonomousCompletions()[0]).at(1), "Update");
  BOOST_CHECK_EQUAL(again.AutonomousCompletions()[0].message.results.at(0).version, "1.0");
  BOOST_REQUIRE_EQUAL(again.Completions().size(), 1u);
  BOOST_CHECK_EQUAL(again.Completions()[0].id, acs_id);
  again.OnAnswered(autonomous_id, true);
  BOOST_CHECK(again.AutonomousCompletions().empty());
  BOOST_CHECK_EQUAL(again.Completions().size(), 1u);
  again.OnAnswered(acs_id, false);
  BOOST_CHECK(again.Completions().empty());
  BOOST_CHECK_EQUAL(backend.calls_.size(), 4u);
  again.SetBackend(nullptr);
  DuChangeManager third(dir.path(), nullptr);
  BOOST_REQUIRE(third.Start().ok());
  BOOST_CHECK(third.Completions().empty());
  BOOST_CHECK(third.AutonomousCompletions().empty());
}

BOOST_AUTO_TEST_CASE(a_recorded_change_round_trips_without_a_backend) {
  testing::TempDir dir("edgecwmp-du");
  std::atomic<int> changes{0};
  AutonomousOpResultStruct update;
  update.operation_performed = "Update";
  update.uuid = "uuid-svc";
  update.deployment_unit_ref = "Device.SoftwareModules.DeploymentUnit.2";
  update.version = "3.1";
  update.current_state = "Installed";
  update.resolved = false;
  update.execution_unit_ref_list =
      "Device.SoftwareModules.ExecutionUnit.2,Device.SoftwareModules.ExecutionUnit.3";
  update.start_time = "2026-11-25T21:00:00Z";
  update.complete_time = "2026-11-25T21:00:05Z";
  update.fault.fault_code = 9032;
  update.fault.fault_string = "DU Update - version already exists";
  AutonomousOpResultStruct uninstall;
  uninstall.operation_performed = "Uninstall";
  uninstall.uuid = "uuid-old";
  uninstall.current_state = "Uninstalled";
  auto check = [&](const DuChangeManager& du) {
    BOOST_CHECK(du.Completions().empty());
    const auto all = du.AutonomousCompletions();
    BOOST_REQUIRE_EQUAL(all.size(), 2u);
    BOOST_REQUIRE_EQUAL(all[0].message.results.size(), 1u);
    const auto& r = all[0].message.results[0];
    BOOST_CHECK_EQUAL(r.operation_performed, "Update");
    BOOST_CHECK_EQUAL(r.uuid, update.uuid);
    BOOST_CHECK_EQUAL(r.deployment_unit_ref, update.deployment_unit_ref);
    BOOST_CHECK_EQUAL(r.version, update.version);
    BOOST_CHECK_EQUAL(r.current_state, update.current_state);
    BOOST_CHECK_EQUAL(r.resolved, false);
    BOOST_CHECK_EQUAL(r.execution_unit_ref_list, update.execution_unit_ref_list);
    BOOST_CHECK_EQUAL(r.start_time, update.start_time);
    BOOST_CHECK_EQUAL(r.complete_time, update.complete_time);
    BOOST_CHECK_EQUAL(r.fault.fault_code, 9032u);
    BOOST_CHECK_EQUAL(r.fault.fault_string, update.fault.fault_string);
    BOOST_CHECK_EQUAL(all[1].message.results.at(0).operation_performed, "Uninstall");
    BOOST_CHECK_EQUAL(all[1].message.results.at(0).current_state, "Uninstalled");
    return all;
  };
  {
    DuChangeManager du(dir.path(), [&] { ++changes; });
    BOOST_REQUIRE(du.Start().ok());
    BOOST_REQUIRE(du.RecordAutonomous(update).ok());
    BOOST_CHECK_EQUAL(changes.load(), 1);  // the agent wakes up to report it
    BOOST_REQUIRE(du.RecordAutonomous(uninstall).ok());
    check(du);
    AutonomousOpResultStruct bogus = uninstall;
    bogus.operation_performed = "Reboot";
    BOOST_CHECK(du.RecordAutonomous(bogus).code() == Error::kInvalidArguments);
    BOOST_CHECK_EQUAL(du.AutonomousCompletions().size(), 2u);
  }
  DuChangeManager again(dir.path(), nullptr);
  BOOST_REQUIRE(again.Start().ok());
  const auto all = check(again);
  again.OnAnswered(all[0].id, false);  // refused: dropped all the same
  BOOST_REQUIRE_EQUAL(again.AutonomousCompletions().size(), 1u);
  BOOST_CHECK_EQUAL(again.AutonomousCompletions()[0].id, all[1].id);
  BOOST_REQUIRE(again.Wipe().ok());
  BOOST_CHECK(again.AutonomousCompletions().empty());
}

BOOST_AUTO_TEST_CASE(autonomous_requests_are_checked_and_share_the_limit) {
  testing::TempDir dir("edgecwmp-du");
  FakeBackend backend;
  DuChangeManager du(dir.path(), nullptr);
  BOOST_REQUIRE(du.Start().ok());
  const std::vector<DUOperation> one = {UninstallOpStruct{"u", "", ""}};
  BOOST_CHECK(du.RequestAutonomous(one).code() == Error::kRequestDenied);  // no backend
  du.SetBackend(&backend);
  BOOST_CHECK(du.RequestAutonomous({}).code() == Error::kInvalidArguments);
  std::vector<DUOperation> many(17, UninstallOpStruct{"u", "", ""});
  BOOST_CHECK(du.RequestAutonomous(many).code() == Error::kInvalidArguments);
  BOOST_CHECK(backend.calls_.empty());
  many.pop_back();
  BOOST_REQUIRE(du.RequestAutonomous(many).ok());  // 16 is allowed

  // 8 unanswered requests of any kind, finished or not, fill the queue.
  for (int i = 0; i < 3; ++i) BOOST_REQUIRE(du.RequestAutonomous(one).ok());
  for (int i = 0; i < 3; ++i) {
    auto ok = du.ChangeDUState(Request("k" + std::to_string(i), one));
    BOOST_REQUIRE(std::holds_alternative<ChangeDUStateResponse>(ok));
  }
  AutonomousOpResultStruct recorded;
  recorded.operation_performed = "Install";
  recorded.uuid = "uuid-r";
  BOOST_REQUIRE(du.RecordAutonomous(recorded).ok());
  BOOST_CHECK(du.RequestAutonomous(one).code() == Error::kResourcesExceeded);
  // A change that has already happened is recorded beyond the request limit (up to 64).
  BOOST_REQUIRE(du.RecordAutonomous(recorded).ok());
  auto full = du.ChangeDUState(Request("k9", one));
  BOOST_REQUIRE(std::holds_alternative<Fault>(full));
  BOOST_CHECK_EQUAL(std::get<Fault>(full).fault_code, 9004u);

  BOOST_REQUIRE(testing::WaitUntil(
      [&] { return du.AutonomousCompletions().size() == 6 && du.Completions().size() == 3; }));
  BOOST_CHECK_EQUAL(du.AutonomousCompletions()[0].message.results.size(), 16u);
  du.OnAnswered(du.Completions()[0].id, true);  // 8 left: still full
  BOOST_CHECK(du.RequestAutonomous(one).code() == Error::kResourcesExceeded);
  du.OnAnswered(du.Completions()[0].id, true);  // a ChangeDUState slot frees an autonomous one
  BOOST_CHECK(du.RequestAutonomous(one).ok());
  BOOST_CHECK(du.RequestAutonomous(one).code() == Error::kResourcesExceeded);
  BOOST_REQUIRE(testing::WaitUntil([&] { return du.AutonomousCompletions().size() == 7; }));
  int more = 0;
  while (more < 100 && du.RecordAutonomous(recorded).ok()) ++more;
  BOOST_CHECK_EQUAL(more, 64 - 7 - 1);  // 7 autonomous + 1 ChangeDUState unanswered
  BOOST_CHECK(du.RecordAutonomous(recorded).code() == Error::kResourcesExceeded);
  du.SetBackend(nullptr);
}

// A record written before autonomous requests existed has no "autonomous" field: it is a
// ChangeDUState, finished or still to run.
BOOST_AUTO_TEST_CASE(old_records_load_as_change_du_state) {
  testing::TempDir dir("edgecwmp-du");
  const std::string finished =
      R"({"key":"old-done","ops":[{"op":"uninstall","uuid":"u1","version":"","ee":""}],)"
      R"("results":[{"uuid":"u1","ref":"","version":"","state":"Failed","resolved":false,"eus":"",)"
      R"("start":"2026-11-01T10:00:00Z","complete":"2026-11-01T10:00:01Z","code":9028,)"
      R"("string":"Unknown Deployment Unit"}],"running":false})";
  const std::string waiting =
      R"({"key":"old-waiting","ops":[{"op":"update","uuid":"u2","version":"","url":"",)"
      R"("username":"","password":""}],"results":[],"running":false})";
  BOOST_REQUIRE(testing::WriteFile(
      dir.File("du_changes.txt"),
      EncodeRecords("edgecwmp-du-changes 1", {{"3", finished}, {"4", waiting}})));
  FakeBackend backend;
  DuChangeManager du(dir.path(), nullptr);
  std::string warning;
  BOOST_REQUIRE(du.Start(&warning).ok());
  BOOST_CHECK_EQUAL(warning, "");
  du.SetBackend(&backend);
  BOOST_REQUIRE(testing::WaitUntil([&] { return du.Completions().size() == 2; }));
  BOOST_CHECK(du.AutonomousCompletions().empty());
  const auto c = du.Completions();
  BOOST_CHECK_EQUAL(c[0].id, 3u);
  BOOST_CHECK_EQUAL(c[0].message.command_key, "old-done");
  BOOST_CHECK_EQUAL(c[0].message.results.at(0).fault.fault_code, 9028u);
  BOOST_CHECK_EQUAL(c[1].message.command_key, "old-waiting");
  BOOST_CHECK_EQUAL(c[1].message.results.at(0).fault.fault_code, 9031u);  // ran now
  BOOST_REQUIRE(du.RequestAutonomous({UninstallOpStruct{"u3", "", ""}}).ok());
  BOOST_REQUIRE(testing::WaitUntil([&] { return du.AutonomousCompletions().size() == 1; }));
  BOOST_CHECK_GT(du.AutonomousCompletions()[0].id, 4u);  // ids keep counting past the old ones
  EventQueue events;
  BOOST_CHECK(RaiseReportEvents(du.Reports(), &events));
  BOOST_CHECK(events.Contains(kEventMChangeDuState, "old-done"));
  BOOST_CHECK(events.Contains(kEventMChangeDuState, "old-waiting"));
  du.SetBackend(nullptr);
}

}  // namespace
}  // namespace edgecwmp::cwmp
