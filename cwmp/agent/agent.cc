// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/agent.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <utility>

#include "base/file_io.h"
#include "base/log.h"
#include "cwmp/agent/agent_internal.h"
#include "tr181/definitions.h"
#include "tr181/device2.h"
#include "tr181/diagnostics/ip_diagnostics.h"
#include "tr181/management_server.h"

namespace edgecwmp::cwmp {

using namespace agent_internal;  // the agent's private constants (agent_internal.h)

namespace {

// Runs restore(&warning) for one piece of persisted state. What it had to drop (a damaged file)
// is logged and does not stop the start; only a returned error does.
template <typename RestoreFn>
Status Restore(RestoreFn&& restore) {
  std::string warning;
  Status s = restore(&warning);
  if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
  return s;
}

}  // namespace

tr181::ManagementServerSettings agent_internal::ManagementServer(const dm::DataModel& model) {
  tr181::ManagementServerSettings settings;
  Status s = tr181::ReadManagementServer(model, &settings);
  if (!s.ok()) {
    Log(LogLevel::kError, kComponent, "Device.ManagementServer.: ", s.ToString());
    return tr181::ManagementServerSettings();
  }
  return settings;
}

Agent::Agent(AgentConfig config) : rep_(std::make_unique<Rep>(std::move(config))) {}

Agent::~Agent() {
  if (rep_->connection_requests) rep_->connection_requests->Stop();
  if (rep_->xmpp) rep_->xmpp->Stop();
  if (rep_->udp_connection_requests) rep_->udp_connection_requests->Stop();
  std::lock_guard<std::mutex> lock(rep_->model_slot->mu);  // waits for an export in flight
  rep_->model_slot->model = nullptr;
}

Status Agent::Rep::ApplyDownloadedDu(const std::shared_ptr<DuFileSlot>& slot,
                                     const std::string& path, const std::string& url) {
  std::lock_guard<std::mutex> lock(slot->mu);
  if (!slot->backend) {
    return Status::Fault(rpc::fault::kFileTransferFailure, "no deployment unit backend");
  }
  rpc::DuOperationOutcome out = slot->backend->InstallFromFile(path, url);
  // The DU changed without a ChangeDUState: an autonomous DU state change (A.4.2.2).
  if (auto du = slot->du_changes.lock()) RecordDownloadedDu(du.get(), out);
  if (out.status.ok()) return Status::Ok();
  // TR-069 A.3.3.2: a TransferComplete carries 9001, 9002 or 9010-9020; a DU fault
  // (9022-9032) becomes 9010 with its own code kept in the FaultString.
  const uint32_t code = rpc::FaultCodeFor(out.status);
  namespace f = rpc::fault;
  if (code == f::kRequestDenied || code == f::kInternalError ||
      (code >= f::kFileTransferFailure && code <= f::kTimeWindowsExceeded &&
       code != f::kUploadFailure && code != f::kUnsupportedTransferProtocol)) {
    return Status::Fault(code, out.status.message());
  }
  return Status::Fault(f::kFileTransferFailure, std::to_string(code) + " " + out.status.message());
}

Status Agent::Rep::WriteConfiguration(const std::shared_ptr<ModelSlot>& slot,
                                      const std::string& path) {
  std::lock_guard<std::mutex> lock(slot->mu);
  if (!slot->model) return Status::Internal("the agent is stopping");
  std::string xml;
  Status s = slot->model->ExportConfiguration(&xml);
  return s.ok() ? WriteFileAtomic(path, xml) : s;
}

TransferConfig Agent::Rep::TransfersConfig() const {
  TransferConfig t = config.transfers;
  t.state_dir = config.state_dir;
  t.tls = config.acs_tls;  // the ACS's trust store; file_handlers forces verification on
  t.write_config = [slot = model_slot](const std::string& path) {
    return WriteConfiguration(slot, path);
  };
  if (du_backend && !du_backend->DownloadFileType().empty()) {
    if (du_backend->DownloadNeedsHttps()) {
      t.https_only_file_types.insert(du_backend->DownloadFileType());
    }
    t.file_appliers[du_backend->DownloadFileType()] =
        [slot = du_file_slot](const std::string& path, const std::string& url) {
          return ApplyDownloadedDu(slot, path, url);
        };
  }
  return t;
}

dm::DataModel* Agent::model() { return rep_->model.get(); }

std::string Agent::connection_request_url() const {
  return rep_->connection_requests ? rep_->connection_requests->url() : std::string();
}

void Agent::Stop() { rep_->Raise(&rep_->stop); }

void Agent::Reload(AgentConfig config) {
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    rep_->reloaded_config = std::move(config);
  }
  rep_->Raise(&rep_->reload);
}

