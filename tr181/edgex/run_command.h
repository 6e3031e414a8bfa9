// SPDX-License-Identifier: GPL-2.0-or-later
// RunCommand: runs a program (no shell) with a timeout and captures its stdout and stderr. The
// child is killed when the timeout expires. Thread-safe (posix_spawn; waits only for its own pid).
#ifndef EDGECWMP_TR181_EDGEX_RUN_COMMAND_H_
#define EDGECWMP_TR181_EDGEX_RUN_COMMAND_H_

#include <chrono>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex {

struct CommandResult {
  int exit_code = -1;  // exit status, or 128 + signal
  std::string out;     // stdout
  std::string err;     // stderr
};

// Fails only when the program cannot be run or times out; a non-zero exit is a result.
Status RunCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                  CommandResult* result);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_RUN_COMMAND_H_
