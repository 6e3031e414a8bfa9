// SPDX-License-Identifier: GPL-2.0-or-later
// UDPEchoDiagnostics against the Echo Plus server (tr181/diagnostics/udp_echo.h) running in the
// lab's "server" namespace: every datagram comes back with the server's sequence numbers and
// time stamps in its Echo Plus header; without a server every datagram is a failure.
#define BOOST_TEST_MODULE diagnostics_udp_echo_tests
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "tests/diagnostics/ping_lab.h"
#include "tests/support/wait_until.h"
#include "tr181/diagnostics/udp_echo.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

constexpr uint16_t kEchoPort = 7777;

std::unique_ptr<tr181::UdpEchoServer> ServerIn(const PingLab& lab) {
  ScopedNetns inside(lab.server);  // the socket is bound there; its thread keeps it
  BOOST_REQUIRE(inside.ok());
  auto server = std::make_unique<tr181::UdpEchoServer>(testing::kServerAddress, kEchoPort, true);
  BOOST_REQUIRE(server->ok());
  return server;
}

tr181::UdpEchoResult EchoFromCpe(const PingLab& lab, uint32_t repetitions, uint32_t timeout_ms) {
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::UdpEchoRequest request;
  request.host = testing::kServerAddress;
  request.port = kEchoPort;
  request.repetitions = repetitions;
  request.timeout_ms = timeout_ms;
  request.inter_transmission_ms = 20;
  request.data_block_size = 100;
  tr181::CancelToken never;
  return tr181::RunUdpEcho(request, never);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_datagram_is_echoed_with_the_echo_plus_header_filled) {
  PingLab lab(std::chrono::milliseconds(0));
  auto server = ServerIn(lab);
  const tr181::UdpEchoResult r = EchoFromCpe(lab, 5, 2000);
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 5u);
  BOOST_TEST(r.failure == 0u);
  BOOST_TEST(r.address_used == testing::kCpeAddress);
  BOOST_TEST(r.minimum_us <= r.average_us);
  BOOST_TEST(r.average_us <= r.maximum_us);
  BOOST_TEST(r.maximum_us > 0u);
  BOOST_REQUIRE(r.packets.size() == 5u);
  for (uint32_t i = 0; i < 5; ++i) {
    BOOST_TEST(r.packets[i].success);
    BOOST_TEST(r.packets[i].gen_sn == i + 1);
    BOOST_TEST(r.packets[i].resp_sn == i + 1);  // the server's own count of what it received
    BOOST_TEST(r.packets[i].resp_rcv_us != 0u);
    BOOST_TEST(r.packets[i].resp_failures == 0u);
  }
  BOOST_TEST(server->packets_received() == 5u);
  // The server counts a reply once sendto() returned, possibly after the client read it.
  BOOST_TEST(testing::WaitUntil([&] { return server->packets_responded() == 5u; }));
}

BOOST_AUTO_TEST_CASE(without_a_server_every_datagram_fails) {
  PingLab lab(std::chrono::milliseconds(0));
  const tr181::UdpEchoResult r = EchoFromCpe(lab, 3, 200);
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 0u);
  BOOST_TEST(r.failure == 3u);
  BOOST_TEST(r.average_us == 0u);
}
