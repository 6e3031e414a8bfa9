// SPDX-License-Identifier: GPL-2.0-or-later
#include "datamodel/path.h"

#include <string>

namespace edgecwmp::dm {
namespace {

bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool Split(std::string_view path, std::vector<std::string_view>* segments) {
  segments->clear();
  size_t start = 0;
  while (start < path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    if (dot == start) return false;  // empty segment: "A..B" or a leading '.'
    segments->push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return true;
}

}  // namespace

bool IsNameSegment(std::string_view s) {
  if (s.empty() || !(IsAlpha(s[0]) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(IsAlpha(c) || IsDigit(c) || c == '_' || c == '-')) return false;
  }
  return true;
}

bool ParseInstanceNumber(std::string_view s, uint32_t* number) {
  if (s.empty() || s.size() > 10 || s[0] == '0') return false;
  uint64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > UINT32_MAX) return false;
  *number = static_cast<uint32_t>(v);
  return true;
}

Status SplitPath(std::string_view path, SplitResult* out) {
  out->segments.clear();
  out->partial = path.empty() || path.back() == '.';
  if (path.empty()) return Status::Ok();
  if (!Split(path, &out->segments)) {
    return Status::InvalidName("malformed path \"" + std::string(path) + "\"");
  }
  uint32_t n;
  for (std::string_view seg : out->segments) {
    if (!IsNameSegment(seg) && !ParseInstanceNumber(seg, &n)) {
      return Status::InvalidName("malformed path \"" + std::string(path) + "\"");
    }
  }
  return Status::Ok();
}

bool SplitTemplatePath(std::string_view path, std::vector<std::string_view>* segments) {
  if (path.empty() || path.back() != '.') return false;
  if (!Split(path, segments)) return false;
  for (std::string_view seg : *segments) {
    if (seg != "{i}" && !IsNameSegment(seg)) return false;
  }
  return true;
}

}  // namespace edgecwmp::dm
