// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "cwmp/agent_state.h"
#include "cwmp/codec.h"
#include "cwmp/connection_request.h"
#include "cwmp/du_changes.h"
#include "cwmp/event_queue.h"
#include "cwmp/http_client.h"
#include "cwmp/inform_scheduler.h"
#include "cwmp/log.h"
#include "cwmp/session.h"
#include "cwmp/time_util.h"
#include "cwmp/transfers.h"
#include "datamodel/persistence.h"
#include "rpc/dispatcher.h"
#include "tr181/definitions.h"
#include "tr181/device2.h"
#include "tr181/management_server.h"

namespace edgecwmp::cwmp {

namespace {

constexpr const char* kComponent = "agent";
constexpr const char* kMs = "Device.ManagementServer.";

std::string Ms(const char* name) { return std::string(kMs) + name; }

// Agent-state keys.
constexpr const char* kBootstrappedUrl = "bootstrapped_url";
constexpr const char* kSeeded = "seeded";
std::string VersionKey(const std::string& url) { return "cwmp_version " + url; }

}  // namespace

struct Agent::Rep : public rpc::CpeActions {
  explicit Rep(AgentConfig c) : config(std::move(c)) {}

  // ---- rpc::CpeActions: what handlers ask beyond the data model (main thread only) ----
  Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key) override {
    scheduler.ScheduleInform(delay_seconds, command_key, NowSeconds());
    return Status::Ok();
  }
  Status RebootAfterSession(const std::string& command_key) override {
    // TR-069 A.3.2.9: M Reboot is persisted now so it survives the reboot and rides the next
    // Inform together with 1 BOOT.
    Status s = events.Add(kEventMReboot, command_key);
    if (!s.ok()) return s;
    reboot_after_session = true;
    return Status::Ok();
  }
  Status FactoryResetAfterSession() override {
    factory_reset_after_session = true;
    return Status::Ok();
  }
  // File transfers (cwmp/transfers.h; TR-069 A.3.2.8, A.4.1.5, A.4.1.7-A.4.1.10).
  bool Supports(std::string_view method) const override {
    return method == "Download" || method == "Upload" || method == "ScheduleDownload" ||
           method == "CancelTransfer" || method == "GetQueuedTransfers" ||
           method == "GetAllQueuedTransfers" || (method == "ChangeDUState" && du_backend);
  }
  // TR-069 A.4.1.10 (cwmp/du_changes.h).
  CpeResponse ChangeDUState(const cwmp::ChangeDUState& r) override {
    return du_changes->ChangeDUState(r);
  }
  CpeResponse Download(const cwmp::Download& r) override {
    return transfers->Download(r, NowSeconds().time_since_epoch().count());
  }
  CpeResponse Upload(const cwmp::Upload& r) override {
    return transfers->Upload(r, NowSeconds().time_since_epoch().count());
  }
  CpeResponse ScheduleDownload(const cwmp::ScheduleDownload& r) override {
    return transfers->ScheduleDownload(r, NowSeconds().time_since_epoch().count());
  }
  CpeResponse CancelTransfer(const cwmp::CancelTransfer& r) override {
    return transfers->CancelTransfer(r);
  }
  CpeResponse GetQueuedTransfers(const cwmp::GetQueuedTransfers&) override {
    return transfers->GetQueuedTransfers();
  }
  CpeResponse GetAllQueuedTransfers(const cwmp::GetAllQueuedTransfers&) override {
    return transfers->GetAllQueuedTransfers();
  }
  bool SyncTransfers(SysSeconds now);
  TransferConfig TransfersConfig() const {
    TransferConfig t = config.transfers;
    t.state_dir = config.state_dir;
    t.tls = config.acs_tls;  // the ACS's trust store; file_handlers forces verification on
    return t;
  }

  // ---- Start-up ----
  Status LoadModel(const std::vector<std::string>& extra_definitions,
                   const ModelExtension& extension);
  void SeedManagementServer();
  Status StartConnectionRequests();
  SchedulerConfig ReadSchedulerConfig();

  // ---- The loop's steps ----
  void ApplyReload();
  void WaitForWork(SysSeconds now);
  void PollValueChanges(SysSeconds now);
  void HoldSession();
  Inform BuildInform();
  HttpClientConfig AcsHttpConfig();
  Version VersionFor(const std::string& url);
  AgentExit AfterSession();

