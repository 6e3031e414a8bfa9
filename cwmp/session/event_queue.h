// SPDX-License-Identifier: GPL-2.0-or-later
// EventQueue: the Inform events not yet delivered to the ACS, with TR-069's per-code rules (one
// table, EventRuleFor), persisted crash-safe after every change so that a crash or kill -9 never
// loses an undelivered event. The session engine asks ForInform() for the Inform's Event list and
// reports the outcome: OnInformAccepted() (InformResponse received), OnRequestDelivered() (e.g. the
// TransferComplete a "7 TRANSFER COMPLETE" announced was answered), OnSessionFailed(). When a
// session completes and the queue is still not empty (events raised during it, more than 64, or a
// 14 HEARTBEAT that had to go alone), another session is due straight away.
// Not thread-safe: owned by the session engine's thread.
#ifndef EDGECWMP_CWMP_SESSION_EVENT_QUEUE_H_
#define EDGECWMP_CWMP_SESSION_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp {

// Event code text as on the wire (TR-069 A.3.3.1, Inform "EventCode").
inline constexpr const char* kEventBootstrap = "0 BOOTSTRAP";
inline constexpr const char* kEventBoot = "1 BOOT";
inline constexpr const char* kEventPeriodic = "2 PERIODIC";
inline constexpr const char* kEventScheduled = "3 SCHEDULED";
inline constexpr const char* kEventValueChange = "4 VALUE CHANGE";
inline constexpr const char* kEventKicked = "5 KICKED";
inline constexpr const char* kEventConnectionRequest = "6 CONNECTION REQUEST";
inline constexpr const char* kEventTransferComplete = "7 TRANSFER COMPLETE";
inline constexpr const char* kEventDiagnosticsComplete = "8 DIAGNOSTICS COMPLETE";
inline constexpr const char* kEventRequestDownload = "9 REQUEST DOWNLOAD";
inline constexpr const char* kEventAutonomousTransferComplete = "10 AUTONOMOUS TRANSFER COMPLETE";
inline constexpr const char* kEventDuStateChangeComplete = "11 DU STATE CHANGE COMPLETE";
inline constexpr const char* kEventAutonomousDuStateChangeComplete =
    "12 AUTONOMOUS DU STATE CHANGE COMPLETE";
inline constexpr const char* kEventWakeup = "13 WAKEUP";
inline constexpr const char* kEventHeartbeat = "14 HEARTBEAT";
inline constexpr const char* kEventMReboot = "M Reboot";
inline constexpr const char* kEventMScheduleInform = "M ScheduleInform";
inline constexpr const char* kEventMDownload = "M Download";
inline constexpr const char* kEventMScheduleDownload = "M ScheduleDownload";
inline constexpr const char* kEventMUpload = "M Upload";
inline constexpr const char* kEventMChangeDuState = "M ChangeDUState";

// TR-069 A.3.3.1: Inform's Event argument is EventStruct[64].
inline constexpr size_t kMaxEventsPerInform = 64;

// The CPE→ACS request whose delivery (its response received) ends an event, for the events that
// outlive the Inform.
enum class CpeRequestKind : uint8_t {
  kNone = 0,  // the event is delivered by the InformResponse
  kTransferComplete,
  kAutonomousTransferComplete,
  kDuStateChangeComplete,
  kAutonomousDuStateChangeComplete,
  kRequestDownload,
};

struct EventRule {
  const char* code;        // the code, or a pattern's description for vendor codes
  bool cumulative;         // "Multiple": every occurrence is kept (each CommandKey); else merged
  bool retry_on_failure;   // kept for the retried session when a session fails
  bool keep_on_reboot;     // survives a reboot / agent restart while undelivered
  bool keep_on_bootstrap;  // survives the generation of 0 BOOTSTRAP (new ACS)
  bool exclusive;          // must be the only event of its Inform
  CpeRequestKind awaits;   // kNone, or the request whose delivery removes the event
};

// The rule for |code|; nullptr when the code is neither standard nor a vendor form
// ("X <OUI> <event>", "M X_<OUI>_<method>" / "M X_<method>").
const EventRule* EventRuleFor(const std::string& code);

class EventQueue {
 public:
  EventQueue() = default;
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  // Loads <dir>/events.txt (the directory is created if missing). A damaged file never fails
  // Open: every intact record is kept, the rest dropped, and |warning| (if not null) explains what
  // happened; the cleaned state is written back. A stale events.txt.tmp left by a crash mid-write
  // is removed (the committed file is the truth). Error only when the directory is unusable.
  Status Open(const std::string& dir, std::string* warning = nullptr);

  // Queues an event and persists. A single (non-cumulative) code already pending is merged (and
  // counts as new again: an Inform in flight that carried it will not remove it). 0 BOOTSTRAP
  // first discards the pending events whose rule says so (TR-069 3.7.1.5). InvalidArguments for an
  // unknown code; Internal when persisting failed (the event is still queued in memory).
  Status Add(EventStruct event);
  Status Add(const std::string& code, const std::string& command_key = "") {
    return Add(EventStruct{code, command_key});
  }

  // The Event list for the next Inform, at most kMaxEventsPerInform, oldest first; an exclusive
  // event (14 HEARTBEAT) goes alone and the others wait for the session after. The returned
  // events are "in flight" until OnInformAccepted / OnSessionFailed.
  std::vector<EventStruct> ForInform();

  // The InformResponse arrived: the in-flight events are delivered and removed, except those
  // that wait for a later request (7 TRANSFER COMPLETE, M Download, ...) and those re-added since.
  Status OnInformAccepted();
  // The ACS answered a CPE request: removes the M event of that kind with |command_key| (e.g.
  // M Download / M Upload / M ScheduleDownload for a TransferComplete), and the single event of the
  // kind (7, 10, 11, 12, 9) once no M event of the kind remains and |more_pending| is false.
  Status OnRequestDelivered(CpeRequestKind kind, const std::string& command_key,
                            bool more_pending = false);
  // The session failed before completing: in-flight events that are not retried
  // (6 CONNECTION REQUEST, 14 HEARTBEAT) are dropped; everything else stays for the retry.
  Status OnSessionFailed();
  // Applies the reboot rules to what Open loaded: undelivered events that do not survive a reboot
  // are dropped. Call once at start-up before adding 1 BOOT.
  Status OnReboot();

  // Factory reset: forgets every event, in memory and on disk.
  Status Wipe();

  std::vector<EventStruct> Pending() const;  // everything queued, in order
  bool Contains(const std::string& code, const std::string& command_key = "") const;
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  const std::string& path() const { return path_; }

 private:
  struct Entry {
    uint64_t id;
    uint64_t generation;  // bumped when a pending single event is added again
    EventStruct event;
    const EventRule* rule;
  };

  Status Persist() const;
  void Remove(uint64_t id);
  Entry* Find(uint64_t id);

  std::string path_;  // empty until Open: then the queue lives in memory only
  std::vector<Entry> entries_;
  std::vector<std::pair<uint64_t, uint64_t>> in_flight_;  // (id, generation) sent in the Inform
  uint64_t next_id_ = 1;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_SESSION_EVENT_QUEUE_H_
