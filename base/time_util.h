// SPDX-License-Identifier: GPL-2.0-or-later
// Time helpers for CWMP: whole-second UTC time points that reach back to year 1 (TR-106's Unknown
// Time, 0001-01-01T00:00:00Z, does not fit std::chrono::system_clock's nanosecond range), and the
// xsd:dateTime text of TR-069/TR-106 (parse with or without fraction and zone; format as UTC 'Z').
#ifndef EDGECWMP_BASE_TIME_UTIL_H_
#define EDGECWMP_BASE_TIME_UTIL_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace edgecwmp {

// Seconds since 1970-01-01T00:00:00Z on the system clock's epoch, 64-bit.
using SysSeconds = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

SysSeconds NowSeconds();  // system_clock::now(), truncated to whole seconds

// The fields of an xsd:dateTime text as written, not normalised (24:00:00 stays hour 24).
struct DateTimeFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool has_zone = false;        // "Z" or an offset was written
  int zone_offset_seconds = 0;  // east of UTC; 0 for "Z" or no zone
};

// The syntax all dateTime readers share: "YYYY-MM-DDThh:mm:ss", an optional fraction (dropped),
// an optional zone ("Z", "+hh:mm", "-hh:mm"); a real calendar day of a year from 1, hour <= 24,
// minute and second <= 59, zone hours <= 14 and minutes <= 59. Callers add their own limits (on
// hour 24, on zones beyond 14:00). InvalidValue with the bare reason otherwise.
Status ParseDateTimeFields(std::string_view text, DateTimeFields* out);

// Parses an xsd:dateTime: "YYYY-MM-DDThh:mm:ss", an optional fraction (dropped: the result is
// whole seconds, rounded down), and an optional zone ("Z", "+hh:mm", "-hh:mm"). Text without a zone
// is taken as UTC (TR-106 3.2: times are UTC unless stated otherwise). Returns InvalidValue (with
// the reason) for anything else, including out-of-range fields.
Status ParseDateTime(const std::string& text, SysSeconds* out);

// "YYYY-MM-DDThh:mm:ssZ" (UTC). Years outside 1..9999 are clamped to that range.
std::string FormatDateTime(SysSeconds t);
std::string NowDateTime();  // FormatDateTime(NowSeconds())

// "YYYY-MM-DDThh:mm:ss+hh:mm" in the process's local time zone (TZ, /etc/localtime); the Unknown
// Time when the C library cannot convert |t|.
std::string FormatLocalDateTime(SysSeconds t);

// TR-106 3.2: 0001-01-01T00:00:00Z is the Unknown Time, and any time before 1000-01-01 is not an
// absolute time (it counts from boot). Such values carry no absolute reference.
SysSeconds UnknownTime();
bool IsAbsoluteTime(SysSeconds t);

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_TIME_UTIL_H_
