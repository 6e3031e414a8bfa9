// SPDX-License-Identifier: GPL-2.0-or-later
// AgentState: the agent's own small facts that must survive restarts but are not data-model
// values: the ACS URL last bootstrapped with (a different URL means 0 BOOTSTRAP, TR-069 3.7.1.5),
// the CWMP version each ACS URL accepted, whether the config seeded the data model. One key=value
// file, rewritten atomically on every change.
#ifndef EDGECWMP_CWMP_AGENT_AGENT_STATE_H_
#define EDGECWMP_CWMP_AGENT_AGENT_STATE_H_

#include <map>
#include <string>

#include "base/status.h"

namespace edgecwmp::cwmp {

class AgentState {
 public:
  // Reads <dir>/agent_state (missing or damaged: empty, with |warning| set).
  Status Open(const std::string& dir, std::string* warning = nullptr);

  std::string Get(const std::string& key) const;  // "" when absent
  Status Set(const std::string& key, const std::string& value);  // persists
  Status Wipe();  // factory reset

 private:
  Status Persist() const;

  std::string path_;
  std::map<std::string, std::string> values_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AGENT_STATE_H_
