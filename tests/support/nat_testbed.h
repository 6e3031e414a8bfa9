// SPDX-License-Identifier: GPL-2.0-or-later
// NatTestbed: three network namespaces made and always deleted by a test (root only): a LAN
// (192.0.2.10/24, the CPE side), a router that masquerades LAN traffic leaving on its WAN side,
// and a WAN (198.51.100.10/24: ACS, STUN and XMPP servers). Documentation address ranges, and
// nothing routes outside the namespaces. EnterWan()/EnterLan() move the calling thread (and so
// the threads and children it then creates) into a namespace; the destructor moves it back to
// the namespace it started in and deletes the three. Names carry the process id, so parallel
// tests do not collide.
#ifndef EDGECWMP_TESTS_SUPPORT_NAT_TESTBED_H_
#define EDGECWMP_TESTS_SUPPORT_NAT_TESTBED_H_

#include <string>

namespace edgecwmp::testing {

inline constexpr const char* kWanHost = "198.51.100.10";
inline constexpr const char* kRouterWanAddress = "198.51.100.1";
inline constexpr const char* kLanHost = "192.0.2.10";

class NatTestbed {
 public:
  NatTestbed();
  ~NatTestbed();
  NatTestbed(const NatTestbed&) = delete;
  NatTestbed& operator=(const NatTestbed&) = delete;

  // Builds the namespaces; false (with *error: the failing command's output) when it could not.
  bool Build(std::string* error);
  bool EnterWan();
  bool EnterLan();
  bool EnterOriginal();
  // Runs |command| inside the router namespace (e.g. to read or flush its conntrack table).
  int RunInRouter(const std::string& command) const;

 private:
  bool Enter(const std::string& name);

  std::string wan_, router_, lan_, log_;
  int original_fd_ = -1;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_NAT_TESTBED_H_
