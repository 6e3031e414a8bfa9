// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/nat/udp_e2e_support.h"

#include <algorithm>
#include <sstream>

namespace edgecwmp::nat {

std::optional<std::string> LoggedUdpAddress(const std::string& log) {
  static const std::string kMarker = "UDP connection requests at ";
  const size_t at = log.rfind(kMarker);
  if (at == std::string::npos) return std::nullopt;
  const size_t begin = at + kMarker.size();
  return log.substr(begin, log.find_first_of(" \n", begin) - begin);
}

size_t CountLines(const std::string& log, const std::string& needle) {
  std::istringstream in(log);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
  return n;
}

namespace {
bool IsAcceptedLine(const std::string& line) {
  return line.find("UDP connection request from") != std::string::npos &&
         line.find("ignored") == std::string::npos && line.size() >= 9 &&
         line.compare(line.size() - 9, 9, " accepted") == 0;
}
}  // namespace

size_t CountAccepted(const std::string& log) {
  std::istringstream in(log);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += IsAcceptedLine(line);
  return n;
}

size_t LastAcceptedAt(const std::string& log) {
  size_t last = std::string::npos;
  for (size_t begin = 0; begin < log.size();) {
    const size_t end = std::min(log.find('\n', begin), log.size());
    if (IsAcceptedLine(log.substr(begin, end - begin))) last = begin;
    begin = end + 1;
  }
  return last;
}

std::optional<std::string> InformValue(const acs::SessionRecord& s, const std::string& name) {
  if (!s.inform) return std::nullopt;
  for (const auto& p : s.inform->parameter_list) {
    if (p.name == name) return p.value;
  }
  return std::nullopt;
}

std::optional<std::string> ReturnedValue(const acs::SessionRecord& s, const std::string& name) {
  const auto values = s.ReturnedValues();
  const auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

}  // namespace edgecwmp::nat
