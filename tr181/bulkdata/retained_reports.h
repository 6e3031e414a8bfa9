// SPDX-License-Identifier: GPL-2.0-or-later
// The reports of one bulk data profile that are not delivered yet, kept in a RecordFile
// (base/record_file.h: atomic replace, 0600, checksummed records) so that they survive a restart
// and a crash at any point. One record per report, oldest first: its collection time, then name,
// type and value of each item (secret values were never collected). An empty list is no file.
#ifndef EDGECWMP_TR181_BULKDATA_RETAINED_REPORTS_H_
#define EDGECWMP_TR181_BULKDATA_RETAINED_REPORTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "tr181/bulkdata/report_json.h"

namespace edgecwmp::tr181::bulkdata {

// NumberOfRetainedFailedReports -1 ("as many as possible") keeps at most this many.
inline constexpr size_t kMaxRetainedReports = 256;

// Reads |path|; a missing file is an empty list. Damaged records, and records that are not a
// report (a bad time or type, a missing field), are dropped (|note| says so).
Status LoadRetainedReports(const std::string& path, std::vector<CollectedReport>* reports,
                           std::string* note);
// Replaces |path| with |reports| (removes it when empty).
Status SaveRetainedReports(const std::string& path, const std::vector<CollectedReport>& reports);

// The newest |limit| of |reports| (-1: kMaxRetainedReports; 0: none).
std::vector<CollectedReport> NewestReports(std::vector<CollectedReport> reports, int64_t limit);

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_RETAINED_REPORTS_H_
