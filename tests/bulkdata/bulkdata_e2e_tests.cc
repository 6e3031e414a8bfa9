// SPDX-License-Identifier: GPL-2.0-or-later
// End-to-end: the real cwmpd (a child process) and the test ACS over loopback. The ACS creates a
// BulkData profile with AddObject and SetParameterValues; a real collector (collector.h, Digest)
// receives its JSON reports at the interval; during an outage the daemon keeps the reports and
// the first transfer after it delivers every one, also when the daemon crashed in between.
#define BOOST_TEST_MODULE bulkdata_e2e_tests
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "tests/bulkdata/collector.h"
#include "tests/e2e/e2e_checks.h"
#include "tests/support/wait_until.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT

namespace {

constexpr int kInterval = 2;  // seconds: the shortest that keeps a busy machine on time
constexpr const char* kProfile = "Device.BulkData.Profile.1.";

std::string P(const std::string& name) { return kProfile + name; }

// The reports of every delivery, in arrival order.
std::vector<nlohmann::json> Reports(const testing::Collector& collector) {
  std::vector<nlohmann::json> reports;
  for (const testing::Delivery& d : collector.deliveries()) {
    const nlohmann::json body = nlohmann::json::parse(d.body);
    for (const nlohmann::json& report : body.at("Report")) reports.push_back(report);
  }
  return reports;
}

// The largest N of the daemon's "N report(s) not delivered" lines.
int MostUndelivered(const std::string& log) {
  static const std::regex kLine(R"(bulkdata: profile 1: (\d+) report\(s\) not delivered)");
  int most = 0;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), kLine); it != std::sregex_iterator();
       ++it) {
    most = std::max(most, std::atoi((*it)[1].str().c_str()));
  }
  return most;
}

// The ACS's boot session: a profile reporting UpTime and its own interval every kInterval s to
// |collector| with Digest credentials, retaining every failed report; then what GPV shows.
acs::SessionScript ConfigureProfile(const testing::Collector& collector) {
  return {
      cwmp::AddObject{"Device.BulkData.Profile.", "bd-1"},
      cwmp::AddObject{P("Parameter."), "bd-2"},
      cwmp::AddObject{P("Parameter."), "bd-3"},
      Spv({{"Device.BulkData.Enable", "true", "xsd:boolean"},
           {P("Enable"), "true", "xsd:boolean"},
           {P("ReportingInterval"), std::to_string(kInterval), "xsd:unsignedInt"},
           {P("NumberOfRetainedFailedReports"), "-1", "xsd:int"},
           {P("JSONEncoding.ReportFormat"), "NameValuePair", "xsd:string"},
           {P("HTTP.URL"), collector.Url("/bulk"), "xsd:string"},
           {P("HTTP.Username"), "collector", "xsd:string"},
           {P("HTTP.Password"), "collector-secret", "xsd:string"},
           {P("Parameter.1.Reference"), "Device.DeviceInfo.UpTime", "xsd:string"},
           {P("Parameter.2.Name"), "interval", "xsd:string"},
           {P("Parameter.2.Reference"), P("ReportingInterval"), "xsd:string"}},
          "bd-4"),
      cwmp::GetParameterValues{{P("HTTP.Password"), "Device.BulkData.Status"}},
  };
}

testing::CollectorOptions DigestCollector() {
  testing::CollectorOptions options;
  options.auth = acs::AuthMode::kDigest;
  return options;
}

// A Digest collector, and cwmpd whose boot session ConfigureProfile scripts.
struct Rig {
  testing::Collector collector{DigestCollector()};
  AgentFixture f;
  Rig() {
    BOOST_REQUIRE(collector.Start());
    f.acs.QueueSession(ConfigureProfile(collector));
    f.StartAgent();
    f.RequireSessions(1);
  }
};

