// SPDX-License-Identifier: GPL-2.0-or-later
// UDPEchoDiagnostics against the Echo Plus server (tr181/diagnostics/udp_echo.h) running in the
// lab's "server" namespace: every datagram comes back with the server's sequence numbers and
// time stamps in its Echo Plus header; without a server every datagram is a failure. And
// Device.IP.Diagnostics.UDPEchoConfig over the real data model: once enabled the CPE answers its
// SourceIPAddress and counts it; another source is not answered; disabled, nothing listens.
#define BOOST_TEST_MODULE diagnostics_udp_echo_tests
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "datamodel/datamodel.h"
#include "tests/diagnostics/ping_lab.h"
#include "tests/support/wait_until.h"
#include "tr181/definitions.h"
#include "tr181/diagnostics/udp_echo.h"
#include "tr181/diagnostics/udp_echo_config.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

constexpr uint16_t kEchoPort = 7777;

std::unique_ptr<tr181::UdpEchoServer> ServerIn(const PingLab& lab) {
  ScopedNetns inside(lab.server);  // the socket is bound there; its thread keeps it
  BOOST_REQUIRE(inside.ok());
  auto server = std::make_unique<tr181::UdpEchoServer>(
      tr181::UdpEchoServerOptions{testing::kServerAddress, "", kEchoPort, true, ""});
  BOOST_REQUIRE(server->ok());
  return server;
}

tr181::UdpEchoResult Echo(const std::string& from, const std::string& to, uint32_t repetitions,
                          uint32_t timeout_ms) {
  ScopedNetns inside(from);
  BOOST_REQUIRE(inside.ok());
  tr181::UdpEchoRequest request;
  request.host = to;
  request.port = kEchoPort;
  request.repetitions = repetitions;
  request.timeout_ms = timeout_ms;
  request.inter_transmission_ms = 20;
  request.data_block_size = 100;
  tr181::CancelToken never;
  return tr181::RunUdpEcho(request, never);
}

tr181::UdpEchoResult EchoFromCpe(const PingLab& lab, uint32_t repetitions, uint32_t timeout_ms) {
  return Echo(lab.cpe, testing::kServerAddress, repetitions, timeout_ms);
}

// The agent's model with UDPEchoConfig bound, as cwmpd has it.
struct ConfigModel {
  ConfigModel() {
    const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
    BOOST_REQUIRE(source != nullptr);
    BOOST_REQUIRE(tr181::LoadDefinitions(&schema, std::string(source) + "/tr181").ok());
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    BOOST_REQUIRE(
        config.Register(model.get(), [](const std::string&) { return std::string(); }).ok());
    BOOST_REQUIRE(model->Load().ok());
    config.Apply();
  }
  void Set(const std::vector<std::pair<std::string, std::string>>& values) {
    std::vector<dm::ParameterSet> sets;
    for (const auto& [name, value] : values) {
      sets.push_back({"Device.IP.Diagnostics.UDPEchoConfig." + name, value});
    }
    dm::Applied applied;
    BOOST_REQUIRE(model->SetValues(sets, dm::Origin::kAcs, nullptr, &applied).ok());
    config.Apply();
  }
  std::string Get(const std::string& name) {
    std::string value;
    BOOST_REQUIRE(model->GetValue("Device.IP.Diagnostics.UDPEchoConfig." + name, &value).ok());
    return value;
  }
  dm::Schema schema;
  std::unique_ptr<dm::DataModel> model;
  tr181::UdpEchoConfig config;
};

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

BOOST_AUTO_TEST_CASE(udp_echo_config_answers_only_its_source_while_enabled) {
  PingLab lab(std::chrono::milliseconds(0));
  ScopedNetns inside(lab.cpe);  // the responder's socket is made here, in the CPE
  BOOST_REQUIRE(inside.ok());
  ConfigModel m;
  BOOST_TEST(m.Get("PacketsReceived") == "0");
  m.Set({{"Enable", "true"},
         {"UDPPort", std::to_string(kEchoPort)},
         {"SourceIPAddress", testing::kServerAddress}});
  const tr181::UdpEchoResult r = Echo(lab.server, testing::kCpeAddress, 3, 2000);
  BOOST_TEST(r.success == 3u);
  BOOST_REQUIRE(r.packets.size() == 3u);
  BOOST_TEST(r.packets[2].resp_sn == 3u);
  BOOST_TEST(testing::WaitUntil([&] { return m.Get("PacketsResponded") == "3"; }));
  BOOST_TEST(m.Get("PacketsReceived") == "3");
  BOOST_TEST(m.Get("BytesReceived") == "300");
  BOOST_TEST(m.Get("TimeFirstPacketReceived") <= m.Get("TimeLastPacketReceived"));
  BOOST_TEST(m.Get("TimeFirstPacketReceived") != "0001-01-01T00:00:00Z");
  // Another source is not answered.
  m.Set({{"SourceIPAddress", "192.0.2.99"}});
  BOOST_TEST(Echo(lab.server, testing::kCpeAddress, 2, 200).failure == 2u);
  // Disabled: nothing listens any more.
  m.Set({{"Enable", "false"}, {"SourceIPAddress", ""}});
  BOOST_TEST(Echo(lab.server, testing::kCpeAddress, 2, 200).failure == 2u);
  BOOST_TEST(m.Get("PacketsReceived") == "0");
}
