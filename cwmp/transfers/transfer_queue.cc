// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transfers/transfer_queue.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <vector>

#include "base/record_file.h"
#include "base/time_util.h"
#include "rpc/faults.h"

namespace edgecwmp::cwmp {

namespace {

// The header stays at version 1: newer fields are appended, and a record without them (written
// before autonomous transfers existed) is an ACS-requested transfer.
constexpr const char* kHeader = "edgecwmp-transfers 1";
constexpr size_t kFieldsV1 = 16;  // up to reboot_pending
constexpr size_t kFields = 19;    // + autonomous, announce_url, bytes_transferred

std::string EncodeWindows(const std::vector<TransferWindow>& windows) {
  std::string out;
  for (const auto& w : windows) {
    if (!out.empty()) out += ';';
    out += std::to_string(w.start) + ',' + std::to_string(w.end) + ',' + w.mode + ',' +
           std::to_string(w.max_retries) + ',' + std::to_string(w.attempts);
  }
  return out;
}

bool DecodeWindows(const std::string& text, std::vector<TransferWindow>* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(';', pos);
    if (end == std::string::npos) end = text.size();
    // "start,end,mode[,max_retries,attempts]" (the mode has no comma; older files stop there).
    std::vector<std::string> parts;
    const std::string item = text.substr(pos, end - pos);
    for (size_t from = 0;;) {
      size_t comma = item.find(',', from);
      parts.push_back(item.substr(from, comma == std::string::npos ? comma : comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    if (parts.size() != 3 && parts.size() != 5) return false;
    TransferWindow w;
    w.start = std::strtoll(parts[0].c_str(), nullptr, 10);
    w.end = std::strtoll(parts[1].c_str(), nullptr, 10);
    w.mode = parts[2];
    if (parts.size() == 5) {
      w.max_retries = static_cast<int32_t>(std::strtol(parts[3].c_str(), nullptr, 10));
      w.attempts = static_cast<uint32_t>(std::strtoul(parts[4].c_str(), nullptr, 10));
    }
    out->push_back(std::move(w));
    pos = end + 1;
  }
  return true;
}

Record Encode(const Transfer& t) {
  return {std::to_string(t.id),
          std::to_string(static_cast<int>(t.kind)),
          std::to_string(static_cast<int>(t.state)),
          t.command_key,
          t.file_type,
          t.url,
          t.username,
          t.password,
          t.target_file_name,
          std::to_string(t.file_size),
          std::to_string(t.not_before),
          EncodeWindows(t.windows),
          std::to_string(t.fault.fault_code) + ' ' + t.fault.fault_string,
          t.start_time,
          t.complete_time,
          t.reboot_pending ? "1" : "0",
          t.autonomous ? "1" : "0",
          t.announce_url,
          std::to_string(t.bytes_transferred)};
}

bool Decode(const Record& r, Transfer* t) {
  if (r.size() != kFields && r.size() != kFieldsV1) return false;
  t->id = std::strtoull(r[0].c_str(), nullptr, 10);
  int kind = std::atoi(r[1].c_str()), state = std::atoi(r[2].c_str());
  if (t->id == 0 || kind < 0 || kind > 2 || state < 1 || state > 3) return false;
  t->kind = static_cast<TransferKind>(kind);
  t->state = static_cast<TransferState>(state);
  t->command_key = r[3];
  t->file_type = r[4];
  t->url = r[5];
  t->username = r[6];
  t->password = r[7];
  t->target_file_name = r[8];
  t->file_size = static_cast<uint32_t>(std::strtoul(r[9].c_str(), nullptr, 10));
  t->not_before = std::strtoll(r[10].c_str(), nullptr, 10);
  if (!DecodeWindows(r[11], &t->windows)) return false;
  size_t space = r[12].find(' ');
  t->fault.fault_code = static_cast<uint32_t>(std::strtoul(r[12].c_str(), nullptr, 10));
  t->fault.fault_string = space == std::string::npos ? "" : r[12].substr(space + 1);
  t->start_time = r[13];
  t->complete_time = r[14];
  t->reboot_pending = r[15] == "1";
  if (r.size() == kFieldsV1) return true;
  t->autonomous = r[16] == "1";
  t->announce_url = r[17];
  t->bytes_transferred = std::strtoull(r[18].c_str(), nullptr, 10);
  return true;
}

}  // namespace

const char* Transfer::method_event() const {
  switch (kind) {
    case TransferKind::kUpload:
      return "M Upload";
    case TransferKind::kScheduleDownload:
      return "M ScheduleDownload";
    case TransferKind::kDownload:
      break;
  }
  return "M Download";
}

std::string Transfer::Describe() const {
  const char* method = method_event() + 2;  // without "M "
  if (autonomous) return std::string("autonomous ") + method + " (" + file_type + ")";
  return std::string(method) + " '" + command_key + "' (" + file_type + ")";
}

Status TransferQueue::Open(const std::string& dir, std::string* warning) {
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Internal("cannot create " + dir);
  }
  path_ = dir + "/transfers.txt";
  DecodedRecords decoded;
  std::string note;
  Status s = LoadRecordFile(path_, kHeader, &decoded, &note);
  if (!s.ok()) return s;
  bool dirty = decoded.damaged;
  std::string problems = decoded.problems;
  transfers_.clear();
  for (const Record& r : decoded.records) {
    Transfer t;
    if (!Decode(r, &t)) {
      dirty = true;
      problems += (problems.empty() ? "" : "; ") + std::string("undecodable transfer dropped");
      continue;
    }
    if (t.state == TransferState::kInProgress) {
      // The agent died mid-transfer (crash, kill -9, power loss): report the failure.
      t.state = TransferState::kCompleted;
      t.reboot_pending = false;
      t.fault.fault_code =
          t.is_download() ? rpc::fault::kDownloadIncomplete : rpc::fault::kUploadFailure;
      t.fault.fault_string = rpc::FaultString(t.fault.fault_code);
      t.complete_time = NowDateTime();
      dirty = true;
    }
    next_id_ = std::max(next_id_, t.id + 1);
    transfers_.push_back(std::move(t));
  }
  if (warning) {
    std::string w = note;
    if (decoded.damaged || !problems.empty()) w += (w.empty() ? "" : "; ") + problems;
    *warning = w.empty() ? w : "transfers: " + w;
  }
  return dirty ? Persist() : Status::Ok();
}

Status TransferQueue::Add(Transfer t, uint64_t* id) {
  t.id = next_id_++;
  if (id) *id = t.id;
  transfers_.push_back(std::move(t));
  return Persist();
}

Status TransferQueue::Update(const Transfer& t) {
  for (auto& existing : transfers_) {
    if (existing.id == t.id) {
      existing = t;
      return Persist();
    }
  }
  return Status::NotFound("transfer " + std::to_string(t.id) + " is gone");
}

Status TransferQueue::Remove(uint64_t id) {
  auto it = std::find_if(transfers_.begin(), transfers_.end(),
                         [id](const Transfer& t) { return t.id == id; });
  if (it == transfers_.end()) return Status::NotFound("no transfer " + std::to_string(id));
  transfers_.erase(it);
  return Persist();
}

Status TransferQueue::Wipe() {
  transfers_.clear();
  return Persist();
}

const Transfer* TransferQueue::Find(uint64_t id) const {
  for (const auto& t : transfers_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

Status TransferQueue::Persist() const {
  if (path_.empty()) return Status::Ok();
  std::vector<Record> records;
  records.reserve(transfers_.size());
  for (const auto& t : transfers_) records.push_back(Encode(t));
  return SaveRecordFile(path_, kHeader, records);
}

}  // namespace edgecwmp::cwmp
