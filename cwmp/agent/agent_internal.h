// SPDX-License-Identifier: GPL-2.0-or-later
// The agent's private state, shared by agent.cc (start-up and the main loop) and
// agent_session.cc (assembling and holding one session). Not part of any public interface.
#ifndef EDGECWMP_CWMP_AGENT_AGENT_INTERNAL_H_
#define EDGECWMP_CWMP_AGENT_AGENT_INTERNAL_H_

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/http_client.h"
#include "base/log.h"
#include "base/time_util.h"
#include "cwmp/agent/agent.h"
#include "cwmp/agent/agent_actions.h"
#include "cwmp/agent/agent_state.h"
#include "cwmp/agent/local_requests.h"
#include "cwmp/agent/xmpp_channel.h"
#include "cwmp/du/du_changes.h"
#include "cwmp/jobs/job_reports.h"
#include "cwmp/protocol/codec.h"
#include "cwmp/session/event_queue.h"
#include "cwmp/session/inform_scheduler.h"
#include "cwmp/session/session.h"
#include "cwmp/transfers/transfers.h"
#include "cwmp/transport/connection_request.h"
#include "cwmp/transport/udp_connection_request_server.h"
#include "datamodel/persistence.h"
#include "rpc/dispatcher.h"
#include "rpc/faults.h"
#include "tr181/diagnostics/diagnostics.h"
#include "tr181/diagnostics/udp_echo_config.h"
#include "tr181/management_server.h"

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

// Device.ManagementServer. in one typed read (tr181::ReadManagementServer); its defaults, logged,
// if the model could not be read (agent.cc).
tr181::ManagementServerSettings ManagementServer(const dm::DataModel& model);

}  // namespace agent_internal

// Whether |inform| carries event |code| (agent_session.cc).
bool InformCarries(const Inform& inform, const char* code);
// "1 BOOT, 4 VALUE CHANGE" (agent_session.cc).
std::string EventNames(const Inform& inform);

// What became of one cwmpctl request (agent_local.cc): |rejection| (the reason) or |reply| (the
// JSON answer, may be empty), and |what| in a few words for the log.
struct LocalOutcome {
  std::string what;
  std::string rejection;
  std::string reply;
};

// How the last session ended, for the session's log line and cwmpctl status.
struct LastSession {
  SysSeconds ended{};
  bool completed = false;
  std::string outcome;  // SessionOutcomeName
  std::string detail;   // why it failed
  std::string url;
  std::string events;
  std::map<std::string, uint32_t> acs_request_counts;
};

// The agent's state. Who owns what: the components (data model, managers, servers) are owned
// here; the DU backend is borrowed from the daemon; the RPC handlers reach the agent through
// |actions| (cwmp/agent/agent_actions.h), which only borrows these components.
struct Agent::Rep {
  explicit Rep(AgentConfig c) : config(std::move(c)) {}

  // The transfer manager's configuration: the agent's [transfers] section plus what only the agent
  // knows (state directory, the ACS's trust store, configuration export, the DU backend's files).
  TransferConfig TransfersConfig() const;

  // The DU backend as the transfer worker sees it (a Download of the backend's FileType):
  // SetDeploymentUnits waits for an install in flight before the backend goes away.
  struct DuFileSlot {
    std::mutex mu;
    rpc::DeploymentUnitBackend* backend = nullptr;
    std::weak_ptr<DuChangeManager> du_changes;  // a detached transfer worker may outlive it
  };
  static void RecordDownloadedDu(DuChangeManager* du, const rpc::DuOperationOutcome& outcome);
  // Installs a downloaded deployment unit through the backend (a Download of its FileType); the
  // Status is the TransferComplete's fault.
  static Status ApplyDownloadedDu(const std::shared_ptr<DuFileSlot>& slot, const std::string& path,
                                  const std::string& url);
  // The data model as the transfer worker sees it (a configuration upload): the Agent's
  // destructor clears it, waiting for an export in flight, before the model goes away.
  struct ModelSlot {
    std::mutex mu;
    dm::DataModel* model = nullptr;
  };
  // Writes the model's configuration without secrets (DataModel::ExportConfiguration) to |path|.
  static Status WriteConfiguration(const std::shared_ptr<ModelSlot>& slot, const std::string& path);

  // ---- Start-up ----
  Status LoadModel(const std::vector<std::string>& extra_definitions,
                   const ModelExtension& extension, dm::LoadSource* source);
  void SeedManagementServer(dm::LoadSource source);
  // What every connection-request channel shares: the live credentials, and the signal.
  CredentialsSource ConnectionRequestCredentials();
  std::function<void()> ConnectionRequestSignal();
  Status StartConnectionRequests();
  // XMPP connection requests (agent_xmpp.cc): the [xmpp] factory defaults and the channel.
  void SeedXmpp();
  void StartXmppConnectionRequests();
  Status StartUdpConnectionRequests();  // agent_udp.cc
  void ApplyUdpBinding();               // publishes what the UDP thread learnt (main loop)
  Status StartJobs(const std::function<void()>& wake_agent);
  SchedulerConfig ReadSchedulerConfig();

