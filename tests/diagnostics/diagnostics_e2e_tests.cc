// SPDX-License-Identifier: GPL-2.0-or-later
// The real cwmpd runs a TR-143 test the way GenieACS asks for one: one SetParameterValues of the
// inputs plus DiagnosticsState = Requested; the test starts once that session is over; a new
// session carries "8 DIAGNOSTICS COMPLETE"; a GetParameterValues there reads the results, which
// must match the network's ground truth (a server answering 50 ms late; a router on the way; a
// 10 Mbit/s tbf limit; a dnsmasq with a known record; a UDP Echo Plus server). The daemon and the
// test ACS live in the lab's "cpe" namespace (the test's thread enters it before starting them).
#define BOOST_TEST_MODULE diagnostics_e2e_tests
#include <boost/test/unit_test.hpp>

#include <time.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "tests/diagnostics/dns_server.h"
#include "tests/diagnostics/ping_lab.h"
#include "tests/diagnostics/router_lab.h"
#include "tests/diagnostics/throughput_lab.h"
#include "tests/e2e/e2e_support.h"
#include "tr181/diagnostics/udp_echo.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

constexpr const char* kPing = "Device.IP.Diagnostics.IPPing.";
constexpr const char* kTrace = "Device.IP.Diagnostics.TraceRoute.";
constexpr const char* kDiagnosticsComplete = "8 DIAGNOSTICS COMPLETE";

cwmp::ParameterValueStruct Value(const std::string& name, std::string value,
                                 std::string type = "xsd:string") {
  return cwmp::ParameterValueStruct{name, std::move(value), std::move(type)};
}

// GenieACS's flow against the real cwmpd inside namespace |ns|: session 1 sets |inputs| of
// |object| and DiagnosticsState = Requested in one SPV, then reads the state (still Requested:
// the test waits for the session to end); the test's end opens session 2 with the 8 event, which
// reads the object. Returns what session 2 read (name without |object| → value).
std::map<std::string, std::string> RunThroughAcs(const std::string& ns, const std::string& object,
                                                 std::vector<cwmp::ParameterValueStruct> inputs) {
  ScopedNetns inside(ns);
  BOOST_REQUIRE(inside.ok());
  e2e::AgentFixture f;
  for (auto& input : inputs) input.name = object + input.name;
  inputs.push_back(Value(object + "DiagnosticsState", "Requested"));
  f.acs.QueueSession({cwmp::SetParameterValues{inputs, "diag-1"},
                      cwmp::GetParameterValues{{object + "DiagnosticsState"}}});
  f.acs.QueueSession({cwmp::GetParameterValues{{object}}});
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
  const acs::SessionRecord& first = sessions.at(0);
  BOOST_TEST(!first.HasEvent(kDiagnosticsComplete));
  BOOST_REQUIRE(first.ExchangesOf("SetParameterValues").size() == 1u);
  BOOST_TEST(!first.ExchangesOf("SetParameterValues")[0]->fault_code.has_value());
  BOOST_TEST(first.ReturnedValues().at(object + "DiagnosticsState") == "Requested");
  const auto report = f.LastWith(kDiagnosticsComplete);
  BOOST_REQUIRE(report.has_value());
  BOOST_TEST(report->number == 2);
  f.StopAgent();
  std::map<std::string, std::string> values;
  for (const auto& [name, value] : report->ReturnedValues()) {
    if (name.rfind(object, 0) == 0) values[name.substr(object.size())] = value;
  }
  return values;
}

// "2026-12-06T23:01:02.123456Z" -> microseconds since the epoch.
double Micros(const std::string& text) {
  std::tm utc{};
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &utc);
  BOOST_REQUIRE(rest != nullptr);
  return static_cast<double>(timegm(&utc)) * 1e6 + std::stod(std::string("0") + rest) * 1e6;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ipping_spv_then_8_diagnostics_complete_then_results) {
  PingLab lab(std::chrono::milliseconds(50));
  auto values = RunThroughAcs(
      lab.cpe, kPing,
      {Value("Host", testing::kServerAddress), Value("NumberOfRepetitions", "4", "xsd:unsignedInt"),
       Value("Timeout", "2000", "xsd:unsignedInt")});
  BOOST_TEST(values["DiagnosticsState"] == "Complete");
  BOOST_TEST(values["SuccessCount"] == "4");
  BOOST_TEST(values["FailureCount"] == "0");
  BOOST_TEST(values["IPAddressUsed"] == testing::kCpeAddress);
  const unsigned long average = std::stoul(values["AverageResponseTime"]);
  BOOST_TEST(average >= 40u);  // the server's 50 ms delay, generously bounded
  BOOST_TEST(average <= 500u);
  BOOST_TEST(std::stoul(values["MinimumResponseTimeDetailed"]) >= 40000u);
  BOOST_TEST(lab.echo->answered() == 4);
}

BOOST_AUTO_TEST_CASE(traceroute_lists_the_router_namespace_as_a_hop) {
  testing::RouterLab lab;
  auto values = RunThroughAcs(
      lab.cpe, kTrace,
      {Value("Host", testing::kFarServerAddress), Value("NumberOfTries", "2", "xsd:unsignedInt"),
       Value("Timeout", "2000", "xsd:unsignedInt")});
  BOOST_TEST(values["DiagnosticsState"] == "Complete");
  BOOST_TEST(values["RouteHopsNumberOfEntries"] == "2");
  BOOST_TEST(values["RouteHops.1.HostAddress"] == testing::kRouterLanAddress);
  BOOST_TEST(values["RouteHops.2.HostAddress"] == testing::kFarServerAddress);
  BOOST_TEST(values["RouteHops.1.ErrorCode"] == "0");
  // Two tries per hop, each answered: two round-trip times.
  BOOST_TEST(std::count(values["RouteHops.1.RTTimes"].begin(), values["RouteHops.1.RTTimes"].end(),
                        ',') == 1);
  BOOST_TEST(values["IPAddressUsed"] == "192.0.2.1");
}

