// SPDX-License-Identifier: GPL-2.0-or-later
// Log: one line per event on stderr. On a terminal or a file:
//   "2026-11-25T12:00:00Z cwmpd[pid] LEVEL component: text"
// When stderr is the systemd journal (JOURNAL_STREAM names stderr's device and inode, as systemd
// sets it for a unit's stdout/stderr), the journal adds time and pid itself and reads the severity
// from an sd-daemon prefix: "<6>component: text" (<7> debug, <6> info, <4> warning, <3> error),
// so `journalctl -p warning` filters and colours correctly.
// A line break inside |text| is written as "\n" (two characters): one event is one line.
// Callers never pass secrets: passwords are not arguments of any log call in this project.
#ifndef EDGECWMP_BASE_LOG_H_
#define EDGECWMP_BASE_LOG_H_

#include <ctime>
#include <sstream>
#include <string>

namespace edgecwmp {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

void SetLogLevel(LogLevel level);
bool ParseLogLevel(const std::string& text, LogLevel* level);
bool LogEnabled(LogLevel level);
void LogLine(LogLevel level, const char* component, const std::string& text);

enum class LogFormat { kPlain, kJournal };
// kJournal when $JOURNAL_STREAM ("<device>:<inode>") is the file stderr is open on; else kPlain.
LogFormat DetectLogFormat();
// Overrides what DetectLogFormat found at the first log line (tests, and a daemon that redirects
// stderr after start).
void SetLogFormat(LogFormat format);
// The line LogLine writes (with its '\n'), for time |now| and process |pid|.
std::string FormatLogLine(LogFormat format, LogLevel level, const char* component,
                          const std::string& text, std::time_t now, int pid);

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
