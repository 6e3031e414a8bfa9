// SPDX-License-Identifier: GPL-2.0-or-later
// ChangeDUState end to end: the real cwmpd (process supervisor, no EdgeX registry) against the
// test ACS (GenieACS-strict) and a loopback file server holding service definitions. Install →
// a DUStateChangeComplete with Installed and a new ExecutionUnit running a real process; Update →
// the new Version and a new process, kept across a daemon restart; Uninstall → process gone, DU
// Uninstalled; an unknown UUID → 9028 in its result. Each result arrives in a later session with 11
// DU STATE CHANGE COMPLETE and M ChangeDUState <CommandKey>, once.
#define BOOST_TEST_MODULE du_e2e_tests
#include <signal.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "tests/acs/test_acs.h"
#include "tests/e2e/e2e_checks.h"
#include "tests/support/proc_cmdline.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"

namespace edgecwmp::cwmp {
namespace {

using acs::SessionRecord;
constexpr std::chrono::seconds kWait(30);
constexpr const char* kUuid = "6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b";
constexpr const char* kUnknownUuid = "00000000-1111-4222-8333-444444444444";

std::string Definition(const std::string& version, const std::string& seconds) {
  return "{\"name\": \"app-rules\", \"version\": \"" + version +
         "\", \"description\": \"rules engine\", \"command\": [\"sleep\", \"" + seconds +
         "\"], \"autostart\": true, \"stop_timeout_ms\": 2000}";
}

struct Harness {
  testing::TempDir dir{"edgecwmp-du-e2e"};
  acs::TestAcs acs;
  testing::FileServer files;
  std::unique_ptr<e2e::AgentProcess> agent;

  // |extra| adds to or replaces the settings; by default sleep may run and definitions come
  // over plain http from |files|.
  explicit Harness(const std::map<std::string, std::string>& extra = {}) {
    BOOST_REQUIRE(acs.Start().ok());
    BOOST_REQUIRE(files.Start());
    const std::string services = dir.File("services.json");
    BOOST_REQUIRE(testing::WriteFile(
        services,
        "{\"services\": [{\"name\": \"core-data\", \"command\": [\"sleep\", \"900\"],"
        " \"autostart\": true}]}"));
    e2e::AgentSettings settings;
    settings.acs_url = acs.url();
    settings.extra["inform.periodic_enable"] = "false";
    settings.extra["edgex.executor"] = "process";
    settings.extra["edgex.services_file"] = services;
    settings.extra["edgex.registry"] = "none";
    settings.extra["edgex.allowed_commands"] = "/bin/sleep";
    settings.extra["edgex.allow_http_definitions"] = "true";
    for (const auto& [key, value] : extra) settings.extra[key] = value;
    agent = std::make_unique<e2e::AgentProcess>(dir.path(), settings);
    BOOST_REQUIRE(agent->Start());
    BOOST_REQUIRE(acs.WaitForSessions(1, kWait));
  }
  ~Harness() {
    for (const auto& v : acs.Violations()) BOOST_TEST_MESSAGE("ACS violation: " << v);
  }
  // A connection request, retried while the agent is busy or rate-limits.
  void Kick() {
    auto r = acs::SendAcceptedConnectionRequest(agent->cr_url(), agent->settings().cr_username,
                                                agent->settings().cr_password);
    BOOST_REQUIRE_MESSAGE(r.success, "connection request failed: " << r.error);
  }
  // Sends one ChangeDUState and returns the DUStateChangeComplete for |key| and its session.
  std::optional<std::pair<SessionRecord, DUStateChangeComplete>> Change(
      const std::string& key, std::vector<DUOperation> ops) {
    ChangeDUState request;
    request.command_key = key;
    request.operations = std::move(ops);
    acs.Queue(request);
    Kick();
    auto find = [&](const std::vector<SessionRecord>& sessions)
        -> std::optional<std::pair<SessionRecord, DUStateChangeComplete>> {
      for (const auto& [number, c] : acs::CpeRequestsOf<DUStateChangeComplete>(sessions)) {
        const SessionRecord& s = sessions[number - 1];
        if (c.command_key == key && s.end != acs::SessionEnd::kRunning) return std::make_pair(s, c);
      }
      return std::nullopt;
    };
    acs.WaitUntil([&](const std::vector<SessionRecord>& s) { return find(s).has_value(); }, kWait);
    return find(acs.Sessions());
  }
  // Parameter values through a GetParameterValues in a new session.
  std::map<std::string, std::string> Values(std::vector<std::string> names) {
    const size_t before = acs.SessionCount();
    GetParameterValues gpv;
    gpv.parameter_names = std::move(names);
    acs.Queue(gpv);
    Kick();
    acs.WaitUntil(
        [&](const std::vector<SessionRecord>& sessions) {
          for (size_t i = before; i < sessions.size(); ++i) {
            for (const acs::Exchange* e : sessions[i].ExchangesOf("GetParameterValues")) {
              if (e->answered) return true;
            }
          }
          return false;
        },
        kWait);
    std::map<std::string, std::string> out;
    auto sessions = acs.Sessions();
    for (size_t i = before; i < sessions.size(); ++i) {
      for (const auto& [k, v] : sessions[i].ReturnedValues()) out[k] = v;
    }
    return out;
  }
  size_t CompletionCount(const std::string& key) {
    const auto all = acs::CpeRequestsOf<DUStateChangeComplete>(acs.Sessions());
    return static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](const auto& request) {
      return request.second.command_key == key;
    }));
  }
};

