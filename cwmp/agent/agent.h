// SPDX-License-Identifier: GPL-2.0-or-later
// Agent: the CPE agent as one object — data model, events, scheduler, connection-request listener
// and RPC dispatcher — with the daemon's main loop in Run(): wait for the next due thing, raise its
// events, hold a session, act on what the session asked for (reboot, factory reset), repeat.
// Run() is called from one thread; Stop(), Reload() and the connection-request listener only
// signal it.
#ifndef EDGECWMP_CWMP_AGENT_AGENT_H_
#define EDGECWMP_CWMP_AGENT_AGENT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cwmp/agent/config.h"
#include "datamodel/datamodel.h"
#include "rpc/deployment_units.h"

namespace edgecwmp::cwmp {

// What the daemon should do once Run() returns.
// kSessionFailed: stop; the one session of `once` (config.h) failed.
enum class AgentExit { kStop, kRestart, kSessionFailed };

// Lets the embedding program add providers (e.g. the EdgeX mapping) to the model before it loads.
// |model| is the agent's; bindings must be made inside this call.
using ModelExtension = std::function<Status(dm::DataModel* model)>;

class Agent {
 public:
  explicit Agent(AgentConfig config);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Loads the definitions and state, binds the providers, queues the boot events and starts the
  // connection-request listener. |extensions| may add definition files and providers.
  Status Start(const std::vector<std::string>& extra_definitions = {},
               const ModelExtension& extension = nullptr);

  // The main loop; returns when stopped, or when a Reboot/FactoryReset needs a restart.
  AgentExit Run();

  void Stop();  // thread- and signal-thread-safe
  // Applies a re-read configuration (SIGHUP): log level, ACS TLS and timeouts, commands, polling.
  // Listener and ManagementServer seeds take effect at the next start.
  void Reload(AgentConfig config);
  // Where ChangeDUState installs (not owned; null: ChangeDUState unsupported). Set it before
  // Start(); set null after Run() returned and before the backend is destroyed (waits for the
  // operation in flight).
  void SetDeploymentUnits(rpc::DeploymentUnitBackend* backend);
  void WakeUp();  // something changed (e.g. a provider saw a state change): check notifications now
  // Calls |beat| from the main loop at least every |every| while it is idle (a supervisor's
  // watchdog: a loop stuck longer than that misses its beats). Set it before Run().
  void SetHeartbeat(std::chrono::seconds every, std::function<void()> beat);

  dm::DataModel* model();
  std::string connection_request_url() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AGENT_H_
