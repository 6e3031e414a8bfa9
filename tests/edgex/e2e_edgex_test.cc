// SPDX-License-Identifier: GPL-2.0-or-later
// End to end: the real cwmpd, its [edgex] process supervisor running real edgex-demo-service
// processes on free loopback ports, and the GenieACS-strict test ACS driving it with connection
// requests. An operator's whole story: list the services, read their metrics and configuration,
// stop one (the process really ends), start it, restart it, and get a 4 VALUE CHANGE Inform when
// one is killed outside the agent; and the same Inform when a systemd unit (fake systemctl)
// fails, which only the module's poller can notice.
#define BOOST_TEST_MODULE edgex_e2e
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <string>

#include "tests/edgex/e2e_cwmpd.h"
#include "tests/edgex/fake_systemctl.h"

namespace edgecwmp::edgex::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kUnits = "Device.SoftwareModules.ExecutionUnit.";

std::vector<DemoService> ThreeServices() {
  DemoService data{"core-data"};
  DemoService metadata{"core-metadata"};
  metadata.restart = "never";
  DemoService device{"device-virtual"};
  return {data, metadata, device};
}

// The operator's side: an agent under test and the RPCs an ACS sends it.
struct Operator {
  std::unique_ptr<CwmpdUnderTest> agent;
  CwmpdUnderTest& cwmpd;
  // service → "Device.SoftwareModules.ExecutionUnit.N."
  std::map<std::string, std::string> unit_of;

  explicit Operator(std::unique_ptr<CwmpdUnderTest> under_test)
      : agent(std::move(under_test)), cwmpd(*agent) {}
  ~Operator() {
    for (const std::string& v : cwmpd.acs().Violations()) BOOST_TEST_MESSAGE("violation: " << v);
    BOOST_TEST_MESSAGE("cwmpd log:\n" << cwmpd.Log());
  }

  void StartAgent() {
    std::string error;
    BOOST_REQUIRE_MESSAGE(cwmpd.Start(&error), error);
    BOOST_REQUIRE_MESSAGE(cwmpd.acs().Violations().empty(), "ACS violations in the boot session");
  }

  // GetParameterNames of the table (TR-069 A.3.2.3), then the Name of each row found.
  void ListServices(size_t expected) {
    auto session = cwmpd.RunSession({cwmp::AcsRequest(cwmp::GetParameterNames{kUnits, true})});
    BOOST_REQUIRE(session);
    std::vector<std::string> rows;
    for (const auto& [name, writable] : session->ReturnedNames()) {
      if (name.size() > std::string(kUnits).size() && name.back() == '.') rows.push_back(name);
    }
    BOOST_REQUIRE_EQUAL(rows.size(), expected);
    std::vector<std::string> names;
    for (const std::string& row : rows) names.push_back(row + "Name");
    std::map<std::string, std::string> values = cwmpd.Values(names);
    for (const std::string& row : rows) unit_of[values[row + "Name"]] = row;
  }

  std::string Get(const std::string& service, const std::string& param) {
    std::string name = unit_of.at(service) + param;
    return cwmpd.Values({name})[name];
  }

  // Polls (one session per try) until |param| of |service| reads |want|.
  bool WaitForValue(const std::string& service, const std::string& param, const std::string& want) {
    return WaitFor([&] { return Get(service, param) == want; }, 20s);
  }

  pid_t MainPid(const std::string& service) {
    std::vector<pid_t> pids = PidsOf(Get(service, "AssociatedProcessList"));
    pid_t pid = pids.empty() ? 0 : pids.front();
    if (pid > 0) cwmpd.Track(pid);
    return pid;
  }

  // SetParameterValues of one parameter; the SetParameterValuesResponse Status, -1 on a fault.
  int Set(const std::string& service, const std::string& param, const std::string& value,
          const std::string& type) {
    cwmp::SetParameterValues spv;
    spv.parameter_list.push_back({unit_of.at(service) + param, value, type});
    spv.parameter_key = "edgex-e2e";
    auto session = cwmpd.RunSession({cwmp::AcsRequest(spv)});
    if (!session || session->exchanges.size() != 1 || !session->exchanges.front().response) {
      return -1;
    }
    const auto* ok =
        std::get_if<cwmp::SetParameterValuesResponse>(&*session->exchanges.front().response);
    return ok ? ok->status : -1;
  }

  // SetParameterAttributes: active notification (TR-069 A.3.2.4) on |service|'s Status.
  void NotifyActively(const std::string& service) {
    cwmp::SetParameterAttributes spa;
    cwmp::SetParameterAttributesStruct attribute;
    attribute.name = unit_of.at(service) + "Status";
    attribute.notification_change = true;
    attribute.notification = 2;  // active: the CPE opens a session on a change
    spa.parameter_list.push_back(attribute);
    auto session = cwmpd.RunSession({cwmp::AcsRequest(spa)});
    BOOST_REQUIRE(session);
    BOOST_REQUIRE(session->exchanges.front().response);
    BOOST_REQUIRE(std::holds_alternative<cwmp::SetParameterAttributesResponse>(
        *session->exchanges.front().response));
  }

