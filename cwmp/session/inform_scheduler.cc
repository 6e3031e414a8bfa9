// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/session/inform_scheduler.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "base/record_file.h"
#include "cwmp/session/event_queue.h"

namespace edgecwmp::cwmp {

namespace {
constexpr const char* kScheduledFile = "scheduled_informs.txt";
constexpr const char* kScheduledHeader = "edgecwmp-scheduled-informs 1";  // record: time, key
}  // namespace

SysSeconds NextAligned(SysSeconds reference, uint32_t interval, SysSeconds after) {
  const int64_t step = std::max<uint32_t>(interval, 1);
  const int64_t delta = (after - reference).count();
  int64_t k = delta / step;  // floor division, also for a reference in the future
  if (delta % step != 0 && delta < 0) --k;
  return reference + std::chrono::seconds((k + 1) * step);
}

void InformScheduler::Configure(const SchedulerConfig& config, SysSeconds now) {
  const bool periodic_changed = !configured_ || config.periodic_enable != config_.periodic_enable ||
                                config.periodic_interval != config_.periodic_interval ||
                                config.periodic_time != config_.periodic_time;
  const bool heartbeat_changed =
      !configured_ || config.heartbeat_enable != config_.heartbeat_enable ||
      config.heartbeat_interval != config_.heartbeat_interval ||
      config.heartbeat_initiation_time != config_.heartbeat_initiation_time;
  config_ = config;
  configured_ = true;
  retry_.Configure(config.retry_min_wait, config.retry_multiplier);

  if (periodic_changed) {
    if (config.periodic_enable && config.periodic_interval > 0) {
      // TR-181 ManagementServer.PeriodicInformTime: Informs at PeriodicInformTime ± k·Interval,
      // beginning with the very next such instant even if the reference lies in the future. The
      // Unknown Time (TR-106 3.2) leaves the reference to the CPE: the moment of configuration.
      periodic_reference_ = IsAbsoluteTime(config.periodic_time) ? config.periodic_time : now;
      next_periodic_ = NextAligned(periodic_reference_, config.periodic_interval, now);
    } else {
      next_periodic_.reset();
    }
  }
  if (heartbeat_changed) {
    if (config.heartbeat_enable && config.heartbeat_interval > 0) {
      // TR-181 ManagementServer.HeartbeatPolicy.InitiationTime: same phase rule, but with the
      // Unknown Time the CPE MUST choose a random reference.
      if (IsAbsoluteTime(config.heartbeat_initiation_time)) {
        heartbeat_reference_ = config.heartbeat_initiation_time;
      } else {
        std::uniform_int_distribution<uint32_t> phase(0, config.heartbeat_interval - 1);
        heartbeat_reference_ = now + std::chrono::seconds(phase(rng_));
      }
      next_heartbeat_ = NextAligned(heartbeat_reference_, config.heartbeat_interval, now);
    } else {
      next_heartbeat_.reset();
    }
  }
}

Status InformScheduler::Open(const std::string& dir, std::string* warning) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    return Status::Internal("scheduler state directory '" + dir + "' unusable: " + ec.message());
  }
  scheduled_path_ = (fs::path(dir) / kScheduledFile).string();
  DecodedRecords file;
  std::string note;
  // Unreadable: file.damaged with the reason in file.problems, warned and replaced below.
  (void)LoadRecordFile(scheduled_path_, kScheduledHeader, &file, &note);
  size_t unusable = 0;
  for (const Record& r : file.records) {
    char* end = nullptr;
    const long long at = r.size() == 2 ? std::strtoll(r[0].c_str(), &end, 10) : 0;
    if (r.size() != 2 || r[0].empty() || *end != '\0') {
      ++unusable;
      continue;
    }
    scheduled_.emplace(SysSeconds(std::chrono::seconds(at)), r[1]);
  }
  const bool damaged = file.damaged || unusable;
  if (warning) {
    std::string text;
    if (damaged) {
      text = "scheduled-inform file " + scheduled_path_ + " damaged (" + file.problems +
             (unusable ? "; " + std::to_string(unusable) + " unusable record(s)" : "") +
             "); recovered " + std::to_string(scheduled_.size());
    }
    if (!note.empty()) text += (text.empty() ? "" : "; ") + note;
    *warning = text;
  }
  return damaged ? PersistScheduled() : Status::Ok();
}

Status InformScheduler::PersistScheduled() const {
  if (scheduled_path_.empty()) return Status::Ok();
  std::vector<Record> records;
  for (const auto& [at, key] : scheduled_) {
    records.push_back({std::to_string(at.time_since_epoch().count()), key});
  }
  return SaveRecordFile(scheduled_path_, kScheduledHeader, records);
}

Status InformScheduler::ScheduleInform(uint32_t delay_seconds, const std::string& command_key,
                                       SysSeconds now) {
  scheduled_.emplace(now + std::chrono::seconds(delay_seconds), command_key);
  return PersistScheduled();
}

Status InformScheduler::ClearScheduledInforms() {
  scheduled_.clear();
  return PersistScheduled();
}

std::vector<std::pair<SysSeconds, std::string>> InformScheduler::scheduled_informs() const {
  return {scheduled_.begin(), scheduled_.end()};
}

