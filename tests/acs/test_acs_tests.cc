// SPDX-License-Identifier: GPL-2.0-or-later
// The test ACS against the recorded GenieACS 1.2.16 exchanges, over real loopback HTTP.
#define BOOST_TEST_MODULE test_acs_tests
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include "cwmp/protocol/codec.h"
#include "tests/acs/acs_auth.h"
#include "tests/acs/fake_cpe.h"
#include "tests/acs/test_acs.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::acs;  // NOLINT

namespace {

constexpr std::chrono::seconds kWait(10);

// The recorded scripted CPE reports the forced parameters of Device:2 without
// AliasBasedAddressing; the replays check exactly those six.
TestAcsOptions RecordedCpeOptions() {
  TestAcsOptions o;
  o.forced_parameters = DefaultForcedInformParameters();
  o.forced_parameters.pop_back();
  BOOST_REQUIRE_EQUAL(o.forced_parameters.size(), 6u);
  return o;
}

struct Started {
  explicit Started(TestAcsOptions o = RecordedCpeOptions()) : acs(std::move(o)) {
    Status st = acs.Start();
    BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  }
  TestAcs acs;
};

cwmp::AcsRequest DecodeRecordedRequest(const std::string& file) {
  cwmp::Codec codec;
  cwmp::AcsEnvelope env;
  cwmp::DecodeError err;
  Status st = codec.DecodeAcs(Recording(file), &env, &err);
  BOOST_REQUIRE_MESSAGE(st.ok(), file + ": " + err.detail);
  BOOST_REQUIRE(std::holds_alternative<cwmp::AcsRequest>(env.body));
  return std::get<cwmp::AcsRequest>(env.body);
}

std::string EncodeResponse(const std::string& id, cwmp::CpeResponse response) {
  cwmp::Codec codec;
  cwmp::CpeEnvelope env;
  env.header.id = id;
  env.body = std::move(response);
  return codec.EncodeCpe(env);
}

void ExpectEnd(const HttpResult& r) {
  BOOST_CHECK_EQUAL(r.status, 204);
  BOOST_CHECK_EQUAL(r.Header("connection"), "close");
  BOOST_CHECK(r.body.empty());
}

struct Scenario {
  std::string name, inform, inform_response;
  std::vector<std::pair<std::string, std::string>> exchanges;  // recorded ACS request, CPE answer
};

const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> all = {
      {"boot", "001-boot-cpe-Inform.xml", "003-boot-acs-InformResponse.xml", {}},
      {"gpv",
       "006-gpv-cpe-Inform.xml",
       "008-gpv-acs-InformResponse.xml",
       {{"009-gpv-acs-GetParameterNames.xml", "010-gpv-cpe-GetParameterNamesResponse.xml"},
        {"011-gpv-acs-GetParameterValues.xml", "012-gpv-cpe-GetParameterValuesResponse.xml"}}},
      {"spv",
       "016-spv-cpe-Inform.xml",
       "018-spv-acs-InformResponse.xml",
       {{"019-spv-acs-GetParameterValues.xml", "020-spv-cpe-GetParameterValuesResponse.xml"},
        {"021-spv-acs-SetParameterValues.xml", "022-spv-cpe-SetParameterValuesResponse.xml"}}},
      {"refresh", "026-refresh-cpe-Inform.xml", "028-refresh-acs-InformResponse.xml", {}},
      {"add",
       "032-add-cpe-Inform.xml",
       "034-add-acs-InformResponse.xml",
       {{"035-add-acs-AddObject.xml", "036-add-cpe-AddObjectResponse.xml"},
        {"037-add-acs-GetParameterNames.xml", "038-add-cpe-GetParameterNamesResponse.xml"}}},
      {"delete",
       "042-delete-cpe-Inform.xml",
       "044-delete-acs-InformResponse.xml",
       {{"045-delete-acs-DeleteObject.xml", "046-delete-cpe-DeleteObjectResponse.xml"}}},
      {"gpv-bad",
       "050-gpv-bad-cpe-Inform.xml",
       "052-gpv-bad-acs-InformResponse.xml",
       {{"053-gpv-bad-acs-GetParameterNames.xml",
         "054-gpv-bad-cpe-GetParameterNamesResponse.xml"}}},
      {"reboot",
       "058-reboot-cpe-Inform.xml",
       "060-reboot-acs-InformResponse.xml",
       {{"061-reboot-acs-Reboot.xml", "062-reboot-cpe-RebootResponse.xml"}}},
      {"after-reboot",
       "065-after-reboot-cpe-Inform.xml",
       "067-after-reboot-acs-InformResponse.xml",
       {}},
      {"factory",
       "070-factory-cpe-Inform.xml",
       "072-factory-acs-InformResponse.xml",
       {{"073-factory-acs-FactoryReset.xml", "074-factory-cpe-FactoryResetResponse.xml"}}},
      {"download",
       "078-download-cpe-Inform.xml",
       "080-download-acs-InformResponse.xml",
       {{"081-download-acs-Download.xml", "082-download-cpe-DownloadResponse.xml"}}},
  };
  return all;
}

}  // namespace

