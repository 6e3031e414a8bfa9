// SPDX-License-Identifier: GPL-2.0-or-later
// TransferManager: the agent's file transfers — Download (TR-069 A.3.2.8), Upload (A.4.1.5),
// ScheduleDownload (A.4.1.7), CancelTransfer (A.4.1.8), GetQueuedTransfers (A.4.1.9) and
// GetAllQueuedTransfers (A.4.1.10) — answered at once on the session thread, carried out on one
// worker thread (cwmp/file_handlers.h) so a session never waits for a file, kept in a persisted
// TransferQueue until the ACS has answered the TransferComplete (A.3.3.2) that reports each one.
// |on_change| is called (from the worker) when a transfer finished: the agent then raises
// "7 TRANSFER COMPLETE" + "M Download"/"M Upload"/"M ScheduleDownload" and opens a session.
//
// Decisions where the standard leaves room (README "Firmware download from GenieACS"):
//  - refused at request time: CommandKey > 32 chars, URL > 256 chars, a bad TimeWindowList
//    → 9003; a non-http(s) URL → 9013; a FileType the agent cannot handle (unknown, or firmware
//    without a configured handler) → 9010 (Download) / 9011 (Upload); FileSize above
//    transfers.max_file_size, or more than transfers.max_queued transfers → 9004;
//    WindowMode "4 Confirmation Needed" (no user interface to confirm with) → 9003.
//  - "3 When Idle" is treated as "1 At Any Time" (an edge gateway is always idle enough);
//    MaxRetries: a failed scheduled download is not retried (a value of 0 is always honoured).
//  - CancelTransfer of an unknown CommandKey → 9003; of one in progress or completed → 9021.
//  - a TransferComplete the ACS answers with a Fault is dropped with a log line (never retried
//    forever); AutonomousTransferComplete is never sent (GenieACS refuses it with 8000).
// Thread-safe.
#ifndef EDGECWMP_CWMP_TRANSFERS_H_
#define EDGECWMP_CWMP_TRANSFERS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cwmp/file_handlers.h"
#include "cwmp/messages.h"
#include "datamodel/status.h"

namespace edgecwmp::cwmp {

// A TransferComplete owed to the ACS, with the events that announce it.
struct TransferCompletion {
  uint64_t id = 0;
  const char* method_event = "M Download";  // "M Download" / "M Upload" / "M ScheduleDownload"
  TransferComplete message;
};

class TransferManager {
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

  // Completed transfers whose TransferComplete is owed (not those waiting for the reboot).
  std::vector<TransferCompletion> Completions() const;
  // The ACS answered transfer |id|'s TransferComplete (|accepted| false: with a Fault — dropped).
  void OnAnswered(uint64_t id, bool accepted);
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
  uint32_t Vet(const TransferFields& fields, TransferKind kind, Transfer* t) const;

  struct Core;
  std::shared_ptr<Core> core_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSFERS_H_
