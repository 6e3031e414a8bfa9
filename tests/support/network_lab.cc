// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/network_lab.h"

#include <unistd.h>

#include <cstdlib>

namespace edgecwmp::testing {
namespace {

constexpr const char* kPrefix = "edc-";

bool Run(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

NetworkLab::NetworkLab() { DeleteStaleNetns(kPrefix); }

NetworkLab::~NetworkLab() {
  for (const std::string& name : namespaces_) Run("ip netns del " + name);
}

std::string NetworkLab::AddNamespace() {
  const std::string name = NetnsBase(kPrefix) + std::to_string(namespaces_.size());
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

}  // namespace edgecwmp::testing
