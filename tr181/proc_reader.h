// SPDX-License-Identifier: GPL-2.0-or-later
// ProcReader: the Linux /proc facts Device.DeviceInfo reports (uptime, memory, CPU time, the
// process table), parsed without exceptions. Every reader takes the /proc root so tests can feed
// crafted files; a missing or malformed file is a false return, never a crash.
#ifndef EDGECWMP_TR181_PROC_READER_H_
#define EDGECWMP_TR181_PROC_READER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace edgecwmp::tr181 {

inline constexpr const char* kProcRoot = "/proc";

// Whole seconds since boot (/proc/uptime, first field).
bool ReadUptimeSeconds(uint64_t* seconds, const std::string& root = kProcRoot);

struct MemInfo {
  uint64_t total_kib = 0;      // MemTotal
  uint64_t free_kib = 0;       // MemFree
  uint64_t available_kib = 0;  // MemAvailable (kernels >= 3.14), else MemFree
};
bool ReadMemInfo(MemInfo* info, const std::string& root = kProcRoot);

// Aggregate CPU jiffies from the "cpu " line of /proc/stat.
struct CpuTimes {
  uint64_t busy = 0;   // user + nice + system + irq + softirq + steal
  uint64_t total = 0;  // busy + idle + iowait
};
bool ReadCpuTimes(CpuTimes* times, const std::string& root = kProcRoot);

// Numeric entries of /proc, ascending.
std::vector<uint32_t> ListPids(const std::string& root = kProcRoot);

// The fields of /proc/<pid>/stat (proc(5)) the agent uses.
struct ProcStat {
  std::string comm;          // field 2, without its parentheses
  char state = '?';          // field 3: the kernel's one-letter state
  int64_t pgrp = 0;          // field 5
  uint64_t cpu_ticks = 0;    // utime + stime (fields 14, 15), in clock ticks
  int64_t priority = 0;      // field 18, as the kernel reports it
  uint64_t start_ticks = 0;  // field 22: start time after boot, in clock ticks
  uint64_t rss_kib = 0;      // field 24 (pages), in KiB
};
bool ReadProcStat(uint32_t pid, ProcStat* stat, const std::string& root = kProcRoot);

// sysconf(_SC_CLK_TCK): the unit of ProcStat's tick counts.
long ClockTicksPerSecond();

struct ProcessInfo {
  uint32_t pid = 0;
  std::string command;       // cmdline joined by spaces; "[comm]" for kernel threads
  uint64_t size_kib = 0;     // resident set size
  uint32_t priority = 0;     // TR-181: 0 is highest, 0..99
  uint64_t cpu_time_ms = 0;  // utime + stime
  char state = '?';          // the kernel's one-letter state
};
bool ReadProcess(uint32_t pid, ProcessInfo* info, const std::string& root = kProcRoot);

// TR-181 Process.{i}.State for a kernel state letter ("Running", "Sleeping", ...).
const char* ProcessStateName(char state);

// CPU usage in percent over the interval since the previous reading (TR-181 CPUUsage). The first
// reading, or one taken too soon after the last to be meaningful, reports the last known value
// (initially the average since boot). Thread-safe.
class CpuUsageMeter {
 public:
  explicit CpuUsageMeter(std::string root = kProcRoot);
  bool Percent(uint32_t* percent);

 private:
  std::mutex mu_;
  std::string root_;
  CpuTimes last_;
  bool have_last_ = false;
  uint32_t last_percent_ = 0;
};

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_PROC_READER_H_
