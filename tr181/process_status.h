// SPDX-License-Identifier: GPL-2.0-or-later
// ProcessStatus: binds Device.DeviceInfo.ProcessStatus. to /proc: CPUUsage over the interval
// between reads, and one Process.{i} row per running process. The instance number is the PID,
// which stays the same for as long as the row exists (TR-181 requires a row's instance number to
// be stable); a PID the kernel reuses later is a new row of a new process.
#ifndef EDGECWMP_TR181_PROCESS_STATUS_H_
#define EDGECWMP_TR181_PROCESS_STATUS_H_

#include "datamodel/datamodel.h"

namespace edgecwmp::tr181 {

Status BindProcessStatus(dm::DataModel* model);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_PROCESS_STATUS_H_
