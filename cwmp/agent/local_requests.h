// SPDX-License-Identifier: GPL-2.0-or-later
// LocalRequests: transfers and DU changes asked for on the device itself, not by the ACS — by an
// operator or a local updater through cwmpctl — which the ACS then learns of through
// AutonomousTransferComplete (TR-069 A.3.3.2) and AutonomousDUStateChangeComplete (A.4.2.2).
// Each request is one JSON file in <state_dir>/requests/, written atomically (temp file, fsync,
// rename: the daemon never reads half a request), named so that names sort in submission order.
// The daemon takes every file, hands it to the TransferManager or the DuChangeManager, then
// deletes it — or, when it was refused, replaces it by <name>.rejected holding the reason, which
// cwmpctl prints. A crash between the hand-over and the delete runs the request twice at worst.
#ifndef EDGECWMP_CWMP_AGENT_LOCAL_REQUESTS_H_
#define EDGECWMP_CWMP_AGENT_LOCAL_REQUESTS_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/transfers/transfers.h"

namespace edgecwmp::cwmp {

struct LocalRequest {
  bool is_transfer = true;
  AutonomousTransferRequest transfer;  // when is_transfer
  DUOperation operation;               // otherwise: Install, Update or Uninstall
};

std::string LocalRequestDir(const std::string& state_dir);

std::string EncodeLocalRequest(const LocalRequest& request);
// kInvalidArguments with the reason when |json| is not a request.
Status DecodeLocalRequest(const std::string& json, LocalRequest* out);

// Writes |request| as a new file in LocalRequestDir(|state_dir|) (created, mode 0700); |name|
// receives the file name to wait on.
Status SubmitLocalRequest(const std::string& state_dir, const LocalRequest& request,
                          std::string* name);

struct PendingLocalRequest {
  std::string name;
  Status decoded;  // not ok: the file is not a request (reject it with this reason)
  LocalRequest request;
};
// The waiting requests, oldest first.
std::vector<PendingLocalRequest> PendingLocalRequests(const std::string& state_dir);
// Ends request |name|: deleted when |rejection| is empty, else replaced by <name>.rejected.
void FinishLocalRequest(const std::string& state_dir, const std::string& name,
                        const std::string& rejection);

// What became of request |name|: still waiting, taken, or rejected (with the reason).
enum class LocalRequestState { kWaiting, kTaken, kRejected };
LocalRequestState LocalRequestStatus(const std::string& state_dir, const std::string& name,
                                     std::string* reason);

// Calls |wake| (from its own thread) whenever a request file arrives, so a request is taken at
// once instead of at the next poll. Linux inotify; Start fails where it is unavailable, and the
// agent then relies on its periodic poll.
class LocalRequestWatcher {
 public:
  LocalRequestWatcher(std::string state_dir, std::function<void()> wake);
  ~LocalRequestWatcher();
  LocalRequestWatcher(const LocalRequestWatcher&) = delete;
  LocalRequestWatcher& operator=(const LocalRequestWatcher&) = delete;
  Status Start();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_LOCAL_REQUESTS_H_