  // Waits for a 4 VALUE CHANGE Inform, from session |from| on, carrying |name| = |value|.
  bool WaitForValueChangeInform(size_t from, const std::string& name, const std::string& value) {
    return cwmpd.acs().WaitUntil(
        [&](const std::vector<acs::SessionRecord>& sessions) {
          for (size_t i = from; i < sessions.size(); ++i) {
            if (!sessions[i].HasEvent("4 VALUE CHANGE") || !sessions[i].inform) continue;
            for (const auto& p : sessions[i].inform->parameter_list) {
              if (p.name == name && p.value == value) return true;
            }
          }
          return false;
        },
        30s);
  }
};

// The process supervisor with three demo services.
struct Fixture : Operator {
  Fixture() : Operator(std::make_unique<CwmpdUnderTest>(ThreeServices())) {
    StartAgent();
    ListServices(cwmpd.services().size());
    for (const DemoService& service : cwmpd.services()) {
      BOOST_REQUIRE_MESSAGE(unit_of.count(service.name), service.name << " is not listed");
    }
  }
};

// The systemd executor (a fake systemctl: systemd cannot run here) pushes no changes: only the
// module's poller can notice that a unit failed.
struct SystemdFixture : Operator {
  static constexpr const char* kUnit = "snap.edgexfoundry.core-data.service";
  SystemdFixture()
      : Operator(std::make_unique<CwmpdUnderTest>(
            "executor = systemd\nsystemctl = @DIR@/systemctl\nsystemd_services = core-data\n"
            "registry = none\npoll_interval = 1\n")) {
    std::string script = cwmpd.dir() + "/systemctl";
    WriteAll(script, kFakeSystemctl);
    chmod(script.c_str(), 0755);
    std::filesystem::create_directories(cwmpd.dir() + "/units");
    SetUnit(
        "MainPID=4242\nExecMainCode=0\nExecMainStatus=0\nResult=success\nNRestarts=0\n"
        "MemoryCurrent=23068672\nCPUUsageNSec=1000\nActiveState=active\nSubState=running\n"
        "LoadState=loaded\nUnitFileState=enabled\n");
    StartAgent();
    ListServices(1);
  }
  void SetUnit(const std::string& show) {
    std::string file = cwmpd.dir() + "/units/" + kUnit;
    WriteAll(file + ".new", show);
    std::filesystem::rename(file + ".new", file);  // the fake never reads half a file
  }
};