// Every recorded ACS-initiated session replays: the recorded CPE messages get GenieACS's recorded
// answers byte for byte (only the cwmp:ID of the ACS's own requests differs), then 204 + close.
BOOST_AUTO_TEST_CASE(recorded_sessions_replay_with_recorded_acs_behaviour) {
  for (const auto& sc : Scenarios()) {
    BOOST_TEST_CONTEXT("scenario " << sc.name) {
      Started s;
      for (const auto& ex : sc.exchanges) s.acs.Queue(DecodeRecordedRequest(ex.first));
      FakeCpe cpe(s.acs.url());
      HttpResult r = cpe.Post(Recording(sc.inform));
      BOOST_CHECK_EQUAL(r.status, 200);
      BOOST_CHECK_EQUAL(r.body, Recording(sc.inform_response));
      BOOST_CHECK_EQUAL(r.Header("content-type"), "text/xml; charset=\"utf-8\"");
      BOOST_CHECK_EQUAL(cpe.cookie().size(), 16u);
      r = cpe.Post("");
      for (const auto& ex : sc.exchanges) {
        BOOST_CHECK_EQUAL(r.status, 200);
        const std::string id = IdOf(r.body);
        BOOST_CHECK(!id.empty());
        BOOST_CHECK_EQUAL(r.body, WithId(Recording(ex.first), id));
        r = cpe.Post(WithId(Recording(ex.second), id));
      }
      ExpectEnd(r);
      auto session = s.acs.Session(1);
      BOOST_REQUIRE(session);
      BOOST_CHECK(session->end == SessionEnd::kCompleted);
      BOOST_CHECK_EQUAL(session->exchanges.size(), sc.exchanges.size());
      for (const auto& e : session->exchanges) {
        BOOST_CHECK(e.answered);
        BOOST_CHECK(e.response.has_value());
      }
      BOOST_CHECK(session->inform.has_value());
      BOOST_CHECK_EQUAL(session->connections.size(), 1u);
      BOOST_CHECK_EQUAL(s.acs.Violations().size(), 0u);
      for (const auto& v : s.acs.Violations()) BOOST_TEST_MESSAGE(v);
    }
  }
}

BOOST_AUTO_TEST_CASE(recorded_session_records_inform_and_answers) {
  Started s;
  s.acs.Queue(DecodeRecordedRequest("011-gpv-acs-GetParameterValues.xml"));
  FakeCpe cpe(s.acs.url());
  cpe.Post(Recording("001-boot-cpe-Inform.xml"));
  HttpResult r = cpe.Post("");
  cpe.Post(WithId(Recording("012-gpv-cpe-GetParameterValuesResponse.xml"), IdOf(r.body)));
  BOOST_REQUIRE(s.acs.WaitForSessions(1, kWait));
  auto session = *s.acs.Session(1);
  BOOST_CHECK(session.HasEvent("0 BOOTSTRAP"));
  BOOST_CHECK(session.HasEvent("1 BOOT"));
  BOOST_CHECK_EQUAL(session.inform->device_id.serial_number, "VEC0001");
  BOOST_CHECK_EQUAL(session.ReturnedValues()["Device.DeviceInfo.UpTime"], "1234");
  BOOST_CHECK((session.http_statuses == std::vector<int>{200, 200, 204}));
}

