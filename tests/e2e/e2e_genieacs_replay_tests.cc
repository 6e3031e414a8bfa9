// SPDX-License-Identifier: GPL-2.0-or-later
// GenieACS replay against the real daemon: every ACS→CPE request recorded from GenieACS 1.2.16
// (../shared/interop/genieacs/) is sent verbatim inside a session, and the answers are checked
// the way GenieACS reads them: the same cwmp:ID, the matching *Response or a CWMP Fault with a
// standard code, booleans true/false/1/0 and an xsi:type on every Value (read here with pugixml,
// independently of the agent's codec and of the test ACS's own checks). The sessions themselves
// replay GenieACS's recorded InformResponse, its 204 ending, its session cookie and its 400
// "Unrecognized CWMP version" (the recordings speak cwmp-1-0, so the ACS accepts nothing newer and
// the agent falls back from 1-4 step by step).
#define BOOST_TEST_MODULE e2e_genieacs_replay_tests
#include <boost/test/unit_test.hpp>

#include <pugixml.hpp>

#include <cstdio>
#include <cstring>
#include <thread>

#include "cwmp/transport/http_server.h"
#include "tests/e2e/e2e_support.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT
using acs::SessionRecord;

namespace {

const char* LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

pugi::xml_node Child(pugi::xml_node n, const char* local) {
  for (pugi::xml_node c : n.children())
    if (std::strcmp(LocalName(c.name()), local) == 0) return c;
  return {};
}

// The cwmp:ID of an envelope ("" when none).
std::string EnvelopeId(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return "";
  return Child(Child(doc.first_child(), "Header"), "ID").text().as_string();
}

struct Answer {
  bool parsed = false;
  std::string id;
  std::string method;  // local name of the Body's element ("Fault" for a SOAP Fault)
  uint32_t fault_code = 0;
  std::vector<std::string> problems;
};

bool IsBoolean(const std::string& v) { return v == "true" || v == "false" || v == "1" || v == "0"; }

// Reads an answer as GenieACS's lib/soap.ts does: by local names, Values by their xsi:type.
Answer ReadAnswer(const std::string& xml) {
  Answer a;
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return a;
  pugi::xml_node env = doc.first_child();
  a.parsed = std::strcmp(LocalName(env.name()), "Envelope") == 0;
  a.id = Child(Child(env, "Header"), "ID").text().as_string();
  pugi::xml_node body = Child(env, "Body").first_child();
  a.method = LocalName(body.name());
  if (a.method == "Fault") {
    a.fault_code = Child(Child(Child(body, "detail"), "Fault"), "FaultCode").text().as_uint();
  }
  for (pugi::xpath_node n : doc.select_nodes("//*[local-name()='Value']")) {
    pugi::xml_node v = n.node();
    pugi::xml_attribute type;
    for (pugi::xml_attribute at : v.attributes())
      if (std::strcmp(LocalName(at.name()), "type") == 0) type = at;
    if (!type) {
      a.problems.push_back("Value without xsi:type");
      continue;
    }
    if (std::strcmp(LocalName(type.value()), "boolean") == 0 && !IsBoolean(v.text().as_string()))
      a.problems.push_back(std::string("boolean Value ") + v.text().as_string());
  }
  for (pugi::xpath_node n : doc.select_nodes("//*[local-name()='Writable']"))
    if (!IsBoolean(n.node().text().as_string()))
      a.problems.push_back(std::string("Writable ") + n.node().text().as_string());
  return a;
}

struct Replayed {
  std::string file;
  std::string method;  // the request's method
};

// Checks the answer to one verbatim recorded request; returns it.
Answer CheckReplayed(const acs::Exchange& e, const Replayed& r) {
  BOOST_TEST_CONTEXT(r.file) {
    BOOST_TEST(e.raw);
    BOOST_TEST(e.answered);
    BOOST_TEST(e.request_decoded);
    BOOST_TEST(e.request_xml == Recording(r.file));  // verbatim
    Answer a = ReadAnswer(e.response_xml);
    BOOST_TEST(a.parsed);
    BOOST_TEST(a.id == EnvelopeId(Recording(r.file)));
    BOOST_TEST(!a.id.empty());
    BOOST_TEST((a.method == r.method + "Response" || a.method == "Fault"), a.method);
    if (a.method == "Fault")
      BOOST_TEST((a.fault_code >= 9000 && a.fault_code <= 9019), a.fault_code);
    std::string problems;
    for (const auto& p : a.problems) problems += p + "; ";
    BOOST_TEST(a.problems.empty(), problems);
    return a;
  }
  return {};
}

std::vector<acs::ScriptItem> Raw(const std::vector<Replayed>& list) {
  std::vector<acs::ScriptItem> out;
  for (const auto& r : list) out.push_back(acs::RawRequest{Recording(r.file)});
  return out;
}

void RequireCleanSessions(const acs::TestAcs& acs) {
  std::string all;
  for (const auto& v : acs.Violations()) all += v + "\n";
  BOOST_TEST(all.empty(), all);
  for (const auto& s : acs.Sessions()) {
    BOOST_TEST(s.cwmp_namespace == "urn:dslforum-org:cwmp-1-0");
    BOOST_TEST(acs::SessionEndName(s.end) == std::string("completed"), "session " << s.number);
    // The cookie was kept: no 400 "Invalid session" inside a session.
    for (int status : s.http_statuses) BOOST_TEST(status != 400, "session " << s.number);
  }
}

// The recordings address Device.SoftwareModules.ExecutionUnit.1: give the agent two real
// supervised services (plain sleeping processes; no fixed ports).
AgentSettings WithServices(const testing::TempDir& dir, AgentSettings settings = {}) {
  const std::string file = dir.File("services.json");
  testing::WriteFile(file, R"({"services": [
    {"name": "core-data", "command": ["/bin/sh", "-c", "exec sleep 3600"], "autostart": true},
    {"name": "device-virtual", "command": ["/bin/sh", "-c", "exec sleep 3600"], "autostart": true}
  ]})");
  settings.extra["edgex.executor"] = "process";
  settings.extra["edgex.services_file"] = file;
  settings.extra["edgex.registry"] = "none";
  return settings;
}

