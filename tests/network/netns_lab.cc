// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/network/netns_lab.h"

#include "tests/support/netns.h"
#include "tests/support/temp_dir.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>

#include <boost/test/unit_test.hpp>

namespace edgecwmp::testing {
namespace {

constexpr const char* kPrefix = "ecnet-";  // ecnet-<pid>-gw, ecnet-<pid>-pe

}  // namespace

int NetnsLab::Run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string NetnsLab::Output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

NetnsLab::NetnsLab() {
  DeleteStaleNetns(kPrefix);
  gateway_ = NetnsBase(kPrefix) + "gw";
  peer_ = NetnsBase(kPrefix) + "pe";
  original_mount_ns_ = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
  const std::string g = "ip -n " + gateway_ + " ", p = "ip -n " + peer_ + " ";
  const std::string script =
      "set -e; ip netns add " + gateway_ + "; ip netns add " + peer_ +
      ";"
      "ip link add g0 netns " +
      gateway_ + " type veth peer name p0 netns " + peer_ +
      ";"
      "ip link add g1 netns " +
      gateway_ + " type veth peer name p1 netns " + peer_ + ";" + g +
      "addr add 192.0.2.1/24 dev g0;" + g + "addr add 2001:db8:1::1/64 dev g0 nodad;" + g +
      "addr add 198.51.100.1/24 dev g1;" + p + "addr add 192.0.2.2/24 dev p0;" + p +
      "addr add 2001:db8:1::2/64 dev p0 nodad;" + p + "addr add 198.51.100.2/24 dev p1;" + g +
      "link set lo up;" + g + "link set g0 up;" + g + "link set g1 up;" + p + "link set lo up;" +
      p + "link set p0 up;" + p + "link set p1 up;" + g +
      "route add default via 198.51.100.2 dev g1;" + g +
      "-6 route add 2001:db8:2::/48 via 2001:db8:1::2 dev g0";
  BOOST_REQUIRE_MESSAGE(Run(script) == 0, "cannot build the test network");
}

NetnsLab::~NetnsLab() {
  // A child goes back to the original mount namespace (the process may have threads and a
  // private one) so that `ip netns del` unmounts the names where the host sees them.
  const pid_t child = fork();
  if (child == 0) {
    if (original_mount_ns_ >= 0) setns(original_mount_ns_, CLONE_NEWNS);
    execlp("sh", "sh", "-c", ("ip netns del " + gateway_ + "; ip netns del " + peer_).c_str(),
           nullptr);
    _exit(127);
  }
  int status = 0;
  if (child > 0) waitpid(child, &status, 0);
  if (original_mount_ns_ >= 0) close(original_mount_ns_);
}

void NetnsLab::Enter() {
  const int fd = open(("/run/netns/" + gateway_).c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_REQUIRE_MESSAGE(fd >= 0, "cannot open the gateway namespace");
  BOOST_REQUIRE_MESSAGE(setns(fd, CLONE_NEWNET) == 0, "setns failed");
  close(fd);
  // /sys shows the namespace of whoever mounted it: mount a fresh one in a private mount space.
  BOOST_REQUIRE(unshare(CLONE_NEWNS) == 0);
  BOOST_REQUIRE(mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) == 0);
  BOOST_REQUIRE(umount2("/sys", MNT_DETACH) == 0);
  BOOST_REQUIRE(mount("sysfs", "/sys", "sysfs", 0, nullptr) == 0);
}

namespace {
std::unique_ptr<NetnsLab> entered_lab;
std::unique_ptr<TempDir> resolv_dir;
}  // namespace

EnteredNetnsLab::EnteredNetnsLab() {
  resolv_dir = std::make_unique<TempDir>("edgecwmp-net");
  WriteFile(ResolvConf(),
            "# stand-in\nsearch example.test\nnameserver 192.0.2.53\n"
            "nameserver 2001:db8::53\nnameserver 192.0.2.53\n");
  entered_lab = std::make_unique<NetnsLab>();
  entered_lab->Enter();
}

EnteredNetnsLab::~EnteredNetnsLab() {
  entered_lab.reset();
  resolv_dir.reset();
}

std::string EnteredNetnsLab::ResolvConf() { return resolv_dir->File("resolv.conf"); }

}  // namespace edgecwmp::testing