// CPE requests inside a session get GenieACS's exact answers (recordings 089, 095, 101).
BOOST_AUTO_TEST_CASE(cpe_requests_get_genieacs_answers) {
  const std::vector<std::array<std::string, 3>> cases = {
      {"085-transfer-complete-cpe-Inform.xml", "088-transfer-complete-cpe-TransferComplete.xml",
       "089-transfer-complete-acs-TransferCompleteResponse-200.xml"},
      {"091-periodic-cpe-Inform.xml", "094-periodic-cpe-GetRPCMethods.xml",
       "095-periodic-acs-GetRPCMethodsResponse-200.xml"},
      {"097-autonomous-cpe-Inform.xml", "100-autonomous-cpe-AutonomousTransferComplete.xml",
       "101-autonomous-acs-AutonomousTransferCompleteResponse-200.xml"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c[1]) {
      Started s;
      FakeCpe cpe(s.acs.url());
      BOOST_CHECK_EQUAL(cpe.Post(Recording(c[0])).status, 200);
      HttpResult r = cpe.Post(Recording(c[1]));
      BOOST_CHECK_EQUAL(r.status, 200);
      BOOST_CHECK_EQUAL(r.body, Recording(c[2]));
      ExpectEnd(cpe.Post(""));
      auto session = *s.acs.Session(1);
      BOOST_REQUIRE_EQUAL(session.cpe_requests.size(), 1u);
      BOOST_CHECK(session.cpe_requests[0].request.has_value());
      BOOST_CHECK_EQUAL(s.acs.Violations().size(), 0u);
    }
  }
}

// Recording 106 and the cookie rule: every POST after the InformResponse needs the cookie.
BOOST_AUTO_TEST_CASE(missing_cookie_gets_400_invalid_session) {
  Started s;
  FakeCpe lone(s.acs.url());
  HttpResult r = lone.Post("");
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK_EQUAL(r.body, "Invalid session");
  BOOST_CHECK_EQUAL(r.Header("connection"), "close");

  FakeCpe cpe(s.acs.url());
  BOOST_CHECK_EQUAL(cpe.Post(Recording("001-boot-cpe-Inform.xml")).status, 200);
  r = cpe.Post("", /*send_cookie=*/false);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK_EQUAL(r.body, "Invalid session");
  BOOST_CHECK_EQUAL(r.Header("connection"), "close");
  BOOST_REQUIRE(s.acs.WaitForSessions(1, kWait));
  auto session = *s.acs.Session(1);
  BOOST_CHECK(session.end == SessionEnd::kRejected);
  BOOST_REQUIRE_EQUAL(session.violations.size(), 1u);
  BOOST_CHECK(session.violations[0].find("without a valid session cookie") != std::string::npos);
  BOOST_CHECK((session.http_statuses == std::vector<int>{200, 400}));
  auto log = s.acs.HttpLog();
  BOOST_REQUIRE_EQUAL(log.size(), 3u);
  BOOST_CHECK(log[0].session == 0 && log[0].received == "empty POST" && log[0].status == 400);
  BOOST_CHECK(log[1].session == 1 && log[1].received == "Inform" && !log[1].had_cookie);
  BOOST_CHECK(log[2].session == 1 && log[2].answered == "Invalid session");
}

// Recording 103–105: cwmp-1-4 is refused; the same Inform in cwmp-1-3 starts a session.
BOOST_AUTO_TEST_CASE(cwmp_1_4_gets_400_unrecognized_version) {
  Started s;
  FakeCpe cpe(s.acs.url());
  const std::string inform = Recording("103-cwmp14-cpe-Inform.xml");
  HttpResult r = cpe.Post(inform);
  BOOST_CHECK_EQUAL(r.status, 400);
  BOOST_CHECK_EQUAL(r.body, Recording("105-cwmp14-acs-InformResponse.xml"));
  BOOST_CHECK_EQUAL(r.Header("connection"), "close");
  BOOST_CHECK(cpe.cookie().empty());
  BOOST_CHECK_EQUAL(s.acs.RejectedVersionCount(), 1u);
  BOOST_CHECK_EQUAL(s.acs.SessionCount(), 0u);

  std::string older = inform;
  older.replace(older.find("cwmp-1-4"), 8, "cwmp-1-3");
  r = cpe.Post(older);
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find("xmlns:cwmp=\"urn:dslforum-org:cwmp-1-3\"") != std::string::npos);
  ExpectEnd(cpe.Post(""));
  BOOST_CHECK(s.acs.Session(1)->version == cwmp::Version::k1_3);
}

