// SPDX-License-Identifier: GPL-2.0-or-later
// The Docker executor against a Docker Engine API v1.41 double on a unix socket.
#define BOOST_TEST_MODULE edgex_docker_executor
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "tests/edgex/docker_double.h"
#include "tests/edgex/test_util.h"
#include "tr181/edgex/docker_executor.h"

namespace edgecwmp::edgex {
namespace {

using test::FakeContainer;

FakeContainer Container(const std::string& service, char id_digit) {
  FakeContainer c;
  c.id = std::string(64, id_digit);
  c.name = "edgex-" + service;
  c.image = "edgexfoundry/" + service + ":4.0.0";
  c.labels = {{"com.docker.compose.service", service}, {"com.docker.compose.project", "edgex"}};
  return c;
}

struct Fixture {
  test::TempDir dir;
  test::DockerDouble docker{dir.path() + "/docker.sock"};
  DockerOptions options;
  Fixture() {
    BOOST_REQUIRE(docker.Start().ok());
    options.socket_path = dir.path() + "/docker.sock";
    options.stop_timeout_seconds = 3;
    FakeContainer data = Container("core-data", 'a');
    data.state = "running";
    data.pid = 4711;
    data.started_at = "2026-11-25T17:00:00.123456789Z";
    data.restart_count = 1;
    data.cpu_total = 1000000000;     // 1 s
    data.system_cpu = 100000000000;  // 100 s over 2 CPUs
    data.precpu_total = 900000000;
    data.presystem_cpu = 99000000000;
    data.memory_usage = 50u << 20;
    data.memory_stats = {{"inactive_file", 10u << 20}, {"anon", 38u << 20}, {"file", 12u << 20}};
    docker.Put(data);
    FakeContainer command = Container("core-command", 'b');
    command.state = "exited";
    command.exit_code = 2;
    command.started_at = "2026-11-25T17:00:00Z";
    command.finished_at = "2026-11-25T17:05:00Z";
    docker.Put(command);
    FakeContainer redis = Container("redis", 'c');
    redis.name = "edgex-redis";
    redis.labels = {{"com.docker.compose.service", "database"}};
    docker.Put(redis);
    FakeContainer other = Container("other", 'd');
    other.name = "unrelated-edgex-thing";
    other.labels.clear();
    docker.Put(other);
  }
  bool Requested(const std::string& line) {
    auto log = docker.requests();
    return std::find(log.begin(), log.end(), line) != log.end();
  }
};

BOOST_FIXTURE_TEST_CASE(StartStopRestartFollowTheEngineSemantics, Fixture) {
  DockerExecutor executor(options);
  BOOST_REQUIRE(executor.Start("core-command").ok());  // 204
  BOOST_CHECK(Requested("POST /v1.41/containers/edgex-core-command/start"));
  BOOST_CHECK_EQUAL(docker.Get("edgex-core-command").state, "running");
  BOOST_CHECK(executor.Start("core-command").ok());  // 304: already started
  BOOST_REQUIRE(executor.Stop("core-command").ok());
  BOOST_CHECK(Requested("POST /v1.41/containers/edgex-core-command/stop?t=3"));
  BOOST_CHECK_EQUAL(docker.Get("edgex-core-command").state, "exited");
  BOOST_CHECK(executor.Stop("core-command").ok());  // 304: already stopped
  int pid_before = docker.Get("edgex-core-data").pid;
  BOOST_REQUIRE(executor.Restart("core-data").ok());
  BOOST_CHECK(Requested("POST /v1.41/containers/edgex-core-data/restart?t=3"));
  BOOST_CHECK_NE(docker.Get("edgex-core-data").pid, pid_before);
}

BOOST_FIXTURE_TEST_CASE(UnknownContainerIsNotFound, Fixture) {
  DockerExecutor executor(options);
  Status st = executor.Start("core-nothing");
  BOOST_CHECK(st.code() == Error::kNotFound);
  BOOST_CHECK_NE(st.message().find("No such container: edgex-core-nothing"), std::string::npos);
  ServiceState state;
  BOOST_CHECK(executor.Inspect("core-nothing", &state).code() == Error::kNotFound);
  BOOST_CHECK(executor.Restart("core-nothing").code() == Error::kNotFound);
}

BOOST_FIXTURE_TEST_CASE(InspectAndStatsOfARunningContainer, Fixture) {
  options.stats_one_shot = false;  // two-cycle read: precpu_stats is filled in
  DockerExecutor executor(options);
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_CHECK(state.status == ServiceStatus::kActive);
  BOOST_CHECK((state.pids == std::vector<int>{4711}));
  BOOST_CHECK_EQUAL(state.restart_count, 1u);
  BOOST_CHECK(state.autostart);  // unless-stopped
  BOOST_CHECK(!state.has_exit_code);
  BOOST_CHECK_EQUAL(state.fault_code, kNoFault);
  // (0.1 s / 1 s of system time) × 2 CPUs × 100 = 20 %.
  BOOST_CHECK_CLOSE(state.cpu_percent, 20.0, 1e-6);
  BOOST_CHECK_EQUAL(state.memory_bytes, 40u << 20);  // usage − inactive_file (cgroup v2)
  int64_t started = 1795626000;                      // 2026-11-25T17:00:00Z
  BOOST_CHECK_GE(static_cast<int64_t>(state.uptime_seconds), time(nullptr) - started - 1);
  BOOST_CHECK(Requested("GET /v1.41/containers/edgex-core-data/json"));
  BOOST_CHECK(Requested("GET /v1.41/containers/edgex-core-data/stats?stream=false"));
}

BOOST_FIXTURE_TEST_CASE(OneShotStatsUseThePreviousSample, Fixture) {
  DockerExecutor executor(options);
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_CHECK(Requested("GET /v1.41/containers/edgex-core-data/stats?stream=false&one-shot=true"));
  BOOST_CHECK_EQUAL(state.cpu_percent, 0.0);  // one sample only
  FakeContainer data = docker.Get("edgex-core-data");
  data.cpu_total += 500000000;    // +0.5 s
  data.system_cpu += 2000000000;  // +2 s of system time (1 s wall on 2 CPUs)
  data.memory_usage = 64u << 20;
  data.memory_stats = {{"cache", 4u << 20}};  // cgroup v1 shape
  docker.Put(data);
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_CHECK_CLOSE(state.cpu_percent, 50.0, 1e-6);
  BOOST_CHECK_EQUAL(state.memory_bytes, 60u << 20);  // usage − cache
}

BOOST_FIXTURE_TEST_CASE(InspectOfAnExitedContainer, Fixture) {
  DockerExecutor executor(options);
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-command", &state).ok());
  BOOST_CHECK(state.status == ServiceStatus::kIdle);
  BOOST_CHECK(state.pids.empty());
  BOOST_CHECK(state.has_exit_code);
  BOOST_CHECK_EQUAL(state.last_exit_code, 2);
  BOOST_CHECK_EQUAL(state.fault_code, kFailureWhileActive);
  BOOST_CHECK_EQUAL(state.uptime_seconds, 0u);
  BOOST_CHECK(
      !Requested("GET /v1.41/containers/edgex-core-command/stats?stream=false&one-shot=true"));
  // Stopped by the agent: its exit status is not a fault.
  BOOST_REQUIRE(executor.Start("core-command").ok());
  BOOST_REQUIRE(executor.Stop("core-command").ok());
  BOOST_REQUIRE(executor.Inspect("core-command", &state).ok());
  BOOST_CHECK_EQUAL(state.fault_code, kNoFault);
}

BOOST_FIXTURE_TEST_CASE(StateChangesSeenByInspectReachTheCallback, Fixture) {
  DockerExecutor executor(options);
  std::vector<std::pair<ServiceStatus, ServiceStatus>> seen;
  executor.SetStateCallback([&](const std::string&, ServiceStatus from, ServiceStatus to) {
    seen.emplace_back(from, to);
  });
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  FakeContainer data = docker.Get("edgex-core-data");
  data.state = "exited";  // died outside the agent
  data.exit_code = 137;
  data.oom_killed = true;
  data.finished_at = "2026-11-25T17:10:00Z";
  docker.Put(data);
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_CHECK_EQUAL(state.fault_message, "killed: out of memory");
  BOOST_REQUIRE_EQUAL(seen.size(), 1u);
  BOOST_CHECK(seen[0].first == ServiceStatus::kActive && seen[0].second == ServiceStatus::kIdle);
}

BOOST_FIXTURE_TEST_CASE(ListByNameAndByLabel, Fixture) {
  DockerExecutor by_name(options);
  std::vector<std::string> names;
  BOOST_REQUIRE(by_name.List(&names).ok());
  BOOST_CHECK((names == std::vector<std::string>{"core-command", "core-data", "redis"}));
  BOOST_CHECK(
      Requested("GET /v1.41/containers/json?all=1&filters=%7B%22name%22%3A%5B%22edgex-%22%5D%7D"));

  options.service_label = "com.docker.compose.service";
  DockerExecutor by_label(options);
  BOOST_REQUIRE(by_label.List(&names).ok());
  BOOST_CHECK((names == std::vector<std::string>{"core-command", "core-data", "database"}));
  BOOST_REQUIRE(by_label.Stop("core-data").ok());  // resolved to the container's id
  BOOST_CHECK(Requested("POST /v1.41/containers/" + std::string(64, 'a') + "/stop?t=3"));
  BOOST_CHECK(by_label.Start("nothing").code() == Error::kNotFound);
}

BOOST_AUTO_TEST_CASE(EngineDownIsAnError) {
  test::TempDir dir;
  DockerOptions options;
  options.socket_path = dir.path() + "/absent.sock";
  DockerExecutor executor(options);
  ServiceState state;
  Status st = executor.Inspect("core-data", &state);
  BOOST_CHECK(!st.ok());
  BOOST_CHECK(st.code() != Error::kNotFound);
  std::vector<std::string> names;
  BOOST_CHECK(!executor.List(&names).ok());
}

}  // namespace
}  // namespace edgecwmp::edgex