void Agent::SetDeploymentUnits(rpc::DeploymentUnitBackend* backend) {
  rep_->du_backend = backend;
  if (rep_->du_changes) rep_->du_changes->SetBackend(backend);
  std::lock_guard<std::mutex> lock(rep_->du_file_slot->mu);  // waits for a file install
  rep_->du_file_slot->backend = backend;
}

void Agent::WakeUp() { rep_->Raise(&rep_->wake); }

Status Agent::Rep::LoadModel(const std::vector<std::string>& extra_definitions,
                             const ModelExtension& extension, dm::LoadSource* source) {
  std::vector<std::string> files;
  Status s = tr181::LoadDefinitions(&schema, config.definitions_dir, &files);
  if (!s.ok()) return s;
  // Which copy of the definitions runs (an installed package, a build tree) is worth one line.
  Log(LogLevel::kInfo, kComponent, "definitions: ", files.size(), " files from ",
      files.front().substr(0, files.front().rfind('/')));
  for (const auto& file : extra_definitions) {
    s = schema.LoadFile(file);
    if (!s.ok()) return s;
  }
  storage = std::make_unique<dm::Storage>(config.state_dir + "/datamodel");
  model = std::make_unique<dm::DataModel>(&schema, storage.get());
  tr181::DeviceIdentity identity;
  s = tr181::ResolveIdentity(config.identity, &identity);
  if (!s.ok()) return s;
  identity.state_dir = config.state_dir;
  s = tr181::RegisterDevice2(model.get(), identity);
  if (!s.ok()) return s;
  diagnostics = std::make_unique<tr181::Diagnostics>([this] { Raise(&diagnostics_complete); });
  s = tr181::RegisterIpDiagnostics(model.get(), diagnostics.get(), &udp_echo_config);
  if (!s.ok()) return s;
  if (extension) {
    s = extension(model.get());
    if (!s.ok()) return s;
  }
  s = model->Load(source);
  if (!s.ok()) return s;
  udp_echo_config.Apply();
  {
    std::lock_guard<std::mutex> lock(model_slot->mu);
    model_slot->model = model.get();
  }
  Log(LogLevel::kInfo, kComponent, "data model: ", schema.object_count(), " objects, ",
      schema.param_count(), " parameter definitions, ", model->parameter_count(),
      " parameters live");
  return Status::Ok();
}

