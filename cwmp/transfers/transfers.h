// SPDX-License-Identifier: GPL-2.0-or-later
// TransferManager: the agent's file transfers — Download (TR-069 A.3.2.8), Upload (A.4.1.5),
// ScheduleDownload (A.4.1.7), CancelTransfer (A.4.1.8), GetQueuedTransfers (A.4.1.9) and
// GetAllQueuedTransfers (A.4.1.10) — answered at once on the session thread, carried out on one
// worker thread (cwmp/transfers/file_handlers.h) so a session never waits for a file, kept in a
// persisted TransferQueue until the ACS has answered the TransferComplete (A.3.3.2) that reports
// each one.
// |on_change| is called (from the worker) when a transfer finished: the agent then raises
// "7 TRANSFER COMPLETE" + "M Download"/"M Upload"/"M ScheduleDownload" (Reports(),
// cwmp/jobs/job_reports.h) and opens a session.
//
// Decisions where the standard leaves room (README "Firmware download from GenieACS"):
//  - refused at request time: CommandKey > 32 chars, URL > 256 chars, a bad TimeWindowList
//    → 9003; a non-http(s) URL → 9013; a FileType the agent cannot handle (unknown, or firmware
//    without a configured handler) → 9010 (Download) / 9011 (Upload); FileSize above
//    transfers.max_file_size, or more than transfers.max_queued transfers → 9004;
//    WindowMode "4 Confirmation Needed" (no user interface to confirm with) → 9003.
//  - "3 When Idle": the download starts in that window only while the device is idle —
//    TransferConfig::is_idle, by default the 1-minute load average (/proc/loadavg) below the CPU
//    count — asked again every idle_poll_seconds; a window that never is idle passes unused.
//  - MaxRetries (A.4.1.7): a failed attempt is retried in the same window up to MaxRetries times
//    (-1: the CPE's choice, 3; 0: never; below -1 → 9003), after a back-off (1 s to 5 min) that
//    leaves room for the window's remaining attempts; a window out of attempts or time hands over
//    to the next. The TransferComplete carries the last attempt's result, or 9020 when no window
//    let the download start.
//  - CancelTransfer of an unknown CommandKey → 9003; of one in progress or completed → 9021.
//  - a TransferComplete or AutonomousTransferComplete the ACS answers with a Fault is dropped with
//    a log line (never retried forever: GenieACS 1.2 answers the autonomous one with 8000).
// Autonomous transfers (TR-069 A.3.3.2 AutonomousTransferComplete) are asked for on the device
// itself (cwmpctl, cwmp/agent/local_requests.h), not by the ACS: same checks, queue, worker and
// handlers, no CommandKey; GetAllQueuedTransfers lists them (A.4.1.10), GetQueuedTransfers and
// CancelTransfer do not see them. Whether their completion is reported is the agent's policy
// decision (Device.ManagementServer.AutonomousTransferCompletePolicy,
// cwmp/agent/autonomous_policy.h). Thread-safe.
#ifndef EDGECWMP_CWMP_TRANSFERS_TRANSFERS_H_
#define EDGECWMP_CWMP_TRANSFERS_TRANSFERS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cwmp/jobs/job_reports.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/transfers/file_handlers.h"

namespace edgecwmp::cwmp {

// A TransferComplete owed to the ACS, with the events that announce it.
struct TransferCompletion {
  uint64_t id = 0;
  const char* method_event = "M Download";  // "M Download" / "M Upload" / "M ScheduleDownload"
  TransferComplete message;
};

// An AutonomousTransferComplete owed to the ACS (announced by "10 AUTONOMOUS TRANSFER COMPLETE").
struct AutonomousTransferCompletion {
  uint64_t id = 0;
  AutonomousTransferComplete message;
};

// A transfer the device asks for itself (the fields of Download / Upload that apply).
struct AutonomousTransferRequest {
  bool is_download = true;
  std::string file_type, url, username, password, target_file_name;
  uint32_t file_size = 0;    // Download only; 0 = unknown
  std::string announce_url;  // TR-069 A.3.3.2 AnnounceURL; "" unless multicast-announced
};

class TransferManager : public JobReportSource {
 public:
  TransferManager(TransferConfig config, std::function<void()> on_change);
  ~TransferManager();  // stops the worker (a transfer in flight is abandoned, reported at restart)
  TransferManager(const TransferManager&) = delete;
  TransferManager& operator=(const TransferManager&) = delete;

  // Loads the queue (<state_dir>/transfers.txt) and starts the worker. A firmware transfer that
  // was waiting for the reboot is now complete (this is the new boot).
  Status Start(std::string* warning = nullptr);

  // The RPCs (a response or a cwmp::Fault). |now_unix| is the request's receipt time.
  CpeResponse Download(const cwmp::Download& request, int64_t now_unix);
  CpeResponse Upload(const cwmp::Upload& request, int64_t now_unix);
  CpeResponse ScheduleDownload(const cwmp::ScheduleDownload& request, int64_t now_unix);
  CpeResponse CancelTransfer(const cwmp::CancelTransfer& request);
  GetQueuedTransfersResponse GetQueuedTransfers() const;
  GetAllQueuedTransfersResponse GetAllQueuedTransfers() const;

  // Queues an autonomous transfer (starts as soon as the worker is free). Returns OK, or the fault
  // Download/Upload would answer with (9003, 9004, 9010, 9011, 9013) and queues nothing.
  Status RequestAutonomous(const AutonomousTransferRequest& request);

  // Completed ACS-requested transfers whose TransferComplete is owed (not those waiting for the
  // reboot; never autonomous ones).
  std::vector<TransferCompletion> Completions() const;
  // Completed autonomous transfers (same rules), oldest first.
  std::vector<AutonomousTransferCompletion> AutonomousCompletions() const;
  // The TransferCompletes owed (Completions() as the agent reports them).
  std::vector<JobReport> Reports() const override;
  // The ACS answered transfer |id|'s TransferComplete or AutonomousTransferComplete (|accepted|
  // false: with a Fault), or the agent decided not to report it: forgotten either way.
  void OnAnswered(uint64_t id, bool accepted) override;
  // True once when a firmware image was applied and the device must reboot now.
  bool TakeRebootRequest();
  void Reload(const TransferConfig& config);  // SIGHUP: handlers, limits, TLS
  Status Wipe();                              // factory reset

 private:
  // The arguments Download, Upload and ScheduleDownload have in common.
  struct TransferFields {
    const std::string& command_key;
    const std::string& file_type;
    const std::string& url;
    const std::string& username;
    const std::string& password;
    uint32_t file_size;
    std::string target_file_name;
  };
  Status Vet(const TransferFields& fields, TransferKind kind, Transfer* t) const;

  struct Core;
  std::shared_ptr<Core> core_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSFERS_TRANSFERS_H_
