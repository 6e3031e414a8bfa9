// SPDX-License-Identifier: GPL-2.0-or-later
// `--check` finds exactly what a broken ACS does wrong: for each planted fault of the test ACS
// (tests/acs/acs_planted.h), one real session of the agent's engine (cwmp/session/session.h over
// base/http_client.h's HttpSession) runs against it through a recording proxy on loopback that
// writes the SessionTranscript as the fleet would; AcsConformance must report that fault's rule
// and nothing else. The same session against the unbroken ACS shows no violation.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <boost/test/unit_test.hpp>

#include "base/http_client.h"
#include "base/http_headers.h"
#include "cwmp/fleet/acs_conformance.h"
#include "cwmp/fleet/fleet_stats.h"
#include "cwmp/protocol/codec.h"
#include "cwmp/session/session.h"
#include "cwmp/transport/http_server.h"
#include "tests/acs/acs_checks.h"
#include "tests/acs/acs_planted.h"
#include "tests/acs/test_acs.h"

using namespace edgecwmp;               // NOLINT
using namespace edgecwmp::cwmp::fleet;  // NOLINT

namespace {

bool HopByHop(const std::string& name) {
  for (const char* h : {"host", "content-length", "connection", "transfer-encoding", "expect",
                        "keep-alive", "date"}) {
    if (boost::beast::iequals(name, h)) return true;
  }
  return false;
}

// An HTTP proxy on loopback between the engine and the ACS: each POST is forwarded (HttpFetch,
// its own connection: the test ACS keys sessions by cookie, not by connection) and recorded as
// an HttpExchange of the one session under way.
class RecordingProxy {
 public:
  explicit RecordingProxy(std::string upstream) : upstream_(std::move(upstream)) {
    server_ = std::make_unique<cwmp::HttpServer>(
        cwmp::HttpServerOptions{}, [this](const cwmp::HttpRequest& r) { return Forward(r); });
  }
  Status Start() { return server_->Start(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()) + "/"; }

  SessionTranscript Take(bool completed) {
    std::lock_guard<std::mutex> lock(mu_);
    SessionTranscript out = std::move(transcript_);
    out.completed = completed;
    transcript_ = {};
    return out;
  }

 private:
  cwmp::HttpReply Forward(const cwmp::HttpRequest& req) {
    HttpFetchRequest f;
    f.method = req.method;
    f.url = upstream_ + req.target.substr(req.target.empty() ? 0 : 1);
    for (const auto& [name, value] : req.headers)
      if (!HopByHop(name)) f.headers.emplace_back(name, value);
    f.body = req.body;
    f.connect_timeout_ms = 5000;
    f.timeout_ms = 10000;
    HttpExchange e;
    e.request_headers = req.headers;
    e.request_body = req.body;
    e.cpe_message = CwmpMessageName(req.body);
    const auto start = std::chrono::steady_clock::now();
    HttpResponse r;
    const Status s = HttpFetch(f, &r);
    e.response_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    cwmp::HttpReply reply;
    if (s.ok()) {
      e.status = r.status;
      e.response_headers = r.headers;
      e.response_body = r.body;
      e.acs_message = CwmpMessageName(r.body);
      reply.status = static_cast<int>(r.status);
      for (const auto& [name, value] : r.headers)
        if (!HopByHop(name)) reply.headers.emplace_back(name, value);
      reply.body = r.body;
      reply.close = r.connection_close;
    } else {
      reply.status = 502;
      reply.close = true;
    }
    std::lock_guard<std::mutex> lock(mu_);
    transcript_.exchanges.push_back(std::move(e));
    return reply;
  }

