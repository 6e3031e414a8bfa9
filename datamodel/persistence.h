// SPDX-License-Identifier: GPL-2.0-or-later
// Storage: crash-safe persistence of the model's stored state (values, attributes, instances,
// instance counters) in one XML file in a state directory. Writes go to a temp file, are fsynced
// and renamed over the old one; the previous good file is kept as a backup (a crash at any point
// leaves the main file: the old state or the new one). A corrupt or truncated file never stops
// the agent: Load falls back to the backup, then to empty state, and says so.
#ifndef EDGECWMP_DATAMODEL_PERSISTENCE_H_
#define EDGECWMP_DATAMODEL_PERSISTENCE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::dm {

// Where Storage::Load found the state.
enum class LoadSource : uint8_t {
  kNothingStored,  // no file and no backup: the first start, or after Wipe()
  kMain,           // datamodel.xml
  kBackup,         // datamodel.xml was unusable; the backup was good
  kLost,           // a state had been stored but neither file is usable: defaults
};

struct StoredState {
  std::map<std::string, std::string> values;  // concrete path → canonical value
  struct Attr {
    int notification = 0;
    std::vector<std::string> access_list;
  };
  std::map<std::string, Attr> attributes;                  // concrete parameter path → attributes
  std::map<std::string, std::vector<uint32_t>> instances;  // table path "X.Y." → instances
  std::map<std::string, uint32_t> next_instance;           // table path → next number to hand out
  // Notified parameter → the value the ACS last heard of (TR-069 3.2.1: a change made while the
  // agent was not running is still a change to report).
  std::map<std::string, std::string> reported;
};

class Storage {
 public:
  // Files live in |dir| (created if missing): datamodel.xml and datamodel.xml.bak.
  explicit Storage(std::string dir);

  // Reads the state. A corrupt main file → the backup; both bad → empty state. |warning| (if not
  // null) receives a human-readable note of any fallback; the return is OK in all those cases and
  // an error only when the directory cannot be used at all. |source| (if not null) says which.
  Status Load(StoredState* state, std::string* warning, LoadSource* source = nullptr);
  // Atomically replaces the stored state (temp file, fsync, rename, fsync of the directory).
  Status Save(const StoredState& state);
  Status Wipe();

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  // datamodel.xml is known to parse: this object loaded or wrote it (files only ever change by
  // rename), so Save need not read it back to decide whether it may become the backup.
  bool main_known_good_ = false;
};

// The file format Storage writes (also what DataModel::ExportConfiguration produces).
std::string SerializeState(const StoredState& state);

}  // namespace edgecwmp::dm

#endif  // EDGECWMP_DATAMODEL_PERSISTENCE_H_
