// SPDX-License-Identifier: GPL-2.0-or-later
// AgentProcess: the real cwmpd daemon as a child process of an end-to-end test. It writes a config
// file (state dir, ACS URL, connection-request listener on 127.0.0.1, fast value-change polling)
// into a directory the test owns, fork/execs $EDGECWMP_BINARY_DIR/cwmp/cwmpd with it, appends the
// daemon's stderr to a log file there, and stops it with SIGTERM (clean exit) or SIGKILL. A
// restart with the same directory keeps the daemon's persisted state.
#ifndef EDGECWMP_TESTS_E2E_AGENT_PROCESS_H_
#define EDGECWMP_TESTS_E2E_AGENT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tests/support/free_port.h"

namespace edgecwmp::e2e {

struct AgentSettings {
  std::string acs_url;
  std::string max_version = "1.4";
  uint32_t acs_timeout_seconds = 5;
  uint16_t cr_port = 0;      // 0: a free loopback port picked once (stable across restarts)
  uint16_t cr_udp_port = 0;  // the same for UDP connection requests
  std::string cr_username = "cr-user";
  std::string cr_password = "cr-secret";
  // Any further "section.option" = value lines (they win over the fields above).
  std::map<std::string, std::string> extra;
  // Command-line arguments after "--config <file>" (e.g. "--once").
  std::vector<std::string> extra_args;
  // Run cwmpd through this command, first element an absolute path (the NAT tests:
  // {"/usr/sbin/ip", "netns", "exec", "<ns>"}; ip execs cwmpd, so the pid stays the daemon's).
  std::vector<std::string> command_prefix;
};

class AgentProcess {
 public:
  // |dir| must exist; the config, the state dir and the log go there.
  AgentProcess(std::string dir, AgentSettings settings);
  ~AgentProcess();  // SIGKILLs a daemon still running
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  bool Start();  // false when fork/exec failed (the log says why)
  // SIGTERM and wait (generous deadline); the exit status, or -1 when it did not end normally
  // (killed by a signal, or SIGKILLed after the deadline).
  int Terminate(std::chrono::milliseconds deadline = std::chrono::seconds(15));
  void Kill();  // SIGKILL and reap
  // Waits for a daemon that ends on its own (--once); its exit status, or -1 when it was killed
  // by a signal or was still running at the deadline (then it is SIGKILLed).
  int WaitExit(std::chrono::milliseconds deadline);
  bool Running();  // reaps a daemon that exited on its own
  pid_t pid() const { return pid_; }

  const std::string& state_dir() const { return state_dir_; }
  const std::string& config_file() const { return config_file_; }
  std::string cr_url() const;  // http://127.0.0.1:<port>/
  uint16_t cr_port() const { return settings_.cr_port; }
  const AgentSettings& settings() const { return settings_; }
  std::string Log() const;  // everything the daemon wrote to stderr, across restarts
  bool WaitForLog(const std::string& text, std::chrono::milliseconds timeout) const;
  size_t CountInLog(const std::string& text) const;
  long VmRssKb() const;  // from /proc/<pid>/status; -1 when unknown

 private:
  void WriteConfig();

  std::string dir_, state_dir_, config_file_, log_file_;
  AgentSettings settings_;
  pid_t pid_ = -1;
};

using testing::FreeLoopbackPort;  // tests/support/free_port.h

// $EDGECWMP_BINARY_DIR/cwmp/cwmpd.
std::string CwmpdPath();

// One run of the real cwmpctl: its exit status (-1 when it did not exit normally) and what it
// wrote.
struct CtlResult {
  int status = -1;
  std::string output;  // stdout, and stderr unless split
  std::string errors;  // stderr when split
};
// Runs $EDGECWMP_BINARY_DIR/cwmp/cwmpctl --config |config| |args| (which hold no single quote);
// |split_stderr| keeps stderr out of |output| (for --json, whose stdout must parse).
CtlResult Cwmpctl(const std::string& config, const std::vector<std::string>& args,
                  bool split_stderr = false);

}  // namespace edgecwmp::e2e

#endif  // EDGECWMP_TESTS_E2E_AGENT_PROCESS_H_