acs::TestAcsOptions RecordedAcs() {
  acs::TestAcsOptions o;
  o.max_version = cwmp::Version::k1_0;  // the recordings speak cwmp-1-0
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(recorded_parameter_and_object_requests) {
  testing::TempDir services("edgecwmp-replay");
  AgentFixture f(RecordedAcs(), WithServices(services));
  const std::vector<Replayed> one = {
      {"009-gpv-acs-GetParameterNames.xml", "GetParameterNames"},
      {"011-gpv-acs-GetParameterValues.xml", "GetParameterValues"},
      {"019-spv-acs-GetParameterValues.xml", "GetParameterValues"},
      {"021-spv-acs-SetParameterValues.xml", "SetParameterValues"},
      {"035-add-acs-AddObject.xml", "AddObject"},
      {"037-add-acs-GetParameterNames.xml", "GetParameterNames"},
      {"045-delete-acs-DeleteObject.xml", "DeleteObject"},
      {"053-gpv-bad-acs-GetParameterNames.xml", "GetParameterNames"},
  };
  f.acs.QueueSession(Raw(one));
  f.StartAgent();
  f.RequireSessions(1);
  // GenieACS's 400 "Unrecognized CWMP version" to 1-4, 1-3, 1-2 and 1-1: one step each.
  BOOST_TEST(f.acs.RejectedVersionCount() == 4u);
  SessionRecord s = *f.acs.Session(1);
  BOOST_TEST(s.HasEvent("0 BOOTSTRAP"));
  BOOST_REQUIRE_EQUAL(s.exchanges.size(), one.size());
  std::vector<Answer> answers;
  for (size_t i = 0; i < one.size(); ++i) answers.push_back(CheckReplayed(s.exchanges[i], one[i]));

  // GetParameterNames(Device., NextLevel 0): the whole tree, as GenieACS's discovery needs.
  const auto names = s.ReturnedNames();
  BOOST_TEST(answers[0].method == "GetParameterNamesResponse");
  BOOST_TEST(names.count("Device.ManagementServer.PeriodicInformInterval") == 1u);
  BOOST_TEST(answers[1].method == "GetParameterValuesResponse");
  BOOST_TEST(answers[2].method == "GetParameterValuesResponse");
  // SetParameterValues: applied, or refused as a whole with per-parameter faults.
  if (answers[3].method == "Fault") {
    BOOST_TEST(answers[3].fault_code == 9003u);
    const auto* fault = std::get_if<cwmp::Fault>(&*s.exchanges[3].response);
    BOOST_REQUIRE(fault);
    BOOST_TEST(!fault->set_parameter_values_faults.empty());
    for (const auto& p : fault->set_parameter_values_faults)
      BOOST_TEST((p.fault_code >= 9000 && p.fault_code <= 9019), p.parameter_name);
  }
  // DeleteObject of ExecutionUnit.2.: 9005 unless the instance exists.
  const bool instance_exists = names.count("Device.SoftwareModules.ExecutionUnit.2.") != 0;
  if (!instance_exists) {
    BOOST_TEST(answers[6].method == "Fault");
    BOOST_TEST(answers[6].fault_code == 9005u);
  }
  // GetParameterNames(Device.DeviceInfo., NextLevel 1): the children only.
  const auto* info = std::get_if<cwmp::GetParameterNamesResponse>(&*s.exchanges[7].response);
  BOOST_REQUIRE(info);
  for (const auto& p : info->parameter_list) {
    BOOST_TEST(p.name.rfind("Device.DeviceInfo.", 0) == 0u, p.name);
    const std::string rest = p.name.substr(std::strlen("Device.DeviceInfo."));
    BOOST_TEST(rest.find('.') >= rest.size() - 1, p.name);
  }
  RequireCleanSessions(f.acs);
  f.StopAgent();
}

BOOST_AUTO_TEST_CASE(recorded_reboot_factory_reset_and_download) {
  AgentFixture f(RecordedAcs());
  const Replayed reboot{"061-reboot-acs-Reboot.xml", "Reboot"};
  const Replayed factory{"073-factory-acs-FactoryReset.xml", "FactoryReset"};
  const Replayed download{"081-download-acs-Download.xml", "Download"};
  f.acs.QueueSession(Raw({reboot}));
  f.acs.QueueSession(Raw({factory}));
  f.acs.QueueSession(Raw({download}));
  f.StartAgent();
  f.RequireSessions(3);
  SessionRecord one = *f.acs.Session(1), two = *f.acs.Session(2), three = *f.acs.Session(3);
  BOOST_REQUIRE_EQUAL(one.exchanges.size(), 1u);
  BOOST_TEST(CheckReplayed(one.exchanges[0], reboot).method == "RebootResponse");
  // After the reboot (the daemon re-executed itself): 1 BOOT + M Reboot with the empty key.
  BOOST_TEST(two.HasEvent("1 BOOT"));
  BOOST_TEST(two.HasEvent("M Reboot"));
  BOOST_REQUIRE_EQUAL(two.exchanges.size(), 1u);
  BOOST_TEST(CheckReplayed(two.exchanges[0], factory).method == "FactoryResetResponse");
  // After the factory reset: 0 BOOTSTRAP, and the version fallback is learnt again.
  BOOST_TEST(three.HasEvent("0 BOOTSTRAP"));
  BOOST_TEST(f.acs.RejectedVersionCount() == 8u);
  BOOST_REQUIRE_EQUAL(three.exchanges.size(), 1u);
  // Download: 9000 while transfers are not served; once they are, a DownloadResponse, or 9010
  // when no handler for "1 Firmware Upgrade Image" is configured (none is, here).
  Answer d = CheckReplayed(three.exchanges[0], download);
  if (d.method == "Fault") BOOST_TEST((d.fault_code == 9000u || d.fault_code == 9010u));
  if (d.method == "DownloadResponse") {
    // The file server of the recording is not running: the transfer fails, and its
    // TransferComplete gets GenieACS's recorded empty TransferCompleteResponse.
    f.acs.WaitUntil(
        [](const std::vector<SessionRecord>& sessions) {
          for (const auto& s : sessions)
            for (const auto& r : s.cpe_requests)
              if (r.method == "TransferComplete" && s.end != acs::SessionEnd::kRunning) return true;
          return false;
        },
        kWait);
  }
  RequireCleanSessions(f.acs);
  f.StopAgent();
}

namespace {

// Does this cwmpd know `option` (e.g. a section another part of the project adds)?
bool CwmpdHasOption(const std::string& option) {
  std::string out;
  FILE* p = ::popen(("'" + CwmpdPath() + "' --help 2>&1").c_str(), "r");
  if (p == nullptr) return false;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out.find(option) != std::string::npos;
}

}  // namespace

// The recorded Download (GenieACS's file server at 127.0.0.1:7567, 20 bytes) against a file
// server on that port and a firmware handler that succeeds: DownloadResponse, the reboot that
// applies the image, then 1 BOOT + 7 TRANSFER COMPLETE + M Download <task id> and the
// TransferComplete that GenieACS's recorded empty TransferCompleteResponse acknowledges.
BOOST_AUTO_TEST_CASE(recorded_download_to_transfer_complete) {
  if (!CwmpdHasOption("transfers.firmware_command")) {
    BOOST_TEST_MESSAGE("skipped: this cwmpd has no file transfers");
    return;
  }
  cwmp::HttpServerOptions fs_options;
  fs_options.port = 7567;  // the URL in the recording
  cwmp::HttpServer file_server(fs_options, [](const cwmp::HttpRequest& req) {
    cwmp::HttpReply r;
    if (req.target != "/fw.bin") r.status = 404;
    else r.body = "edgecwmp-fw-20-bytes";  // FileSize 20 in the recording
    return r;
  });
  if (!file_server.Start().ok()) {
    BOOST_TEST_MESSAGE("skipped: 127.0.0.1:7567 is busy");
    return;
  }
  AgentSettings settings;
  settings.extra["transfers.firmware_command"] = "true";
  AgentFixture f(RecordedAcs(), settings);
  const Replayed download{"081-download-acs-Download.xml", "Download"};
  const std::string task = EnvelopeId(Recording(download.file));  // GenieACS: CommandKey = task id
  f.acs.QueueSession(Raw({download}));
  f.StartAgent();
  f.RequireSessions(1);
  SessionRecord one = *f.acs.Session(1);
  BOOST_REQUIRE_EQUAL(one.exchanges.size(), 1u);
  Answer a = CheckReplayed(one.exchanges[0], download);
  BOOST_REQUIRE_EQUAL(a.method, "DownloadResponse");
  std::optional<SessionRecord> done;
  f.acs.WaitUntil(
      [&](const std::vector<SessionRecord>& sessions) {
        for (const auto& s : sessions)
          if (s.end != acs::SessionEnd::kRunning && s.HasEvent("7 TRANSFER COMPLETE")) {
            done = s;
            return true;
          }
        return false;
      },
      kWait);
  BOOST_REQUIRE_MESSAGE(done, "no 7 TRANSFER COMPLETE session");
  BOOST_TEST(done->HasEvent("1 BOOT"));  // the image was applied by a reboot
  BOOST_TEST(done->HasEvent("M Download"));
  BOOST_REQUIRE(done->inform);
  bool keyed = false;
  for (const auto& e : done->inform->event)
    keyed = keyed || (e.event_code == "M Download" && e.command_key == task);
  BOOST_TEST(keyed);
  BOOST_REQUIRE_EQUAL(done->cpe_requests.size(), 1u);
  const auto& tc = done->cpe_requests[0];
  BOOST_TEST(tc.method == "TransferComplete");
  BOOST_REQUIRE(tc.request);
  const auto* message = std::get_if<cwmp::TransferComplete>(&*tc.request);
  BOOST_REQUIRE(message);
  BOOST_TEST(message->command_key == task);
  BOOST_TEST(message->fault.fault_code == 0u, message->fault.fault_string);
  // Acknowledged once: no later session repeats it.
  const size_t ended = f.acs.EndedSessionCount();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  BOOST_TEST(f.acs.EndedSessionCount() == ended);
  RequireCleanSessions(f.acs);
  f.StopAgent();
  file_server.Stop();
}

// Every envelope the agent sent in the replays above validates against cwmp-1-0.xsd.
BOOST_AUTO_TEST_CASE(replayed_answers_validate_against_the_bbf_xsd) {
  size_t validated = 0;
  const std::string complaints = ValidateWithXsd(CollectedEnvelopes(), &validated);
  BOOST_TEST(complaints.empty(), complaints);
  BOOST_TEST_MESSAGE(validated << " envelopes validated");
}
