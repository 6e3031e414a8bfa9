// SPDX-License-Identifier: GPL-2.0-or-later
// A real server program as a test's child process: started with its output appended to a log
// file, ready when its loopback TCP port accepts connections, stopped with SIGTERM (SIGKILL after
// a deadline) and always reaped.
#ifndef EDGECWMP_TESTS_SUPPORT_SERVER_PROCESS_H_
#define EDGECWMP_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace edgecwmp::testing {

// True if a TCP connection to |address|:|port| (IPv4) succeeds now.
bool AcceptsTcp(const std::string& address, uint16_t port);

// Forks and execs |argv| (searched in PATH) with stdout and stderr appended to |log_file|; then
// waits up to 20 s until |address|:|port| accepts. The pid when it does; -1 (the child stopped and
// reaped, the log's text in *error) when not.
pid_t StartServerProcess(const std::vector<std::string>& argv, const std::string& log_file,
                         const std::string& address, uint16_t port, std::string* error);

// SIGTERM, SIGKILL after 10 s; reaps it and sets *pid to -1. Nothing when *pid <= 0.
void StopServerProcess(pid_t* pid);

// The whole of |path| ("" when it cannot be read).
std::string ReadLog(const std::string& path);

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_SERVER_PROCESS_H_
