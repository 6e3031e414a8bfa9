// SPDX-License-Identifier: GPL-2.0-or-later
// Autonomous transfers and DU changes as the agent handles them: taking the device's own requests
// (cwmp/agent/local_requests.h), deciding by the ACS's policies (cwmp/agent/autonomous_policy.h)
// which results are reported, and reporting them — AutonomousTransferComplete (TR-069 A.3.3.2)
// announced by "10 AUTONOMOUS TRANSFER COMPLETE", AutonomousDUStateChangeComplete (A.4.2.2)
// announced by "12 AUTONOMOUS DU STATE CHANGE COMPLETE". Both are optional for an ACS: a report
// goes only where its GetRPCMethods answer lists the method (cwmp/agent/acs_methods.h; GenieACS
// 1.2 does not), and waits until that answer is known. A report the ACS answers with a fault is
// dropped, never retried: GenieACS 1.2 answers AutonomousTransferComplete with 8000 (interop
// recording 101).
#include <algorithm>

#include "base/log.h"
#include "cwmp/agent/acs_methods.h"
#include "cwmp/agent/agent_internal.h"
#include "cwmp/agent/autonomous_policy.h"

namespace edgecwmp::cwmp {

using namespace agent_internal;

namespace {

constexpr const char* kNotListedByAcs = "the ACS does not list it in GetRPCMethods";

const char* OperationName(const DUOperation& op) {
  if (std::holds_alternative<InstallOpStruct>(op)) return "install";
  if (std::holds_alternative<UpdateOpStruct>(op)) return "update";
  return "uninstall";
}

// The session engine logs every fault; 8000 deserves the operator's attention.
void HintIfUnsupported(const AcsResponse& answer, const char* method, const char* policy) {
  const Fault* fault = std::get_if<Fault>(&answer);
  if (fault != nullptr && fault->fault_code == 8000) {
    Log(LogLevel::kWarning, kComponent, "the ACS does not support ", method,
        " (8000): set Device.ManagementServer.", policy, ".Enable to false");
  }
}

template <typename Request>
bool PlanCarries(const SessionPlan& plan) {
  return std::any_of(plan.requests.begin(), plan.requests.end(),
                     [](const CpeRequest& r) { return std::holds_alternative<Request>(r); });
}

}  // namespace

void Agent::Rep::RecordDownloadedDu(DuChangeManager* du, const rpc::DuOperationOutcome& o) {
  AutonomousOpResultStruct r;
  static_cast<OpResultStruct&>(r) = OpResultFromOutcome(o, "");
  r.operation_performed = o.operation.empty() ? "Install" : o.operation;
  r.start_time = r.complete_time = NowDateTime();
  Status s = du->RecordAutonomous(r);
  if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot record the DU change: ", s.ToString());
}

std::string Agent::Rep::QueueAutonomous(const LocalRequest& request, std::string* what) {
  if (request.kind == LocalRequestKind::kTransfer) {
    const AutonomousTransferRequest& t = request.transfer;
    *what = std::string(t.is_download ? "download" : "upload") + " of " + t.file_type;
    if (Status s = transfers->RequestAutonomous(t); !s.ok()) {
      const uint32_t code = rpc::FaultCodeFor(s);
      return std::to_string(code) + " " + rpc::FaultString(code) + ": " + s.message();
    }
    return "";
  }
  *what = OperationName(request.operation);
  Status s = du_changes->RequestAutonomous({request.operation});
  return s.ok() ? "" : s.message();
}

bool Agent::Rep::SyncAutonomous(SysSeconds now) {
  bool transfer_raised = false, du_raised = false;
  // First the ACS must list the method (cwmp/agent/acs_methods.h; until its GetRPCMethods answer
  // is known a completion waits), then the ACS's policy must want the report.
  const std::string url = ManagementServer(*model).url;
  const AcsSupport transfer_support = AcsSupports(state, url, "AutonomousTransferComplete");
  const TransferReportPolicy transfer_policy = ReadTransferReportPolicy(*model);
  for (const auto& c : transfers->AutonomousCompletions()) {
    if (atc_vetted.count(c.id) || transfer_support == AcsSupport::kUnknown) continue;
    const char* refusal = transfer_support == AcsSupport::kNotListed ? kNotListedByAcs
                          : !Reports(transfer_policy, c.message)
                              ? "AutonomousTransferCompletePolicy"
                              : nullptr;
    if (refusal != nullptr) {
      Log(LogLevel::kInfo, kComponent, "autonomous transfer of ", c.message.file_type,
          " not reported (", refusal, ")");
      transfers->OnAnswered(c.id, true);
      continue;
    }
    atc_vetted.insert(c.id);
    transfer_raised = true;
  }
  const AcsSupport du_support = AcsSupports(state, url, "AutonomousDUStateChangeComplete");
  const DuReportPolicy du_policy = ReadDuReportPolicy(*model);
  for (const auto& c : du_changes->AutonomousCompletions()) {
    if (adu_vetted.count(c.id) || du_support == AcsSupport::kUnknown) continue;
    AutonomousDUStateChangeComplete reported = Filter(du_policy, c.message);
    const char* refusal = du_support == AcsSupport::kNotListed ? kNotListedByAcs
                          : reported.results.empty()           ? "DUStateChangeComplPolicy"
                                                               : nullptr;
    if (refusal != nullptr) {
      Log(LogLevel::kInfo, kComponent, "autonomous DU change not reported (", refusal, ")");
      du_changes->OnAnswered(c.id, true);
      continue;
    }
    adu_vetted.emplace(c.id, std::move(reported));
    du_raised = true;
  }
  if (transfer_raised && !events.Contains(kEventAutonomousTransferComplete)) {
    WarnIfFailed(events.Add(kEventAutonomousTransferComplete), "event 10");
  }
  if (du_raised && !events.Contains(kEventAutonomousDuStateChangeComplete)) {
    WarnIfFailed(events.Add(kEventAutonomousDuStateChangeComplete), "event 12");
  }
  if (transfer_raised || du_raised) scheduler.RequestSession(now);
  return transfer_raised || du_raised;
}

void Agent::Rep::PlanAutonomous(SessionPlan* plan, AnswerHandlers* on_answer) {
  // Everything vetted so far rides an Inform that carries the event; the event is delivered with
  // the last answer (more_pending until then), so a failed session resends what is left.
  if (InformCarries(plan->inform, kEventAutonomousTransferComplete)) {
    std::vector<AutonomousTransferCompletion> owed;
    for (auto& c : transfers->AutonomousCompletions()) {
      if (atc_vetted.count(c.id)) owed.push_back(std::move(c));
    }
    for (size_t i = 0; i < owed.size(); ++i) {
      plan->requests.push_back(owed[i].message);
      on_answer->push_back([this, id = owed[i].id,
                            last = i + 1 == owed.size()](const AcsResponse& answer) {
        HintIfUnsupported(answer, "AutonomousTransferComplete", "AutonomousTransferCompletePolicy");
        transfers->OnAnswered(id, !std::holds_alternative<Fault>(answer));
        atc_vetted.erase(id);
        WarnIfFailed(
            events.OnRequestDelivered(CpeRequestKind::kAutonomousTransferComplete, "", !last),
            "event queue");
      });
    }
  }
  if (InformCarries(plan->inform, kEventAutonomousDuStateChangeComplete)) {
    size_t left = adu_vetted.size();
    for (const auto& [id, message] : adu_vetted) {
      plan->requests.push_back(message);
      on_answer->push_back([this, id = id, last = --left == 0](const AcsResponse& answer) {
        HintIfUnsupported(answer, "AutonomousDUStateChangeComplete", "DUStateChangeComplPolicy");
        du_changes->OnAnswered(id, !std::holds_alternative<Fault>(answer));
        adu_vetted.erase(id);
        WarnIfFailed(
            events.OnRequestDelivered(CpeRequestKind::kAutonomousDuStateChangeComplete, "", !last),
            "event queue");
      });
    }
  }
}

void Agent::Rep::AutonomousInformAccepted(const Inform& inform, const SessionPlan& plan) {
  // A 10 or 12 left from before a restart whose completions are gone (reported, or no longer
  // wanted by the policy) has nothing to wait for.
  if (InformCarries(inform, kEventAutonomousTransferComplete) &&
      !PlanCarries<AutonomousTransferComplete>(plan)) {
    WarnIfFailed(events.OnRequestDelivered(CpeRequestKind::kAutonomousTransferComplete, "", false),
                 "event queue");
  }
  if (InformCarries(inform, kEventAutonomousDuStateChangeComplete) &&
      !PlanCarries<AutonomousDUStateChangeComplete>(plan)) {
    WarnIfFailed(
        events.OnRequestDelivered(CpeRequestKind::kAutonomousDuStateChangeComplete, "", false),
        "event queue");
  }
}

}  // namespace edgecwmp::cwmp
