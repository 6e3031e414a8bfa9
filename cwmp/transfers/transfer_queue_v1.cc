// SPDX-License-Identifier: GPL-2.0-or-later
// The reader of version 1 of the transfer queue (positional fields), kept so that a device
// upgraded in the field still reports the transfers it owed the ACS.
#include "cwmp/transfers/transfer_queue_v1.h"

#include <cstdlib>
#include <string>
#include <vector>

namespace edgecwmp::cwmp {

namespace {

constexpr size_t kFieldsV1 = 16;  // up to reboot_pending
constexpr size_t kFields = 19;    // + autonomous, announce_url, bytes_transferred

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

}  // namespace

bool DecodeTransferV1(const Record& r, Transfer* t) {
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

}  // namespace edgecwmp::cwmp
