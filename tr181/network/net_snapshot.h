// SPDX-License-Identifier: GPL-2.0-or-later
// NetSnapshot: one consistent reading of the kernel's network state — links, addresses and the
// main routing table — from one netlink dump each (libnl-route-3), in the calling thread's
// network namespace. Plain data: the TR-181 providers read it, never the kernel directly.
#ifndef EDGECWMP_TR181_NETWORK_NET_SNAPSHOT_H_
#define EDGECWMP_TR181_NETWORK_NET_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::tr181::network {

struct LinkCounters {
  uint64_t rx_bytes = 0, tx_bytes = 0, rx_packets = 0, tx_packets = 0;
  uint64_t rx_errors = 0, tx_errors = 0, rx_dropped = 0, tx_dropped = 0, rx_multicast = 0;
};

struct NetLink {
  int ifindex = 0;
  std::string name;
  std::string kind;       // rtnl link kind ("veth", "bridge", ...); "" for a physical device
  unsigned arp_type = 0;  // ARPHRD_*
  bool admin_up = false;  // IFF_UP
  std::string status;     // TR-181 interface Status: Up, Down, Dormant, ...
  std::string mac;        // "aa:bb:cc:dd:ee:ff"; "" when the link has none
  uint32_t mtu = 0;
  LinkCounters counters;
};

struct NetAddress {
  int ifindex = 0;
  int family = 0;       // AF_INET or AF_INET6
  std::string address;  // without prefix length
  int prefix_length = 0;
  uint32_t flags = 0;      // IFA_F_*
  bool permanent = false;  // no finite valid lifetime (configured, not leased)
};

struct NetRoute {
  int family = 0;
  std::string destination;  // without prefix length; "" for the default route
  int prefix_length = 0;
  std::string gateway;  // "" when on-link
  int oif = 0;          // output ifindex; 0 when none (blackhole ...)
  uint32_t metric = 0;
  uint8_t type = 0;      // RTN_*
  uint8_t protocol = 0;  // RTPROT_*
};

struct NetSnapshot {
  std::vector<NetLink> links;  // by ifindex
  std::vector<NetAddress> addresses;
  std::vector<NetRoute> routes;  // main table, unicast/blackhole/unreachable/prohibit
};

// Dumps links, addresses and routes. Fails only when netlink cannot be opened or dumped.
Status ReadNetSnapshot(NetSnapshot* out);

}  // namespace edgecwmp::tr181::network

#endif  // EDGECWMP_TR181_NETWORK_NET_SNAPSHOT_H_