// GenieACS binds the Digest nonce to the TCP connection it was issued on.
BOOST_AUTO_TEST_CASE(digest_nonce_from_another_connection_is_refused) {
  TestAcsOptions o = RecordedCpeOptions();
  o.auth = AuthMode::kDigest;
  o.username = "cpe";
  o.password = "secret";
  Started s(o);
  const std::string inform = Recording("001-boot-cpe-Inform.xml");
  auto authorization = [](const std::string& challenge, const std::string& password) {
    auto p = ParseDigestParams(challenge);
    std::string ha1 = Md5Hex("cpe:" + p["realm"] + ":" + password);
    std::string ha2 = Md5Hex("POST:/");
    std::string response = Md5Hex(ha1 + ":" + p["nonce"] + ":00000001:c0ffee:auth:" + ha2);
    return "Digest username=\"cpe\", realm=\"" + p["realm"] + "\", nonce=\"" + p["nonce"] +
           "\", uri=\"/\", qop=auth, nc=00000001, cnonce=\"c0ffee\", response=\"" + response + "\"";
  };

  // Each FakeCpe is one libcurl handle and so its own keep-alive TCP connection.
  FakeCpe first(s.acs.url());
  HttpResult r = first.Post(inform);
  BOOST_CHECK_EQUAL(r.status, 401);
  const std::string challenge = r.Header("www-authenticate");
  BOOST_CHECK_EQUAL(challenge.rfind("Digest realm=\"GenieACS\",qop=\"auth,auth-int\",nonce=\"", 0),
                    0u);
  BOOST_CHECK(r.Header("connection") != "close");

  FakeCpe second(s.acs.url());
  r = second.Post(inform, true, authorization(challenge, "secret"));
  BOOST_CHECK_EQUAL(r.status, 401);
  auto violations = s.acs.Violations();
  BOOST_REQUIRE_EQUAL(violations.size(), 1u);
  BOOST_CHECK(violations[0].find("was used on connection") != std::string::npos);

  // The fresh challenge belongs to the second connection: answered there, it is accepted.
  r = second.Post(inform, true, authorization(r.Header("www-authenticate"), "wrong"));
  BOOST_CHECK_EQUAL(r.status, 401);
  r = second.Post(inform, true, authorization(r.Header("www-authenticate"), "secret"));
  BOOST_CHECK_EQUAL(r.status, 200);
  ExpectEnd(second.Post(""));
  BOOST_CHECK_EQUAL(s.acs.Violations().size(), 1u);
  BOOST_CHECK_EQUAL(s.acs.SessionCount(), 1u);

  // libcurl's own Digest answers on the same connection, as the agent's transport does.
  FakeCpe curl_cpe(s.acs.url());
  curl_cpe.UseCurlAuth("cpe", "secret");
  BOOST_CHECK_EQUAL(curl_cpe.Post(inform).status, 200);
  ExpectEnd(curl_cpe.Post(""));
}

BOOST_AUTO_TEST_CASE(basic_auth) {
  TestAcsOptions o = RecordedCpeOptions();
  o.auth = AuthMode::kBasic;
  o.username = "cpe";
  o.password = "secret";
  Started s(o);
  FakeCpe cpe(s.acs.url());
  HttpResult r = cpe.Post(Recording("001-boot-cpe-Inform.xml"), true, "Basic Y3BlOndyb25n");
  BOOST_CHECK_EQUAL(r.status, 401);
  BOOST_CHECK_EQUAL(r.Header("www-authenticate"), "Basic realm=\"GenieACS\"");
  r = cpe.Post(Recording("001-boot-cpe-Inform.xml"), true, "Basic Y3BlOnNlY3JldA==");
  BOOST_CHECK_EQUAL(r.status, 200);
}

