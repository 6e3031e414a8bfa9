// SPDX-License-Identifier: GPL-2.0-or-later
// The EdgeX ChangeDUState backend (tr181/edgex/deployment_units.h) against the real process
// supervisor and a loopback file server: installs start real processes, updates replace them,
// uninstalls stop them, what was installed survives a "restart", and each failure has its
// TR-069 fault code.
#define BOOST_TEST_MODULE du_backend_tests
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

#include "rpc/faults.h"
#include "tests/du/du_rig.h"
#include "tests/support/proc_cmdline.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"
#include "tr181/edgex/deployment_units.h"

namespace edgecwmp::edgex {
namespace {

using testing_du::Definition;
using testing_du::Rig;

constexpr const char* kUuidA = "0b7a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d";
constexpr const char* kUuidB = "1c8b2d3f-4e5a-4b6c-9d7e-8f9a0b1c2d3e";

BOOST_AUTO_TEST_CASE(install_update_uninstall_run_real_processes) {
  Rig rig;
  rig.files.Put("/svc-v1.json", Definition("app-demo", "1.0", "301"));
  rig.files.Put("/svc-v2.json", Definition("app-demo", "2.0", "302"));
  rig.files.Put("/svc-v2b.json", Definition("app-demo", "2.0", "303"));
  rig.files.Put("/svc-old.json", Definition("app-demo", "0.9", "304"));
  rig.files.Put("/svc-nover.json", Definition("app-demo", "", "305"));

  BOOST_REQUIRE_EQUAL(rig.modules->InstanceOf("configured"), 1u);  // numbered before the install
  auto in = rig.units->Install(rig.files.Url("/svc-v1.json"), kUuidA, "", "", "");
  BOOST_REQUIRE_MESSAGE(in.status.fault_code() == 0, in.status.message());
  BOOST_CHECK_EQUAL(in.current_state, "Installed");
  BOOST_CHECK_EQUAL(in.operation, "Install");
  BOOST_CHECK_EQUAL(in.uuid, kUuidA);
  BOOST_CHECK_EQUAL(in.version, "1.0");
  BOOST_CHECK(in.resolved);
  const uint32_t n = rig.modules->InstanceOf("app-demo");
  BOOST_REQUIRE_EQUAL(n, 2u);
  BOOST_CHECK_EQUAL(in.deployment_unit_ref,
                    "Device.SoftwareModules.DeploymentUnit." + std::to_string(n));
  BOOST_REQUIRE_EQUAL(in.execution_unit_refs.size(), 1u);
  BOOST_CHECK_EQUAL(in.execution_unit_refs[0],
                    "Device.SoftwareModules.ExecutionUnit." + std::to_string(n));
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));
  const int pid1 = rig.Pid("app-demo");
  BOOST_CHECK(testing::CommandLineOf(pid1).find("sleep 301") != std::string::npos);
  BOOST_CHECK(testing::ReadFile(rig.state.File("edgex-deployment-units.json")).find(kUuidA) !=
              std::string::npos);

  // The same UUID again, or the same service name under another UUID: duplicates.
  BOOST_CHECK_EQUAL(
      rig.units->Install(rig.files.Url("/svc-v1.json"), kUuidA, "", "", "").status.fault_code(),
      9026u);
  BOOST_CHECK_EQUAL(
      rig.units->Install(rig.files.Url("/svc-v1.json"), kUuidB, "", "", "").status.fault_code(),
      9026u);

  // Update: version rules first, nothing changes on a refusal.
  BOOST_CHECK_EQUAL(
      rig.units->Update(kUuidA, "", rig.files.Url("/svc-nover.json"), "", "").status.fault_code(),
      9031u);
  BOOST_CHECK_EQUAL(
      rig.units->Update(kUuidA, "", rig.files.Url("/svc-v1.json"), "", "").status.fault_code(),
      9032u);
  BOOST_CHECK_EQUAL(
      rig.units->Update(kUuidA, "", rig.files.Url("/svc-old.json"), "", "").status.fault_code(),
      9030u);
  auto wrong_version = rig.units->Update(kUuidA, "7.7", rig.files.Url("/svc-v2.json"), "", "");
  BOOST_CHECK_EQUAL(wrong_version.status.fault_code(), 9028u);
  BOOST_CHECK_EQUAL(wrong_version.operation, "Update");  // a refusal names its operation too
  BOOST_CHECK_EQUAL(rig.Pid("app-demo"), pid1);
  auto up = rig.units->Update(kUuidA, "1.0", rig.files.Url("/svc-v2.json"), "", "");
  BOOST_REQUIRE_MESSAGE(up.status.fault_code() == 0, up.status.message());
  BOOST_CHECK_EQUAL(up.version, "2.0");
  BOOST_CHECK_EQUAL(up.operation, "Update");
  BOOST_CHECK_EQUAL(up.deployment_unit_ref, in.deployment_unit_ref);  // same DU, same EU
  BOOST_REQUIRE(
      testing::WaitUntil([&] { return rig.Pid("app-demo") > 0 && rig.Pid("app-demo") != pid1; }));
  BOOST_CHECK(testing::CommandLineOf(rig.Pid("app-demo")).find("sleep 302") != std::string::npos);
  BOOST_CHECK(testing::WaitUntil([&] { return kill(pid1, 0) != 0; }));

