// SPDX-License-Identifier: GPL-2.0-or-later
// Download and upload diagnostics on a real network (tests/diagnostics/throughput_lab.h): through
// a 10 Mbit/s tbf limit the throughput computed from the results (TestBytes over EOMTime -
// BOMTime) lands in a generous band around it, the bytes the server sent or received are all
// counted, several connections are really parallel TCP connections with one result row each, and
// a missing file or a closed port is the error state TR-181 names.
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
