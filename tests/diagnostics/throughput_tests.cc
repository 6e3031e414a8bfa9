// SPDX-License-Identifier: GPL-2.0-or-later
// Download and upload diagnostics on a real network (tests/diagnostics/throughput_lab.h): through
// a 10 Mbit/s tbf limit the throughput computed from the results (TestBytes over EOMTime -
// BOMTime) lands in a generous band around it, the bytes the server sent or received are all
// counted, several connections are really parallel TCP connections with one result row each, and
// a missing file or a closed port is the error state TR-181 names; time-based tests (TR-143
// 4.3) stop at their duration and measure one IncrementalResult row per interval.
#define BOOST_TEST_MODULE diagnostics_throughput_tests
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "tests/diagnostics/throughput_lab.h"
#include "tr181/diagnostics/http_throughput.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::ScopedNetns;
using edgecwmp::testing::ThroughputLab;

namespace {

constexpr size_t kFileBytes = 2'000'000;  // 1.6 s at 10 Mbit/s

tr181::ThroughputResult RunFromCpe(const ThroughputLab& lab, const tr181::ThroughputRequest& r) {
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::CancelToken never;
  return tr181::RunThroughput(r, never);
}

double MbitPerSecond(const tr181::ConnectionTimes& t) {
  const double seconds = std::chrono::duration<double>(t.eom - t.bom).count();
  return seconds > 0 ? t.test_bytes * 8.0 / seconds / 1e6 : 0;
}

// The tbf limit is the ground truth; the band is generous, this is not a benchmark.
void CheckRate(const char* what, const tr181::ConnectionTimes& t) {
  const double rate = MbitPerSecond(t);
  BOOST_TEST_MESSAGE(what << ": " << rate << " Mbit/s");
  BOOST_TEST(rate >= 3.0);
  BOOST_TEST(rate <= 12.0);
}

void CheckOrder(const tr181::ConnectionTimes& t) {
  BOOST_TEST((t.tcp_open_request <= t.tcp_open_response));
  BOOST_TEST((t.tcp_open_response <= t.rom));
  BOOST_TEST((t.rom <= t.bom));
  BOOST_TEST((t.bom < t.eom));
}

}  // namespace

BOOST_AUTO_TEST_CASE(download_through_10_mbit_reports_its_rate_and_every_byte) {
  ThroughputLab lab("10mbit", kFileBytes);
  tr181::ThroughputRequest request;
  request.url = lab.Url("/file");
  const tr181::ThroughputResult r = RunFromCpe(lab, request);
  BOOST_REQUIRE(r.state == "Complete");
  BOOST_TEST(r.address_used == testing::kLabCpeAddress);
  BOOST_REQUIRE(r.connections.size() == 1u);
  // The body and the response head: no byte of the file missed, nothing counted twice.
  BOOST_TEST(r.total.test_bytes >= kFileBytes);
  BOOST_TEST(r.total.test_bytes <= kFileBytes + 512);
  // IP-layer bytes on the interface carry TCP/IP headers on top (about 3%).
  BOOST_TEST(r.total_bytes_received >= r.total.test_bytes);
  BOOST_TEST(r.total_bytes_received <= r.total.test_bytes * 11 / 10);
  CheckOrder(r.total);
  CheckRate("download", r.total);
}

BOOST_AUTO_TEST_CASE(parallel_connections_share_the_link_with_one_result_each) {
  ThroughputLab lab("10mbit", kFileBytes / 2);
  tr181::ThroughputRequest request;
  request.url = lab.Url("/file");
  request.connections = 3;
  const tr181::ThroughputResult r = RunFromCpe(lab, request);
  BOOST_REQUIRE(r.state == "Complete");
  BOOST_REQUIRE(r.connections.size() == 3u);
  uint64_t sum = 0;
  for (const auto& c : r.connections) {
    BOOST_TEST(c.test_bytes >= kFileBytes / 2);
    CheckOrder(c);
    sum += c.test_bytes;
  }
  BOOST_TEST(r.total.test_bytes == sum);
  BOOST_TEST(lab.connections.size() == 3u);  // three TCP connections, not one reused
  CheckRate("3 connections", r.total);
}

BOOST_AUTO_TEST_CASE(upload_puts_test_file_length_bytes_at_the_link_rate) {
  ThroughputLab lab("10mbit", 0);
  tr181::ThroughputRequest request;
  request.upload = true;
  request.url = lab.Url("/upload");
  request.upload_bytes = kFileBytes;
  const tr181::ThroughputResult r = RunFromCpe(lab, request);
  BOOST_REQUIRE(r.state == "Complete");
  BOOST_TEST(lab.uploaded_bytes == kFileBytes);
  BOOST_TEST(lab.puts == 1);
  BOOST_TEST(r.total.test_bytes >= kFileBytes);
  BOOST_TEST(r.total.test_bytes <= kFileBytes + 512);
  BOOST_TEST(r.total_bytes_sent >= r.total.test_bytes);
  CheckOrder(r.total);
  CheckRate("upload", r.total);
}

BOOST_AUTO_TEST_CASE(a_missing_file_and_a_closed_port_are_errors) {
  ThroughputLab lab("10mbit", 10);
  tr181::ThroughputRequest request;
  request.url = lab.Url("/no-such-file");
  BOOST_TEST(RunFromCpe(lab, request).state == "Error_NoResponse");
  request.url = "http://" + std::string(testing::kLabServerAddress) + ":1/file";
  BOOST_TEST(RunFromCpe(lab, request).state == "Error_InitConnectionFailed");
  request.url = "http://no-such-host.invalid/file";
  BOOST_TEST(RunFromCpe(lab, request).state == "Error_CannotResolveHostName");
}

