// SPDX-License-Identifier: GPL-2.0-or-later
// DockerDouble: a test double of the Docker Engine API v1.41 on a unix socket, serving the
// documented JSON shapes of ContainerList, ContainerInspect, ContainerStats and the
// start/stop/restart semantics (204 done, 304 already in that state, 404 {"message": ...}).
// Containers are found by name or by (a prefix of) their id, as the engine does.
#ifndef EDGECWMP_TESTS_EDGEX_DOCKER_DOUBLE_H_
#define EDGECWMP_TESTS_EDGEX_DOCKER_DOUBLE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex::test {

struct FakeContainer {
  std::string id;    // 64 hex digits
  std::string name;  // without the leading '/'
  std::string image = "edgexfoundry/core-data:4.0.0";
  std::map<std::string, std::string> labels;
  std::string state =
      "exited";  // created | running | paused | restarting | removing | exited | dead
  int pid = 0;
  int exit_code = 0;
  std::string error;
  bool oom_killed = false;
  std::string started_at = "0001-01-01T00:00:00Z";
  std::string finished_at = "0001-01-01T00:00:00Z";
  int restart_count = 0;
  std::string restart_policy = "unless-stopped";
  // Stats: counters in nanoseconds, as the engine reports them.
  uint64_t cpu_total = 0, system_cpu = 0, precpu_total = 0, presystem_cpu = 0;
  uint32_t online_cpus = 2;
  uint64_t memory_usage = 0;
  std::map<std::string, uint64_t> memory_stats;  // e.g. {"inactive_file": ...} (cgroup v2)
};

class DockerDouble {
 public:
  explicit DockerDouble(std::string socket_path);
  ~DockerDouble();

  Status Start();
  void Put(const FakeContainer& container);  // adds or replaces (by name)
  FakeContainer Get(const std::string& name);
  std::vector<std::string> requests();  // "METHOD target", in order

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_DOCKER_DOUBLE_H_
