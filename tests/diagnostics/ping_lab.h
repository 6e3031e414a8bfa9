// SPDX-License-Identifier: GPL-2.0-or-later
// PingLab: the network the diagnostics tests measure: namespace "cpe" (192.0.2.1) and "server"
// (192.0.2.2) joined by one veth pair; the server answers echo requests after a known delay, or
// not at all (delayed_echo_server.h: the test kernels have no sch_netem). Everything is deleted
// when the lab goes away.
#ifndef EDGECWMP_TESTS_DIAGNOSTICS_PING_LAB_H_
#define EDGECWMP_TESTS_DIAGNOSTICS_PING_LAB_H_

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "tests/diagnostics/delayed_echo_server.h"
#include "tests/support/network_lab.h"

namespace edgecwmp::testing {

inline constexpr const char* kCpeAddress = "192.0.2.1";
inline constexpr const char* kServerAddress = "192.0.2.2";

struct PingLab {
  // |answer| false: the server drops every echo request (100% loss).
  explicit PingLab(std::chrono::milliseconds delay, bool answer = true) {
    cpe = lab.AddNamespace();
    server = lab.AddNamespace();
    BOOST_REQUIRE_MESSAGE(!cpe.empty() && !server.empty(), "cannot create namespaces (root?)");
    BOOST_REQUIRE(lab.Link(cpe, std::string(kCpeAddress) + "/24", server,
                           std::string(kServerAddress) + "/24", &cpe_device, &server_device));
    echo = std::make_unique<DelayedEchoServer>(server, delay, answer);
    BOOST_REQUIRE(echo->ready());
  }
  NetworkLab lab;
  std::string cpe, server, cpe_device, server_device;
  std::unique_ptr<DelayedEchoServer> echo;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_DIAGNOSTICS_PING_LAB_H_
