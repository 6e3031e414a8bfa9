// SPDX-License-Identifier: GPL-2.0-or-later
// Executor: one interface to start, stop, restart, inspect and list the services of an EdgeX
// deployment, whatever runs them (the embedded process supervisor, Docker, systemd). Calls never
// throw; a service that does not exist or a backend that is down is a Status.
#ifndef EDGECWMP_TR181_EDGEX_EXECUTOR_H_
#define EDGECWMP_TR181_EDGEX_EXECUTOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex {

// The four values of TR-181 Device.SoftwareModules.ExecutionUnit.{i}.Status.
enum class ServiceStatus : uint8_t { kIdle, kStarting, kActive, kStopping };
const char* ServiceStatusName(ServiceStatus status);  // "Idle", "Starting", "Active", "Stopping"

// TR-181 ExecutionUnit.{i}.ExecutionFaultCode values the executors can observe.
inline constexpr const char* kNoFault = "NoFault";
inline constexpr const char* kFailureOnStart = "FailureOnStart";
inline constexpr const char* kFailureOnAutoStart = "FailureOnAutoStart";
inline constexpr const char* kFailureOnStop = "FailureOnStop";
inline constexpr const char* kFailureWhileActive = "FailureWhileActive";

struct ServiceState {
  std::string name;
  ServiceStatus status = ServiceStatus::kIdle;
  std::vector<int> pids;              // main process first; empty when not running
  double cpu_percent = 0;             // of one CPU, averaged since the previous Inspect (or start)
  uint64_t memory_bytes = 0;          // resident memory
  uint64_t uptime_seconds = 0;        // since the current run started; 0 when not running
  uint32_t restart_count = 0;         // automatic restarts (crash recovery), not operator restarts
  bool has_exit_code = false;         // the last run ended and its exit code is known
  int last_exit_code = 0;             // exit status, or 128 + signal number when killed
  std::string fault_code = kNoFault;  // TR-181 ExecutionFaultCode
  std::string fault_message;          // TR-181 ExecutionFaultMessage; "" without a fault
  bool autostart = false;
};

// Called when a service's status changes (crash, stop outside the agent, restart). For the
// process supervisor it comes from the supervisor thread at once; other executors report changes
// they notice in Inspect(). Never called with an executor lock held.
using StateCallback =
    std::function<void(const std::string& service, ServiceStatus from, ServiceStatus to)>;

class Executor {
 public:
  virtual ~Executor() = default;

  virtual const char* kind() const = 0;  // "process", "docker", "systemd"

  // Start/Stop/Restart return once the change is under way: Stop may leave the service in
  // kStopping until it exits (the StateCallback reports the end). Starting a running service or
  // stopping an idle one is OK.
  virtual Status Start(const std::string& service) = 0;
  virtual Status Stop(const std::string& service) = 0;
  virtual Status Restart(const std::string& service) = 0;
  virtual Status Inspect(const std::string& service, ServiceState* out) = 0;
  // The services this executor manages, sorted by name.
  virtual Status List(std::vector<std::string>* services) = 0;

  virtual void SetStateCallback(StateCallback callback) = 0;
};

// For executors that learn a service's status by polling (Docker, systemd): remembers the last
// status seen per service and calls the callback when it differs. Thread-safe.
class StatusTracker {
 public:
  void SetCallback(StateCallback callback);
  // Records |status|; calls the callback (outside the lock) when a previously seen status changed.
  void Observe(const std::string& service, ServiceStatus status);

 private:
  std::mutex mu_;
  StateCallback callback_;
  std::map<std::string, ServiceStatus> last_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_EXECUTOR_H_