BOOST_AUTO_TEST_CASE(acs_configures_a_profile_and_the_collector_gets_every_report) {
  Rig rig;
  testing::Collector& collector = rig.collector;
  AgentFixture& f = rig.f;
  const SessionRecord s = *f.acs.Session(1);
  BOOST_REQUIRE_EQUAL(s.exchanges.size(), 5u);
  const auto* added = As<cwmp::AddObjectResponse>(s.exchanges[0]);
  BOOST_REQUIRE(added != nullptr);
  BOOST_TEST(added->instance_number == 1u);
  BOOST_TEST(As<cwmp::SetParameterValuesResponse>(s.exchanges[3]) != nullptr);
  std::map<std::string, std::string> values = Values(s.exchanges[4]);
  BOOST_TEST(values[P("HTTP.Password")] == "");  // a secret never goes back to the ACS
  BOOST_TEST(values["Device.BulkData.Status"] == "Enabled");

  // Reports arrive at the interval.
  BOOST_REQUIRE_MESSAGE(testing::WaitUntil([&] { return collector.deliveries().size() >= 2; },
                                           kWait, std::chrono::milliseconds(50)),
                        f.agent->Log());
  for (const testing::Delivery& d : collector.deliveries()) {
    BOOST_TEST(d.Header("BBF-Report-Format") == "NameValuePair");
    BOOST_TEST(d.Header("Authorization").rfind("Digest ", 0) == 0u);
  }
  std::vector<nlohmann::json> reports = Reports(collector);
  BOOST_TEST(reports[0].at("interval") == kInterval);
  BOOST_TEST(reports[0].at("Device.DeviceInfo.UpTime").is_number_unsigned());
  const int64_t first = reports[0].at("CollectionTime").get<int64_t>();
  const int64_t second = reports[1].at("CollectionTime").get<int64_t>();
  BOOST_TEST(second > first);
  BOOST_TEST((second - first) % kInterval == 0);

  // An outage: transfers fail, reports are kept, the first transfer after it carries them all.
  collector.Stop();
  BOOST_REQUIRE_MESSAGE(testing::WaitUntil([&] { return MostUndelivered(f.agent->Log()) >= 2; },
                                           kWait, std::chrono::milliseconds(50)),
                        f.agent->Log());
  const size_t before = collector.deliveries().size();
  BOOST_REQUIRE(collector.Start());
  BOOST_REQUIRE_MESSAGE(testing::WaitUntil([&] { return collector.deliveries().size() > before; },
                                           kWait, std::chrono::milliseconds(50)),
                        f.agent->Log());
  const testing::Delivery after = collector.deliveries()[before];
  const size_t carried = nlohmann::json::parse(after.body).at("Report").size();
  BOOST_TEST_MESSAGE("the transfer after the outage carried " << carried << " reports");
  BOOST_TEST(carried == static_cast<size_t>(MostUndelivered(f.agent->Log())) + 1);
  // No report lost or sent twice: collection times only grow, by whole intervals.
  reports = Reports(collector);
  for (size_t i = 1; i < reports.size(); ++i) {
    const int64_t gap = reports[i].at("CollectionTime").get<int64_t>() -
                        reports[i - 1].at("CollectionTime").get<int64_t>();
    BOOST_TEST(gap > 0);
    BOOST_TEST(gap % kInterval == 0);
  }
  BOOST_TEST_MESSAGE(reports.size()
                     << " reports in " << collector.deliveries().size() << " transfers");
  BOOST_TEST(reports.size() >= 5u);
  BOOST_TEST(f.agent->Log().find("collector-secret") == std::string::npos);
  f.StopAgent();
}

// A crash (SIGKILL) during an outage: the restarted daemon still delivers every kept report.
BOOST_AUTO_TEST_CASE(reports_kept_during_an_outage_survive_a_crash) {
  Rig rig;
  testing::Collector& collector = rig.collector;
  AgentFixture& f = rig.f;
  BOOST_REQUIRE_MESSAGE(testing::WaitUntil([&] { return !collector.deliveries().empty(); }, kWait,
                                           std::chrono::milliseconds(50)),
                        f.agent->Log());
  collector.Stop();
  BOOST_REQUIRE_MESSAGE(testing::WaitUntil([&] { return MostUndelivered(f.agent->Log()) >= 2; },
                                           kWait, std::chrono::milliseconds(50)),
                        f.agent->Log());
  f.agent->Kill();
  const int kept = MostUndelivered(f.agent->Log());
  const size_t before = collector.deliveries().size();
  BOOST_REQUIRE(collector.Start());
  f.StartAgent();
  f.RequireSessions(2);
  BOOST_REQUIRE_MESSAGE(testing::WaitUntil([&] { return collector.deliveries().size() > before; },
                                           kWait, std::chrono::milliseconds(50)),
                        f.agent->Log());
  const size_t carried =
      nlohmann::json::parse(collector.deliveries()[before].body).at("Report").size();
  BOOST_TEST_MESSAGE(kept << " reports failed before the crash; the first transfer after the "
                             "restart carried "
                          << carried);
  // At least once: a report persisted just before the kill, whose failure was not yet logged,
  // comes along too.
  BOOST_TEST(carried >= static_cast<size_t>(kept) + 1);
  const std::vector<nlohmann::json> reports = Reports(collector);
  for (size_t i = 1; i < reports.size(); ++i) {
    BOOST_TEST(reports[i].at("CollectionTime").get<int64_t>() >
               reports[i - 1].at("CollectionTime").get<int64_t>());
  }
  f.StopAgent();
}

}  // namespace