BOOST_AUTO_TEST_CASE(download_through_10_mbit_reports_its_rate_per_connection) {
  constexpr size_t kFileBytes = 1'000'000;
  testing::ThroughputLab lab("10mbit", kFileBytes);
  auto values = RunThroughAcs(
      lab.cpe, "Device.IP.Diagnostics.DownloadDiagnostics.",
      {Value("DownloadURL", lab.Url("/file")), Value("NumberOfConnections", "2", "xsd:unsignedInt"),
       Value("EnablePerConnectionResults", "true", "xsd:boolean")});
  BOOST_TEST(values["DiagnosticsState"] == "Complete");
  BOOST_TEST(values["IPAddressUsed"] == testing::kLabCpeAddress);
  BOOST_TEST(values["PerConnectionResultNumberOfEntries"] == "2");
  const unsigned long long bytes = std::stoull(values["TestBytesReceived"]);
  BOOST_TEST(bytes == std::stoull(values["PerConnectionResult.1.TestBytesReceived"]) +
                          std::stoull(values["PerConnectionResult.2.TestBytesReceived"]));
  BOOST_TEST(bytes >= 2 * kFileBytes);
  BOOST_TEST(bytes <= 2 * kFileBytes + 1024);
  BOOST_TEST(std::stoull(values["TotalBytesReceived"]) >= bytes);
  BOOST_TEST(Micros(values["TCPOpenRequestTime"]) <= Micros(values["TCPOpenResponseTime"]));
  BOOST_TEST(Micros(values["ROMTime"]) <= Micros(values["BOMTime"]));
  const double seconds = (Micros(values["EOMTime"]) - Micros(values["BOMTime"])) / 1e6;
  const double rate = bytes * 8.0 / seconds / 1e6;
  BOOST_TEST_MESSAGE("download through the ACS: " << rate << " Mbit/s");
  BOOST_TEST(rate >= 3.0);
  BOOST_TEST(rate <= 12.0);
  BOOST_TEST(lab.connections.size() == 2u);
}

BOOST_AUTO_TEST_CASE(nslookup_resolves_the_record_of_a_dnsmasq_the_test_starts) {
  PingLab lab(std::chrono::milliseconds(0));
  testing::DnsServer dns(lab.server, testing::kServerAddress, "cpe-test.lab.test", "198.51.100.9");
  BOOST_REQUIRE(dns.ready());
  auto values = RunThroughAcs(
      lab.cpe, "Device.DNS.Diagnostics.NSLookupDiagnostics.",
      {Value("HostName", "cpe-test.lab.test"), Value("DNSServer", testing::kServerAddress),
       Value("NumberOfRepetitions", "2", "xsd:unsignedInt")});
  BOOST_TEST(values["DiagnosticsState"] == "Complete");
  BOOST_TEST(values["SuccessCount"] == "2");
  BOOST_TEST(values["ResultNumberOfEntries"] == "2");
  BOOST_TEST(values["Result.1.Status"] == "Success");
  BOOST_TEST(values["Result.2.IPAddresses"] == "198.51.100.9");
  BOOST_TEST(values["Result.1.HostNameReturned"] == "cpe-test.lab.test");
  BOOST_TEST(values["Result.1.DNSServerIP"] == testing::kServerAddress);
}

BOOST_AUTO_TEST_CASE(udp_echo_is_answered_by_an_echo_plus_server) {
  PingLab lab(std::chrono::milliseconds(0));
  std::unique_ptr<tr181::UdpEchoServer> server;
  {
    ScopedNetns inside(lab.server);
    BOOST_REQUIRE(inside.ok());
    server = std::make_unique<tr181::UdpEchoServer>(
        tr181::UdpEchoServerOptions{testing::kServerAddress, "", 7777, true, ""});
    BOOST_REQUIRE(server->ok());
  }
  auto values = RunThroughAcs(
      lab.cpe, "Device.IP.Diagnostics.UDPEchoDiagnostics.",
      {Value("Host", testing::kServerAddress), Value("Port", "7777", "xsd:unsignedInt"),
       Value("NumberOfRepetitions", "3", "xsd:unsignedInt"),
       Value("InterTransmissionTime", "50", "xsd:unsignedInt"),
       Value("EnableIndividualPacketResults", "true", "xsd:boolean")});
  BOOST_TEST(values["DiagnosticsState"] == "Complete");
  BOOST_TEST(values["SuccessCount"] == "3");
  BOOST_TEST(values["FailureCount"] == "0");
  BOOST_TEST(values["IndividualPacketResultNumberOfEntries"] == "3");
  BOOST_TEST(values["IndividualPacketResult.3.PacketSuccess"] == "true");
  BOOST_TEST(values["IndividualPacketResult.3.TestRespSN"] == "3");
  BOOST_TEST(server->packets_received() == 3u);
}

BOOST_AUTO_TEST_CASE(server_selection_picks_the_host_without_delay) {
  PingLab lab(std::chrono::milliseconds(50));
  auto values = RunThroughAcs(
      lab.cpe, "Device.IP.Diagnostics.ServerSelectionDiagnostics.",
      {Value("HostList", std::string(testing::kServerAddress) + "," + testing::kCpeAddress),
       Value("NumberOfRepetitions", "2", "xsd:unsignedInt")});
  BOOST_TEST(values["DiagnosticsState"] == "Complete");
  BOOST_TEST(values["FastestHost"] == testing::kCpeAddress);
  BOOST_TEST(std::stoul(values["AverageResponseTime"]) < 40000u);
}
