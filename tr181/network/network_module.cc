// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/network/network_module.h"

#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include <functional>
#include <memory>
#include <vector>

#include "base/log.h"
#include "tr181/binding_util.h"
#include "tr181/network/network_view.h"

namespace edgecwmp::tr181::network {
namespace {

namespace po = boost::program_options;
using Instances = std::vector<uint32_t>;
using StatePtr = std::shared_ptr<NetworkState>;

template <typename Row>
struct Column {
  const char* name;
  std::string (*read)(const NetworkView& view, const Row& row);
};

// Finds the row a parameter's instance numbers name, or nullptr when it is gone.
template <typename Row>
using RowFinder = const Row* (*)(const NetworkView& view, const Instances& instances);

std::string Bool(bool b) { return b ? "true" : "false"; }
std::string Num(uint64_t n) { return std::to_string(n); }
// TR-181 unsignedInt counters wrap at 2^32 like the kernel's own 32-bit ones.
std::string Counter32(uint64_t n) { return std::to_string(static_cast<uint32_t>(n)); }

// "Device.X.<n>" of a link, or "" when |present| is false.
std::string PathIf(bool present, const char* table, uint32_t instance) {
  return present ? std::string(table) + std::to_string(instance) : "";
}

std::string MaskOf(int prefix_length) {
  const uint32_t mask = prefix_length <= 0 ? 0 : ~uint32_t{0} << (32 - prefix_length);
  in_addr a{htonl(mask)};
  char text[INET_ADDRSTRLEN] = "";
  inet_ntop(AF_INET, &a, text, sizeof(text));
  return text;
}

std::string RouteType(const NetRoute& r) {
  switch (r.type) {
    case RTN_BLACKHOLE:
      return "Blackhole";
    case RTN_UNREACHABLE:
      return "Unreachable";
    case RTN_PROHIBIT:
      return "Prohibit";
    default:
      return "Normal";
  }
}

std::string InterfaceType(const NetLink& l) {
  if (l.arp_type == ARPHRD_LOOPBACK) return "Loopback";
  for (const char* tunnel : {"gre", "ipip", "sit", "ip6tnl", "wireguard", "tun", "vti"}) {
    if (l.kind == tunnel) return "Tunnel";
  }
  return "Normal";
}

std::string Ipv6AddressStatus(const NetAddress& a) {
  if (a.flags & IFA_F_DADFAILED) return "Duplicate";
  if (a.flags & IFA_F_OPTIMISTIC) return "Optimistic";
  if (a.flags & IFA_F_TENTATIVE) return "Tentative";
  if (a.flags & IFA_F_DEPRECATED) return "Deprecated";
  return "Preferred";
}

std::string Ipv6Origin(const NetAddress& a) {
  if (a.address.rfind("fe80:", 0) == 0) return "WellKnown";
  return a.permanent ? "Static" : "AutoConfigured";
}

const Column<LinkRow> kIpInterface[] = {
    {"Enable", [](const NetworkView&, const LinkRow& r) { return Bool(r.link.admin_up); }},
    {"Status", [](const NetworkView&, const LinkRow& r) { return r.link.status; }},
    {"Name", [](const NetworkView&, const LinkRow& r) { return r.link.name; }},
    {"LowerLayers",
     [](const NetworkView&, const LinkRow& r) {
       return PathIf(r.ethernet_link, "Device.Ethernet.Link.", r.instance);
     }},
    {"MaxMTUSize", [](const NetworkView&, const LinkRow& r) { return Num(r.link.mtu); }},
    {"Type", [](const NetworkView&, const LinkRow& r) { return InterfaceType(r.link); }},
    {"IPv4AddressNumberOfEntries",
     [](const NetworkView&, const LinkRow& r) { return Num(r.ipv4.size()); }},
    {"IPv6AddressNumberOfEntries",
     [](const NetworkView&, const LinkRow& r) { return Num(r.ipv6.size()); }},
};

// The same kernel counters serve IP.Interface.{i}.Stats and Ethernet.Interface.{i}.Stats.
const Column<LinkRow> kStats[] = {
    {"BytesSent",
     [](const NetworkView&, const LinkRow& r) { return Num(r.link.counters.tx_bytes); }},
    {"BytesReceived",
     [](const NetworkView&, const LinkRow& r) { return Num(r.link.counters.rx_bytes); }},
    {"PacketsSent",
     [](const NetworkView&, const LinkRow& r) { return Num(r.link.counters.tx_packets); }},
    {"PacketsReceived",
     [](const NetworkView&, const LinkRow& r) { return Num(r.link.counters.rx_packets); }},
    {"ErrorsSent",
     [](const NetworkView&, const LinkRow& r) { return Counter32(r.link.counters.tx_errors); }},
    {"ErrorsReceived",
     [](const NetworkView&, const LinkRow& r) { return Counter32(r.link.counters.rx_errors); }},
    {"DiscardPacketsSent",
     [](const NetworkView&, const LinkRow& r) { return Counter32(r.link.counters.tx_dropped); }},
    {"DiscardPacketsReceived",
     [](const NetworkView&, const LinkRow& r) { return Counter32(r.link.counters.rx_dropped); }},
    {"MulticastPacketsReceived",
     [](const NetworkView&, const LinkRow& r) { return Num(r.link.counters.rx_multicast); }},
};

const Column<LinkRow> kEthernetInterface[] = {
    {"Enable", [](const NetworkView&, const LinkRow& r) { return Bool(r.link.admin_up); }},
    {"Status", [](const NetworkView&, const LinkRow& r) { return r.link.status; }},
    {"Name", [](const NetworkView&, const LinkRow& r) { return r.link.name; }},
    {"Upstream", [](const NetworkView&, const LinkRow& r) { return Bool(r.upstream); }},
    {"MACAddress", [](const NetworkView&, const LinkRow& r) { return r.link.mac; }},
    {"CurrentBitRate",
     [](const NetworkView&, const LinkRow& r) { return Num(LinkSpeedMbps(r.link.name)); }},
    {"DuplexMode",
     [](const NetworkView&, const LinkRow& r) { return LinkDuplexMode(r.link.name); }},
};

const Column<LinkRow> kEthernetLink[] = {
    {"Enable", [](const NetworkView&, const LinkRow& r) { return Bool(r.link.admin_up); }},
    {"Status", [](const NetworkView&, const LinkRow& r) { return r.link.status; }},
    {"Name", [](const NetworkView&, const LinkRow& r) { return r.link.name; }},
    {"LowerLayers",
     [](const NetworkView&, const LinkRow& r) {
       return PathIf(r.ethernet_interface, "Device.Ethernet.Interface.", r.instance);
     }},
    {"MACAddress", [](const NetworkView&, const LinkRow& r) { return r.link.mac; }},
};

const Column<NetAddress> kIpv4Address[] = {
    {"Enable", [](const NetworkView&, const NetAddress&) { return Bool(true); }},
    {"Status", [](const NetworkView&, const NetAddress&) { return std::string("Enabled"); }},
    {"IPAddress", [](const NetworkView&, const NetAddress& a) { return a.address; }},
    {"SubnetMask", [](const NetworkView&, const NetAddress& a) { return MaskOf(a.prefix_length); }},
    // A lease has a finite lifetime; an address configured by hand or by the OS is permanent.
    {"AddressingType",
     [](const NetworkView&, const NetAddress& a) {
       return std::string(a.permanent ? "Static" : "DHCP");
     }},
};

const Column<NetAddress> kIpv6Address[] = {
    {"Enable", [](const NetworkView&, const NetAddress&) { return Bool(true); }},
    {"Status", [](const NetworkView&, const NetAddress&) { return std::string("Enabled"); }},
    {"IPAddressStatus",
     [](const NetworkView&, const NetAddress& a) { return Ipv6AddressStatus(a); }},
    {"IPAddress", [](const NetworkView&, const NetAddress& a) { return a.address; }},
    {"Origin", [](const NetworkView&, const NetAddress& a) { return Ipv6Origin(a); }},
};

// Columns both forwarding tables share.
std::string RouteEnable(const NetworkView&, const NetRoute&) { return Bool(true); }
std::string RouteStatus(const NetworkView&, const NetRoute&) { return "Enabled"; }
std::string RouteTypeColumn(const NetworkView&, const NetRoute& r) { return RouteType(r); }
std::string RouteInterface(const NetworkView& v, const NetRoute& r) {
  return v.IpInterfacePath(r.oif);
}
std::string RouteMetric(const NetworkView&, const NetRoute& r) {
  return std::to_string(r.metric > INT32_MAX ? INT32_MAX : r.metric);
}

const Column<NetRoute> kIpv4Forwarding[] = {
    {"Enable", RouteEnable},
    {"Status", RouteStatus},
    {"Type", RouteTypeColumn},
    {"StaticRoute",
     [](const NetworkView&, const NetRoute& r) { return Bool(r.protocol != RTPROT_DHCP); }},
    {"DestIPAddress", [](const NetworkView&, const NetRoute& r) { return r.destination; }},
    {"DestSubnetMask",
     [](const NetworkView&, const NetRoute& r) {
       return r.prefix_length == 0 ? std::string() : MaskOf(r.prefix_length);
     }},
    {"GatewayIPAddress", [](const NetworkView&, const NetRoute& r) { return r.gateway; }},
    {"Interface", RouteInterface},
    {"Origin",
     [](const NetworkView&, const NetRoute& r) {
       return std::string(r.protocol == RTPROT_DHCP ? "DHCPv4" : "Static");
     }},
    {"ForwardingMetric", RouteMetric},
};

const Column<NetRoute> kIpv6Forwarding[] = {
    {"Enable", RouteEnable},
    {"Status", RouteStatus},
    {"Type", RouteTypeColumn},
    {"DestIPPrefix",
     [](const NetworkView&, const NetRoute& r) {
       return (r.destination.empty() ? "::" : r.destination) + "/" +
              std::to_string(r.prefix_length);
     }},
    {"NextHop", [](const NetworkView&, const NetRoute& r) { return r.gateway; }},
    {"Interface", RouteInterface},
    {"Origin",
     [](const NetworkView&, const NetRoute& r) {
       return std::string(r.protocol == RTPROT_RA     ? "RA"
                          : r.protocol == RTPROT_DHCP ? "DHCPv6"
                                                      : "Static");
     }},
    {"ForwardingMetric", RouteMetric},
};

const Column<std::string> kDnsServer[] = {
    {"Enable", [](const NetworkView&, const std::string&) { return Bool(true); }},
    {"Status", [](const NetworkView&, const std::string&) { return std::string("Enabled"); }},
    {"DNSServer", [](const NetworkView&, const std::string& s) { return s; }},
};

const Column<TemperatureSensor> kTemperatureSensor[] = {
    {"Enable", [](const NetworkView&, const TemperatureSensor&) { return Bool(true); }},
    {"Status", [](const NetworkView&, const TemperatureSensor&) { return std::string("Enabled"); }},
    {"Name",
     [](const NetworkView&, const TemperatureSensor& s) { return TruncateUtf8(s.name, 256); }},
    {"Value",
     [](const NetworkView&, const TemperatureSensor& s) { return std::to_string(s.celsius); }},
    {"LastUpdate", [](const NetworkView& v, const TemperatureSensor&) { return v.taken_at; }},
};

template <typename Map>
const typename Map::mapped_type* Find(const Map& map, uint32_t key) {
  auto found = map.find(key);
  return found == map.end() ? nullptr : &found->second;
}

const LinkRow* AnyLink(const NetworkView& v, const Instances& i) { return v.Link(i.at(0)); }
const LinkRow* EthernetInterface(const NetworkView& v, const Instances& i) {
  const LinkRow* row = v.Link(i.at(0));
  return row != nullptr && row->ethernet_interface ? row : nullptr;
}
const LinkRow* EthernetLink(const NetworkView& v, const Instances& i) {
  const LinkRow* row = v.Link(i.at(0));
  return row != nullptr && row->ethernet_link ? row : nullptr;
}
const NetAddress* Ipv4Address(const NetworkView& v, const Instances& i) {
  const LinkRow* row = v.Link(i.at(0));
  return row == nullptr ? nullptr : Find(row->ipv4, i.at(1));
}
const NetAddress* Ipv6Address(const NetworkView& v, const Instances& i) {
  const LinkRow* row = v.Link(i.at(0));
  return row == nullptr ? nullptr : Find(row->ipv6, i.at(1));
}
const NetRoute* Ipv4Route(const NetworkView& v, const Instances& i) {
  return i.at(0) == 1 ? Find(v.ipv4_routes, i.at(1)) : nullptr;
}
const NetRoute* Ipv6Route(const NetworkView& v, const Instances& i) {
  return i.at(0) == 1 ? Find(v.ipv6_routes, i.at(1)) : nullptr;
}
const std::string* DnsServer(const NetworkView& v, const Instances& i) {
  return Find(v.dns_servers, i.at(0));
}
const TemperatureSensor* Sensor(const NetworkView& v, const Instances& i) {
  return Find(v.sensors, i.at(0));
}

// Binds |columns| under |table| ("X.{i}.", or a sub-object of a row): each value is read from
// the current view; a row that vanished between listing and reading reads as "".
template <typename Row, size_t N>
Status BindColumns(dm::DataModel* model, const StatePtr& state, const std::string& table,
                   const Column<Row> (&columns)[N], RowFinder<Row> find) {
  for (const Column<Row>& column : columns) {
    dm::ParamBinding binding;
    binding.get = [state, find, read = column.read](const dm::Context& ctx, std::string* value) {
      const std::shared_ptr<const NetworkView> view = state->Current();
      const Row* row = find(*view, ctx.instances);
      *value = row == nullptr ? "" : read(*view, *row);
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(table + column.name, std::move(binding)));
  }
  return Status::Ok();
}

template <typename Map>
std::vector<uint32_t> Keys(const Map& map) {
  std::vector<uint32_t> out;
  for (const auto& entry : map) out.push_back(entry.first);
  return out;
}

// The instances of the link rows |pick| accepts.
dm::InstanceLister LinkLister(StatePtr state, bool (*pick)(const LinkRow&)) {
  return [state, pick](const dm::Context&) {
    std::vector<uint32_t> out;
    for (const auto& [instance, row] : state->Current()->links) {
      if (pick(row)) out.push_back(instance);
    }
    return out;
  };
}

// InterfaceStack rows of link n: 2n-1 = IP.Interface.n over Ethernet.Link.n, 2n = Ethernet.Link.n
// over Ethernet.Interface.n; stable because the link's number is.
struct StackEntry {
  std::string higher, lower;
};
bool StackEntryOf(const NetworkView& v, uint32_t instance, StackEntry* out) {
  const LinkRow* row = v.Link((instance + 1) / 2);
  if (row == nullptr) return false;
  const std::string n = std::to_string(row->instance);
  if (instance % 2 == 1 && row->ethernet_link) {
    *out = {"Device.IP.Interface." + n, "Device.Ethernet.Link." + n};
    return true;
  }
  if (instance % 2 == 0 && row->ethernet_interface) {
    *out = {"Device.Ethernet.Link." + n, "Device.Ethernet.Interface." + n};
    return true;
  }
  return false;
}

Status BindInterfaceStack(dm::DataModel* model, const StatePtr& state) {
  EDGECWMP_RETURN_IF_ERROR(BindListedTable(model, "Device.InterfaceStack.{i}.",
                                           "Device.InterfaceStackNumberOfEntries",
                                           [state](const dm::Context&) {
                                             const auto view = state->Current();
                                             std::vector<uint32_t> out;
                                             StackEntry entry;
                                             for (const auto& [n, row] : view->links) {
                                               for (uint32_t i : {2 * n - 1, 2 * n}) {
                                                 if (StackEntryOf(*view, i, &entry))
                                                   out.push_back(i);
                                               }
                                             }
                                             return out;
                                           }));
  for (const bool higher : {true, false}) {
    dm::ParamBinding binding;
    binding.get = [state, higher](const dm::Context& ctx, std::string* value) {
      StackEntry entry;
      const bool found = StackEntryOf(*state->Current(), ctx.instances.at(0), &entry);
      *value = !found ? "" : higher ? entry.higher : entry.lower;
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
        higher ? "Device.InterfaceStack.{i}.HigherLayer" : "Device.InterfaceStack.{i}.LowerLayer",
        std::move(binding)));
  }
  return Status::Ok();
}

Status BindInterfaces(dm::DataModel* model, const StatePtr& state) {
  const auto all = [](const LinkRow&) { return true; };
  const auto eth_if = [](const LinkRow& r) { return r.ethernet_interface; };
  const auto eth_link = [](const LinkRow& r) { return r.ethernet_link; };
  EDGECWMP_RETURN_IF_ERROR(BindListedTable(model, "Device.IP.Interface.{i}.",
                                           "Device.IP.InterfaceNumberOfEntries",
                                           LinkLister(state, all)));
  EDGECWMP_RETURN_IF_ERROR(
      BindColumns(model, state, "Device.IP.Interface.{i}.", kIpInterface, AnyLink));
  EDGECWMP_RETURN_IF_ERROR(
      BindColumns(model, state, "Device.IP.Interface.{i}.Stats.", kStats, AnyLink));
  EDGECWMP_RETURN_IF_ERROR(BindListedTable(model, "Device.Ethernet.Interface.{i}.",
                                           "Device.Ethernet.InterfaceNumberOfEntries",
                                           LinkLister(state, eth_if)));
  EDGECWMP_RETURN_IF_ERROR(BindColumns(model, state, "Device.Ethernet.Interface.{i}.",
                                       kEthernetInterface, EthernetInterface));
  EDGECWMP_RETURN_IF_ERROR(
      BindColumns(model, state, "Device.Ethernet.Interface.{i}.Stats.", kStats, EthernetInterface));
  EDGECWMP_RETURN_IF_ERROR(BindListedTable(model, "Device.Ethernet.Link.{i}.",
                                           "Device.Ethernet.LinkNumberOfEntries",
                                           LinkLister(state, eth_link)));
  EDGECWMP_RETURN_IF_ERROR(
      BindColumns(model, state, "Device.Ethernet.Link.{i}.", kEthernetLink, EthernetLink));

  // Address tables sit under a row: they are listed, their counts are the row's columns.
  EDGECWMP_RETURN_IF_ERROR(model->BindObject(
      "Device.IP.Interface.{i}.IPv4Address.{i}.",
      dm::ObjectBinding{[state](const dm::Context& ctx) {
                          const LinkRow* row = AnyLink(*state->Current(), ctx.instances);
                          return row ? Keys(row->ipv4) : std::vector<uint32_t>();
                        },
                        nullptr, nullptr}));
  EDGECWMP_RETURN_IF_ERROR(model->BindObject(
      "Device.IP.Interface.{i}.IPv6Address.{i}.",
      dm::ObjectBinding{[state](const dm::Context& ctx) {
                          const LinkRow* row = AnyLink(*state->Current(), ctx.instances);
                          return row ? Keys(row->ipv6) : std::vector<uint32_t>();
                        },
                        nullptr, nullptr}));
  EDGECWMP_RETURN_IF_ERROR(BindColumns(model, state, "Device.IP.Interface.{i}.IPv4Address.{i}.",
                                       kIpv4Address, Ipv4Address));
  EDGECWMP_RETURN_IF_ERROR(BindColumns(model, state, "Device.IP.Interface.{i}.IPv6Address.{i}.",
                                       kIpv6Address, Ipv6Address));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter("Device.IP.IPv4Capable", ConstantValue("true")));
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.IP.IPv6Capable", LiveValue([](std::string* value) {
                             *value = Bool(access("/proc/net/if_inet6", F_OK) == 0);
                             return Status::Ok();
                           })));
  return Status::Ok();
}

