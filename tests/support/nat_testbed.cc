// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/nat_testbed.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "tests/support/test_pki.h"

namespace edgecwmp::testing {

NatTestbed::NatTestbed() {
  const std::string id = std::to_string(::getpid());
  wan_ = "ec-wan-" + id;
  router_ = "ec-nat-" + id;
  lan_ = "ec-lan-" + id;
  log_ = "/tmp/ec-nat-" + id + ".log";
  original_fd_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
}

NatTestbed::~NatTestbed() {
  EnterOriginal();
  for (const std::string& ns : {lan_, router_, wan_}) {
    RunCommand("ip netns del '" + ns + "' 2>/dev/null");
  }
  if (original_fd_ >= 0) ::close(original_fd_);
  ::unlink(log_.c_str());
}

bool NatTestbed::Build(std::string* error) {
  const std::string id = std::to_string(::getpid() % 100000);
  const std::string w = "ecw" + id, n0 = "ecn" + id, l = "ecl" + id, n1 = "ecm" + id;
  const std::string wan = " -n " + wan_, nat = " -n " + router_, lan = " -n " + lan_;
  const std::vector<std::string> commands = {
      "ip netns add " + wan_,
      "ip netns add " + router_,
      "ip netns add " + lan_,
      "ip link add " + w + " netns " + wan_ + " type veth peer name " + n0 + " netns " + router_,
      "ip link add " + l + " netns " + lan_ + " type veth peer name " + n1 + " netns " + router_,
      "ip" + wan + " addr add " + kWanHost + "/24 dev " + w,
      "ip" + nat + " addr add " + kRouterWanAddress + "/24 dev " + n0,
      "ip" + nat + " addr add 192.0.2.1/24 dev " + n1,
      "ip" + lan + " addr add " + kLanHost + "/24 dev " + l,
      "ip" + wan + " link set lo up",
      "ip" + nat + " link set lo up",
      "ip" + lan + " link set lo up",
      "ip" + wan + " link set " + w + " up",
      "ip" + nat + " link set " + n0 + " up",
      "ip" + nat + " link set " + n1 + " up",
      "ip" + lan + " link set " + l + " up",
      "ip" + lan + " route add default via 192.0.2.1",
      "ip netns exec " + router_ + " sysctl -qw net.ipv4.ip_forward=1",
      "ip netns exec " + router_ + " nft add table ip nat",
      "ip netns exec " + router_ +
          " nft 'add chain ip nat post { type nat hook postrouting priority 100 ; }'",
      "ip netns exec " + router_ + " nft add rule ip nat post oifname " + n0 + " masquerade",
  };
  for (const std::string& c : commands) {
    if (RunCommand(c, log_) != 0) {
      std::ifstream in(log_);
      std::ostringstream out;
      out << in.rdbuf();
      *error = "failed: " + c + "\n" + out.str();
      return false;
    }
  }
  return true;
}

bool NatTestbed::Enter(const std::string& name) {
  const std::string path = "/run/netns/" + name;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::setns(fd, CLONE_NEWNET) == 0;
  ::close(fd);
  return ok;
}

bool NatTestbed::EnterWan() { return Enter(wan_); }
bool NatTestbed::EnterLan() { return Enter(lan_); }
bool NatTestbed::EnterOriginal() {
  return original_fd_ >= 0 && ::setns(original_fd_, CLONE_NEWNET) == 0;
}

int NatTestbed::RunInRouter(const std::string& command) const {
  return RunCommand("ip netns exec " + router_ + " " + command, log_);
}

}  // namespace edgecwmp::testing
