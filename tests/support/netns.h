// SPDX-License-Identifier: GPL-2.0-or-later
// The network-namespace plumbing every test lab shares (root only). A lab names its namespaces
// "<prefix><pid>-<what>" (NetnsBase), so that DeleteStaleNetns can tell the namespaces of a test
// process that died without cleaning up (deleted) from those of one still running in parallel
// (kept). ScopedNetns moves the calling thread into a namespace until it goes out of scope:
// sockets it opens, threads it starts and children it forks live there.
#ifndef EDGECWMP_TESTS_SUPPORT_NETNS_H_
#define EDGECWMP_TESTS_SUPPORT_NETNS_H_

#include <string>

namespace edgecwmp::testing {

// "<prefix><this process's pid>-": the start of the names of this process's namespaces.
std::string NetnsBase(const std::string& prefix);

// Deletes the namespaces named "<prefix><pid>..." whose process no longer exists.
void DeleteStaleNetns(const std::string& prefix);

class ScopedNetns {
 public:
  explicit ScopedNetns(const std::string& ns);  // ok() false when it could not enter
  ~ScopedNetns();                               // back to the namespace it came from
  ScopedNetns(const ScopedNetns&) = delete;
  ScopedNetns& operator=(const ScopedNetns&) = delete;
  bool ok() const { return ok_; }

 private:
  int original_ = -1;
  bool ok_ = false;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_NETNS_H_
