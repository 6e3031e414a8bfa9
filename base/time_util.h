// SPDX-License-Identifier: GPL-2.0-or-later
// Time helpers for CWMP: whole-second UTC time points that reach back to year 1 (TR-106's Unknown
// Time, 0001-01-01T00:00:00Z, does not fit std::chrono::system_clock's nanosecond range), and the
// xsd:dateTime text of TR-069/TR-106 (parse with or without fraction and zone; format as UTC 'Z').
#ifndef EDGECWMP_BASE_TIME_UTIL_H_
#define EDGECWMP_BASE_TIME_UTIL_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace edgecwmp {

// Seconds since 1970-01-01T00:00:00Z on the system clock's epoch, 64-bit.
using SysSeconds = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

SysSeconds NowSeconds();  // system_clock::now(), truncated to whole seconds

// Parses an xsd:dateTime: "YYYY-MM-DDThh:mm:ss", an optional fraction (dropped: the result is
// whole seconds, rounded down), and an optional zone ("Z", "+hh:mm", "-hh:mm"). Text without a zone
// is taken as UTC (TR-106 3.2: times are UTC unless stated otherwise). Returns InvalidValue (with
// the reason) for anything else, including out-of-range fields.
Status ParseDateTime(const std::string& text, SysSeconds* out);

// "YYYY-MM-DDThh:mm:ssZ" (UTC). Years outside 1..9999 are clamped to that range.
std::string FormatDateTime(SysSeconds t);
std::string NowDateTime();  // FormatDateTime(NowSeconds())

// TR-106 3.2: 0001-01-01T00:00:00Z is the Unknown Time, and any time before 1000-01-01 is not an
// absolute time (it counts from boot). Such values carry no absolute reference.
SysSeconds UnknownTime();
bool IsAbsoluteTime(SysSeconds t);

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_TIME_UTIL_H_
