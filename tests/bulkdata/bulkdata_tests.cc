// SPDX-License-Identifier: GPL-2.0-or-later
// Device.BulkData. against a real HTTP collector on loopback (tests/bulkdata/collector.h): the
// definitions bound on a real data model, profiles configured the way an ACS does (AddObject and
// SetParameterValues with Origin::kAcs), and the reporter driven by a clock the test owns
// (BulkDataReporter::Step(now)), so intervals, retries and outages need no waiting.
#define BOOST_TEST_MODULE bulkdata_tests
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/record_file.h"
#include "datamodel/datamodel.h"
#include "tests/bulkdata/collector.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"
#include "tr181/bulkdata/bulkdata_module.h"
#include "tr181/bulkdata/bulkdata_reporter.h"
#include "tr181/bulkdata/parameter_refs.h"
#include "tr181/bulkdata/report_json.h"
#include "tr181/bulkdata/report_schedule.h"
#include "tr181/bulkdata/retained_reports.h"
#include "tr181/definitions.h"

namespace edgecwmp {
// Lets BOOST_TEST print Status codes in failure messages.
inline std::ostream& boost_test_print_type(std::ostream& os, Error code) {
  return os << ErrorName(code);
}
}  // namespace edgecwmp

namespace edgecwmp::tr181::bulkdata {
namespace {

using testing::Collector;
using testing::CollectorOptions;
using testing::Delivery;
using testing::GenerateTestPki;
using testing::TempDir;
using testing::TestPki;

constexpr int64_t kT0 = 1800000000;  // 2027-01-15T08:00:00Z
constexpr const char* kProfile = "Device.BulkData.Profile.1.";

std::string Source() {
  const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(source != nullptr, "EDGECWMP_SOURCE_DIR is not set (run through ctest)");
  return source;
}

// The whole Device:2 definitions on a model with the BulkData bindings, no persistence.
struct ModelFixture {
  TempDir dir{"edgecwmp-bulkdata"};
  dm::Schema schema;
  std::unique_ptr<dm::DataModel> model;

  ModelFixture() {
    const Status loaded = LoadDefinitions(&schema, Source() + "/tr181");
    BOOST_REQUIRE_MESSAGE(loaded.ok(), loaded.ToString());
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    const Status bound = BindBulkData(model.get());
    BOOST_REQUIRE_MESSAGE(bound.ok(), bound.ToString());
    BOOST_REQUIRE(model->Load().ok());
  }