  // A restart brings the installed (updated) service back with its DU, under the same numbers
  // although "app-demo" sorts before "configured".
  rig.Boot();
  BOOST_CHECK_EQUAL(rig.modules->InstanceOf("app-demo"), n);
  BOOST_CHECK_EQUAL(rig.modules->InstanceOf("configured"), 1u);
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));
  BOOST_CHECK(testing::CommandLineOf(rig.Pid("app-demo")).find("sleep 302") != std::string::npos);
  const int pid2 = rig.Pid("app-demo");

  // Uninstall: unknown / malformed / wrong version / configured service refused.
  auto unknown = rig.units->Uninstall(kUuidB, "", "");
  BOOST_CHECK_EQUAL(unknown.status.fault_code(), 9028u);
  BOOST_CHECK_EQUAL(unknown.operation, "Uninstall");
  BOOST_CHECK_EQUAL(rig.units->Uninstall("not-a-uuid", "", "").status.fault_code(), 9022u);
  BOOST_CHECK_EQUAL(rig.units->Uninstall(kUuidA, "1.0", "").status.fault_code(), 9028u);
  BOOST_CHECK_EQUAL(
      rig.units->Uninstall(kUuidA, "", "Device.SoftwareModules.ExecEnv.9").status.fault_code(),
      9023u);
  BOOST_CHECK_EQUAL(rig.units->Uninstall(ServiceUuid("configured"), "", "").status.fault_code(),
                    9001u);
  auto out = rig.units->Uninstall(kUuidA, "2.0", "Device.SoftwareModules.ExecEnv.1");
  BOOST_REQUIRE_MESSAGE(out.status.fault_code() == 0, out.status.message());
  BOOST_CHECK_EQUAL(out.current_state, "Uninstalled");
  BOOST_CHECK_EQUAL(out.operation, "Uninstall");
  BOOST_CHECK(out.execution_unit_refs.empty());
  BOOST_CHECK(kill(pid2, 0) != 0 ||
              testing::CommandLineOf(pid2).find("sleep 302") == std::string::npos);
  std::vector<std::string> names;
  BOOST_REQUIRE(rig.process->List(&names).ok());
  BOOST_CHECK_EQUAL(names.size(), 1u);
  rig.Boot();  // and stays gone
  BOOST_REQUIRE(rig.process->List(&names).ok());
  BOOST_CHECK_EQUAL(names.size(), 1u);
}

