// SPDX-License-Identifier: GPL-2.0-or-later
// Autonomous transfers and DU changes end to end: the real cwmpd, the real cwmpctl asking it for
// a transfer or a DU change of the device's own, a loopback file server, and the test ACS — either
// as GenieACS 1.2.16 (AutonomousTransferComplete refused with its malformed 8000, recording 101)
// or as an ACS supporting TR-069 A.3.3.2 / A.4.2.2. What is asserted: the report arrives once, with
// "10 AUTONOMOUS TRANSFER COMPLETE" / "12 AUTONOMOUS DU STATE CHANGE COMPLETE", XSD-valid; the
// ACS's policy decides whether it is sent at all; a fault drops it; kill -9 loses nothing.
#define BOOST_TEST_MODULE autonomous_e2e_tests
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tests/e2e/e2e_support.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"

namespace edgecwmp::cwmp {
namespace {

using acs::SessionRecord;
using e2e::kWait;

constexpr const char* kAtcEvent = "10 AUTONOMOUS TRANSFER COMPLETE";
constexpr const char* kAduEvent = "12 AUTONOMOUS DU STATE CHANGE COMPLETE";
constexpr const char* kConfigType = "3 Vendor Configuration File";
constexpr const char* kUuid = "0b3c4d5e-6f70-4a81-9b2c-3d4e5f607182";

using e2e::CtlResult;
using e2e::Cwmpctl;

template <typename T>
std::vector<std::string> RequestXml(const std::vector<SessionRecord>& sessions) {
  std::vector<std::string> out;
  for (const auto& s : sessions) {
    for (const auto& r : s.cpe_requests) {
      if (r.request && std::holds_alternative<T>(*r.request)) out.push_back(r.xml);
    }
  }
  return out;
}

// Waits until the ACS has received |n| requests of type T in ended sessions.
template <typename T>
std::vector<std::pair<int, T>> WaitForRequests(acs::TestAcs& acs, size_t n) {
  acs.WaitUntil(
      [n](const std::vector<SessionRecord>& sessions) {
        size_t ended = 0;
        for (const auto& [number, r] : acs::CpeRequestsOf<T>(sessions)) {
          ended += sessions[static_cast<size_t>(number) - 1].end != acs::SessionEnd::kRunning;
        }
        return ended >= n;
      },
      kWait);
  return acs::CpeRequestsOf<T>(acs.Sessions());
}

struct Harness : e2e::AgentFixture {
  explicit Harness(bool acs_accepts, std::map<std::string, std::string> extra = {})
      : e2e::AgentFixture(AcsOptions(acs_accepts), Settings(std::move(extra))) {
    BOOST_REQUIRE(files.Start());
    StartAgent();
    RequireSessions(1);
  }
  static acs::TestAcsOptions AcsOptions(bool accepts) {
    acs::TestAcsOptions o;
    o.accept_autonomous = accepts;
    return o;
  }
  static e2e::AgentSettings Settings(std::map<std::string, std::string> extra) {
    e2e::AgentSettings s;
    s.extra = std::move(extra);
    s.extra.emplace("inform.periodic_enable", "false");
    s.extra.emplace("transfers.allow_plain_http_upload", "true");  // the file server is http
    return s;
  }
  CtlResult Ctl(const std::vector<std::string>& args) {
    return Cwmpctl(agent->config_file(), args);
  }
  // A connection request, retried while the agent is busy (503) or rate-limits.
  void Kick() {
    auto r = acs::SendAcceptedConnectionRequest(agent->cr_url(), agent->settings().cr_username,
                                                agent->settings().cr_password);
    BOOST_REQUIRE_MESSAGE(r.success, "connection request failed: " << r.error);
  }
  // Kicks a session and waits for it to end; returns it.
  SessionRecord KickedSession() {
    const size_t before = acs.EndedSessionCount();
    Kick();
    RequireSessions(before + 1);
    auto s = acs.Session(static_cast<int>(acs.SessionCount()));
    BOOST_REQUIRE(s);
    return *s;
  }