  // What an ACS does: one SetParameterValues.
  Status Set(const std::vector<std::pair<std::string, std::string>>& values) {
    std::vector<dm::ParameterSet> sets;
    for (const auto& [name, value] : values) sets.push_back(dm::ParameterSet{name, value});
    std::vector<dm::ParameterFault> faults;
    dm::Applied applied;
    return model->SetValues(sets, dm::Origin::kAcs, &faults, &applied);
  }
  void MustSet(const std::vector<std::pair<std::string, std::string>>& values) {
    const Status s = Set(values);
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  uint32_t Add(const std::string& table) {
    uint32_t instance = 0;
    dm::Applied applied;
    const Status s = model->AddObject(table, dm::Origin::kAcs, &instance, &applied);
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    return instance;
  }
  // A Parameter.{i} row of |profile| ("Device.BulkData.Profile.N.").
  void AddReference(const std::string& profile, const std::string& reference,
                    const std::string& name = "", bool exclude = false) {
    const std::string row =
        profile + "Parameter." + std::to_string(Add(profile + "Parameter.")) + ".";
    MustSet({{row + "Reference", reference},
             {row + "Name", name},
             {row + "Exclude", exclude ? "true" : "false"}});
  }
  // Profile 1, enabled, reporting every |interval| s to |url|, NameValuePair, Unix-Epoch.
  void AddProfile(const std::string& url, uint32_t interval = 300) {
    BOOST_REQUIRE_EQUAL(Add("Device.BulkData.Profile."), 1u);
    MustSet({{"Device.BulkData.Enable", "true"},
             {std::string(kProfile) + "Enable", "true"},
             {std::string(kProfile) + "ReportingInterval", std::to_string(interval)},
             {std::string(kProfile) + "JSONEncoding.ReportFormat", "NameValuePair"},
             {std::string(kProfile) + "HTTP.URL", url}});
  }
  // AddProfile to |collector| with NumberOfRetainedFailedReports |retained|, reporting its own
  // ReportingInterval as "i".
  void AddIntervalProfile(const Collector& collector, uint32_t interval, const char* retained) {
    AddProfile(collector.Url("/bulk"), interval);
    MustSet({{std::string(kProfile) + "NumberOfRetainedFailedReports", retained}});
    AddReference(kProfile, std::string(kProfile) + "ReportingInterval", "i");
  }
  ReporterOptions Options() const {
    ReporterOptions options;
    options.state_dir = dir.path();
    options.timeout_ms = 10000;
    options.pick = [](int64_t low, int64_t) { return low; };  // the shortest wait: deterministic
    return options;
  }
  std::string RetainedFile() const { return dir.File("bulkdata-1.txt"); }
};

bool Exists(const std::string& path) { return std::filesystem::exists(path); }

// ---- Encoding -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(json_reports_are_encoded_as_tr181_says) {
  const std::vector<ReportItem> items = {
      {"Device.MoCA.Interface.1.Stats.BroadcastPacketsReceived", "256", dm::Type::kUnsignedLong},
      {"Device.MoCA.Interface.1.Stats.BroadcastPacketsSent", "128", dm::Type::kUnsignedInt},
      {"Device.MoCA.Interface.1.Enable", "true", dm::Type::kBoolean},
      {"Device.MoCA.Interface.1.Name", "moca \"0\"", dm::Type::kString},
      {"Device.MoCA.Interface.1.LowerLayers", "", dm::Type::kString},
      {"Device.MoCA.Interface.1.Offset", "-3", dm::Type::kInt},
      {"Device.MoCA.Interface.1.LastChange", "2013-03-29T03:52:29Z", dm::Type::kDateTime},
  };
  BOOST_TEST(
      EncodeReport(1364529149, items, JsonFormat::kNameValuePair, JsonTimestamp::kUnixEpoch) ==
      R"({"CollectionTime":1364529149,)"
      R"("Device.MoCA.Interface.1.Stats.BroadcastPacketsReceived":256,)"
      R"("Device.MoCA.Interface.1.Stats.BroadcastPacketsSent":128,)"
      R"("Device.MoCA.Interface.1.Enable":true,)"
      R"("Device.MoCA.Interface.1.Name":"moca \"0\"",)"
      R"("Device.MoCA.Interface.1.LowerLayers":"",)"
      R"("Device.MoCA.Interface.1.Offset":-3,)"
      R"("Device.MoCA.Interface.1.LastChange":"2013-03-29T03:52:29Z"})");
  BOOST_TEST(
      EncodeReport(1364529149, items, JsonFormat::kObjectHierarchy, JsonTimestamp::kIso8601) ==
      R"({"CollectionTime":"2013-03-29T03:52:29Z","Device":{"MoCA":{"Interface":{"1":{)"
      R"("Stats":{"BroadcastPacketsReceived":256,"BroadcastPacketsSent":128},)"
      R"("Enable":true,"Name":"moca \"0\"","LowerLayers":"","Offset":-3,)"
      R"("LastChange":"2013-03-29T03:52:29Z"}}}}})");
  BOOST_TEST(EncodeReport(5, {items[2]}, JsonFormat::kNameValuePair, JsonTimestamp::kNone) ==
             R"({"Device.MoCA.Interface.1.Enable":true})");
  BOOST_TEST(WrapReports({R"({"a":1})", R"({"b":2})"}) == R"({"Report":[{"a":1},{"b":2}]})");
  BOOST_TEST(WrapReports({}) == R"({"Report":[]})");
}