  // ---- The loop's steps ----
  void ApplyReload();
  void WaitForWork(SysSeconds now);
  void PollValueChanges(SysSeconds now);
  bool HoldSession();  // false when the session failed
  // Raises the events of finished jobs (agent_session.cc); true when an applied firmware image
  // needs the reboot now.
  bool SyncTransfers(SysSeconds now);
  // Answers to the CPE's own requests of one session, in plan.requests order.
  using AnswerHandlers = std::vector<std::function<void(const AcsResponse&)>>;
  // The managers whose finished jobs are reported the same way (TransferComplete,
  // DUStateChangeComplete), in the order their reports go.
  std::vector<JobReportSource*> ReportSources() { return {transfers.get(), du_changes.get()}; }
  // Adds the reports |plan|'s Inform announces to |plan| and |on_answer|.
  void PlanReports(SessionPlan* plan, AnswerHandlers* on_answer);
  // Adds GetRPCMethods when the methods of the ACS at |url| are not known yet.
  void PlanAcsMethods(SessionPlan* plan, AnswerHandlers* on_answer, const std::string& url);
  // HoldSession's steps (agent_session.cc).
  SessionHooks HooksFor(const SessionPlan& plan, const std::string& url,
                        const AnswerHandlers& on_answer);
  SessionResult RunWithVersionFallback(SessionPlan* plan, const std::string& url,
                                       const SessionHooks& hooks);
  void RecordOutcome(const SessionPlan& plan, const std::string& url, const SessionResult& result);

  // ---- The operator's requests through cwmpctl (agent_local.cc) ----
  void TakeLocalRequests();
  LocalOutcome LocalGet(const LocalRequest& request);
  LocalOutcome LocalSet(const LocalRequest& request);
  LocalOutcome LocalInform();
  LocalOutcome LocalStatus();
  nlohmann::json ServiceStates();

  // ---- Autonomous transfers and DU changes (agent_autonomous.cc) ----
  // Queues a local transfer or DU change; the rejection ("" when queued), |what| for the log.
  std::string QueueAutonomous(const LocalRequest& request, std::string* what);
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

  AgentConfig config;

  // ---- Owned components ----
  dm::Schema schema;
  std::unique_ptr<dm::Storage> storage;
  std::unique_ptr<dm::DataModel> model;
  AgentState state;
  EventQueue events;
  InformScheduler scheduler{static_cast<uint32_t>(std::random_device{}())};
  Codec codec;
  std::unique_ptr<TransferManager> transfers;
  std::shared_ptr<DuChangeManager> du_changes;  // shared: a detached transfer worker may use it
  std::unique_ptr<LocalRequestWatcher> local_request_watcher;
  // The one budget of every connection-request channel (HTTP, UDP, XMPP).
  std::shared_ptr<ConnectionRequestBudget> connection_request_budget;
  std::unique_ptr<ConnectionRequestServer> connection_requests;
  std::unique_ptr<XmppChannel> xmpp;  // after model: stopped before the model goes
  std::unique_ptr<UdpConnectionRequestServer> udp_connection_requests;
  std::unique_ptr<AgentActions> actions;        // borrows the components above
  std::unique_ptr<rpc::Dispatcher> dispatcher;  // borrows |model| and |actions|

  // ---- Borrowed ----
  rpc::DeploymentUnitBackend* du_backend = nullptr;  // the daemon's; null: none

  // ---- Shared with the transfer worker, which may outlive the agent ----
  std::shared_ptr<DuFileSlot> du_file_slot = std::make_shared<DuFileSlot>();
  std::shared_ptr<ModelSlot> model_slot = std::make_shared<ModelSlot>();

  // ---- Main-thread state between sessions ----
  std::set<uint64_t> atc_vetted;  // autonomous transfers to report (their 10 is raised)
  std::map<uint64_t, AutonomousDUStateChangeComplete> adu_vetted;  // filtered by the policy
  // Changed parameters with notification, reported in the next Inform (name → type).
  std::map<std::string, dm::Type> changed_parameters;
  SysSeconds next_value_poll{};
  std::function<void()> heartbeat;  // Agent::SetHeartbeat; null: none
  std::chrono::seconds heartbeat_every{0};
  SysSeconds next_heartbeat{};
  void Beat(SysSeconds now);  // calls heartbeat when it is due
  AfterSessionRequests after_session;
  bool acs_url_changed = false;  // set by the URL observer (main thread, inside a session)
  std::optional<LastSession> last_session;  // none before the first session of this run

  // ---- Signals from other threads ----
  // Sets |flag| and wakes the main loop. The flag is set with mu held because WaitForWork tests
  // the flags under mu: a flag set between that test and the sleep would otherwise wait for the
  // next timed wake (a connection request left pending until the value-change poll).
  void Raise(std::atomic<bool>* flag) {
    {
      std::lock_guard<std::mutex> lock(mu);
      *flag = true;
    }
    cv.notify_all();
  }
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<bool> stop{false};
  std::atomic<bool> reload{false};
  AgentConfig reloaded_config;                    // guarded by mu
  std::optional<UdpBinding> pending_udp_binding;  // guarded by mu
  std::atomic<bool> connection_request{false};
  std::atomic<bool> wake{false};
  std::atomic<bool> xmpp_changed{false};          // Device.XMPP. or ConnReqXMPPConnection changed
  std::atomic<bool> diagnostics_complete{false};  // a TR-143 test ended: 8 DIAGNOSTICS COMPLETE

  // Last: its worker threads are joined before the model and the signals above go away.
  std::unique_ptr<tr181::Diagnostics> diagnostics;
  tr181::UdpEchoConfig udp_echo_config;  // the UDP echo responder the ACS may enable
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AGENT_INTERNAL_H_
