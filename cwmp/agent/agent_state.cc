// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/agent_state.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "base/file_io.h"

namespace edgecwmp::cwmp {

Status AgentState::Open(const std::string& dir, std::string* warning) {
  Status made = MakePrivateDir(dir);
  if (!made.ok()) return Status::Internal("cannot create state directory: " + made.message());
  path_ = dir + "/agent_state";
  values_.clear();
  std::string data;
  Status s = ReadFile(path_, &data);
  if (!s.ok()) return Status::Ok();  // first start
  std::istringstream in(data);
  std::string line;
  bool damaged = false;
  // Keys may hold spaces (URLs do not), values may not hold newlines: "key<TAB>value".
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) {
      damaged = damaged || !line.empty();
      continue;
    }
    values_[line.substr(0, tab)] = line.substr(tab + 1);
  }
  if (damaged && warning) *warning = path_ + " had damaged lines; they were dropped";
  return Status::Ok();
}

std::string AgentState::Get(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::string() : it->second;
}

Status AgentState::Set(const std::string& key, const std::string& value) {
  if (key.find_first_of("\t\n") != std::string::npos || value.find('\n') != std::string::npos) {
    return Status::InvalidArguments("agent state keys and values are single lines");
  }
  if (Get(key) == value && values_.count(key)) return Status::Ok();
  values_[key] = value;
  return Persist();
}

Status AgentState::Wipe() {
  values_.clear();
  if (path_.empty()) return Status::Ok();
  if (std::remove(path_.c_str()) != 0 && errno != ENOENT) {
    return Status::Internal("cannot remove " + path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status AgentState::Persist() const {
  if (path_.empty()) return Status::Ok();
  std::string data;
  for (const auto& [key, value] : values_) data += key + "\t" + value + "\n";
  return WriteFileAtomic(path_, data);
}

}  // namespace edgecwmp::cwmp
