// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/proc_stats.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace edgecwmp::edgex {

namespace {

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

// proc(5): the comm field (2) is in parentheses and may contain spaces or ')', so the fields are
// counted from the last ')'. Field 3 is state; 5 pgrp; 14 utime; 15 stime; 22 starttime.
bool ParseStat(const std::string& text, ProcSample* out) {
  size_t close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream fields(text.substr(close + 1));
  std::string field;
  for (int index = 3; fields >> field; ++index) {
    switch (index) {
      case 3: out->state = field.empty() ? '?' : field[0]; break;
      case 5: out->pgrp = std::atoi(field.c_str()); break;
      case 14: out->cpu_ticks = std::strtoull(field.c_str(), nullptr, 10); break;
      case 15: out->cpu_ticks += std::strtoull(field.c_str(), nullptr, 10); break;
      case 22: out->start_ticks = std::strtoull(field.c_str(), nullptr, 10); return true;
      default: break;
    }
  }
  return false;
}

uint64_t ParseVmRssBytes(const std::string& status) {
  size_t at = status.find("\nVmRSS:");
  if (at == std::string::npos) return 0;  // kernel threads and zombies have none
  return std::strtoull(status.c_str() + at + 7, nullptr, 10) * 1024;  // reported in kB
}

}  // namespace

bool ReadProcSample(int pid, ProcSample* out) {
  std::string base = "/proc/" + std::to_string(pid);
  std::string stat;
  if (!ReadFile(base + "/stat", &stat)) return false;
  ProcSample sample;
  sample.pid = pid;
  if (!ParseStat(stat, &sample)) return false;
  std::string status;
  if (ReadFile(base + "/status", &status)) sample.rss_bytes = ParseVmRssBytes(status);
  *out = sample;
  return true;
}

std::vector<int> ProcessGroupMembers(int pgid) {
  std::vector<int> members;
  DIR* dir = opendir("/proc");
  if (dir == nullptr) return members;
  while (dirent* entry = readdir(dir)) {
    const char* name = entry->d_name;
    if (name[0] < '1' || name[0] > '9') continue;
    int pid = std::atoi(name);
    std::string stat;
    ProcSample sample;
    if (!ReadFile(std::string("/proc/") + name + "/stat", &stat)) continue;
    if (ParseStat(stat, &sample) && sample.pgrp == pgid) members.push_back(pid);
  }
  closedir(dir);
  std::sort(members.begin(), members.end());
  auto leader = std::find(members.begin(), members.end(), pgid);
  if (leader != members.end()) std::rotate(members.begin(), leader, leader + 1);
  return members;
}

double SystemUptimeSeconds() {
  std::string text;
  if (!ReadFile("/proc/uptime", &text)) return 0;
  return std::strtod(text.c_str(), nullptr);
}

long ClockTicksPerSecond() {
  static const long ticks = [] {
    long value = sysconf(_SC_CLK_TCK);
    return value > 0 ? value : 100;
  }();
  return ticks;
}

}  // namespace edgecwmp::edgex
