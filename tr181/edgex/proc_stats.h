// SPDX-License-Identifier: GPL-2.0-or-later
// What the process supervisor reads from /proc beyond tr181/proc_reader.h: the members of a
// process group (a service and everything it started) and the precise system uptime.
#ifndef EDGECWMP_TR181_EDGEX_PROC_STATS_H_
#define EDGECWMP_TR181_EDGEX_PROC_STATS_H_

#include <vector>

namespace edgecwmp::edgex {

// Pids whose process group is |pgid|, ascending, with |pgid| itself first when it is a member.
std::vector<int> ProcessGroupMembers(int pgid);
double SystemUptimeSeconds();  // /proc/uptime, with its fraction

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_PROC_STATS_H_
