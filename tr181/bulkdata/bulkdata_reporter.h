// SPDX-License-Identifier: GPL-2.0-or-later
// BulkDataReporter: runs the Device.BulkData profiles (tr181/bulkdata.xml) on a clock its caller
// owns. Step(now) reads the profiles from the model and does what is due at |now|:
//  - a profile that appears, is enabled, or whose ReportingInterval or TimeReference changes
//    starts a new schedule at |now| (report_schedule.h);
//  - at each interval end it collects the referenced parameters (parameter_refs.h), encodes a
//    JSON report (report_json.h) and sends every undelivered report in one transfer, the
//    retained ones first, to HTTP.URL by HTTP.Method (base/http_client.h: Basic or Digest as the
//    collector asks, TLS verified), with "BBF-Report-Format" and, when UseDateHeader, "Date";
//  - a transfer fails unless the collector answers 2xx. With HTTP.RetryEnable it is retried
//    (report_schedule.h's back-off) until the next interval end; then, or at once without
//    RetryEnable, the newest NumberOfRetainedFailedReports undelivered reports are retained for
//    the next transfer.
// The undelivered reports that may be retained are written to <state_dir>/bulkdata-<n>.txt
// (retained_reports.h) before each transfer, so neither a restart nor a crash loses one; a crash
// between the collector's answer and the file's removal sends a report twice (at least once). The
// HTTP password is used for the transfer only: never logged, never in a report.
// Not thread-safe: one thread calls Step; the model is thread-safe.
#ifndef EDGECWMP_TR181_BULKDATA_BULKDATA_REPORTER_H_
#define EDGECWMP_TR181_BULKDATA_BULKDATA_REPORTER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/http_client.h"
#include "datamodel/datamodel.h"

namespace edgecwmp::tr181::bulkdata {

struct ReporterOptions {
  std::string state_dir;    // where retained reports are kept ("" = in memory only)
  TlsClientOptions tls;     // trust for https collectors
  long timeout_ms = 15000;  // one transfer; Stop() may wait this long
  // A number in [low, high] for a retry wait; default uniformly random.
  std::function<int64_t(int64_t low, int64_t high)> pick;
};

class BulkDataReporter {
 public:
  BulkDataReporter(const dm::DataModel* model, ReporterOptions options);
  ~BulkDataReporter();
  BulkDataReporter(const BulkDataReporter&) = delete;
  BulkDataReporter& operator=(const BulkDataReporter&) = delete;

  // Does what is due at |now| (Unix seconds); transfers happen inside this call.
  void Step(int64_t now);
  // When the next thing is due (a report or a retry); INT64_MAX when nothing is scheduled.
  int64_t NextDue() const;
  // The undelivered reports of profile |instance| now (retained and awaiting a retry).
  size_t Undelivered(uint32_t instance) const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_BULKDATA_REPORTER_H_
