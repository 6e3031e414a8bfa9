// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace edgecwmp {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
// -1: not decided yet (decided at the first line, so a test's stderr redirection counts).
std::atomic<int> g_format{-1};
std::mutex g_mu;

const char* LevelName(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARN";
    case LogLevel::kError:
      return "ERROR";
  }
  return "?";
}

// sd-daemon(3) severities: LOG_DEBUG 7, LOG_INFO 6, LOG_WARNING 4, LOG_ERR 3.
char JournalPriority(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug:
      return '7';
    case LogLevel::kInfo:
      return '6';
    case LogLevel::kWarning:
      return '4';
    case LogLevel::kError:
      return '3';
  }
  return '6';
}

// |text| with every line break as the two characters "\n": a message quoting a peer's reply
// still makes one journal entry and one line for grep.
std::string OneLine(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

LogFormat CurrentFormat() {
  int f = g_format.load();
  if (f < 0) {
    f = static_cast<int>(DetectLogFormat());
    g_format = f;
  }
  return static_cast<LogFormat>(f);
}
}  // namespace

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }

bool ParseLogLevel(const std::string& text, LogLevel* level) {
  if (text == "debug") *level = LogLevel::kDebug;
  else if (text == "info") *level = LogLevel::kInfo;
  else if (text == "warning" || text == "warn") *level = LogLevel::kWarning;
  else if (text == "error") *level = LogLevel::kError;
  else return false;
  return true;
}

bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= g_level.load(); }

LogFormat DetectLogFormat() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return LogFormat::kPlain;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return LogFormat::kPlain;
  struct stat st {};
  // systemd exports the variable to children too; only a stderr still on that stream counts.
  if (::fstat(STDERR_FILENO, &st) != 0) return LogFormat::kPlain;
  return st.st_dev == dev && st.st_ino == ino ? LogFormat::kJournal : LogFormat::kPlain;
}

void SetLogFormat(LogFormat format) { g_format = static_cast<int>(format); }

std::string FormatLogLine(LogFormat format, LogLevel level, const char* component,
                          const std::string& text, std::time_t now, int pid) {
  std::string line;
  if (format == LogFormat::kJournal) {
    line = std::string("<") + JournalPriority(level) + ">";
  } else {
    char stamp[32];
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    line = std::string(stamp) + " cwmpd[" + std::to_string(pid) + "] " + LevelName(level) + " ";
  }
  line += component;
  line += ": ";
  line += OneLine(text);
  line += '\n';
  return line;
}

void LogLine(LogLevel level, const char* component, const std::string& text) {
  const std::string line = FormatLogLine(CurrentFormat(), level, component, text,
                                         std::time(nullptr), static_cast<int>(getpid()));
  std::lock_guard<std::mutex> lock(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace edgecwmp
