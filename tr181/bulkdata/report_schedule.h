// SPDX-License-Identifier: GPL-2.0-or-later
// When a bulk data profile reports and when a failed transfer is retried (TR-181 BulkData).
// Reporting intervals complete at TimeReference + k * ReportingInterval (k any integer); with the
// Unknown Time as TimeReference they complete at start + k * ReportingInterval, start being when
// the profile's schedule began (enabled, or its interval or reference changed). Retry n (from 1)
// waits a random time in [m * (k/1000)^(n-1), m * (k/1000)^n] seconds, m being
// HTTP.RetryMinimumWaitInterval and k HTTP.RetryIntervalMultiplier. Times are Unix seconds.
#ifndef EDGECWMP_TR181_BULKDATA_REPORT_SCHEDULE_H_
#define EDGECWMP_TR181_BULKDATA_REPORT_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <utility>

namespace edgecwmp::tr181::bulkdata {

// The first interval end strictly after |now|. |time_reference| empty = the Unknown Time, then
// phased on |start|. |interval| 0 is taken as 1.
int64_t NextReportTime(int64_t now, uint32_t interval, std::optional<int64_t> time_reference,
                       int64_t start);

// The wait bounds in seconds of retry |attempt| (1 = the first retry), capped at one day.
std::pair<int64_t, int64_t> RetryWaitBounds(uint32_t min_wait, uint32_t multiplier,
                                            uint32_t attempt);

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_REPORT_SCHEDULE_H_
