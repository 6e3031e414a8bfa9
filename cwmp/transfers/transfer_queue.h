// SPDX-License-Identifier: GPL-2.0-or-later
// TransferQueue: the file transfers the ACS asked for (Download, Upload, ScheduleDownload) and the
// device's autonomous ones, from the moment they are accepted until the ACS has answered their
// TransferComplete / AutonomousTransferComplete (or the agent decided not to report), persisted
// crash-safe after every change (cwmp/jobs/job_queue.h: one JSON object per transfer), so that a
// CommandKey and a result survive a restart or kill -9. A transfer found "in progress" at Open
// was cut off by a crash: it is completed with 9017 (TR-069 A.5.1 "unable to complete download";
// 9011 for an upload) and reported after the restart instead of being lost. A ScheduleDownload
// waiting for a retry is queued again, its windows counting the attempts already made. Files
// of the earlier positional format (cwmp/transfers/transfer_queue_v1.h) still load.
// Not thread-safe: the TransferManager (cwmp/transfers/transfers.h) guards it with its lock.
#ifndef EDGECWMP_CWMP_TRANSFERS_TRANSFER_QUEUE_H_
#define EDGECWMP_CWMP_TRANSFERS_TRANSFER_QUEUE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "cwmp/jobs/job_queue.h"
#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp {

enum class TransferKind : uint8_t { kDownload = 0, kUpload = 1, kScheduleDownload = 2 };

// TR-069 A.4.1.9 / A.4.1.10 transfer State values, plus the agent's own "reported" phase.
enum class TransferState : uint8_t {
  kQueued = 1,      // not yet started
  kInProgress = 2,  // being fetched / applied
  kCompleted = 3,   // result known; TransferComplete owed to the ACS
};

// An absolute time window of a ScheduleDownload (TR-069 A.4.1.7: offsets from the request's
// receipt, kept here as Unix seconds so a restart does not move them).
struct TransferWindow {
  int64_t start = 0, end = 0;  // the download may start at or after |start|, before |end|
  std::string mode;            // "1 At Any Time", "2 Immediately", "3 When Idle"
  int32_t max_retries = 0;     // TR-069 A.4.1.7 MaxRetries (-1: the CPE chooses)
  uint32_t attempts = 0;       // attempts made in this window so far
};

struct Transfer {
  uint64_t id = 0;
  TransferKind kind = TransferKind::kDownload;
  TransferState state = TransferState::kQueued;
  std::string command_key, file_type, url, username, password, target_file_name;
  uint32_t file_size = 0;
  int64_t not_before = 0;  // Unix seconds: accepted time + DelaySeconds (or first window start)
  std::vector<TransferWindow> windows;  // ScheduleDownload only
  FaultStruct fault;  // the result once kCompleted; while queued, a failed attempt's (retried)
  std::string start_time = kUnknownTime, complete_time = kUnknownTime;
  // A firmware image was applied: the TransferComplete goes after the reboot (TR-069 A.3.2.8).
  bool reboot_pending = false;
  // Asked for by the device itself (TR-069 A.3.3.2 AutonomousTransferComplete); no CommandKey.
  bool autonomous = false;
  std::string announce_url;        // AutonomousTransferComplete AnnounceURL
  uint64_t bytes_transferred = 0;  // bytes received / sent by the last attempt; 0 = unknown

  bool is_download() const { return kind != TransferKind::kUpload; }
  // "M Download", "M Upload" or "M ScheduleDownload" (TR-069 A.3.3.1).
  const char* method_event() const;
  // For log lines: "Download '<key>' (<FileType>)" or "autonomous Download (<FileType>)"; never
  // credentials (nor the URL, which may carry them).
  std::string Describe() const;
};

class TransferQueue {
 public:
  TransferQueue();
  // Loads <dir>/transfers.txt; damaged records are dropped with |warning| set, in-progress ones
  // become failed (see above). Error only when the directory is unusable.
  Status Open(const std::string& dir, std::string* warning = nullptr);

  // Adds |t| (its id is assigned) and persists.
  Status Add(Transfer t, uint64_t* id = nullptr) { return queue_.Add(std::move(t), id); }
  // Replaces the transfer with the same id and persists; NotFound when it is gone (cancelled).
  Status Update(const Transfer& t) { return queue_.Update(t); }
  Status Remove(uint64_t id) { return queue_.Remove(id); }
  Status Wipe() { return queue_.Wipe(); }

  const std::vector<Transfer>& transfers() const { return queue_.jobs(); }
  const Transfer* Find(uint64_t id) const { return queue_.Find(id); }
  size_t size() const { return queue_.size(); }

 private:
  JobQueue<Transfer> queue_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSFERS_TRANSFER_QUEUE_H_
