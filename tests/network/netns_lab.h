// SPDX-License-Identifier: GPL-2.0-or-later
// NetnsLab: a small real network for tests — a "gateway" namespace with two veth links to a
// "peer" namespace (192.0.2.0/24 with 2001:db8:1::/64 on g0/p0, 198.51.100.0/24 on g1/p1, a
// default route via the peer on g1 and an IPv6 route to 2001:db8:2::/48) — and Enter(), which
// moves the calling (single-threaded) process into the gateway namespace with its own /sys, as
// `ip netns exec` does. The namespaces carry the test's pid in their names (netns.h); the
// constructor first deletes those left by a test process that is gone, the destructor deletes its
// own (from the original mount namespace, so that the deletion is seen by the host).
#ifndef EDGECWMP_TESTS_NETWORK_NETNS_LAB_H_
#define EDGECWMP_TESTS_NETWORK_NETNS_LAB_H_

#include <memory>
#include <string>

namespace edgecwmp::testing {

class NetnsLab {
 public:
  NetnsLab();  // aborts (BOOST_REQUIRE) when the network cannot be built
  ~NetnsLab();
  NetnsLab(const NetnsLab&) = delete;
  NetnsLab& operator=(const NetnsLab&) = delete;

  // Enters the gateway namespace for good (network and a private mount namespace).
  void Enter();

  const std::string& gateway() const { return gateway_; }
  const std::string& peer() const { return peer_; }

  // Runs |command| with /bin/sh in the current namespaces; its exit status.
  static int Run(const std::string& command);
  // Runs |command| and returns its standard output.
  static std::string Output(const std::string& command);

 private:
  std::string gateway_, peer_;
  int original_mount_ns_ = -1;
};

// A global fixture (BOOST_TEST_GLOBAL_FIXTURE) for a whole test program: builds the lab, writes
// a resolv.conf stand-in (nameservers 192.0.2.53 and 2001:db8::53, one repeated) and enters
// the gateway namespace before any test (and any thread) starts.
struct EnteredNetnsLab {
  EnteredNetnsLab();
  ~EnteredNetnsLab();
  static std::string ResolvConf();  // the stand-in's path
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_NETWORK_NETNS_LAB_H_
