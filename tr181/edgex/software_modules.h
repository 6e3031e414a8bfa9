// SPDX-License-Identifier: GPL-2.0-or-later
// SoftwareModules: binds Device.SoftwareModules. (tr181/edgex/edgex.xml) to an Executor and,
// optionally, the EdgeX REST client: ExecEnv.1 is the EdgeX runtime, ExecutionUnit.{i} one
// service each (instance numbers are given in name order at first sight and never change while
// the agent runs). Setting RequestedState starts or stops the service for real;
// X_EDGECWMP_Restart restarts it. Reads are served from a short-lived cache so that one
// GetParameterValues inspects each service once.
#ifndef EDGECWMP_TR181_EDGEX_SOFTWARE_MODULES_H_
#define EDGECWMP_TR181_EDGEX_SOFTWARE_MODULES_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "datamodel/datamodel.h"
#include "tr181/edgex/edgex_client.h"
#include "tr181/edgex/executor.h"

namespace edgecwmp::edgex {

// The paths that tie Device.SoftwareModules. together (ExecutionEnvRef, References, the DU's
// ExecutionUnitList), shared with tr181/edgex/deployment_units.h; an instance number follows.
inline constexpr const char* kExecEnvRef = "Device.SoftwareModules.ExecEnv.1";
inline constexpr const char* kExecutionUnitPrefix = "Device.SoftwareModules.ExecutionUnit.";
inline constexpr const char* kDeploymentUnitPrefix = "Device.SoftwareModules.DeploymentUnit.";

struct SoftwareModulesOptions {
  std::string exec_env_name = "EdgeX Foundry";
  std::string vendor = "EdgeX Foundry";
  // Optional (may be null): health (ping), Version and configuration of registered services.
  const EdgexClient* edgex = nullptr;
  // Where a service's REST API is ("http://127.0.0.1:59880"), by service name; these win over the
  // registry. With use_registry false only these services have health, version and config.
  std::map<std::string, std::string> service_urls;
  bool use_registry = true;
  std::chrono::milliseconds state_ttl{1000};  // executor Inspect() results
  std::chrono::milliseconds edgex_ttl{5000};  // registry, ping, version, config
  // Called (from an executor thread) when a service's Status changed by itself or by an
  // operation, so the agent can check value changes at once (TR-069 active notification).
  std::function<void(const std::string& service)> on_change;
  // Where the instance numbers are kept ("name<TAB>number" lines, written atomically) so that a
  // service keeps its ExecutionUnit (and DeploymentUnit) number across restarts, and a number is
  // never reused for another service (TR-069 3.6.1). "" = numbered afresh at every start.
  std::string instances_file;
};

class SoftwareModules {
 public:
  // |executor| must outlive this object; the model's bindings keep the shared state alive.
  SoftwareModules(Executor* executor, SoftwareModulesOptions options);
  ~SoftwareModules();

  Status Bind(dm::DataModel* model);

  // The ExecutionUnit instance number of |service| (0 if unknown).
  uint32_t InstanceOf(const std::string& service);
  // The instance numbers of the services the executor lists, ascending, and the service listed
  // with |instance| ("" if none): the cached listing the ExecutionUnit table reads.
  std::vector<uint32_t> Instances();
  std::string ServiceAt(uint32_t instance);

  // Re-lists and re-inspects every service now, and re-reads its EdgeX health once its cache is
  // older than edgex_ttl; calls on_change for each service whose Status or health differs from
  // what the previous Poll() saw. For executors that do not push changes (Docker, systemd) and
  // for health, so that a service that dies outside the agent shows up; call it periodically.
  void Poll();

 private:
  struct Rep;
  std::shared_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_SOFTWARE_MODULES_H_