  std::string Value(const std::string& path) {
    std::string v;
    model->GetValue(path, &v);
    return v;
  }
  uint32_t UnsignedValue(const std::string& path, uint32_t fallback) {
    std::string v = Value(path);
    char* end = nullptr;
    unsigned long n = std::strtoul(v.c_str(), &end, 10);
    return (v.empty() || *end != '\0') ? fallback : static_cast<uint32_t>(n);
  }

  AgentConfig config;
  dm::Schema schema;
  std::unique_ptr<dm::Storage> storage;
  std::unique_ptr<dm::DataModel> model;
  std::unique_ptr<rpc::Dispatcher> dispatcher;
  std::unique_ptr<ConnectionRequestServer> connection_requests;
  EventQueue events;
  std::unique_ptr<TransferManager> transfers;
  std::unique_ptr<DuChangeManager> du_changes;
  rpc::DeploymentUnitBackend* du_backend = nullptr;
  AgentState state;
  InformScheduler scheduler{static_cast<uint32_t>(std::random_device{}())};
  Codec codec;

  // Changed parameters with notification, reported in the next Inform (name → type).
  std::map<std::string, dm::Type> changed_parameters;
  SysSeconds next_value_poll{};

  bool reboot_after_session = false;
  bool factory_reset_after_session = false;

  // Signals from other threads.
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<bool> stop{false};
  std::atomic<bool> reload{false};
  AgentConfig reloaded_config;  // guarded by mu
  std::atomic<bool> connection_request{false};
  std::atomic<bool> wake{false};
  bool acs_url_changed = false;  // set by the URL observer (main thread, inside a session)
};

Agent::Agent(AgentConfig config) : rep_(std::make_unique<Rep>(std::move(config))) {}

Agent::~Agent() {
  if (rep_->connection_requests) rep_->connection_requests->Stop();
}

dm::DataModel* Agent::model() { return rep_->model.get(); }

std::string Agent::connection_request_url() const {
  return rep_->connection_requests ? rep_->connection_requests->url() : std::string();
}

void Agent::Stop() {
  rep_->stop = true;
  rep_->cv.notify_all();
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
}

void Agent::WakeUp() {
  rep_->wake = true;
  rep_->cv.notify_all();
}

Status Agent::Rep::LoadModel(const std::vector<std::string>& extra_definitions,
                             const ModelExtension& extension) {
  std::vector<std::string> files;
  Status s = tr181::LoadDefinitions(&schema, config.definitions_dir, &files);
  if (!s.ok()) return s;
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
  if (extension) {
    s = extension(model.get());
    if (!s.ok()) return s;
  }
  s = model->Load();
  if (!s.ok()) return s;
  Log(LogLevel::kInfo, kComponent, "data model: ", schema.object_count(), " objects, ",
      schema.param_count(), " parameter definitions, ", model->parameter_count(),
      " parameters live");
  return Status::Ok();
}