// The ACS never asks for more than 32 names at once.
BOOST_AUTO_TEST_CASE(get_parameter_values_split_in_chunks_of_32) {
  Started s;
  cwmp::GetParameterValues gpv;
  for (int i = 0; i < 70; ++i) gpv.parameter_names.push_back("Device.Test.P" + std::to_string(i));
  s.acs.Queue(gpv);
  FakeCpe cpe(s.acs.url());
  cpe.Post(Recording("001-boot-cpe-Inform.xml"));
  HttpResult r = cpe.Post("");
  std::vector<size_t> sizes;
  while (r.status == 200) {
    cwmp::Codec codec;
    cwmp::AcsEnvelope env;
    cwmp::DecodeError err;
    BOOST_REQUIRE(codec.DecodeAcs(r.body, &env, &err).ok());
    auto& names =
        std::get<cwmp::GetParameterValues>(std::get<cwmp::AcsRequest>(env.body)).parameter_names;
    sizes.push_back(names.size());
    cwmp::GetParameterValuesResponse answer;
    for (const auto& n : names) answer.parameter_list.push_back({n, "1", "xsd:unsignedInt"});
    r = cpe.Post(EncodeResponse(*env.header.id, answer));
  }
  ExpectEnd(r);
  BOOST_CHECK((sizes == std::vector<size_t>{32, 32, 6}));
  BOOST_CHECK_EQUAL(s.acs.Session(1)->ReturnedValues().size(), 70u);
  BOOST_CHECK_EQUAL(s.acs.Violations().size(), 0u);
}

// GenieACS's discovery: GetParameterNames("", NextLevel 0), then the parameters (not the
// objects) in GetParameterValues of at most 32 names.
BOOST_AUTO_TEST_CASE(discovery_from_empty_path) {
  Started s;
  s.acs.QueueDiscovery("");
  FakeCpe cpe(s.acs.url());
  cpe.Post(Recording("001-boot-cpe-Inform.xml"));
  HttpResult r = cpe.Post("");
  BOOST_CHECK(r.body.find("<ParameterPath></ParameterPath><NextLevel>0</NextLevel>") !=
              std::string::npos);
  cwmp::GetParameterNamesResponse names;
  names.parameter_list.push_back({"Device.", false});
  names.parameter_list.push_back({"Device.Test.", false});
  for (int i = 0; i < 40; ++i)
    names.parameter_list.push_back({"Device.Test.P" + std::to_string(i), true});
  r = cpe.Post(EncodeResponse(IdOf(r.body), names));
  std::vector<size_t> sizes;
  while (r.status == 200) {
    cwmp::Codec codec;
    cwmp::AcsEnvelope env;
    cwmp::DecodeError err;
    BOOST_REQUIRE(codec.DecodeAcs(r.body, &env, &err).ok());
    auto& gpv = std::get<cwmp::GetParameterValues>(std::get<cwmp::AcsRequest>(env.body));
    sizes.push_back(gpv.parameter_names.size());
    for (const auto& n : gpv.parameter_names) BOOST_CHECK(n.back() != '.');
    cwmp::GetParameterValuesResponse answer;
    for (const auto& n : gpv.parameter_names)
      answer.parameter_list.push_back({n, "x", "xsd:string"});
    r = cpe.Post(EncodeResponse(*env.header.id, answer));
  }
  ExpectEnd(r);
  BOOST_CHECK((sizes == std::vector<size_t>{32, 8}));
  BOOST_CHECK_EQUAL(s.acs.Violations().size(), 0u);
}

