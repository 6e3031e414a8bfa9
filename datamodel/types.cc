// SPDX-License-Identifier: GPL-2.0-or-later
// Lexical rules of the TR-106 primitive types (TR-106 section 3.2, XML Schema Part 2).
#include "datamodel/types.h"

#include <cstring>

namespace edgecwmp::dm {
namespace {

struct TypeEntry {
  Type type;
  const char* name;
};

constexpr TypeEntry kTypes[] = {
    {Type::kString, "string"},
    {Type::kInt, "int"},
    {Type::kUnsignedInt, "unsignedInt"},
    {Type::kLong, "long"},
    {Type::kUnsignedLong, "unsignedLong"},
    {Type::kBoolean, "boolean"},
    {Type::kDateTime, "dateTime"},
    {Type::kBase64, "base64"},
    {Type::kHexBinary, "hexBinary"},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Status Bad(Type type, std::string_view in, const char* why) {
  std::string m = "\"";
  m.append(in.substr(0, 64));
  m += "\" is not a valid ";
  m += TypeName(type);
  m += ": ";
  m += why;
  return Status::InvalidType(std::move(m));
}

// Integers: optional sign, at least one digit, nothing else. |max_magnitude| is the largest
// magnitude for the sign found (e.g. 2^31 for a negative int32).
Status CanonicalInteger(Type type, std::string_view in, bool is_signed, uint64_t max_positive,
                        uint64_t max_negative, std::string* out) {
  size_t i = 0;
  bool negative = false;
  if (i < in.size() && (in[i] == '+' || in[i] == '-')) {
    negative = in[i] == '-';
    ++i;
  }
  if (i == in.size()) return Bad(type, in, "no digits");
  uint64_t magnitude = 0;
  for (; i < in.size(); ++i) {
    if (!IsDigit(in[i])) return Bad(type, in, "not a decimal integer");
    uint64_t digit = static_cast<uint64_t>(in[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) return Bad(type, in, "out of range");
    magnitude = magnitude * 10 + digit;
  }
  if (negative && magnitude != 0 && !is_signed) return Bad(type, in, "negative");
  if (negative ? magnitude > max_negative : magnitude > max_positive) {
    return Bad(type, in, "out of range");
  }
  *out = (negative && magnitude != 0) ? "-" : "";
  *out += std::to_string(magnitude);
  return Status::Ok();
}

// Reads exactly |n| digits at |*pos|.
bool ReadDigits(std::string_view s, size_t* pos, size_t n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[*pos + k];
    if (!IsDigit(c)) return false;
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

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// TR-106 3.2.1: YYYY-MM-DDThh:mm:ss[.fraction][Z|(+|-)hh:mm]. Unknown times use year 0001.
Status CheckDateTime(std::string_view in) {
  const Type t = Type::kDateTime;
  size_t p = 0;
  int year, month, day, hour, minute, second;
  if (!ReadDigits(in, &p, 4, &year) || !Expect(in, &p, '-') || !ReadDigits(in, &p, 2, &month) ||
      !Expect(in, &p, '-') || !ReadDigits(in, &p, 2, &day) || !Expect(in, &p, 'T') ||
      !ReadDigits(in, &p, 2, &hour) || !Expect(in, &p, ':') || !ReadDigits(in, &p, 2, &minute) ||
      !Expect(in, &p, ':') || !ReadDigits(in, &p, 2, &second)) {
    return Bad(t, in, "expected YYYY-MM-DDThh:mm:ss");
  }
  if (year < 1) return Bad(t, in, "year 0000");
  if (month < 1 || month > 12) return Bad(t, in, "month out of range");
  if (day < 1 || day > DaysInMonth(year, month)) return Bad(t, in, "day out of range");
  if (hour > 23 || minute > 59 || second > 59) return Bad(t, in, "time out of range");
  if (p < in.size() && in[p] == '.') {
    ++p;
    size_t start = p;
    while (p < in.size() && IsDigit(in[p])) ++p;
    if (p == start) return Bad(t, in, "empty fraction");
  }
  if (p == in.size()) return Status::Ok();  // no zone: local time (TR-106 allows it)
  if (in[p] == 'Z') {
    ++p;
  } else if (in[p] == '+' || in[p] == '-') {
    ++p;
    int zh, zm;
    if (!ReadDigits(in, &p, 2, &zh) || !Expect(in, &p, ':') || !ReadDigits(in, &p, 2, &zm)) {
      return Bad(t, in, "bad time zone");
    }
    if (zh > 14 || zm > 59 || (zh == 14 && zm != 0)) return Bad(t, in, "time zone out of range");
  } else {
    return Bad(t, in, "unexpected text after the time");
  }
  if (p != in.size()) return Bad(t, in, "trailing text");
  return Status::Ok();
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c) || c == '+' || c == '/';
}

Status CheckBase64(std::string_view in) {
  if (in.size() % 4 != 0) return Bad(Type::kBase64, in, "length is not a multiple of 4");
  size_t pad = 0;
  if (!in.empty() && in.back() == '=') ++pad;
  if (in.size() >= 2 && in[in.size() - 2] == '=') ++pad;
  for (size_t i = 0; i < in.size() - pad; ++i) {
    if (!IsBase64Char(in[i])) return Bad(Type::kBase64, in, "invalid character");
  }
  return Status::Ok();
}

bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

Status CheckHexBinary(std::string_view in) {
  if (in.size() % 2 != 0) return Bad(Type::kHexBinary, in, "odd number of digits");
  for (char c : in) {
    if (!IsHexDigit(c)) return Bad(Type::kHexBinary, in, "invalid character");
  }
  return Status::Ok();
}

}  // namespace

const char* TypeName(Type type) {
  for (const TypeEntry& e : kTypes) {
    if (e.type == type) return e.name;
  }
  return "string";
}

bool ParseTypeName(std::string_view name, Type* type) {
  if (name.substr(0, 4) == "xsd:") name.remove_prefix(4);
  for (const TypeEntry& e : kTypes) {
    if (name == e.name) {
      *type = e.type;
      return true;
    }
  }
  return false;
}

Status Canonicalize(Type type, std::string_view in, std::string* out) {
  switch (type) {
    case Type::kString:
      out->assign(in);
      return Status::Ok();
    case Type::kInt:
      return CanonicalInteger(type, in, true, INT32_MAX, uint64_t{1} << 31, out);
    case Type::kUnsignedInt:
      return CanonicalInteger(type, in, false, UINT32_MAX, 0, out);
    case Type::kLong:
      return CanonicalInteger(type, in, true, INT64_MAX, uint64_t{1} << 63, out);
    case Type::kUnsignedLong:
      return CanonicalInteger(type, in, false, UINT64_MAX, 0, out);
    case Type::kBoolean:
      if (in == "true" || in == "1") {
        *out = "true";
      } else if (in == "false" || in == "0") {
        *out = "false";
      } else {
        return Bad(type, in, "expected true, false, 1 or 0");
      }
      return Status::Ok();
    case Type::kDateTime: {
      Status s = CheckDateTime(in);
      if (s.ok()) out->assign(in);
      return s;
    }
    case Type::kBase64: {
      Status s = CheckBase64(in);
      if (s.ok()) out->assign(in);
      return s;
    }
    case Type::kHexBinary: {
      Status s = CheckHexBinary(in);
      if (s.ok()) out->assign(in);
      return s;
    }
  }
  return Status::InvalidType("unknown type");
}

}  // namespace edgecwmp::dm