void InformScheduler::ConnectionRequest(SysSeconds) { connection_request_ = true; }

void InformScheduler::ActiveValueChange(SysSeconds now) {
  if (!value_change_since_) value_change_since_ = now;
}

void InformScheduler::RequestSession(SysSeconds) { session_requested_ = true; }

SysSeconds InformScheduler::OnSessionFailed(SysSeconds now, uint32_t retry_after_seconds) {
  const uint32_t wait = std::max(retry_.OnSessionFailed(rng_), retry_after_seconds);
  retry_at_ = now + std::chrono::seconds(wait);
  return *retry_at_;
}

void InformScheduler::OnSessionSucceeded(SysSeconds now) {
  retry_.OnSessionSucceeded();
  retry_at_.reset();
  last_success_end_ = now;
}

std::optional<SysSeconds> InformScheduler::ValueChangeDue() const {
  if (!value_change_since_) return std::nullopt;
  // TR-181 ManagementServer.DefaultActiveNotificationThrottle: counted from the end of the last
  // successfully completed session; no session yet since start → no wait.
  if (!last_success_end_) return *value_change_since_;
  return std::max(*value_change_since_,
                  *last_success_end_ + std::chrono::seconds(config_.active_notification_throttle));
}

DueEvents InformScheduler::Due(SysSeconds now) {
  DueEvents due;
  // A clock stepped backwards (e.g. NTP catching up at boot) must not postpone the phase-locked
  // Informs by the size of the step: more than one interval ahead means the clock moved.
  if (next_periodic_ && *next_periodic_ - now > std::chrono::seconds(config_.periodic_interval)) {
    next_periodic_ = NextAligned(periodic_reference_, config_.periodic_interval, now);
  }
  if (next_heartbeat_ &&
      *next_heartbeat_ - now > std::chrono::seconds(config_.heartbeat_interval)) {
    next_heartbeat_ = NextAligned(heartbeat_reference_, config_.heartbeat_interval, now);
  }
  const bool backoff = InBackoff(now);
  bool reason = false;  // a reason to start a session, subject to the back-off
  bool connection_request = false;

  if (connection_request_) {
    connection_request_ = false;
    connection_request = true;
    due.events.push_back({kEventConnectionRequest, ""});
  }
  if (next_periodic_ && *next_periodic_ <= now) {
    // One 2 PERIODIC however many instants were missed; the phase is kept.
    next_periodic_ = NextAligned(periodic_reference_, config_.periodic_interval, now);
    due.events.push_back({kEventPeriodic, ""});
    reason = true;
  }
  if (!scheduled_.empty() && scheduled_.begin()->first <= now) {
    // ScheduleInform: "3 SCHEDULED" once, plus one "M ScheduleInform" per request that is due.
    due.events.push_back({kEventScheduled, ""});
    while (!scheduled_.empty() && scheduled_.begin()->first <= now) {
      due.events.push_back({kEventMScheduleInform, scheduled_.begin()->second});
      scheduled_.erase(scheduled_.begin());
    }
    due.storage = PersistScheduled();
    reason = true;
  }
  if (session_requested_) {
    session_requested_ = false;
    reason = true;
  }
  if (retry_at_ && *retry_at_ <= now) {
    retry_at_.reset();
    reason = true;
  }
  if (next_heartbeat_ && *next_heartbeat_ <= now) {
    next_heartbeat_ = NextAligned(heartbeat_reference_, config_.heartbeat_interval, now);
    heartbeat_due_ = true;
  }
  // A heartbeat waits while a failed non-heartbeat session is being retried: it goes out once a
  // session has succeeded again (the retry count is back to 0), never ahead of the retried Inform.
  const bool heartbeat = heartbeat_due_ && !backoff && retry_.retry_count() == 0;
  if (heartbeat) heartbeat_due_ = false;
  if (value_change_since_) {
    // Throttling only delays a session held for the notification alone: any other session, and
    // the retry of a failed one, carries it at once (TR-181 DefaultActiveNotificationThrottle).
    const bool other = connection_request || reason || heartbeat;
    if (other || backoff || now >= *ValueChangeDue()) {
      value_change_since_.reset();
      due.events.push_back({kEventValueChange, ""});
      reason = true;
    }
  }
  if (heartbeat) {
    due.events.push_back({kEventHeartbeat, ""});
    reason = true;
  }
  due.start_session = connection_request || (reason && !backoff);
  return due;
}

std::optional<SysSeconds> InformScheduler::NextWake(SysSeconds now) const {
  std::optional<SysSeconds> wake;
  const auto consider = [&wake](SysSeconds t) {
    if (!wake || t < *wake) wake = t;
  };
  if (connection_request_ || session_requested_) consider(now);
  if (next_periodic_) consider(*next_periodic_);
  if (next_heartbeat_) consider(*next_heartbeat_);
  if (!scheduled_.empty()) consider(scheduled_.begin()->first);
  if (retry_at_) consider(*retry_at_);
  if (value_change_since_) consider(InBackoff(now) ? now : *ValueChangeDue());
  if (heartbeat_due_ && !InBackoff(now) && retry_.retry_count() == 0) consider(now);
  if (wake && *wake < now) wake = now;
  return wake;
}

}  // namespace edgecwmp::cwmp
