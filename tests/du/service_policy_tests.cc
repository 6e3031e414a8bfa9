// SPDX-License-Identifier: GPL-2.0-or-later
// What a service an ACS installs may run (tr181/edgex/service_policy.h through the DeploymentUnits
// backend, real processes): only commands the operator allowed — resolved, so neither ".." nor a
// symlink leads out of an allowed directory — as edgex.service_user when set, fetched over https
// unless http is allowed; a service installed earlier and no longer allowed keeps its DU but does
// not start.
#define BOOST_TEST_MODULE service_policy_tests
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/du/du_rig.h"
#include "tests/support/proc_cmdline.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"
#include "tr181/edgex/service_policy.h"

namespace edgecwmp::edgex {
namespace {

namespace fs = std::filesystem;
using testing_du::Definition;
using testing_du::Rig;
using testing_du::SleepOverHttp;

constexpr const char* kUuid = "0b7a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d";

// A one-service definition running |command| (JSON array text) with |extra| members.
std::string Running(const std::string& name, const std::string& command,
                    const std::string& extra = "", const std::string& version = "1") {
  return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"command\": " + command +
         ", \"autostart\": true, \"stop_timeout_ms\": 2000" + extra + "}";
}

// A warning of the EdgeX backend in the agent's log containing |text|.
bool Logged(const Rig& rig, const std::string& text) {
  std::istringstream lines(rig.log.Text());
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" WARN edgex: ") != std::string::npos && line.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

size_t ServiceCount(Rig& rig) {
  std::vector<std::string> names;
  BOOST_REQUIRE(rig.process->List(&names).ok());
  return names.size();
}

// The numbers of a /proc/<pid>/status line: "Uid:" gives real, effective, saved and file system.
std::vector<long> IdsOf(int pid, const std::string& field) {
  const std::string status = testing::ReadFile("/proc/" + std::to_string(pid) + "/status");
  const size_t at = status.find("\n" + field);
  std::vector<long> ids;
  if (at == std::string::npos) return ids;
  const size_t begin = at + 1 + field.size();
  std::istringstream in(status.substr(begin, status.find('\n', begin) - begin));
  for (long id; in >> id;) ids.push_back(id);
  return ids;
}

BOOST_AUTO_TEST_CASE(a_command_the_operator_did_not_allow_is_refused_with_9001) {
  Rig rig;  // allows /bin/sleep
  rig.files.Put("/true.json", Running("app-true", "[\"true\"]"));
  auto out = rig.units->Install(rig.files.Url("/true.json"), kUuid, "", "", "");
  BOOST_CHECK_EQUAL(out.status.fault_code(), 9001u);
  BOOST_CHECK_EQUAL(out.current_state, "Failed");
  BOOST_CHECK_MESSAGE(out.status.message().find("allowed_commands") != std::string::npos,
                      out.status.message());
  BOOST_CHECK(Logged(rig, "refused service definition app-true"));
  BOOST_CHECK_EQUAL(ServiceCount(rig), 1u);  // only "configured"
  BOOST_CHECK(testing::ReadFile(rig.state.File("edgex-deployment-units.json")).find("app-true") ==
              std::string::npos);

  // An allowed program steered by the loader (LD_PRELOAD runs any library) is refused too.
  rig.files.Put("/preload.json", Running("app-preload", "[\"sleep\", \"330\"]",
                                         ", \"env\": {\"LD_PRELOAD\": \"/tmp/x.so\"}"));
  out = rig.units->Install(rig.files.Url("/preload.json"), kUuid, "", "", "");
  BOOST_CHECK_EQUAL(out.status.fault_code(), 9001u);
  BOOST_CHECK(out.status.message().find("LD_PRELOAD") != std::string::npos);

  // An update to a command that is not allowed leaves the running version alone.
  rig.files.Put("/v1.json", Definition("app-demo", "1.0", "331"));
  rig.files.Put("/v2.json", Running("app-demo", "[\"true\"]", "", "2.0"));
  BOOST_REQUIRE_EQUAL(
      rig.units->Install(rig.files.Url("/v1.json"), kUuid, "", "", "").status.fault_code(), 0u);
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));
  const int pid = rig.Pid("app-demo");
  auto up = rig.units->Update(kUuid, "", rig.files.Url("/v2.json"), "", "");
  BOOST_CHECK_EQUAL(up.status.fault_code(), 9001u);
  BOOST_CHECK_EQUAL(rig.Pid("app-demo"), pid);
}

