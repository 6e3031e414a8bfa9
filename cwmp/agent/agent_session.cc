// SPDX-License-Identifier: GPL-2.0-or-later
// One session as the agent holds it: the version for the ACS URL, the Inform (events, forced and
// changed parameters), the CPE's own requests (TransferComplete, DUStateChangeComplete and the
// autonomous ones of agent_autonomous.cc), the
// outcome's effect on events and the retry schedule.
#include <set>
#include <utility>

#include "base/log.h"
#include "cwmp/agent/acs_methods.h"
#include "cwmp/agent/agent_internal.h"
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
  const tr181::ManagementServerSettings ms = ManagementServer(*model);
  HttpClientConfig c;
  c.url = ms.url;
  c.username = ms.username;
  c.password = ms.password;
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
  const std::string url = ManagementServer(*model).url;
  plan.version = VersionFor(url);
  plan.inform = BuildInform();
  if (plan.inform.event.empty()) {
    Log(LogLevel::kDebug, kComponent, "no events pending: no session");
    return true;
  }
  AnswerHandlers on_answer;  // one per plan.requests entry
  PlanAcsMethods(&plan, &on_answer, url);
  PlanReports(&plan, &on_answer);
  PlanAutonomous(&plan, &on_answer);
  SessionHooks hooks = HooksFor(plan, url, on_answer);
  SessionResult result = RunWithVersionFallback(&plan, url, hooks);
  RecordOutcome(plan, url, result);
  return result.outcome == SessionOutcome::kCompleted;
}

// What the session engine calls back: the Inform accepted, an ACS request, a CPE request answered.
SessionHooks Agent::Rep::HooksFor(const SessionPlan& plan, const std::string& url,
                                  const AnswerHandlers& on_answer) {
  SessionHooks hooks;
  hooks.inform_accepted = [this, &plan, url]() {
    WarnIfFailed(events.OnInformAccepted(), "event queue");
    if (InformCarries(plan.inform, kEventValueChange)) changed_parameters.clear();
    // Every change is known to the ACS now: the next start compares with these values (not
    // saved: the next start reports them again, which is safe).
    if (changed_parameters.empty()) {
      WarnIfFailed(model->CommitReportedValues(), "reported values");
    }
    // Not saved: the next start bootstraps again, which is safe.
    if (InformCarries(plan.inform, kEventBootstrap)) {
      WarnIfFailed(state.Set(kBootstrappedUrl, url), "agent state");
    }
    AutonomousInformAccepted(plan.inform, plan);
  };
  // A long session (a GenieACS discovery) is progress, not a hang: each ACS request beats.
  hooks.handle = [this](const AcsRequest& request) {
    Beat(NowSeconds());
    return dispatcher->Handle(request);
  };
  hooks.request_answered = [&on_answer](size_t index, const AcsResponse& answer) {
    if (index < on_answer.size()) on_answer[index](answer);
  };
  return hooks;
}

// Runs the session; an ACS that rejects the version gets the one below at once, remembered for
// its URL.
SessionResult Agent::Rep::RunWithVersionFallback(SessionPlan* plan, const std::string& url,
                                                 const SessionHooks& hooks) {
  for (;;) {
    // The session is one info line when it ends (RecordOutcome); its start only at debug.
    Log(LogLevel::kDebug, kComponent, "session to ", url, " (cwmp-", VersionName(plan->version),
        ") events: ", EventNames(plan->inform));
    HttpSession http(AcsHttpConfig());
    SessionResult result = RunSession(*plan, &http, &codec, hooks);
    if (result.outcome != SessionOutcome::kVersionRejected || plan->version <= Version::k1_0) {
      return result;
    }
    plan->version = static_cast<Version>(static_cast<int>(plan->version) - 1);
    WarnIfFailed(state.Set(VersionKey(url), VersionName(plan->version)), "agent state");
    Log(LogLevel::kWarning, kComponent, result.detail, "; falling back to cwmp-",
        VersionName(plan->version));
  }
}

std::string EventNames(const Inform& inform) {
  std::string names;
  for (const auto& e : inform.event) names += (names.empty() ? "" : ", ") + e.event_code;
  return names;
}

