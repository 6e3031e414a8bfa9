// SPDX-License-Identifier: GPL-2.0-or-later
// AgentState: the agent's own small facts that must survive restarts but are not data-model
// values: the ACS URL last bootstrapped with (a different URL means 0 BOOTSTRAP, TR-069 3.7.1.5),
// the CWMP version each ACS URL accepted, whether the config seeded the data model. One key=value
// file, rewritten atomically on every change.
//
// Seeding rule (cwmp/agent.cc): the config's Device.ManagementServer values are written into the
// data model when the model holds no stored state (first start, after a FactoryReset) and when
// its stored state was lost (both files unreadable: logged as an error, and the next Inform
// carries 0 BOOTSTRAP so the ACS provisions the device again). "seeded" is "0" while a seeding
// runs, so a seeding cut short is done again. A missing, emptied or damaged agent_state next to
// an intact model never re-seeds: the values the ACS set stay, and a warning says so.
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

  std::string Get(const std::string& key) const;                 // "" when absent
  Status Set(const std::string& key, const std::string& value);  // persists
  Status Wipe();                                                 // factory reset
  const std::string& path() const { return path_; }

 private:
  Status Persist() const;

  std::string path_;
  std::map<std::string, std::string> values_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AGENT_STATE_H_