BOOST_AUTO_TEST_CASE(without_an_allow_list_no_installed_service_runs) {
  DeploymentUnitsOptions options;  // the defaults: nothing allowed
  options.allow_http = true;
  Rig rig(options);
  rig.files.Put("/sleep.json", Definition("app-demo", "1.0", "332"));
  auto out = rig.units->Install(rig.files.Url("/sleep.json"), kUuid, "", "", "");
  BOOST_CHECK_EQUAL(out.status.fault_code(), 9001u);
  BOOST_CHECK_EQUAL(ServiceCount(rig), 1u);
}

// Allowed: "<tree>/bin/" and everything under it, nothing that only looks as if it were.
BOOST_AUTO_TEST_CASE(an_allowed_directory_allows_its_tree_and_nothing_outside_it) {
  testing::TempDir tree("edgecwmp-du-tree");
  const std::string bin = tree.File("bin"), other = tree.File("other");
  fs::create_directories(bin + "/sub");
  fs::create_directories(other);
  fs::copy_file("/bin/sleep", bin + "/sub/napper");
  fs::copy_file("/bin/sleep", other + "/escape");
  fs::create_symlink(other + "/escape", bin + "/link");
  DeploymentUnitsOptions options = SleepOverHttp();
  options.policy.allowed_commands = {bin + "/"};
  Rig rig(options);
  rig.files.Put("/inside.json", Running("app-inside", "[\"" + bin + "/sub/napper\", \"333\"]"));
  rig.files.Put("/dotdot.json",
                Running("app-dotdot", "[\"" + bin + "/../other/escape\", \"334\"]"));
  rig.files.Put("/symlink.json", Running("app-symlink", "[\"" + bin + "/link\", \"335\"]"));
  rig.files.Put("/relative.json", Running("app-relative", "[\"../other/escape\", \"336\"]",
                                          ", \"workdir\": \"" + bin + "\""));
  rig.files.Put("/path.json", Running("app-path", "[\"sleep\", \"337\"]"));

  auto in = rig.units->Install(rig.files.Url("/inside.json"), "", "", "", "");
  BOOST_REQUIRE_MESSAGE(in.status.fault_code() == 0, in.status.message());
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-inside") > 0; }));
  BOOST_CHECK_EQUAL(fs::read_symlink("/proc/" + std::to_string(rig.Pid("app-inside")) + "/exe"),
                    fs::canonical(bin + "/sub/napper"));
  for (const char* escape : {"/dotdot.json", "/symlink.json", "/relative.json", "/path.json"}) {
    auto out = rig.units->Install(rig.files.Url(escape), "", "", "", "");
    BOOST_CHECK_MESSAGE(out.status.fault_code() == 9001u,
                        escape << ": " << out.status.fault_code() << " " << out.status.message());
  }
  BOOST_CHECK_EQUAL(ServiceCount(rig), 2u);  // "configured" and app-inside
}

BOOST_AUTO_TEST_CASE(installed_services_run_as_service_user_and_configured_ones_do_not) {
  if (geteuid() != 0) {
    BOOST_TEST_MESSAGE("switching users needs root; not run");
    return;
  }
  const passwd* nobody = getpwnam("nobody");
  BOOST_REQUIRE(nobody != nullptr);
  const long uid = nobody->pw_uid, gid = nobody->pw_gid;
  DeploymentUnitsOptions options = SleepOverHttp();
  options.policy.user = "nobody";
  Rig rig(options);
  rig.files.Put("/sleep.json", Definition("app-demo", "1.0", "338"));
  auto out = rig.units->Install(rig.files.Url("/sleep.json"), kUuid, "", "", "");
  BOOST_REQUIRE_MESSAGE(out.status.fault_code() == 0, out.status.message());
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));
  const int pid = rig.Pid("app-demo");
  BOOST_CHECK(testing::CommandLineOf(pid).find("sleep 338") != std::string::npos);
  BOOST_CHECK(IdsOf(pid, "Uid:") == std::vector<long>(4, uid));
  BOOST_CHECK(IdsOf(pid, "Gid:") == std::vector<long>(4, gid));
  const std::vector<long> groups = IdsOf(pid, "Groups:");
  BOOST_CHECK(std::find(groups.begin(), groups.end(), 0L) == groups.end());  // root's dropped
  // It comes back as nobody after a restart too.
  rig.Boot();
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));
  BOOST_CHECK(IdsOf(rig.Pid("app-demo"), "Uid:") == std::vector<long>(4, uid));
  // The operator's own service keeps the agent's credentials.
  BOOST_REQUIRE(rig.process->Start("configured").ok());
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("configured") > 0; }));
  BOOST_CHECK(IdsOf(rig.Pid("configured"), "Uid:") == std::vector<long>(4, 0));

  // A service_user that does not exist: nothing is installed (fail closed).
  DeploymentUnitsOptions missing = SleepOverHttp();
  missing.policy.user = "edgecwmp-no-such-user";
  Rig other(missing);
  other.files.Put("/sleep.json", Definition("app-demo", "1.0", "339"));
  out = other.units->Install(other.files.Url("/sleep.json"), kUuid, "", "", "");
  BOOST_CHECK_EQUAL(out.status.fault_code(), 9002u);
  BOOST_CHECK(out.status.message().find("does not exist") != std::string::npos);
  BOOST_CHECK_EQUAL(ServiceCount(other), 1u);
}

