// SPDX-License-Identifier: GPL-2.0-or-later
// End-to-end: the real cwmpd daemon (a child process) against the test ACS over loopback.
// This file: boot and version fallback, every RPC, notifications, a new ACS URL;
// e2e_resilience.cc: connection requests, kill -9, ACS errors, TLS; e2e_xsd.cc (linked last, so
// its case runs last): XSD validity of every envelope the agent sent in all of them.
#define BOOST_TEST_MODULE e2e_session_tests
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <future>
#include <memory>
#include <thread>

#include "tests/e2e/e2e_checks.h"
#include "tests/support/test_pki.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT

// 1. Boot: 0 BOOTSTRAP + 1 BOOT, DeviceId, forced parameters, RetryCount 0; cwmp-1-4 refused
//    once and the fallback remembered across a restart, which brings 1 BOOT only.
BOOST_AUTO_TEST_CASE(boot_inform_version_fallback_and_restart) {
  AgentFixture f;
  f.StartAgent();
  f.RequireSessions(1);
  SessionRecord s = *f.acs.Session(1);
  BOOST_TEST(s.HasEvent("0 BOOTSTRAP"));
  BOOST_TEST(s.HasEvent("1 BOOT"));
  BOOST_TEST(acs::SessionEndName(s.end) == "completed");
  BOOST_TEST(s.cwmp_namespace == "urn:dslforum-org:cwmp-1-3");
  BOOST_REQUIRE(s.inform);
  BOOST_TEST(s.inform->device_id.oui == "00D0B7");
  BOOST_TEST(s.inform->device_id.product_class == "EdgeGW");
  BOOST_TEST(s.inform->device_id.serial_number == "E2E0001");
  BOOST_TEST(!s.inform->device_id.manufacturer.empty());
  BOOST_TEST(s.inform->retry_count == 0u);
  BOOST_TEST(s.inform->max_envelopes == 1u);
  const auto forced = acs::DefaultForcedInformParameters();
  BOOST_TEST(forced.size() == 7u);
  std::map<std::string, std::string> listed;
  for (const auto& p : s.inform->parameter_list) listed[p.name] = p.value;
  for (const auto& name : forced) BOOST_TEST(listed.count(name) == 1u, name);
  BOOST_TEST(listed["Device.ManagementServer.ConnectionRequestURL"] == f.agent->cr_url());
  BOOST_TEST(f.acs.RejectedVersionCount() == 1u);
  RequireNoViolations(f.acs);

  f.StopAgent();
  f.StartAgent();
  f.RequireSessions(2);
  s = *f.acs.Session(2);
  BOOST_TEST(s.HasEvent("1 BOOT"));
  BOOST_TEST(!s.HasEvent("0 BOOTSTRAP"));
  BOOST_TEST(s.cwmp_namespace == "urn:dslforum-org:cwmp-1-3");
  BOOST_TEST(f.acs.RejectedVersionCount() == 1u);  // the fallback was remembered
  BOOST_TEST(acs::SessionEndName(s.end) == "completed");
  RequireNoViolations(f.acs);
  // SIGHUP re-reads the configuration; the daemon keeps running.
  ::kill(f.agent->pid(), SIGHUP);
  BOOST_TEST(f.agent->WaitForLog("configuration reloaded", kWait));
  BOOST_TEST(f.agent->Running());
  f.StopAgent();
}

