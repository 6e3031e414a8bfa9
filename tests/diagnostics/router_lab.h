// SPDX-License-Identifier: GPL-2.0-or-later
// RouterLab: cpe (192.0.2.1) — router (192.0.2.254 | 198.51.100.254, forwarding) — server
// (198.51.100.2), three namespaces and two veth pairs, deleted with the lab. ICMP rate limits are
// off in router and server so that every probe of a trace gets its answer.
#ifndef EDGECWMP_TESTS_DIAGNOSTICS_ROUTER_LAB_H_
#define EDGECWMP_TESTS_DIAGNOSTICS_ROUTER_LAB_H_

#include <boost/test/unit_test.hpp>

#include <string>

#include "tests/support/network_lab.h"

namespace edgecwmp::testing {

inline constexpr const char* kRouterLanAddress = "192.0.2.254";
inline constexpr const char* kFarServerAddress = "198.51.100.2";

struct RouterLab {
  RouterLab() {
    cpe = lab.AddNamespace();
    router = lab.AddNamespace();
    server = lab.AddNamespace();
    BOOST_REQUIRE_MESSAGE(!cpe.empty() && !router.empty() && !server.empty(),
                          "cannot create namespaces (root?)");
    std::string a, b;
    BOOST_REQUIRE(lab.Link(cpe, "192.0.2.1/24", router, "192.0.2.254/24", &a, &b));
    BOOST_REQUIRE(lab.Link(router, "198.51.100.254/24", server, "198.51.100.2/24", &a, &b));
    BOOST_REQUIRE(NetworkLab::Exec(cpe, "ip route add default via 192.0.2.254"));
    BOOST_REQUIRE(NetworkLab::Exec(server, "ip route add default via 198.51.100.254"));
    BOOST_REQUIRE(NetworkLab::Exec(router, "sysctl -qw net.ipv4.ip_forward=1"));
    for (const std::string& ns : {router, server}) {
      BOOST_REQUIRE(NetworkLab::Exec(ns, "sysctl -qw net.ipv4.icmp_ratelimit=0"));
    }
  }
  NetworkLab lab;
  std::string cpe, router, server;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_DIAGNOSTICS_ROUTER_LAB_H_
