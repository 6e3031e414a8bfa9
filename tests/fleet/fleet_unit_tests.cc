// SPDX-License-Identifier: GPL-2.0-or-later
// Fleet mode's pure parts: profile parsing, identity templates, value generators, the import of a
// captured GetParameterValuesResponse (TR-098) and a CPE's model built from profile and delta.
#define BOOST_TEST_MODULE fleet_unit_tests
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <set>
#include <string>

#include "cwmp/fleet/fleet_model.h"
#include "cwmp/fleet/profile.h"
#include "cwmp/fleet/session_wire.h"
#include "cwmp/fleet/value_generator.h"

using namespace edgecwmp;
using namespace edgecwmp::cwmp::fleet;

namespace {

std::string SourceFile(const std::string& relative) {
  const char* dir = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(dir != nullptr, "EDGECWMP_SOURCE_DIR is not set");
  return std::string(dir) + "/" + relative;
}

const char* kFullProfile = R"(
# every section, as the README documents it
count: 250
seed: 99
acs: {url: "http://127.0.0.1:9/", username: u, password: p}
cwmp_version: "1.2"
identity: {oui: "A1B2C3", product_class: "PC-{i}", serial: "S{i:06}", mac: "02:00:00:{i:mac}"}
connection_request: {port: 0, username: "cr{i}", password: "pw{i}"}
datamodel:
  source: tr181
  instances: {"Device.DeviceInfo.VendorConfigFile.": 2}
  values: {"Device.DeviceInfo.ModelName": "M-{serial}"}
generators:
  "Device.DeviceInfo.UpTime": {kind: uptime}
  "Device.X.Walk": {kind: random_walk, start: 50, step: 5, min: 0, max: 100}
  "Device.X.State": {kind: enum, values: [Up, Down]}
timing: {periodic_interval: 600, jitter: 30, boot_ramp: 20, workers: 3}
transfers: {delay: 2, fault: 9010}
misbehaviour:
  - {kind: fault, fraction: 0.1, rpc: Download, file_type: "1 Firmware Upgrade Image", code: 9010}
  - {kind: garbled_xml, fraction: 0.02, message: Inform}
  - {kind: reboot_storm, fraction: 0.5, every: 30}
)";

GeneratorSpec Gen(GeneratorSpec::Kind kind) {
  GeneratorSpec g;
  g.kind = kind;
  return g;
}

}  // namespace

BOOST_AUTO_TEST_CASE(templates_expand_the_index) {
  BOOST_TEST(ExpandTemplate("S{i}", 42) == "S42");
  BOOST_TEST(ExpandTemplate("S{i:06}", 42) == "S000042");
  BOOST_TEST(ExpandTemplate("{i:x4}", 255) == "00ff");
  BOOST_TEST(ExpandTemplate("02:00:00:{i:mac}", 0x010203) == "02:00:00:01:02:03");
  // What is not a placeholder stays as written.
  BOOST_TEST(ExpandTemplate("{serial}-{i}-{", 7) == "{serial}-7-{");
  BOOST_TEST(ExpandTemplate("{i:q3}", 7) == "{i:q3}");
}

BOOST_AUTO_TEST_CASE(a_full_profile_parses) {
  FleetProfile p;
  Status s = ParseProfile(kFullProfile, &p);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(p.count == 250u);
  BOOST_TEST(p.seed == 99u);
  BOOST_TEST(p.acs_username == "u");
  BOOST_TEST(p.cwmp_version == "1.2");
  BOOST_TEST(p.product_class == "PC-{i}");
  BOOST_TEST(p.cr_password == "pw{i}");
  BOOST_TEST(p.instances.at("Device.DeviceInfo.VendorConfigFile.") == 2u);
  BOOST_TEST(p.generators.size() == 3u);
  BOOST_TEST(static_cast<int>(p.generators.at("Device.X.Walk").kind) ==
             static_cast<int>(GeneratorSpec::Kind::kRandomWalk));
  BOOST_TEST(p.periodic_interval == 600u);
  BOOST_TEST(p.workers == 3u);
  BOOST_TEST(p.transfer_fault == 9010u);
  BOOST_REQUIRE(p.misbehaviour.size() == 3u);
  BOOST_TEST(p.misbehaviour[0].file_type == "1 Firmware Upgrade Image");
  BOOST_TEST(p.misbehaviour[1].AppliesTo("Inform"));
  BOOST_TEST(!p.misbehaviour[1].AppliesTo("GetParameterValuesResponse"));
  BOOST_TEST(p.misbehaviour[2].every == 30u);
}

