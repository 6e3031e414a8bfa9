// SPDX-License-Identifier: GPL-2.0-or-later
// LocalRequests: what an operator or a local updater asks of the running daemon through cwmpctl,
// on the device itself rather than from the ACS:
//  - transfers and DU changes, which the ACS then learns of through AutonomousTransferComplete
//    (TR-069 A.3.3.2) and AutonomousDUStateChangeComplete (A.4.2.2);
//  - get (values as GetParameterValues gives them: secrets read as ""), set (checked as the ACS's
//    SetParameterValues is, but reported to the ACS with 4 VALUE CHANGE where the parameter's
//    Notification says so), inform (a session now) and status (what the agent is doing).
// Each request is one JSON file in <state_dir>/requests/, written atomically (temp file, fsync,
// rename: the daemon never reads half a request), named so that names sort in submission order.
// The daemon takes every file, acts on it, then deletes it — after writing <name>.reply with the
// answer (JSON) for a request that has one, or <name>.rejected with the reason for one it
// refused; cwmpctl prints and removes those. The directory is the daemon's (0700): only root and
// the daemon's user can ask, and read the answers. A crash between the hand-over and the delete
// runs the request twice at worst.
#ifndef EDGECWMP_CWMP_AGENT_LOCAL_REQUESTS_H_
#define EDGECWMP_CWMP_AGENT_LOCAL_REQUESTS_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/transfers/transfers.h"

namespace edgecwmp::cwmp {

enum class LocalRequestKind { kTransfer, kDuChange, kGet, kSet, kInform, kStatus };

struct LocalRequest {
  LocalRequestKind kind = LocalRequestKind::kTransfer;
  AutonomousTransferRequest transfer;  // kTransfer
  DUOperation operation;               // kDuChange: Install, Update or Uninstall
  std::vector<std::string> names;      // kGet: full names or partial paths ("Device.X.")
  std::vector<std::pair<std::string, std::string>> values;  // kSet: name, value; all or nothing
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
// Ends request |name|: replaced by <name>.rejected when |rejection| is not empty, else by
// <name>.reply when |reply| is not empty, else deleted.
void FinishLocalRequest(const std::string& state_dir, const std::string& name,
                        const std::string& rejection, const std::string& reply = "");

// What became of request |name|: still waiting, taken, rejected (|text| = the reason) or
// answered (|text| = the reply). Rejections and replies are removed once read.
enum class LocalRequestState { kWaiting, kTaken, kRejected, kAnswered };
LocalRequestState LocalRequestStatus(const std::string& state_dir, const std::string& name,
                                     std::string* text);

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