  testing::FileServer files;
};

void CheckXsdValid(const std::vector<std::string>& envelopes) {
  size_t validated = 0;
  const std::string problems = e2e::ValidateWithXsd(envelopes, &validated);
  BOOST_CHECK_MESSAGE(problems.empty(), problems);
  BOOST_CHECK_EQUAL(validated, envelopes.size());
}

BOOST_AUTO_TEST_CASE(autonomous_transfers_are_reported_once_to_an_acs_that_supports_them) {
  Harness h(true, {{"inform.autonomous_transfer_complete", "true"}});
  const std::string config = "# site configuration\nkey=value\n";
  h.files.Put("/site.cfg", config);

  CtlResult ctl = h.Ctl({"download", h.files.Url("/site.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  BOOST_CHECK(ctl.output.find("taken by cwmpd") != std::string::npos);
  auto reports = WaitForRequests<AutonomousTransferComplete>(h.acs, 1);
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  const AutonomousTransferComplete& atc = reports[0].second;
  BOOST_CHECK_EQUAL(atc.transfer_url, h.files.Url("/site.cfg"));
  BOOST_CHECK(atc.is_download);
  BOOST_CHECK_EQUAL(atc.file_type, kConfigType);
  BOOST_CHECK_EQUAL(atc.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(atc.announce_url, "");
  BOOST_CHECK_NE(atc.start_time, kUnknownTime);
  BOOST_CHECK_NE(atc.complete_time, kUnknownTime);
  BOOST_CHECK_EQUAL(h.files.gets(), 1);
  auto session = h.acs.Session(reports[0].first);
  BOOST_REQUIRE(session);
  BOOST_CHECK(session->HasEvent(kAtcEvent));
  BOOST_CHECK(!session->HasEvent("7 TRANSFER COMPLETE"));  // not an ACS-requested transfer

  // A failed one is reported too (ResultTypeFilter Both), with its fault.
  ctl = h.Ctl({"download", h.files.Url("/missing.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  reports = WaitForRequests<AutonomousTransferComplete>(h.acs, 2);
  BOOST_REQUIRE_EQUAL(reports.size(), 2u);
  BOOST_CHECK_EQUAL(reports[1].second.transfer_url, h.files.Url("/missing.cfg"));
  BOOST_CHECK_NE(reports[1].second.fault.fault_code, 0u);
  BOOST_CHECK(!reports[1].second.fault.fault_string.empty());

  // An upload: the agent's configuration goes to the file server; IsDownload false.
  ctl = h.Ctl({"upload", h.files.Url("/backup.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  reports = WaitForRequests<AutonomousTransferComplete>(h.acs, 3);
  BOOST_REQUIRE_EQUAL(reports.size(), 3u);
  BOOST_CHECK(!reports[2].second.is_download);
  BOOST_CHECK_EQUAL(reports[2].second.fault.fault_code, 0u);
  BOOST_CHECK(!h.files.Uploaded("/backup.cfg").empty());

  // Each went once: the next session carries neither the event nor a report.
  SessionRecord next = h.KickedSession();
  BOOST_CHECK(!next.HasEvent(kAtcEvent));
  BOOST_CHECK(next.cpe_requests.empty());
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<AutonomousTransferComplete>(h.acs.Sessions()).size(), 3u);
  CheckXsdValid(RequestXml<AutonomousTransferComplete>(h.acs.Sessions()));
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(genieacs_does_not_list_the_method_and_never_gets_the_report) {
  // GenieACS 1.2 lists Inform, GetRPCMethods and TransferComplete: the policy wants the report,
  // the ACS's list rules it out, so it is dropped without ever being sent (before, it went and
  // GenieACS answered 8000).
  Harness h(false, {{"inform.autonomous_transfer_complete", "true"}});
  h.files.Put("/site.cfg", "a=1\n");
  CtlResult ctl = h.Ctl({"download", h.files.Url("/site.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  BOOST_CHECK(
      h.agent->WaitForLog("not reported (the ACS does not list it in GetRPCMethods)", kWait));
  BOOST_CHECK_EQUAL(h.files.gets(), 1);

  // Dropped, not retried: neither in the next session nor after a restart, which does not ask
  // the same ACS URL again.
  SessionRecord next = h.KickedSession();
  BOOST_CHECK(!next.HasEvent(kAtcEvent));
  h.StopAgent();
  const size_t ended = h.acs.EndedSessionCount();
  h.StartAgent();
  h.RequireSessions(ended + 1);
  auto boot = h.acs.Session(static_cast<int>(h.acs.SessionCount()));
  BOOST_REQUIRE(boot);
  BOOST_CHECK(boot->HasEvent("1 BOOT"));
  BOOST_CHECK(!boot->HasEvent(kAtcEvent));
  BOOST_CHECK(acs::CpeRequestsOf<AutonomousTransferComplete>(h.acs.Sessions()).empty());
  auto asked = acs::CpeRequestsOf<GetRPCMethods>(h.acs.Sessions());
  BOOST_REQUIRE_EQUAL(asked.size(), 1u);
  BOOST_CHECK_EQUAL(asked[0].first, 1);  // in the first session
  // The exchange is what GenieACS expects: nothing it does not list was sent.
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(the_acs_is_asked_once_per_url) {
  Harness h(true, {{"inform.autonomous_transfer_complete", "true"}});
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<GetRPCMethods>(h.acs.Sessions()).size(), 1u);
  h.KickedSession();
  h.StopAgent();
  size_t ended = h.acs.EndedSessionCount();
  h.StartAgent();
  h.RequireSessions(ended + 1);
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<GetRPCMethods>(h.acs.Sessions()).size(), 1u);

  // A new ManagementServer.URL (0 BOOTSTRAP) is a new ACS: asked again, once.
  SetParameterValues spv;
  spv.parameter_list = {{"Device.ManagementServer.URL", h.acs.url() + "second/", "xsd:string"}};
  h.acs.Queue(spv);
  h.KickedSession();
  BOOST_REQUIRE(h.acs.WaitUntil(
      [](const std::vector<SessionRecord>& sessions) {
        return acs::CpeRequestsOf<GetRPCMethods>(sessions).size() == 2u;
      },
      kWait));
  h.KickedSession();
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<GetRPCMethods>(h.acs.Sessions()).size(), 2u);
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(the_acs_policy_decides_whether_a_transfer_is_reported) {
  Harness h(true);  // the policy's factory default: off
  h.files.Put("/site.cfg", "a=1\n");
  CtlResult ctl = h.Ctl({"download", h.files.Url("/site.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  BOOST_CHECK(testing::WaitUntil([&] { return h.files.gets() == 1; }));
  BOOST_CHECK(h.agent->WaitForLog("not reported (AutonomousTransferCompletePolicy)", kWait));
  SessionRecord next = h.KickedSession();
  BOOST_CHECK(!next.HasEvent(kAtcEvent));
  BOOST_CHECK(acs::CpeRequestsOf<AutonomousTransferComplete>(h.acs.Sessions()).empty());

  // The ACS turns reporting on for uploads only: a download stays silent, an upload is reported.
  SetParameterValues spv;
  const std::string p = "Device.ManagementServer.AutonomousTransferCompletePolicy.";
  spv.parameter_list = {{p + "Enable", "true", "xsd:boolean"},
                        {p + "TransferTypeFilter", "Upload", "xsd:string"}};
  h.acs.Queue(spv);
  h.KickedSession();
  ctl = h.Ctl({"download", h.files.Url("/site.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  BOOST_CHECK(testing::WaitUntil([&] { return h.files.gets() == 2; }));
  ctl = h.Ctl({"upload", h.files.Url("/backup.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  auto reports = WaitForRequests<AutonomousTransferComplete>(h.acs, 1);
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  BOOST_CHECK(!reports[0].second.is_download);
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(cwmpctl_reports_a_rejected_request_and_queues_while_cwmpd_is_down) {
  Harness h(true, {{"inform.autonomous_transfer_complete", "true"}});
  CtlResult ctl = h.Ctl({"download", "ftp://127.0.0.1/fw.bin", "1 Firmware Upgrade Image"});
  BOOST_CHECK_EQUAL(ctl.status, 1);
  BOOST_CHECK_MESSAGE(ctl.output.find("9013") != std::string::npos, ctl.output);
  ctl = h.Ctl({"download", h.files.Url("/x"), "7 Not A File Type"});
  BOOST_CHECK_EQUAL(ctl.status, 1);
  BOOST_CHECK_MESSAGE(ctl.output.find("9010") != std::string::npos, ctl.output);
  ctl = h.Ctl({"install"});
  BOOST_CHECK_EQUAL(ctl.status, 2);  // usage

  // cwmpd stopped: the request waits in the state directory and runs at the next start.
  h.StopAgent();
  h.files.Put("/site.cfg", "b=2\n");
  ctl = h.Ctl({"--wait", "1", "download", h.files.Url("/site.cfg"), kConfigType});
  BOOST_CHECK_EQUAL(ctl.status, 3);
  h.StartAgent();
  auto reports = WaitForRequests<AutonomousTransferComplete>(h.acs, 1);
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  BOOST_CHECK_EQUAL(reports[0].second.fault.fault_code, 0u);
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(a_report_survives_kill_9_while_the_acs_is_unreachable) {
  // The ACS is not listening yet: every session fails until it is started on its port.
  acs::TestAcsOptions options;
  options.accept_autonomous = true;
  options.port = e2e::FreeLoopbackPort();
  acs::TestAcs acs(options);
  testing::TempDir dir("edgecwmp-autonomous-kill");
  testing::FileServer files;
  BOOST_REQUIRE(files.Start());
  files.Put("/site.cfg", "c=3\n");
  e2e::AgentSettings settings;
  settings.acs_url = "http://127.0.0.1:" + std::to_string(options.port) + "/";
  settings.extra["inform.periodic_enable"] = "false";
  settings.extra["inform.autonomous_transfer_complete"] = "true";
  e2e::AgentProcess agent(dir.path(), settings);
  BOOST_REQUIRE(agent.Start());
  CtlResult ctl = Cwmpctl(agent.config_file(), {"download", files.Url("/site.cfg"), kConfigType});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  BOOST_REQUIRE_MESSAGE(agent.WaitForLog("finished: success", kWait), agent.Log());
  agent.Kill();

  BOOST_REQUIRE(acs.Start().ok());
  BOOST_REQUIRE(agent.Start());
  auto reports = WaitForRequests<AutonomousTransferComplete>(acs, 1);
  BOOST_REQUIRE_MESSAGE(reports.size() == 1u, agent.Log());
  BOOST_CHECK_EQUAL(reports[0].second.transfer_url, files.Url("/site.cfg"));
  auto session = acs.Session(reports[0].first);
  BOOST_REQUIRE(session);
  BOOST_CHECK(session->HasEvent(kAtcEvent));
  // The boot session learnt the ACS's methods (GetRPCMethods); the report follows it.
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<GetRPCMethods>(acs.Sessions()).size(), 1u);
  BOOST_CHECK_EQUAL(files.gets(), 1);  // reported, not downloaded again
  agent.Kill();
}

// DU changes on the device's own initiative, with the process supervisor running real services.
std::map<std::string, std::string> DuSettings(const testing::TempDir& dir) {
  const std::string services = dir.File("services.json");
  testing::WriteFile(services,
                     "{\"services\": [{\"name\": \"core-data\", \"command\": [\"sleep\", "
                     "\"900\"], \"autostart\": true}]}");
  return {{"inform.autonomous_du_state_change_complete", "true"},
          {"edgex.executor", "process"},
          {"edgex.services_file", services},
          {"edgex.registry", "none"},
          {"edgex.allowed_commands", "/bin/sleep"},
          {"edgex.allow_http_definitions", "true"}};
}

BOOST_AUTO_TEST_CASE(autonomous_du_changes_are_reported_with_the_operation_performed) {
  testing::TempDir services_dir("edgecwmp-autonomous-du");
  Harness h(true, DuSettings(services_dir));
  h.files.Put("/rules.json",
              "{\"name\": \"app-rules\", \"version\": \"1.0\", \"command\": [\"sleep\", \"903\"],"
              " \"autostart\": true, \"stop_timeout_ms\": 2000}");

  CtlResult ctl = h.Ctl({"install", h.files.Url("/rules.json"), "--uuid", kUuid});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  auto reports = WaitForRequests<AutonomousDUStateChangeComplete>(h.acs, 1);
  BOOST_REQUIRE_EQUAL(reports.size(), 1u);
  BOOST_REQUIRE_EQUAL(reports[0].second.results.size(), 1u);
  const AutonomousOpResultStruct& installed = reports[0].second.results[0];
  BOOST_CHECK_EQUAL(installed.operation_performed, "Install");
  BOOST_CHECK_EQUAL(installed.uuid, kUuid);
  BOOST_CHECK_EQUAL(installed.current_state, "Installed");
  BOOST_CHECK_EQUAL(installed.version, "1.0");
  BOOST_CHECK_EQUAL(installed.fault.fault_code, 0u);
  BOOST_CHECK(installed.deployment_unit_ref.rfind("Device.SoftwareModules.DeploymentUnit.", 0) ==
              0);
  BOOST_CHECK(installed.execution_unit_ref_list.rfind("Device.SoftwareModules.ExecutionUnit.", 0) ==
              0);
  auto session = h.acs.Session(reports[0].first);
  BOOST_REQUIRE(session);
  BOOST_CHECK(session->HasEvent(kAduEvent));
  BOOST_CHECK(!session->HasEvent("11 DU STATE CHANGE COMPLETE"));

  // An unknown DU: a failure reported with 9028 (in the default FaultCodeFilter).
  ctl = h.Ctl({"uninstall", "00000000-1111-4222-8333-444444444444"});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  reports = WaitForRequests<AutonomousDUStateChangeComplete>(h.acs, 2);
  BOOST_REQUIRE_EQUAL(reports.size(), 2u);
  BOOST_REQUIRE_EQUAL(reports[1].second.results.size(), 1u);
  BOOST_CHECK_EQUAL(reports[1].second.results[0].operation_performed, "Uninstall");
  BOOST_CHECK_EQUAL(reports[1].second.results[0].fault.fault_code, 9028u);

  ctl = h.Ctl({"uninstall", kUuid});
  BOOST_CHECK_MESSAGE(ctl.status == 0, ctl.output);
  reports = WaitForRequests<AutonomousDUStateChangeComplete>(h.acs, 3);
  BOOST_REQUIRE_EQUAL(reports.size(), 3u);
  BOOST_REQUIRE_EQUAL(reports[2].second.results.size(), 1u);
  BOOST_CHECK_EQUAL(reports[2].second.results[0].operation_performed, "Uninstall");
  BOOST_CHECK_EQUAL(reports[2].second.results[0].current_state, "Uninstalled");
  BOOST_CHECK_EQUAL(reports[2].second.results[0].fault.fault_code, 0u);

  // A service installed by the ACS's Download (no ChangeDUState) is an autonomous DU change too.
  Download d;
  d.command_key = "svc-1";
  d.file_type = "X 02EDC0 EdgeX Service Definition";
  d.url = h.files.Url("/rules.json");
  h.acs.Queue(d);
  h.Kick();
  reports = WaitForRequests<AutonomousDUStateChangeComplete>(h.acs, 4);
  BOOST_REQUIRE_EQUAL(reports.size(), 4u);
  BOOST_REQUIRE_EQUAL(reports[3].second.results.size(), 1u);
  BOOST_CHECK_EQUAL(reports[3].second.results[0].operation_performed, "Install");
  BOOST_CHECK_EQUAL(reports[3].second.results[0].current_state, "Installed");
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<TransferComplete>(h.acs.Sessions()).size(), 1u);

  SessionRecord next = h.KickedSession();
  BOOST_CHECK(!next.HasEvent(kAduEvent));
  BOOST_CHECK_EQUAL(acs::CpeRequestsOf<AutonomousDUStateChangeComplete>(h.acs.Sessions()).size(),
                    4u);
  CheckXsdValid(RequestXml<AutonomousDUStateChangeComplete>(h.acs.Sessions()));
  BOOST_CHECK(h.acs.Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::cwmp
