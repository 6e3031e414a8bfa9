// SPDX-License-Identifier: GPL-2.0-or-later
// One session as the agent holds it: the version for the ACS URL, the Inform (events, forced and
// changed parameters), the CPE's own requests (TransferComplete, DUStateChangeComplete and the
// autonomous ones of agent_autonomous.cc), the
// outcome's effect on events and the retry schedule.
#include <set>
#include <utility>

#include "cwmp/agent/agent_internal.h"
#include "base/log.h"
#include "cwmp/session/session.h"
#include "rpc/value_types.h"

namespace edgecwmp::cwmp {

using namespace agent_internal;  // the agent's private constants (agent_internal.h)

Version Agent::Rep::VersionFor(const std::string& url) {
  Version v = config.max_version;
  Version remembered;
  if (ParseVersion(state.Get(VersionKey(url)), &remembered) && remembered < v) v = remembered;
  return v;
}

HttpClientConfig Agent::Rep::AcsHttpConfig() {
  HttpClientConfig c;
  c.url = Value(Ms("URL"));
  c.username = Value(Ms("Username"));
  c.password = Value(Ms("Password"));
  c.allow_basic_over_http = config.acs_allow_basic_over_http;
  c.tls = config.acs_tls;
  c.request_timeout_ms = static_cast<long>(config.http_timeout_seconds) * 1000;
  c.connect_timeout_ms = c.request_timeout_ms;
  return c;
}

bool InformCarries(const Inform& inform, const char* code) {
  for (const auto& e : inform.event) {
    if (e.event_code == code) return true;
  }
  return false;
}

Inform Agent::Rep::BuildInform() {
  // Passive changes are announced with 4 VALUE CHANGE in whatever Inform comes next.
  if (!changed_parameters.empty()) WarnIfFailed(events.Add(kEventValueChange), "event 4");
  Inform inform;
  inform.event = events.ForInform();
  inform.device_id.manufacturer = Value("Device.DeviceInfo.Manufacturer");
  inform.device_id.oui = Value("Device.DeviceInfo.ManufacturerOUI");
  inform.device_id.product_class = Value("Device.DeviceInfo.ProductClass");
  inform.device_id.serial_number = Value("Device.DeviceInfo.SerialNumber");
  inform.max_envelopes = 1;
  inform.current_time = NowDateTime();
  inform.retry_count = scheduler.retry_count();
  std::set<std::string> listed;
  auto add = [&](const dm::ParameterValue& p) {
    if (!listed.insert(p.name).second) return;
    inform.parameter_list.push_back({p.name, p.value, rpc::XsdType(p.type)});
  };
  for (const auto& p : model->ForcedInformValues()) add(p);
  // A heartbeat Inform goes alone (TR-069 3.7.1.5); the changes wait for the next one.
  if (!InformCarries(inform, kEventValueChange)) return inform;
  for (const auto& [name, type] : changed_parameters) {
    std::vector<dm::ParameterValue> values;
    if (model->GetValues(name, &values).ok()) {
      for (const auto& p : values) add(p);
    }
  }
  return inform;
}

bool Agent::Rep::HoldSession() {
  SessionPlan plan;
  const std::string url = Value(Ms("URL"));
  plan.version = VersionFor(url);
  plan.inform = BuildInform();
  if (plan.inform.event.empty()) {
    Log(LogLevel::kDebug, kComponent, "no events pending: no session");
    return true;
  }
  bool bootstrap = false;
  std::string names;
  for (const auto& e : plan.inform.event) {
    bootstrap = bootstrap || e.event_code == kEventBootstrap;
    names += (names.empty() ? "" : ", ") + e.event_code;
  }
  SessionHooks hooks;
  hooks.inform_accepted = [&]() {
    WarnIfFailed(events.OnInformAccepted(), "event queue");
    if (InformCarries(plan.inform, kEventValueChange)) changed_parameters.clear();
    // Every change is known to the ACS now: the next start compares with these values (not
    // saved: the next start reports them again, which is safe).
    if (changed_parameters.empty()) {
      WarnIfFailed(model->CommitReportedValues(), "reported values");
    }
    // Not saved: the next start bootstraps again, which is safe.
    if (bootstrap) WarnIfFailed(state.Set(kBootstrappedUrl, url), "agent state");
    AutonomousInformAccepted(plan.inform, plan);
  };
  hooks.handle = [&](const AcsRequest& request) { return dispatcher->Handle(request); };
  AnswerHandlers on_answer;  // one per plan.requests entry
  // TR-069 A.3.3.2: the TransferCompletes the Inform's 7 TRANSFER COMPLETE announces — only those
  // whose M event it carries (one that finished meanwhile waits); each is done (queue entry and
  // its M event removed) only when the ACS answered it.
  if (InformCarries(plan.inform, kEventTransferComplete)) {
    for (const auto& c : transfers->Completions()) {
      bool announced = false;
      for (const auto& e : plan.inform.event) {
        announced = announced || (e.event_code == c.method_event &&
                                  e.command_key == c.message.command_key);
      }
      if (!announced) continue;
      plan.requests.push_back(c.message);
      on_answer.push_back([this, c](const AcsResponse& answer) {
        transfers->OnAnswered(c.id, !std::holds_alternative<Fault>(answer));
        WarnIfFailed(
            events.OnRequestDelivered(CpeRequestKind::kTransferComplete, c.message.command_key,
                                      !transfers->Completions().empty()),
            "event queue");
      });
    }
  }
  // DUStateChangeCompletes (A.4.2.1) follow.
  for (const auto& c : AnnouncedDuCompletions(*du_changes, plan.inform)) {
    plan.requests.push_back(c.message);
    on_answer.push_back([this, c](const AcsResponse& answer) {
      du_changes->OnAnswered(c.id, !std::holds_alternative<Fault>(answer));
      WarnIfFailed(
          events.OnRequestDelivered(CpeRequestKind::kDuStateChangeComplete, c.message.command_key,
                                    !du_changes->Completions().empty()),
          "event queue");
    });
  }
  PlanAutonomous(&plan, &on_answer);
  hooks.request_answered = [&](size_t index, const AcsResponse& answer) {
    if (index < on_answer.size()) on_answer[index](answer);
  };

  for (;;) {
    Log(LogLevel::kInfo, kComponent, "session to ", url, " (cwmp-", VersionName(plan.version),
        ") events: ", names);
    HttpSession http(AcsHttpConfig());
    SessionResult result = RunSession(plan, &http, &codec, hooks);
    if (result.outcome == SessionOutcome::kVersionRejected && plan.version > Version::k1_0) {
      // Fall back one version at once and remember it for this URL (issue 3 item 3).
      plan.version = static_cast<Version>(static_cast<int>(plan.version) - 1);
      WarnIfFailed(state.Set(VersionKey(url), VersionName(plan.version)), "agent state");
      Log(LogLevel::kWarning, kComponent, result.detail, "; falling back to cwmp-",
          VersionName(plan.version));
      continue;
    }
    const SysSeconds now = NowSeconds();
    if (result.outcome == SessionOutcome::kCompleted) {
      Log(LogLevel::kInfo, kComponent, "session completed, ", result.acs_requests,
          " ACS requests answered");
      scheduler.OnSessionSucceeded(now);
      // Events raised during the session (or held back: heartbeat alone, more than 64) go next.
      if (!events.empty()) scheduler.RequestSession(now);
    } else {
      WarnIfFailed(events.OnSessionFailed(), "event queue");
      SysSeconds retry = scheduler.OnSessionFailed(now, result.retry_after_seconds.value_or(0));
      Log(LogLevel::kWarning, kComponent, "session failed (", SessionOutcomeName(result.outcome),
          "): ", result.detail, "; retry #", scheduler.retry_count(), " in ",
          (retry - now).count(), " s");
    }
    return result.outcome == SessionOutcome::kCompleted;
  }
}

// Raises 7 TRANSFER COMPLETE + M <method> for finished transfers (TR-069 A.3.3.1) and asks for a
// session; true when an applied firmware image needs the reboot now (the TransferComplete then
// goes after it, with 1 BOOT: A.3.2.8).
bool Agent::Rep::SyncTransfers(SysSeconds now) {
  SyncAutonomous(now);
  bool raised = false;
  for (const auto& c : transfers->Completions()) {
    if (events.Contains(c.method_event, c.message.command_key)) continue;
    WarnIfFailed(events.Add(c.method_event, c.message.command_key), "transfer event");
    raised = true;
  }
  if (raised) {
    WarnIfFailed(events.Add(kEventTransferComplete), "event 7 TRANSFER COMPLETE");
    scheduler.RequestSession(now);
  }
  if (RaiseDuChangeEvents(*du_changes, &events)) scheduler.RequestSession(now);
  if (!transfers->TakeRebootRequest()) return false;
  reboot_after_session = true;
  return true;
}

}  // namespace edgecwmp::cwmp