// The config's ManagementServer values are factory defaults (config.h), written when the model
// holds none of its own; afterwards the ACS owns them. The rule is in agent_state.h.
void Agent::Rep::SeedManagementServer(dm::LoadSource source) {
  const std::string seeded = state.Get(kSeeded);
  const bool intact = source == dm::LoadSource::kMain || source == dm::LoadSource::kBackup;
  if (intact && seeded == "1") return;
  if (intact && seeded.empty()) {
    Log(LogLevel::kWarning, kComponent, state.path(),
        " is missing or damaged but the data model is intact: keeping its values (the ACS's), "
        "not seeding them from the configuration again");
    WarnIfFailed(state.Set(kSeeded, "1"), "agent state");
    return;
  }
  if (source == dm::LoadSource::kLost ||
      (source == dm::LoadSource::kNothingStored && seeded == "1")) {
    // Fail closed: without this the agent would run with no ACS URL and no connection-request
    // credentials. The ACS hears of the loss through 0 BOOTSTRAP and provisions again.
    Log(LogLevel::kError, kComponent, "the data model state was lost (", storage->dir(),
        "): seeding Device.ManagementServer from the configuration again");
    WarnIfFailed(state.Set(kBootstrappedUrl, ""), "agent state");
  }
  // A seeding cut short is done again at the next start.
  WarnIfFailed(state.Set(kSeeded, "0"), "agent state");
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {Ms("URL"), config.acs_url},
      {Ms("Username"), config.acs_username},
      {Ms("Password"), config.acs_password},
      {Ms("PeriodicInformEnable"), config.periodic_enable ? "true" : "false"},
      {Ms("PeriodicInformInterval"), std::to_string(config.periodic_interval)},
      {Ms("ConnectionRequestUsername"), config.cr_username},
      {Ms("ConnectionRequestPassword"), config.cr_password},
      {Ms("AutonomousTransferCompletePolicy.Enable"),
       config.autonomous_transfer_complete ? "true" : "false"},
      {Ms("DUStateChangeComplPolicy.Enable"),
       config.autonomous_du_state_change_complete ? "true" : "false"},
  };
  for (const auto& [path, value] : seeds) {
    Status s = model->SetValue(path, value, dm::Origin::kInternal);
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, "cannot seed ", path, ": ", s.ToString());
  }
  Status s = tr181::ApplyFactoryNotifications(model.get());
  if (!s.ok()) Log(LogLevel::kWarning, kComponent, "factory notifications: ", s.ToString());
  SeedXmpp();
  WarnIfFailed(state.Set(kSeeded, "1"), "agent state");
}

CredentialsSource Agent::Rep::ConnectionRequestCredentials() {
  dm::DataModel* m = model.get();
  return [m]() -> std::optional<std::pair<std::string, std::string>> {
    tr181::ManagementServerSettings ms;
    // Unreadable is not "none configured" (which may mean anonymous): refuse everyone.
    Status s = tr181::ReadManagementServer(*m, &ms);
    if (!s.ok()) {
      Log(LogLevel::kError, kComponent, "connection-request credentials: ", s.ToString());
      return std::nullopt;
    }
    return std::make_pair(ms.connection_request_username, ms.connection_request_password);
  };
}

// Only a flag: however many requests arrive during a session (or between two), on any channel,
// they set it once and start one more session, which begins after the last of them was accepted.
std::function<void()> Agent::Rep::ConnectionRequestSignal() {
  return [this]() { Raise(&connection_request); };
}

Status Agent::Rep::StartConnectionRequests() {
  if (!config.cr_enable) return Status::Ok();
  ConnectionRequestConfig cr;
  cr.address = config.cr_address;
  cr.port = config.cr_port;
  cr.path = config.cr_path;
  cr.host = config.cr_host;
  cr.allow_basic = config.cr_allow_basic;
  ConnectionRequestBudgetOptions budget;
  budget.burst = config.cr_burst;
  budget.refill_per_second = config.cr_rate;
  connection_request_budget = std::make_shared<ConnectionRequestBudget>(budget);
  cr.budget = connection_request_budget;
  connection_requests = std::make_unique<ConnectionRequestServer>(
      cr, ConnectionRequestCredentials(), ConnectionRequestSignal());
  Status s = connection_requests->Start();
  if (!s.ok()) {
    // Most often the port is taken by another CWMP program on the host (GenieACS listens on
    // 7547, TR-069's own port): say what to change.
    return Status::Internal(s.message() +
                            "; set cr.port ([cr] port in the config file, or --cr.port) to a free "
                            "port (the ACS learns it from ConnectionRequestURL)");
  }
  s = model->SetValue(Ms("ConnectionRequestURL"), connection_requests->url(),
                      dm::Origin::kInternal);
  if (!s.ok()) return s;
  Log(LogLevel::kInfo, kComponent, "connection requests on ", connection_requests->url());
  return Status::Ok();
}

