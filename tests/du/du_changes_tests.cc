// SPDX-License-Identifier: GPL-2.0-or-later
// DuChangeManager (cwmp/du_changes.h): ChangeDUState answered at once, operations run later on the
// worker, DUStateChangeComplete owed until answered and persisted across restarts, an operation
// cut off by a crash reported as 9002, and the events that announce the results.
#define BOOST_TEST_MODULE du_changes_tests
#include <boost/test/unit_test.hpp>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "cwmp/du_changes.h"
#include "cwmp/event_queue.h"
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
    o.fault_code = 9031;
    o.fault_string = "no version";
    return o;
  }
  rpc::DuOperationOutcome Uninstall(const std::string& uuid, const std::string&,
                                    const std::string&) override {
    calls_.push_back("uninstall " + uuid);
    rpc::DuOperationOutcome o;
    o.fault_code = 9028;
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
        "cmd-1", {InstallOpStruct{"http://a", "uuid-a", "", "", ""}, UpdateOpStruct{"uuid-b", "", "", "", ""},
                  UninstallOpStruct{"uuid-c", "", ""}}));
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

BOOST_AUTO_TEST_CASE(an_operation_cut_off_by_a_crash_is_reported_as_failed) {
  testing::TempDir dir("edgecwmp-du"), crashed("edgecwmp-du-crash");
  FakeBackend backend;
  DuChangeManager du(dir.path(), nullptr);
  BOOST_REQUIRE(du.Start().ok());
  du.SetBackend(&backend);
  auto ok = du.ChangeDUState(Request("crash", {InstallOpStruct{"http://block", "uuid-x", "", "", ""},
                                               UninstallOpStruct{"uuid-y", "", ""}}));
  BOOST_REQUIRE(std::holds_alternative<ChangeDUStateResponse>(ok));
  BOOST_REQUIRE(testing::WaitUntil([&] { return backend.blocked(); }));
  // What a kill -9 now would leave on disk.
  std::filesystem::copy_file(dir.File("du_changes.txt"), crashed.File("du_changes.txt"));
  backend.Release();
  BOOST_REQUIRE(testing::WaitUntil([&] { return du.Completions().size() == 1; }));
  du.SetBackend(nullptr);

  FakeBackend after;
  DuChangeManager restarted(crashed.path(), nullptr);
  BOOST_REQUIRE(restarted.Start().ok());
  restarted.SetBackend(&after);
  BOOST_REQUIRE(testing::WaitUntil([&] { return restarted.Completions().size() == 1; }));
  const auto c = restarted.Completions().front();
  BOOST_REQUIRE_EQUAL(c.message.results.size(), 2u);
  BOOST_CHECK_EQUAL(c.message.results[0].fault.fault_code, 9002u);
  BOOST_CHECK_EQUAL(c.message.results[0].uuid, "uuid-x");
  BOOST_CHECK_EQUAL(c.message.results[0].current_state, "Failed");
  BOOST_CHECK_EQUAL(c.message.results[1].fault.fault_code, 9028u);  // the rest still ran
  BOOST_REQUIRE_EQUAL(after.calls_.size(), 1u);
  BOOST_CHECK_EQUAL(after.calls_[0], "uninstall uuid-y");
  restarted.SetBackend(nullptr);
}

BOOST_AUTO_TEST_CASE(events_announce_each_result_once) {
  testing::TempDir dir("edgecwmp-du");
  FakeBackend backend;
  DuChangeManager du(dir.path(), nullptr);
  BOOST_REQUIRE(du.Start().ok());
  du.SetBackend(&backend);
  EventQueue events;
  BOOST_CHECK(!RaiseDuChangeEvents(du, &events));
  du.ChangeDUState(Request("a", {UninstallOpStruct{"u1", "", ""}}));
  du.ChangeDUState(Request("b", {UninstallOpStruct{"u2", "", ""}}));
  BOOST_REQUIRE(testing::WaitUntil([&] { return du.Completions().size() == 2; }));
  BOOST_CHECK(RaiseDuChangeEvents(du, &events));
  BOOST_CHECK(!RaiseDuChangeEvents(du, &events));  // already announced
  BOOST_CHECK(events.Contains(kEventDuStateChangeComplete));
  BOOST_CHECK(events.Contains(kEventMChangeDuState, "a"));
  BOOST_CHECK(events.Contains(kEventMChangeDuState, "b"));
  Inform inform;
  inform.event = events.ForInform();
  auto announced = AnnouncedDuCompletions(du, inform);
  BOOST_REQUIRE_EQUAL(announced.size(), 2u);
  Inform without;
  without.event = {{kEventMChangeDuState, "a"}};  // no 11: nothing goes
  BOOST_CHECK(AnnouncedDuCompletions(du, without).empty());
  du.SetBackend(nullptr);
}

}  // namespace
}  // namespace edgecwmp::cwmp