// ---- Schedule -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(interval_ends_follow_time_reference_or_the_start) {
  // Unknown Time: phased on the start.
  BOOST_TEST(NextReportTime(kT0, 300, std::nullopt, kT0) == kT0 + 300);
  BOOST_TEST(NextReportTime(kT0 + 299, 300, std::nullopt, kT0) == kT0 + 300);
  BOOST_TEST(NextReportTime(kT0 + 300, 300, std::nullopt, kT0) == kT0 + 600);
  // A reference in the past or the future only sets the phase: ends at ref + k * interval.
  BOOST_TEST(NextReportTime(kT0, 60, kT0 - 3600 * 24 + 15, kT0 - 7) == kT0 + 15);
  BOOST_TEST(NextReportTime(kT0, 60, kT0 + 3600 * 24 + 15, kT0) == kT0 + 15);
  BOOST_TEST(NextReportTime(kT0 + 15, 60, kT0 + 15, kT0) == kT0 + 75);
  // Retry n waits within [m * (k/1000)^(n-1), m * (k/1000)^n].
  BOOST_TEST((RetryWaitBounds(5, 2000, 1) == std::pair<int64_t, int64_t>(5, 10)));
  BOOST_TEST((RetryWaitBounds(5, 2000, 3) == std::pair<int64_t, int64_t>(20, 40)));
  BOOST_TEST((RetryWaitBounds(10, 1500, 2) == std::pair<int64_t, int64_t>(15, 22)));
  BOOST_TEST((RetryWaitBounds(65535, 65535, 9) == std::pair<int64_t, int64_t>(86400, 86400)));
}

BOOST_AUTO_TEST_CASE(reporter_aligns_reports_to_time_reference) {
  ModelFixture f;
  Collector collector;
  BOOST_REQUIRE(collector.Start());
  f.AddProfile(collector.Url("/bulk"), 60);
  f.MustSet({{std::string(kProfile) + "TimeReference", "2027-01-15T07:00:15Z"}});
  f.AddReference(kProfile, std::string(kProfile) + "ReportingInterval");
  BulkDataReporter reporter(f.model.get(), f.Options());
  reporter.Step(kT0);
  BOOST_TEST(reporter.NextDue() == kT0 + 15);
  reporter.Step(kT0 + 15);
  BOOST_REQUIRE_EQUAL(collector.deliveries().size(), 1u);
  BOOST_TEST(collector.deliveries()[0].body ==
             R"({"Report":[{"CollectionTime":1800000015,)"
             R"("Device.BulkData.Profile.1.ReportingInterval":60}]})");
  BOOST_TEST(reporter.NextDue() == kT0 + 75);
}

// ---- Delivery -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(profile_delivers_json_reports_at_its_interval_with_digest) {
  ModelFixture f;
  CollectorOptions options;
  options.auth = acs::AuthMode::kDigest;
  Collector collector(options);
  BOOST_REQUIRE(collector.Start());
  f.AddProfile(collector.Url("/bulk"), 300);
  f.MustSet({{std::string(kProfile) + "HTTP.Username", "collector"},
             {std::string(kProfile) + "HTTP.Password", "collector-secret"}});
  f.AddReference(kProfile, std::string(kProfile) + "ReportingInterval");
  f.AddReference(kProfile, std::string(kProfile) + "Enable", "On");
  f.AddReference(kProfile, std::string(kProfile) + "JSONEncoding.ReportFormat");
  BulkDataReporter reporter(f.model.get(), f.Options());

  reporter.Step(kT0);  // the first interval begins
  reporter.Step(kT0 + 299);
  BOOST_TEST(collector.deliveries().empty());
  BOOST_TEST(reporter.NextDue() == kT0 + 300);
  reporter.Step(kT0 + 300);
  std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(collector.challenges() >= 1u);  // the collector asked for Digest, and got it
  BOOST_TEST(got[0].method == "POST");
  BOOST_TEST(got[0].target == "/bulk");
  BOOST_TEST(got[0].Header("Content-Type") == "application/json; charset=UTF-8");
  BOOST_TEST(got[0].Header("BBF-Report-Format") == "NameValuePair");
  BOOST_TEST(got[0].Header("Date") == "Fri, 15 Jan 2027 08:05:00 GMT");
  BOOST_TEST(got[0].Header("Authorization").rfind("Digest ", 0) == 0u);
  BOOST_TEST(got[0].body == R"({"Report":[{"CollectionTime":1800000300,)"
                            R"("Device.BulkData.Profile.1.ReportingInterval":300,"On":true,)"
                            R"("Device.BulkData.Profile.1.JSONEncoding.ReportFormat":)"
                            R"("NameValuePair"}]})");
  reporter.Step(kT0 + 600);
  BOOST_TEST(collector.deliveries().size() == 2u);
  BOOST_TEST(reporter.NextDue() == kT0 + 900);

  f.MustSet({{std::string(kProfile) + "JSONEncoding.ReportFormat", "ObjectHierarchy"},
             {std::string(kProfile) + "JSONEncoding.ReportTimestamp", "ISO-8601"},
             {std::string(kProfile) + "HTTP.UseDateHeader", "false"}});
  reporter.Step(kT0 + 900);
  got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 3u);
  BOOST_TEST(got[2].Header("BBF-Report-Format") == "ObjectHierarchy");
  BOOST_TEST(got[2].Header("Date").empty());
  BOOST_TEST(got[2].body ==
             R"({"Report":[{"CollectionTime":"2027-01-15T08:15:00Z","Device":{"BulkData":{)"
             R"("Profile":{"1":{"ReportingInterval":300,"JSONEncoding":{"ReportFormat":)"
             R"("ObjectHierarchy"}}}}},"On":true}]})");
  // A changed interval starts a new schedule at once.
  f.MustSet({{std::string(kProfile) + "ReportingInterval", "60"}});
  reporter.Step(kT0 + 930);
  BOOST_TEST(reporter.NextDue() == kT0 + 990);
  // Disabled service, then disabled profile: nothing is scheduled.
  f.MustSet({{"Device.BulkData.Enable", "false"}});
  std::string status;
  BOOST_REQUIRE(f.model->GetValue("Device.BulkData.Status", &status).ok());
  BOOST_TEST(status == "Disabled");
  reporter.Step(kT0 + 990);
  BOOST_TEST(collector.deliveries().size() == 3u);
  BOOST_TEST(reporter.NextDue() == std::numeric_limits<int64_t>::max());
}

