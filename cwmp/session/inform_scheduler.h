// SPDX-License-Identifier: GPL-2.0-or-later
// InformScheduler: decides when the CPE must open a session and which Inform events that raises —
// periodic Informs aligned to PeriodicInformTime, ScheduleInform requests, HeartbeatPolicy,
// throttled active notifications, connection requests, and the session retry back-off. Fully
// deterministic: the caller passes "now" into every call and the randomness (retry jitter, the
// heartbeat's random phase) comes from a seeded generator. The caller loops:
//   sleep until NextWake(now); DueEvents d = Due(now); add d.events to the EventQueue;
//   if (d.start_session && !queue.empty()) run a session; report OnSessionSucceeded/Failed.
#ifndef EDGECWMP_CWMP_SESSION_INFORM_SCHEDULER_H_
#define EDGECWMP_CWMP_SESSION_INFORM_SCHEDULER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time_util.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/session/retry_policy.h"

namespace edgecwmp::cwmp {

// The Device.ManagementServer parameters that drive the schedule (TR-181).
struct SchedulerConfig {
  bool periodic_enable = true;                           // PeriodicInformEnable
  uint32_t periodic_interval = 86400;                    // PeriodicInformInterval, s (0 = none)
  SysSeconds periodic_time = UnknownTime();              // PeriodicInformTime (phase only)
  bool heartbeat_enable = false;                         // HeartbeatPolicy.Enable
  uint32_t heartbeat_interval = 60;                      // HeartbeatPolicy.ReportingInterval, s
  SysSeconds heartbeat_initiation_time = UnknownTime();  // HeartbeatPolicy.InitiationTime
  uint32_t active_notification_throttle = 0;             // DefaultActiveNotificationThrottle, s
  uint32_t retry_min_wait = kDefaultRetryMinimumWaitInterval;   // CWMPRetryMinimumWaitInterval
  uint32_t retry_multiplier = kDefaultRetryIntervalMultiplier;  // CWMPRetryIntervalMultiplier
};

struct DueEvents {
  std::vector<EventStruct> events;  // add these to the EventQueue, in this order
  bool start_session = false;       // a session should start now
  Status storage;                   // not OK if persisting the consumed ScheduleInforms failed
};

// The smallest reference + k·interval (k any integer) strictly after |after|.
SysSeconds NextAligned(SysSeconds reference, uint32_t interval, SysSeconds after);

class InformScheduler {
 public:
  explicit InformScheduler(uint32_t seed = 0) : rng_(seed) {}

  // Applies new settings. A change of the periodic (or heartbeat) settings reschedules it: with an
  // absolute PeriodicInformTime the next Inform is the next reference + k·interval after |now|;
  // with the Unknown Time (or any non-absolute time) the CPE picks the reference, here |now|, so
  // the first periodic Inform comes one interval later. Unchanged settings keep the schedule.
  // Cheap when nothing changed: may be called on every loop turn.
  void Configure(const SchedulerConfig& config, SysSeconds now);
  const SchedulerConfig& config() const { return config_; }

  // Optional: keeps the pending ScheduleInform requests in <dir>/scheduled_informs.txt (crash-safe,
  // see base/record_file.h) and loads those left by the previous run; one whose time passed while
  // the agent was down fires at the next Due. Damage is recovered and reported in |warning|.
  Status Open(const std::string& dir, std::string* warning = nullptr);

  // ScheduleInform RPC: at now + delay, raise 3 SCHEDULED and M ScheduleInform <command_key>.
  // Any number may be pending; they fire in due order (ties in call order). Persisted if Open.
  Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key, SysSeconds now);
  // A bootstrap (new ACS) cancels what the old ACS scheduled.
  Status ClearScheduledInforms();
  std::vector<std::pair<SysSeconds, std::string>> scheduled_informs() const;

  // A valid connection request arrived: 6 CONNECTION REQUEST, session now (also during back-off:
  // the ACS has just shown it is reachable).
  void ConnectionRequest(SysSeconds now);
  // A parameter with active notification changed: 4 VALUE CHANGE, but a session just for it waits
  // until DefaultActiveNotificationThrottle seconds after the end of the last successful session.
  void ActiveValueChange(SysSeconds now);
  // Events were queued by someone else (1 BOOT at start, a transfer finished, ...): session asap.
  void RequestSession(SysSeconds now);

  // Session outcomes. A failure starts (or continues) the TR-069 3.2.1.1 back-off: no session
  // before the retry time except for a connection request (the events that fall due meanwhile are
  // still raised, to ride the retry); a heartbeat waits until a session has succeeded again.
  // |retry_after_seconds| (HTTP 503 Retry-After) can only lengthen the wait. Success resets the
  // retry count.
  SysSeconds OnSessionFailed(SysSeconds now, uint32_t retry_after_seconds = 0);
  void OnSessionSucceeded(SysSeconds now);
  uint32_t retry_count() const { return retry_.retry_count(); }  // Inform.RetryCount

  // Everything due at |now|: the events to raise and whether a session must start. Consumes them.
  DueEvents Due(SysSeconds now);
  // When Due next has something to do (|now| if already), or nullopt when nothing is scheduled.
  std::optional<SysSeconds> NextWake(SysSeconds now) const;

  std::optional<SysSeconds> next_periodic() const { return next_periodic_; }
  std::optional<SysSeconds> next_heartbeat() const { return next_heartbeat_; }
  std::optional<SysSeconds> retry_at() const { return retry_at_; }

 private:
  bool InBackoff(SysSeconds now) const { return retry_at_ && now < *retry_at_; }
  Status PersistScheduled() const;
  std::optional<SysSeconds> ValueChangeDue() const;

  SchedulerConfig config_;
  bool configured_ = false;
  std::mt19937 rng_;
  RetryPolicy retry_;

  SysSeconds periodic_reference_{};
  std::optional<SysSeconds> next_periodic_;
  SysSeconds heartbeat_reference_{};
  std::optional<SysSeconds> next_heartbeat_;
  bool heartbeat_due_ = false;  // due, held back by a session retry in progress
  std::multimap<SysSeconds, std::string> scheduled_;
  std::string scheduled_path_;  // empty: not persisted
  bool connection_request_ = false;
  bool session_requested_ = false;
  std::optional<SysSeconds> value_change_since_;
  std::optional<SysSeconds> last_success_end_;
  std::optional<SysSeconds> retry_at_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_SESSION_INFORM_SCHEDULER_H_
