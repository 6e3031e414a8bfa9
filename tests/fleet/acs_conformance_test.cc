// SPDX-License-Identifier: GPL-2.0-or-later
// AcsConformance, rule by rule: each test breaks exactly one rule of a conforming session and
// expects exactly that rule (and no other) to be reported.
#include "cwmp/fleet/acs_conformance.h"

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/fleet/transcript_builder.h"

using namespace edgecwmp::cwmp::fleet;           // NOLINT
using namespace edgecwmp::cwmp::fleet::testing;  // NOLINT

namespace {

std::multiset<std::string> RulesOf(const SessionTranscript& s) {
  std::multiset<std::string> out;
  for (const AcsViolation& v : AcsConformance::Check(s)) out.insert(v.rule);
  return out;
}

std::string Details(const SessionTranscript& s) {
  std::string out;
  for (const AcsViolation& v : AcsConformance::Check(s)) out += v.rule + ": " + v.detail + "\n";
  return out;
}

using Rules = std::multiset<std::string>;

HttpExchange& InformExchange(SessionTranscript& s) { return s.exchanges.front(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(acs_conformance)

BOOST_AUTO_TEST_CASE(every_rule_has_a_section_and_a_unique_id) {
  std::set<std::string> ids;
  for (const AcsRule& r : AcsRules()) {
    BOOST_TEST(std::string(r.section).size() > 0);
    BOOST_TEST(ids.insert(r.id).second, r.id);
  }
  BOOST_TEST(ids.size() == 11u);
}

BOOST_AUTO_TEST_CASE(a_conforming_session_has_no_violation) {
  SessionTranscript s = ConformingSession();
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(an_inform_answered_with_a_well_formed_8005_is_no_violation) {
  SessionTranscript s = ConformingSession();
  s.exchanges.resize(1);
  InformExchange(s).response_body = Envelope(kNs12, "cpe-1", FaultBody(8005));
  InformExchange(s).acs_message = "Fault";
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(inform_response_must_hold_only_max_envelopes) {
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body = Envelope(
      kNs12, "cpe-1",
      "<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes><Extra>x</Extra></cwmp:InformResponse>");
  BOOST_TEST(RulesOf(s) == Rules({"inform-response"}), Details(s));
}

BOOST_AUTO_TEST_CASE(an_inform_answered_with_a_request_breaks_inform_response) {
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body =
      Envelope(kNs12, "cpe-1", "<cwmp:GetRPCMethods></cwmp:GetRPCMethods>");
  BOOST_TEST(RulesOf(s) == Rules({"inform-response"}), Details(s));
}

BOOST_AUTO_TEST_CASE(an_empty_answer_to_the_inform_breaks_inform_response) {
  SessionTranscript s = ConformingSession();
  s.exchanges.resize(1);
  InformExchange(s).status = 204;
  InformExchange(s).response_body.clear();
  InformExchange(s).response_headers.clear();
  BOOST_TEST(RulesOf(s) == Rules({"inform-response"}), Details(s));
}

BOOST_AUTO_TEST_CASE(max_envelopes_other_than_1) {
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body = Envelope(kNs12, "cpe-1", InformResponseBody("2"));
  BOOST_TEST(RulesOf(s) == Rules({"max-envelopes"}), Details(s));
}

BOOST_AUTO_TEST_CASE(a_post_returning_the_cookie_refused_as_sessionless) {
  SessionTranscript s = ConformingSession();
  HttpExchange& empty_post = s.exchanges[2];
  empty_post.status = 400;
  empty_post.response_body = "Invalid session";
  empty_post.response_headers = {{"Connection", "close"}};
  s.exchanges.resize(3);
  s.completed = false;
  BOOST_TEST(RulesOf(s) == Rules({"cookie"}), Details(s));
}

BOOST_AUTO_TEST_CASE(a_cpe_that_drops_the_cookie_is_not_the_acs_fault) {
  SessionTranscript s = ConformingSession();
  HttpExchange& empty_post = s.exchanges[2];
  empty_post.request_headers.clear();  // the CPE forgot the cookie
  empty_post.status = 400;
  empty_post.response_body = "Invalid session";
  empty_post.response_headers = {{"Connection", "close"}};
  s.exchanges.resize(3);
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(a_refused_garbled_or_misnumbered_cpe_message_is_not_the_acs_fault) {
  SessionTranscript s = ConformingSession();
  HttpExchange& response = s.exchanges[3];  // the GetParameterValuesResponse
  response.status = 400;
  response.response_headers = {{"Connection", "close"}};
  s.completed = false;
  BOOST_TEST(RulesOf(s) == Rules({"cookie"}), Details(s));  // well-formed, right cwmp:ID
  response.request_body = "<garbled";
  BOOST_TEST(Details(s) == "");
  response.request_body = Envelope(
      kNs12, "not-acs-1", "<cwmp:GetParameterValuesResponse></cwmp:GetParameterValuesResponse>");
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(an_answer_in_another_namespace) {
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body =
      Envelope("urn:dslforum-org:cwmp-1-0", "cpe-1", InformResponseBody());
  BOOST_TEST(RulesOf(s) == Rules({"namespace"}), Details(s));
}

BOOST_AUTO_TEST_CASE(use_cwmp_version_negotiates_an_offered_older_version) {
  const std::string ns14 = "urn:dslforum-org:cwmp-1-4";
  SessionTranscript s = ConformingSession();
  InformExchange(s).request_body =
      Envelope(ns14, "cpe-1", InformBody(),
               "<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">1.0,1.1,1.2,1.3,1.4"
               "</cwmp:SupportedCWMPVersions>");
  InformExchange(s).response_body =
      Envelope(ns14, "cpe-1", InformResponseBody(),
               "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.2</cwmp:UseCWMPVersion>");
  BOOST_TEST(Details(s) == "");  // the rest of the session speaks cwmp-1-2

  // Without UseCWMPVersion the session stays in cwmp-1-4 and the cwmp-1-2 answers break it.
  InformExchange(s).response_body = Envelope(ns14, "cpe-1", InformResponseBody());
  BOOST_TEST(RulesOf(s) == Rules({"namespace", "namespace"}), Details(s));
}

BOOST_AUTO_TEST_CASE(use_cwmp_version_the_cpe_did_not_offer) {
  const std::string ns14 = "urn:dslforum-org:cwmp-1-4";
  SessionTranscript s = ConformingSession();
  s.exchanges.resize(1);
  InformExchange(s).request_body =
      Envelope(ns14, "cpe-1", InformBody(),
               "<cwmp:SupportedCWMPVersions soap-env:mustUnderstand=\"0\">1.3,1.4"
               "</cwmp:SupportedCWMPVersions>");
  InformExchange(s).response_body =
      Envelope(ns14, "cpe-1", InformResponseBody(),
               "<cwmp:UseCWMPVersion soap-env:mustUnderstand=\"1\">1.2</cwmp:UseCWMPVersion>");
  BOOST_TEST(RulesOf(s) == Rules({"namespace"}), Details(s));
}

BOOST_AUTO_TEST_CASE(hold_requests_without_must_understand) {
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body =
      Envelope(kNs12, "cpe-1", InformResponseBody(), "<cwmp:HoldRequests>0</cwmp:HoldRequests>");
  BOOST_TEST(RulesOf(s) == Rules({"hold-requests"}), Details(s));
  InformExchange(s).response_body =
      Envelope(kNs12, "cpe-1", InformResponseBody(),
               "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">false</cwmp:HoldRequests>");
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(an_empty_200_that_claims_text_xml) {
  SessionTranscript s = ConformingSession();
  HttpExchange& last = s.exchanges.back();
  last.status = 200;
  last.response_headers = {{"Content-Type", "text/xml"}};
  BOOST_TEST(RulesOf(s) == Rules({"empty-response"}), Details(s));
  last.response_headers = {{"Content-Length", "0"}};  // an empty 200 is a valid end
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(an_empty_answer_to_a_cpe_request) {
  SessionTranscript s = ConformingSession();
  s.exchanges.resize(2);
  s.exchanges[1].status = 204;
  s.exchanges[1].response_body.clear();
  s.exchanges[1].response_headers.clear();
  BOOST_TEST(RulesOf(s) == Rules({"empty-response"}), Details(s));
}

BOOST_AUTO_TEST_CASE(a_soap_answer_not_sent_as_text_xml) {
  SessionTranscript s = ConformingSession();
  s.exchanges[2].response_headers = {{"Content-Type", "text/html"}};
  BOOST_TEST(RulesOf(s) == Rules({"soap-http"}), Details(s));
}

BOOST_AUTO_TEST_CASE(genieacs_malformed_fault_breaks_fault_structure_only) {
  SessionTranscript s = ConformingSession();
  s.exchanges[1].response_body = Envelope(
      kNs12, "cpe-2",
      "<soap-env:Body:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring>"
      "<detail><cwmp:Fault><FaultCode>8000</FaultCode><FaultString>Method not supported"
      "</FaultString></cwmp:Fault></detail></soap-env:Body:Fault>");
  BOOST_TEST(RulesOf(s) == Rules({"fault-structure"}), Details(s));
  s.exchanges[1].response_body = Envelope(kNs12, "cpe-2", FaultBody(8000, "Method not supported"));
  BOOST_TEST(Details(s) == "");
}

BOOST_AUTO_TEST_CASE(a_fault_without_cwmp_detail) {
  SessionTranscript s = ConformingSession();
  s.exchanges[1].response_body =
      Envelope(kNs12, "cpe-2",
               "<soap-env:Fault><faultcode>Server</faultcode><faultstring>CWMP fault"
               "</faultstring></soap-env:Fault>");
  BOOST_TEST(RulesOf(s) == Rules({"fault-structure"}), Details(s));
}

BOOST_AUTO_TEST_CASE(a_fault_code_outside_the_acs_range) {
  SessionTranscript s = ConformingSession();
  s.exchanges[1].response_body = Envelope(kNs12, "cpe-2", FaultBody(9002, "Internal error"));
  BOOST_TEST(RulesOf(s) == Rules({"fault-code"}), Details(s));
  s.exchanges[1].response_body = Envelope(kNs12, "cpe-2", FaultBody(8899, "Vendor"));
  BOOST_TEST(Details(s) == "");
  s.exchanges[1].response_body = Envelope(kNs12, "cpe-2", FaultBody(8006, "Version"));
  BOOST_TEST(RulesOf(s) == Rules({"fault-code"}), "8006 exists from cwmp-1-4 on only");
}

BOOST_AUTO_TEST_CASE(fault_8005_answering_the_empty_post) {
  SessionTranscript s = ConformingSession();
  s.exchanges[2].response_body = Envelope(kNs12, "acs-1", FaultBody(8005));
  s.exchanges.resize(3);
  BOOST_TEST(RulesOf(s) == Rules({"retry-8005"}), Details(s));
}

BOOST_AUTO_TEST_CASE(an_inform_refused_with_8005_session_after_session) {
  AcsConformanceOptions options;
  options.max_8005_in_a_row = 3;
  AcsConformance conformance(options);
  SessionTranscript refused = ConformingSession();
  refused.exchanges.resize(1);
  InformExchange(refused).response_body = Envelope(kNs12, "cpe-1", FaultBody(8005));
  refused.completed = false;
  for (int i = 0; i < 2; ++i) conformance.OnSession(refused);
  conformance.OnSession(ConformingSession());  // accepted: the run starts again
  for (int i = 0; i < 2; ++i) conformance.OnSession(refused);
  BOOST_TEST(conformance.Counts().empty());
  conformance.OnSession(refused);  // third in a row
  BOOST_TEST((conformance.Counts() == std::map<std::string, uint64_t>{{"retry-8005", 1}}));
  SessionTranscript other = refused;
  other.cpe_id = "00D0B7-EdgeGW-VEC0002";  // runs are per CPE
  conformance.OnSession(other);
  BOOST_TEST(conformance.Counts().at("retry-8005") == 1u);
  BOOST_TEST(conformance.sessions_checked() == 7u);
}

BOOST_AUTO_TEST_CASE(an_inform_response_with_another_cwmp_id) {
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body = Envelope(kNs12, "acs-7", InformResponseBody());
  BOOST_TEST(RulesOf(s) == Rules({"cwmp-id"}), Details(s));
}

BOOST_AUTO_TEST_CASE(a_cwmp_id_without_must_understand) {
  SessionTranscript s = ConformingSession();
  s.exchanges[2].response_body =
      "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:cwmp=\"" +
      kNs12 +
      "\"><soap-env:Header><cwmp:ID>acs-1</cwmp:ID></soap-env:Header><soap-env:Body>"
      "<cwmp:GetRPCMethods></cwmp:GetRPCMethods></soap-env:Body></soap-env:Envelope>";
  BOOST_TEST(RulesOf(s) == Rules({"cwmp-id"}), Details(s));
}

BOOST_AUTO_TEST_CASE(report_counts_per_rule_with_first_examples) {
  AcsConformanceOptions options;
  options.examples_per_rule = 2;
  AcsConformance conformance(options);
  SessionTranscript s = ConformingSession();
  InformExchange(s).response_body = Envelope(kNs12, "cpe-1", InformResponseBody("5"));
  for (int i = 0; i < 3; ++i) conformance.OnSession(s);
  conformance.OnSession(ConformingSession());
  const nlohmann::json report = conformance.Report();
  BOOST_TEST(report["sessions_checked"].get<uint64_t>() == 4u);
  BOOST_TEST(report["violations"].get<uint64_t>() == 3u);
  BOOST_TEST(report["rules"].size() == AcsRules().size());
  for (const auto& rule : report["rules"]) {
    if (rule["rule"] == "max-envelopes") {
      BOOST_TEST(rule["count"].get<uint64_t>() == 3u);
      BOOST_TEST(rule["section"].get<std::string>() == "TR-069 A.3.3.1");
      BOOST_TEST(rule["examples"].size() == 2u);
      BOOST_TEST(rule["examples"][0].get<std::string>() ==
                 "00D0B7-EdgeGW-VEC0001: InformResponse MaxEnvelopes 5");
    } else {
      BOOST_TEST(rule["count"].get<uint64_t>() == 0u, rule["rule"]);
    }
  }
  BOOST_TEST(conformance.Summary() == "conformance: 3 violation(s): max-envelopes 3");
}

BOOST_AUTO_TEST_CASE(many_threads_check_at_once) {
  AcsConformance conformance;
  SessionTranscript bad = ConformingSession();
  InformExchange(bad).response_body = Envelope(kNs12, "cpe-1", InformResponseBody("2"));
  const SessionTranscript good = ConformingSession();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) conformance.OnSession(i % 2 ? bad : good);
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(conformance.sessions_checked() == 1000u);
  BOOST_TEST((conformance.Counts() == std::map<std::string, uint64_t>{{"max-envelopes", 500}}));
}

BOOST_AUTO_TEST_CASE(message_name_and_fault_code_read_without_the_codec) {
  BOOST_TEST(CwmpMessageName(Envelope(kNs12, "1", InformResponseBody())) == "InformResponse");
  BOOST_TEST(CwmpMessageName("") == "");
  BOOST_TEST(CwmpMessageName("Invalid session") == "");
  BOOST_TEST(CwmpFaultCode(Envelope(kNs12, "1", FaultBody(8005))).value() == 8005u);
  BOOST_TEST(!CwmpFaultCode(Envelope(kNs12, "1", InformResponseBody())).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