BOOST_FIXTURE_TEST_CASE(list_metrics_config_stop_start_restart, Fixture) {
  const std::string data = unit_of.at("core-data");

  // Metrics and configuration of a running service.
  BOOST_REQUIRE(WaitForValue("core-data", "X_EDGECWMP_Health", "Up"));  // its API answers
  std::vector<std::string> names;
  for (const char* p : {"Status", "MemoryInUse", "X_EDGECWMP_CPUUsage", "X_EDGECWMP_UpTime",
                        "X_EDGECWMP_RestartCount", "Version", "X_EDGECWMP_ConfigNumberOfEntries",
                        "ExecutionFaultCode"}) {
    names.push_back(data + p);
  }
  std::map<std::string, std::string> v = cwmpd.Values(names);
  BOOST_TEST(v[data + "Status"] == "Active");
  BOOST_TEST(std::atoll(v[data + "MemoryInUse"].c_str()) > 0);
  BOOST_TEST(v.count(data + "X_EDGECWMP_CPUUsage") == 1u);
  BOOST_TEST(v.count(data + "X_EDGECWMP_UpTime") == 1u);
  BOOST_TEST(v[data + "X_EDGECWMP_RestartCount"] == "0");
  BOOST_TEST(v[data + "Version"] == "4.0.0");
  BOOST_TEST(v[data + "ExecutionFaultCode"] == "NoFault");
  BOOST_TEST(std::atoi(v[data + "X_EDGECWMP_ConfigNumberOfEntries"].c_str()) > 5);
  pid_t first_pid = MainPid("core-data");
  BOOST_REQUIRE(first_pid > 0);
  BOOST_TEST(ProcessAlive(first_pid));
  BOOST_TEST(ReadAll("/proc/" + std::to_string(first_pid) + "/cmdline").find("core-data") !=
             std::string::npos);

  // The configuration table, read as GenieACS reads a subtree.
  auto config =
      cwmpd.RunSession({cwmp::AcsRequest(cwmp::GetParameterValues{{data + "X_EDGECWMP_Config."}})});
  BOOST_REQUIRE(config);
  std::map<std::string, std::string> entries;
  const std::map<std::string, std::string> returned = config->ReturnedValues();
  for (const auto& [name, value] : returned) {
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".Key") == 0) {
      entries[value] = returned.at(name.substr(0, name.size() - 4) + ".Value");
    }
  }
  BOOST_TEST(entries["Service.Port"] == std::to_string(cwmpd.services().front().port));
  BOOST_TEST(entries["Writable.LogLevel"] == "INFO");

  // Stop: the answer is 0 (done) or 1 (applied later, TR-069 A.3.2.1); the process really ends.
  int status = Set("core-data", "RequestedState", "Idle", "xsd:string");
  BOOST_TEST((status == 0 || status == 1), "SetParameterValues status " << status);
  BOOST_TEST(WaitFor([&] { return !ProcessAlive(first_pid); }, 20s));
  BOOST_TEST(WaitForValue("core-data", "Status", "Idle"));
  BOOST_TEST(Get("core-data", "AssociatedProcessList") == "");

  // Start: a new process.
  status = Set("core-data", "RequestedState", "Active", "xsd:string");
  BOOST_TEST((status == 0 || status == 1), "SetParameterValues status " << status);
  BOOST_TEST(WaitForValue("core-data", "Status", "Active"));
  pid_t second_pid = MainPid("core-data");
  BOOST_REQUIRE(second_pid > 0);
  BOOST_TEST(second_pid != first_pid);
  BOOST_TEST(ProcessAlive(second_pid));

  // Restart through the vendor trigger: another process; an operator restart is no crash, so
  // RestartCount (automatic restarts, like Docker's RestartCount and systemd's NRestarts) stays.
  status = Set("core-data", "X_EDGECWMP_Restart", "true", "xsd:boolean");
  BOOST_TEST((status == 0 || status == 1), "SetParameterValues status " << status);
  BOOST_TEST(WaitFor([&] { return !ProcessAlive(second_pid); }, 20s));
  BOOST_TEST(WaitForValue("core-data", "Status", "Active"));
  pid_t third_pid = MainPid("core-data");
  BOOST_REQUIRE(third_pid > 0);
  BOOST_TEST(third_pid != second_pid);
  BOOST_TEST(Get("core-data", "X_EDGECWMP_RestartCount") == "0");

  // A crash of an on-failure service: the supervisor restarts it and counts it.
  kill(third_pid, SIGKILL);
  BOOST_TEST(WaitForValue("core-data", "X_EDGECWMP_RestartCount", "1"));
  BOOST_TEST(WaitForValue("core-data", "Status", "Active"));
  pid_t fourth_pid = MainPid("core-data");
  BOOST_TEST(fourth_pid != third_pid);
  BOOST_TEST(ProcessAlive(fourth_pid));
  BOOST_TEST(cwmpd.acs().Violations().empty());
}

BOOST_FIXTURE_TEST_CASE(killed_service_sends_active_value_change, Fixture) {
  const std::string unit = unit_of.at("core-metadata");  // restart: never
  BOOST_REQUIRE(WaitForValue("core-metadata", "Status", "Active"));
  pid_t pid = MainPid("core-metadata");
  BOOST_REQUIRE(pid > 0);
  NotifyActively("core-metadata");

  const size_t before = cwmpd.acs().SessionCount();
  kill(pid, SIGKILL);  // dies outside the agent
  BOOST_TEST(WaitForValueChangeInform(before, unit + "Status", "Idle"),
             "no 4 VALUE CHANGE Inform with " << unit << "Status = Idle");
  BOOST_TEST(!ProcessAlive(pid));

  std::map<std::string, std::string> v = cwmpd.Values(
      {unit + "ExecutionFaultCode", unit + "ExecutionFaultMessage", unit + "X_EDGECWMP_ExitCode"});
  BOOST_TEST(v[unit + "ExecutionFaultCode"] == "FailureWhileActive");
  BOOST_TEST(!v[unit + "ExecutionFaultMessage"].empty());
  BOOST_TEST(v[unit + "X_EDGECWMP_ExitCode"] == "137");  // 128 + SIGKILL
  BOOST_TEST(cwmpd.acs().Violations().empty());
}

BOOST_FIXTURE_TEST_CASE(polled_executor_change_sends_active_value_change, SystemdFixture) {
  BOOST_REQUIRE_EQUAL(Get("core-data", "Status"), "Active");
  NotifyActively("core-data");

  const size_t before = cwmpd.acs().SessionCount();
  SetUnit(
      "MainPID=0\nExecMainCode=1\nExecMainStatus=3\nResult=exit-code\nNRestarts=0\n"
      "MemoryCurrent=[not set]\nCPUUsageNSec=[not set]\nActiveState=failed\nSubState=failed\n"
      "LoadState=loaded\nUnitFileState=enabled\n");  // the unit failed outside the agent
  BOOST_TEST(WaitForValueChangeInform(before, unit_of.at("core-data") + "Status", "Idle"));
  BOOST_TEST(Get("core-data", "ExecutionFaultCode") == "FailureWhileActive");
  BOOST_TEST(cwmpd.acs().Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::edgex::test