// What the ACS checks in an answer: the cwmp:ID, the method, the booleans.
BOOST_AUTO_TEST_CASE(answer_violations_are_recorded) {
  Started s;
  s.acs.Queue(cwmp::GetParameterNames{"Device.DeviceInfo.", true});
  s.acs.Queue(cwmp::GetParameterNames{"Device.", true});
  FakeCpe cpe(s.acs.url());
  cpe.Post(Recording("001-boot-cpe-Inform.xml"));
  HttpResult r = cpe.Post("");
  std::string bad = WithId(Recording("038-add-cpe-GetParameterNamesResponse.xml"), "not-the-id");
  bad.replace(bad.find("<Writable>1</Writable>"), 22, "<Writable>yes</Writable>");
  r = cpe.Post(bad);
  BOOST_CHECK_EQUAL(r.status, 200);  // the session goes on; the test asserts on the record
  ExpectEnd(
      cpe.Post(WithId(Recording("022-spv-cpe-SetParameterValuesResponse.xml"), IdOf(r.body))));
  auto v = s.acs.Violations();
  auto has = [&](const std::string& text) {
    for (const auto& x : v)
      if (x.find(text) != std::string::npos) return true;
    return false;
  };
  BOOST_CHECK(has("Writable is \"yes\""));
  BOOST_CHECK(has("carries cwmp:ID not-the-id"));
  BOOST_CHECK(has("SetParameterValuesResponse answers GetParameterNames"));
}

BOOST_AUTO_TEST_CASE(sessions_take_scripts_in_order_and_can_be_awaited) {
  Started s;
  s.acs.QueueSession({cwmp::AcsRequest(cwmp::Reboot{"k1"})});
  s.acs.QueueSession({});
  BOOST_CHECK_EQUAL(s.acs.PendingScripts(), 2u);
  FakeCpe cpe(s.acs.url());
  cpe.Post(Recording("058-reboot-cpe-Inform.xml"));
  HttpResult r = cpe.Post("");
  BOOST_CHECK(r.body.find("<cwmp:Reboot><CommandKey>k1</CommandKey></cwmp:Reboot>") !=
              std::string::npos);
  ExpectEnd(cpe.Post(WithId(Recording("062-reboot-cpe-RebootResponse.xml"), IdOf(r.body))));
  FakeCpe again(s.acs.url());
  again.Post(Recording("065-after-reboot-cpe-Inform.xml"));
  ExpectEnd(again.Post(""));
  BOOST_REQUIRE(s.acs.WaitForSessions(2, kWait));
  BOOST_CHECK(s.acs.Session(2)->HasEvent("M Reboot"));
  BOOST_CHECK_EQUAL(s.acs.Session(2)->exchanges.size(), 0u);
  BOOST_CHECK(s.acs.Session(1)->cookie != s.acs.Session(2)->cookie);
  BOOST_CHECK(!s.acs.WaitForSessions(3, std::chrono::milliseconds(50)));
  BOOST_CHECK(s.acs.WaitUntil(
      [](const std::vector<SessionRecord>& all) {
        return all.size() == 2 && all[0].exchanges.size() == 1 && all[0].exchanges[0].answered;
      },
      kWait));
}

