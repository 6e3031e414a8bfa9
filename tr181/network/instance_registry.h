// SPDX-License-Identifier: GPL-2.0-or-later
// InstanceRegistry: stable TR-181 instance numbers for rows the system owns. Within a scope
// (a table, e.g. "Device.IP.Interface.3.IPv4Address.") each key (e.g. an interface's
// "ifindex/name", an address) keeps its number while it exists, and a number is never given to
// another key while the agent runs (a key that comes back gets a new one). Thread-safe.
#ifndef EDGECWMP_TR181_NETWORK_INSTANCE_REGISTRY_H_
#define EDGECWMP_TR181_NETWORK_INSTANCE_REGISTRY_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace edgecwmp::tr181::network {

class InstanceRegistry {
 public:
  // Numbers for |keys| (same order) in |scope|. Keys of the scope not listed are forgotten for
  // good: they are gone from the system, and their numbers stay retired.
  std::vector<uint32_t> Number(const std::string& scope, const std::vector<std::string>& keys);

 private:
  struct Scope {
    std::map<std::string, uint32_t> live;
    uint32_t last = 0;
  };
  std::mutex mu_;
  std::map<std::string, Scope> scopes_;
};

}  // namespace edgecwmp::tr181::network

#endif  // EDGECWMP_TR181_NETWORK_INSTANCE_REGISTRY_H_
