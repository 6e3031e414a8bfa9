// SPDX-License-Identifier: GPL-2.0-or-later
// DuChangeManager: ChangeDUState (TR-069 A.4.1.10) for the agent. A request is checked and
// persisted, answered with ChangeDUStateResponse at once, and its operations run afterwards, one at
// a time, on a worker thread that calls the rpc::DeploymentUnitBackend — never during the session
// that asked. Each finished request is a DUStateChangeComplete owed to the ACS (A.4.2.x; announced
// by "11 DU STATE CHANGE COMPLETE" + "M ChangeDUState" <CommandKey>; cwmp/jobs/job_reports.h), kept
// in <state_dir>/du_changes.txt (cwmp/jobs/job_queue.h: crash-safe) until the ACS has answered it.
// An operation found running at start-up was cut off by a crash: its result is 9002 Internal
// error with the DU's state unknown ("Failed"), and the request's other operations still run.
// Decisions: CommandKey over 32 characters, no operation, or more than 16 operations → 9003; more
// than 8 unanswered requests → 9004; a DUStateChangeComplete the ACS answers with a Fault is
// dropped with a log line. |on_change| is called (from the worker) when a request has finished.
// DU changes the ACS did not ask for (requested on the device, or made by a backend on its own)
// go through the same queue as autonomous requests and are reported with
// AutonomousDUStateChangeComplete (A.4.2.2) by the agent, which applies the ACS's policy.
// Thread-safe.
#ifndef EDGECWMP_CWMP_DU_DU_CHANGES_H_
#define EDGECWMP_CWMP_DU_DU_CHANGES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cwmp/jobs/job_reports.h"
#include "cwmp/protocol/messages.h"
#include "rpc/deployment_units.h"

namespace edgecwmp::cwmp {

struct DuCompletion {
  uint64_t id = 0;
  DUStateChangeComplete message;
};
// An AutonomousDUStateChangeComplete owed to the ACS ("12 AUTONOMOUS DU STATE CHANGE COMPLETE").
struct AutonomousDuCompletion {
  uint64_t id = 0;
  AutonomousDUStateChangeComplete message;  // one result per operation, OperationPerformed set
};

class DuChangeManager : public JobReportSource {
 public:
  DuChangeManager(std::string state_dir, std::function<void()> on_change);
  ~DuChangeManager();  // stops the worker after the operation in flight
  DuChangeManager(const DuChangeManager&) = delete;
  DuChangeManager& operator=(const DuChangeManager&) = delete;

  // Loads the queue and starts the worker.
  Status Start(std::string* warning = nullptr);
  // The backend the operations go to (not owned); null detaches it, waiting for the operation in
  // flight, so that the backend may then be destroyed. Without one, requests wait.
  void SetBackend(rpc::DeploymentUnitBackend* backend);

  // The RPC: ChangeDUStateResponse or a cwmp::Fault.
  CpeResponse ChangeDUState(const cwmp::ChangeDUState& request);
  // DU changes asked for on the device itself (cwmpctl, cwmp/agent/local_requests.h), not by
  // ChangeDUState: checked like ChangeDUState (no operation or more than 16 → kInvalidArguments,
  // too many unanswered requests → kResourcesExceeded, no backend → kRequestDenied), persisted, run
  // by the same worker, reported by AutonomousDUStateChangeComplete (TR-069 A.4.2.2).
  Status RequestAutonomous(const std::vector<DUOperation>& operations);
  // A DU change the backend made outside any request (e.g. a service installed by a Download of
  // its definition): recorded as a finished autonomous request. Not refused by the request limit
  // (it has happened); only a hard bound of 64 unanswered records → kResourcesExceeded.
  Status RecordAutonomous(const AutonomousOpResultStruct& result);

  // Finished ChangeDUState requests whose DUStateChangeComplete is owed, oldest first.
  std::vector<DuCompletion> Completions() const;
  // Finished autonomous requests, oldest first.
  std::vector<AutonomousDuCompletion> AutonomousCompletions() const;
  // The DUStateChangeCompletes owed (Completions() as the agent reports them).
  std::vector<JobReport> Reports() const override;
  // The ACS answered completion |id| (either kind; |accepted| false: with a Fault — dropped all
  // the same), or the agent decided not to report it.
  void OnAnswered(uint64_t id, bool accepted) override;
  Status Wipe();  // factory reset

 private:
  struct Core;
  std::shared_ptr<Core> core_;
};

// The OpResultStruct of a backend's |outcome| (TR-069 A.4.2.1; times left unknown): |fallback_uuid|
// when the backend named none, the standard FaultString followed by the backend's detail.
OpResultStruct OpResultFromOutcome(const rpc::DuOperationOutcome& outcome,
                                   const std::string& fallback_uuid);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_DU_DU_CHANGES_H_
