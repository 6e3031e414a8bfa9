// SPDX-License-Identifier: GPL-2.0-or-later
// DeviceTime: binds Device.Time. to the system clock. Status reflects the kernel's clock
// synchronisation (adjtimex) since edgecwmp runs no NTP client of its own; CurrentLocalTime is
// read live; Enable, NTPServer1..5 and LocalTimeZone are stored values.
#ifndef EDGECWMP_TR181_DEVICE_TIME_H_
#define EDGECWMP_TR181_DEVICE_TIME_H_

#include <string>

#include "datamodel/datamodel.h"

namespace edgecwmp::tr181 {

// Device.Time.Status for a clock that is (or is not) enabled: "Disabled", "Synchronized",
// "Unsynchronized" or "Error" (the kernel could not be asked).
std::string ClockStatus(bool enabled);

Status BindTime(dm::DataModel* model);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DEVICE_TIME_H_