  const std::string upstream_;
  std::unique_ptr<cwmp::HttpServer> server_;
  std::mutex mu_;
  SessionTranscript transcript_;
};

cwmp::Inform BootInform(const std::string& serial) {
  cwmp::Inform inform;
  inform.device_id = {"EdgeCo", "00D0B7", "EdgeGW", serial};
  inform.event = {{"1 BOOT", ""}};
  inform.current_time = "2026-11-25T03:58:15Z";
  for (const std::string& name : acs::DefaultForcedInformParameters()) {
    inform.parameter_list.push_back(
        {name, name.find("AliasBased") != std::string::npos ? "false" : "x",
         name.find("AliasBased") != std::string::npos ? "xsd:boolean" : "xsd:string"});
  }
  return inform;
}

struct Run {
  cwmp::SessionResult result;
  SessionTranscript transcript;
};

// One boot session of the engine against a test ACS with |planted| faults, recorded.
Run OneSession(const std::set<acs::PlantedFault>& planted) {
  acs::TestAcsOptions options;
  options.planted = planted;
  acs::TestAcs server(options);
  BOOST_TEST_REQUIRE(server.Start().ok());
  RecordingProxy proxy(server.url());
  BOOST_TEST_REQUIRE(proxy.Start().ok());

  HttpClientConfig config;
  config.url = proxy.url();
  config.connect_timeout_ms = 5000;
  config.request_timeout_ms = 10000;
  HttpSession http(config);
  cwmp::Codec codec;
  cwmp::SessionPlan plan;
  plan.version = cwmp::Version::k1_2;
  plan.inform = BootInform("VEC0001");
  cwmp::SessionHooks hooks;
  hooks.handle = [](const cwmp::AcsRequest&) -> cwmp::CpeResponse {
    return cwmp::Fault{9000, "Method not supported", {}};
  };
  Run run;
  run.result = cwmp::RunSession(plan, &http, &codec, hooks);
  run.transcript = proxy.Take(run.result.outcome == cwmp::SessionOutcome::kCompleted);
  run.transcript.cpe_id = "00D0B7-EdgeGW-VEC0001";
  return run;
}

std::map<std::string, uint64_t> CountsOf(const SessionTranscript& s) {
  std::map<std::string, uint64_t> out;
  for (const AcsViolation& v : AcsConformance::Check(s)) ++out[v.rule];
  return out;
}

std::string Describe(const Run& run) {
  std::string out = std::string("engine: ") + cwmp::SessionOutcomeName(run.result.outcome) + " " +
                    run.result.detail + "\n";
  for (const HttpExchange& e : run.transcript.exchanges)
    out += "  " + (e.cpe_message.empty() ? "empty POST" : e.cpe_message) + " -> " +
           std::to_string(e.status) + " " + e.acs_message + "\n";
  for (const AcsViolation& v : AcsConformance::Check(run.transcript))
    out += "  violation " + v.rule + ": " + v.detail + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(planted_faults_e2e)

BOOST_AUTO_TEST_CASE(planted_faults_are_named_for_test_acs_plant) {
  std::set<acs::PlantedFault> planted;
  std::string error;
  BOOST_TEST(acs::ParsePlantedFaults("all", &planted, &error));
  BOOST_TEST(planted.size() == acs::PlantedFaults().size());
  planted.clear();
  BOOST_TEST(acs::ParsePlantedFaults("wrong-id,misplaced-8005", &planted, &error));
  BOOST_TEST((planted == std::set<acs::PlantedFault>{acs::PlantedFault::kWrongId,
                                                     acs::PlantedFault::kMisplaced8005}));
  BOOST_TEST(!acs::ParsePlantedFaults("wrong-id,no-such-fault", &planted, &error));
  BOOST_TEST(error == "unknown planted fault 'no-such-fault'");
}

BOOST_AUTO_TEST_CASE(the_unbroken_test_acs_shows_no_violation) {
  const Run run = OneSession({});
  BOOST_TEST((run.result.outcome == cwmp::SessionOutcome::kCompleted), Describe(run));
  BOOST_TEST(run.transcript.exchanges.size() == 2u, Describe(run));  // Inform, empty POST
  BOOST_TEST(CountsOf(run.transcript).empty(), Describe(run));
}

BOOST_AUTO_TEST_CASE(each_planted_fault_is_found_as_exactly_its_rule) {
  AcsConformance conformance;
  FleetStats stats;
  std::map<std::string, uint64_t> expected;
  for (const acs::PlantedFaultInfo& f : acs::PlantedFaults()) {
    BOOST_TEST_CONTEXT("planted " << f.name) {
      const Run run = OneSession({f.fault});
      BOOST_TEST_MESSAGE(f.name << ": " << Describe(run));
      BOOST_TEST((CountsOf(run.transcript) == std::map<std::string, uint64_t>{{f.rule, 1}}),
                 Describe(run));
      conformance.OnSession(run.transcript);
      stats.OnSession(run.transcript);
      ++expected[f.rule];
    }
  }
  // Every rule of the check has its planted fault.
  BOOST_TEST(expected.size() == AcsRules().size());
  BOOST_TEST(conformance.Counts() == expected);
  BOOST_TEST_MESSAGE(conformance.Summary());
  BOOST_TEST_MESSAGE(stats.ProgressLine());
}

BOOST_AUTO_TEST_SUITE_END()
