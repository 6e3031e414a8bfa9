// SPDX-License-Identifier: GPL-2.0-or-later
// Rig: the EdgeX ChangeDUState backend as the daemon builds it — a process supervisor with one
// configured service ("configured", sleep 600, not autostarted), its SoftwareModules and the
// DeploymentUnits backend over a state directory — plus a loopback file server for definitions.
// Boot() rebuilds everything from the state directory, as a daemon restart does.
#ifndef EDGECWMP_TESTS_DU_DU_RIG_H_
#define EDGECWMP_TESTS_DU_DU_RIG_H_

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/stderr_capture.h"
#include "tests/support/temp_dir.h"
#include "tests/transfers/file_server.h"
#include "tr181/edgex/deployment_units.h"
#include "tr181/edgex/process_executor.h"
#include "tr181/edgex/software_modules.h"

namespace edgecwmp::edgex::testing_du {

inline std::string Definition(const std::string& name, const std::string& version,
                              const std::string& seconds, bool autostart = true) {
  std::string v = version.empty() ? "" : "\"version\": \"" + version + "\", ";
  return "{\"services\": [{\"name\": \"" + name + "\", " + v + "\"command\": [\"sleep\", \"" +
         seconds + "\"], \"autostart\": " + (autostart ? "true" : "false") +
         ", \"stop_timeout_ms\": 2000}]}";
}

// What the rigs allow by default: sleep, and definitions over http (the loopback file server).
inline DeploymentUnitsOptions SleepOverHttp() {
  DeploymentUnitsOptions options;
  options.policy.allowed_commands = {"/bin/sleep"};
  options.allow_http = true;
  return options;
}

// A supervisor with one configured service, its SoftwareModules and the backend.
struct Rig {
  testing::TempDir state{"edgecwmp-du-state"};
  testing::FileServer files;
  DeploymentUnitsOptions options;  // state_dir and fetch_timeout_ms are the rig's
  testing::TempDir logs{"edgecwmp-du-log"};
  testing::StderrCapture log{logs.File("stderr")};  // what the backend logged
  std::unique_ptr<DeploymentUnits> units;
  std::unique_ptr<ProcessExecutor> process;
  std::unique_ptr<SoftwareModules> modules;

  explicit Rig(DeploymentUnitsOptions with = SleepOverHttp()) : options(std::move(with)) {
    BOOST_REQUIRE(files.Start());
    Boot();
  }
  // (Re)creates everything from the state directory, as the daemon does at start.
  void Boot() {
    modules.reset();
    process.reset();
    options.state_dir = state.path();
    options.fetch_timeout_ms = 5000;
    units = std::make_unique<DeploymentUnits>(options);
    std::vector<ServiceSpec> specs(1);
    specs[0].name = "configured";
    specs[0].argv = {"sleep", "600"};
    std::vector<ServiceSpec> installed;
    std::string warning;
    BOOST_REQUIRE(units->LoadInstalled(&installed, &warning).ok());
    BOOST_CHECK_EQUAL(warning, "");
    for (auto& s : installed) specs.push_back(s);
    process = std::make_unique<ProcessExecutor>(specs);
    (void)process->StartAutostart();  // a failure shows as the EU's FailureOnAutoStart (tested)
    SoftwareModulesOptions mo;
    mo.use_registry = false;
    mo.state_ttl = std::chrono::milliseconds(0);
    mo.instances_file = state.File("instances.txt");
    modules = std::make_unique<SoftwareModules>(process.get(), mo);
    units->Attach(process.get(), process.get(), modules.get());
  }
  ~Rig() {
    if (units) units->Attach(nullptr, nullptr, nullptr);
  }
  int Pid(const std::string& service) {
    ServiceState st;
    if (!process->Inspect(service, &st).ok() || st.pids.empty()) return 0;
    return st.pids.front();
  }
};

}  // namespace edgecwmp::edgex::testing_du

#endif  // EDGECWMP_TESTS_DU_DU_RIG_H_
