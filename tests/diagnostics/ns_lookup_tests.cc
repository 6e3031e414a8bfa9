// SPDX-License-Identifier: GPL-2.0-or-later
// NSLookupDiagnostics against a real dnsmasq the test starts in the lab's "server" namespace
// (tests/diagnostics/dns_server.h): the host record comes back with its address, one Result row
// per repetition; an unknown name is Error_HostNameNotResolved; a host without a DNS server is
// Error_DNSServerNotAvailable, an address nobody has Error_Timeout; a DNSServer name that does
// not resolve is Error_DNSServerNotResolved.
#define BOOST_TEST_MODULE diagnostics_ns_lookup_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/diagnostics/dns_server.h"
#include "tests/diagnostics/ping_lab.h"
#include "tr181/diagnostics/ns_lookup.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

constexpr const char* kRecordName = "gateway.lab.test";
constexpr const char* kRecordAddress = "198.51.100.77";

tr181::NsLookupResult LookupFromCpe(const PingLab& lab, const std::string& name,
                                    const std::string& server, uint32_t repetitions) {
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::NsLookupRequest request;
  request.host_name = name;
  request.dns_server = server;
  request.timeout_ms = 1000;
  request.repetitions = repetitions;
  tr181::CancelToken never;
  return tr181::RunNsLookup(request, never);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_host_record_resolves_once_per_repetition) {
  PingLab lab(std::chrono::milliseconds(0));
  testing::DnsServer dns(lab.server, testing::kServerAddress, kRecordName, kRecordAddress);
  BOOST_REQUIRE(dns.ready());
  const tr181::NsLookupResult r = LookupFromCpe(lab, kRecordName, testing::kServerAddress, 3);
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 3u);
  BOOST_REQUIRE(r.answers.size() == 3u);
  for (const auto& a : r.answers) {
    BOOST_TEST(a.status == "Success");
    BOOST_REQUIRE(a.addresses.size() == 1u);
    BOOST_TEST(a.addresses[0] == kRecordAddress);
    BOOST_TEST(a.host_name_returned == kRecordName);
    BOOST_TEST(a.dns_server_ip == testing::kServerAddress);
    BOOST_TEST(a.answer_type != "None");
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_not_resolved) {
  PingLab lab(std::chrono::milliseconds(0));
  testing::DnsServer dns(lab.server, testing::kServerAddress, kRecordName, kRecordAddress);
  BOOST_REQUIRE(dns.ready());
  const tr181::NsLookupResult r =
      LookupFromCpe(lab, "nothing.lab.test", testing::kServerAddress, 1);
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 0u);
  BOOST_REQUIRE(r.answers.size() == 1u);
  BOOST_TEST(r.answers[0].status == "Error_HostNameNotResolved");
  BOOST_TEST(r.answers[0].addresses.empty());
}

BOOST_AUTO_TEST_CASE(missing_servers_are_told_apart) {
  PingLab lab(std::chrono::milliseconds(0));  // no DNS server runs
  // The server host is there but nothing listens: its port-unreachable answer is immediate.
  const tr181::NsLookupResult refused = LookupFromCpe(lab, kRecordName, testing::kServerAddress, 1);
  BOOST_TEST(refused.state == "Complete");
  BOOST_REQUIRE(refused.answers.size() == 1u);
  BOOST_TEST(refused.answers[0].status == "Error_DNSServerNotAvailable");
  // No host has this address on the link: nothing ever answers.
  const tr181::NsLookupResult silent = LookupFromCpe(lab, kRecordName, "192.0.2.99", 1);
  BOOST_REQUIRE(silent.answers.size() == 1u);
  BOOST_TEST(silent.answers[0].status == "Error_Timeout");
  BOOST_TEST(LookupFromCpe(lab, kRecordName, "no-such-server.invalid", 1).state ==
             "Error_DNSServerNotResolved");
}