BOOST_AUTO_TEST_CASE(tls_collector_with_basic_auth_put_and_uri_parameters) {
  ModelFixture f;
  TempDir pki_dir("edgecwmp-bulkdata-pki");
  TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(GenerateTestPki(pki_dir.path(), &pki, &error), error);
  CollectorOptions options;
  options.auth = acs::AuthMode::kBasic;
  options.tls_cert = pki.server_cert;
  options.tls_key = pki.server_key;
  Collector collector(options);
  BOOST_REQUIRE(collector.Start());
  f.AddProfile(collector.Url("/in"), 60);
  f.MustSet({{std::string(kProfile) + "HTTP.Username", "collector"},
             {std::string(kProfile) + "HTTP.Password", "collector-secret"},
             {std::string(kProfile) + "HTTP.Method", "PUT"},
             {std::string(kProfile) + "Name", "gw 1&2"}});
  const std::string q = std::string(kProfile) + "HTTP.RequestURIParameter.";
  f.MustSet({{q + std::to_string(f.Add(q)) + ".Reference", std::string(kProfile) + "Name"}});
  const std::string q2 = q + std::to_string(f.Add(q)) + ".";
  f.MustSet(
      {{q2 + "Name", "every"}, {q2 + "Reference", std::string(kProfile) + "ReportingInterval"}});
  f.AddReference(kProfile, std::string(kProfile) + "Name", "name");

  ReporterOptions trusting = f.Options();
  trusting.tls.ca_file = pki.ca_cert;
  BulkDataReporter reporter(f.model.get(), trusting);
  reporter.Step(kT0);
  reporter.Step(kT0 + 60);
  const std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0].method == "PUT");
  BOOST_TEST(got[0].target == "/in?Device.BulkData.Profile.1.Name=gw%201%262&every=60");
  BOOST_TEST(got[0].Header("Authorization").rfind("Basic ", 0) == 0u);
  BOOST_TEST(got[0].body == R"({"Report":[{"CollectionTime":1800000060,"name":"gw 1&2"}]})");

  // A collector whose certificate the trusted CA did not sign gets nothing: TLS fails closed.
  ModelFixture g;
  Collector other(options);
  BOOST_REQUIRE(other.Start());
  g.AddProfile(other.Url("/in"), 60);
  g.AddReference(kProfile, std::string(kProfile) + "Name");
  ReporterOptions wrong = g.Options();
  wrong.tls.ca_file = pki.other_ca_cert;
  BulkDataReporter untrusting(g.model.get(), wrong);
  untrusting.Step(kT0);
  untrusting.Step(kT0 + 60);
  BOOST_TEST(other.deliveries().empty());
  BOOST_TEST(untrusting.Undelivered(1) == 0u);  // NumberOfRetainedFailedReports 0: not kept
}

