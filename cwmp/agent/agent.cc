// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/agent.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <utility>

#include "cwmp/agent/agent_internal.h"
#include "base/log.h"
#include "tr181/definitions.h"
#include "tr181/device2.h"
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

Agent::Agent(AgentConfig config) : rep_(std::make_unique<Rep>(std::move(config))) {}

Agent::~Agent() {
  if (rep_->connection_requests) rep_->connection_requests->Stop();
  std::lock_guard<std::mutex> lock(rep_->model_slot->mu);  // waits for an export in flight
  rep_->model_slot->model = nullptr;
}

Status Agent::Rep::WriteConfiguration(const std::shared_ptr<ModelSlot>& slot,
                                      const std::string& path) {
  std::lock_guard<std::mutex> lock(slot->mu);
  if (!slot->model) return Status::Internal("the agent is stopping");
  std::string xml;
  Status s = slot->model->ExportConfiguration(&xml);
  return s.ok() ? dm::WriteFileAtomic(path, xml) : s;
}

dm::DataModel* Agent::model() { return rep_->model.get(); }

std::string Agent::connection_request_url() const {
  return rep_->connection_requests ? rep_->connection_requests->url() : std::string();
}

void Agent::Stop() {
  rep_->stop = true;
  rep_->cv.notify_all();
}

Status Agent::Rep::ServeOptionalMethods() {
  rpc::Dispatcher& d = *dispatcher;
  TransferManager* t = transfers.get();
  auto now = [] { return NowSeconds().time_since_epoch().count(); };
  const Status served[] = {
      d.Serve<Download>([t, now](const Download& r) { return t->Download(r, now()); }),
      d.Serve<Upload>([t, now](const Upload& r) { return t->Upload(r, now()); }),
      d.Serve<ScheduleDownload>(
          [t, now](const ScheduleDownload& r) { return t->ScheduleDownload(r, now()); }),
      d.Serve<CancelTransfer>([t](const CancelTransfer& r) { return t->CancelTransfer(r); }),
      d.Serve<GetQueuedTransfers>(
          [t](const GetQueuedTransfers&) { return t->GetQueuedTransfers(); }),
      d.Serve<GetAllQueuedTransfers>(
          [t](const GetAllQueuedTransfers&) { return t->GetAllQueuedTransfers(); }),
  };
  for (const Status& s : served) {
    if (!s.ok()) return s;
  }
  // SetDeploymentUnits before Start decides: without a backend ChangeDUState is not offered.
  if (!du_backend) return Status::Ok();
  DuChangeManager* du = du_changes.get();
  return d.Serve<ChangeDUState>([du](const ChangeDUState& r) { return du->ChangeDUState(r); });
}

void Agent::Reload(AgentConfig config) {
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    rep_->reloaded_config = std::move(config);
  }
  rep_->reload = true;
  rep_->cv.notify_all();
}

void Agent::SetDeploymentUnits(rpc::DeploymentUnitBackend* backend) {
  rep_->du_backend = backend;
  if (rep_->du_changes) rep_->du_changes->SetBackend(backend);
  std::lock_guard<std::mutex> lock(rep_->du_file_slot->mu);  // waits for a file install
  rep_->du_file_slot->backend = backend;
}

void Agent::WakeUp() {
  rep_->wake = true;
  rep_->cv.notify_all();
}