// The background jobs: transfers and DU changes (their queues survive restarts), and the device's
// own requests (cwmpctl); |wake_agent| is how they ask for the main loop.
Status Agent::Rep::StartJobs(const std::function<void()>& wake_agent) {
  transfers = std::make_unique<TransferManager>(TransfersConfig(), wake_agent);
  // Queued transfers and owed TransferCompletes survive restarts.
  Status s = Restore([&](std::string* warning) { return transfers->Start(warning); });
  if (!s.ok()) return s;
  du_changes = std::make_shared<DuChangeManager>(config.state_dir, wake_agent);
  // Owed DUStateChangeCompletes survive restarts.
  s = Restore([&](std::string* warning) { return du_changes->Start(warning); });
  if (!s.ok()) return s;
  du_changes->SetBackend(du_backend);
  {
    std::lock_guard<std::mutex> lock(du_file_slot->mu);
    du_file_slot->du_changes = du_changes;
  }
  // The device's own transfer and DU requests (cwmpctl); without inotify the poll finds them.
  local_request_watcher = std::make_unique<LocalRequestWatcher>(config.state_dir, wake_agent);
  if (s = local_request_watcher->Start(); !s.ok()) {
    Log(LogLevel::kWarning, kComponent, "local requests are polled: ", s.ToString());
  }
  return Status::Ok();
}

Status Agent::Start(const std::vector<std::string>& extra_definitions,
                    const ModelExtension& extension) {
  Rep& r = *rep_;
  LogLevel level;
  if (ParseLogLevel(r.config.log_level, &level)) SetLogLevel(level);
  // The state holds secrets (ACS and connection-request passwords, file-server credentials):
  // the agent's alone, also when an older version or an operator created the directory.
  bool tightened = false;
  Status s = MakePrivateDir(r.config.state_dir, &tightened);
  if (!s.ok()) return Status::Internal("cannot create state directory: " + s.message());
  if (tightened) {
    Log(LogLevel::kWarning, kComponent, "permissions of ", r.config.state_dir,
        " let other users in; narrowed to 0700");
  }
  s = Restore([&](std::string* warning) { return r.state.Open(r.config.state_dir, warning); });
  if (!s.ok()) return s;
  dm::LoadSource source = dm::LoadSource::kNothingStored;
  s = r.LoadModel(extra_definitions, extension, &source);
  if (!s.ok()) return s;
  r.SeedManagementServer(source);

  s = Restore([&](std::string* warning) { return r.events.Open(r.config.state_dir, warning); });
  if (!s.ok()) return s;
  // TR-069 3.7.1.5: undelivered events that do not survive a reboot are dropped, then 1 BOOT.
  WarnIfFailed(r.events.OnReboot(), "event queue");
  WarnIfFailed(r.events.Add(kEventBoot), "event 1 BOOT");
  // A new ACS URL (or the very first start) is a bootstrap.
  const std::string url = ManagementServer(*r.model).url;
  if (r.state.Get(kBootstrappedUrl) != url) {
    WarnIfFailed(r.events.Add(kEventBootstrap), "event 0 BOOTSTRAP");
  }

  s = r.StartJobs([this] { WakeUp(); });
  if (!s.ok()) return s;

  // TR-069 3.7.1.5: a new ACS URL means 0 BOOTSTRAP for the session with the new ACS.
  r.model->Observe(Ms("URL"),
                   [&r](const std::string&, const std::string&) { r.acs_url_changed = true; });
  // Pending ScheduleInforms survive restarts.
  s = Restore([&](std::string* warning) { return r.scheduler.Open(r.config.state_dir, warning); });
  if (!s.ok()) return s;

  r.actions = std::make_unique<AgentActions>(
      AgentActions::Parts{&r.scheduler, &r.events, r.transfers.get(), r.du_changes.get(),
                          &r.du_backend, &r.after_session});
  rpc::Options options;
  r.dispatcher = std::make_unique<rpc::Dispatcher>(r.model.get(), r.actions.get(), options);
  s = r.actions->ServeOptionalMethods(r.dispatcher.get());
  if (!s.ok()) return s;
  s = r.StartConnectionRequests();
  if (!s.ok()) return s;
  r.StartXmppConnectionRequests();
  // Without its UDP port (taken, say) the agent still answers HTTP connection requests.
  s = r.StartUdpConnectionRequests();
  if (!s.ok()) {
    Log(LogLevel::kError, kComponent, "no UDP connection requests: ", s.ToString(),
        "; set cr.udp_port ([cr] udp_port in the config file) to a free port");
  }
  // TR-069 3.2.1: what changed while the agent was not running (a new SoftwareVersion after a
  // firmware upgrade, a service that stopped) is compared with what the ACS last heard of and
  // goes with 4 VALUE CHANGE in the boot Inform; parameters seen for the first time are not.
  for (const auto& change : r.model->CollectValueChanges()) {
    r.changed_parameters[change.name] = change.type;
    Log(LogLevel::kInfo, kComponent, "value change while stopped: ", change.name);
  }
  r.scheduler.Configure(r.ReadSchedulerConfig(), NowSeconds());
  r.scheduler.RequestSession(NowSeconds());
  return Status::Ok();
}

