// SPDX-License-Identifier: GPL-2.0-or-later
// NetworkLab: network namespaces joined by veth pairs, made by one test and always deleted (the
// destructor, also when the test fails; at construction the namespaces of test processes that
// died without cleaning up). Names are unique per process: "edc-<pid>-<n>" for namespaces,
// "ve<pid>x<n>" for veth ends. Addresses belong only inside them (192.0.2.0/24, 198.51.100.0/24);
// nothing is routed outside. Needs root (ip, tc from iproute2). ScopedNetns (netns.h) enters one.
#ifndef EDGECWMP_TESTS_SUPPORT_NETWORK_LAB_H_
#define EDGECWMP_TESTS_SUPPORT_NETWORK_LAB_H_

#include <string>
#include <vector>

#include "tests/support/netns.h"

namespace edgecwmp::testing {

class NetworkLab {
 public:
  NetworkLab();   // deletes stale namespaces of dead test processes
  ~NetworkLab();  // deletes every namespace it made (and with them their veth ends)
  NetworkLab(const NetworkLab&) = delete;
  NetworkLab& operator=(const NetworkLab&) = delete;

  // A new namespace with its loopback up; its name. "" when `ip netns add` failed.
  std::string AddNamespace();
  // A veth pair between |a| and |b|, up, with |address_a| / |address_b| ("192.0.2.1/24");
  // false when a command failed. *device_a / *device_b receive the ends' names.
  bool Link(const std::string& a, const std::string& address_a, const std::string& b,
            const std::string& address_b, std::string* device_a, std::string* device_b);
  // Runs |command| (a shell command line) inside namespace |ns|; true when it exited 0.
  static bool Exec(const std::string& ns, const std::string& command);

 private:
  std::vector<std::string> namespaces_;
  int links_ = 0;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_NETWORK_LAB_H_