Status Agent::Rep::LoadModel(const std::vector<std::string>& extra_definitions,
                             const ModelExtension& extension, dm::LoadSource* source) {
  std::vector<std::string> files;
  Status s = tr181::LoadDefinitions(&schema, config.definitions_dir, &files);
  if (!s.ok()) return s;
  for (const auto& file : extra_definitions) {
    s = schema.LoadFile(file);
    if (!s.ok()) return s;
  }
  storage = std::make_unique<dm::Storage>(config.state_dir + "/datamodel");
  model = std::make_unique<dm::DataModel>(&schema, storage.get());
  model->SetWarningSink([](const std::string& warning) {
    Log(LogLevel::kWarning, "datamodel", warning);
  });
  tr181::DeviceIdentity identity;
  s = tr181::ResolveIdentity(config.identity, &identity);
  if (!s.ok()) return s;
  identity.state_dir = config.state_dir;
  s = tr181::RegisterDevice2(model.get(), identity);
  if (!s.ok()) return s;
  if (extension) {
    s = extension(model.get());
    if (!s.ok()) return s;
  }
  s = model->Load(source);
  if (!s.ok()) return s;
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
  WarnIfFailed(state.Set(kSeeded, "1"), "agent state");
}

Status Agent::Rep::StartConnectionRequests() {
  if (!config.cr_enable) return Status::Ok();
  ConnectionRequestConfig cr;
  cr.address = config.cr_address;
  cr.port = config.cr_port;
  cr.path = config.cr_path;
  cr.host = config.cr_host;
  cr.allow_basic = config.cr_allow_basic;
  cr.min_interval_seconds = config.cr_min_interval_seconds;
  dm::DataModel* m = model.get();
  auto credentials = [m]() -> std::optional<std::pair<std::string, std::string>> {
    std::string user, password;
    // Unreadable is not "none configured" (which may mean anonymous): refuse everyone.
    if (!m->GetValue(Ms("ConnectionRequestUsername"), &user).ok() ||
        !m->GetValue(Ms("ConnectionRequestPassword"), &password).ok()) {
      return std::nullopt;
    }
    return std::make_pair(user, password);
  };
  // Only a flag: a request that arrives during a session queues at most one more (issue 3 item 5).
  auto on_request = [this]() {
    connection_request = true;
    cv.notify_all();
  };
  connection_requests = std::make_unique<ConnectionRequestServer>(cr, credentials, on_request);
  Status s = connection_requests->Start();
  if (!s.ok()) return s;
  s = model->SetValue(Ms("ConnectionRequestURL"), connection_requests->url(),
                      dm::Origin::kInternal);
  if (!s.ok()) return s;
  Log(LogLevel::kInfo, kComponent, "connection requests on ", connection_requests->url());
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
  Status s = dm::MakePrivateDir(r.config.state_dir, &tightened);
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
  const std::string url = r.Value(Ms("URL"));
  if (r.state.Get(kBootstrappedUrl) != url) {
    WarnIfFailed(r.events.Add(kEventBootstrap), "event 0 BOOTSTRAP");
  }

  r.transfers = std::make_unique<TransferManager>(r.TransfersConfig(), [this] { WakeUp(); });
  // Queued transfers and owed TransferCompletes survive restarts.
  s = Restore([&](std::string* warning) { return r.transfers->Start(warning); });
  if (!s.ok()) return s;
  r.du_changes = std::make_shared<DuChangeManager>(r.config.state_dir, [this] { WakeUp(); });
  // Owed DUStateChangeCompletes survive restarts.
  s = Restore([&](std::string* warning) { return r.du_changes->Start(warning); });
  if (!s.ok()) return s;
  r.du_changes->SetBackend(r.du_backend);
  {
    std::lock_guard<std::mutex> lock(r.du_file_slot->mu);
    r.du_file_slot->du_changes = r.du_changes;
  }
  // The device's own transfer and DU requests (cwmpctl); without inotify the poll finds them.
  r.local_request_watcher = std::make_unique<LocalRequestWatcher>(r.config.state_dir,
                                                                  [this] { WakeUp(); });
  if (s = r.local_request_watcher->Start(); !s.ok()) {
    Log(LogLevel::kWarning, kComponent, "local requests are polled: ", s.ToString());
  }

  // TR-069 3.7.1.5: a new ACS URL means 0 BOOTSTRAP for the session with the new ACS.
  r.model->Observe(Ms("URL"), [&r](const std::string&, const std::string&) {
    r.acs_url_changed = true;
  });
  // Pending ScheduleInforms survive restarts.
  s = Restore([&](std::string* warning) { return r.scheduler.Open(r.config.state_dir, warning); });
  if (!s.ok()) return s;

  rpc::Options options;
  r.dispatcher = std::make_unique<rpc::Dispatcher>(r.model.get(), &r, options);
  s = r.ServeOptionalMethods();
  if (!s.ok()) return s;
  s = r.StartConnectionRequests();
  if (!s.ok()) return s;
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
  SchedulerConfig c;
  c.periodic_enable = Value(Ms("PeriodicInformEnable")) == "true";
  c.periodic_interval = UnsignedValue(Ms("PeriodicInformInterval"), c.periodic_interval);
  SysSeconds t;
  if (ParseDateTime(Value(Ms("PeriodicInformTime")), &t).ok()) c.periodic_time = t;
  c.heartbeat_enable = Value(Ms("HeartbeatPolicy.Enable")) == "true";
  c.heartbeat_interval = UnsignedValue(Ms("HeartbeatPolicy.ReportingInterval"),
                                       c.heartbeat_interval);
  if (ParseDateTime(Value(Ms("HeartbeatPolicy.InitiationTime")), &t).ok()) {
    c.heartbeat_initiation_time = t;
  }
  c.active_notification_throttle = UnsignedValue(Ms("DefaultActiveNotificationThrottle"), 0);
  c.retry_min_wait = UnsignedValue(Ms("CWMPRetryMinimumWaitInterval"), c.retry_min_wait);
  c.retry_multiplier = UnsignedValue(Ms("CWMPRetryIntervalMultiplier"), c.retry_multiplier);
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
  if (auto next = scheduler.NextWake(now); next && *next < until) until = *next;
  if (until <= now) return;
  std::unique_lock<std::mutex> lock(mu);
  cv.wait_until(lock, std::chrono::system_clock::time_point(until), [this] {
    return stop.load() || reload.load() || connection_request.load() || wake.load();
  });
}

