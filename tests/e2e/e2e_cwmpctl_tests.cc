// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpctl, the operator's command, against the real cwmpd holding sessions with the test ACS:
// status (text and --json), get (secrets read as ""), set (the ACS's checks; a notified change
// goes to the ACS with 4 VALUE CHANGE), inform (a session now), and the exit statuses.
#define BOOST_TEST_MODULE e2e_cwmpctl_tests
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/e2e_checks.h"
#include "tests/e2e/e2e_support.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT
using acs::SessionRecord;
using json = nlohmann::json;

namespace {

constexpr const char* kCode = "Device.DeviceInfo.ProvisioningCode";
constexpr const char* kManaged = "Device.ManagementServer.UpgradesManaged";

// cwmpctl --json COMMAND...: the answer parsed (BOOST_REQUIRE: exit 0 and valid JSON).
json CtlJson(const AgentFixture& f, std::vector<std::string> args) {
  args.insert(args.begin(), "--json");
  CtlResult r = Cwmpctl(f.agent->config_file(), args, /*split_stderr=*/true);
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.output << r.errors);
  json j = json::parse(r.output, nullptr, false);
  BOOST_REQUIRE_MESSAGE(!j.is_discarded(), r.output);
  return j;
}

std::string ValueOf(const json& reply, const std::string& name) {
  for (const json& v : reply["values"]) {
    if (v["name"] == name) return v["value"].get<std::string>();
  }
  return "<absent>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(status_shows_the_session_the_channels_and_the_queue) {
  AgentFixture f;
  f.acs.QueueSession({cwmp::GetParameterValues{{"Device.DeviceInfo.UpTime"}},
                      cwmp::GetParameterValues{{"Device.DeviceInfo.SoftwareVersion"}}});
  f.StartAgent();
  f.RequireSessions(1);
  BOOST_REQUIRE(f.agent->WaitForLog("session completed", kWait));

  const json s = CtlJson(f, {"status"});
  BOOST_TEST(s["acs_url"] == f.acs.url());
  BOOST_TEST(s["last_session"]["outcome"] == "completed");
  BOOST_TEST(s["last_session"]["acs_requests"]["GetParameterValues"] == 2);
  BOOST_TEST(s["last_session"]["events"].get<std::string>().find("1 BOOT") != std::string::npos);
  BOOST_TEST(s["connection_request"]["url"] == f.agent->cr_url());
  BOOST_TEST(s["connection_request"]["http"] == true);
  BOOST_TEST(s["connection_request"]["udp"] == true);
  BOOST_TEST(s["pending_events"].is_array());
  BOOST_TEST(s["queued_transfers"].empty());
  BOOST_TEST(s["services"].is_array());
  BOOST_TEST(s["next_periodic_inform"].is_string());

  // The same for people.
  CtlResult text = Cwmpctl(f.agent->config_file(), {"status"});
  BOOST_TEST(text.status == 0);
  BOOST_TEST(text.output.find("ACS URL:              " + f.acs.url()) != std::string::npos,
             text.output);
  BOOST_TEST(text.output.find("completed") != std::string::npos, text.output);
  BOOST_TEST(text.output.find("GetParameterValues=2") != std::string::npos, text.output);
  BOOST_TEST(text.output.find("channels:           HTTP, UDP") != std::string::npos, text.output);
}

BOOST_AUTO_TEST_CASE(get_expands_partial_paths_and_never_shows_a_secret) {
  AgentFixture f;
  f.StartAgent();
  f.RequireSessions(1);
  const json j =
      CtlJson(f, {"get", "Device.ManagementServer.", "Device.DeviceInfo.SoftwareVersion"});
  BOOST_TEST(ValueOf(j, "Device.ManagementServer.URL") == f.acs.url());
  BOOST_TEST(ValueOf(j, "Device.ManagementServer.ConnectionRequestUsername") == "cr-user");
  BOOST_TEST(ValueOf(j, "Device.ManagementServer.ConnectionRequestPassword") == "");
  BOOST_TEST(ValueOf(j, "Device.DeviceInfo.SoftwareVersion") != "<absent>");
  BOOST_TEST(j.dump().find("cr-secret") == std::string::npos);

  CtlResult text = Cwmpctl(f.agent->config_file(), {"get", "Device.ManagementServer.URL"});
  BOOST_TEST(text.status == 0);
  BOOST_TEST(text.output == "Device.ManagementServer.URL = " + f.acs.url() + "\n");
  CtlResult bad = Cwmpctl(f.agent->config_file(), {"get", "Device.NoSuchThing."});
  BOOST_TEST(bad.status == 1);
  BOOST_TEST(bad.output.find("9005") != std::string::npos, bad.output);
}