// ---- Failures -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(outage_retains_reports_and_delivers_every_one_after_it) {
  ModelFixture f;
  Collector collector;
  BOOST_REQUIRE(collector.Start());
  f.AddIntervalProfile(collector, 60, "5");
  BulkDataReporter reporter(f.model.get(), f.Options());
  reporter.Step(kT0);
  collector.Stop();  // the outage: connections refused
  reporter.Step(kT0 + 60);
  reporter.Step(kT0 + 120);
  BOOST_TEST(reporter.Undelivered(1) == 2u);
  struct stat st {};
  BOOST_REQUIRE(::stat(f.RetainedFile().c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  BOOST_REQUIRE(collector.Start());
  reporter.Step(kT0 + 180);
  const std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0].body == R"({"Report":[{"CollectionTime":1800000060,"i":60},)"
                            R"({"CollectionTime":1800000120,"i":60},)"
                            R"({"CollectionTime":1800000180,"i":60}]})");
  BOOST_TEST(reporter.Undelivered(1) == 0u);
  BOOST_TEST(!Exists(f.RetainedFile()));
}

// The transfer's BBF-Report-Format names one format: retained reports follow a changed one.
BOOST_AUTO_TEST_CASE(retained_reports_are_sent_in_the_format_of_the_transfer) {
  ModelFixture f;
  Collector collector;
  BOOST_REQUIRE(collector.Start());
  f.AddIntervalProfile(collector, 60, "2");
  BulkDataReporter reporter(f.model.get(), f.Options());
  reporter.Step(kT0);
  collector.FailNext(503);
  reporter.Step(kT0 + 60);
  f.MustSet({{std::string(kProfile) + "JSONEncoding.ReportFormat", "ObjectHierarchy"},
             {std::string(kProfile) + "JSONEncoding.ReportTimestamp", "None"}});
  reporter.Step(kT0 + 120);
  const std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0].Header("BBF-Report-Format") == "ObjectHierarchy");
  BOOST_TEST(got[0].body == R"({"Report":[{"i":60},{"i":60}]})");
}

BOOST_AUTO_TEST_CASE(only_the_newest_retained_reports_are_kept) {
  ModelFixture f;
  Collector collector;
  BOOST_REQUIRE(collector.Start());
  f.AddIntervalProfile(collector, 60, "1");
  BulkDataReporter reporter(f.model.get(), f.Options());
  reporter.Step(kT0);
  for (int i = 0; i < 3; ++i) collector.FailNext(503);  // the collector answers, with an error
  reporter.Step(kT0 + 60);
  reporter.Step(kT0 + 120);
  reporter.Step(kT0 + 180);
  BOOST_TEST(reporter.Undelivered(1) == 1u);
  reporter.Step(kT0 + 240);
  const std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0].body == R"({"Report":[{"CollectionTime":1800000180,"i":60},)"
                            R"({"CollectionTime":1800000240,"i":60}]})");
}

