// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/network/network_view.h"

#include <linux/if_arp.h>
#include <sys/socket.h>

#include <utility>

#include "base/time_util.h"
#include "tr181/network/system_facts.h"

namespace edgecwmp::tr181::network {
namespace {

// Numbers |items| by |key| in |scope| and files them by instance into |out|.
template <typename T, typename KeyOf>
void NumberInto(InstanceRegistry* registry, const std::string& scope, std::vector<T> items,
                KeyOf key_of, std::map<uint32_t, T>* out) {
  std::vector<std::string> keys;
  for (const T& item : items) keys.push_back(key_of(item));
  const std::vector<uint32_t> numbers = registry->Number(scope, keys);
  for (size_t i = 0; i < items.size(); ++i) (*out)[numbers[i]] = std::move(items[i]);
}

std::string RouteKey(const NetRoute& r) {
  return r.destination + "/" + std::to_string(r.prefix_length) + " " + r.gateway + " " +
         std::to_string(r.oif) + " " + std::to_string(r.metric) + " " + std::to_string(r.type);
}

std::string AddressKey(const NetAddress& a) {
  return a.address + "/" + std::to_string(a.prefix_length);
}

void NumberLinks(InstanceRegistry* registry, const NetSnapshot& snap, NetworkView* view) {
  std::vector<LinkRow> rows;
  for (const NetLink& link : snap.links) {
    LinkRow row;
    row.link = link;
    row.ethernet_link = link.arp_type == ARPHRD_ETHER;
    row.ethernet_interface = row.ethernet_link && (link.kind.empty() || link.kind == "veth");
    for (const NetRoute& r : snap.routes) {
      row.upstream = row.upstream || (r.prefix_length == 0 && r.oif == link.ifindex);
    }
    rows.push_back(std::move(row));
  }
  // The ifindex and the name together: a re-created interface (new ifindex) is a new row.
  NumberInto(
      registry, "Device.IP.Interface.", std::move(rows),
      [](const LinkRow& r) { return std::to_string(r.link.ifindex) + "/" + r.link.name; },
      &view->links);
  for (auto& [instance, row] : view->links) {
    row.instance = instance;
    view->instance_of_ifindex[row.link.ifindex] = instance;
    std::vector<NetAddress> v4, v6;
    for (const NetAddress& a : snap.addresses) {
      if (a.ifindex != row.link.ifindex) continue;
      (a.family == AF_INET ? v4 : v6).push_back(a);
    }
    const std::string table = "Device.IP.Interface." + std::to_string(instance) + ".";
    NumberInto(registry, table + "IPv4Address.", std::move(v4), AddressKey, &row.ipv4);
    NumberInto(registry, table + "IPv6Address.", std::move(v6), AddressKey, &row.ipv6);
  }
}

}  // namespace

const LinkRow* NetworkView::Link(uint32_t instance) const {
  auto found = links.find(instance);
  return found == links.end() ? nullptr : &found->second;
}

std::string NetworkView::IpInterfacePath(int ifindex) const {
  auto found = instance_of_ifindex.find(ifindex);
  return found == instance_of_ifindex.end()
             ? ""
             : "Device.IP.Interface." + std::to_string(found->second);
}

NetworkState::NetworkState(std::string resolv_conf, std::chrono::milliseconds refresh)
    : resolv_conf_(std::move(resolv_conf)), refresh_(refresh) {}

std::shared_ptr<const NetworkView> NetworkState::Current() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (view_ == nullptr || now - taken_ >= refresh_) {
    view_ = Build();
    taken_ = now;
  }
  return view_;
}

std::shared_ptr<const NetworkView> NetworkState::Build() {
  auto view = std::make_shared<NetworkView>();
  NetSnapshot snap;
  view->ok = ReadNetSnapshot(&snap).ok();
  // A failed reading shows empty tables but leaves the numbers alone: the interfaces did not go
  // away, and forgetting them would retire their numbers for good (also across restarts).
  if (view->ok) {
    NumberLinks(&registry_, snap, view.get());
    std::vector<NetRoute> v4, v6;
    for (const NetRoute& r : snap.routes) (r.family == AF_INET ? v4 : v6).push_back(r);
    NumberInto(&registry_, "Device.Routing.Router.1.IPv4Forwarding.", std::move(v4), RouteKey,
               &view->ipv4_routes);
    NumberInto(&registry_, "Device.Routing.Router.1.IPv6Forwarding.", std::move(v6), RouteKey,
               &view->ipv6_routes);
  }
  NumberInto(
      &registry_, "Device.DNS.Client.Server.", ReadDnsServers(resolv_conf_),
      [](const std::string& s) { return s; }, &view->dns_servers);
  NumberInto(
      &registry_, "Device.DeviceInfo.TemperatureStatus.TemperatureSensor.",
      ReadTemperatureSensors(), [](const TemperatureSensor& s) { return s.key; }, &view->sensors);
  view->taken_at = NowDateTime();
  return view;
}

}  // namespace edgecwmp::tr181::network
