// SPDX-License-Identifier: GPL-2.0-or-later
// DeploymentUnits: EdgeX services as TR-181 Deployment Units and the ChangeDUState backend
// (rpc/deployment_units.h). Device.SoftwareModules.DeploymentUnit.{i} has one row per service the
// executor manages, with the same instance number as the service's ExecutionUnit.{i} (which
// References it back). With the process supervisor, Install fetches a JSON service definition
// (tr181/edgex/service_definition.h) over HTTP(S), adds the service and starts it if it is
// autostart; Update replaces the definition and restarts the service if it was running;
// Uninstall stops and removes it. What the ACS installed is kept in
// <state_dir>/edgex-deployment-units.json (written atomically) and comes back at the next start.
// Every outcome names its operation; InstallFromFile's says whether it installed or updated.
// What an installed service may run is the operator's ServicePolicy (service_policy.h): a
// definition whose command is not allowed is refused with 9001 Request denied (TR-069 A.5.1: the
// CPE refuses for a reason of its own; the DU-specific 9022-9032 all name other causes), one the
// policy cannot be applied to (its service_user does not exist) with 9002 Internal error. A
// service installed earlier whose command is no longer allowed is loaded (its DU stays, so the
// ACS can still update or uninstall it) but never started. Definitions are fetched over https
// only unless allow_http (9013 otherwise), for ChangeDUState and, through DownloadNeedsHttps(),
// for a Download.
// Services from the configuration are DUs too (UUID derived from the name) but cannot be updated
// or uninstalled by the ACS (9001). Docker and systemd executors answer every operation with
// 9025 "Deployment Unit to Execution Environment Mismatch": they cannot run a JSON definition.
// Thread-safe; operations are serialised.
#ifndef EDGECWMP_TR181_EDGEX_DEPLOYMENT_UNITS_H_
#define EDGECWMP_TR181_EDGEX_DEPLOYMENT_UNITS_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "datamodel/datamodel.h"
#include "rpc/deployment_units.h"
#include "tr181/edgex/executor.h"
#include "tr181/edgex/process_executor.h"
#include "tr181/edgex/service_policy.h"
#include "tr181/edgex/software_modules.h"

namespace edgecwmp::edgex {

// The vendor FileType (TR-069 A.3.2.8 "X <OUI> <name>", the project's default OUI) of a service
// definition sent by Download: installs the service, or updates the ACS-installed one of that name.
inline constexpr const char* kServiceDefinitionFileType = "X 02EDC0 EdgeX Service Definition";

struct DeploymentUnitsOptions {
  std::string state_dir;  // "" = installs are not persisted
  std::string vendor = "EdgeX Foundry";
  long fetch_timeout_ms = 30000;
  size_t max_definition_bytes = 256 * 1024;  // larger → 9018 (not a service definition)
  size_t max_installed = 64;                 // more ACS-installed DUs → 9027
  ServicePolicy policy;                      // what installed services may run, and as whom
  bool allow_http = false;                   // also fetch definitions over plain http
  std::string ca_file, ca_path;  // trusted for https definitions ("" = the system's CAs)
};

class DeploymentUnits : public rpc::DeploymentUnitBackend {
 public:
  explicit DeploymentUnits(DeploymentUnitsOptions options);
  ~DeploymentUnits() override;
  DeploymentUnits(const DeploymentUnits&) = delete;
  DeploymentUnits& operator=(const DeploymentUnits&) = delete;

  // The services installed by earlier ChangeDUStates, for the process supervisor's list, vetted
  // by the policy again: one it refuses now comes with ServiceSpec::refused set (and is logged).
  // A damaged file is reported in |warning| and ignored. Call before Attach.
  Status LoadInstalled(std::vector<ServiceSpec>* specs, std::string* warning);
  // Connects the executor (|process| is it when it is the process supervisor, else null) and the
  // SoftwareModules that numbers its services; all must outlive this object's use.
  void Attach(Executor* executor, ProcessExecutor* process, SoftwareModules* modules);
  // Binds Device.SoftwareModules.DeploymentUnit.{i} and DeploymentUnitNumberOfEntries.
  Status Bind(dm::DataModel* model);

  rpc::DuOperationOutcome Install(const std::string& url, const std::string& uuid,
                                  const std::string& username, const std::string& password,
                                  const std::string& execution_env_ref) override;
  rpc::DuOperationOutcome Update(const std::string& uuid, const std::string& version,
                                 const std::string& url, const std::string& username,
                                 const std::string& password) override;
  rpc::DuOperationOutcome Uninstall(const std::string& uuid, const std::string& version,
                                    const std::string& execution_env_ref) override;
  std::string DownloadFileType() const override { return kServiceDefinitionFileType; }
  bool DownloadNeedsHttps() const override;
  rpc::DuOperationOutcome InstallFromFile(const std::string& path, const std::string& url) override;

 private:
  struct Rep;
  std::shared_ptr<Rep> rep_;
};

// A stable UUID for a configured service (RFC 9562 version 8, from a hash of |name|).
std::string ServiceUuid(const std::string& name);
// 8-4-4-4-12 hexadecimal digits (TR-181 UUID data type).
bool IsUuid(const std::string& text);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_DEPLOYMENT_UNITS_H_
