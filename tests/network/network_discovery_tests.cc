// SPDX-License-Identifier: GPL-2.0-or-later
// A GenieACS-style discovery of a gateway with two Ethernet interfaces: the real cwmpd runs in the
// namespace the test built (netns_lab.h) and the test ACS, on that namespace's loopback, asks
// GetParameterNames("", NextLevel false) then GetParameterValues of every parameter in batches
// of 32, as GenieACS does; the answers must list the interfaces with their addresses and stats.
// And a link going down reaches the ACS as an active value-change notification; instance numbers
// survive a restart.
#define BOOST_TEST_MODULE network_discovery_tests
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <string>

#include "tests/e2e/e2e_checks.h"
#include "tests/e2e/e2e_support.h"
#include "tests/network/netns_lab.h"
#include "tests/support/temp_dir.h"

namespace edgecwmp {
namespace {

using testing::EnteredNetnsLab;
BOOST_TEST_GLOBAL_FIXTURE(EnteredNetnsLab);

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Interface name -> "Device.IP.Interface.<n>." from returned values themselves.
std::map<std::string, std::string> IpRowsByName(const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> row_of;
  const std::string ip = "Device.IP.Interface.";
  for (const auto& [name, value] : values) {
    if (name.rfind(ip, 0) == 0 && name.size() > 5 &&
        name.compare(name.size() - 5, 5, ".Name") == 0 &&
        name.find('.', ip.size()) == name.size() - 5) {
      row_of[value] = name.substr(0, name.size() - 4);
    }
  }
  return row_of;
}

BOOST_AUTO_TEST_CASE(discovery_lists_the_interfaces_with_addresses_and_stats) {
  e2e::AgentSettings settings;
  settings.extra["network.resolv_conf"] = testing::EnteredNetnsLab::ResolvConf();
  settings.extra["edgex.executor"] = "none";
  e2e::AgentFixture f({}, settings);
  f.acs.QueueDiscovery("");
  f.StartAgent();
  f.RequireSessions(1);
  const std::optional<acs::SessionRecord> session = f.acs.Session(1);
  BOOST_REQUIRE(session.has_value());
  BOOST_TEST(f.acs.Violations().empty());
  BOOST_TEST(session->ExchangesOf("GetParameterValues").size() > 1u);  // batches of <= 32
  const std::map<std::string, std::string> values = session->ReturnedValues();
  BOOST_TEST_MESSAGE("discovery: " << values.size() << " values in "
                                   << session->ExchangesOf("GetParameterValues").size()
                                   << " GetParameterValues");

  std::map<std::string, std::string> row_of = IpRowsByName(values);
  const std::string ip = "Device.IP.Interface.";
  BOOST_TEST((std::set<std::string>{"lo", "g0", "g1"} == std::set<std::string>{[&] {
                std::set<std::string> names;
                for (const auto& entry : row_of) names.insert(entry.first);
                return names;
              }()}));
  BOOST_TEST(values.at("Device.IP.InterfaceNumberOfEntries") == "3");
  const std::map<std::string, std::string> want = {{"g0", "192.0.2.1"}, {"g1", "198.51.100.1"}};
  for (const auto& [name, address] : want) {
    BOOST_REQUIRE(row_of.count(name) == 1u);
    const std::string row = row_of[name];
    BOOST_TEST(values.at(row + "IPv4Address.1.IPAddress") == address, name);
    BOOST_TEST(values.at(row + "Status") == "Up", name);
    BOOST_TEST(std::stoull(values.at(row + "Stats.PacketsSent")) > 0u, name);  // IPv6 DAD/RS
    BOOST_TEST(values.count(row + "Stats.BytesReceived") == 1u, name);
    const std::string n = row.substr(ip.size(), row.size() - ip.size() - 1);
    BOOST_TEST(values.at("Device.Ethernet.Interface." + n + ".MACAddress") ==
                   Trim(testing::ReadFile("/sys/class/net/" + name + "/address")),
               name);
  }
  BOOST_TEST(values.at("Device.DNS.Client.ServerNumberOfEntries") == "2");
  BOOST_TEST(values.count("Device.Routing.Router.1.IPv4Forwarding.1.GatewayIPAddress") == 1u);
}

// An ACS sets active notification on an interface's Status; `ip link set down` then makes the
// real cwmpd open a session by itself with 4 VALUE CHANGE and the new Status in its Inform.
BOOST_AUTO_TEST_CASE(a_link_going_down_is_notified_to_the_acs) {
  e2e::AgentSettings settings;
  settings.extra["network.resolv_conf"] = testing::EnteredNetnsLab::ResolvConf();
  settings.extra["edgex.executor"] = "none";
  e2e::AgentFixture f({}, settings);
  f.acs.Queue(cwmp::GetParameterValues{{"Device.IP.Interface."}});
  f.StartAgent();
  f.RequireSessions(1);
  std::string status;
  for (const auto& [name, value] : f.acs.Session(1)->ReturnedValues()) {
    if (value == "g1" && name.size() > 5 && name.compare(name.size() - 5, 5, ".Name") == 0) {
      status = name.substr(0, name.size() - 4) + "Status";
    }
  }
  BOOST_REQUIRE(!status.empty());
  f.acs.QueueSession({cwmp::SetParameterAttributes{{{status, true, 2, false, {}}}}});
  BOOST_REQUIRE(e2e::AcceptedConnectionRequest(*f.agent));
  const int armed =
      e2e::WaitForSession(
          f.acs, [](const acs::SessionRecord& r) { return r.HasEvent("6 CONNECTION REQUEST"); },
          "connection request")
          .number;

  BOOST_REQUIRE(testing::NetnsLab::Run("ip link set g1 down") == 0);
  const acs::SessionRecord change = e2e::WaitForSession(
      f.acs,
      [&](const acs::SessionRecord& r) { return r.number > armed && r.HasEvent("4 VALUE CHANGE"); },
      "4 VALUE CHANGE");
  BOOST_REQUIRE(testing::NetnsLab::Run("ip link set g1 up") == 0);
  BOOST_REQUIRE(testing::NetnsLab::Run("ip route replace default via 198.51.100.2 dev g1") == 0);
  BOOST_REQUIRE(change.inform.has_value());
  std::string reported;
  for (const auto& p : change.inform->parameter_list) {
    if (p.name == status) reported = p.value;
  }
  BOOST_TEST(reported == "Down");
  e2e::RequireNoViolations(f.acs);
}

// Instance numbers outlive a restart of the real cwmpd: with veth pairs x0 and y0 created (in
// that order) the agent numbers them, then x0 goes while the agent is stopped. Numbered afresh
// in kernel order, y0 would take a lower number; it keeps its own, and x0's is not reused.
BOOST_AUTO_TEST_CASE(an_interface_keeps_its_instance_number_across_a_restart) {
  struct Links {  // deleted also when a check fails (deleting x0 removes its peer too)
    ~Links() { testing::NetnsLab::Run("ip link del x0 2>/dev/null; ip link del y0 2>/dev/null"); }
  } links;
  BOOST_REQUIRE(testing::NetnsLab::Run("ip link add x0 type veth peer name x1") == 0);
  BOOST_REQUIRE(testing::NetnsLab::Run("ip link add y0 type veth peer name y1") == 0);
  e2e::AgentSettings settings;
  settings.extra["network.resolv_conf"] = testing::EnteredNetnsLab::ResolvConf();
  settings.extra["edgex.executor"] = "none";
  e2e::AgentFixture f({}, settings);
  // Starts the agent, whose boot session (the |number|th) reads Device.IP.Interface.
  const auto boot_and_read = [&f](int number) {
    f.acs.Queue(cwmp::GetParameterValues{{"Device.IP.Interface."}});
    f.StartAgent();
    f.RequireSessions(number);
    const std::optional<acs::SessionRecord> s = f.acs.Session(number);
    BOOST_REQUIRE(s.has_value());
    return IpRowsByName(s->ReturnedValues());
  };
  const auto before = boot_and_read(1);
  BOOST_REQUIRE(before.count("x0") == 1u);
  BOOST_REQUIRE(before.count("y0") == 1u);
  f.StopAgent();

  BOOST_REQUIRE(testing::NetnsLab::Run("ip link del x0") == 0);
  const auto after = boot_and_read(2);
  BOOST_TEST(after.count("x0") == 0u);
  BOOST_REQUIRE(after.count("y0") == 1u);
  BOOST_TEST(after.at("y0") == before.at("y0"));
  for (const char* name : {"lo", "g0", "g1", "y1"}) {
    BOOST_TEST(after.at(name) == before.at(name), name);
  }
  for (const auto& [name, row] : after) BOOST_TEST(row != before.at("x0"), name);
  f.StopAgent();
}

}  // namespace
}  // namespace edgecwmp