SchedulerConfig Agent::Rep::ReadSchedulerConfig() {
  const tr181::ManagementServerSettings ms = ManagementServer(*model);
  SchedulerConfig c;
  c.periodic_enable = ms.periodic_inform_enable;
  c.periodic_interval = ms.periodic_inform_interval;
  SysSeconds t;
  if (ParseDateTime(ms.periodic_inform_time, &t).ok()) c.periodic_time = t;
  c.heartbeat_enable = ms.heartbeat_enable;
  c.heartbeat_interval = ms.heartbeat_reporting_interval;
  if (ParseDateTime(ms.heartbeat_initiation_time, &t).ok()) c.heartbeat_initiation_time = t;
  c.active_notification_throttle = ms.default_active_notification_throttle;
  c.retry_min_wait = ms.retry_minimum_wait_interval;
  c.retry_multiplier = ms.retry_interval_multiplier;
  return c;
}

void Agent::Rep::ApplyReload() {
  AgentConfig fresh;
  {
    std::lock_guard<std::mutex> lock(mu);
    fresh = reloaded_config;
  }
  LogLevel level;
  if (ParseLogLevel(fresh.log_level, &level)) SetLogLevel(level);
  config.acs_tls = fresh.acs_tls;
  config.http_timeout_seconds = fresh.http_timeout_seconds;
  config.max_version = fresh.max_version;
  config.reboot_command = fresh.reboot_command;
  config.factory_reset_command = fresh.factory_reset_command;
  config.value_change_poll_seconds = fresh.value_change_poll_seconds;
  config.log_level = fresh.log_level;
  config.transfers = fresh.transfers;
  transfers->Reload(TransfersConfig());
  Log(LogLevel::kInfo, kComponent, "configuration reloaded from ", fresh.config_file);
}

// Sleeps until the scheduler's next due time, the next value-change poll, or a signal.
void Agent::Rep::WaitForWork(SysSeconds now) {
  SysSeconds until = next_value_poll;
  if (heartbeat && next_heartbeat < until) until = next_heartbeat;
  if (auto next = scheduler.NextWake(now); next && *next < until) until = *next;
  if (until <= now) return;
  std::unique_lock<std::mutex> lock(mu);
  cv.wait_until(lock, std::chrono::system_clock::time_point(until), [this] {
    return stop.load() || reload.load() || connection_request.load() || wake.load() ||
           diagnostics_complete.load() || xmpp_changed.load();
  });
}

void Agent::Rep::PollValueChanges(SysSeconds now) {
  wake = false;
  next_value_poll =
      now + std::chrono::seconds(std::max<uint32_t>(1, config.value_change_poll_seconds));
  bool active = false;
  for (const auto& change : model->CollectValueChanges()) {
    changed_parameters[change.name] = change.type;
    active = active || change.notification == 2;
    Log(change.notification == 2 ? LogLevel::kInfo : LogLevel::kDebug, kComponent,
        "value change: ", change.name, change.notification == 2 ? " (active)" : " (passive)");
  }
  // TR-069 3.2.1 / A.3.3.1: active notification starts a session (throttled by the scheduler);
  // passive changes ride the next Inform.
  if (active) scheduler.ActiveValueChange(now);
}

