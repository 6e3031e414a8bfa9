// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/network_lab.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace edgecwmp::testing {
namespace {

constexpr const char* kNetnsDir = "/var/run/netns";
constexpr const char* kPrefix = "edc-";

bool Run(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

// "edc-<pid>-<n>" of a process that no longer exists.
bool Stale(const std::string& name) {
  if (name.rfind(kPrefix, 0) != 0) return false;
  const pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + 4));
  return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

NetworkLab::NetworkLab() {
  DIR* dir = opendir(kNetnsDir);
  if (dir == nullptr) return;
  std::vector<std::string> stale;
  while (dirent* entry = readdir(dir)) {
    if (Stale(entry->d_name)) stale.emplace_back(entry->d_name);
  }
  closedir(dir);
  for (const std::string& name : stale) Run("ip netns del " + name);
}

NetworkLab::~NetworkLab() {
  for (const std::string& name : namespaces_) Run("ip netns del " + name);
}

std::string NetworkLab::AddNamespace() {
  const std::string name =
      std::string(kPrefix) + std::to_string(getpid()) + "-" + std::to_string(namespaces_.size());
  if (!Run("ip netns add " + name)) return "";
  namespaces_.push_back(name);
  if (!Run("ip -n " + name + " link set lo up")) return "";
  return name;
}

bool NetworkLab::Link(const std::string& a, const std::string& address_a, const std::string& b,
                      const std::string& address_b, std::string* device_a, std::string* device_b) {
  const std::string base =
      "ve" + std::to_string(getpid() % 1000000) + "x" + std::to_string(links_++);
  *device_a = base + "a";
  *device_b = base + "b";
  return Run("ip link add " + *device_a + " netns " + a + " type veth peer name " + *device_b +
             " netns " + b) &&
         Run("ip -n " + a + " addr add " + address_a + " dev " + *device_a) &&
         Run("ip -n " + b + " addr add " + address_b + " dev " + *device_b) &&
         Run("ip -n " + a + " link set " + *device_a + " up") &&
         Run("ip -n " + b + " link set " + *device_b + " up");
}

bool NetworkLab::Exec(const std::string& ns, const std::string& command) {
  return Run("ip netns exec " + ns + " " + command);
}

ScopedNetns::ScopedNetns(const std::string& ns) {
  original_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  const int target = open((std::string(kNetnsDir) + "/" + ns).c_str(), O_RDONLY | O_CLOEXEC);
  ok_ = original_ >= 0 && target >= 0 && setns(target, CLONE_NEWNET) == 0;
  if (target >= 0) close(target);
}

ScopedNetns::~ScopedNetns() {
  if (original_ < 0) return;
  if (ok_ && setns(original_, CLONE_NEWNET) != 0) std::abort();  // never run on in the wrong one
  close(original_);
}

}  // namespace edgecwmp::testing
