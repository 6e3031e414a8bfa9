// SPDX-License-Identifier: GPL-2.0-or-later
// DockerExecutor: EdgeX services run as Docker containers, managed through the Docker Engine API
// (v1.41) on its unix socket. A service is the container named <name_prefix><service>
// (EdgeX's Compose files name them "edgex-<service>"), or, with service_label set, the container
// whose label <service_label> has the service's name (e.g. com.docker.compose.service).
#ifndef EDGECWMP_TR181_EDGEX_DOCKER_EXECUTOR_H_
#define EDGECWMP_TR181_EDGEX_DOCKER_EXECUTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "tr181/edgex/executor.h"

namespace edgecwmp::edgex {

struct DockerOptions {
  std::string socket_path = "/var/run/docker.sock";
  std::string api_version = "v1.41";
  std::string name_prefix = "edgex-";
  std::string service_label;       // non-empty: find containers by this label instead of by name
  int stop_timeout_seconds = 10;   // Docker's `t`: SIGTERM, then SIGKILL after this
  long request_timeout_ms = 5000;  // stop/restart requests wait stop_timeout_seconds more
  // GET stats with one-shot=true (v1.41): one sample, no 1-2 s wait; CPU % is then computed
  // between two Inspect() calls (0 on the first).
  bool stats_one_shot = true;
};

class DockerExecutor : public Executor {
 public:
  explicit DockerExecutor(DockerOptions options);
  ~DockerExecutor() override;

  const char* kind() const override { return "docker"; }
  Status Start(const std::string& service) override;
  Status Stop(const std::string& service) override;
  Status Restart(const std::string& service) override;
  Status Inspect(const std::string& service, ServiceState* out) override;
  Status List(std::vector<std::string>* services) override;
  void SetStateCallback(StateCallback callback) override;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_DOCKER_EXECUTOR_H_