namespace {
// "<url> cwmp-1.2, events: 1 BOOT; ACS requests: 3 (GetParameterValues=2, Reboot=1)".
std::string SessionSummary(const SessionPlan& plan, const std::string& url,
                           const SessionResult& result) {
  std::string rpcs;
  for (const auto& [method, count] : result.acs_request_counts) {
    rpcs += (rpcs.empty() ? " (" : ", ") + method + "=" + std::to_string(count);
  }
  if (!rpcs.empty()) rpcs += ")";
  return url + " cwmp-" + VersionName(result.version) + ", events: " + EventNames(plan.inform) +
         "; ACS requests: " + std::to_string(result.acs_requests) + rpcs;
}
}  // namespace

// The outcome's effect on the events and the retry schedule, and the session's one log line
// (info when it completed, warning when it failed) that the journal keeps of it.
void Agent::Rep::RecordOutcome(const SessionPlan& plan, const std::string& url,
                               const SessionResult& result) {
  const SysSeconds now = NowSeconds();
  LastSession& last = last_session.emplace();
  last.ended = now;
  last.completed = result.outcome == SessionOutcome::kCompleted;
  last.outcome = SessionOutcomeName(result.outcome);
  last.detail = result.detail;
  last.url = url;
  last.events = EventNames(plan.inform);
  last.acs_request_counts = result.acs_request_counts;
  const std::string summary = SessionSummary(plan, url, result);
  if (last.completed) {
    Log(LogLevel::kInfo, kComponent, "session completed: ", summary);
    scheduler.OnSessionSucceeded(now);
    // Events raised during the session (or held back: heartbeat alone, more than 64) go next.
    if (!events.empty()) scheduler.RequestSession(now);
    return;
  }
  WarnIfFailed(events.OnSessionFailed(), "event queue");
  SysSeconds retry = scheduler.OnSessionFailed(now, result.retry_after_seconds.value_or(0));
  Log(LogLevel::kWarning, kComponent, "session failed (", last.outcome, "): ", result.detail, "; ",
      summary, "; retry #", scheduler.retry_count(), " in ", (retry - now).count(), " s");
}

// Raises 7 TRANSFER COMPLETE + M <method> for finished transfers (TR-069 A.3.3.1) and asks for a
// session; true when an applied firmware image needs the reboot now (the TransferComplete then
// goes after it, with 1 BOOT: A.3.2.8).
bool Agent::Rep::SyncTransfers(SysSeconds now) {
  SyncAutonomous(now);
  for (JobReportSource* source : ReportSources()) {
    if (RaiseReportEvents(source->Reports(), &events)) scheduler.RequestSession(now);
  }
  if (!transfers->TakeRebootRequest()) return false;
  after_session.reboot = true;
  return true;
}

// GetRPCMethods to an ACS URL whose methods are not known yet (cwmp/agent/acs_methods.h). The
// answer wakes the agent: completions waiting for it are vetted at once.
void Agent::Rep::PlanAcsMethods(SessionPlan* plan, AnswerHandlers* on_answer,
                                const std::string& url) {
  if (AcsMethodsKnown(state, url)) return;
  plan->requests.push_back(GetRPCMethods{});
  on_answer->push_back([this, url](const AcsResponse& answer) {
    std::vector<std::string> methods;
    if (const auto* listed = std::get_if<GetRPCMethodsResponse>(&answer)) {
      methods = listed->method_list;
    } else {
      Log(LogLevel::kWarning, kComponent,
          "GetRPCMethods not answered: only required requests go to ", url);
    }
    std::string names;
    for (const std::string& m : methods) names += (names.empty() ? "" : ", ") + m;
    Log(LogLevel::kInfo, kComponent, "the ACS supports: ", names);
    WarnIfFailed(RecordAcsMethods(&state, url, methods), "agent state");
    wake = true;
  });
}

// TR-069 A.3.3.2 / A.4.2.1: the TransferCompletes and DUStateChangeCompletes the Inform
// announces (cwmp/jobs/job_reports.h), in that order; each is done (queue entry and its M event
// removed) only when the ACS answered it.
void Agent::Rep::PlanReports(SessionPlan* plan, AnswerHandlers* on_answer) {
  for (JobReportSource* source : ReportSources()) {
    for (JobReport& r : AnnouncedReports(source->Reports(), plan->inform)) {
      plan->requests.push_back(r.request);
      on_answer->push_back([this, source, r = std::move(r)](const AcsResponse& answer) {
        source->OnAnswered(r.id, !std::holds_alternative<Fault>(answer));
        Status s = events.OnRequestDelivered(r.kind, r.command_key, !source->Reports().empty());
        if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot save the events: ", s.ToString());
      });
    }
  }
}

}  // namespace edgecwmp::cwmp
