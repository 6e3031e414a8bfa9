// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/device_time.h"

#include <sys/timex.h>

#include "base/time_util.h"
#include "tr181/binding_util.h"

namespace edgecwmp::tr181 {

std::string ClockStatus(bool enabled) {
  if (!enabled) return "Disabled";
  struct timex query = {};
  query.modes = 0;  // read only: needs no privilege
  const int state = adjtimex(&query);
  if (state == -1) return "Error";
  return state == TIME_ERROR ? "Unsynchronized" : "Synchronized";
}

Status BindTime(dm::DataModel* model) {
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.Time.Status", LiveValue([model](std::string* value) {
                             std::string enabled;
                             Status status = model->GetValue("Device.Time.Enable", &enabled);
                             if (!status.ok()) return status;
                             *value = ClockStatus(enabled == "true");
                             return Status::Ok();
                           })));
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.Time.CurrentLocalTime", LiveValue([](std::string* value) {
                             *value = FormatLocalDateTime(NowSeconds());
                             return Status::Ok();
                           })));
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
