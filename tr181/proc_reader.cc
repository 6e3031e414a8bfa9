// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/proc_reader.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tr181/binding_util.h"

namespace edgecwmp::tr181 {
namespace {

bool Slurp(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

bool ParseU64(const std::string& text, uint64_t* value) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str()) return false;
  *value = v;
  return true;
}

bool ParseI64(const std::string& text, int64_t* value) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0') return false;
  *value = v;
  return true;
}

long PageSizeKib() {
  long page = sysconf(_SC_PAGESIZE);
  return page >= 1024 ? page / 1024 : 4;
}

}  // namespace

long ClockTicksPerSecond() {
  static const long ticks = [] {
    long value = sysconf(_SC_CLK_TCK);
    return value > 0 ? value : 100;
  }();
  return ticks;
}

bool ReadUptimeSeconds(uint64_t* seconds, const std::string& root) {
  std::string text;
  if (!Slurp(root + "/uptime", &text)) return false;
  // "12345.67 23456.78": keep the whole seconds of the first field.
  return ParseU64(text, seconds);
}

bool ReadMemInfo(MemInfo* info, const std::string& root) {
  std::ifstream in(root + "/meminfo");
  if (!in) return false;
  MemInfo result;
  bool have_total = false, have_free = false, have_available = false;
  std::string key;
  uint64_t value = 0;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string number;
    if (!(fields >> key >> number) || !ParseU64(number, &value)) continue;
    if (key == "MemTotal:") {
      result.total_kib = value;
      have_total = true;
    } else if (key == "MemFree:") {
      result.free_kib = value;
      have_free = true;
    } else if (key == "MemAvailable:") {
      result.available_kib = value;
      have_available = true;
    }
  }
  if (!have_total || !have_free) return false;
  if (!have_available) result.available_kib = result.free_kib;
  *info = result;
  return true;
}

bool ReadCpuTimes(CpuTimes* times, const std::string& root) {
  std::ifstream in(root + "/stat");
  std::string line;
  if (!in || !std::getline(in, line) || line.compare(0, 4, "cpu ") != 0) return false;
  std::istringstream fields(line.substr(4));
  // user nice system idle iowait irq softirq steal (guest time is already inside user/nice).
  uint64_t v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int n = 0;
  std::string word;
  while (n < 8 && fields >> word) {
    if (!ParseU64(word, &v[n])) return false;
    ++n;
  }
  if (n < 4) return false;
  const uint64_t idle = v[3] + v[4];
  times->busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
  times->total = times->busy + idle;
  return true;
}

std::vector<uint32_t> ListPids(const std::string& root) {
  std::vector<uint32_t> pids;
  DIR* dir = opendir(root.c_str());
  if (dir == nullptr) return pids;
  while (struct dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    uint64_t pid = 0;
    if (ParseU64(name, &pid) && pid > 0 && pid <= UINT32_MAX) {
      pids.push_back(static_cast<uint32_t>(pid));
    }
  }
  closedir(dir);
  std::sort(pids.begin(), pids.end());
  return pids;
}

bool ReadProcStat(uint32_t pid, ProcStat* out, const std::string& root) {
  std::string stat;
  if (!Slurp(root + "/" + std::to_string(pid) + "/stat", &stat)) return false;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
  const size_t open = stat.find('(');
  const size_t close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return false;
  std::istringstream rest(stat.substr(close + 1));
  std::vector<std::string> fields;  // fields[0] is field 3 (state) of proc(5)
  std::string word;
  while (fields.size() < 22 && rest >> word) fields.push_back(word);
  if (fields.size() < 22 || fields[0].size() != 1) return false;
  ProcStat result;
  uint64_t utime = 0, stime = 0;
  int64_t rss_pages = 0;
  // proc(5): pgrp 5, utime 14, stime 15, priority 18, starttime 22, rss 24.
  if (!ParseI64(fields[2], &result.pgrp) || !ParseU64(fields[11], &utime) ||
      !ParseU64(fields[12], &stime) || !ParseI64(fields[15], &result.priority) ||
      !ParseU64(fields[19], &result.start_ticks) || !ParseI64(fields[21], &rss_pages)) {
    return false;
  }
  result.comm = stat.substr(open + 1, close - open - 1);
  result.state = fields[0][0];
  result.cpu_ticks = utime + stime;
  result.rss_kib =
      rss_pages > 0 ? static_cast<uint64_t>(rss_pages) * static_cast<uint64_t>(PageSizeKib()) : 0;
  *out = std::move(result);
  return true;
}

bool ReadProcess(uint32_t pid, ProcessInfo* info, const std::string& root) {
  ProcStat stat;
  if (!ReadProcStat(pid, &stat, root)) return false;
  ProcessInfo result;
  result.pid = pid;
  result.state = stat.state;
  // Normal tasks report 20 + nice (0..39), real-time ones a negative value: both map into
  // TR-181's "0 is highest" scale, clamped to its 0..99 range.
  result.priority = static_cast<uint32_t>(std::clamp<int64_t>(stat.priority, 0, 99));
  result.cpu_time_ms = stat.cpu_ticks * 1000 / static_cast<uint64_t>(ClockTicksPerSecond());
  result.size_kib = stat.rss_kib;

  std::string cmdline;
  if (Slurp(root + "/" + std::to_string(pid) + "/cmdline", &cmdline) && !cmdline.empty()) {
    while (!cmdline.empty() && cmdline.back() == '\0') cmdline.pop_back();
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    result.command = cmdline;
  } else {
    result.command = "[" + stat.comm + "]";  // kernel thread or zombie: no command line
  }
  result.command = TruncateUtf8(std::move(result.command), 256);  // TR-181 maxLength
  *info = std::move(result);
  return true;
}

const char* ProcessStateName(char state) {
  switch (state) {
    case 'R':
      return "Running";
    case 'S':
      return "Sleeping";
    case 'T':
    case 't':
      return "Stopped";
    case 'I':
      return "Idle";
    case 'D':
      return "Uninterruptible";
    case 'Z':
    case 'X':
    case 'x':
      return "Zombie";
    default:
      return "Sleeping";
  }
}

CpuUsageMeter::CpuUsageMeter(std::string root) : root_(std::move(root)) {}

bool CpuUsageMeter::Percent(uint32_t* percent) {
  // Fewer jiffies than this between two readings says more about timer granularity than load.
  constexpr uint64_t kMinimumInterval = 20;
  std::lock_guard<std::mutex> lock(mu_);
  CpuTimes now;
  if (!ReadCpuTimes(&now, root_)) return false;
  if (!have_last_) {
    last_percent_ = now.total == 0 ? 0 : static_cast<uint32_t>(now.busy * 100 / now.total);
    last_ = now;
    have_last_ = true;
  } else if (now.total >= last_.total + kMinimumInterval && now.busy >= last_.busy) {
    const uint64_t busy = now.busy - last_.busy;
    const uint64_t total = now.total - last_.total;
    last_percent_ = static_cast<uint32_t>(std::min<uint64_t>(100, busy * 100 / total));
    last_ = now;
  }
  *percent = std::min<uint32_t>(100, last_percent_);
  return true;
}

}  // namespace edgecwmp::tr181
