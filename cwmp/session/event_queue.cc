// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/session/event_queue.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "base/record_file.h"

namespace edgecwmp::cwmp {

namespace {

using K = CpeRequestKind;
constexpr bool Y = true, N = false;
constexpr K kInform = K::kNone;  // delivered by the InformResponse
constexpr K kTc = K::kTransferComplete;
constexpr K kAtc = K::kAutonomousTransferComplete;
constexpr K kDu = K::kDuStateChangeComplete;
constexpr K kAdu = K::kAutonomousDuStateChangeComplete;
constexpr K kRd = K::kRequestDownload;

// One row per event code: TR-069 A.3.3.1 (Inform EventCode table: single vs. "Multiple"
// cumulative behaviour — only the "M <method>" codes may appear more than once, one per
// CommandKey) and 3.7.1.5 (Event Code Requirements: which undelivered events survive a reboot and
// which a bootstrap discards). Session failure (3.2.1.1): undelivered events are retried, except
// 6 CONNECTION REQUEST (the ACS's request was for that moment; the ACS asks again) and
// 14 HEARTBEAT (Annex O: the next heartbeat is the retry; a heartbeat Inform carries no other
// event). 7/9/10/11/12 and their M events stay until the CPE request they announce
// (TransferComplete, RequestDownload, ...) was answered, not merely until the InformResponse
// (A.3.3.1 notes to "7 TRANSFER COMPLETE" and "M Download").
constexpr EventRule kRules[] = {
    // code                               cumul retry reboot bootstrap exclusive removed by
    {kEventBootstrap, N, Y, Y, Y, N, kInform},
    {kEventBoot, N, Y, N, Y, N, kInform},
    {kEventPeriodic, N, Y, N, N, N, kInform},
    {kEventScheduled, N, Y, Y, N, N, kInform},
    {kEventValueChange, N, Y, N, N, N, kInform},
    {kEventKicked, N, Y, N, N, N, kInform},
    {kEventConnectionRequest, N, N, N, N, N, kInform},
    {kEventTransferComplete, N, Y, Y, N, N, kTc},
    {kEventDiagnosticsComplete, N, Y, N, N, N, kInform},
    {kEventRequestDownload, N, Y, Y, N, N, kRd},
    {kEventAutonomousTransferComplete, N, Y, Y, N, N, kAtc},
    {kEventDuStateChangeComplete, N, Y, Y, N, N, kDu},
    {kEventAutonomousDuStateChangeComplete, N, Y, Y, N, N, kAdu},
    {kEventWakeup, N, Y, N, N, N, kInform},
    {kEventHeartbeat, N, N, N, N, Y, kInform},
    {kEventMReboot, Y, Y, Y, N, N, kInform},
    {kEventMScheduleInform, Y, Y, Y, N, N, kInform},
    {kEventMDownload, Y, Y, Y, N, N, kTc},
    {kEventMScheduleDownload, Y, Y, Y, N, N, kTc},
    {kEventMUpload, Y, Y, Y, N, N, kTc},
    {kEventMChangeDuState, Y, Y, Y, N, N, kDu},
};

// Vendor extensions (A.3.3.1): "M X_<vendor>_<method>" behaves like the other M events;
// "X <OUI> <event>" is a single event, kept for retries, not across reboots.
constexpr EventRule kVendorMethodRule = {"M X_<vendor method>", Y, Y, Y, N, N, kInform};
constexpr EventRule kVendorEventRule = {"X <OUI> <event>", N, Y, N, N, N, kInform};

constexpr const char* kFileName = "events.txt";
constexpr const char* kHeader = "edgecwmp-events 1";  // record: code, command key

bool IsVendorEvent(const std::string& code) {
  // "X " + 6 hex digits (OUI) + " " + a non-empty name.
  if (code.size() < 10 || code.compare(0, 2, "X ") != 0 || code[8] != ' ') return false;
  return std::all_of(code.begin() + 2, code.begin() + 8,
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

const EventRule* EventRuleFor(const std::string& code) {
  for (const EventRule& rule : kRules) {
    if (code == rule.code) return &rule;
  }
  if (code.size() > 4 && code.compare(0, 4, "M X_") == 0) return &kVendorMethodRule;
  if (IsVendorEvent(code)) return &kVendorEventRule;
  return nullptr;
}

Status EventQueue::Open(const std::string& dir, std::string* warning) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    return Status::Internal("event state directory '" + dir + "' unusable: " + ec.message());
  }
  path_ = (fs::path(dir) / kFileName).string();
  entries_.clear();
  in_flight_.clear();

  DecodedRecords file;
  std::string note;
  // An unreadable file is reported as damage and replaced; only the directory is fatal. Its
  // error is in file.problems (marked damaged), so the Status adds nothing.
  (void)LoadRecordFile(path_, kHeader, &file, &note);
  size_t unusable = 0;
  for (Record& r : file.records) {
    const EventRule* rule = r.size() == 2 ? EventRuleFor(r[0]) : nullptr;
    if (!rule) {
      ++unusable;
      continue;
    }
    // Same merge rule as Add, without persisting per record.
    const bool merged = !rule->cumulative &&
                        std::any_of(entries_.begin(), entries_.end(),
                                    [&](const Entry& e) { return e.event.event_code == r[0]; });
    if (!merged) entries_.push_back(Entry{next_id_++, 0, EventStruct{r[0], r[1]}, rule});
  }
  const bool damaged = file.damaged || unusable;
  if (warning) {
    std::string text;
    if (damaged) {
      text = "event file " + path_ + " damaged (" + file.problems;
      if (unusable) {
        text += std::string(file.problems.empty() ? "" : "; ") + std::to_string(unusable) +
                " record(s) with an unknown event code dropped";
      }
      text += "); recovered " + std::to_string(entries_.size()) + " event(s)";
    }
    if (!note.empty()) text += (text.empty() ? "" : "; ") + note;
    *warning = text;
  }
  if (damaged) return Persist();  // leave a clean file behind
  return Status::Ok();
}

Status EventQueue::Add(EventStruct event) {
  const EventRule* rule = EventRuleFor(event.event_code);
  if (!rule) return Status::InvalidArguments("unknown event code '" + event.event_code + "'");
  if (event.event_code == kEventBootstrap) {
    // TR-069 3.7.1.5: a new ACS must not see what was meant for the old one.
    std::vector<uint64_t> drop;
    for (const Entry& e : entries_) {
      if (!e.rule->keep_on_bootstrap) drop.push_back(e.id);
    }
    for (uint64_t id : drop) Remove(id);
  }
  if (!rule->cumulative) {
    for (Entry& e : entries_) {
      if (e.event.event_code == event.event_code) {
        ++e.generation;       // merged; a newer occurrence than the one possibly in flight
        return Status::Ok();  // the stored record is unchanged
      }
    }
  }
  entries_.push_back(Entry{next_id_++, 0, std::move(event), rule});
  return Persist();
}

std::vector<EventStruct> EventQueue::ForInform() {
  in_flight_.clear();
  std::vector<EventStruct> out;
  auto exclusive = std::find_if(entries_.begin(), entries_.end(),
                                [](const Entry& e) { return e.rule->exclusive; });
  if (exclusive != entries_.end()) {
    // Annex O: the heartbeat session carries 14 HEARTBEAT alone; the rest follows in the next one.
    in_flight_.emplace_back(exclusive->id, exclusive->generation);
    out.push_back(exclusive->event);
    return out;
  }
  for (const Entry& e : entries_) {
    if (out.size() == kMaxEventsPerInform) break;
    in_flight_.emplace_back(e.id, e.generation);
    out.push_back(e.event);
  }
  return out;
}

Status EventQueue::OnInformAccepted() {
  bool changed = false;
  for (const auto& [id, generation] : in_flight_) {
    Entry* e = Find(id);
    if (!e || e->generation != generation || e->rule->awaits != CpeRequestKind::kNone) continue;
    Remove(id);
    changed = true;
  }
  in_flight_.clear();
  return changed ? Persist() : Status::Ok();
}

Status EventQueue::OnRequestDelivered(CpeRequestKind kind, const std::string& command_key,
                                      bool more_pending) {
  if (kind == CpeRequestKind::kNone) return Status::Ok();
  bool changed = false;
  auto keyed = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return e.rule->cumulative && e.rule->awaits == kind && e.event.command_key == command_key;
  });
  if (keyed != entries_.end()) {
    Remove(keyed->id);
    changed = true;
  }
  const bool m_left = std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return e.rule->cumulative && e.rule->awaits == kind;
  });
  if (!m_left && !more_pending) {
    std::vector<uint64_t> drop;
    for (const Entry& e : entries_) {
      if (!e.rule->cumulative && e.rule->awaits == kind) drop.push_back(e.id);
    }
    for (uint64_t id : drop) Remove(id);
    changed = changed || !drop.empty();
  }
  return changed ? Persist() : Status::Ok();
}