AgentExit Agent::Rep::AfterSession() {
  if (after_session.factory_reset) {
    // TR-069 A.4.1.6: back to factory state; the next start bootstraps (0 BOOTSTRAP).
    Log(LogLevel::kWarning, kComponent, "factory reset");
    // Each part is wiped even when another failed; what was not is logged as an error, since
    // the owner's state then outlives the reset.
    const std::pair<const char*, Status> wiped[] = {
        {"data model", model->FactoryReset()},
        {"event queue", events.Wipe()},
        {"transfers", transfers->Wipe()},
        {"deployment unit changes", du_changes->Wipe()},
        {"scheduled informs", scheduler.ClearScheduledInforms()},
        {"agent state", state.Wipe()},
    };
    for (const auto& [what, s] : wiped) {
      if (!s.ok()) {
        Log(LogLevel::kError, kComponent, "factory reset of the ", what, ": ", s.ToString());
      }
    }
    if (!config.factory_reset_command.empty() &&
        std::system(config.factory_reset_command.c_str()) != 0) {
      Log(LogLevel::kError, kComponent, "factory reset command failed");
    }
    return AgentExit::kRestart;
  }
  if (after_session.reboot) {
    Log(LogLevel::kWarning, kComponent, "reboot");
    if (!config.reboot_command.empty()) {
      if (std::system(config.reboot_command.c_str()) != 0) {
        Log(LogLevel::kError, kComponent, "reboot command failed; restarting the agent instead");
      }
    }
    return AgentExit::kRestart;
  }
  return AgentExit::kStop;  // meaning: nothing to do
}

void Agent::Rep::Beat(SysSeconds now) {
  if (!heartbeat || now < next_heartbeat) return;
  heartbeat();
  next_heartbeat = now + heartbeat_every;
}

void Agent::SetHeartbeat(std::chrono::seconds every, std::function<void()> beat) {
  rep_->heartbeat_every = std::max(every, std::chrono::seconds(1));
  rep_->heartbeat = std::move(beat);
}

AgentExit Agent::Run() {
  Rep& r = *rep_;
  while (!r.stop) {
    SysSeconds now = NowSeconds();
    r.Beat(now);
    if (r.reload.exchange(false)) r.ApplyReload();
    if (r.connection_request.exchange(false)) r.scheduler.ConnectionRequest(now);
    if (r.xmpp_changed.exchange(false) && r.xmpp) r.xmpp->Refresh();
    if (r.wake || now >= r.next_value_poll) {
      r.TakeLocalRequests();  // before the poll, which reports an operator's set at once
      r.ApplyUdpBinding();    // before the poll, which turns it into a value change
      r.PollValueChanges(now);
    }
    if (r.SyncTransfers(now) && r.AfterSession() == AgentExit::kRestart) return AgentExit::kRestart;
    if (r.acs_url_changed) {
      r.acs_url_changed = false;
      WarnIfFailed(r.events.Add(kEventBootstrap), "event 0 BOOTSTRAP");
      // What the old ACS scheduled is void.
      WarnIfFailed(r.scheduler.ClearScheduledInforms(), "scheduled informs");
      r.scheduler.RequestSession(now);
    }
    if (r.diagnostics_complete.exchange(false)) {
      // TR-069 A.3.3.1: the results are ready; a new session lets the ACS read them.
      WarnIfFailed(r.events.Add(kEventDiagnosticsComplete), "event 8 DIAGNOSTICS COMPLETE");
      r.scheduler.RequestSession(now);
    }
    r.scheduler.Configure(r.ReadSchedulerConfig(), now);

    DueEvents due = r.scheduler.Due(now);
    for (const auto& e : due.events) WarnIfFailed(r.events.Add(e), "due event");
    if (due.start_session) {
      const bool completed = r.HoldSession();
      // TR-181 DiagnosticsState: a test the session requested starts once the session is over.
      r.diagnostics->StartRequested();
      r.udp_echo_config.Apply();  // UDPEchoConfig as that session left it
      if (r.AfterSession() == AgentExit::kRestart) return AgentExit::kRestart;
      if (r.config.once) return completed ? AgentExit::kStop : AgentExit::kSessionFailed;
      continue;  // events that arrived during the session start the next one straight away
    }
    r.WaitForWork(now);
  }
  return AgentExit::kStop;
}

}  // namespace edgecwmp::cwmp
