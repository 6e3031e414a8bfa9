// SPDX-License-Identifier: GPL-2.0-or-later
// SystemdExecutor: EdgeX services installed as systemd units (snap or packages), managed through
// the systemctl command: start/stop/restart with --no-block, state and metrics from
// `systemctl show --property=...`. Status changes seen by Inspect() go to the StateCallback.
#ifndef EDGECWMP_TR181_EDGEX_SYSTEMD_EXECUTOR_H_
#define EDGECWMP_TR181_EDGEX_SYSTEMD_EXECUTOR_H_

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tr181/edgex/executor.h"

namespace edgecwmp::edgex {

struct SystemdOptions {
  std::string systemctl = "systemctl";  // path or name; tests point it at a fake
  // Unit name of a service: "%s" is replaced by the service name.
  std::string unit_template = "snap.edgexfoundry.%s.service";
  // The managed services. Empty: every unit matching unit_template (systemctl list-units).
  std::vector<std::string> services;
  std::chrono::milliseconds command_timeout{10000};
};

// Parses `systemctl show` output (KEY=VALUE lines) into a map.
std::map<std::string, std::string> ParseSystemctlShow(const std::string& text);

class SystemdExecutor : public Executor {
 public:
  explicit SystemdExecutor(SystemdOptions options);
  ~SystemdExecutor() override;

  std::string UnitOf(const std::string& service) const;

  const char* kind() const override { return "systemd"; }
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

#endif  // EDGECWMP_TR181_EDGEX_SYSTEMD_EXECUTOR_H_
