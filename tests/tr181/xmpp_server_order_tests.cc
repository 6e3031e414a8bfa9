// SPDX-License-Identifier: GPL-2.0-or-later
// The order in which an XMPP connection tries its ServerTable (tr181/xmpp.h OrderXmppServers):
// TR-181 Server.{i}.Priority first, then RFC 2782's weighted draw among equal priorities.
#include <boost/test/unit_test.hpp>

#include <map>
#include <random>

#include "tr181/xmpp.h"

namespace edgecwmp::tr181 {
namespace {

XmppServerEntry Server(const std::string& address, uint32_t priority, int64_t weight) {
  XmppServerEntry e;
  e.address = address;
  e.priority = priority;
  e.weight = weight;
  return e;
}

std::string Order(const std::vector<XmppServerEntry>& servers) {
  std::string out;
  for (const auto& s : servers) out += s.address;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xmpp_server_order)

BOOST_AUTO_TEST_CASE(lower_priority_always_comes_first) {
  std::mt19937 random(1);
  for (int i = 0; i < 100; ++i) {
    BOOST_TEST(Order(OrderXmppServers({Server("a", 10, 5), Server("b", 0, 0), Server("c", 5, 7)},
                                      &random)) == "bca");
  }
}

// Weights 1 and 9 at one priority: the heavier one leads about 9 draws in 10 (exact shares
// vary with the seed; the band is wide), and every server is listed once whatever the draw.
BOOST_AUTO_TEST_CASE(equal_priorities_are_drawn_by_weight) {
  std::mt19937 random(1);
  std::map<std::string, int> first;
  for (int i = 0; i < 1000; ++i) {
    const std::string order = Order(OrderXmppServers(
        {Server("a", 1, 1), Server("b", 1, 9), Server("z", 0, -1), Server("y", 2, 0)}, &random));
    BOOST_REQUIRE(order.size() == 4u);
    BOOST_TEST(order.front() == 'z');
    BOOST_TEST(order.back() == 'y');
    first[order.substr(1, 1)]++;
  }
  BOOST_TEST(first["b"] > 800);
  BOOST_TEST(first["b"] < 970);
  BOOST_TEST(first["a"] == 1000 - first["b"]);
}

// RFC 2782: a zero weight has a very small chance of going first when others have weight.
BOOST_AUTO_TEST_CASE(zero_weight_rarely_goes_first_vendor_weight_counts_as_one) {
  std::mt19937 random(7);
  std::map<std::string, int> first;
  for (int i = 0; i < 1000; ++i) {
    first[Order(OrderXmppServers({Server("a", 0, 0), Server("b", 0, 100), Server("c", 0, -1)},
                                 &random))
              .substr(0, 1)]++;
  }
  BOOST_TEST(first["a"] < 40);  // 1 in 102
  BOOST_TEST(first["c"] < 40);  // 1 in 102
  BOOST_TEST(first["b"] > 920);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::tr181