BOOST_AUTO_TEST_CASE(bad_profiles_name_the_problem_and_line) {
  FleetProfile p;
  const std::pair<const char*, const char*> cases[] = {
      {"count: [1, 2]", "line 1"},
      {"misbehaviour:\n  - {kind: teleport}", "unknown misbehaviour kind 'teleport'"},
      {"misbehaviour:\n  - {kind: fault, fraction: 0.1}", "fault needs an rpc"},
      {"misbehaviour:\n  - {kind: wrong_id, fraction: 1.5}", "fraction must be within 0..1"},
      {"generators:\n  X: {kind: enum}", "enum needs values"},
      {"timing: {periodic_interval: 10, jitter: 10}", "jitter must be below the interval"},
      {"datamodel: {instances: {\"Device.X\": 1}}", "must end in ."},
      {"count: 3\n  bad indent: [", "line"},
  };
  for (const auto& [yaml, expected] : cases) {
    Status s = ParseProfile(yaml, &p);
    BOOST_TEST(!s.ok(), yaml);
    BOOST_TEST(s.message().find(expected) != std::string::npos, yaml << " → " << s.message());
  }
}

BOOST_AUTO_TEST_CASE(generators_are_functions_of_seed_cpe_and_time) {
  GeneratorSpec uptime = Gen(GeneratorSpec::Kind::kUptime);
  BOOST_TEST(GenerateValue(uptime, 1, 2, "X", 1234) == "1234");
  GeneratorSpec counter = Gen(GeneratorSpec::Kind::kCounter);
  counter.start = 100;
  counter.rate = 2.5;
  BOOST_TEST(GenerateValue(counter, 1, 2, "X", 10) == "125");

  GeneratorSpec walk = Gen(GeneratorSpec::Kind::kRandomWalk);
  walk.start = 50, walk.step = 5, walk.min = 40, walk.max = 60;
  BOOST_TEST(GenerateValue(walk, 1, 2, "X", 0) == "50");
  std::set<std::string> seen;
  for (uint64_t minute = 0; minute < 3000; ++minute) {
    const std::string v = GenerateValue(walk, 1, 2, "X", minute * 60);
    const int n = std::stoi(v);
    BOOST_TEST((n >= 40 && n <= 60), v);
    // One step a minute inside a block: neighbours differ by at most one step.
    if (minute % 1024 != 0 && minute > 0) {
      const int before = std::stoi(GenerateValue(walk, 1, 2, "X", (minute - 1) * 60));
      BOOST_TEST(std::abs(n - before) <= 5);
    }
    seen.insert(v);
  }
  BOOST_TEST(seen.size() > 2u);  // it walks

  GeneratorSpec pick = Gen(GeneratorSpec::Kind::kEnum);
  pick.values = {"Up", "Down", "Dormant"};
  std::set<std::string> picked;
  for (uint64_t cpe = 0; cpe < 50; ++cpe) picked.insert(GenerateValue(pick, 7, cpe, "X", 0));
  BOOST_TEST(picked.size() == 3u);
  // Same inputs, same value; another seed changes some CPE's pick.
  bool differs = false;
  for (uint64_t cpe = 0; cpe < 50; ++cpe) {
    BOOST_TEST(GenerateValue(pick, 7, cpe, "X", 0) == GenerateValue(pick, 7, cpe, "X", 0));
    differs = differs || GenerateValue(pick, 7, cpe, "X", 0) != GenerateValue(pick, 8, cpe, "X", 0);
  }
  BOOST_TEST(differs);

  GeneratorSpec list = Gen(GeneratorSpec::Kind::kList);
  list.values = {"1", "6", "11"};
  const std::string first = GenerateValue(list, 1, 0, "X", 0);
  const std::string next = GenerateValue(list, 1, 0, "X", 60);
  BOOST_TEST(first != next);
  BOOST_TEST(GenerateValue(list, 1, 0, "X", 180) == first);  // cycles through all three
}

