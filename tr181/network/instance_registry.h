// SPDX-License-Identifier: GPL-2.0-or-later
// InstanceRegistry: stable TR-181 instance numbers for rows the system owns. Within a scope
// (a table, e.g. "Device.IP.Interface.3.IPv4Address.") each key (e.g. an interface's
// "ifindex/name", an address) keeps its number while it exists, and a number is never given to
// another key (a key that comes back gets a new one). Thread-safe.
//
// With Open(), the numbers outlive the agent: every change is saved to a crash-safe record file
// (base/record_file.h) and the next run starts from it, so an interface that still exists after a
// restart keeps its number, and the numbers retired before the restart stay retired.
#ifndef EDGECWMP_TR181_NETWORK_INSTANCE_REGISTRY_H_
#define EDGECWMP_TR181_NETWORK_INSTANCE_REGISTRY_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::tr181::network {

class InstanceRegistry {
 public:
  // Loads the numbers |path| holds (none when it does not exist) and saves every later change
  // there. Damage is recovered (every intact record kept) and described in |warning|; an error
  // only when the file exists but cannot be read, or cannot be rewritten after damage.
  Status Open(const std::string& path, std::string* warning);

  // Numbers for |keys| (same order) in |scope|. Keys of the scope not listed are forgotten for
  // good: they are gone from the system, and their numbers stay retired. A change that cannot
  // be saved is logged; the numbers given still hold for this run.
  std::vector<uint32_t> Number(const std::string& scope, const std::vector<std::string>& keys);

 private:
  struct Scope {
    std::map<std::string, uint32_t> live;
    uint32_t last = 0;
    bool operator==(const Scope& o) const { return live == o.live && last == o.last; }
  };
  Status SaveLocked() const;

  std::mutex mu_;
  std::map<std::string, Scope> scopes_;
  std::string path_;  // "" = not persisted
};

}  // namespace edgecwmp::tr181::network

#endif  // EDGECWMP_TR181_NETWORK_INSTANCE_REGISTRY_H_
