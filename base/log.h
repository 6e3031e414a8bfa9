// SPDX-License-Identifier: GPL-2.0-or-later
// Log: one line per event on stderr, "2026-11-25T12:00:00Z cwmpd[pid] LEVEL component: text".
// Callers never pass secrets: passwords are not arguments of any log call in this project.
#ifndef EDGECWMP_BASE_LOG_H_
#define EDGECWMP_BASE_LOG_H_

#include <sstream>
#include <string>

namespace edgecwmp {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

void SetLogLevel(LogLevel level);
bool ParseLogLevel(const std::string& text, LogLevel* level);
bool LogEnabled(LogLevel level);
void LogLine(LogLevel level, const char* component, const std::string& text);

namespace log_internal {
inline void Append(std::ostringstream&) {}
template <typename T, typename... Rest>
void Append(std::ostringstream& os, const T& first, const Rest&... rest) {
  os << first;
  Append(os, rest...);
}
}  // namespace log_internal

// Log(LogLevel::kInfo, "session", "Inform sent with ", n, " events");
template <typename... Args>
void Log(LogLevel level, const char* component, const Args&... args) {
  if (!LogEnabled(level)) return;
  std::ostringstream os;
  log_internal::Append(os, args...);
  LogLine(level, component, os.str());
}

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_LOG_H_