Status BindRouting(dm::DataModel* model, const StatePtr& state) {
  // One router: the kernel's main table (policy routing tables are not modelled).
  EDGECWMP_RETURN_IF_ERROR(
      BindListedTable(model, "Device.Routing.Router.{i}.", "Device.Routing.RouterNumberOfEntries",
                      [](const dm::Context&) { return std::vector<uint32_t>{1}; }));
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.Routing.Router.{i}.Enable", ConstantValue("true")));
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.Routing.Router.{i}.Status", ConstantValue("Enabled")));
  using RouteMap = std::map<uint32_t, NetRoute> NetworkView::*;
  const struct {
    const char* table;
    const char* count;
    RouteMap routes;
  } kTables[] = {
      {"Device.Routing.Router.{i}.IPv4Forwarding.{i}.",
       "Device.Routing.Router.{i}.IPv4ForwardingNumberOfEntries", &NetworkView::ipv4_routes},
      {"Device.Routing.Router.{i}.IPv6Forwarding.{i}.",
       "Device.Routing.Router.{i}.IPv6ForwardingNumberOfEntries", &NetworkView::ipv6_routes},
  };
  for (const auto& t : kTables) {
    EDGECWMP_RETURN_IF_ERROR(model->BindObject(
        t.table, dm::ObjectBinding{[state, routes = t.routes](const dm::Context&) {
                                     return Keys((*state->Current()).*routes);
                                   },
                                   nullptr, nullptr}));
    dm::ParamBinding count;
    count.get = [state, routes = t.routes](const dm::Context&, std::string* value) {
      *value = Num(((*state->Current()).*routes).size());
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(t.count, std::move(count)));
  }
  EDGECWMP_RETURN_IF_ERROR(BindColumns(model, state, kTables[0].table, kIpv4Forwarding, Ipv4Route));
  EDGECWMP_RETURN_IF_ERROR(BindColumns(model, state, kTables[1].table, kIpv6Forwarding, Ipv6Route));
  return Status::Ok();
}

