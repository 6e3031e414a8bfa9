// SPDX-License-Identifier: GPL-2.0-or-later
// JobReports: how a finished job the ACS asked for becomes the CPE request that reports it and
// the Inform events that announce it (TR-069 A.3.3.1), the same way for every kind of job:
//   a Download / Upload / ScheduleDownload → TransferComplete, "7 TRANSFER COMPLETE" + "M <method>"
//   a ChangeDUState → DUStateChangeComplete, "11 DU STATE CHANGE COMPLETE" + "M ChangeDUState"
// (each <CommandKey>). A report goes in a session only when the Inform carries both its events (one
// that finished meanwhile waits for the next session); it is done when the ACS answered it.
// The autonomous reports (10 / 12) are not announced this way: the agent first applies the ACS's
// policy to them (cwmp/agent/agent_autonomous.cc).
#ifndef EDGECWMP_CWMP_JOBS_JOB_REPORTS_H_
#define EDGECWMP_CWMP_JOBS_JOB_REPORTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cwmp/protocol/messages.h"
#include "cwmp/session/event_queue.h"

namespace edgecwmp::cwmp {

// A report the ACS is owed.
struct JobReport {
  uint64_t id = 0;                // the job's id in its manager's queue
  const char* single_event = "";  // kEventTransferComplete / kEventDuStateChangeComplete
  const char* method_event = "";  // "M Download", ..., "M ChangeDUState"
  std::string command_key;
  CpeRequestKind kind = CpeRequestKind::kNone;  // whose delivery removes the M event
  CpeRequest request;                           // TransferComplete / DUStateChangeComplete
};

// What a job manager offers the agent for its reports. Implementations are thread-safe.
class JobReportSource {
 public:
  virtual ~JobReportSource() = default;
  // The finished jobs whose report is owed, oldest first.
  virtual std::vector<JobReport> Reports() const = 0;
  // The ACS answered report |id| (|accepted| false: with a Fault; dropped all the same).
  virtual void OnAnswered(uint64_t id, bool accepted) = 0;
};

// Raises "M <method>" <CommandKey> for each report not yet announced, and the single event with
// them; true when it raised any.
bool RaiseReportEvents(const std::vector<JobReport>& reports, EventQueue* events);
// The reports |inform| announces (it carries their single event and their M event), in order.
std::vector<JobReport> AnnouncedReports(const std::vector<JobReport>& reports,
                                        const Inform& inform);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_JOBS_JOB_REPORTS_H_
