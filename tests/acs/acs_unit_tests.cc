// SPDX-License-Identifier: GPL-2.0-or-later
// The test ACS's parts on their own: writer, checks, scripts, the connection request.
#include <boost/test/unit_test.hpp>

#include <dirent.h>

#include <algorithm>

#include "cwmp/protocol/codec.h"
#include "cwmp/transport/http_server.h"
#include "tests/acs/acs_auth.h"
#include "tests/acs/acs_checks.h"
#include "tests/acs/acs_script.h"
#include "tests/acs/acs_writer.h"
#include "tests/acs/fake_cpe.h"
#include "tests/acs/test_acs.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::acs;  // NOLINT

namespace {

const char* kNs10 = "urn:dslforum-org:cwmp-1-0";

std::vector<std::string> RecordingNames(const std::string& infix) {
  const char* dir = std::getenv("EDGECWMP_SHARED_DIR");
  std::string path = std::string(dir ? dir : "../shared") + "/interop/genieacs";
  std::vector<std::string> out;
  if (DIR* d = opendir(path.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.find(infix) != std::string::npos && n.size() > 4 && n.substr(n.size() - 4) == ".xml")
        out.push_back(n);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& text) {
  for (const auto& x : v)
    if (x.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(writer_reproduces_genieacs_bytes) {
  using namespace edgecwmp::cwmp;  // NOLINT
  BOOST_CHECK_EQUAL(WriteAcsRequest(GetParameterNames{"Device.", false}, kNs10, "1a210daa95a0000"),
                    Recording("009-gpv-acs-GetParameterNames.xml"));
  BOOST_CHECK_EQUAL(
      WriteAcsRequest(GetParameterValues{{"Device.DeviceInfo.UpTime",
                                          "Device.ManagementServer.PeriodicInformInterval",
                                          "Device.SoftwareModules.ExecutionUnit.1.Status"}},
                      kNs10, "1a210daa95a0001"),
      Recording("011-gpv-acs-GetParameterValues.xml"));
  SetParameterValues spv;
  spv.parameter_list = {
      {"Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt"},
      {"Device.ManagementServer.PeriodicInformTime", "2026-01-01T00:00:00.000Z", "xsd:dateTime"},
      {"Device.SoftwareModules.ExecutionUnit.1.RequestedState", "Idle", "xsd:string"},
      {"Device.Time.LocalTimeZone", "CET-1", "xsd:string"}};
  BOOST_CHECK_EQUAL(WriteAcsRequest(spv, kNs10, "1a210daab6a0001"),
                    Recording("021-spv-acs-SetParameterValues.xml"));
  BOOST_CHECK_EQUAL(WriteAcsRequest(AddObject{"Device.SoftwareModules.ExecutionUnit.", ""}, kNs10,
                                    "1a210daaf770000"),
                    Recording("035-add-acs-AddObject.xml"));
  BOOST_CHECK_EQUAL(WriteAcsRequest(FactoryReset{}, kNs10, "1a210dab7820000"),
                    Recording("073-factory-acs-FactoryReset.xml"));
  Download d;
  d.command_key = "1a210dab9830000";
  d.file_type = "1 Firmware Upgrade Image";
  d.url = "http://127.0.0.1:7567/fw.bin";
  d.file_size = 20;
  BOOST_CHECK_EQUAL(WriteAcsRequest(d, kNs10, "1a210dab9830000"),
                    Recording("081-download-acs-Download.xml"));
  BOOST_CHECK_EQUAL(WriteInformResponse(kNs10, "cpe-1"),
                    Recording("003-boot-acs-InformResponse.xml"));
  BOOST_CHECK_EQUAL(WriteMethodNotSupportedFault(kNs10, "atc-1"),
                    Recording("101-autonomous-acs-AutonomousTransferCompleteResponse-200.xml"));
  BOOST_CHECK_EQUAL(
      WriteAcsRequest(AddObject{"A.<&>\"B.", ""}, kNs10, "x")
              .find("<ObjectName>A.&lt;&amp;&gt;&quot;B.</ObjectName>") != std::string::npos,
      true);
}

// The recorded scripted CPE satisfies every check, except that it omits the forced parameter
// Device.ManagementServer.AliasBasedAddressing of Device:2.
BOOST_AUTO_TEST_CASE(recorded_cpe_messages_pass_the_checks) {
  auto files = RecordingNames("-cpe-");
  BOOST_REQUIRE_GE(files.size(), 29u);  // every *-cpe-*.xml of the recording
  for (const auto& f : files) {
    BOOST_TEST_CONTEXT(f) {
      InspectedMessage m = InspectCpeMessage(Recording(f), DefaultForcedInformParameters());
      BOOST_CHECK(m.well_formed);
      BOOST_CHECK(m.id.has_value());
      BOOST_CHECK(m.version == (f.find("cwmp14") != std::string::npos ? cwmp::Version::k1_4
                                                                      : cwmp::Version::k1_0));
      if (m.method == "Inform") {
        BOOST_REQUIRE_EQUAL(m.violations.size(), 1u);
        BOOST_CHECK(m.violations[0].find("AliasBasedAddressing") != std::string::npos);
        BOOST_CHECK(!m.event_codes.empty());
      } else {
        BOOST_CHECK_EQUAL(m.violations.size(), 0u);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(checks_flag_what_genieacs_is_strict_about) {
  const auto forced = DefaultForcedInformParameters();
  std::string inform = Recording("001-boot-cpe-Inform.xml");
  auto replaced = [](std::string s, const std::string& from, const std::string& to) {
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  auto check = [&](const std::string& xml, const std::string& expected) {
    InspectedMessage m = InspectCpeMessage(xml, forced);
    BOOST_CHECK_MESSAGE(Contains(m.violations, expected), "expected violation: " << expected);
  };
  check(replaced(inform, "<Value xsi:type=\"xsd:string\">HW1</Value>", "<Value>HW1</Value>"),
        "Value of Device.DeviceInfo.HardwareVersion has no xsi:type");
  check(replaced(inform, "<MaxEnvelopes>1<", "<MaxEnvelopes>2<"), "MaxEnvelopes is \"2\"");
  check(replaced(inform, "cwmp:EventStruct[2]", "cwmp:EventStruct[3]"), "holds 2 items");
  check(replaced(inform, "<RetryCount>0</RetryCount>", ""), "RetryCount is missing");
  check(replaced(inform, "<CurrentTime>2026-11-25T03:58:15Z<", "<CurrentTime>yesterday<"),
        "CurrentTime");
  check(replaced(inform, "<OUI>00D0B7</OUI>", "<OUI>00d0b7</OUI>"), "upper-case hex");
  check(replaced(inform,
                 "<EventStruct><EventCode>0 BOOTSTRAP</EventCode><CommandKey></CommandKey>"
                 "</EventStruct><EventStruct><EventCode>1 BOOT</EventCode><CommandKey>"
                 "</CommandKey></EventStruct>",
                 ""),
        "empty Event list");
  check(replaced(inform, " soap-env:mustUnderstand=\"1\"", ""), "mustUnderstand");
  check(replaced(inform, "xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\"",
                 "xmlns:cwmp=\"urn:dslforum-org:cwmp-2-0\""),
        "unknown cwmp namespace");
  check(replaced(inform, "</soap-env:Body>", ""), "not well-formed");
  check(inform, "lacks the forced parameter Device.ManagementServer.AliasBasedAddressing");
  std::string gpv = Recording("020-spv-cpe-GetParameterValuesResponse.xml");
  check(replaced(gpv, "xsd:boolean\">true<", "xsd:boolean\">TRUE<"), "not a valid xsd:boolean");
  check(replaced(gpv, "0001-01-01T00:00:00Z", "0001-01-01 00:00:00"), "not a valid xsd:dateTime");
  BOOST_CHECK(InspectCpeMessage("  \r\n", forced).empty);
  // Prefix-agnostic: another prefix for the same namespaces is as good.
  std::string renamed = Recording("022-spv-cpe-SetParameterValuesResponse.xml");
  for (std::string from : {"soap-env:", "xmlns:soap-env="}) {
    std::string to = from == "soap-env:" ? "S:" : "xmlns:S=";
    for (size_t p; (p = renamed.find(from)) != std::string::npos;)
      renamed.replace(p, from.size(), to);
  }
  InspectedMessage m = InspectCpeMessage(renamed, forced);
  BOOST_CHECK(m.well_formed);
  BOOST_CHECK_EQUAL(m.method, "SetParameterValuesResponse");
  BOOST_CHECK_EQUAL(m.violations.size(), 0u);
}

BOOST_AUTO_TEST_CASE(lexical_values) {
  BOOST_CHECK(IsValidLexicalValue("xsd:unsignedInt", "4294967295"));
  BOOST_CHECK(!IsValidLexicalValue("xsd:unsignedInt", "4294967296"));
  BOOST_CHECK(!IsValidLexicalValue("xsd:unsignedInt", "-1"));
  BOOST_CHECK(IsValidLexicalValue("xsd:int", "-2147483648"));
  BOOST_CHECK(!IsValidLexicalValue("xsd:int", "2147483648"));
  BOOST_CHECK(IsValidLexicalValue("xsd:dateTime", "2026-01-01T00:00:00.000Z"));
  BOOST_CHECK(IsValidLexicalValue("xsd:dateTime", "2026-01-01T00:00:00+01:00"));
  BOOST_CHECK(!IsValidLexicalValue("xsd:boolean", "yes"));
  BOOST_CHECK(IsValidLexicalValue("xsd:boolean", "0"));
}

BOOST_AUTO_TEST_CASE(script_parsing) {
  std::vector<SessionScript> scripts;
  Status st = ParseScript(
      "# demo\n"
      "discover \"\"\n"
      "spv Device.ManagementServer.PeriodicInformInterval xsd:unsignedInt 300 key=k1\n"
      "session\n"
      "gpv A.B C.D\n"
      "download http://127.0.0.1/fw.bin \"1 Firmware Upgrade Image\" 20\n",
      &scripts);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  BOOST_REQUIRE_EQUAL(scripts.size(), 2u);
  BOOST_REQUIRE_EQUAL(scripts[0].size(), 2u);
  BOOST_CHECK(std::holds_alternative<Discovery>(scripts[0][0]));
  auto& spv = std::get<cwmp::SetParameterValues>(std::get<cwmp::AcsRequest>(scripts[0][1]));
  BOOST_CHECK_EQUAL(spv.parameter_key, "k1");
  BOOST_CHECK_EQUAL(spv.parameter_list.at(0).type, "xsd:unsignedInt");
  auto& dl = std::get<cwmp::Download>(std::get<cwmp::AcsRequest>(scripts[1][1]));
  BOOST_CHECK_EQUAL(dl.file_type, "1 Firmware Upgrade Image");
  BOOST_CHECK_EQUAL(dl.file_size, 20u);
  st = ParseScript("gpv A\nfrobnicate\n", &scripts);
  BOOST_CHECK(!st.ok());
  BOOST_CHECK(st.message().find("line 2") != std::string::npos);
  BOOST_CHECK_EQUAL(DemoScript().size(), 3u);
}

BOOST_AUTO_TEST_CASE(writable_table_found_from_discovery) {
  std::map<std::string, bool> names = {{"Device.", false},
                                       {"Device.DeviceInfo.", false},
                                       {"Device.ManagementServer.", true},
                                       {"Device.Hosts.", false},
                                       {"Device.Hosts.Host.", false},
                                       {"Device.Hosts.HostNumberOfEntries", false},
                                       {"Device.Users.", false},
                                       {"Device.Users.User.", true},
                                       {"Device.Users.UserNumberOfEntries", false}};
  BOOST_CHECK_EQUAL(FindWritableTable(names).value_or(""), "Device.Users.User.");
  names["Device.Users.User."] = false;
  BOOST_CHECK(!FindWritableTable(names).has_value());
  names["Device.X.Table."] = true;
  names["Device.X.Table.3."] = true;
  BOOST_CHECK_EQUAL(FindWritableTable(names).value_or(""), "Device.X.Table.");
}

// The connection request as GenieACS sends it, against a Digest-protected loopback listener.
BOOST_AUTO_TEST_CASE(connection_request_with_digest) {
  AcsAuthenticator auth(AuthMode::kDigest, "acs", "crpass");
  int accepted = 0;
  cwmp::HttpServer listener({}, [&](const cwmp::HttpRequest& req) {
    cwmp::HttpReply reply;
    AuthOutcome a = auth.Check(req);
    if (!a.ok) {
      reply.status = 401;
      reply.headers.push_back({"WWW-Authenticate", a.challenge});
      return reply;
    }
    ++accepted;
    reply.status = req.method == "GET" ? 200 : 405;
    return reply;
  });
  BOOST_REQUIRE(listener.Start().ok());
  const std::string url = "http://127.0.0.1:" + std::to_string(listener.port()) + "/cr";
  ConnectionRequestResult r = SendConnectionRequest(url, "acs", "crpass");
  BOOST_CHECK_MESSAGE(r.success, r.error);
  BOOST_CHECK_EQUAL(r.http_status, 200);
  r = SendConnectionRequest(url, "acs", "wrong");
  BOOST_CHECK(!r.success);
  BOOST_CHECK_EQUAL(r.http_status, 401);
  BOOST_CHECK_EQUAL(accepted, 1);
  listener.Stop();
  r = SendConnectionRequest(url, "acs", "crpass");
  BOOST_CHECK(!r.success);
  BOOST_CHECK_EQUAL(r.http_status, 0);
  BOOST_CHECK(!SendConnectionRequest("https://127.0.0.1:1/", "a", "b").success);
}

// What the agent's codec writes for the CPE passes the ACS's independent checks.
BOOST_AUTO_TEST_CASE(codec_encoded_cpe_messages_pass_the_checks) {
  using namespace edgecwmp::cwmp;  // NOLINT
  Inform inform;
  inform.device_id = {"EdgeCo", "00D0B7", "EdgeGW", "VEC0001"};
  inform.event = {{"0 BOOTSTRAP", ""}, {"M Download", "k"}};
  inform.current_time = "2026-11-25T03:58:15Z";
  for (const auto& name : DefaultForcedInformParameters())
    inform.parameter_list.push_back({name, "x", "xsd:string"});
  inform.parameter_list.back() = {"Device.ManagementServer.AliasBasedAddressing", "false",
                                  "xsd:boolean"};
  GetParameterValuesResponse gpv;
  gpv.parameter_list = {{"A.B", "true", "xsd:boolean"},
                        {"A.C", "2026-01-01T00:00:00.000Z", "xsd:dateTime"},
                        {"A.D", "42", "xsd:unsignedInt"},
                        {"A.E", "-7", "xsd:int"},
                        {"A.F", "a<b&c", "xsd:string"}};
  Fault fault{9003, "Invalid arguments", {{"A.B", 9007, "Invalid value"}}};
  const std::vector<CpeBody> bodies = {
      CpeRequest(inform),
      CpeRequest(TransferComplete{"k", {0, ""}, "2026-11-25T04:00:00Z", "2026-11-25T04:00:05Z"}),
      CpeRequest(GetRPCMethods{}),
      CpeResponse(gpv),
      CpeResponse(GetParameterNamesResponse{{{"A.", true}, {"A.B", false}}}),
      CpeResponse(SetParameterValuesResponse{1}),
      CpeResponse(AddObjectResponse{3, 0}),
      CpeResponse(GetRPCMethodsResponse{{"GetRPCMethods", "Inform"}}),
      CpeResponse(fault),
  };
  for (Version v : {Version::k1_0, Version::k1_2, Version::k1_4}) {
    for (const auto& body : bodies) {
      Codec codec;
      CpeEnvelope env;
      env.version = v;
      env.header.id = "id-1";
      env.body = body;
      const std::string xml = codec.EncodeCpe(env);
      BOOST_TEST_CONTEXT(xml) {
        InspectedMessage m = InspectCpeMessage(xml, DefaultForcedInformParameters());
        BOOST_CHECK(m.well_formed);
        BOOST_CHECK(m.version == v);
        BOOST_CHECK_EQUAL(m.id.value_or(""), "id-1");
        BOOST_CHECK_EQUAL(m.violations.size(), 0u);
        for (const auto& text : m.violations) BOOST_TEST_MESSAGE(text);
      }
    }
  }
}
