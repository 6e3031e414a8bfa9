// SPDX-License-Identifier: GPL-2.0-or-later
// The network objects (tr181/network.xml, tr181/network/) read from a real network: the test
// process moves into a namespace it built (netns_lab.h), binds the module into a model over the
// project's definitions and compares what the model says with what `ip` and /sys say, while it
// changes the network (link down, traffic, a new interface).
#define BOOST_TEST_MODULE network_namespace_tests
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "datamodel/datamodel.h"
#include "tests/network/netns_lab.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tr181/definitions.h"
#include "tr181/network/instance_registry.h"
#include "tr181/network/network_module.h"

namespace edgecwmp {
namespace {

using testing::NetnsLab;

// The lab is entered before any test: a process can enter a namespace only while it has a
// single thread.
using testing::EnteredNetnsLab;
BOOST_TEST_GLOBAL_FIXTURE(EnteredNetnsLab);

// A model over every project definition with the network module bound.
struct Model {
  Model() {
    const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
    BOOST_REQUIRE(source != nullptr);
    BOOST_REQUIRE(tr181::LoadDefinitions(&schema, std::string(source) + "/tr181").ok());
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    tr181::network::NetworkConfig config;
    config.resolv_conf = testing::EnteredNetnsLab::ResolvConf();
    config.refresh_ms = 0;  // every read sees the network as it is now
    BOOST_REQUIRE(tr181::network::BindNetwork(model.get(), config).ok());
    BOOST_REQUIRE(model->Load().ok());
  }
  std::string Get(const std::string& path) {
    std::string value;
    const Status s = model->GetValue(path, &value);
    BOOST_REQUIRE_MESSAGE(s.ok(), path << ": " << s.ToString());
    return value;
  }
  // Instance number of the IP.Interface named |name| (0 when none).
  uint32_t Interface(const std::string& table, const std::string& name) {
    std::vector<dm::ParameterInfo> rows;
    BOOST_REQUIRE(model->GetNames(table, true, &rows).ok());
    for (const dm::ParameterInfo& row : rows) {
      if (Get(row.name + "Name") == name) {
        return static_cast<uint32_t>(std::stoul(row.name.substr(table.size())));
      }
    }
    return 0;
  }
  std::set<std::string> Names(const std::string& table) {
    std::vector<dm::ParameterInfo> rows;
    BOOST_REQUIRE(model->GetNames(table, true, &rows).ok());
    std::set<std::string> out;
    for (const dm::ParameterInfo& row : rows) out.insert(Get(row.name + "Name"));
    return out;
  }
  // Every value of the rows of |table| column |column|.
  std::multiset<std::string> Column(const std::string& table, const std::string& column) {
    std::vector<dm::ParameterInfo> rows;
    BOOST_REQUIRE(model->GetNames(table, true, &rows).ok());
    std::multiset<std::string> out;
    for (const dm::ParameterInfo& row : rows) out.insert(Get(row.name + column));
    return out;
  }
  dm::Schema schema;
  std::unique_ptr<dm::DataModel> model;
};

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

BOOST_AUTO_TEST_CASE(lists_exactly_the_namespace_interfaces_with_addresses_and_macs) {
  Model m;
  BOOST_TEST((m.Names("Device.IP.Interface.") == std::set<std::string>{"lo", "g0", "g1"}));
  BOOST_TEST(m.Get("Device.IP.InterfaceNumberOfEntries") == "3");
  BOOST_TEST((m.Names("Device.Ethernet.Interface.") == std::set<std::string>{"g0", "g1"}));
  BOOST_TEST(m.Get("Device.Ethernet.InterfaceNumberOfEntries") == "2");
  BOOST_TEST(m.Get("Device.Ethernet.LinkNumberOfEntries") == "2");

  const std::string g0 = std::to_string(m.Interface("Device.IP.Interface.", "g0"));
  const std::string g1 = std::to_string(m.Interface("Device.IP.Interface.", "g1"));
  const std::string lo = std::to_string(m.Interface("Device.IP.Interface.", "lo"));
  BOOST_TEST(m.Get("Device.IP.Interface." + lo + ".Type") == "Loopback");
  BOOST_TEST(m.Get("Device.IP.Interface." + g0 + ".Type") == "Normal");
  BOOST_TEST(m.Get("Device.IP.Interface." + g0 + ".LowerLayers") == "Device.Ethernet.Link." + g0);
  BOOST_TEST(m.Get("Device.Ethernet.Interface." + g0 + ".MACAddress") ==
             Trim(testing::ReadFile("/sys/class/net/g0/address")));
  BOOST_TEST(m.Get("Device.Ethernet.Link." + g1 + ".MACAddress") ==
             Trim(testing::ReadFile("/sys/class/net/g1/address")));
  BOOST_TEST(m.Get("Device.IP.Interface." + g1 + ".MaxMTUSize") ==
             Trim(testing::ReadFile("/sys/class/net/g1/mtu")));
  // veth reports its speed and duplex through /sys like a NIC does.
  BOOST_TEST(m.Get("Device.Ethernet.Interface." + g0 + ".CurrentBitRate") ==
             Trim(testing::ReadFile("/sys/class/net/g0/speed")));
  BOOST_TEST(m.Get("Device.Ethernet.Interface." + g0 + ".DuplexMode") == "Full");
  BOOST_TEST(m.Get("Device.Ethernet.Interface." + g1 + ".Upstream") == "true");
  BOOST_TEST(m.Get("Device.Ethernet.Interface." + g0 + ".Upstream") == "false");

  const std::string v4 = "Device.IP.Interface." + g0 + ".IPv4Address.";
  BOOST_TEST(m.Get("Device.IP.Interface." + g0 + ".IPv4AddressNumberOfEntries") == "1");
  BOOST_TEST((m.Column(v4, "IPAddress") == std::multiset<std::string>{"192.0.2.1"}));
  BOOST_TEST((m.Column(v4, "SubnetMask") == std::multiset<std::string>{"255.255.255.0"}));
  BOOST_TEST((m.Column(v4, "AddressingType") == std::multiset<std::string>{"Static"}));
  BOOST_TEST((m.Column("Device.IP.Interface." + g1 + ".IPv4Address.", "IPAddress") ==
              std::multiset<std::string>{"198.51.100.1"}));
  const auto v6 = m.Column("Device.IP.Interface." + g0 + ".IPv6Address.", "IPAddress");
  BOOST_TEST(v6.count("2001:db8:1::1") == 1u);
  BOOST_TEST(v6.size() == 2u);  // and its fe80:: link-local address
  BOOST_TEST(m.Column("Device.IP.Interface." + g0 + ".IPv6Address.", "Origin").count("WellKnown") ==
             1u);

  // Each Ethernet interface stacks as IP.Interface over Ethernet.Link over Ethernet.Interface.
  BOOST_TEST(m.Get("Device.InterfaceStackNumberOfEntries") == "4");
  const auto lower = m.Column("Device.InterfaceStack.", "LowerLayer");
  BOOST_TEST(lower.count("Device.Ethernet.Interface." + g0) == 1u);
  BOOST_TEST(lower.count("Device.Ethernet.Link." + g1) == 1u);
}

BOOST_AUTO_TEST_CASE(status_follows_the_link_and_is_notified) {
  Model m;
  const uint32_t g1 = m.Interface("Device.IP.Interface.", "g1");
  const std::string status = "Device.IP.Interface." + std::to_string(g1) + ".Status";
  BOOST_TEST(m.Get(status) == "Up");
  dm::AttributeSet notify;
  notify.name = status;
  notify.notification_change = true;
  notify.notification = 2;
  BOOST_REQUIRE(m.model->SetAttributes({notify}).ok());
  m.model->CollectValueChanges();  // the baseline

  BOOST_REQUIRE(NetnsLab::Run("ip link set g1 down") == 0);
  BOOST_TEST(m.Get(status) == "Down");
  BOOST_TEST(m.Get("Device.Ethernet.Interface." + std::to_string(g1) + ".Status") == "Down");
  BOOST_TEST(m.Get("Device.IP.Interface." + std::to_string(g1) + ".Enable") == "false");
  const std::vector<dm::ValueChange> changes = m.model->CollectValueChanges();
  BOOST_REQUIRE(changes.size() == 1u);
  BOOST_TEST(changes[0].name == status);
  BOOST_TEST(changes[0].value == "Down");

  BOOST_REQUIRE(NetnsLab::Run("ip link set g1 up") == 0);
  // Carrier comes back a moment after the link is up; the row kept its number.
  BOOST_TEST(testing::WaitUntil([&] { return m.Get(status) == "Up"; }));
  BOOST_TEST(m.Interface("Device.IP.Interface.", "g1") == g1);
  // Leave the network as the lab built it: the default route and g1's link-local route.
  BOOST_REQUIRE(NetnsLab::Run("ip route replace default via 198.51.100.2 dev g1") == 0);
  BOOST_TEST(testing::WaitUntil([] {
    return NetnsLab::Output("ip -6 route show table main dev g1").find("fe80::/64") !=
           std::string::npos;
  }));
}

BOOST_AUTO_TEST_CASE(stats_move_when_traffic_flows) {
  Model m;
  const std::string stats = "Device.IP.Interface." +
                            std::to_string(m.Interface("Device.IP.Interface.", "g0")) + ".Stats.";
  const std::string eth_stats = "Device.Ethernet.Interface." +
                                std::to_string(m.Interface("Device.Ethernet.Interface.", "g0")) +
                                ".Stats.";
  const uint64_t bytes = std::stoull(m.Get(stats + "BytesSent"));
  const uint64_t packets = std::stoull(m.Get(stats + "PacketsSent"));
  const uint64_t received = std::stoull(m.Get(eth_stats + "PacketsReceived"));

  // 20 datagrams of 1000 bytes to the peer's address on g0 (nobody listens: the peer answers
  // each with an ICMP port unreachable, which g0 receives).
  const int sock = socket(AF_INET, SOCK_DGRAM, 0);
  BOOST_REQUIRE(sock >= 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(9);
  inet_pton(AF_INET, "192.0.2.2", &to.sin_addr);
  const std::string payload(1000, 'x');
  int sent = 0;
  for (int i = 0; i < 20; ++i) {
    sent += sendto(sock, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&to),
                   sizeof(to)) == static_cast<ssize_t>(payload.size());
  }
  close(sock);
  BOOST_REQUIRE(sent == 20);
  // Transmit counters move when sendto returns on a veth (the peer is fed synchronously).
  BOOST_TEST(std::stoull(m.Get(stats + "PacketsSent")) >= packets + 20);
  BOOST_TEST(std::stoull(m.Get(stats + "BytesSent")) >= bytes + 20 * 1000);
  BOOST_TEST(std::stoull(m.Get(eth_stats + "BytesSent")) >= bytes + 20 * 1000);
  // The peer's ICMP answers come back through its softirq: wait for them.
  BOOST_TEST(testing::WaitUntil(
      [&] { return std::stoull(m.Get(eth_stats + "PacketsReceived")) > received; }));
}

std::string Join(const std::multiset<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "\n  [" + item + "]";
  return out;
}

// "dest/len gateway dev" of each route `ip -<family> route show table main` lists.
std::multiset<std::string> IpRoutes(int family) {
  std::istringstream lines(
      NetnsLab::Output("ip -" + std::to_string(family) + " route show table main"));
  std::multiset<std::string> out;
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string dest, word, via, dev;
    words >> dest;
    while (words >> word) {
      if (word == "via") words >> via;
      if (word == "dev") words >> dev;
    }
    if (dest == "default") dest = family == 4 ? "" : "::/0";
    if (family == 4 && dest.find('/') == std::string::npos && !dest.empty()) dest += "/32";
    out.insert(dest + " " + via + " " + dev);
  }
  return out;
}

BOOST_AUTO_TEST_CASE(forwarding_entries_match_ip_route) {
  Model m;
  std::map<std::string, std::string> name_of;  // "Device.IP.Interface.N" -> name
  for (const char* n : {"lo", "g0", "g1"}) {
    name_of["Device.IP.Interface." + std::to_string(m.Interface("Device.IP.Interface.", n))] = n;
  }
  const std::string router = "Device.Routing.Router.1.";
  BOOST_TEST(m.Get("Device.Routing.RouterNumberOfEntries") == "1");
  std::vector<dm::ParameterInfo> rows;
  BOOST_REQUIRE(m.model->GetNames(router + "IPv4Forwarding.", true, &rows).ok());
  std::multiset<std::string> v4;
  for (const dm::ParameterInfo& row : rows) {
    const std::string dest = m.Get(row.name + "DestIPAddress");
    std::string mask = m.Get(row.name + "DestSubnetMask");
    in_addr a{};
    inet_pton(AF_INET, mask.c_str(), &a);
    const std::string prefix =
        dest.empty() ? "" : dest + "/" + std::to_string(__builtin_popcount(a.s_addr));
    v4.insert(prefix + " " + m.Get(row.name + "GatewayIPAddress") + " " +
              name_of[m.Get(row.name + "Interface")]);
  }
  BOOST_TEST(v4 == IpRoutes(4), Join(v4) << " vs ip: " << Join(IpRoutes(4)));
  BOOST_TEST(v4.count(" 198.51.100.2 g1") == 1u);  // the default route
  BOOST_TEST(m.Get(router + "IPv4ForwardingNumberOfEntries") == std::to_string(v4.size()));

  rows.clear();
  BOOST_REQUIRE(m.model->GetNames(router + "IPv6Forwarding.", true, &rows).ok());
  std::multiset<std::string> v6;
  for (const dm::ParameterInfo& row : rows) {
    v6.insert(m.Get(row.name + "DestIPPrefix") + " " + m.Get(row.name + "NextHop") + " " +
              name_of[m.Get(row.name + "Interface")]);
  }
  BOOST_TEST(v6 == IpRoutes(6), Join(v6) << " vs ip: " << Join(IpRoutes(6)));
  BOOST_TEST(v6.count("2001:db8:2::/48 2001:db8:1::2 g0") == 1u);
}

BOOST_AUTO_TEST_CASE(dns_servers_come_from_the_configured_resolv_conf) {
  Model m;
  BOOST_TEST(m.Get("Device.DNS.Client.ServerNumberOfEntries") == "2");
  BOOST_TEST((m.Column("Device.DNS.Client.Server.", "DNSServer") ==
              std::multiset<std::string>{"192.0.2.53", "2001:db8::53"}));
}

BOOST_AUTO_TEST_CASE(instance_numbers_stay_and_are_never_reused) {
  Model m;
  const uint32_t g0 = m.Interface("Device.IP.Interface.", "g0");
  BOOST_REQUIRE(NetnsLab::Run("ip link add g2 type veth peer name g3") == 0);
  const uint32_t first = m.Interface("Device.IP.Interface.", "g2");
  BOOST_TEST(first != 0u);
  BOOST_REQUIRE(NetnsLab::Run("ip link del g2") == 0);
  BOOST_TEST(m.Interface("Device.IP.Interface.", "g2") == 0u);
  BOOST_REQUIRE(NetnsLab::Run("ip link add g2 type veth peer name g3") == 0);
  const uint32_t second = m.Interface("Device.IP.Interface.", "g2");
  BOOST_REQUIRE(NetnsLab::Run("ip link del g2") == 0);
  BOOST_TEST(second != 0u);
  BOOST_TEST(second != first);
  BOOST_TEST(m.Interface("Device.IP.Interface.", "g0") == g0);
}

// The numbers saved by one registry are those of the next: a key keeps its number, a retired
// number is not reused, and a scope that has no row yet (saved with last number 0) reloads
// without a damage warning.
BOOST_AUTO_TEST_CASE(instance_numbers_reload_from_their_file) {
  testing::TempDir dir("edgecwmp-instances");
  const std::string path = dir.path() + "/network_instances.txt";
  {
    tr181::network::InstanceRegistry first;
    std::string warning;
    BOOST_REQUIRE(first.Open(path, &warning).ok());
    BOOST_TEST(warning == "");
    BOOST_TEST(first.Number("A.", {"x", "y"}) == (std::vector<uint32_t>{1, 2}));
    BOOST_TEST(first.Number("Empty.", {}).empty());
    BOOST_TEST(first.Number("A.", {"y"}) == (std::vector<uint32_t>{2}));  // x gone: 1 retired
  }
  tr181::network::InstanceRegistry again;
  std::string warning;
  BOOST_REQUIRE(again.Open(path, &warning).ok());
  BOOST_TEST(warning == "");
  BOOST_TEST(again.Number("A.", {"z", "y"}) == (std::vector<uint32_t>{3, 2}));
}

BOOST_AUTO_TEST_CASE(the_os_owns_the_network_so_sets_are_refused) {
  Model m;
  const std::string g0 = std::to_string(m.Interface("Device.IP.Interface.", "g0"));
  for (const std::string& name :
       {"Device.IP.Interface." + g0 + ".Enable", "Device.IP.Interface." + g0 + ".MaxMTUSize",
        "Device.Ethernet.Interface." + g0 + ".DuplexMode"}) {
    std::vector<dm::ParameterFault> faults;
    dm::Applied applied = dm::Applied::kNow;
    const Status s = m.model->SetValues({{name, name.back() == 'e' ? "false" : "1400"}},
                                        dm::Origin::kAcs, &faults, &applied);
    BOOST_TEST(!s.ok(), name);
    BOOST_REQUIRE(faults.size() == 1u);
    BOOST_TEST((faults[0].status.code() == Error::kNotWritable), name);
  }
  uint32_t instance = 0;
  dm::Applied applied = dm::Applied::kNow;
  BOOST_TEST(
      !m.model->AddObject("Device.IP.Interface.", dm::Origin::kAcs, &instance, &applied).ok());
  BOOST_TEST(m.Get("Device.IP.Interface." + g0 + ".Enable") == "true");
}

BOOST_AUTO_TEST_CASE(processors_and_sensors_match_the_kernel) {
  Model m;
  BOOST_TEST(m.Get("Device.DeviceInfo.ProcessorNumberOfEntries") ==
             std::to_string(sysconf(_SC_NPROCESSORS_ONLN)));
  BOOST_TEST(m.Get("Device.DeviceInfo.Processor.1.Architecture") ==
             (Trim(NetnsLab::Output("uname -m")) == "x86_64" ? "x86_64"
                                                             : m.Get("Device.DeviceInfo."
                                                                     "Processor.1.Architecture")));
  const std::string sensors = Trim(NetnsLab::Output(
      "(ls /sys/class/thermal/thermal_zone*/temp /sys/class/hwmon/hwmon*/temp*_input) "
      "2>/dev/null | wc -l"));
  BOOST_TEST(m.Get("Device.DeviceInfo.TemperatureStatus.TemperatureSensorNumberOfEntries") ==
             sensors);
  BOOST_TEST(std::stoul(m.Get("Device.DeviceInfo.NetworkProperties.MaxTCPWindowSize")) > 0u);
}

}  // namespace
}  // namespace edgecwmp