// Whether |r|'s Inform carries parameter |name| with |value|.
bool InformHas(const SessionRecord& r, const std::string& name, const std::string& value) {
  if (!r.inform) return false;
  for (const auto& p : r.inform->parameter_list) {
    if (p.name == name && p.value == value) return true;
  }
  return false;
}

BOOST_AUTO_TEST_CASE(a_local_set_of_a_notified_parameter_goes_to_the_acs_as_a_value_change) {
  AgentFixture f;
  // The ACS asks to hear of UpgradesManaged (passive notification); ProvisioningCode has forced
  // active notification (tr181/device.xml).
  f.acs.QueueSession({cwmp::SetParameterAttributes{{{kManaged, true, 1, false, {}}}}});
  f.StartAgent();
  f.RequireSessions(1);

  // All or nothing, with the ACS's checks: a read-only parameter is refused (9008) and the
  // writable one beside it is left alone.
  CtlResult refused = Cwmpctl(f.agent->config_file(),
                              {"set", kCode, "nope", "Device.DeviceInfo.SoftwareVersion", "9"});
  BOOST_TEST(refused.status == 1);
  BOOST_TEST(refused.output.find("9008") != std::string::npos, refused.output);
  BOOST_TEST(ValueOf(CtlJson(f, {"get", kCode}), kCode) == "");

  // Active notification: the change opens a session by itself.
  CtlResult set = Cwmpctl(f.agent->config_file(), {"set", kCode, "LOCAL-7"});
  BOOST_TEST_REQUIRE(set.status == 0, set.output);
  BOOST_TEST(set.output == "set; applied now\n");
  BOOST_TEST(ValueOf(CtlJson(f, {"get", kCode}), kCode) == "LOCAL-7");
  WaitForSession(
      f.acs,
      [](const SessionRecord& r) {
        return r.HasEvent("4 VALUE CHANGE") && InformHas(r, kCode, "LOCAL-7");
      },
      "active value change");

  // Passive: the change waits for the next session; inform opens it now.
  set = Cwmpctl(f.agent->config_file(), {"set", kManaged, "true"});
  BOOST_TEST_REQUIRE(set.status == 0, set.output);
  BOOST_TEST(CtlJson(f, {"inform"})["session"] == "requested");
  SessionRecord next = WaitForSession(
      f.acs, [](const SessionRecord& r) { return r.HasEvent("6 CONNECTION REQUEST"); }, "inform");
  BOOST_TEST(next.HasEvent("4 VALUE CHANGE"), next.inform_xml);
  BOOST_TEST(InformHas(next, kManaged, "true"), next.inform_xml);
  BOOST_TEST(f.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(exit_statuses) {
  AgentFixture f;
  f.StartAgent();
  f.RequireSessions(1);
  const std::string config = f.agent->config_file();
  BOOST_TEST(Cwmpctl(config, {}).status == 2);                              // no command
  BOOST_TEST(Cwmpctl(config, {"set", kCode}).status == 2);                  // no value
  BOOST_TEST(Cwmpctl(config, {"frobnicate"}).status == 2);                  // unknown
  BOOST_TEST(Cwmpctl(config, {"status", "--no-such-option"}).status == 2);  // bad option
  CtlResult help = Cwmpctl(config, {"--help"});
  BOOST_TEST(help.status == 0);
  BOOST_TEST(help.output.find("Exit status:") != std::string::npos);

  f.StopAgent();
  // Nobody answers: 3, and the question is withdrawn (not answered at the next start).
  CtlResult late = Cwmpctl(config, {"--wait", "1", "set", kCode, "LATE"});
  BOOST_TEST(late.status == 3, late.output);
  f.StartAgent();
  f.RequireSessions(2);
  BOOST_TEST(ValueOf(CtlJson(f, {"get", kCode}), kCode) == "");

  // The state directory cannot be written: 4.
  CtlResult cannot = Cwmpctl(config, {"--state-dir", "/proc/no-such-dir", "status"});
  BOOST_TEST(cannot.status == 4, cannot.output);
}