namespace {

// The DownloadDiagnostics / UploadDiagnostics run as the data model starts it, from the CPE.
tr181::DiagnosticOutcome RunObjectFromCpe(const ThroughputLab& lab, bool upload,
                                          tr181::DiagnosticValues inputs) {
  const tr181::DiagnosticValues defaults = {{"Interface", ""},
                                            {"ProtocolVersion", "Any"},
                                            {"DSCP", "0"},
                                            {"EthernetPriority", "0"},
                                            {"NumberOfConnections", "1"},
                                            {"EnablePerConnectionResults", "false"},
                                            {"TestFileLength", "0"},
                                            {"TimeBasedTestDuration", "0"},
                                            {"TimeBasedTestMeasurementInterval", "0"},
                                            {"TimeBasedTestMeasurementOffset", "0"}};
  inputs.insert(defaults.begin(), defaults.end());  // keeps the test's own values
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::CancelToken never;
  return tr181::ThroughputRun(upload, [](const std::string&) { return std::string(); })(inputs,
                                                                                        never);
}

double Seconds(const std::string& from, const std::string& to) {
  // "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" within one day: seconds of the day are enough here.
  auto of = [](const std::string& t) {
    return std::stoi(t.substr(11, 2)) * 3600 + std::stoi(t.substr(14, 2)) * 60 +
           std::stod(t.substr(17, 9));
  };
  return of(to) - of(from);
}

}  // namespace

// Time based (TR-143 4.3): a 3 s test of a file that would take 13 s at 10 Mbit/s ends Complete
// after 3 s with part of the file, and 1 s measurement intervals from BOMTime give exactly 2
// rows (the third would end after the test), back to back, each near the link rate.
BOOST_AUTO_TEST_CASE(time_based_download_stops_at_its_duration_with_a_row_per_interval) {
  constexpr size_t kBigFile = 16'000'000;
  ThroughputLab lab("10mbit", kBigFile);
  const tr181::DiagnosticOutcome out =
      RunObjectFromCpe(lab, false,
                       {{"DownloadURL", lab.Url("/file")},
                        {"TimeBasedTestDuration", "3"},
                        {"TimeBasedTestMeasurementInterval", "1"}});
  BOOST_REQUIRE(out.state == "Complete");
  const auto& r = out.results;
  const double test_seconds = Seconds(r.at("ROMTime"), r.at("EOMTime"));
  BOOST_TEST(test_seconds > 2.0);
  BOOST_TEST(test_seconds <= 3.0);
  const uint64_t received = std::stoull(r.at("TestBytesReceived"));
  BOOST_TEST(received < kBigFile);
  BOOST_REQUIRE(r.at("IncrementalResultNumberOfEntries") == "2");
  uint64_t in_rows = 0;
  for (const char* row : {"IncrementalResult.1.", "IncrementalResult.2."}) {
    const std::string p = row;
    const double seconds = Seconds(r.at(p + "StartTime"), r.at(p + "EndTime"));
    // Edges 1 s apart, each sampled at most one loop turn late: no timing, only the structure.
    BOOST_TEST(seconds >= 0.5, row);
    BOOST_TEST(seconds <= 1.5, row);
    const uint64_t bytes = std::stoull(r.at(p + "TestBytesReceived"));
    const double rate = bytes * 8.0 / seconds / 1e6;
    BOOST_TEST_MESSAGE(row << " " << rate << " Mbit/s");
    BOOST_TEST(rate >= 3.0, row);
    BOOST_TEST(rate <= 12.0, row);
    // The IP-layer bytes of the same interval (not >= the test bytes: the socket's buffer
    // fills and drains across the edges) also flow at about the link rate.
    const double ip_rate = std::stoull(r.at(p + "TotalBytesReceived")) * 8.0 / seconds / 1e6;
    BOOST_TEST(ip_rate >= 3.0, row);
    BOOST_TEST(ip_rate <= 12.0, row);
    in_rows += bytes;
  }
  BOOST_TEST(r.at("IncrementalResult.2.StartTime") == r.at("IncrementalResult.1.EndTime"));
  BOOST_TEST(in_rows <= received);
}

// A time-based upload sends a chunked body without end for its duration, then is Complete with
// the bytes sent so far (not those still queued in the socket) at about the link rate; without
// an interval there are no rows.
BOOST_AUTO_TEST_CASE(time_based_upload_sends_for_its_duration) {
  ThroughputLab lab("10mbit", 0);
  const tr181::DiagnosticOutcome out = RunObjectFromCpe(
      lab, true, {{"UploadURL", lab.Url("/upload")}, {"TimeBasedTestDuration", "2"}});
  BOOST_REQUIRE(out.state == "Complete");
  const auto& r = out.results;
  const double seconds = Seconds(r.at("BOMTime"), r.at("EOMTime"));
  BOOST_TEST(seconds > 1.0);
  BOOST_TEST(seconds <= 2.0);
  const double rate = std::stoull(r.at("TestBytesSent")) * 8.0 / seconds / 1e6;
  BOOST_TEST_MESSAGE("time-based upload: " << rate << " Mbit/s");
  // What the IP layer sent covers every acknowledged byte of the body.
  BOOST_TEST(std::stoull(r.at("TotalBytesSent")) >= std::stoull(r.at("TestBytesSent")));
  BOOST_TEST(rate >= 3.0);
  BOOST_TEST(rate <= 12.0);
  BOOST_TEST(r.at("IncrementalResultNumberOfEntries") == "0");
}
