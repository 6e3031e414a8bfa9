// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexModule: the EdgeX part of the daemon, set up from the [edgex] section of its configuration.
// Bind() builds the configured executor (process supervisor, Docker or systemd), the EdgeX REST
// client and Device.SoftwareModules., binds them into the data model, starts the autostart
// services and a poller thread that re-inspects every service and its EdgeX health every
// poll_interval, so that a service that dies or is stopped outside the agent changes its Status.
// With telemetry_broker set, it subscribes to the metrics EdgeX services publish over MQTT
// (tr181/edgex/edgex_telemetry.h).
// Every change (pushed by the executor or found by the poller) goes to the change callback,
// from a background thread. The CWMP engine knows nothing of this: the composition root hands
// Bind() to the agent as a model extension and connects the callback to the agent's WakeUp().
//
// With executor = process and no services file, the embedded demo services are used
// (demo-services.json beside edgex.xml: core-data, core-metadata, core-command, device-virtual
// run by the edgex-demo-service program, which answers EdgeX's ping/version/config on 127.0.0.1).
#ifndef EDGECWMP_TR181_EDGEX_EDGEX_MODULE_H_
#define EDGECWMP_TR181_EDGEX_EDGEX_MODULE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>

#include "base/status.h"
#include "datamodel/datamodel.h"
#include "rpc/deployment_units.h"

namespace edgecwmp::edgex {

// Every [edgex] option; EdgexOptions() names, defaults and documents them.
struct EdgexConfig {
  std::string executor = "process";  // process | docker | systemd | none
  std::string services_file;         // process executor; "" = the embedded demo services
  std::string demo_service;          // path of edgex-demo-service; "" = searched
  std::string docker_socket = "/var/run/docker.sock";
  std::string docker_name_prefix = "edgex-";
  std::string docker_label;
  std::string systemctl = "systemctl";
  std::string systemd_unit = "snap.edgexfoundry.%s.service";
  std::string systemd_services;          // comma-separated; "" = every unit matching systemd_unit
  std::string registry = "core-keeper";  // core-keeper | consul | none
  std::string registry_url = "http://localhost:59890";
  std::string service_host;
  std::vector<std::string> service_urls;  // "<service>=<url or port>", repeatable
  std::string token;                      // secure-mode bearer token; never logged
  std::string token_file;                 // read the token from this file instead
  uint32_t timeout_ms = 3000;
  uint32_t poll_interval_seconds = 5;
  // core-metadata: Device.X_EDGECWMP_EdgeX. (devices, device services, profiles); "" = none.
  std::string metadata_url;
  uint32_t device_poll_interval_seconds = 30;
  // EdgeX telemetry over MQTT: Device.X_EDGECWMP_EdgeX.Telemetry.; broker "" = off.
  std::string telemetry_broker;  // mqtt://host[:port] | mqtts://host[:port]
  std::string telemetry_client_id;
  std::string telemetry_user;
  std::string telemetry_password;  // never logged
  std::string telemetry_topic_prefix = "edgex/telemetry";
  std::string telemetry_ca_file;  // mqtts: "" = the system's trust store
  // Services an ACS installs (service definitions): what they may run, as whom, fetched how.
  std::vector<std::string> allowed_commands;  // absolute paths, '/'-ended = a tree; repeatable
  std::string service_user, service_group;    // "" = the agent's own credentials
  bool allow_http_definitions = false;
  std::string definitions_dir;   // the agent's agent.definitions_dir (where demo-services.json is)
  std::string state_dir;         // the agent's state directory: services installed by ChangeDUState
  std::string ca_file, ca_path;  // the agent's acs.ca_file / acs.ca_path: trusted for definitions
};

// The [edgex] section as boost::program_options, bound to |config| (which must outlive it).
boost::program_options::options_description EdgexOptions(EdgexConfig* config);

// Where the embedded demo services file and the demo program are found ("" when not found).
// Services file: <definitions dir>/edgex/demo-services.json (tr181/definitions.h search order).
// Program: $EDGECWMP_DEMO_SERVICE, <exe dir>/edgex-demo-service,
// <exe dir>/../libexec/edgecwmp/edgex-demo-service, the build tree, the install directory.
std::string DemoServicesFile(const std::string& definitions_dir);
std::string DemoServiceProgram(const std::string& configured);

class EdgexModule {
 public:
  // Its few messages (start-up problems, the services it manages) go to the agent's log.
  explicit EdgexModule(EdgexConfig config);
  // Stops the poller, then the executor (the process supervisor stops its services).
  ~EdgexModule();
  EdgexModule(const EdgexModule&) = delete;
  EdgexModule& operator=(const EdgexModule&) = delete;

  // Called from a background thread when a service's Status or health changed. Set it before
  // Bind(); it must stay valid until this object is destroyed.
  void SetChangeCallback(std::function<void(const std::string& service)> callback);

  // The model extension: builds everything from the configuration and binds it into |model|.
  // A configuration error (unknown executor, unreadable services file) is returned.
  Status Bind(dm::DataModel* model);

  const char* executor_kind() const;  // "" before Bind() or with executor = none

  // The ChangeDUState backend (tr181/edgex/deployment_units.h); valid for this object's life,
  // usable once Bind() has run (before, and with executor = none, it answers 9023).
  rpc::DeploymentUnitBackend* deployment_units();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_EDGEX_MODULE_H_
