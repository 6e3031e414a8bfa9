// SPDX-License-Identifier: GPL-2.0-or-later
// Linux /proc readers for per-process metrics: CPU time, start time and resident memory of a pid
// (/proc/<pid>/stat and /proc/<pid>/status) and the members of a process group.
#ifndef EDGECWMP_TR181_EDGEX_PROC_STATS_H_
#define EDGECWMP_TR181_EDGEX_PROC_STATS_H_

#include <cstdint>
#include <vector>

namespace edgecwmp::edgex {

struct ProcSample {
  int pid = 0;
  int pgrp = 0;
  char state = '?';          // R, S, D, Z, T, ...
  uint64_t cpu_ticks = 0;    // utime + stime, in clock ticks
  uint64_t start_ticks = 0;  // start time after boot, in clock ticks
  uint64_t rss_bytes = 0;    // VmRSS
};

// False when the process does not exist (or /proc is unreadable).
bool ReadProcSample(int pid, ProcSample* out);
// Pids whose process group is |pgid|, ascending, with |pgid| itself first when it is a member.
std::vector<int> ProcessGroupMembers(int pgid);
double SystemUptimeSeconds();  // /proc/uptime
long ClockTicksPerSecond();    // sysconf(_SC_CLK_TCK)

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_PROC_STATS_H_