BOOST_AUTO_TEST_CASE(retries_back_off_within_the_interval) {
  ModelFixture f;
  Collector collector;
  BOOST_REQUIRE(collector.Start());
  f.AddIntervalProfile(collector, 300, "0");
  f.MustSet({{std::string(kProfile) + "HTTP.RetryEnable", "true"},
             {std::string(kProfile) + "HTTP.RetryMinimumWaitInterval", "10"},
             {std::string(kProfile) + "HTTP.RetryIntervalMultiplier", "2000"}});
  BulkDataReporter reporter(f.model.get(), f.Options());
  reporter.Step(kT0);
  collector.FailNext(503);
  collector.FailNext(500);
  reporter.Step(kT0 + 300);
  BOOST_TEST(reporter.NextDue() == kT0 + 310);  // retry 1: [10, 20] s
  reporter.Step(kT0 + 310);
  BOOST_TEST(reporter.NextDue() == kT0 + 330);  // retry 2: [20, 40] s
  reporter.Step(kT0 + 330);
  const std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(got[0].body == R"({"Report":[{"CollectionTime":1800000300,"i":300}]})");
  BOOST_TEST(reporter.NextDue() == kT0 + 600);
  // A retry that would end after the interval is not made: the report waits for the next one.
  f.MustSet({{std::string(kProfile) + "NumberOfRetainedFailedReports", "-1"},
             {std::string(kProfile) + "HTTP.RetryMinimumWaitInterval", "200"}});
  collector.FailNext(503);
  collector.FailNext(503);
  reporter.Step(kT0 + 600);
  BOOST_TEST(reporter.NextDue() == kT0 + 800);
  reporter.Step(kT0 + 800);  // the next wait, [400, 800] s, passes the end at kT0 + 900
  BOOST_TEST(reporter.NextDue() == kT0 + 900);
  BOOST_TEST(reporter.Undelivered(1) == 1u);
  reporter.Step(kT0 + 900);
  BOOST_TEST(collector.deliveries().size() == 2u);
  BOOST_TEST(collector.deliveries()[1].body ==
             R"({"Report":[{"CollectionTime":1800000600,"i":300},)"
             R"({"CollectionTime":1800000900,"i":300}]})");
}

BOOST_AUTO_TEST_CASE(retained_reports_survive_a_restart_and_a_crash_in_transfer) {
  ModelFixture f;
  std::string file_during_transfer;
  CollectorOptions options;
  // What a crash at the moment the collector has the transfer would leave on disk.
  options.on_delivery = [&](const Delivery&) {
    file_during_transfer = testing::ReadFile(f.RetainedFile());
  };
  Collector collector(options);
  BOOST_REQUIRE(collector.Start());
  f.AddIntervalProfile(collector, 60, "3");
  f.MustSet({{std::string(kProfile) + "HTTP.Password", "never-on-disk"}});
  f.AddReference(kProfile, std::string(kProfile) + "HTTP.");
  collector.Stop();
  {
    BulkDataReporter first(f.model.get(), f.Options());
    first.Step(kT0);
    first.Step(kT0 + 60);
    first.Step(kT0 + 120);
    BOOST_TEST(first.Undelivered(1) == 2u);
  }  // the agent stops
  const std::string kept = testing::ReadFile(f.RetainedFile());
  BOOST_TEST(kept.find("1800000120") != std::string::npos);
  BOOST_TEST(kept.find("never-on-disk") == std::string::npos);
  BOOST_REQUIRE(collector.Start());
  BulkDataReporter second(f.model.get(), f.Options());
  second.Step(kT0 + 130);  // a new schedule begins; the kept reports are loaded
  BOOST_TEST(second.Undelivered(1) == 2u);
  BOOST_TEST(collector.deliveries().empty());
  second.Step(kT0 + 190);
  const std::vector<Delivery> got = collector.deliveries();
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  const std::string body = got[0].body;
  BOOST_TEST(body.rfind(R"({"Report":[{"CollectionTime":1800000060,"i":60,)", 0) == 0u);
  BOOST_TEST(body.find(R"({"CollectionTime":1800000120,"i":60,)") != std::string::npos);
  BOOST_TEST(body.find(R"({"CollectionTime":1800000190,"i":60,)") != std::string::npos);
  BOOST_TEST(body.find("never-on-disk") == std::string::npos);
  BOOST_TEST(body.find(R"("Device.BulkData.Profile.1.HTTP.Password":"")") != std::string::npos);
  // During the transfer all three were on disk; after it, none.
  BOOST_TEST(file_during_transfer.find("1800000190") != std::string::npos);
  BOOST_TEST(file_during_transfer.find("1800000060") != std::string::npos);
  BOOST_TEST(!Exists(f.RetainedFile()));
}