BOOST_AUTO_TEST_CASE(install_failures_carry_their_fault_codes) {
  Rig rig;
  testing::FileServer locked("fs", "pw");
  BOOST_REQUIRE(locked.Start());
  locked.Put("/svc.json", Definition("locked-svc", "1", "310"));
  rig.files.Put("/junk.json", "this is not a service");
  rig.files.Put("/two.json",
                "{\"services\": [{\"name\": \"a\", \"command\": [\"true\"]},"
                " {\"name\": \"b\", \"command\": [\"true\"]}]}");
  rig.files.Put("/clash.json", Definition("configured", "1", "311"));
  auto code = [&](const std::string& url, const std::string& uuid = "",
                  const std::string& user = "", const std::string& password = "",
                  const std::string& ee = "") {
    return rig.units->Install(url, uuid, user, password, ee).status.fault_code();
  };
  BOOST_CHECK_EQUAL(code(rig.files.Url("/missing.json")), 9016u);
  BOOST_CHECK_EQUAL(rig.units->Install(rig.files.Url("/junk.json"), "", "", "", "").operation,
                    "Install");
  BOOST_CHECK_EQUAL(code(rig.files.Url("/junk.json")), 9018u);
  BOOST_CHECK_EQUAL(code(rig.files.Url("/two.json")), 9018u);
  BOOST_CHECK_EQUAL(code(rig.files.Url("/clash.json")), 9026u);
  BOOST_CHECK_EQUAL(code("ftp://127.0.0.1/svc.json"), 9013u);
  BOOST_CHECK_EQUAL(code(rig.files.Url("/junk.json"), "xyz"), 9022u);
  BOOST_CHECK_EQUAL(
      code(rig.files.Url("/junk.json"), "", "", "", "Device.SoftwareModules.ExecEnv.2"), 9023u);
  BOOST_CHECK_EQUAL(code(locked.Url("/svc.json"), "", "fs", "wrong"), 9012u);
  // Right credentials, no UUID: the backend makes one.
  auto ok = rig.units->Install(locked.Url("/svc.json"), "", "fs", "pw", "");
  BOOST_REQUIRE_MESSAGE(ok.status.fault_code() == 0, ok.status.message());
  BOOST_CHECK(IsUuid(ok.uuid));
  BOOST_CHECK_EQUAL(ok.current_state, "Installed");
  // Configured services cannot be updated by the ACS.
  BOOST_CHECK_EQUAL(
      rig.units->Update(ServiceUuid("configured"), "", rig.files.Url("/clash.json"), "", "")
          .status.fault_code(),
      9001u);
  BOOST_CHECK_EQUAL(
      rig.units->Update(kUuidB, "", rig.files.Url("/clash.json"), "", "").status.fault_code(),
      9028u);
}

BOOST_AUTO_TEST_CASE(other_executors_refuse_with_a_du_fault) {
  DeploymentUnits none(DeploymentUnitsOptions{});
  BOOST_CHECK_EQUAL(none.Install("http://127.0.0.1:1/x", "", "", "", "").status.fault_code(),
                    9023u);
  ProcessExecutor stand_in({});  // an executor that is "not the process supervisor"
  SoftwareModulesOptions mo;
  mo.use_registry = false;
  SoftwareModules modules(&stand_in, mo);
  DeploymentUnits docker_like(DeploymentUnitsOptions{});
  docker_like.Attach(&stand_in, nullptr, &modules);
  auto r = docker_like.Install("http://127.0.0.1:1/x", "", "", "", "");
  BOOST_CHECK_EQUAL(r.status.fault_code(), 9025u);
  BOOST_CHECK_EQUAL(r.current_state, "Failed");
  BOOST_CHECK_EQUAL(r.operation, "Install");
  auto refused = docker_like.Uninstall(kUuidA, "", "");
  BOOST_CHECK_EQUAL(refused.status.fault_code(), 9025u);
  BOOST_CHECK_EQUAL(refused.operation, "Uninstall");
  docker_like.Attach(nullptr, nullptr, nullptr);
}

// What the ACS installed is read back leniently: a damaged file or record is skipped with a
// warning, and a record without a UUID gets the one derived from its service name.
BOOST_AUTO_TEST_CASE(damaged_install_state_is_skipped_with_a_warning) {
  testing::TempDir state{"edgecwmp-du-damaged"};
  DeploymentUnitsOptions options;
  options.state_dir = state.path();
  const std::string file = state.File("edgex-deployment-units.json");
  std::vector<ServiceSpec> specs;
  std::string warning;
  BOOST_REQUIRE(testing::WriteFile(file, "{\"units\": 7}"));
  BOOST_REQUIRE(DeploymentUnits(options).LoadInstalled(&specs, &warning).ok());
  BOOST_CHECK(specs.empty());
  BOOST_CHECK(warning.find("damaged") != std::string::npos);

  const std::string nameless = "{\"definition\": {\"command\": [\"true\"]}}";
  const std::string kept = "{\"definition\": {\"name\": \"kept\", \"command\": [\"true\"]}}";
  BOOST_REQUIRE(testing::WriteFile(file, "{\"units\": [5, " + nameless + ", " + kept + "]}"));
  warning.clear();
  DeploymentUnits units(options);
  BOOST_REQUIRE(units.LoadInstalled(&specs, &warning).ok());
  BOOST_REQUIRE_EQUAL(specs.size(), 1u);
  BOOST_CHECK_EQUAL(specs[0].name, "kept");
  BOOST_CHECK(warning.find("skipped") != std::string::npos);
  ProcessExecutor process(specs);
  SoftwareModulesOptions mo;
  mo.use_registry = false;
  SoftwareModules modules(&process, mo);
  units.Attach(&process, &process, &modules);
  auto out = units.Uninstall(ServiceUuid("kept"), "", "");
  BOOST_CHECK_MESSAGE(out.status.fault_code() == 0,
                      out.status.message());  // installed by the ACS, so removable
  BOOST_CHECK_EQUAL(out.uuid, ServiceUuid("kept"));
  units.Attach(nullptr, nullptr, nullptr);
}

