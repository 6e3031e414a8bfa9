// SPDX-License-Identifier: GPL-2.0-or-later
// Lexical rules of the TR-106 primitive types (TR-106 section 3.2, XML Schema Part 2).
#include "datamodel/types.h"

#include <cstring>

#include "base/time_util.h"

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

// TR-106 3.2.1: YYYY-MM-DDThh:mm:ss[.fraction][Z|(+|-)hh:mm]. Unknown times use year 0001. Text
// without a zone is local time (TR-106 allows it). The syntax is base's (time_util.h); a stored
// value is held to two more limits than ParseDateTime, which also reads what an ACS sends: hours
// 00..23 (no 24:00:00) and zones within +/-14:00, as XML Schema bounds them.
Status CheckDateTime(std::string_view in) {
  DateTimeFields f;
  Status s = ParseDateTimeFields(in, &f);
  if (!s.ok()) return Bad(Type::kDateTime, in, s.message().c_str());
  if (f.hour > 23) return Bad(Type::kDateTime, in, "time out of range");
  if (f.zone_offset_seconds > 14 * 3600 || f.zone_offset_seconds < -14 * 3600) {
    return Bad(Type::kDateTime, in, "time zone out of range");
  }
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