BOOST_AUTO_TEST_CASE(a_tr098_dump_becomes_a_schema_with_its_rows_and_values) {
  FleetProfile p;
  p.datamodel_source = SourceFile("tests/fleet/igd_gpv_response.xml");
  p.values["InternetGatewayDevice.DeviceInfo.HardwareVersion"] = "HW-{i}";
  GeneratorSpec uptime = Gen(GeneratorSpec::Kind::kUptime);
  p.generators["InternetGatewayDevice.DeviceInfo.UpTime"] = uptime;
  FleetModel model;
  Status s = model.Load(p);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(model.root() == "InternetGatewayDevice.");
  BOOST_TEST(model.schema().FindObject("InternetGatewayDevice.LANDevice.{i}.Hosts.Host.{i}.") !=
             nullptr);

  const CpeIdentity id = IdentityOf(p, 5);
  uint64_t seconds = 77;
  CpeDelta delta;
  std::unique_ptr<dm::DataModel> dm;
  s = model.Materialize(id, delta, "http://127.0.0.1:1/cr/5", &seconds, &dm);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::string v;
  BOOST_REQUIRE(dm->GetValue("InternetGatewayDevice.LANDevice.1.Hosts.Host.3.MACAddress", &v).ok());
  BOOST_TEST(v == "aa:bb:cc:00:00:03");
  BOOST_TEST(!dm->GetValue("InternetGatewayDevice.LANDevice.1.Hosts.Host.2.MACAddress", &v).ok());
  BOOST_REQUIRE(dm->GetValue("InternetGatewayDevice.DeviceInfo.SerialNumber", &v).ok());
  BOOST_TEST(v == id.serial);  // the identity, not the captured serial
  BOOST_REQUIRE(dm->GetValue("InternetGatewayDevice.DeviceInfo.HardwareVersion", &v).ok());
  BOOST_TEST(v == "HW-5");
  BOOST_REQUIRE(dm->GetValue("InternetGatewayDevice.DeviceInfo.UpTime", &v).ok());
  BOOST_TEST(v == "77");
  BOOST_REQUIRE(
      dm->GetValue("InternetGatewayDevice.ManagementServer.ConnectionRequestURL", &v).ok());
  BOOST_TEST(v == "http://127.0.0.1:1/cr/5");
  std::set<std::string> forced;
  for (const auto& f : dm->ForcedInformValues()) forced.insert(f.name);
  BOOST_TEST(forced.count("InternetGatewayDevice.DeviceSummary") == 1u);
  BOOST_TEST(forced.count("InternetGatewayDevice.ManagementServer.ConnectionRequestURL") == 1u);
  BOOST_TEST(forced.count("InternetGatewayDevice.DeviceInfo.UpTime") == 0u);

  // The delta (what the ACS changed) goes over the start state: rows and values.
  delta.instances["InternetGatewayDevice.LANDevice.1.Hosts.Host."] = {3, 4};
  delta.values["InternetGatewayDevice.LANDevice.1.Hosts.Host.4.MACAddress"] = "aa:bb:cc:00:00:04";
  s = model.Materialize(id, delta, "http://127.0.0.1:1/cr/5", &seconds, &dm);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(!dm->GetValue("InternetGatewayDevice.LANDevice.1.Hosts.Host.1.MACAddress", &v).ok());
  BOOST_REQUIRE(dm->GetValue("InternetGatewayDevice.LANDevice.1.Hosts.Host.4.MACAddress", &v).ok());
  BOOST_TEST(v == "aa:bb:cc:00:00:04");
}

BOOST_AUTO_TEST_CASE(a_dump_that_is_no_gpv_response_is_refused) {
  ImportedModel out;
  BOOST_TEST(!ImportGpvDump("<not-soap/>", &out).ok());
  BOOST_TEST(!ImportGpvDump("", &out).ok());
}

BOOST_AUTO_TEST_CASE(template_paths_and_wire_helpers) {
  BOOST_TEST(TemplateOf("Device.IP.Interface.12.IPv4Address.3.IPAddress") ==
             "Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
  const std::string xml =
      "<s:Envelope><s:Header><cwmp:ID s:mustUnderstand=\"1\">abc</cwmp:ID></s:Header>"
      "<s:Body><cwmp:GetParameterValuesResponse/></s:Body></s:Envelope>";
  BOOST_TEST(MessageNameOf(xml) == "GetParameterValuesResponse");
  BOOST_TEST(MessageNameOf("") == "");
  BOOST_TEST(ReplaceCwmpId(xml, "X") ==
             "<s:Envelope><s:Header><cwmp:ID s:mustUnderstand=\"1\">X</cwmp:ID></s:Header>"
             "<s:Body><cwmp:GetParameterValuesResponse/></s:Body></s:Envelope>");
}
