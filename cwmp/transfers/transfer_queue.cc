// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transfers/transfer_queue.h"
#include "cwmp/transfers/transfer_queue_v1.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/time_util.h"
#include "rpc/faults.h"

namespace edgecwmp::cwmp {

namespace {

using json = nlohmann::json;

// Version 2: one JSON object per transfer (cwmp/jobs/job_queue.h). Version 1 (positional fields,
// fewer in files written before autonomous transfers existed) is still read, then rewritten.
constexpr const char* kHeader = "edgecwmp-transfers 2";

json WindowToJson(const TransferWindow& w) {
  return {{"start", w.start},
          {"end", w.end},
          {"mode", w.mode},
          {"max_retries", w.max_retries},
          {"attempts", w.attempts}};
}

TransferWindow WindowFromJson(const json& j) {
  return {j.at("start").get<int64_t>(), j.at("end").get<int64_t>(), j.at("mode").get<std::string>(),
          j.value("max_retries", 0), j.value("attempts", 0u)};
}

json ToJson(const Transfer& t) {
  json windows = json::array();
  for (const auto& w : t.windows) windows.push_back(WindowToJson(w));
  return {{"kind", static_cast<int>(t.kind)},
          {"state", static_cast<int>(t.state)},
          {"command_key", t.command_key},
          {"file_type", t.file_type},
          {"url", t.url},
          {"username", t.username},
          {"password", t.password},
          {"target_file_name", t.target_file_name},
          {"file_size", t.file_size},
          {"not_before", t.not_before},
          {"windows", windows},
          {"fault_code", t.fault.fault_code},
          {"fault_string", t.fault.fault_string},
          {"start_time", t.start_time},
          {"complete_time", t.complete_time},
          {"reboot_pending", t.reboot_pending},
          {"autonomous", t.autonomous},
          {"announce_url", t.announce_url},
          {"bytes_transferred", t.bytes_transferred}};
}

bool FromJson(const json& j, Transfer* t) {
  const int kind = j.at("kind").get<int>(), state = j.at("state").get<int>();
  if (kind < 0 || kind > 2 || state < 1 || state > 3) return false;
  t->kind = static_cast<TransferKind>(kind);
  t->state = static_cast<TransferState>(state);
  auto text = [&j](const char* key) { return j.at(key).get<std::string>(); };
  t->command_key = text("command_key");
  t->file_type = text("file_type");
  t->url = text("url");
  t->username = text("username");
  t->password = text("password");
  t->target_file_name = text("target_file_name");
  t->file_size = j.at("file_size").get<uint32_t>();
  t->not_before = j.at("not_before").get<int64_t>();
  for (const json& w : j.at("windows")) t->windows.push_back(WindowFromJson(w));
  t->fault.fault_code = j.at("fault_code").get<uint32_t>();
  t->fault.fault_string = text("fault_string");
  t->start_time = text("start_time");
  t->complete_time = text("complete_time");
  t->reboot_pending = j.value("reboot_pending", false);
  t->autonomous = j.value("autonomous", false);
  t->announce_url = j.value("announce_url", "");
  t->bytes_transferred = j.value("bytes_transferred", uint64_t{0});
  return true;
}

// A transfer the agent died in the middle of (crash, kill -9, power loss) is reported as failed.
bool CompleteInterrupted(Transfer* t) {
  if (t->state != TransferState::kInProgress) return false;
  t->state = TransferState::kCompleted;
  t->reboot_pending = false;
  t->fault.fault_code =
      t->is_download() ? rpc::fault::kDownloadIncomplete : rpc::fault::kUploadFailure;
  t->fault.fault_string = rpc::FaultString(t->fault.fault_code);
  t->complete_time = NowDateTime();
  return true;
}

JobFormat<Transfer> Format() {
  return {kHeader, ToJson, FromJson, kTransferHeaderV1, DecodeTransferV1};
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

TransferQueue::TransferQueue() : queue_(Format()) {}

Status TransferQueue::Open(const std::string& dir, std::string* warning) {
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Internal("cannot create " + dir);
  }
  std::string w;
  Status s = queue_.Open(dir + "/transfers.txt", CompleteInterrupted, &w);
  if (warning) *warning = w.empty() ? w : "transfers: " + w;
  return s;
}

}  // namespace edgecwmp::cwmp
