// SPDX-License-Identifier: GPL-2.0-or-later
// UDP connection requests through a real NAT (TR-069 Annex G, TR-111 part 2), as root: the real
// cwmpd in a LAN namespace behind a masquerading router namespace (nftables, random ports), the
// test ACS and a real STUN server (coturn) in the WAN namespace (nat_testbed.h). The ACS turns
// STUN on by SetParameterValues, as GenieACS's provisions do; the CPE learns its mapped address
// through coturn and reports it; GenieACS's signed datagrams sent from coturn's port reach the CPE
// through the mapping and open a session; keep-alives hold the mapping past the router's UDP
// timeout; a flushed NAT gets a new mapping that the CPE reports; HTTP from the WAN cannot reach
// the CPE. Not root: every case says so and checks nothing.
#define BOOST_TEST_MODULE nat_e2e_tests
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

#include "tests/acs/udp_connection_request.h"
#include "tests/e2e/e2e_checks.h"
#include "tests/nat/udp_e2e_support.h"
#include "tests/support/nat_testbed.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::nat {
namespace {

using testing::kLanIp;
using testing::kRouterWanIp;
using testing::kWanIp;
using testing::NatTestbed;
using Clock = std::chrono::steady_clock;
constexpr auto kWait = std::chrono::seconds(30);
constexpr uint16_t kStunPort = 3478;
const char kAddress[] = "Device.ManagementServer.UDPConnectionRequestAddress";
const char kNat[] = "Device.ManagementServer.NATDetected";

cwmp::ParameterValueStruct Value(const std::string& name, const std::string& value,
                                 const std::string& type) {
  return {"Device.ManagementServer." + name, value, type};
}

// The testbed, coturn, the ACS (WAN) and cwmpd (LAN), STUN switched on by the ACS.
struct NatFixture {
  // |nat_udp_timeout| > 0: the router forgets an idle UDP mapping after that many seconds (set
  // before any mapping exists: an existing entry keeps the timeout it was given).
  explicit NatFixture(int keepalive_seconds, int nat_udp_timeout = 0) {
    BOOST_REQUIRE_MESSAGE(bed.Build().ok(), "building the NAT testbed");
    if (nat_udp_timeout > 0) BOOST_REQUIRE(bed.SetRouterUdpTimeout(nat_udp_timeout).ok());
    BOOST_REQUIRE(bed.Spawn(bed.wan(),
                            {"turnserver", "-n", "--stun-only", "--no-cli", "-v",
                             std::string("--listening-ip=") + kWanIp,
                             "--listening-port=" + std::to_string(kStunPort), "--log-file=stdout",
                             "--simple-log", "--pidfile=" + dir.path() + "/turn.pid"},
                            dir.path() + "/turn.log")
                      .ok());
    BOOST_REQUIRE(testing::WaitUntil(
        [&] {
          return testing::ReadFile(dir.path() + "/turn.log").find("UDP listener opened on") !=
                 std::string::npos;
        },
        kWait));
    acs::TestAcsOptions options;
    options.address = kWanIp;
    acs = std::make_unique<acs::TestAcs>(options);
    Status started;
    BOOST_REQUIRE(bed.InNamespace(bed.wan(), [&] { started = acs->Start(); }).ok());
    BOOST_REQUIRE(started.ok());
    // The first session turns STUN on (GenieACS: a provision's declare).
    acs->Queue(cwmp::SetParameterValues{
        {Value("STUNServerAddress", kWanIp, "xsd:string"),
         Value("STUNServerPort", std::to_string(kStunPort), "xsd:unsignedInt"),
         Value("STUNMinimumKeepAlivePeriod", "1", "xsd:unsignedInt"),
         Value("STUNMaximumKeepAlivePeriod", std::to_string(keepalive_seconds), "xsd:int"),
         Value("STUNEnable", "true", "xsd:boolean")},
        "stun"});
    e2e::AgentSettings settings;
    settings.acs_url = "http://" + std::string(kWanIp) + ":" + std::to_string(acs->port()) + "/";
    settings.command_prefix = {"/usr/sbin/ip", "netns", "exec", bed.lan()};
    settings.extra["cr.address"] = kLanIp;
    settings.extra["cr.udp_address"] = "0.0.0.0";
    settings.extra["agent.log_level"] = "debug";
    agent = std::make_unique<e2e::AgentProcess>(dir.path(), settings);
    BOOST_REQUIRE(agent->Start());
  }
  ~NatFixture() {
    if (agent) agent->Kill();
    if (acs) acs->Stop();
  }

