// SPDX-License-Identifier: GPL-2.0-or-later
// The real cwmpd runs a TR-143 test the way GenieACS asks for one: one SetParameterValues of the
// inputs plus DiagnosticsState = Requested; the test starts once that session is over; a new
// session carries "8 DIAGNOSTICS COMPLETE"; a GetParameterValues there reads the results, which
// must match the link's ground truth (a server answering 50 ms late). The daemon and the test ACS
// live in the lab's "cpe" namespace (the test's thread enters it before starting them).
#define BOOST_TEST_MODULE diagnostics_e2e_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/diagnostics/ping_lab.h"
#include "tests/e2e/e2e_support.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

constexpr const char* kPing = "Device.IP.Diagnostics.IPPing.";
constexpr const char* kDiagnosticsComplete = "8 DIAGNOSTICS COMPLETE";

cwmp::ParameterValueStruct Value(const std::string& name, std::string value,
                                 std::string type = "xsd:string") {
  return cwmp::ParameterValueStruct{kPing + name, std::move(value), std::move(type)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(ipping_spv_then_8_diagnostics_complete_then_results) {
  PingLab lab(std::chrono::milliseconds(50));
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  e2e::AgentFixture f;
  // Session 1, as GenieACS's setParameterValues task: inputs and Requested in one SPV.
  f.acs.QueueSession({cwmp::SetParameterValues{{Value("Host", testing::kServerAddress),
                                                Value("NumberOfRepetitions", "4",
                                                      "xsd:unsignedInt"),
                                                Value("Timeout", "2000", "xsd:unsignedInt"),
                                                Value("DiagnosticsState", "Requested")},
                                               "diag-1"},
                      cwmp::GetParameterValues{{std::string(kPing) + "DiagnosticsState"}}});
  // Session 2 (the one the 8 event opens): GenieACS reads the object.
  f.acs.QueueSession({cwmp::GetParameterValues{{kPing}}});
  f.StartAgent();
  BOOST_REQUIRE(f.acs.WaitUntil(
      [](const std::vector<acs::SessionRecord>& sessions) {
        for (const auto& s : sessions) {
          if (s.HasEvent(kDiagnosticsComplete) && s.end != acs::SessionEnd::kRunning) return true;
        }
        return false;
      },
      e2e::kWait));
  const auto sessions = f.acs.Sessions();
  BOOST_REQUIRE(sessions.size() >= 2u);
  const acs::SessionRecord& first = sessions[0];
  BOOST_TEST(!first.HasEvent(kDiagnosticsComplete));
  BOOST_REQUIRE(first.ExchangesOf("SetParameterValues").size() == 1u);
  BOOST_TEST(!first.ExchangesOf("SetParameterValues")[0]->fault_code.has_value());
  // Still Requested inside the session that asked: the test waits for the session to end.
  BOOST_TEST(first.ReturnedValues().at(std::string(kPing) + "DiagnosticsState") == "Requested");

  const auto report = f.LastWith(kDiagnosticsComplete);
  BOOST_REQUIRE(report.has_value());
  BOOST_TEST(report->number == 2);
  const auto values = report->ReturnedValues();
  auto at = [&](const std::string& name) { return values.at(kPing + name); };
  BOOST_TEST(at("DiagnosticsState") == "Complete");
  BOOST_TEST(at("SuccessCount") == "4");
  BOOST_TEST(at("FailureCount") == "0");
  BOOST_TEST(at("IPAddressUsed") == testing::kCpeAddress);
  const unsigned long average = std::stoul(at("AverageResponseTime"));
  BOOST_TEST(average >= 40u);   // the server's 50 ms delay, generously bounded
  BOOST_TEST(average <= 500u);
  BOOST_TEST(std::stoul(at("MinimumResponseTimeDetailed")) >= 40000u);
  BOOST_TEST(lab.echo->answered() == 4);
  f.StopAgent();
}
