// SPDX-License-Identifier: GPL-2.0-or-later
// NatTestbed: a NAT on this machine, built from network namespaces for one test (root only):
//   <lan>  192.0.2.10/24  (the CPE)          — l0 ⇄ n1 —  <router> 192.0.2.1 / 198.51.100.1
//   <wan>  198.51.100.10/24 (ACS, STUN, XMPP) — w0 ⇄ n0 —  <router> masquerades LAN → WAN with
//                                                          random ports (a carrier-grade NAT)
// Documentation address ranges; the WAN has no route back into the LAN and nothing is routed
// outside the namespaces. Names are "ecnat-<pid>-<n>-{lan,nat,wan}" (netns.h), unique per process
// and testbed. The destructor kills what Spawn() started and deletes the namespaces, also when a
// test fails or throws; the constructor first deletes those of a test process that no longer
// exists (a crashed run). To put the calling thread itself into one, use ScopedNetns (netns.h).
#ifndef EDGECWMP_TESTS_SUPPORT_NAT_TESTBED_H_
#define EDGECWMP_TESTS_SUPPORT_NAT_TESTBED_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::testing {

inline constexpr const char* kLanIp = "192.0.2.10";
inline constexpr const char* kRouterWanIp = "198.51.100.1";
inline constexpr const char* kWanIp = "198.51.100.10";

class NatTestbed {
 public:
  NatTestbed();
  ~NatTestbed();
  NatTestbed(const NatTestbed&) = delete;
  NatTestbed& operator=(const NatTestbed&) = delete;

  static bool IsRoot();
  // Makes the namespaces, links, addresses and the router's NAT; the failing command when not.
  Status Build();

  const std::string& lan() const { return lan_; }
  const std::string& router() const { return router_; }
  const std::string& wan() const { return wan_; }

  // Runs argv (argv[0] looked up in PATH) inside |ns|; its output goes to stderr's log.
  Status Run(const std::string& ns, const std::vector<std::string>& argv) const;
  // Starts argv inside |ns| with stdout/stderr to |log_file|; killed by the destructor.
  Status Spawn(const std::string& ns, const std::vector<std::string>& argv,
               const std::string& log_file);
  // Runs fn on a thread that entered |ns|: sockets created there belong to it for good.
  Status InNamespace(const std::string& ns, const std::function<void()>& fn) const;

  // The router's UDP conntrack timeouts (both the one-way and the "stream" one).
  Status SetRouterUdpTimeout(int seconds) const;
  // Forgets every NAT mapping of the router (conntrack -F): the next packet gets a new one.
  Status FlushRouterMappings() const;

 private:
  std::string lan_, router_, wan_;
  std::vector<pid_t> spawned_;
  bool built_ = false;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_NAT_TESTBED_H_
