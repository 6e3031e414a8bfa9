// SPDX-License-Identifier: GPL-2.0-or-later
// TraceRoute through a router namespace (tests/diagnostics/router_lab.h): the router is hop 1,
// the server hop 2 and the end of the trace; every probe is answered; a MaxHopCount short of the
// server is Error_MaxHopCountExceeded; an unknown name is Error_CannotResolveHostName; an IPv6
// trace to ::1 ends at hop 1.
#define BOOST_TEST_MODULE diagnostics_trace_route_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/diagnostics/router_lab.h"
#include "tr181/diagnostics/trace_route.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::RouterLab;
using edgecwmp::testing::ScopedNetns;

namespace {

tr181::TraceRouteResult TraceFromCpe(const RouterLab& lab, tr181::TraceRouteRequest request) {
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::CancelToken never;
  return tr181::RunTraceRoute(request, never);
}

tr181::TraceRouteRequest ToFarServer(uint32_t max_hops) {
  tr181::TraceRouteRequest request;
  request.host = testing::kFarServerAddress;
  request.timeout_ms = 2000;
  request.max_hops = max_hops;
  return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_router_is_the_first_hop_and_the_server_the_last) {
  RouterLab lab;
  const tr181::TraceRouteResult r = TraceFromCpe(lab, ToFarServer(30));
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.address_used == "192.0.2.1");
  BOOST_REQUIRE(r.hops.size() == 2u);
  BOOST_TEST(r.hops[0].address == testing::kRouterLanAddress);
  BOOST_TEST(r.hops[1].address == testing::kFarServerAddress);
  BOOST_TEST(r.hops[0].rtt_ms.size() == 3u);
  BOOST_TEST(r.hops[1].rtt_ms.size() == 3u);
  BOOST_TEST(r.hops[0].error_code == 0u);
}

BOOST_AUTO_TEST_CASE(a_short_max_hop_count_is_exceeded) {
  RouterLab lab;
  const tr181::TraceRouteResult r = TraceFromCpe(lab, ToFarServer(1));
  BOOST_TEST(r.state == "Error_MaxHopCountExceeded");
  BOOST_REQUIRE(r.hops.size() == 1u);
  BOOST_TEST(r.hops[0].address == testing::kRouterLanAddress);
}

BOOST_AUTO_TEST_CASE(an_unknown_name_cannot_be_resolved) {
  RouterLab lab;
  tr181::TraceRouteRequest request = ToFarServer(30);
  request.host = "no-such-host.invalid";
  BOOST_TEST(TraceFromCpe(lab, request).state == "Error_CannotResolveHostName");
}

// IPv6 (ProtocolVersion IPv6): UDP probes to the host's own ::1 with hop limit 1 already reach
// it; its ICMPv6 port unreachable ends the trace at hop 1.
BOOST_AUTO_TEST_CASE(ipv6_trace_to_the_loopback_ends_at_the_first_hop) {
  tr181::TraceRouteRequest request;
  request.host = "::1";
  request.protocol = "IPv6";
  request.timeout_ms = 2000;
  tr181::CancelToken never;
  const tr181::TraceRouteResult r = tr181::RunTraceRoute(request, never);
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.address_used == "::1");
  BOOST_REQUIRE(r.hops.size() == 1u);
  BOOST_TEST(r.hops[0].address == "::1");
  BOOST_TEST(r.hops[0].rtt_ms.size() == 3u);
  BOOST_TEST(r.hops[0].error_code == 0u);
}