BOOST_AUTO_TEST_CASE(uuids) {
  BOOST_CHECK(IsUuid(kUuidA));
  BOOST_CHECK(!IsUuid("0b7a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2"));
  BOOST_CHECK(!IsUuid("0b7a1c2e+3d4f-4a5b-8c6d-7e8f9a0b1c2d"));
  BOOST_CHECK(IsUuid(ServiceUuid("core-data")));
  BOOST_CHECK_EQUAL(ServiceUuid("core-data"), ServiceUuid("core-data"));
  BOOST_CHECK_NE(ServiceUuid("core-data"), ServiceUuid("core-metadata"));
}

// A definition that arrived by Download (kServiceDefinitionFileType): installs a new service,
// updates the one the ACS installed under that name, and refuses what an update would refuse.
BOOST_AUTO_TEST_CASE(install_from_file_installs_then_updates_by_name) {
  Rig rig;
  BOOST_CHECK_EQUAL(rig.units->DownloadFileType(), "X 02EDC0 EdgeX Service Definition");
  const std::string file = rig.state.File("downloaded.json");
  BOOST_REQUIRE(testing::WriteFile(file, Definition("app-file", "1.0", "311")));
  auto in = rig.units->InstallFromFile(file, "http://127.0.0.1:1/app-file.json");
  BOOST_REQUIRE_MESSAGE(in.status.fault_code() == 0, in.status.message());
  BOOST_CHECK_EQUAL(in.version, "1.0");
  BOOST_CHECK_EQUAL(in.operation, "Install");  // a new service
  BOOST_CHECK(IsUuid(in.uuid));
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-file") > 0; }));
  BOOST_CHECK(testing::CommandLineOf(rig.Pid("app-file")).find("sleep 311") != std::string::npos);

  BOOST_REQUIRE(testing::WriteFile(file, Definition("app-file", "1.1", "312")));
  auto up = rig.units->InstallFromFile(file, "http://127.0.0.1:1/app-file-1.1.json");
  BOOST_REQUIRE_MESSAGE(up.status.fault_code() == 0, up.status.message());
  BOOST_CHECK_EQUAL(up.uuid, in.uuid);  // the same DU, updated
  BOOST_CHECK_EQUAL(up.version, "1.1");
  BOOST_CHECK_EQUAL(up.operation, "Update");  // the ACS-installed one of that name
  BOOST_CHECK_EQUAL(up.deployment_unit_ref, in.deployment_unit_ref);
  BOOST_REQUIRE(testing::WaitUntil([&] {
    return testing::CommandLineOf(rig.Pid("app-file")).find("sleep 312") != std::string::npos;
  }));

  auto same = rig.units->InstallFromFile(file, "");
  BOOST_CHECK_EQUAL(same.status.fault_code(), 9032u);  // same version
  BOOST_CHECK_EQUAL(same.operation, "Update");
  BOOST_REQUIRE(testing::WriteFile(file, Definition("configured", "1.0", "313")));
  auto configured = rig.units->InstallFromFile(file, "");
  BOOST_CHECK_EQUAL(configured.status.fault_code(),
                    9026u);  // a config service: not the ACS's to update
  BOOST_CHECK_EQUAL(configured.operation, "Install");
  BOOST_REQUIRE(testing::WriteFile(file, "{\"name\": "));
  auto junk = rig.units->InstallFromFile(file, "");
  BOOST_CHECK_EQUAL(junk.status.fault_code(), 9018u);
  BOOST_CHECK_EQUAL(junk.operation, "Install");
  BOOST_CHECK_EQUAL(
      rig.units->InstallFromFile(rig.state.File("missing.json"), "").status.fault_code(), 9002u);
}

}  // namespace
}  // namespace edgecwmp::edgex