Status EventQueue::OnSessionFailed() {
  bool changed = false;
  for (const auto& [id, generation] : in_flight_) {
    Entry* e = Find(id);
    if (!e || e->generation != generation || e->rule->retry_on_failure) continue;
    Remove(id);
    changed = true;
  }
  in_flight_.clear();
  return changed ? Persist() : Status::Ok();
}

Status EventQueue::OnReboot() {
  const size_t before = entries_.size();
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [](const Entry& e) { return !e.rule->keep_on_reboot; }),
                 entries_.end());
  in_flight_.clear();
  return entries_.size() != before ? Persist() : Status::Ok();
}

Status EventQueue::Wipe() {
  entries_.clear();
  in_flight_.clear();
  if (path_.empty()) return Status::Ok();
  return Persist();
}

std::vector<EventStruct> EventQueue::Pending() const {
  std::vector<EventStruct> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.event);
  return out;
}

bool EventQueue::Contains(const std::string& code, const std::string& command_key) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return e.event.event_code == code && e.event.command_key == command_key;
  });
}

EventQueue::Entry* EventQueue::Find(uint64_t id) {
  for (Entry& e : entries_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

void EventQueue::Remove(uint64_t id) {
  entries_.erase(
      std::remove_if(entries_.begin(), entries_.end(), [id](const Entry& e) { return e.id == id; }),
      entries_.end());
}

Status EventQueue::Persist() const {
  if (path_.empty()) return Status::Ok();
  std::vector<Record> records;
  records.reserve(entries_.size());
  for (const Entry& e : entries_) records.push_back({e.event.event_code, e.event.command_key});
  return SaveRecordFile(path_, kHeader, records);
}

}  // namespace edgecwmp::cwmp