Status BindDeviceInfo(dm::DataModel* model, const StatePtr& state) {
  EDGECWMP_RETURN_IF_ERROR(BindListedTable(model, "Device.DeviceInfo.Processor.{i}.",
                                           "Device.DeviceInfo.ProcessorNumberOfEntries",
                                           [](const dm::Context&) {
                                             std::vector<uint32_t> out;
                                             for (uint32_t i = 1; i <= ProcessorCount(); ++i)
                                               out.push_back(i);
                                             return out;
                                           }));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter("Device.DeviceInfo.Processor.{i}.Architecture",
                                                ConstantValue(ProcessorArchitecture())));
  EDGECWMP_RETURN_IF_ERROR(
      BindListedTable(model, "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.",
                      "Device.DeviceInfo.TemperatureStatus.TemperatureSensorNumberOfEntries",
                      [state](const dm::Context&) { return Keys(state->Current()->sensors); }));
  EDGECWMP_RETURN_IF_ERROR(BindColumns(model, state,
                                       "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.",
                                       kTemperatureSensor, Sensor));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      "Device.DeviceInfo.NetworkProperties.MaxTCPWindowSize", LiveValue([](std::string* value) {
        *value = Num(MaxTcpWindowSize());
        return Status::Ok();
      })));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      "Device.DeviceInfo.NetworkProperties.TCPImplementation", LiveValue([](std::string* value) {
        *value = TcpImplementations();
        return Status::Ok();
      })));
  return Status::Ok();
}

