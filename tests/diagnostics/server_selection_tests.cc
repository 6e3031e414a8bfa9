// SPDX-License-Identifier: GPL-2.0-or-later
// ServerSelectionDiagnostics on the ping lab: the server answers echoes 50 ms late, the CPE's own
// address at once, so the CPE's address is the fastest host; a name that does not resolve is
// skipped; only unresolvable names are Error_CannotResolveHostName.
#define BOOST_TEST_MODULE diagnostics_server_selection_tests
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "tests/diagnostics/ping_lab.h"
#include "tr181/diagnostics/server_selection.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

tr181::ServerSelectionResult SelectFromCpe(const PingLab& lab, std::vector<std::string> hosts) {
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::ServerSelectionRequest request;
  request.hosts = std::move(hosts);
  request.repetitions = 2;
  request.timeout_ms = 2000;
  tr181::CancelToken never;
  return tr181::RunServerSelection(request, never);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_host_without_delay_is_the_fastest) {
  PingLab lab(std::chrono::milliseconds(50));
  const auto r =
      SelectFromCpe(lab, {"no-such-host.invalid", testing::kServerAddress, testing::kCpeAddress});
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.fastest_host == testing::kCpeAddress);
  BOOST_TEST(r.average_us < 40000u);  // below the server's 50 ms delay
}

BOOST_AUTO_TEST_CASE(a_single_host_reports_its_delay) {
  PingLab lab(std::chrono::milliseconds(50));
  const auto r = SelectFromCpe(lab, {testing::kServerAddress});
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.fastest_host == testing::kServerAddress);
  BOOST_TEST(r.address_used == testing::kCpeAddress);
  BOOST_TEST(r.minimum_us >= 40000u);
  BOOST_TEST(r.average_us <= 500000u);
}

BOOST_AUTO_TEST_CASE(only_unresolvable_names_cannot_be_resolved) {
  PingLab lab(std::chrono::milliseconds(0));
  BOOST_TEST(SelectFromCpe(lab, {"no-such-host.invalid"}).state == "Error_CannotResolveHostName");
}
