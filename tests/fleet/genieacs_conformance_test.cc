// SPDX-License-Identifier: GPL-2.0-or-later
// `--check` against what GenieACS 1.2.16 really sent (../shared/interop/genieacs): the recorded
// sessions as transcripts, held to every rule. It finds exactly one violation: the malformed
// `soap-env:Body:Fault` of its fault 8000 to AutonomousTransferComplete (recording 101).
#include <map>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "cwmp/fleet/acs_conformance.h"
#include "cwmp/fleet/fleet_stats.h"
#include "tests/fleet/genieacs_recordings.h"

using namespace edgecwmp;                        // NOLINT
using namespace edgecwmp::cwmp::fleet;           // NOLINT
using namespace edgecwmp::cwmp::fleet::testing;  // NOLINT

namespace {

std::vector<RecordedSession> Recorded() {
  std::vector<RecordedSession> sessions;
  Status s = LoadGenieAcsSessions(GenieAcsRecordingDir(), &sessions);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  return sessions;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(genieacs_conformance)

BOOST_AUTO_TEST_CASE(recordings_become_one_transcript_per_scenario) {
  const std::vector<RecordedSession> sessions = Recorded();
  std::vector<std::string> scenarios;
  for (const auto& s : sessions) scenarios.push_back(s.scenario);
  const std::vector<std::string> expected = {
      "boot",     "gpv",        "spv",          "refresh",  "add",      "delete",
      "gpv-bad",  "reboot",     "after-reboot", "factory",  "download", "transfer-complete",
      "periodic", "autonomous", "cwmp14",       "nosession"};
  BOOST_TEST(scenarios == expected, boost::test_tools::per_element());

  // gpv: Inform, empty POST -> GetParameterNames, its response -> GetParameterValues, its
  // response -> 204.
  const SessionTranscript& gpv = sessions[1].transcript;
  BOOST_TEST(gpv.cpe_id == "00D0B7-EdgeGW-VEC0001");
  BOOST_TEST_REQUIRE(gpv.exchanges.size() == 4u);
  BOOST_TEST(gpv.exchanges[0].acs_message == "InformResponse");
  BOOST_TEST(gpv.exchanges[1].cpe_message == "");
  BOOST_TEST(gpv.exchanges[1].acs_message == "GetParameterNames");
  BOOST_TEST(gpv.exchanges[2].acs_message == "GetParameterValues");
  BOOST_TEST(gpv.exchanges[3].status == 204);
  BOOST_TEST(gpv.completed);

  const SessionTranscript& cwmp14 = sessions[14].transcript;
  BOOST_TEST_REQUIRE(cwmp14.exchanges.size() == 1u);
  BOOST_TEST(cwmp14.exchanges[0].status == 400);
  BOOST_TEST(cwmp14.exchanges[0].response_body == "Unrecognized CWMP version");
  BOOST_TEST(!cwmp14.completed);
}

BOOST_AUTO_TEST_CASE(the_check_finds_only_the_malformed_8000_fault) {
  AcsConformance conformance;
  std::map<std::string, std::vector<std::string>> by_scenario;
  for (const RecordedSession& s : Recorded()) {
    conformance.OnSession(s.transcript);
    for (const AcsViolation& v : AcsConformance::Check(s.transcript))
      by_scenario[s.scenario].push_back(v.rule + ": " + v.detail);
  }
  BOOST_TEST_MESSAGE(conformance.Report().dump(2));
  BOOST_TEST(conformance.sessions_checked() == 16u);
  BOOST_TEST((conformance.Counts() == std::map<std::string, uint64_t>{{"fault-structure", 1}}));
  BOOST_TEST_REQUIRE(by_scenario.size() == 1u);
  BOOST_TEST(by_scenario.begin()->first == "autonomous");
  BOOST_TEST(by_scenario.begin()->second ==
                 std::vector<std::string>({"fault-structure: fault to AutonomousTransferComplete: "
                                           "the Body's element is <soap-env:Body:Fault>, not a "
                                           "SOAP Fault"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stats_of_the_recorded_sessions) {
  FleetStatsOptions options;
  options.fault_codes = true;
  FleetStats stats(options);
  for (const RecordedSession& s : Recorded()) stats.OnSession(s.transcript);
  const nlohmann::json r = stats.Report();
  BOOST_TEST_MESSAGE(r.dump(2));
  BOOST_TEST(r["outcomes"]["completed"].get<uint64_t>() == 14u);
  BOOST_TEST(r["outcomes"]["http error"].get<uint64_t>() == 2u);  // cwmp14 and nosession: 400
  BOOST_TEST(r["http_errors"]["400"].get<uint64_t>() == 2u);
  // The malformed soap-env:Body:Fault still counts as the fault 8000 it carries.
  BOOST_TEST(r["acs_faults"].size() == 1u);
  BOOST_TEST(r["acs_faults"]["8000"].get<uint64_t>() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