  // The address the CPE logged once it differs from |not|, with NAT detected.
  std::string AwaitMappedAddress(const std::string& not_this = "") {
    std::string found;
    BOOST_REQUIRE_MESSAGE(testing::WaitUntil(
                              [&] {
                                const std::string log = agent->Log();
                                const size_t line = log.rfind("UDP connection requests at ");
                                auto a = LoggedUdpAddress(log);
                                if (!a || *a == not_this) return false;
                                if (log.find("(NAT detected)", line) > log.find('\n', line))
                                  return false;
                                found = *a;
                                return true;
                              },
                              kWait),
                          "no mapped address other than '" << not_this << "':\n"
                                                           << agent->Log());
    return found;
  }
  // The ACS heard |address| in an Inform (active notification of a value change).
  void AwaitReported(const std::string& address) {
    BOOST_REQUIRE_MESSAGE(
        acs->WaitUntil(
            [&](const std::vector<acs::SessionRecord>& sessions) {
              for (const auto& s : sessions) {
                if (InformValue(s, kAddress) == address && s.HasEvent("4 VALUE CHANGE"))
                  return true;
              }
              return false;
            },
            kWait),
        "no Inform reported " << address);
  }
  // GenieACS's 3 datagrams from coturn's own port to |address|; a session follows.
  acs::SessionRecord WakeThrough(const std::string& address) {
    acs->QueueSession({cwmp::GetParameterValues{{kAddress, kNat}}});
    acs::UdpConnectionRequestOptions o;
    o.address = address;
    o.username = agent->settings().cr_username;
    o.password = agent->settings().cr_password;
    o.source_ip = kWanIp;
    o.source_port = kStunPort;  // cwmp.udpConnectionRequestPort = the STUN server's port
    const auto sent = Clock::now();
    Status s;
    BOOST_REQUIRE(bed.InNamespace(bed.wan(), [&] { s = acs::SendUdpConnectionRequest(o); }).ok());
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    std::optional<acs::SessionRecord> woken;
    BOOST_REQUIRE_MESSAGE(testing::WaitUntil(
                              [&] {
                                for (const auto& r : acs->Sessions()) {
                                  if (r.inform_received > sent &&
                                      r.HasEvent("6 CONNECTION REQUEST") &&
                                      r.end != acs::SessionEnd::kRunning) {
                                    woken = r;
                                    return true;
                                  }
                                }
                                return false;
                              },
                              kWait),
                          "no session after the UDP request to " << address << "\n"
                                                                 << agent->Log());
    return *woken;
  }

  testing::TempDir dir{"edgecwmp-nat"};
  NatTestbed bed;  // destroyed first: coturn stops, the namespaces go
  std::unique_ptr<acs::TestAcs> acs;
  std::unique_ptr<e2e::AgentProcess> agent;
};

#define REQUIRE_ROOT()                                                        \
  if (!NatTestbed::IsRoot()) {                                                \
    BOOST_TEST_MESSAGE("not root: the NAT testbed needs network namespaces"); \
    return;                                                                   \
  }

BOOST_AUTO_TEST_CASE(stun_mapping_is_reported_and_a_udp_request_through_it_opens_a_session) {
  REQUIRE_ROOT();
  NatFixture f(30);
  const std::string mapped = f.AwaitMappedAddress();
  BOOST_TEST(mapped.rfind(std::string(kRouterWanIp) + ":", 0) == 0u);  // the router's WAN side
  f.AwaitReported(mapped);
  const acs::SessionRecord woken = f.WakeThrough(mapped);
  BOOST_TEST(ReturnedValue(woken, kAddress).value_or("") == mapped);
  BOOST_TEST(ReturnedValue(woken, kNat).value_or("") == "true");
  // One session for the 3 copies: the other two were ignored as replays.
  BOOST_REQUIRE(testing::WaitUntil(
      [&] { return CountLines(f.agent->Log(), "ignored: id already accepted") >= 2; }, kWait));
  BOOST_TEST(CountAccepted(f.agent->Log()) == 1u);

  // HTTP connection requests from the WAN cannot reach the CPE's LAN address.
  acs::ConnectionRequestResult http;
  const std::string url =
      "http://" + std::string(kLanIp) + ":" + std::to_string(f.agent->cr_port()) + "/";
  BOOST_REQUIRE(
      f.bed
          .InNamespace(f.bed.wan(),
                       [&] { http = acs::SendConnectionRequest(url, "cr-user", "cr-secret"); })
          .ok());
  BOOST_TEST(!http.success);
  BOOST_TEST(http.http_status == 0);
  e2e::RequireNoViolations(*f.acs);
  BOOST_TEST(f.agent->Log().find("cr-secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(keepalives_hold_the_binding_and_a_new_mapping_is_reported) {
  REQUIRE_ROOT();
  NatFixture f(1, 3);  // a Binding Request every second; the NAT forgets after 3 s
  const std::string mapped = f.AwaitMappedAddress();
  f.AwaitReported(mapped);
  // The scenario, not a synchronisation: three NAT timeouts pass. Without keep-alives the
  // router would forget the mapping and give the next packet a new random port.
  std::this_thread::sleep_for(std::chrono::seconds(9));
  BOOST_TEST(LoggedUdpAddress(f.agent->Log()).value_or("") == mapped);
  BOOST_TEST(f.agent->Log().find("binding changed") == std::string::npos);
  f.WakeThrough(mapped);
  // The router loses its mappings (a NAT restart): the next keep-alive gets a new one, which
  // the CPE notices and reports, and the ACS reaches it there.
  BOOST_REQUIRE(f.bed.FlushRouterMappings().ok());
  const std::string moved = f.AwaitMappedAddress(mapped);
  BOOST_TEST(moved != mapped);
  BOOST_TEST(f.agent->Log().find("binding changed") != std::string::npos);
  f.AwaitReported(moved);
  const acs::SessionRecord woken = f.WakeThrough(moved);
  BOOST_TEST(ReturnedValue(woken, kAddress).value_or("") == moved);
  e2e::RequireNoViolations(*f.acs);
}

}  // namespace
}  // namespace edgecwmp::nat
