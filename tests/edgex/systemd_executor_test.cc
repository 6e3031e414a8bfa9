// SPDX-License-Identifier: GPL-2.0-or-later
// The systemd executor against a fake systemctl (systemd cannot run here): a shell script that
// records its arguments and prints unit state in systemctl's KEY=VALUE `show` format.
#define BOOST_TEST_MODULE edgex_systemd_executor
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <time.h>

#include <filesystem>
#include <mutex>

#include "tests/edgex/fake_systemctl.h"
#include "tests/edgex/test_util.h"
#include "tr181/edgex/systemd_executor.h"

namespace edgecwmp::edgex {
namespace {

uint64_t MonotonicMicros() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1000000u + static_cast<uint64_t>(now.tv_nsec) / 1000u;
}

// systemctl show output for a running unit, as systemd prints it (its own property order).
std::string RunningUnit(uint64_t started_mono_us, const std::string& cpu_nsec) {
  return "MainPID=4242\n"
         "ExecMainStartTimestamp=Wed 2026-11-25 17:00:00 UTC\n"
         "ExecMainStartTimestampMonotonic=" +
         std::to_string(started_mono_us) +
         "\n"
         "ExecMainCode=0\n"
         "ExecMainStatus=0\n"
         "Result=success\n"
         "NRestarts=2\n"
         "MemoryCurrent=23068672\n"
         "CPUUsageNSec=" +
         cpu_nsec +
         "\n"
         "ActiveState=active\n"
         "SubState=running\n"
         "LoadState=loaded\n"
         "UnitFileState=enabled\n";
}

const char* kFailedUnit =
    "MainPID=0\n"
    "ExecMainStartTimestamp=Wed 2026-11-25 17:00:00 UTC\n"
    "ExecMainStartTimestampMonotonic=1000000\n"
    "ExecMainCode=1\n"
    "ExecMainStatus=3\n"
    "Result=exit-code\n"
    "NRestarts=5\n"
    "MemoryCurrent=[not set]\n"
    "CPUUsageNSec=[not set]\n"
    "ActiveState=failed\n"
    "SubState=failed\n"
    "LoadState=loaded\n"
    "UnitFileState=disabled\n";

struct Fixture {
  test::TempDir dir;
  std::string units;
  SystemdOptions options;
  Fixture() {
    units = dir.path() + "/units";
    std::filesystem::create_directories(units);
    std::string script = dir.path() + "/systemctl";
    test::WriteAll(script, test::kFakeSystemctl);
    chmod(script.c_str(), 0755);
    options.systemctl = script;
  }
  void Unit(const std::string& name, const std::string& text) {
    test::WriteAll(units + "/" + name, text);
  }
  std::string Calls() { return test::ReadAll(dir.path() + "/calls.log"); }
};

BOOST_FIXTURE_TEST_CASE(StartStopRestartCallSystemctlWithoutBlocking, Fixture) {
  Unit("snap.edgexfoundry.core-data.service", kFailedUnit);
  SystemdExecutor executor(options);
  BOOST_CHECK_EQUAL(executor.UnitOf("core-data"), "snap.edgexfoundry.core-data.service");
  BOOST_REQUIRE(executor.Start("core-data").ok());
  BOOST_REQUIRE(executor.Stop("core-data").ok());
  BOOST_REQUIRE(executor.Restart("core-data").ok());
  BOOST_CHECK_EQUAL(Calls(),
                    "start --no-block snap.edgexfoundry.core-data.service\n"
                    "stop --no-block snap.edgexfoundry.core-data.service\n"
                    "restart --no-block snap.edgexfoundry.core-data.service\n");
}

BOOST_FIXTURE_TEST_CASE(UnknownUnitIsNotFound, Fixture) {
  SystemdExecutor executor(options);
  Status st = executor.Start("core-nothing");
  BOOST_CHECK(st.code() == Error::kNotFound);
  BOOST_CHECK_NE(st.message().find("not found"), std::string::npos);
  ServiceState state;
  BOOST_CHECK(executor.Inspect("core-nothing", &state).code() == Error::kNotFound);
}

BOOST_FIXTURE_TEST_CASE(InspectParsesARunningUnit, Fixture) {
  uint64_t started = MonotonicMicros() - 42u * 1000000u;
  Unit("snap.edgexfoundry.core-data.service", RunningUnit(started, "1500000000"));
  SystemdExecutor executor(options);
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_CHECK(state.status == ServiceStatus::kActive);
  BOOST_CHECK((state.pids == std::vector<int>{4242}));
  BOOST_CHECK_EQUAL(state.memory_bytes, 23068672u);
  BOOST_CHECK_EQUAL(state.restart_count, 2u);
  BOOST_CHECK(state.autostart);
  BOOST_CHECK_GE(state.uptime_seconds, 42u);
  BOOST_CHECK_LT(state.uptime_seconds, 100u);
  // 1.5 s of CPU over at least 42 s of life: at most 3.58 %.
  BOOST_CHECK_GT(state.cpu_percent, 1.0);
  BOOST_CHECK_LE(state.cpu_percent, 1.5 / 42 * 100);
  BOOST_CHECK_EQUAL(state.fault_code, kNoFault);
  BOOST_CHECK(!state.has_exit_code);
  // No CPU used since the previous look: 0 %.
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_CHECK_EQUAL(state.cpu_percent, 0.0);
  BOOST_CHECK_NE(Calls().find("show --property=LoadState,ActiveState,SubState,Result,MainPID,"
                              "MemoryCurrent,CPUUsageNSec,ExecMainStartTimestamp,"),
                 std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(InspectParsesAFailedUnit, Fixture) {
  Unit("snap.edgexfoundry.core-command.service", kFailedUnit);
  SystemdExecutor executor(options);
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-command", &state).ok());
  BOOST_CHECK(state.status == ServiceStatus::kIdle);
  BOOST_CHECK(state.pids.empty());
  BOOST_CHECK_EQUAL(state.memory_bytes, 0u);  // "[not set]"
  BOOST_CHECK_EQUAL(state.uptime_seconds, 0u);
  BOOST_CHECK_EQUAL(state.restart_count, 5u);
  BOOST_CHECK(!state.autostart);
  BOOST_CHECK(state.has_exit_code);
  BOOST_CHECK_EQUAL(state.last_exit_code, 3);
  BOOST_CHECK_EQUAL(state.fault_code, kFailureWhileActive);
  BOOST_CHECK_NE(state.fault_message.find("exit-code"), std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(StatusChangesReachTheCallback, Fixture) {
  std::string unit = "snap.edgexfoundry.core-metadata.service";
  Unit(unit, RunningUnit(MonotonicMicros() - 5000000u, "100"));
  Unit(unit + ".on-stop", kFailedUnit);
  SystemdExecutor executor(options);
  std::mutex mu;
  std::vector<std::pair<ServiceStatus, ServiceStatus>> seen;
  executor.SetStateCallback([&](const std::string& service, ServiceStatus from, ServiceStatus to) {
    std::lock_guard<std::mutex> lock(mu);
    BOOST_CHECK_EQUAL(service, "core-metadata");
    seen.emplace_back(from, to);
  });
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-metadata", &state).ok());
  BOOST_REQUIRE(executor.Inspect("core-metadata", &state).ok());
  BOOST_CHECK(seen.empty());
  BOOST_REQUIRE(executor.Stop("core-metadata").ok());
  BOOST_REQUIRE(executor.Inspect("core-metadata", &state).ok());
  BOOST_REQUIRE_EQUAL(seen.size(), 1u);
  BOOST_CHECK(seen[0].first == ServiceStatus::kActive);
  BOOST_CHECK(seen[0].second == ServiceStatus::kIdle);
}

BOOST_FIXTURE_TEST_CASE(ListFromUnitsOrConfiguration, Fixture) {
  Unit("snap.edgexfoundry.core-data.service", kFailedUnit);
  Unit("snap.edgexfoundry.core-command.service", kFailedUnit);
  SystemdExecutor executor(options);
  std::vector<std::string> names;
  BOOST_REQUIRE(executor.List(&names).ok());
  BOOST_CHECK((names == std::vector<std::string>{"core-command", "core-data"}));
  BOOST_CHECK_NE(Calls().find("list-units --all --type=service --plain --no-legend --no-pager "
                              "snap.edgexfoundry.*.service"),
                 std::string::npos);
  options.services = {"device-virtual", "core-data"};
  SystemdExecutor configured(options);
  BOOST_REQUIRE(configured.List(&names).ok());
  BOOST_CHECK((names == std::vector<std::string>{"core-data", "device-virtual"}));
}

BOOST_AUTO_TEST_CASE(MissingSystemctlIsAnError) {
  SystemdOptions options;
  options.systemctl = "/nonexistent/systemctl";
  SystemdExecutor executor(options);
  Status st = executor.Start("core-data");
  BOOST_CHECK(!st.ok());
  BOOST_CHECK_NE(st.message().find("cannot run"), std::string::npos);
}

}  // namespace
}  // namespace edgecwmp::edgex