// A retained file that was tampered with (valid checksums, records that are no report) loses its
// bad records only.
BOOST_AUTO_TEST_CASE(damaged_retained_records_are_dropped_the_rest_kept) {
  TempDir dir;
  const std::string file = dir.File("bulkdata-1.txt");
  const std::vector<Record> records = {
      {"1", "Device.A", "unsignedInt", "5", "Device.B", "boolean", "true"},
      {"x2", "Device.A", "unsignedInt", "5"},  // not a time
      {"3", "Device.A", "float", "5"},         // not a type
      {"4", "Device.A", "string"},             // a field short
      {"5"},                                   // collected nothing: still a report
  };
  BOOST_REQUIRE(SaveRecordFile(file, "edgecwmp-bulkdata-retained 1", records).ok());
  std::vector<CollectedReport> reports;
  std::string note;
  BOOST_REQUIRE(LoadRetainedReports(file, &reports, &note).ok());
  BOOST_TEST(EncodeTransfer(reports, JsonFormat::kNameValuePair, JsonTimestamp::kUnixEpoch) ==
             R"({"Report":[{"CollectionTime":1,"Device.A":5,"Device.B":true},)"
             R"({"CollectionTime":5}]})");
  BOOST_TEST(note.find("3 retained report(s) dropped") != std::string::npos, note);
  // What is saved loads back the same.
  BOOST_REQUIRE(SaveRetainedReports(file, reports).ok());
  std::vector<CollectedReport> again;
  BOOST_REQUIRE(LoadRetainedReports(file, &again, &note).ok());
  BOOST_TEST(EncodeTransfer(again, JsonFormat::kObjectHierarchy, JsonTimestamp::kNone) ==
             R"({"Report":[{"Device":{"A":5,"B":true}},{}]})");
}

BOOST_AUTO_TEST_CASE(a_deleted_profile_takes_its_retained_reports_with_it) {
  ModelFixture f;
  Collector collector;
  BOOST_REQUIRE(collector.Start());
  f.AddProfile(collector.Url("/bulk"), 60);
  f.MustSet({{std::string(kProfile) + "NumberOfRetainedFailedReports", "-1"}});
  f.AddReference(kProfile, std::string(kProfile) + "Enable");
  collector.Stop();
  BulkDataReporter reporter(f.model.get(), f.Options());
  reporter.Step(kT0);
  reporter.Step(kT0 + 60);
  BOOST_REQUIRE(Exists(f.RetainedFile()));
  dm::Applied applied;
  BOOST_REQUIRE(f.model->DeleteObject(kProfile, dm::Origin::kAcs, &applied).ok());
  reporter.Step(kT0 + 61);
  BOOST_TEST(!Exists(f.RetainedFile()));
  // A file of a profile that is gone by the next start is removed too.
  BOOST_REQUIRE(testing::WriteFile(f.dir.File("bulkdata-7.txt"), "stale"));
  BulkDataReporter restarted(f.model.get(), f.Options());
  restarted.Step(kT0 + 62);
  BOOST_TEST(!Exists(f.dir.File("bulkdata-7.txt")));
}

