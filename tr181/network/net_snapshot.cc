// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/network/net_snapshot.h"

#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>

#include <algorithm>
#include <memory>

namespace edgecwmp::tr181::network {
namespace {

struct SocketDeleter {
  void operator()(nl_sock* s) const { nl_socket_free(s); }
};
struct CacheDeleter {
  void operator()(nl_cache* c) const { nl_cache_free(c); }
};
using CachePtr = std::unique_ptr<nl_cache, CacheDeleter>;

// TR-181 (Interface Status) from RFC 2863 operstate; a link the kernel cannot judge
// (loopback, some virtual devices: IF_OPER_UNKNOWN) is Up when it is up and has carrier.
std::string StatusOf(rtnl_link* link) {
  switch (rtnl_link_get_operstate(link)) {
    case IF_OPER_UP:
      return "Up";
    case IF_OPER_DORMANT:
      return "Dormant";
    case IF_OPER_NOTPRESENT:
      return "NotPresent";
    case IF_OPER_LOWERLAYERDOWN:
      return "LowerLayerDown";
    case IF_OPER_UNKNOWN: {
      const unsigned flags = rtnl_link_get_flags(link);
      return (flags & IFF_UP) && (flags & IFF_LOWER_UP) ? "Up" : "Down";
    }
    default:
      return "Down";
  }
}

// An nl_addr as text without the "/len" libnl appends.
std::string AddrText(nl_addr* addr) {
  if (addr == nullptr || nl_addr_get_len(addr) == 0) return "";
  char text[INET6_ADDRSTRLEN] = "";
  if (inet_ntop(nl_addr_get_family(addr), nl_addr_get_binary_addr(addr), text, sizeof(text)) ==
      nullptr) {
    return "";
  }
  return text;
}

std::string MacText(nl_addr* addr) {
  if (addr == nullptr || nl_addr_get_len(addr) != 6) return "";
  char text[32] = "";
  nl_addr2str(addr, text, sizeof(text));
  return text;
}

LinkCounters CountersOf(rtnl_link* link) {
  LinkCounters c;
  c.rx_bytes = rtnl_link_get_stat(link, RTNL_LINK_RX_BYTES);
  c.tx_bytes = rtnl_link_get_stat(link, RTNL_LINK_TX_BYTES);
  c.rx_packets = rtnl_link_get_stat(link, RTNL_LINK_RX_PACKETS);
  c.tx_packets = rtnl_link_get_stat(link, RTNL_LINK_TX_PACKETS);
  c.rx_errors = rtnl_link_get_stat(link, RTNL_LINK_RX_ERRORS);
  c.tx_errors = rtnl_link_get_stat(link, RTNL_LINK_TX_ERRORS);
  c.rx_dropped = rtnl_link_get_stat(link, RTNL_LINK_RX_DROPPED);
  c.tx_dropped = rtnl_link_get_stat(link, RTNL_LINK_TX_DROPPED);
  c.rx_multicast = rtnl_link_get_stat(link, RTNL_LINK_MULTICAST);
  return c;
}

void ReadLinks(nl_cache* cache, NetSnapshot* out) {
  for (nl_object* o = nl_cache_get_first(cache); o != nullptr; o = nl_cache_get_next(o)) {
    auto* link = reinterpret_cast<rtnl_link*>(o);
    NetLink l;
    l.ifindex = rtnl_link_get_ifindex(link);
    l.name = rtnl_link_get_name(link) ? rtnl_link_get_name(link) : "";
    l.kind = rtnl_link_get_type(link) ? rtnl_link_get_type(link) : "";
    l.arp_type = rtnl_link_get_arptype(link);
    l.admin_up = (rtnl_link_get_flags(link) & IFF_UP) != 0;
    l.status = StatusOf(link);
    l.mac = MacText(rtnl_link_get_addr(link));
    l.mtu = rtnl_link_get_mtu(link);
    l.counters = CountersOf(link);
    out->links.push_back(std::move(l));
  }
  std::sort(out->links.begin(), out->links.end(),
            [](const NetLink& a, const NetLink& b) { return a.ifindex < b.ifindex; });
}

void ReadAddresses(nl_cache* cache, NetSnapshot* out) {
  for (nl_object* o = nl_cache_get_first(cache); o != nullptr; o = nl_cache_get_next(o)) {
    auto* addr = reinterpret_cast<rtnl_addr*>(o);
    NetAddress a;
    a.ifindex = rtnl_addr_get_ifindex(addr);
    a.family = rtnl_addr_get_family(addr);
    a.address = AddrText(rtnl_addr_get_local(addr));
    a.prefix_length = rtnl_addr_get_prefixlen(addr);
    a.flags = rtnl_addr_get_flags(addr);
    a.permanent = (a.flags & IFA_F_PERMANENT) != 0;
    if (!a.address.empty()) out->addresses.push_back(std::move(a));
  }
}

bool Listed(uint8_t type) {
  return type == RTN_UNICAST || type == RTN_BLACKHOLE || type == RTN_UNREACHABLE ||
         type == RTN_PROHIBIT;
}

void AddRoute(rtnl_route* route, NetSnapshot* out) {
  if (rtnl_route_get_table(route) != RT_TABLE_MAIN || !Listed(rtnl_route_get_type(route))) return;
  NetRoute r;
  r.family = rtnl_route_get_family(route);
  nl_addr* dst = rtnl_route_get_dst(route);
  r.prefix_length = dst ? static_cast<int>(nl_addr_get_prefixlen(dst)) : 0;
  r.destination = r.prefix_length == 0 ? "" : AddrText(dst);
  r.metric = rtnl_route_get_priority(route);
  r.type = rtnl_route_get_type(route);
  r.protocol = rtnl_route_get_protocol(route);
  // One entry per next hop (TR-181 has one Interface per entry).
  const int hops = rtnl_route_get_nnexthops(route);
  for (int i = 0; i < hops; ++i) {
    rtnl_nexthop* hop = rtnl_route_nexthop_n(route, i);
    NetRoute via = r;
    via.gateway = AddrText(rtnl_route_nh_get_gateway(hop));
    via.oif = rtnl_route_nh_get_ifindex(hop);
    out->routes.push_back(std::move(via));
  }
  if (hops == 0) out->routes.push_back(std::move(r));
}

int OnRouteMessage(nl_msg* msg, void* arg) {
  rtnl_route* route = nullptr;
  if (rtnl_route_parse(nlmsg_hdr(msg), &route) >= 0 && route != nullptr) {
    AddRoute(route, static_cast<NetSnapshot*>(arg));
    rtnl_route_put(route);
  }
  return NL_OK;
}

// Routes are read from a plain dump, not a libnl cache: the cache merges IPv6 routes to one
// destination on several links (fe80::/64 on each) and loses all but one.
Status ReadRoutes(nl_sock* sock, NetSnapshot* out) {
  rtmsg request{};
  request.rtm_family = AF_UNSPEC;
  if (nl_send_simple(sock, RTM_GETROUTE, NLM_F_DUMP, &request, sizeof(request)) < 0 ||
      nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, OnRouteMessage, out) < 0 ||
      nl_recvmsgs_default(sock) < 0) {
    return Status::Internal("netlink route dump failed");
  }
  return Status::Ok();
}

}  // namespace

Status ReadNetSnapshot(NetSnapshot* out) {
  *out = NetSnapshot();
  std::unique_ptr<nl_sock, SocketDeleter> sock(nl_socket_alloc());
  if (!sock || nl_connect(sock.get(), NETLINK_ROUTE) < 0) {
    return Status::Internal("cannot open a netlink route socket");
  }
  nl_cache* raw = nullptr;
  if (rtnl_link_alloc_cache(sock.get(), AF_UNSPEC, &raw) < 0) {
    return Status::Internal("netlink link dump failed");
  }
  CachePtr links(raw);
  if (rtnl_addr_alloc_cache(sock.get(), &raw) < 0) {
    return Status::Internal("netlink address dump failed");
  }
  CachePtr addresses(raw);
  ReadLinks(links.get(), out);
  ReadAddresses(addresses.get(), out);
  return ReadRoutes(sock.get(), out);
}

}  // namespace edgecwmp::tr181::network
