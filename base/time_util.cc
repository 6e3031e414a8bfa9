// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/time_util.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace edgecwmp {

namespace {

// Proleptic Gregorian calendar ↔ day count since 1970-01-01 (H. Hinnant's civil algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly |n| digits at |*pos|.
bool Digits(std::string_view s, size_t* pos, size_t n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

}  // namespace

SysSeconds NowSeconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Status ParseDateTimeFields(std::string_view text, DateTimeFields* out) {
  const auto bad = [](const char* why) { return Status::InvalidValue(why); };
  DateTimeFields f;
  size_t pos = 0;
  if (!Digits(text, &pos, 4, &f.year) || !Expect(text, &pos, '-') ||
      !Digits(text, &pos, 2, &f.month) || !Expect(text, &pos, '-') ||
      !Digits(text, &pos, 2, &f.day) || !Expect(text, &pos, 'T') ||
      !Digits(text, &pos, 2, &f.hour) || !Expect(text, &pos, ':') ||
      !Digits(text, &pos, 2, &f.minute) || !Expect(text, &pos, ':') ||
      !Digits(text, &pos, 2, &f.second)) {
    return bad("expected YYYY-MM-DDThh:mm:ss");
  }
  if (f.year < 1) return bad("year 0000 does not exist");
  if (f.month < 1 || f.month > 12) return bad("month out of range");
  if (f.day < 1 || static_cast<unsigned>(f.day) > DaysInMonth(f.year, f.month)) {
    return bad("day out of range");
  }
  if (f.hour > 24 || f.minute > 59 || f.second > 59) return bad("time out of range");
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return bad("empty fraction");
  }
  if (pos < text.size()) {
    if (text[pos] == 'Z') {
      ++pos;
      f.has_zone = true;
    } else if (text[pos] == '+' || text[pos] == '-') {
      const int sign = text[pos] == '-' ? -1 : 1;
      ++pos;
      int zh, zm;
      if (!Digits(text, &pos, 2, &zh) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &zm) ||
          zh > 14 || zm > 59) {
        return bad("bad zone");
      }
      f.has_zone = true;
      f.zone_offset_seconds = sign * (zh * 3600 + zm * 60);
    }
  }
  if (pos != text.size()) return bad("trailing characters");
  *out = f;
  return Status::Ok();
}

Status ParseDateTime(const std::string& text, SysSeconds* out) {
  DateTimeFields f;
  Status s = ParseDateTimeFields(text, &f);
  // 24:00:00 is the end of the day in xsd:dateTime; leap seconds are not representable here.
  if (s.ok() && f.hour == 24 && (f.minute || f.second)) {
    s = Status::InvalidValue("time out of range");
  }
  if (!s.ok()) return Status::InvalidValue("dateTime '" + text + "': " + s.message());
  const int64_t days =
      DaysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
  const int64_t secs =
      days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.zone_offset_seconds;
  *out = SysSeconds(std::chrono::seconds(secs));
  return Status::Ok();
}

std::string FormatDateTime(SysSeconds t) {
  static const int64_t kMin = DaysFromCivil(1, 1, 1) * 86400;
  static const int64_t kMax = DaysFromCivil(9999, 12, 31) * 86400 + 86399;
  int64_t secs = t.time_since_epoch().count();
  if (secs < kMin) secs = kMin;
  if (secs > kMax) secs = kMax;
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                d, static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

std::string NowDateTime() { return FormatDateTime(NowSeconds()); }

std::string FormatLocalDateTime(SysSeconds t) {
  const std::time_t when = static_cast<std::time_t>(t.time_since_epoch().count());
  struct tm parts;
  if (localtime_r(&when, &parts) == nullptr) return FormatDateTime(UnknownTime());
  char text[40];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &parts);
  // strftime's %z gives "+0100"; XML Schema dateTime wants "+01:00".
  const long offset = parts.tm_gmtoff;
  const int minutes = static_cast<int>((std::labs(offset) / 60) % (24 * 60));
  char zone[16];
  std::snprintf(zone, sizeof(zone), "%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return std::string(text) + zone;
}

SysSeconds UnknownTime() {
  return SysSeconds(std::chrono::seconds(DaysFromCivil(1, 1, 1) * 86400));
}

bool IsAbsoluteTime(SysSeconds t) {
  static const int64_t kYear1000 = DaysFromCivil(1000, 1, 1) * 86400;
  return t.time_since_epoch().count() >= kYear1000;
}

}  // namespace edgecwmp
