// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/network/instance_registry.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "base/log.h"
#include "base/record_file.h"

namespace edgecwmp::tr181::network {
namespace {

// Records: {"scope", <scope>, <last number given>} and {"key", <scope>, <key>, <number>}.
constexpr const char* kHeader = "edgecwmp-instance-numbers 1";

// A decimal uint32; an instance number (|min| 1) or a scope's last one (|min| 0: none given yet).
bool ParseNumber(const std::string& text, uint32_t min, uint32_t* out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min || v > UINT32_MAX) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

}  // namespace

Status InstanceRegistry::Open(const std::string& path, std::string* warning) {
  DecodedRecords file;
  std::string note;
  Status read = LoadRecordFile(path, kHeader, &file, &note);
  std::lock_guard<std::mutex> lock(mu_);
  path_ = path;
  size_t unusable = 0;
  for (const Record& r : file.records) {
    uint32_t n = 0;
    if (r.size() == 3 && r[0] == "scope" && ParseNumber(r[2], 0, &n)) {
      Scope& s = scopes_[r[1]];
      s.last = std::max(s.last, n);
    } else if (r.size() == 4 && r[0] == "key" && ParseNumber(r[3], 1, &n)) {
      Scope& s = scopes_[r[1]];
      s.live[r[2]] = n;
      s.last = std::max(s.last, n);  // never hand out a number a key still holds
    } else {
      ++unusable;
    }
  }
  const bool damaged = file.damaged || unusable > 0;
  if (warning) {
    *warning = note;
    if (damaged) {
      *warning += (warning->empty() ? "" : "; ") + std::string("instance-number file ") + path +
                  " damaged (" + file.problems + (unusable ? "; unusable records" : "") + ")";
    }
  }
  if (!read.ok()) return read;
  return damaged ? SaveLocked() : Status::Ok();
}

Status InstanceRegistry::SaveLocked() const {
  if (path_.empty()) return Status::Ok();
  std::vector<Record> records;
  for (const auto& [scope, s] : scopes_) {
    records.push_back({"scope", scope, std::to_string(s.last)});
    for (const auto& [key, number] : s.live) {
      records.push_back({"key", scope, key, std::to_string(number)});
    }
  }
  return SaveRecordFile(path_, kHeader, records);
}

std::vector<uint32_t> InstanceRegistry::Number(const std::string& scope,
                                               const std::vector<std::string>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  Scope& s = scopes_[scope];
  const Scope before = s;
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
  if (!(s == before)) {
    Status saved = SaveLocked();
    if (!saved.ok()) {
      Log(LogLevel::kWarning, "network", "instance numbers not saved: ", saved.ToString());
    }
  }
  return out;
}

}  // namespace edgecwmp::tr181::network
