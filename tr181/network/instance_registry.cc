// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/network/instance_registry.h"

namespace edgecwmp::tr181::network {

std::vector<uint32_t> InstanceRegistry::Number(const std::string& scope,
                                               const std::vector<std::string>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  Scope& s = scopes_[scope];
  std::map<std::string, uint32_t> kept;
  std::vector<uint32_t> out;
  out.reserve(keys.size());
  for (const std::string& key : keys) {
    auto found = s.live.find(key);
    const uint32_t number = found != s.live.end() ? found->second : ++s.last;
    kept[key] = number;
    out.push_back(number);
  }
  s.live = std::move(kept);
  return out;
}

}  // namespace edgecwmp::tr181::network