BOOST_AUTO_TEST_CASE(install_update_uninstall_an_edgex_service_through_the_acs) {
  Harness h;
  h.files.Put("/rules-1.json", Definition("1.0", "401"));
  h.files.Put("/rules-2.json", Definition("2.0", "402"));

  // GetRPCMethods lists ChangeDUState: the daemon has a backend for it.
  h.acs.Queue(GetRPCMethods{});
  h.Kick();
  bool listed = h.acs.WaitUntil(
      [](const std::vector<SessionRecord>& sessions) {
        for (const auto& s : sessions) {
          for (const acs::Exchange* e : s.ExchangesOf("GetRPCMethods")) {
            if (!e->response || !std::holds_alternative<GetRPCMethodsResponse>(*e->response))
              continue;
            for (const auto& m : std::get<GetRPCMethodsResponse>(*e->response).method_list) {
              if (m == "ChangeDUState") return true;
            }
          }
        }
        return false;
      },
      kWait);
  BOOST_CHECK(listed);

  // ---- Install ----
  auto done =
      h.Change("install-1", {InstallOpStruct{h.files.Url("/rules-1.json"), kUuid, "", "", ""}});
  BOOST_REQUIRE_MESSAGE(done, "no DUStateChangeComplete; agent log:\n" << h.agent->Log());
  auto answer = h.acs.Sessions();
  bool responded = false;
  for (const auto& s : answer) {
    for (const acs::Exchange* e : s.ExchangesOf("ChangeDUState")) {
      responded =
          responded || (e->response && std::holds_alternative<ChangeDUStateResponse>(*e->response));
    }
  }
  BOOST_CHECK(responded);
  BOOST_CHECK(done->first.HasEvent("11 DU STATE CHANGE COMPLETE"));
  BOOST_CHECK(e2e::HasEvent(done->first, "M ChangeDUState", "install-1"));
  BOOST_REQUIRE_EQUAL(done->second.results.size(), 1u);
  const OpResultStruct installed = done->second.results[0];
  BOOST_CHECK_EQUAL(installed.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(installed.uuid, kUuid);
  BOOST_CHECK_EQUAL(installed.current_state, "Installed");
  BOOST_CHECK_EQUAL(installed.version, "1.0");
  BOOST_CHECK(installed.resolved);
  BOOST_CHECK_NE(installed.start_time, kUnknownTime);
  const std::string du = installed.deployment_unit_ref;
  const std::string eu = installed.execution_unit_ref_list;
  BOOST_REQUIRE(du.rfind("Device.SoftwareModules.DeploymentUnit.", 0) == 0);
  BOOST_REQUIRE(eu.rfind("Device.SoftwareModules.ExecutionUnit.", 0) == 0);

  auto v = h.Values({du + ".", eu + "."});
  BOOST_CHECK_EQUAL(v[du + ".UUID"], kUuid);
  BOOST_CHECK_EQUAL(v[du + ".Status"], "Installed");
  BOOST_CHECK_EQUAL(v[du + ".Version"], "1.0");
  BOOST_CHECK_EQUAL(v[du + ".Name"], "app-rules");
  BOOST_CHECK_EQUAL(v[du + ".URL"], h.files.Url("/rules-1.json"));
  BOOST_CHECK_EQUAL(v[du + ".ExecutionUnitList"], eu);
  BOOST_CHECK_EQUAL(v[eu + ".References"], du);
  BOOST_CHECK_EQUAL(v[eu + ".Name"], "app-rules");
  BOOST_CHECK_EQUAL(v[eu + ".Status"], "Active");
  const std::string prefix = "Device.DeviceInfo.ProcessStatus.Process.";
  std::string procs = v[eu + ".AssociatedProcessList"];
  BOOST_REQUIRE(procs.rfind(prefix, 0) == 0);
  const long pid1 = std::stol(procs.substr(prefix.size()));
  BOOST_CHECK(testing::CommandLineOf(pid1).find("sleep 401") != std::string::npos);

  // ---- Update ----
  auto updated =
      h.Change("update-1", {UpdateOpStruct{kUuid, "", h.files.Url("/rules-2.json"), "", ""}});
  BOOST_REQUIRE_MESSAGE(updated, "no DUStateChangeComplete; agent log:\n" << h.agent->Log());
  BOOST_REQUIRE_EQUAL(updated->second.results.size(), 1u);
  BOOST_CHECK_EQUAL(updated->second.results[0].fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(updated->second.results[0].version, "2.0");
  BOOST_CHECK_EQUAL(updated->second.results[0].deployment_unit_ref, du);
  v = h.Values({du + ".Version", eu + ".AssociatedProcessList"});
  BOOST_CHECK_EQUAL(v[du + ".Version"], "2.0");
  procs = v[eu + ".AssociatedProcessList"];
  BOOST_REQUIRE(procs.rfind(prefix, 0) == 0);
  const long pid2 = std::stol(procs.substr(prefix.size()));
  BOOST_CHECK_NE(pid1, pid2);
  BOOST_CHECK(testing::CommandLineOf(pid2).find("sleep 402") != std::string::npos);

  // ---- A restart keeps the installed, updated service ----
  const size_t sessions_before = h.acs.SessionCount();
  BOOST_CHECK_EQUAL(h.agent->Terminate(), 0);
  BOOST_REQUIRE(h.agent->Start());
  BOOST_REQUIRE(h.acs.WaitForSessions(sessions_before + 1, kWait));  // 1 BOOT
  v = h.Values({du + ".UUID", du + ".Version", eu + ".Status", eu + ".AssociatedProcessList"});
  BOOST_CHECK_EQUAL(v[du + ".UUID"], kUuid);
  BOOST_CHECK_EQUAL(v[du + ".Version"], "2.0");
  BOOST_CHECK_EQUAL(v[eu + ".Status"], "Active");
  procs = v[eu + ".AssociatedProcessList"];
  BOOST_REQUIRE(procs.rfind(prefix, 0) == 0);
  const long pid3 = std::stol(procs.substr(prefix.size()));
  BOOST_CHECK(testing::CommandLineOf(pid3).find("sleep 402") != std::string::npos);

  // ---- Uninstall, and an unknown DU in the same request ----
  auto removed = h.Change(
      "uninstall-1", {UninstallOpStruct{kUuid, "", ""}, UninstallOpStruct{kUnknownUuid, "", ""}});
  BOOST_REQUIRE_MESSAGE(removed, "no DUStateChangeComplete; agent log:\n" << h.agent->Log());
  BOOST_REQUIRE_EQUAL(removed->second.results.size(), 2u);
  BOOST_CHECK_EQUAL(removed->second.results[0].fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(removed->second.results[0].current_state, "Uninstalled");
  BOOST_CHECK_EQUAL(removed->second.results[1].fault.fault_code, 9028u);
  BOOST_CHECK_EQUAL(removed->second.results[1].uuid, kUnknownUuid);
  BOOST_CHECK(testing::WaitUntil([&] {
    return kill(static_cast<pid_t>(pid3), 0) != 0 ||
           testing::CommandLineOf(pid3).find("sleep 402") == std::string::npos;
  }));
  v = h.Values({"Device.SoftwareModules.DeploymentUnitNumberOfEntries"});
  BOOST_CHECK_EQUAL(v["Device.SoftwareModules.DeploymentUnitNumberOfEntries"], "1");  // core-data

  // Each result went once: a further session carries no DU events.
  v = h.Values({"Device.SoftwareModules.ExecutionUnitNumberOfEntries"});
  BOOST_CHECK_EQUAL(v["Device.SoftwareModules.ExecutionUnitNumberOfEntries"], "1");
  auto last = h.acs.Session(static_cast<int>(h.acs.SessionCount()));
  BOOST_REQUIRE(last);
  BOOST_CHECK(!last->HasEvent("11 DU STATE CHANGE COMPLETE"));
  for (const char* key : {"install-1", "update-1", "uninstall-1"}) {
    BOOST_CHECK_EQUAL(h.CompletionCount(key), 1u);
  }
  BOOST_CHECK(h.acs.Violations().empty());
}

// GenieACS has no ChangeDUState: its NBI pushes a service definition with a download task and the
// vendor FileType (README "Installing an EdgeX service from GenieACS").
constexpr const char* kServiceFileType = "X 02EDC0 EdgeX Service Definition";

std::optional<TransferComplete> TransferCompleteFor(acs::TestAcs& acs, const std::string& key) {
  std::optional<TransferComplete> found;
  acs.WaitUntil(
      [&](const std::vector<SessionRecord>& sessions) {
        for (const auto& [number, tc] : acs::CpeRequestsOf<TransferComplete>(sessions)) {
          if (tc.command_key == key && sessions[number - 1].end != acs::SessionEnd::kRunning) {
            found = tc;
          }
        }
        return found.has_value();
      },
      kWait);
  return found;
}

std::optional<CpeResponse> DownloadAnswer(acs::TestAcs& acs, const std::string& key) {
  for (const auto& s : acs.Sessions()) {
    for (const acs::Exchange* e : s.ExchangesOf("Download")) {
      auto* d = std::get_if<Download>(&e->request);
      if (d && d->command_key == key && e->response) return *e->response;
    }
  }
  return std::nullopt;
}

BOOST_AUTO_TEST_CASE(a_download_of_a_service_definition_installs_the_service) {
  Harness h;
  h.files.Put("/app-demo.json",
              "{\"name\": \"app-demo\", \"version\": \"1.0\", \"command\": [\"sleep\", "
              "\"3600\"], \"autostart\": true, \"stop_timeout_ms\": 2000}");
  h.files.Put("/broken.json", "{\"name\": \"app-broken\", \"command\": [");

  Download d;
  d.command_key = "svc-1";
  d.file_type = kServiceFileType;
  d.url = h.files.Url("/app-demo.json");
  h.acs.Queue(d);
  h.Kick();
  auto tc = TransferCompleteFor(h.acs, "svc-1");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  auto answer = DownloadAnswer(h.acs, "svc-1");
  BOOST_REQUIRE(answer && std::holds_alternative<DownloadResponse>(*answer));
  BOOST_CHECK_EQUAL(std::get<DownloadResponse>(*answer).status, 1);  // TR-069 A.3.2.8
  BOOST_CHECK_MESSAGE(tc->fault.fault_code == 0u, tc->fault.fault_code
                                                      << " " << tc->fault.fault_string << "\n"
                                                      << h.agent->Log());

  // The new service is an ExecutionUnit (Active, a real process) with its DeploymentUnit.
  auto v = h.Values({"Device.SoftwareModules."});
  std::string eu, du;
  for (const auto& [name, value] : v) {
    const std::string suffix = ".Name";
    if (value != "app-demo" || name.size() < suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string object = name.substr(0, name.size() - suffix.size());
    if (object.rfind("Device.SoftwareModules.ExecutionUnit.", 0) == 0) eu = object;
    if (object.rfind("Device.SoftwareModules.DeploymentUnit.", 0) == 0) du = object;
  }
  BOOST_REQUIRE_MESSAGE(!eu.empty() && !du.empty(), "no app-demo EU/DU; agent log:\n"
                                                        << h.agent->Log());
  BOOST_CHECK_EQUAL(v[eu + ".Status"], "Active");
  BOOST_CHECK_EQUAL(v[eu + ".References"], du);
  BOOST_CHECK_EQUAL(v[du + ".Version"], "1.0");
  BOOST_CHECK_EQUAL(v[du + ".URL"], h.files.Url("/app-demo.json"));
  const std::string prefix = "Device.DeviceInfo.ProcessStatus.Process.";
  const std::string procs = v[eu + ".AssociatedProcessList"];
  BOOST_REQUIRE(procs.rfind(prefix, 0) == 0);
  const long pid = std::stol(procs.substr(prefix.size()));
  BOOST_CHECK_EQUAL(kill(static_cast<pid_t>(pid), 0), 0);
  BOOST_CHECK(testing::CommandLineOf(pid).find("sleep 3600") != std::string::npos);

  // Not a service definition → 9018 File corrupted (TR-069 A.3.3.2).
  d.command_key = "svc-broken";
  d.url = h.files.Url("/broken.json");
  h.acs.Queue(d);
  h.Kick();
  tc = TransferCompleteFor(h.acs, "svc-broken");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(tc->fault.fault_code, 9018u);
  BOOST_CHECK(!tc->fault.fault_string.empty());
  BOOST_CHECK(h.acs.Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::cwmp

namespace edgecwmp::cwmp {
namespace {

Download ServiceDownload(const std::string& key, const std::string& url) {
  Download d;
  d.command_key = key;
  d.file_type = kServiceFileType;
  d.url = url;
  return d;
}

// By default a service definition comes over https only, and what it runs must be allowed:
// plain http fails with 9013 before anything is fetched (Download and ChangeDUState alike), a
// command the operator did not allow with 9001, and an allowed one over https installs.
BOOST_AUTO_TEST_CASE(service_definitions_need_https_and_an_allowed_command) {
  testing::TempDir pki_dir("edgecwmp-du-pki");
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.path(), &pki, &error), error);
  Harness h({{"acs.ca_file", pki.ca_cert}, {"edgex.allow_http_definitions", "false"}});
  testing::FileServer tls("", "", pki.server_cert, pki.server_key);
  BOOST_REQUIRE(tls.Start());
  const std::string sleeper = Definition("1.0", "404");
  const std::string shell =
      "{\"name\": \"app-shell\", \"command\": [\"/bin/sh\", \"-c\", \"sleep 405\"], "
      "\"autostart\": true}";
  h.files.Put("/rules.json", sleeper);
  tls.Put("/rules.json", sleeper);
  tls.Put("/shell.json", shell);

  h.acs.Queue(ServiceDownload("plain", h.files.Url("/rules.json")));
  h.Kick();
  auto tc = TransferCompleteFor(h.acs, "plain");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(tc->fault.fault_code, 9013u);
  auto plain =
      h.Change("plain-du", {InstallOpStruct{h.files.Url("/rules.json"), kUuid, "", "", ""}});
  BOOST_REQUIRE_MESSAGE(plain, "no DUStateChangeComplete; agent log:\n" << h.agent->Log());
  BOOST_REQUIRE_EQUAL(plain->second.results.size(), 1u);
  BOOST_CHECK_EQUAL(plain->second.results[0].fault.fault_code, 9013u);
  BOOST_CHECK_EQUAL(h.files.gets(), 0);  // refused before fetching

  h.acs.Queue(ServiceDownload("shell", tls.Url("/shell.json")));
  h.Kick();
  tc = TransferCompleteFor(h.acs, "shell");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(tc->fault.fault_code, 9001u);
  BOOST_CHECK_MESSAGE(tc->fault.fault_string.find("allowed_commands") != std::string::npos,
                      tc->fault.fault_string);
  auto shell_du =
      h.Change("shell-du", {InstallOpStruct{tls.Url("/shell.json"), kUuid, "", "", ""}});
  BOOST_REQUIRE_MESSAGE(shell_du, "no DUStateChangeComplete; agent log:\n" << h.agent->Log());
  BOOST_REQUIRE_EQUAL(shell_du->second.results.size(), 1u);
  BOOST_CHECK_EQUAL(shell_du->second.results[0].fault.fault_code, 9001u);
  BOOST_CHECK(h.agent->Log().find("refused service definition app-shell") != std::string::npos);

  h.acs.Queue(ServiceDownload("tls", tls.Url("/rules.json")));
  h.Kick();
  tc = TransferCompleteFor(h.acs, "tls");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_MESSAGE(tc->fault.fault_code == 0u, tc->fault.fault_string << "\n" << h.agent->Log());
  auto v = h.Values({"Device.SoftwareModules.ExecutionUnitNumberOfEntries"});
  BOOST_CHECK_EQUAL(v["Device.SoftwareModules.ExecutionUnitNumberOfEntries"], "2");  // + app-rules
  BOOST_CHECK(h.acs.Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::cwmp
