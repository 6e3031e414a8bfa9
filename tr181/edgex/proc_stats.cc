// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/proc_stats.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "base/file_io.h"
#include "tr181/proc_reader.h"

namespace edgecwmp::edgex {

std::vector<int> ProcessGroupMembers(int pgid) {
  std::vector<int> members;
  for (uint32_t pid : tr181::ListPids()) {
    tr181::ProcStat stat;
    if (tr181::ReadProcStat(pid, &stat) && stat.pgrp == pgid) {
      members.push_back(static_cast<int>(pid));
    }
  }
  auto leader = std::find(members.begin(), members.end(), pgid);  // ListPids is ascending
  if (leader != members.end()) std::rotate(members.begin(), leader, leader + 1);
  return members;
}

double SystemUptimeSeconds() {
  std::string text;
  if (!ReadFile("/proc/uptime", &text).ok()) return 0;
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace edgecwmp::edgex
