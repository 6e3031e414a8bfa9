// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/device_time.h"

#include <sys/timex.h>

#include <cstdio>
#include <cstdlib>

#include "tr181/binding_util.h"

namespace edgecwmp::tr181 {

std::string FormatDateTime(std::time_t when, bool local) {
  struct tm parts;
  if ((local ? localtime_r(&when, &parts) : gmtime_r(&when, &parts)) == nullptr) {
    return "0001-01-01T00:00:00Z";
  }
  char text[40];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &parts);
  std::string out = text;
  if (!local) return out + "Z";
  // strftime's %z gives "+0100"; XML Schema dateTime wants "+01:00".
  const long offset = parts.tm_gmtoff;
  const int minutes = static_cast<int>((std::labs(offset) / 60) % (24 * 60));
  char zone[16];
  std::snprintf(zone, sizeof(zone), "%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return out + zone;
}

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
                             *value = FormatDateTime(std::time(nullptr), /*local=*/true);
                             return Status::Ok();
                           })));
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