// The migration path: an install from before the allow-list (or a command taken off it) stays
// installed — the ACS still sees and can update or uninstall its DU — but does not start, not
// even when asked to, until its command is allowed again.
BOOST_AUTO_TEST_CASE(an_installed_service_no_longer_allowed_stays_installed_but_does_not_start) {
  Rig rig;
  rig.files.Put("/sleep.json", Definition("app-demo", "1.0", "340"));
  auto in = rig.units->Install(rig.files.Url("/sleep.json"), kUuid, "", "", "");
  BOOST_REQUIRE_MESSAGE(in.status.fault_code() == 0, in.status.message());
  BOOST_REQUIRE(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));

  rig.options.policy.allowed_commands.clear();
  rig.Boot();
  BOOST_CHECK_EQUAL(ServiceCount(rig), 2u);
  BOOST_CHECK(Logged(rig, "installed service app-demo is not started"));
  ServiceState state;
  BOOST_REQUIRE(rig.process->Inspect("app-demo", &state).ok());
  BOOST_CHECK(state.status == ServiceStatus::kIdle);
  BOOST_CHECK(state.pids.empty());
  BOOST_CHECK_EQUAL(state.fault_code, kFailureOnAutoStart);
  BOOST_CHECK(state.fault_message.find("allowed_commands") != std::string::npos);
  BOOST_CHECK(!rig.process->Start("app-demo").ok());
  BOOST_CHECK_EQUAL(rig.Pid("app-demo"), 0);
  BOOST_CHECK_NE(rig.modules->InstanceOf("app-demo"), 0u);  // its DU and EU rows remain

  rig.options.policy.allowed_commands = {"/usr/bin/"};  // the operator allows it again
  rig.Boot();
  BOOST_CHECK(testing::WaitUntil([&] { return rig.Pid("app-demo") > 0; }));
}

BOOST_AUTO_TEST_CASE(definitions_come_over_https_only_unless_http_is_allowed) {
  DeploymentUnitsOptions options = SleepOverHttp();
  options.allow_http = false;  // the default
  testing::TempDir pki_dir("edgecwmp-du-pki");
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.path(), &pki, &error), error);
  options.ca_file = pki.ca_cert;
  Rig rig(options);
  BOOST_CHECK(rig.units->DownloadNeedsHttps());
  rig.files.Put("/sleep.json", Definition("app-demo", "1.0", "341"));
  auto out = rig.units->Install(rig.files.Url("/sleep.json"), kUuid, "", "", "");
  BOOST_CHECK_EQUAL(out.status.fault_code(), 9013u);
  BOOST_CHECK(out.status.message().find("https") != std::string::npos);
  BOOST_CHECK_EQUAL(rig.files.gets(), 0);  // refused before any request

  testing::FileServer tls("", "", pki.server_cert, pki.server_key);
  BOOST_REQUIRE(tls.Start());
  tls.Put("/sleep.json", Definition("app-demo", "1.0", "341"));
  out = rig.units->Install(tls.Url("/sleep.json"), kUuid, "", "", "");
  BOOST_CHECK_MESSAGE(out.status.fault_code() == 0,
                      out.status.message());  // trusting the ACS's CA file

  BOOST_CHECK(!Rig(SleepOverHttp()).units->DownloadNeedsHttps());
}

}  // namespace
}  // namespace edgecwmp::edgex
