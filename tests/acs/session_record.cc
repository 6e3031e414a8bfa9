// SPDX-License-Identifier: GPL-2.0-or-later
// What the test ACS records of a session: the lookups tests use.
#include <algorithm>

#include "tests/acs/test_acs.h"

namespace edgecwmp::acs {

const char* SessionEndName(SessionEnd end) {
  switch (end) {
    case SessionEnd::kRunning:
      return "running";
    case SessionEnd::kCompleted:
      return "completed";
    case SessionEnd::kRejected:
      return "rejected";
    case SessionEnd::kAbandoned:
      return "abandoned";
  }
  return "?";
}

bool SessionRecord::HasEvent(const std::string& code) const {
  return std::find(events.begin(), events.end(), code) != events.end();
}

std::map<std::string, std::string> SessionRecord::ReturnedValues() const {
  std::map<std::string, std::string> out;
  for (const auto& e : exchanges) {
    if (!e.response) continue;
    if (auto* r = std::get_if<cwmp::GetParameterValuesResponse>(&*e.response))
      for (const auto& p : r->parameter_list) out[p.name] = p.value;
  }
  return out;
}

std::map<std::string, bool> SessionRecord::ReturnedNames() const {
  std::map<std::string, bool> out;
  for (const auto& e : exchanges) {
    if (!e.response) continue;
    if (auto* r = std::get_if<cwmp::GetParameterNamesResponse>(&*e.response))
      for (const auto& p : r->parameter_list) out[p.name] = p.writable;
  }
  return out;
}

std::vector<const Exchange*> SessionRecord::ExchangesOf(const std::string& method) const {
  std::vector<const Exchange*> out;
  for (const auto& e : exchanges)
    if (method == cwmp::MessageName(e.request)) out.push_back(&e);
  return out;
}

}  // namespace edgecwmp::acs
