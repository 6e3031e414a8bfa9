// SPDX-License-Identifier: GPL-2.0-or-later
// The agent's private state, shared by agent.cc (start-up and the main loop) and
// agent_session.cc (assembling and holding one session). Not part of any public interface.
#ifndef EDGECWMP_CWMP_AGENT_AGENT_INTERNAL_H_
#define EDGECWMP_CWMP_AGENT_AGENT_INTERNAL_H_

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cwmp/agent/agent.h"
#include "cwmp/agent/agent_state.h"
#include "cwmp/protocol/codec.h"
#include "cwmp/transport/connection_request.h"
#include "cwmp/du/du_changes.h"
#include "cwmp/session/event_queue.h"
#include "base/http_client.h"
#include "base/log.h"
#include "cwmp/session/inform_scheduler.h"
#include "cwmp/agent/local_requests.h"
#include "base/time_util.h"
#include "cwmp/session/session.h"
#include "cwmp/transfers/transfers.h"
#include "datamodel/persistence.h"
#include "rpc/dispatcher.h"
#include "rpc/faults.h"

namespace edgecwmp::cwmp {
namespace agent_internal {

inline constexpr const char* kComponent = "agent";
inline constexpr const char* kMs = "Device.ManagementServer.";

inline std::string Ms(const char* name) { return std::string(kMs) + name; }

// Logs |s| unless it is OK, for steps whose failure costs durability rather than this run: the
// change holds in memory (a raised event still rides this run's Inform) but may not survive a
// restart. |what| says which step.
inline void WarnIfFailed(const Status& s, const char* what) {
  if (!s.ok()) Log(LogLevel::kWarning, kComponent, what, ": ", s.ToString());
}

// Agent-state keys.
inline constexpr const char* kBootstrappedUrl = "bootstrapped_url";
inline constexpr const char* kSeeded = "seeded";
inline std::string VersionKey(const std::string& url) { return "cwmp_version " + url; }

}  // namespace agent_internal

// Whether |inform| carries event |code| (agent_session.cc).
bool InformCarries(const Inform& inform, const char* code);

struct Agent::Rep : public rpc::CpeActions {
  explicit Rep(AgentConfig c) : config(std::move(c)) {}

  // ---- rpc::CpeActions: what handlers ask beyond the data model (main thread only) ----
  Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key) override {
    return scheduler.ScheduleInform(delay_seconds, command_key, NowSeconds());
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
  // Hands the dispatcher the optional methods this agent serves: the file transfers
  // (cwmp/transfers/transfers.h; TR-069 A.3.2.8, A.4.1.5, A.4.1.7-A.4.1.10) and, with a DU
  // backend, ChangeDUState (A.4.1.10, cwmp/du/du_changes.h).
  Status ServeOptionalMethods();
  bool SyncTransfers(SysSeconds now);
  TransferConfig TransfersConfig() const {
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
      t.file_appliers[du_backend->DownloadFileType()] = [slot = du_file_slot](
          const std::string& path, const std::string& url, std::string* message) {
        std::lock_guard<std::mutex> lock(slot->mu);
        if (!slot->backend) return rpc::fault::kFileTransferFailure;
        rpc::DuOperationOutcome out = slot->backend->InstallFromFile(path, url);
        *message = out.status.message();
        // The DU changed without a ChangeDUState: an autonomous DU state change (A.4.2.2).
        if (auto du = slot->du_changes.lock()) RecordDownloadedDu(du.get(), out);
        // TR-069 A.3.3.2: a TransferComplete carries 9001, 9002 or 9010-9020; a DU fault
        // (9022-9032) becomes 9010 with its own code kept in the FaultString.
        const uint32_t code = out.status.ok() ? 0 : rpc::FaultCodeFor(out.status);
        namespace f = rpc::fault;
        if (code == 0 || code == f::kRequestDenied || code == f::kInternalError ||
            (code >= f::kFileTransferFailure && code <= f::kTimeWindowsExceeded &&
             code != f::kUploadFailure && code != f::kUnsupportedTransferProtocol)) {
          return code;
        }
        *message = std::to_string(code) + " " + out.status.message();
        return rpc::fault::kFileTransferFailure;
      };
    }
    return t;
  }
  // The DU backend as the transfer worker sees it (a Download of the backend's FileType):
  // SetDeploymentUnits waits for an install in flight before the backend goes away.
  struct DuFileSlot {
    std::mutex mu;
    rpc::DeploymentUnitBackend* backend = nullptr;
    std::weak_ptr<DuChangeManager> du_changes;  // a detached transfer worker may outlive it
  };
  static void RecordDownloadedDu(DuChangeManager* du, const rpc::DuOperationOutcome& outcome);
  std::shared_ptr<DuFileSlot> du_file_slot = std::make_shared<DuFileSlot>();
  // The data model as the transfer worker sees it (a configuration upload): the Agent's
  // destructor clears it, waiting for an export in flight, before the model goes away.
  struct ModelSlot {
    std::mutex mu;
    dm::DataModel* model = nullptr;
  };
  std::shared_ptr<ModelSlot> model_slot = std::make_shared<ModelSlot>();
  // Writes the model's configuration without secrets (DataModel::ExportConfiguration) to |path|.
  static Status WriteConfiguration(const std::shared_ptr<ModelSlot>& slot, const std::string& path);

  // ---- Start-up ----
  Status LoadModel(const std::vector<std::string>& extra_definitions,
                   const ModelExtension& extension, dm::LoadSource* source);
  void SeedManagementServer(dm::LoadSource source);
  Status StartConnectionRequests();
  SchedulerConfig ReadSchedulerConfig();

  // ---- The loop's steps ----
  void ApplyReload();
  void WaitForWork(SysSeconds now);
  void PollValueChanges(SysSeconds now);
  bool HoldSession();  // false when the session failed
  // Answers to the CPE's own requests of one session, in plan.requests order.
  using AnswerHandlers = std::vector<std::function<void(const AcsResponse&)>>;

  // ---- Autonomous transfers and DU changes (agent_autonomous.cc) ----
  void TakeLocalRequests();
  // Vets new autonomous completions against the ACS's policies (forgetting what it does not want
  // reported) and raises 10 / 12 for the rest; true when it raised any.
  bool SyncAutonomous(SysSeconds now);
  // Adds the autonomous completions |plan|'s Inform announces to |plan| and |on_answer|.
  void PlanAutonomous(SessionPlan* plan, AnswerHandlers* on_answer);
  // The Inform was accepted: a 10 / 12 it carried with nothing left to send is delivered.
  void AutonomousInformAccepted(const Inform& inform, const SessionPlan& plan);
  Inform BuildInform();
  HttpClientConfig AcsHttpConfig();
  Version VersionFor(const std::string& url);
  AgentExit AfterSession();

  std::string Value(const std::string& path) {
    std::string v;
    (void)model->GetValue(path, &v);  // the agent's own parameters: unreadable reads as ""
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
  std::shared_ptr<DuChangeManager> du_changes;
  std::unique_ptr<LocalRequestWatcher> local_request_watcher;
  std::set<uint64_t> atc_vetted;  // autonomous transfers to report (their 10 is raised)
  std::map<uint64_t, AutonomousDUStateChangeComplete> adu_vetted;  // filtered by the policy
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

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AGENT_INTERNAL_H_
