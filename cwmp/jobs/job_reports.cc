// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/jobs/job_reports.h"

#include <algorithm>

#include "base/log.h"

namespace edgecwmp::cwmp {

namespace {

bool Carries(const Inform& inform, const std::string& code, const std::string* command_key) {
  for (const auto& e : inform.event) {
    if (e.event_code == code && (!command_key || e.command_key == *command_key)) return true;
  }
  return false;
}

}  // namespace

bool RaiseReportEvents(const std::vector<JobReport>& reports, EventQueue* events) {
  std::vector<const char*> singles;  // after the M events, in the order they first appear
  for (const JobReport& r : reports) {
    if (events->Contains(r.method_event, r.command_key)) continue;
    Status s = events->Add(r.method_event, r.command_key);
    if (!s.ok()) {  // raised again at the next sync
      Log(LogLevel::kError, "jobs", "cannot raise ", r.method_event, ": ", s.ToString());
      continue;
    }
    if (std::find(singles.begin(), singles.end(), r.single_event) == singles.end()) {
      singles.push_back(r.single_event);
    }
  }
  for (const char* single : singles) {
    if (events->Contains(single)) continue;
    Status s = events->Add(single);
    if (!s.ok()) Log(LogLevel::kError, "jobs", "cannot raise ", single, ": ", s.ToString());
  }
  return !singles.empty();
}

std::vector<JobReport> AnnouncedReports(const std::vector<JobReport>& reports,
                                        const Inform& inform) {
  std::vector<JobReport> out;
  for (const JobReport& r : reports) {
    if (Carries(inform, r.single_event, nullptr) &&
        Carries(inform, r.method_event, &r.command_key)) {
      out.push_back(r);
    }
  }
  return out;
}

}  // namespace edgecwmp::cwmp