// ---- References -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(wildcards_partial_paths_names_and_exclusions) {
  ModelFixture f;
  f.AddProfile("http://127.0.0.1:9/unused", 60);
  BOOST_REQUIRE_EQUAL(f.Add("Device.BulkData.Profile."), 2u);
  f.MustSet({{"Device.BulkData.Profile.2.ReportingInterval", "120"},
             {"Device.BulkData.Profile.1.HTTP.Password", "pw-1"}});
  const std::vector<ParameterRef> refs = {
      {"Every", "Device.BulkData.Profile.*.ReportingInterval", false},
      {"J", "Device.BulkData.Profile.1.JSONEncoding.", false},
      {"", "Device.BulkData.Profile.2.JSONEncoding.ReportTimestamp", false},
      {"H", "Device.BulkData.Profile.*.HTTP.", false},
      {"", "Device.BulkData.Profile.*.HTTP.RequestURIParameterNumberOfEntries", true},
      {"", "Device.BulkData.Profile.*.HTTP.MethodsSupported", true},
      {"", "Device.BulkData.Profile.*.HTTP.CompressionsSupported", true},
      {"", "Device.BulkData.Profile.*.HTTP.Compression", true},
      {"", "Device.BulkData.Profile.*.HTTP.PersistAcrossReboot", true},
      {"", "Device.BulkData.Profile.*.HTTP.Retry", false},  // not a name: matches nothing
      {"X", "Device.NoSuchObject.*.Foo", false},
  };
  const std::vector<ReportItem> items = CollectParameters(*f.model, refs);
  std::string text;
  for (const ReportItem& item : items) text += item.name + "=" + item.value + "\n";
  BOOST_TEST(text ==
             "Every.1=60\nEvery.2=120\n"
             "J.ReportFormat=NameValuePair\nJ.ReportTimestamp=Unix-Epoch\n"
             "Device.BulkData.Profile.2.JSONEncoding.ReportTimestamp=Unix-Epoch\n"
             "H.1.URL=http://127.0.0.1:9/unused\nH.1.Username=\nH.1.Password=\n"
             "H.1.Method=POST\nH.1.UseDateHeader=true\nH.1.RetryEnable=false\n"
             "H.1.RetryMinimumWaitInterval=5\nH.1.RetryIntervalMultiplier=2000\n"
             "H.2.URL=\nH.2.Username=\nH.2.Password=\n"
             "H.2.Method=POST\nH.2.UseDateHeader=true\nH.2.RetryEnable=false\n"
             "H.2.RetryMinimumWaitInterval=5\nH.2.RetryIntervalMultiplier=2000\n");
  // A reference is checked when the ACS writes it: 9007, nothing changes.
  const std::string row = "Device.BulkData.Profile.1.Parameter." +
                          std::to_string(f.Add("Device.BulkData.Profile.1.Parameter.")) + ".";
  for (const char* bad :
       {"Device..X", "*.Foo", "Device.*.X", "InternetGatewayDevice.X", "Device.A B"}) {
    BOOST_TEST(f.Set({{row + "Reference", bad}}).code() == Error::kInvalidValue, bad);
  }
  BOOST_TEST(f.Set({{row + "Reference", "Device.DeviceInfo."}}).ok());
  BOOST_TEST(f.Set({{"Device.BulkData.Profile.1.HTTP.URL", "ftp://x/"}}).code() ==
             Error::kInvalidValue);
  BOOST_TEST(f.Set({{"Device.BulkData.Profile.1.ReportingInterval", "0"}}).code() ==
             Error::kInvalidValue);
}

BOOST_AUTO_TEST_CASE(capabilities_and_the_password_are_as_the_model_promises) {
  ModelFixture f;
  f.AddProfile("http://127.0.0.1:9/unused", 60);
  f.MustSet({{std::string(kProfile) + "HTTP.Password", "top-secret"}});
  std::vector<dm::ParameterValue> values;
  BOOST_REQUIRE(f.model->GetValues("Device.BulkData.", &values).ok());
  std::map<std::string, std::string> got;
  for (const auto& v : values) got[v.name] = v.value;
  BOOST_TEST(got["Device.BulkData.Status"] == "Enabled");
  BOOST_TEST(got["Device.BulkData.Protocols"] == "HTTP");
  BOOST_TEST(got["Device.BulkData.EncodingTypes"] == "JSON");
  BOOST_TEST(got["Device.BulkData.ParameterWildCardSupported"] == "true");
  BOOST_TEST(got["Device.BulkData.MinReportingInterval"] == std::to_string(kMinReportingInterval));
  BOOST_TEST(got["Device.BulkData.MaxNumberOfProfiles"] == "16");
  BOOST_TEST(got["Device.BulkData.ProfileNumberOfEntries"] == "1");
  BOOST_TEST(got["Device.BulkData.Profile.1.HTTP.Password"] == "");  // GPV never shows it
  BOOST_TEST(got["Device.BulkData.Profile.1.HTTP.MethodsSupported"] == "POST,PUT");
  std::string exported;
  BOOST_REQUIRE(f.model->ExportConfiguration(&exported).ok());
  BOOST_TEST(exported.find("top-secret") == std::string::npos);
  BOOST_TEST(f.Set({{std::string(kProfile) + "Protocol", "MQTT"}}).code() == Error::kInvalidValue);
  BOOST_TEST(f.Set({{std::string(kProfile) + "EncodingType", "CSV"}}).code() ==
             Error::kInvalidValue);
}

}  // namespace
}  // namespace edgecwmp::tr181::bulkdata