// The test-acs program runs the demo scripts/run shows: discovery from "", SetParameterValues,
// AddObject on a writable table found by the discovery, 204; then it exits with a summary.
BOOST_AUTO_TEST_CASE(test_acs_program_runs_the_demo) {
  const char* bin = std::getenv("EDGECWMP_BINARY_DIR");
  BOOST_REQUIRE(bin);
  const std::string program = std::string(bin) + "/tests/acs/test-acs";
  int out[2];
  BOOST_REQUIRE_EQUAL(pipe(out), 0);
  pid_t pid = fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(program.c_str(), program.c_str(), "--port", "0", "--demo", "--sessions", "1", "--strict",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* stream = fdopen(out[0], "r");
  struct Reaper {  // never leaves the child behind, whatever fails below
    pid_t pid;
    ~Reaper() {
      if (pid > 0 && waitpid(pid, nullptr, WNOHANG) == 0) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
      }
    }
  } reaper{pid};
  char line[512] = {};
  BOOST_REQUIRE(fgets(line, sizeof(line), stream));
  std::string first(line);
  auto at = first.find("http://");
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, first);
  const std::string url = first.substr(at, first.find(' ', at) - at);

  FakeCpe cpe(url);
  std::string inform = Recording("001-boot-cpe-Inform.xml");
  std::string extra =
      "<ParameterValueStruct><Name>Device.ManagementServer.AliasBasedAddressing"
      "</Name><Value xsi:type=\"xsd:boolean\">false</Value></ParameterValueStruct>";
  inform.replace(inform.find("</ParameterList>"), 0, extra);
  inform.replace(inform.find("ParameterValueStruct[6]"), 23, "ParameterValueStruct[7]");
  BOOST_CHECK_EQUAL(cpe.Post(inform).status, 200);
  HttpResult r = cpe.Post("");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_CHECK(r.body.find("<ParameterPath></ParameterPath>") != std::string::npos);
  r = cpe.Post(WithId(Recording("010-gpv-cpe-GetParameterNamesResponse.xml"), IdOf(r.body)));
  std::vector<std::string> methods;
  while (r.status == 200) {
    cwmp::Codec codec;
    cwmp::AcsEnvelope env;
    cwmp::DecodeError err;
    BOOST_REQUIRE(codec.DecodeAcs(r.body, &env, &err).ok());
    const auto& request = std::get<cwmp::AcsRequest>(env.body);
    methods.push_back(cwmp::MessageName(request));
    cwmp::CpeResponse answer = cwmp::RebootResponse{};
    if (auto* gpv = std::get_if<cwmp::GetParameterValues>(&request)) {
      cwmp::GetParameterValuesResponse values;
      for (const auto& n : gpv->parameter_names) values.parameter_list.push_back({n, "v"});
      answer = values;
    } else if (std::holds_alternative<cwmp::SetParameterValues>(request)) {
      answer = cwmp::SetParameterValuesResponse{0};
    } else if (auto* add = std::get_if<cwmp::AddObject>(&request)) {
      BOOST_CHECK_EQUAL(add->object_name, "Device.SoftwareModules.ExecutionUnit.");
      answer = cwmp::AddObjectResponse{2, 0};
    }
    r = cpe.Post(EncodeResponse(*env.header.id, answer));
  }
  ExpectEnd(r);
  BOOST_CHECK((methods ==
               std::vector<std::string>{"GetParameterValues", "SetParameterValues", "AddObject"}));
  int status = 0;
  BOOST_REQUIRE_EQUAL(waitpid(pid, &status, 0), pid);
  reaper.pid = 0;
  BOOST_CHECK(WIFEXITED(status));
  BOOST_CHECK_EQUAL(WEXITSTATUS(status), 0);  // --strict: no violation was recorded
  std::string rest;
  while (fgets(line, sizeof(line), stream)) rest += line;
  fclose(stream);
  BOOST_CHECK(rest.find("ACS → 200 AddObject") != std::string::npos);
  BOOST_CHECK(rest.find("session 1: completed, 4 ACS request(s), 0 violation(s)") !=
              std::string::npos);
}

// The ACS over TLS (certificate made by the openssl CLI for 127.0.0.1), verified by the client.
BOOST_AUTO_TEST_CASE(session_over_tls) {
  char dir_template[] = "/tmp/edgecwmp-acs-tls-XXXXXX";
  BOOST_REQUIRE(mkdtemp(dir_template));
  const std::string dir = dir_template;
  struct Cleanup {
    std::string dir;
    ~Cleanup() { (void)std::system(("rm -rf '" + dir + "'").c_str()); }
  } cleanup{dir};
  const std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
      dir + "/key.pem' -out '" + dir + "/cert.pem' >/dev/null 2>&1";
  BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  TestAcsOptions o = RecordedCpeOptions();
  o.tls_cert_file = dir + "/cert.pem";
  o.tls_key_file = dir + "/key.pem";
  Started s(o);
  BOOST_CHECK_EQUAL(s.acs.url().rfind("https://127.0.0.1:", 0), 0u);
  FakeCpe cpe(s.acs.url());
  cpe.UseCaFile(dir + "/cert.pem");
  HttpResult r = cpe.Post(Recording("001-boot-cpe-Inform.xml"));
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(r.body, Recording("003-boot-acs-InformResponse.xml"));
  ExpectEnd(cpe.Post(""));
  BOOST_CHECK(s.acs.WaitForSessions(1, kWait));
  BOOST_CHECK_EQUAL(s.acs.Violations().size(), 0u);
}