// The config's ManagementServer values are factory defaults (config.h): written once, on the first
// start and after a factory reset; afterwards the ACS owns them.
void Agent::Rep::SeedManagementServer() {
  if (state.Get(kSeeded) == "1") return;
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {Ms("URL"), config.acs_url},
      {Ms("Username"), config.acs_username},
      {Ms("Password"), config.acs_password},
      {Ms("PeriodicInformEnable"), config.periodic_enable ? "true" : "false"},
      {Ms("PeriodicInformInterval"), std::to_string(config.periodic_interval)},
      {Ms("ConnectionRequestUsername"), config.cr_username},
      {Ms("ConnectionRequestPassword"), config.cr_password},
  };
  for (const auto& [path, value] : seeds) {
    Status s = model->SetValue(path, value, dm::Origin::kInternal);
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, "cannot seed ", path, ": ", s.ToString());
  }
  Status s = tr181::ApplyFactoryNotifications(model.get());
  if (!s.ok()) Log(LogLevel::kWarning, kComponent, "factory notifications: ", s.ToString());
  state.Set(kSeeded, "1");
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
  auto credentials = [m]() {
    std::string user, password;
    m->GetValue(Ms("ConnectionRequestUsername"), &user);
    m->GetValue(Ms("ConnectionRequestPassword"), &password);
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
  if (mkdir(r.config.state_dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Internal("cannot create state directory " + r.config.state_dir);
  }
  std::string warning;
  Status s = r.state.Open(r.config.state_dir, &warning);
  if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
  if (!s.ok()) return s;
  s = r.LoadModel(extra_definitions, extension);
  if (!s.ok()) return s;
  r.SeedManagementServer();

  warning.clear();
  s = r.events.Open(r.config.state_dir, &warning);
  if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
  if (!s.ok()) return s;
  // TR-069 3.7.1.5: undelivered events that do not survive a reboot are dropped, then 1 BOOT.
  r.events.OnReboot();
  r.events.Add(kEventBoot);
  // A new ACS URL (or the very first start) is a bootstrap.
  const std::string url = r.Value(Ms("URL"));
  if (r.state.Get(kBootstrappedUrl) != url) r.events.Add(kEventBootstrap);

  r.transfers = std::make_unique<TransferManager>(r.TransfersConfig(), [this] { WakeUp(); });
  warning.clear();
  s = r.transfers->Start(&warning);  // queued transfers and owed TransferCompletes survive
  if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
  if (!s.ok()) return s;
  r.du_changes = std::make_unique<DuChangeManager>(r.config.state_dir, [this] { WakeUp(); });
  warning.clear();
  s = r.du_changes->Start(&warning);  // owed DUStateChangeCompletes survive restarts
  if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
  if (!s.ok()) return s;
  r.du_changes->SetBackend(r.du_backend);

  // TR-069 3.7.1.5: a new ACS URL means 0 BOOTSTRAP for the session with the new ACS.
  r.model->Observe(Ms("URL"), [&r](const std::string&, const std::string&) {
    r.acs_url_changed = true;
  });
  warning.clear();
  s = r.scheduler.Open(r.config.state_dir, &warning);  // pending ScheduleInforms survive restarts
  if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
  if (!s.ok()) return s;

  rpc::Options options;
  r.dispatcher = std::make_unique<rpc::Dispatcher>(r.model.get(), &r, options);
  s = r.StartConnectionRequests();
  if (!s.ok()) return s;
  // Baseline for value-change detection: what is true at start is not a change.
  r.model->CollectValueChanges();
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
  if (!changed_parameters.empty()) events.Add(kEventValueChange);
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
    inform.parameter_list.push_back({p.name, p.value, std::string("xsd:") + dm::TypeName(p.type)});
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

void Agent::Rep::HoldSession() {
  SessionPlan plan;
  const std::string url = Value(Ms("URL"));
  plan.version = VersionFor(url);
  plan.inform = BuildInform();
  if (plan.inform.event.empty()) {
    Log(LogLevel::kDebug, kComponent, "no events pending: no session");
    return;
  }
  bool bootstrap = false;
  std::string names;
  for (const auto& e : plan.inform.event) {
    bootstrap = bootstrap || e.event_code == kEventBootstrap;
    names += (names.empty() ? "" : ", ") + e.event_code;
  }
  SessionHooks hooks;
  hooks.inform_accepted = [&]() {
    events.OnInformAccepted();
    if (InformCarries(plan.inform, kEventValueChange)) changed_parameters.clear();
    if (bootstrap) state.Set(kBootstrappedUrl, url);
  };
  hooks.handle = [&](const AcsRequest& request) { return dispatcher->Handle(request); };
  // TR-069 A.3.3.2: the TransferCompletes the Inform's 7 TRANSFER COMPLETE announces; each is
  // done (queue entry and its M event removed) only when the ACS answered it.
  std::vector<TransferCompletion> completions;
  for (const auto& c : transfers->Completions()) {
    // Only those whose M event this Inform announces (one that finished meanwhile waits).
    bool announced = false;
    for (const auto& e : plan.inform.event) {
      announced = announced || (e.event_code == c.method_event &&
                                e.command_key == c.message.command_key);
    }
    if (announced && InformCarries(plan.inform, kEventTransferComplete)) {
      completions.push_back(c);
      plan.requests.push_back(c.message);
    }
  }
  // DUStateChangeCompletes (A.4.2.x) follow the TransferCompletes in plan.requests.
  const std::vector<DuCompletion> du_completions = AnnouncedDuCompletions(*du_changes, plan.inform);
  for (const auto& c : du_completions) plan.requests.push_back(c.message);
  hooks.request_answered = [&](size_t index, const AcsResponse& answer) {
    if (index >= completions.size() && index - completions.size() < du_completions.size()) {
      const DuCompletion& c = du_completions[index - completions.size()];
      du_changes->OnAnswered(c.id, !std::holds_alternative<Fault>(answer));
      events.OnRequestDelivered(CpeRequestKind::kDuStateChangeComplete, c.message.command_key,
                                !du_changes->Completions().empty());
    }
    if (index >= completions.size()) return;
    transfers->OnAnswered(completions[index].id, !std::holds_alternative<Fault>(answer));
    events.OnRequestDelivered(CpeRequestKind::kTransferComplete,
                              completions[index].message.command_key,
                              !transfers->Completions().empty());
  };

  for (;;) {
    Log(LogLevel::kInfo, kComponent, "session to ", url, " (cwmp-", VersionName(plan.version),
        ") events: ", names);
    HttpSession http(AcsHttpConfig());
    SessionResult result = RunSession(plan, &http, &codec, hooks);
    if (result.outcome == SessionOutcome::kVersionRejected && plan.version > Version::k1_0) {
      // Fall back one version at once and remember it for this URL (issue 3 item 3).
      plan.version = static_cast<Version>(static_cast<int>(plan.version) - 1);
      state.Set(VersionKey(url), VersionName(plan.version));
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
      events.OnSessionFailed();
      SysSeconds retry = scheduler.OnSessionFailed(now, result.retry_after_seconds.value_or(0));
      Log(LogLevel::kWarning, kComponent, "session failed (", SessionOutcomeName(result.outcome),
          "): ", result.detail, "; retry #", scheduler.retry_count(), " in ",
          (retry - now).count(), " s");
    }
    return;
  }
}

// Raises 7 TRANSFER COMPLETE + M <method> for finished transfers (TR-069 A.3.3.1) and asks for a
// session; true when an applied firmware image needs the reboot now (the TransferComplete then
// goes after it, with 1 BOOT: A.3.2.8).
bool Agent::Rep::SyncTransfers(SysSeconds now) {
  bool raised = false;
  for (const auto& c : transfers->Completions()) {
    if (events.Contains(c.method_event, c.message.command_key)) continue;
    events.Add(c.method_event, c.message.command_key);
    raised = true;
  }
  if (raised) {
    events.Add(kEventTransferComplete);
    scheduler.RequestSession(now);
  }
  if (RaiseDuChangeEvents(*du_changes, &events)) scheduler.RequestSession(now);
  if (!transfers->TakeRebootRequest()) return false;
  reboot_after_session = true;
  return true;
}

AgentExit Agent::Rep::AfterSession() {
  if (factory_reset_after_session) {
    // TR-069 A.4.1.6: back to factory state; the next start bootstraps (0 BOOTSTRAP).
    Log(LogLevel::kWarning, kComponent, "factory reset");
    model->FactoryReset();
    events.Wipe();
    transfers->Wipe();
    du_changes->Wipe();
    scheduler.ClearScheduledInforms();
    state.Wipe();
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
    if (r.wake || now >= r.next_value_poll) r.PollValueChanges(now);
    if (r.SyncTransfers(now) && r.AfterSession() == AgentExit::kRestart) return AgentExit::kRestart;
    if (r.acs_url_changed) {
      r.acs_url_changed = false;
      r.events.Add(kEventBootstrap);
      r.scheduler.ClearScheduledInforms();  // what the old ACS scheduled is void
      r.scheduler.RequestSession(now);
    }
    r.scheduler.Configure(r.ReadSchedulerConfig(), now);

    DueEvents due = r.scheduler.Due(now);
    for (const auto& e : due.events) r.events.Add(e);
    if (due.start_session) {
      r.HoldSession();
      if (r.AfterSession() == AgentExit::kRestart) return AgentExit::kRestart;
      if (r.config.once) break;
      continue;  // events that arrived during the session start the next one straight away
    }
    r.WaitForWork(now);
  }
  return AgentExit::kStop;
}

}  // namespace edgecwmp::cwmp