void Agent::Rep::PollValueChanges(SysSeconds now) {
  wake = false;
  next_value_poll = now + std::chrono::seconds(std::max<uint32_t>(1, config.value_change_poll_seconds));
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
  if (factory_reset_after_session) {
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
  if (reboot_after_session) {
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

AgentExit Agent::Run() {
  Rep& r = *rep_;
  while (!r.stop) {
    SysSeconds now = NowSeconds();
    if (r.reload.exchange(false)) r.ApplyReload();
    if (r.connection_request.exchange(false)) r.scheduler.ConnectionRequest(now);
    if (r.wake || now >= r.next_value_poll) {
      r.PollValueChanges(now);
      r.TakeLocalRequests();
    }
    if (r.SyncTransfers(now) && r.AfterSession() == AgentExit::kRestart) return AgentExit::kRestart;
    if (r.acs_url_changed) {
      r.acs_url_changed = false;
      WarnIfFailed(r.events.Add(kEventBootstrap), "event 0 BOOTSTRAP");
      // What the old ACS scheduled is void.
      WarnIfFailed(r.scheduler.ClearScheduledInforms(), "scheduled informs");
      r.scheduler.RequestSession(now);
    }
    r.scheduler.Configure(r.ReadSchedulerConfig(), now);

    DueEvents due = r.scheduler.Due(now);
    for (const auto& e : due.events) WarnIfFailed(r.events.Add(e), "due event");
    if (due.start_session) {
      const bool completed = r.HoldSession();
      if (r.AfterSession() == AgentExit::kRestart) return AgentExit::kRestart;
      if (r.config.once) return completed ? AgentExit::kStop : AgentExit::kSessionFailed;
      continue;  // events that arrived during the session start the next one straight away
    }
    r.WaitForWork(now);
  }
  return AgentExit::kStop;
}

}  // namespace edgecwmp::cwmp
