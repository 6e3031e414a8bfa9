// SPDX-License-Identifier: GPL-2.0-or-later
// The process supervisor on real processes: /bin/sh scripts that run, ignore SIGTERM, crash, or
// burn CPU.
#define BOOST_TEST_MODULE edgex_process_executor
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/types.h>

#include <cerrno>
#include <mutex>
#include <vector>

#include "tests/edgex/test_util.h"
#include "tr181/edgex/process_executor.h"
#include "tr181/edgex/service_config.h"

namespace edgecwmp::edgex {
namespace {

using namespace std::chrono_literals;
using test::WaitFor;

ServiceSpec Shell(const std::string& name, const std::string& script) {
  ServiceSpec spec;
  spec.name = name;
  spec.argv = {"/bin/sh", "-c", script};
  spec.backoff_initial = 100ms;
  spec.backoff_max = 400ms;
  spec.stop_timeout = 5s;
  return spec;
}

const char* kLoop = "while :; do sleep 1; done";
const char* kIgnoreTerm = "trap '' TERM; while :; do sleep 1; done";

ServiceState InspectOrFail(ProcessExecutor& executor, const std::string& name) {
  ServiceState state;
  Status st = executor.Inspect(name, &state);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  return state;
}

bool HasStatus(ProcessExecutor& executor, const std::string& name, ServiceStatus status) {
  return InspectOrFail(executor, name).status == status;
}

bool ProcessGone(pid_t pid) { return kill(pid, 0) != 0 && errno == ESRCH; }

// Records every status change the executor reports.
struct Recorder {
  std::mutex mu;
  std::vector<std::pair<ServiceStatus, ServiceStatus>> changes;
  StateCallback Callback() {
    return [this](const std::string&, ServiceStatus from, ServiceStatus to) {
      std::lock_guard<std::mutex> lock(mu);
      changes.emplace_back(from, to);
    };
  }
  bool Saw(ServiceStatus from, ServiceStatus to) {
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& c : changes) {
      if (c.first == from && c.second == to) return true;
    }
    return false;
  }
};

BOOST_AUTO_TEST_CASE(StartThenStopWithSigterm) {
  ProcessExecutor executor({Shell("core-data", kLoop)});
  Recorder recorder;
  executor.SetStateCallback(recorder.Callback());
  BOOST_CHECK(HasStatus(executor, "core-data", ServiceStatus::kIdle));

  BOOST_REQUIRE(executor.Start("core-data").ok());
  ServiceState running = InspectOrFail(executor, "core-data");
  BOOST_CHECK(running.status == ServiceStatus::kActive);
  BOOST_REQUIRE(!running.pids.empty());
  pid_t pid = running.pids.front();
  BOOST_CHECK_EQUAL(kill(pid, 0), 0);
  BOOST_CHECK(executor.Start("core-data").ok());  // already running: no second copy
  BOOST_CHECK_EQUAL(InspectOrFail(executor, "core-data").pids.front(), pid);

  BOOST_REQUIRE(executor.Stop("core-data").ok());
  BOOST_REQUIRE(WaitFor([&] { return HasStatus(executor, "core-data", ServiceStatus::kIdle); }));
  ServiceState stopped = InspectOrFail(executor, "core-data");
  BOOST_CHECK(stopped.pids.empty());
  BOOST_CHECK(stopped.has_exit_code);
  BOOST_CHECK_EQUAL(stopped.last_exit_code, 128 + SIGTERM);
  BOOST_CHECK_EQUAL(stopped.fault_code, kNoFault);
  BOOST_CHECK(ProcessGone(pid));  // exited and reaped (no zombie left)
  BOOST_CHECK(recorder.Saw(ServiceStatus::kIdle, ServiceStatus::kActive));
  BOOST_CHECK(recorder.Saw(ServiceStatus::kActive, ServiceStatus::kStopping));
  BOOST_CHECK(
      WaitFor([&] { return recorder.Saw(ServiceStatus::kStopping, ServiceStatus::kIdle); }));
}

BOOST_AUTO_TEST_CASE(IgnoredSigtermEscalatesToSigkill) {
  ServiceSpec spec = Shell("stubborn", kIgnoreTerm);
  spec.stop_timeout = 300ms;
  ProcessExecutor executor({spec});
  BOOST_REQUIRE(executor.Start("stubborn").ok());
  // Give the shell time to install its trap before signalling it.
  BOOST_REQUIRE(WaitFor([&] { return InspectOrFail(executor, "stubborn").pids.size() >= 2; }));
  pid_t pid = InspectOrFail(executor, "stubborn").pids.front();
  BOOST_REQUIRE(executor.Stop("stubborn").ok());
  BOOST_CHECK(HasStatus(executor, "stubborn", ServiceStatus::kStopping));
  BOOST_REQUIRE(WaitFor([&] { return HasStatus(executor, "stubborn", ServiceStatus::kIdle); }));
  ServiceState state = InspectOrFail(executor, "stubborn");
  BOOST_CHECK_EQUAL(state.last_exit_code, 128 + SIGKILL);
  BOOST_CHECK_EQUAL(state.fault_code, kFailureOnStop);
  BOOST_CHECK(ProcessGone(pid));
}

BOOST_AUTO_TEST_CASE(RestartReplacesTheProcess) {
  ProcessExecutor executor({Shell("core-metadata", kLoop)});
  BOOST_REQUIRE(executor.Restart("core-metadata").ok());  // from Idle: a plain start
  pid_t first = InspectOrFail(executor, "core-metadata").pids.front();
  BOOST_REQUIRE(executor.Restart("core-metadata").ok());
  BOOST_REQUIRE(WaitFor([&] {
    ServiceState s = InspectOrFail(executor, "core-metadata");
    return s.status == ServiceStatus::kActive && !s.pids.empty() && s.pids.front() != first;
  }));
  BOOST_CHECK(ProcessGone(first));
  BOOST_CHECK_EQUAL(InspectOrFail(executor, "core-metadata").restart_count, 0u);  // operator's
}

BOOST_AUTO_TEST_CASE(CrashIsDetectedAndRestartedOnFailure) {
  ProcessExecutor executor({Shell("device-virtual", "sleep 0.2; exit 3")});
  Recorder recorder;
  executor.SetStateCallback(recorder.Callback());
  BOOST_REQUIRE(executor.Start("device-virtual").ok());
  BOOST_REQUIRE(
      WaitFor([&] { return InspectOrFail(executor, "device-virtual").restart_count >= 2; }));
  ServiceState state = InspectOrFail(executor, "device-virtual");
  BOOST_CHECK(state.has_exit_code);
  BOOST_CHECK_EQUAL(state.last_exit_code, 3);
  BOOST_CHECK(recorder.Saw(ServiceStatus::kActive, ServiceStatus::kStarting));
  BOOST_CHECK(recorder.Saw(ServiceStatus::kStarting, ServiceStatus::kActive));
  // Stopping during the back-off cancels the pending restart.
  BOOST_REQUIRE(executor.Stop("device-virtual").ok());
  BOOST_REQUIRE(
      WaitFor([&] { return HasStatus(executor, "device-virtual", ServiceStatus::kIdle); }));
  uint32_t count = InspectOrFail(executor, "device-virtual").restart_count;
  BOOST_CHECK(!WaitFor(
      [&] { return InspectOrFail(executor, "device-virtual").restart_count > count; }, 800ms));
}

BOOST_AUTO_TEST_CASE(RestartPolicies) {
  ServiceSpec never = Shell("never", "exit 4");
  never.restart = RestartPolicy::kNever;
  ServiceSpec clean = Shell("clean-exit", "exit 0");  // on-failure: a clean exit stays down
  ServiceSpec always = Shell("always", "sleep 0.1; exit 0");
  always.restart = RestartPolicy::kAlways;
  ProcessExecutor executor({never, clean, always});
  for (const char* name : {"never", "clean-exit", "always"}) {
    BOOST_REQUIRE(executor.Start(name).ok());
  }
  BOOST_REQUIRE(WaitFor([&] { return InspectOrFail(executor, "always").restart_count >= 1; }));
  BOOST_REQUIRE(WaitFor([&] { return InspectOrFail(executor, "never").has_exit_code; }));
  BOOST_REQUIRE(WaitFor([&] { return InspectOrFail(executor, "clean-exit").has_exit_code; }));
  ServiceState n = InspectOrFail(executor, "never");
  BOOST_CHECK(n.status == ServiceStatus::kIdle);
  BOOST_CHECK_EQUAL(n.last_exit_code, 4);
  BOOST_CHECK_EQUAL(n.fault_code, kFailureWhileActive);
  BOOST_CHECK_NE(n.fault_message.find("status 4"), std::string::npos);
  BOOST_CHECK_EQUAL(n.restart_count, 0u);
  ServiceState c = InspectOrFail(executor, "clean-exit");
  BOOST_CHECK(c.status == ServiceStatus::kIdle);
  BOOST_CHECK_EQUAL(c.fault_code, kNoFault);
  BOOST_CHECK_EQUAL(c.restart_count, 0u);
  BOOST_CHECK_EQUAL(InspectOrFail(executor, "always").fault_code, kNoFault);
}

BOOST_AUTO_TEST_CASE(BackoffDoublesUpToTheCap) {
  ServiceSpec spec;
  spec.backoff_initial = 500ms;
  spec.backoff_max = 3s;
  BOOST_CHECK_EQUAL(RestartDelay(spec, 0).count(), 500);
  BOOST_CHECK_EQUAL(RestartDelay(spec, 1).count(), 1000);
  BOOST_CHECK_EQUAL(RestartDelay(spec, 2).count(), 2000);
  BOOST_CHECK_EQUAL(RestartDelay(spec, 3).count(), 3000);
  BOOST_CHECK_EQUAL(RestartDelay(spec, 40).count(), 3000);
  RestartPolicy policy = RestartPolicy::kNever;
  BOOST_CHECK(ParseRestartPolicy("always", &policy) && policy == RestartPolicy::kAlways);
  BOOST_CHECK(ParseRestartPolicy("on-failure", &policy) && policy == RestartPolicy::kOnFailure);
  BOOST_CHECK(!ParseRestartPolicy("sometimes", &policy));
}

BOOST_AUTO_TEST_CASE(MetricsComeFromProc) {
  ProcessExecutor executor({Shell("busy", "while :; do :; done")});
  BOOST_REQUIRE(executor.Start("busy").ok());
  pid_t pid = InspectOrFail(executor, "busy").pids.front();
  // A busy loop uses a sizeable share of a CPU; measure between two polls.
  BOOST_CHECK(WaitFor([&] { return InspectOrFail(executor, "busy").cpu_percent > 20.0; }));
  BOOST_CHECK(WaitFor([&] { return InspectOrFail(executor, "busy").uptime_seconds >= 1; }));
  ServiceState state = InspectOrFail(executor, "busy");
  BOOST_CHECK_EQUAL(state.pids.front(), pid);
  BOOST_CHECK_GT(state.memory_bytes, 64u * 1024);  // a shell's resident set
  BOOST_CHECK_LT(state.memory_bytes, 512u * 1024 * 1024);
  BOOST_CHECK_LE(state.cpu_percent, 100.0 * 64);
  BOOST_CHECK_LT(state.uptime_seconds, 600u);
}

BOOST_AUTO_TEST_CASE(EnvironmentAndWorkingDirectory) {
  test::TempDir dir;
  ServiceSpec spec = Shell("env", "echo \"$EDGEX_TEST_VALUE $(pwd)\" > out.txt; sleep 100");
  spec.env = {"EDGEX_TEST_VALUE=from-spec"};
  spec.working_dir = dir.path();
  ProcessExecutor executor({spec});
  BOOST_REQUIRE(executor.Start("env").ok());
  std::string out_file = dir.path() + "/out.txt";
  BOOST_REQUIRE(WaitFor([&] { return test::ReadAll(out_file).find('\n') != std::string::npos; }));
  BOOST_CHECK_EQUAL(test::ReadAll(out_file), "from-spec " + dir.path() + "\n");
}

BOOST_AUTO_TEST_CASE(UnrunnableCommandIsAFaultNotACrash) {
  ServiceSpec spec;
  spec.name = "missing";
  spec.argv = {"/nonexistent/edgex-core-data"};
  ProcessExecutor executor({spec});
  Status st = executor.Start("missing");
  BOOST_CHECK(!st.ok());
  BOOST_CHECK_NE(st.message().find("No such file"), std::string::npos);
  ServiceState state = InspectOrFail(executor, "missing");
  BOOST_CHECK(state.status == ServiceStatus::kIdle);
  BOOST_CHECK_EQUAL(state.fault_code, kFailureOnStart);
  BOOST_CHECK(executor.Start("no-such-service").code() == Error::kNotFound);
  ServiceState ignored;
  BOOST_CHECK(executor.Inspect("no-such-service", &ignored).code() == Error::kNotFound);
}

BOOST_AUTO_TEST_CASE(AutostartAndList) {
  ServiceSpec a = Shell("core-command", kLoop);
  a.autostart = true;
  ServiceSpec b = Shell("core-data", kLoop);
  ServiceSpec broken;
  broken.name = "device-missing";
  broken.argv = {"edgecwmp-no-such-command"};  // looked up in PATH, not found
  broken.autostart = true;
  ProcessExecutor executor({b, a, broken});
  Status st = executor.StartAutostart();
  BOOST_CHECK(!st.ok());  // the broken one fails ...
  BOOST_CHECK(HasStatus(executor, "core-command", ServiceStatus::kActive));  // ... the rest runs
  BOOST_CHECK(HasStatus(executor, "core-data", ServiceStatus::kIdle));
  BOOST_CHECK_EQUAL(InspectOrFail(executor, "device-missing").fault_code, kFailureOnAutoStart);
  std::vector<std::string> names;
  BOOST_REQUIRE(executor.List(&names).ok());
  BOOST_CHECK((names == std::vector<std::string>{"core-command", "core-data", "device-missing"}));
}

BOOST_AUTO_TEST_CASE(DestructionStopsEveryChild) {
  pid_t plain = 0, stubborn = 0;
  {
    ServiceSpec s = Shell("stubborn", kIgnoreTerm);
    s.stop_timeout = 200ms;
    ProcessExecutor executor({Shell("plain", kLoop), s});
    BOOST_REQUIRE(executor.Start("plain").ok());
    BOOST_REQUIRE(executor.Start("stubborn").ok());
    BOOST_REQUIRE(WaitFor([&] { return InspectOrFail(executor, "stubborn").pids.size() >= 2; }));
    plain = InspectOrFail(executor, "plain").pids.front();
    stubborn = InspectOrFail(executor, "stubborn").pids.front();
  }
  BOOST_CHECK(ProcessGone(plain));
  BOOST_CHECK(ProcessGone(stubborn));
}

BOOST_AUTO_TEST_CASE(ServicesFromConfiguration) {
  std::vector<ServiceSpec> specs;
  Status st = ParseServiceSpecs(R"({"services": [
      {"name": "core-data", "command": ["/bin/sh", "-c", "echo \"$GREETING\" > out.txt; sleep 100"],
       "env": {"GREETING": "hello"}, "workdir": "/tmp", "autostart": true, "restart": "always",
       "backoff_ms": 250, "backoff_max_ms": 4000, "stop_timeout_ms": 1500},
      {"name": "core-metadata", "command": ["sleep", "100"]}]})",
                                &specs);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  BOOST_REQUIRE_EQUAL(specs.size(), 2u);
  const ServiceSpec& data = specs[0];
  BOOST_CHECK_EQUAL(data.name, "core-data");
  BOOST_CHECK_EQUAL(data.argv.size(), 3u);
  BOOST_CHECK((data.env == std::vector<std::string>{"GREETING=hello"}));
  BOOST_CHECK_EQUAL(data.working_dir, "/tmp");
  BOOST_CHECK(data.autostart);
  BOOST_CHECK(data.restart == RestartPolicy::kAlways);
  BOOST_CHECK_EQUAL(data.backoff_initial.count(), 250);
  BOOST_CHECK_EQUAL(data.backoff_max.count(), 4000);
  BOOST_CHECK_EQUAL(data.stop_timeout.count(), 1500);
  const ServiceSpec& metadata = specs[1];  // defaults
  BOOST_CHECK(!metadata.autostart);
  BOOST_CHECK(metadata.restart == RestartPolicy::kOnFailure);
  BOOST_CHECK_EQUAL(metadata.stop_timeout.count(), ServiceSpec().stop_timeout.count());

  const char* kBad[] = {
      "not json",
      R"({"services": {}})",
      R"({"services": [{"command": ["sleep", "1"]}]})",
      R"({"services": [{"name": "a", "command": []}]})",
      R"({"services": [{"name": "a", "command": ["sleep", 1]}]})",
      R"({"services": [{"name": "a", "command": ["sleep"], "restart": "sometimes"}]})",
      R"({"services": [{"name": "a", "command": ["sleep"], "stop_timeout_ms": -1}]})",
      R"({"services": [{"name": "a", "command": ["sleep"]}, {"name": "a", "command": ["sleep"]}]})",
  };
  for (const char* text : kBad) {
    BOOST_CHECK_MESSAGE(!ParseServiceSpecs(text, &specs).ok(), text);
  }
  Status unknown_policy = ParseServiceSpecs(kBad[5], &specs);
  BOOST_CHECK_NE(unknown_policy.message().find("a: restart"), std::string::npos);
}

}  // namespace
}  // namespace edgecwmp::edgex