Status BindDns(dm::DataModel* model, const StatePtr& state) {
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.DNS.Client.Status", ConstantValue("Enabled")));
  EDGECWMP_RETURN_IF_ERROR(BindListedTable(
      model, "Device.DNS.Client.Server.{i}.", "Device.DNS.Client.ServerNumberOfEntries",
      [state](const dm::Context&) { return Keys(state->Current()->dns_servers); }));
  EDGECWMP_RETURN_IF_ERROR(
      BindColumns(model, state, "Device.DNS.Client.Server.{i}.", kDnsServer, DnsServer));
  return Status::Ok();
}

}  // namespace

po::options_description NetworkOptions(NetworkConfig* c) {
  po::options_description d("Network (Device.IP., Ethernet., Routing., DNS.Client.; read-only)");
  // clang-format off
  d.add_options()(
      "network.resolv_conf", po::value(&c->resolv_conf),
      "file whose nameserver lines are Device.DNS.Client.Server (empty: systemd-resolved's "
      "/run/systemd/resolve/resolv.conf when it exists, else /etc/resolv.conf)")(
      "network.refresh_ms", po::value(&c->refresh_ms)->default_value(c->refresh_ms),
      "how long one netlink reading of links, addresses and routes answers the data model "
      "(a GetParameterValues or a value-change poll reads the kernel once)");
  // clang-format on
  return d;
}

Status BindNetwork(dm::DataModel* model, const NetworkConfig& config) {
  auto state = std::make_shared<NetworkState>(
      config.resolv_conf.empty() ? DefaultResolvConf() : config.resolv_conf,
      std::chrono::milliseconds(config.refresh_ms));
  if (!config.state_dir.empty()) {
    std::string warning;
    // Unreadable: the numbers start afresh (the ACS rediscovers), which beats refusing to start.
    Status opened = state->PersistInstances(config.state_dir + "/network_instances.txt", &warning);
    if (!warning.empty()) Log(LogLevel::kWarning, "network", warning);
    if (!opened.ok()) Log(LogLevel::kError, "network", "instance numbers: ", opened.ToString());
  }
  EDGECWMP_RETURN_IF_ERROR(BindInterfaces(model, state));
  EDGECWMP_RETURN_IF_ERROR(BindInterfaceStack(model, state));
  EDGECWMP_RETURN_IF_ERROR(BindRouting(model, state));
  EDGECWMP_RETURN_IF_ERROR(BindDns(model, state));
  EDGECWMP_RETURN_IF_ERROR(BindDeviceInfo(model, state));
  return Status::Ok();
}

}  // namespace edgecwmp::tr181::network
