// SPDX-License-Identifier: GPL-2.0-or-later
// AgentActions: what the RPC handlers ask of the agent beyond the data model. The required
// actions (rpc/cpe_actions.h: ScheduleInform, Reboot and FactoryReset after the session), and
// the optional methods the agent offers, handed once to Dispatcher::Serve (which is then what
// GetRPCMethods lists): the file transfers (cwmp/transfers/transfers.h; TR-069 A.3.2.8, A.4.1.5,
// A.4.1.7-A.4.1.10) and ChangeDUState (cwmp/du/du_changes.h; A.4.1.10). It owns nothing: it
// holds the agent's parts it drives, which outlive it. Main thread only (the session's), like
// the dispatcher that calls it.
#ifndef EDGECWMP_CWMP_AGENT_AGENT_ACTIONS_H_
#define EDGECWMP_CWMP_AGENT_AGENT_ACTIONS_H_

#include <string>

#include "cwmp/du/du_changes.h"
#include "cwmp/session/event_queue.h"
#include "cwmp/session/inform_scheduler.h"
#include "cwmp/transfers/transfers.h"
#include "rpc/cpe_actions.h"
#include "rpc/deployment_units.h"
#include "rpc/dispatcher.h"

namespace edgecwmp::cwmp {

// What the agent does once the session is over (also set by an applied firmware image).
struct AfterSessionRequests {
  bool reboot = false;
  bool factory_reset = false;
};

class AgentActions : public rpc::CpeActions {
 public:
  // The agent's parts, all borrowed. |du_backend| is where the agent keeps its current DU backend
  // (null: none, and ChangeDUState is not supported).
  struct Parts {
    InformScheduler* scheduler;
    EventQueue* events;
    TransferManager* transfers;
    DuChangeManager* du_changes;
    rpc::DeploymentUnitBackend* const* du_backend;
    AfterSessionRequests* after_session;
  };
  explicit AgentActions(Parts parts) : p_(parts) {}

  Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key) override;
  Status RebootAfterSession(const std::string& command_key) override;
  Status FactoryResetAfterSession() override;

  // Hands |dispatcher| the optional methods: the transfers always, ChangeDUState only with a DU
  // backend now (SetDeploymentUnits before the agent's Start decides). Call once, before the
  // first request.
  Status ServeOptionalMethods(rpc::Dispatcher* dispatcher);

 private:
  Parts p_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AGENT_ACTIONS_H_