// 2. Every RPC through the agent.
BOOST_AUTO_TEST_CASE(every_rpc_through_the_daemon) {
  AgentFixture f;
  // Session 1 (boot): the parameter and object RPCs, a raw unknown method and a bad request.
  acs::SessionScript one = {
      cwmp::GetRPCMethods{},                                         // 0
      cwmp::GetParameterNames{"", false},                            // 1
      cwmp::GetParameterNames{"", true},                             // 2
      cwmp::GetParameterNames{"Device.ManagementServer.", true},     // 3
      cwmp::GetParameterNames{"Device.NoSuchObject.", false},        // 4
      cwmp::GetParameterNames{"Device.ManagementServer.URL", true},  // 5
      cwmp::GetParameterValues{{"Device.ManagementServer.URL", "Device.DeviceInfo.",
                                "Device.ManagementServer.ConnectionRequestPassword",
                                "Device.ManagementServer.ConnectionRequestUsername"}},        // 6
      cwmp::GetParameterValues{{"Device.NoSuchParameter"}},                                   // 7
      Spv({{kTz, "CET-1", "xsd:string"}, {kProvisioning, "prov-1", "xsd:string"}}, "key-1"),  // 8
      cwmp::GetParameterValues{{kTz, kProvisioning, kKey}},                                   // 9
      Spv({{kTz, "ZZZ", "xsd:string"},
           {"Device.ManagementServer.PeriodicInformInterval", "true", "xsd:boolean"},
           {"Device.ManagementServer.InstanceMode", "Bogus", "xsd:string"},
           {"Device.DeviceInfo.Manufacturer", "Evil", "xsd:string"}},
          "key-bad"),                                                                    // 10
      cwmp::GetParameterValues{{kTz, kKey}},                                             // 11
      cwmp::SetParameterAttributes{{{"Device.DeviceInfo.UpTime", true, 2, false, {}}}},  // 12
      cwmp::SetParameterAttributes{{{kTz, true, 1, false, {}}}},                         // 13
      cwmp::GetParameterAttributes{{kTz}},                                               // 14
      cwmp::AddObject{kInformParameter, "add-1"},                                        // 15
      cwmp::AddObject{kInformParameter, "add-2"},                                        // 16
      acs::RequestGenerator([](const SessionRecord& s) -> std::optional<cwmp::AcsRequest> {
        const auto* r = As<cwmp::AddObjectResponse>(s.exchanges.back());
        if (!r) return std::nullopt;
        return cwmp::DeleteObject{
            std::string(kInformParameter) + std::to_string(r->instance_number) + ".", "del-1"};
      }),                                                              // 17
      cwmp::AddObject{kInformParameter, "add-3"},                      // 18
      cwmp::GetParameterNames{kInformParameter, true},                 // 19
      cwmp::DeleteObject{std::string(kInformParameter) + "999.", ""},  // 20
      acs::RawRequest{
          "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
          "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-3\"><soap-env:Header><cwmp:ID "
          "soap-env:mustUnderstand=\"1\">raw-unknown-1</cwmp:ID></soap-env:Header>"
          "<soap-env:Body><cwmp:FrobnicateDevice><Level>11</Level></cwmp:FrobnicateDevice>"
          "</soap-env:Body></soap-env:Envelope>"},  // 21
      acs::RawRequest{
          "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
          "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-3\"><soap-env:Header><cwmp:ID "
          "soap-env:mustUnderstand=\"1\">raw-bad-2</cwmp:ID></soap-env:Header>"
          "<soap-env:Body><cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath>"
          "<NextLevel>perhaps</NextLevel></cwmp:GetParameterNames>"
          "</soap-env:Body></soap-env:Envelope>"},  // 22
      cwmp::ScheduleInform{1, "sched-1"},           // 23
  };
  f.acs.QueueSession(one);
  f.StartAgent();
  f.RequireSessions(1);
  SessionRecord s = *f.acs.Session(1);
  BOOST_REQUIRE_EQUAL(s.exchanges.size(), one.size());
  for (const auto& e : s.exchanges) BOOST_TEST(e.answered, e.id);
  const auto& x = s.exchanges;

  const auto* methods = As<cwmp::GetRPCMethodsResponse>(x[0]);
  BOOST_REQUIRE(methods);
  for (const char* m : {"GetRPCMethods", "GetParameterNames", "GetParameterValues",
                        "SetParameterValues", "GetParameterAttributes", "SetParameterAttributes",
                        "AddObject", "DeleteObject", "Reboot", "FactoryReset", "ScheduleInform"})
    BOOST_TEST((std::find(methods->method_list.begin(), methods->method_list.end(), m) !=
                methods->method_list.end()),
               m);

  auto all = Names(x[1]);
  BOOST_TEST(all.count("Device.") == 1u);
  BOOST_TEST(all.count("Device.ManagementServer.URL") == 1u);
  BOOST_TEST(all["Device.ManagementServer.URL"] == true);
  BOOST_TEST(all["Device.DeviceInfo.SerialNumber"] == false);
  auto top = Names(x[2]);
  BOOST_TEST(top.size() == 1u);
  BOOST_TEST(top.count("Device.") == 1u);
  auto ms = Names(x[3]);
  BOOST_TEST(ms.count("Device.ManagementServer.URL") == 1u);
  BOOST_TEST(ms.count("Device.ManagementServer.HeartbeatPolicy.") == 1u);
  BOOST_TEST(ms.count("Device.ManagementServer.HeartbeatPolicy.Enable") == 0u);
  BOOST_TEST(FaultCode(x[4]) == 9005u);
  BOOST_TEST(FaultCode(x[5]) == 9003u);

  auto values = Values(x[6]);
  BOOST_TEST(values["Device.ManagementServer.URL"] == f.acs.url());
  BOOST_TEST(values["Device.DeviceInfo.SerialNumber"] == "E2E0001");
  BOOST_TEST(values.count("Device.ManagementServer.ConnectionRequestPassword") == 1u);
  BOOST_TEST(values["Device.ManagementServer.ConnectionRequestPassword"] == "");  // secret
  BOOST_TEST(values["Device.ManagementServer.ConnectionRequestUsername"] == "cr-user");
  BOOST_TEST(FaultCode(x[7]) == 9005u);

  const auto* set = As<cwmp::SetParameterValuesResponse>(x[8]);
  BOOST_REQUIRE(set);
  BOOST_TEST((set->status == 0 || set->status == 1));
  values = Values(x[9]);
  BOOST_TEST(values[kTz] == "CET-1");
  BOOST_TEST(values[kProvisioning] == "prov-1");
  BOOST_TEST(values[kKey] == "key-1");

  const auto* bad = As<cwmp::Fault>(x[10]);
  BOOST_REQUIRE(bad);
  BOOST_TEST(bad->fault_code == 9003u);
  std::map<std::string, uint32_t> per_parameter;
  for (const auto& p : bad->set_parameter_values_faults)
    per_parameter[p.parameter_name] = p.fault_code;
  BOOST_TEST(per_parameter["Device.ManagementServer.PeriodicInformInterval"] == 9006u);
  BOOST_TEST(per_parameter["Device.ManagementServer.InstanceMode"] == 9007u);
  BOOST_TEST(per_parameter["Device.DeviceInfo.Manufacturer"] == 9008u);
  BOOST_TEST(per_parameter.count(kTz) == 0u);
  values = Values(x[11]);
  BOOST_TEST(values[kTz] == "CET-1");  // nothing applied
  BOOST_TEST(values[kKey] == "key-1");

  BOOST_TEST(FaultCode(x[12]) == 9009u);
  BOOST_TEST(As<cwmp::SetParameterAttributesResponse>(x[13]) != nullptr);
  const auto* attrs = As<cwmp::GetParameterAttributesResponse>(x[14]);
  BOOST_REQUIRE(attrs);
  BOOST_REQUIRE_EQUAL(attrs->parameter_list.size(), 1u);
  BOOST_TEST(attrs->parameter_list[0].notification == 1);

  const auto* a1 = As<cwmp::AddObjectResponse>(x[15]);
  const auto* a2 = As<cwmp::AddObjectResponse>(x[16]);
  const auto* d2 = As<cwmp::DeleteObjectResponse>(x[17]);
  const auto* a3 = As<cwmp::AddObjectResponse>(x[18]);
  BOOST_REQUIRE(a1);
  BOOST_REQUIRE(a2);
  BOOST_REQUIRE(d2);
  BOOST_REQUIRE(a3);
  BOOST_TEST(a2->instance_number != a1->instance_number);
  BOOST_TEST(a3->instance_number != a2->instance_number);  // not reused after the delete
  BOOST_TEST(a3->instance_number != a1->instance_number);
  auto rows = Names(x[19]);
  const std::string row = kInformParameter;
  BOOST_TEST(rows.count(row + std::to_string(a1->instance_number) + ".") == 1u);
  BOOST_TEST(rows.count(row + std::to_string(a2->instance_number) + ".") == 0u);
  BOOST_TEST(rows.count(row + std::to_string(a3->instance_number) + ".") == 1u);
  BOOST_TEST(FaultCode(x[20]) == 9005u);

  BOOST_TEST(x[21].response_method == "Fault");
  BOOST_TEST(FaultCode(x[21]) == 9000u);
  BOOST_TEST(x[21].response_xml.find(">raw-unknown-1<") != std::string::npos);
  BOOST_TEST(x[22].response_method == "Fault");
  BOOST_TEST((FaultCode(x[22]) == 9003u || FaultCode(x[22]) == 9000u));
  BOOST_TEST(x[22].response_xml.find(">raw-bad-2<") != std::string::npos);
  BOOST_TEST(As<cwmp::ScheduleInformResponse>(x[23]) != nullptr);

  // ScheduleInform → 3 SCHEDULED + M ScheduleInform; that session reboots the agent.
  f.acs.QueueSession({cwmp::Reboot{"rb-1"}});
  SessionRecord sched = WaitForSession(
      f.acs, [](const SessionRecord& r) { return HasEvent(r, "M ScheduleInform", "sched-1"); },
      "M ScheduleInform sched-1");
  BOOST_TEST(sched.HasEvent("3 SCHEDULED"));
  BOOST_REQUIRE_EQUAL(sched.exchanges.size(), 1u);
  BOOST_TEST(As<cwmp::RebootResponse>(sched.exchanges[0]) != nullptr);

  // Reboot: the daemon re-executes itself; 1 BOOT + M Reboot rb-1; the values survived.
  f.acs.QueueSession({cwmp::GetParameterValues{{kTz, kProvisioning, kKey}}, cwmp::FactoryReset{}});
  SessionRecord rebooted = WaitForSession(
      f.acs, [](const SessionRecord& r) { return HasEvent(r, "M Reboot", "rb-1"); }, "M Reboot");
  BOOST_TEST(rebooted.HasEvent("1 BOOT"));
  BOOST_TEST(!rebooted.HasEvent("0 BOOTSTRAP"));
  BOOST_REQUIRE_EQUAL(rebooted.exchanges.size(), 2u);
  values = Values(rebooted.exchanges[0]);
  BOOST_TEST(values[kTz] == "CET-1");
  BOOST_TEST(values[kKey] == "add-3");  // AddObject/DeleteObject set it too (A.3.2.6)
  BOOST_TEST(As<cwmp::FactoryResetResponse>(rebooted.exchanges[1]) != nullptr);

  // FactoryReset: 0 BOOTSTRAP and the defaults are back.
  f.acs.QueueSession({cwmp::GetParameterValues{{kTz, kProvisioning, kKey}},
                      cwmp::GetParameterNames{kInformParameter, true}});
  SessionRecord reset = WaitForSession(
      f.acs,
      [&](const SessionRecord& r) {
        return r.number > rebooted.number && r.HasEvent("0 BOOTSTRAP");
      },
      "0 BOOTSTRAP after FactoryReset");
  BOOST_TEST(reset.HasEvent("1 BOOT"));
  BOOST_REQUIRE_EQUAL(reset.exchanges.size(), 2u);
  values = Values(reset.exchanges[0]);
  BOOST_TEST(values[kTz] == "");
  BOOST_TEST(values[kProvisioning] == "");
  BOOST_TEST(values[kKey] == "");
  rows = Names(reset.exchanges[1]);
  BOOST_TEST(rows.count(row + std::to_string(a1->instance_number) + ".") == 0u);
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// Notifications (TR-069 3.2.1): a passive one (UpTime, canDeny allows 1) rides the next Inform
// with 4 VALUE CHANGE; an active one (ProcessNumberOfEntries; the test starts processes to change
// it) starts a session by itself.
BOOST_AUTO_TEST_CASE(passive_and_active_value_change_notification) {
  const std::string uptime = "Device.DeviceInfo.UpTime";
  const std::string processes = "Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries";
  AgentFixture f;
  f.acs.QueueSession({cwmp::SetParameterAttributes{{{uptime, true, 1, false, {}}}}});
  f.StartAgent();
  f.RequireSessions(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // UpTime moves meanwhile
  BOOST_TEST(f.acs.SessionCount() == 1u);                        // passive: no session of its own
  BOOST_TEST(AcceptedConnectionRequest(*f.agent));
  SessionRecord cr = WaitForSession(
      f.acs, [](const SessionRecord& r) { return r.HasEvent("6 CONNECTION REQUEST"); },
      "6 CONNECTION REQUEST");
  BOOST_TEST(cr.HasEvent("4 VALUE CHANGE"));
  BOOST_TEST(InformLists(cr, uptime));

  f.acs.QueueSession({cwmp::SetParameterAttributes{
      {{uptime, true, 0, false, {}}, {processes, true, 2, false, {}}}}});
  BOOST_TEST(AcceptedConnectionRequest(*f.agent));
  const int armed = WaitForSession(
                        f.acs,
                        [&](const SessionRecord& r) {
                          return r.number > cr.number && r.HasEvent("6 CONNECTION REQUEST");
                        },
                        "second connection request")
                        .number;
  // Three more processes: the count changes, and the agent comes by itself.
  std::vector<pid_t> children;
  for (int i = 0; i < 3; ++i) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::execl("/bin/sleep", "sleep", "60", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    children.push_back(pid);
  }
  std::optional<SessionRecord> change;
  f.acs.WaitUntil(
      [&](const std::vector<SessionRecord>& sessions) {
        for (const auto& r : sessions)
          if (r.number > armed && r.end != SessionEnd::kRunning && r.HasEvent("4 VALUE CHANGE")) {
            change = r;
            return true;
          }
        return false;
      },
      kWait);
  for (pid_t pid : children) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  BOOST_REQUIRE_MESSAGE(change, "no 4 VALUE CHANGE session for an active notification");
  BOOST_TEST(!change->HasEvent("6 CONNECTION REQUEST"));
  BOOST_TEST(InformLists(*change, processes));
  BOOST_TEST(!InformLists(*change, uptime));  // notification switched off again
  RequireNoViolations(f.acs);
  f.StopAgent();
}

// A new ACS URL set by the ACS (TR-069 3.7.1.5): the next session goes to the new ACS with
// 0 BOOTSTRAP (and learns its version anew); PeriodicInformInterval set there brings 2 PERIODIC.
BOOST_AUTO_TEST_CASE(acs_url_change_bootstraps_and_periodic_inform) {
  AgentFixture f;
  acs::TestAcs second;
  BOOST_REQUIRE(second.Start().ok());
  f.acs.QueueSession({Spv({{"Device.ManagementServer.URL", second.url(), "xsd:string"}}, "move")});
  second.QueueSession(
      {Spv({{"Device.ManagementServer.PeriodicInformInterval", "1", "xsd:unsignedInt"},
            {"Device.ManagementServer.PeriodicInformEnable", "true", "xsd:boolean"}},
           "periodic")});
  f.StartAgent();
  f.RequireSessions(1);
  BOOST_REQUIRE_MESSAGE(second.WaitForSessions(1, kWait), f.agent->Log());
  SessionRecord moved = *second.Session(1);
  BOOST_TEST(moved.HasEvent("0 BOOTSTRAP"));
  BOOST_TEST(second.RejectedVersionCount() == 1u);
  BOOST_REQUIRE_EQUAL(moved.exchanges.size(), 1u);
  BOOST_TEST(As<cwmp::SetParameterValuesResponse>(moved.exchanges[0]) != nullptr);
  SessionRecord periodic = WaitForSession(
      second, [](const SessionRecord& r) { return r.HasEvent("2 PERIODIC"); }, "2 PERIODIC");
  BOOST_TEST(!periodic.HasEvent("0 BOOTSTRAP"));
  BOOST_TEST(f.acs.SessionCount() == 1u);  // the old ACS hears nothing more
  f.StopAgent();
  for (const auto& v : second.Violations()) BOOST_ERROR(v);
  second.Stop();
  CollectEnvelopes(second.Sessions());
}
