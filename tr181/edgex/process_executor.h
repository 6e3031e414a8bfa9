// SPDX-License-Identifier: GPL-2.0-or-later
// ProcessExecutor: the embedded process supervisor. Each service is a command; it runs as the
// leader of its own session and process group, is stopped with SIGTERM to the group and SIGKILL
// after the stop timeout, and is restarted after a crash according to its restart policy with
// exponential back-off. A supervisor thread watches the children (only its own pids, never
// waitpid(-1)); metrics come from /proc. The destructor stops every child. A service can be run
// under other credentials (ServiceSpec::run_as) or be barred from running at all
// (ServiceSpec::refused): the agent's policy for services an ACS installed (service_policy.h).
#ifndef EDGECWMP_TR181_EDGEX_PROCESS_EXECUTOR_H_
#define EDGECWMP_TR181_EDGEX_PROCESS_EXECUTOR_H_

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tr181/edgex/executor.h"

namespace edgecwmp::edgex {

enum class RestartPolicy : uint8_t { kNever, kOnFailure, kAlways };
// "never" | "on-failure" | "always"; false for anything else.
bool ParseRestartPolicy(const std::string& text, RestartPolicy* policy);

// The credentials a service runs with instead of the agent's: the child sets its supplementary
// groups, then its group, then its user before exec; any of them failing fails the start.
struct RunAs {
  bool enabled = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary groups (may be empty)
};

struct ServiceSpec {
  std::string name;
  std::vector<std::string> argv;  // argv[0]: an absolute path, or a name looked up in PATH
  std::vector<std::string> env;   // "KEY=VALUE", added to (or replacing in) the agent's environment
  std::string working_dir;        // "" = the agent's
  bool autostart = false;
  RestartPolicy restart = RestartPolicy::kOnFailure;
  std::chrono::milliseconds backoff_initial{1000};  // first restart delay, doubled per crash
  std::chrono::milliseconds backoff_max{30000};
  // A run that lasted this long resets the back-off to backoff_initial.
  std::chrono::milliseconds backoff_reset_after{10000};
  std::chrono::milliseconds stop_timeout{10000};  // SIGTERM → SIGKILL
  // Set by the agent, never read from a services file or a service definition:
  std::string executable;  // the file to execute ("" = argv[0] as ResolveCommand finds it)
  RunAs run_as;            // disabled = the agent's own credentials
  std::string refused;     // non-empty: why it may not run; every start fails with this reason
};

// The file execve would run for |spec|: |executable| when set, else argv[0] looked up in the PATH
// the service gets (its env, else the agent's) when it has no '/', else argv[0] relative to the
// service's working directory. Not resolved further (symlinks and ".." stay).
std::string ResolveCommand(const ServiceSpec& spec);

// The back-off before the automatic restart that follows |consecutive_failures| earlier ones:
// backoff_initial * 2^consecutive_failures, capped at backoff_max.
std::chrono::milliseconds RestartDelay(const ServiceSpec& spec, int consecutive_failures);

class ProcessExecutor : public Executor {
 public:
  explicit ProcessExecutor(std::vector<ServiceSpec> services);
  ~ProcessExecutor() override;  // stops every child (SIGTERM, then SIGKILL), joins the thread
  ProcessExecutor(const ProcessExecutor&) = delete;
  ProcessExecutor& operator=(const ProcessExecutor&) = delete;

  // Starts the services marked autostart; a failure sets FailureOnAutoStart on that service and
  // the first failure is returned (the others are still started).
  Status StartAutostart();

  // Adds a service at run time (ChangeDUState Install); AlreadyExists-like InvalidArguments when
  // the name is taken. It is not started.
  Status Add(ServiceSpec spec);
  // Stops the service (SIGTERM, SIGKILL after its stop timeout), waits until it has exited and
  // forgets it (ChangeDUState Uninstall). NotFound when there is no such service.
  Status Remove(const std::string& service);

  const char* kind() const override { return "process"; }
  Status Start(const std::string& service) override;
  Status Stop(const std::string& service) override;
  Status Restart(const std::string& service) override;
  Status Inspect(const std::string& service, ServiceState* out) override;
  Status List(std::vector<std::string>* services) override;
  void SetStateCallback(StateCallback callback) override;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_PROCESS_EXECUTOR_H_
