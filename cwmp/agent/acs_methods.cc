// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/acs_methods.h"

#include <algorithm>
#include <sstream>

namespace edgecwmp::cwmp {

namespace {

// TR-069 Table 5's ACS methods a CPE calls, and whether the ACS may lack them.
struct CpeMethod {
  const char* name;
  bool optional;
};
constexpr CpeMethod kCpeMethods[] = {
    {"Inform", false},
    {"TransferComplete", false},
    {"DUStateChangeComplete", false},
    {"GetRPCMethods", true},
    {"AutonomousTransferComplete", true},
    {"AutonomousDUStateChangeComplete", true},
    {"RequestDownload", true},
    {"Kicked", true},
};

std::string Key(const std::string& url) { return "acs_methods " + url; }

bool Required(std::string_view method) {
  return std::any_of(std::begin(kCpeMethods), std::end(kCpeMethods),
                     [&](const CpeMethod& m) { return !m.optional && method == m.name; });
}

}  // namespace

bool AcsMethodsKnown(const AgentState& state, const std::string& url) {
  return !state.Get(Key(url)).empty();
}

AcsSupport AcsSupports(const AgentState& state, const std::string& url, std::string_view method) {
  if (Required(method)) return AcsSupport::kListed;
  const std::string listed = state.Get(Key(url));
  if (listed.empty()) return AcsSupport::kUnknown;
  std::stringstream in(listed);
  for (std::string name; std::getline(in, name, ',');) {
    if (name == method) return AcsSupport::kListed;
  }
  return AcsSupport::kNotListed;
}

Status RecordAcsMethods(AgentState* state, const std::string& url,
                        const std::vector<std::string>& methods) {
  std::string listed = ",";  // never empty: empty means "not asked"
  for (const std::string& m : methods) {
    if (m.find_first_of(",\n") == std::string::npos) listed += m + ",";
  }
  return state->Set(Key(url), listed);
}

}  // namespace edgecwmp::cwmp
