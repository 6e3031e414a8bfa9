// SPDX-License-Identifier: GPL-2.0-or-later
// NetworkView: one NetSnapshot arranged as the TR-181 tables see it — rows keyed by their
// instance numbers (from an InstanceRegistry) — and NetworkState, which hands out the current
// view and takes a new snapshot only once the last is older than its refresh period.
#ifndef EDGECWMP_TR181_NETWORK_NETWORK_VIEW_H_
#define EDGECWMP_TR181_NETWORK_NETWORK_VIEW_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tr181/network/instance_registry.h"
#include "tr181/network/net_snapshot.h"
#include "tr181/network/system_facts.h"

namespace edgecwmp::tr181::network {

struct LinkRow {
  uint32_t instance = 0;
  NetLink link;
  bool ethernet_interface = false;            // a wire end: a physical Ethernet device or a veth
  bool ethernet_link = false;                 // any Ethernet-framed link (bridges, VLANs too)
  bool upstream = false;                      // carries a default route
  std::map<uint32_t, NetAddress> ipv4, ipv6;  // by instance number
};

struct NetworkView {
  std::map<uint32_t, LinkRow> links;  // by instance number (IP/Ethernet Interface, Link)
  std::map<int, uint32_t> instance_of_ifindex;
  std::map<uint32_t, NetRoute> ipv4_routes, ipv6_routes;
  std::map<uint32_t, std::string> dns_servers;
  std::map<uint32_t, TemperatureSensor> sensors;
  std::string taken_at;  // when the snapshot was taken (dateTime), the sensors' LastUpdate
  bool ok = true;        // false when netlink could not be read (every table is then empty)

  const LinkRow* Link(uint32_t instance) const;
  // "Device.IP.Interface.<n>" of |ifindex|, or "" when it has no row.
  std::string IpInterfacePath(int ifindex) const;
};

class NetworkState {
 public:
  NetworkState(std::string resolv_conf, std::chrono::milliseconds refresh);
  // Keeps the instance numbers in |path| across restarts (InstanceRegistry::Open); call before
  // the first Current().
  Status PersistInstances(const std::string& path, std::string* warning) {
    return registry_.Open(path, warning);
  }
  std::shared_ptr<const NetworkView> Current();

 private:
  std::shared_ptr<const NetworkView> Build();

  const std::string resolv_conf_;
  const std::chrono::milliseconds refresh_;
  InstanceRegistry registry_;
  std::mutex mu_;
  std::shared_ptr<const NetworkView> view_;
  std::chrono::steady_clock::time_point taken_;
};

}  // namespace edgecwmp::tr181::network

#endif  // EDGECWMP_TR181_NETWORK_NETWORK_VIEW_H_
