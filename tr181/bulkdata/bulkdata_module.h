// SPDX-License-Identifier: GPL-2.0-or-later
// BulkDataModule: Device.BulkData. in the daemon. Bind() adds what the stored definitions cannot
// say (the live Status, the fixed capabilities, the checks on ReportingInterval, Reference and
// URL) and Start() runs a BulkDataReporter (bulkdata_reporter.h) on its own thread on the system
// clock. A committed change under Device.BulkData. wakes the thread, so a new or changed profile
// starts its schedule at once; otherwise it sleeps until the next report or retry is due.
#ifndef EDGECWMP_TR181_BULKDATA_BULKDATA_MODULE_H_
#define EDGECWMP_TR181_BULKDATA_BULKDATA_MODULE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "datamodel/datamodel.h"
#include "tr181/bulkdata/bulkdata_reporter.h"

namespace edgecwmp::tr181::bulkdata {

// Device.BulkData.MinReportingInterval: the shortest ReportingInterval accepted (9007 below).
inline constexpr uint32_t kMinReportingInterval = 1;
// Device.BulkData.MaxNumberOfProfiles (the definitions' maxEntries of Profile.{i}.).
inline constexpr int kMaxNumberOfProfiles = 16;

// Binds the Device.BulkData. parameters of |model|; a model without them (definitions without
// bulkdata.xml) is left alone.
Status BindBulkData(dm::DataModel* model);

class BulkDataModule {
 public:
  explicit BulkDataModule(ReporterOptions options);
  ~BulkDataModule();  // Stop()s
  BulkDataModule(const BulkDataModule&) = delete;
  BulkDataModule& operator=(const BulkDataModule&) = delete;

  // BindBulkData, and wakes the reporter on every change under Device.BulkData.
  Status Bind(dm::DataModel* model);
  // Starts the reporter thread (after Bind, once the model is loaded).
  void Start();
  void Stop();  // idempotent; waits for a transfer in progress

 private:
  void Wake();
  void Run();

  ReporterOptions options_;
  dm::DataModel* model_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, woken_ = false;
  std::thread thread_;
};

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_BULKDATA_MODULE_H_
