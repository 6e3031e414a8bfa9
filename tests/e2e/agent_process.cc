// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/e2e/agent_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

namespace edgecwmp::e2e {

std::string CwmpdPath() {
  const char* dir = std::getenv("EDGECWMP_BINARY_DIR");
  return std::string(dir ? dir : ".") + "/cwmp/cwmpd";
}

CtlResult Cwmpctl(const std::string& config, const std::vector<std::string>& args,
                  bool split_stderr) {
  const char* bin = std::getenv("EDGECWMP_BINARY_DIR");
  std::string command = std::string(bin ? bin : ".") + "/cwmp/cwmpctl --config '" + config + "'";
  for (const auto& a : args) command += " '" + a + "'";
  const std::string errors_file = config + ".cwmpctl-stderr";
  command += split_stderr ? " 2>'" + errors_file + "'" : " 2>&1";
  CtlResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (split_stderr) {
    r.errors = testing::ReadFile(errors_file);
    ::unlink(errors_file.c_str());
  }
  return r;
}

AgentProcess::AgentProcess(std::string dir, AgentSettings settings)
    : dir_(std::move(dir)), settings_(std::move(settings)) {
  state_dir_ = dir_ + "/state";
  config_file_ = dir_ + "/cwmpd.conf";
  log_file_ = dir_ + "/cwmpd.log";
  if (settings_.cr_port == 0) settings_.cr_port = FreeLoopbackPort();
  if (settings_.cr_udp_port == 0) settings_.cr_udp_port = FreeLoopbackPort(SOCK_DGRAM);
  WriteConfig();
}

AgentProcess::~AgentProcess() {
  if (pid_ > 0) Kill();
}

void AgentProcess::WriteConfig() {
  // "section.option" → value; the INI file groups them by section.
  std::map<std::string, std::string> o = {
      {"acs.url", settings_.acs_url},
      {"acs.max_version", settings_.max_version},
      {"acs.timeout", std::to_string(settings_.acs_timeout_seconds)},
      {"cr.address", "127.0.0.1"},
      {"cr.port", std::to_string(settings_.cr_port)},
      {"cr.udp_address", "127.0.0.1"},
      {"cr.udp_port", std::to_string(settings_.cr_udp_port)},
      {"cr.username", settings_.cr_username},
      {"cr.password", settings_.cr_password},
      {"device.oui", "00D0B7"},
      {"device.product_class", "EdgeGW"},
      {"device.serial_number", "E2E0001"},
      {"agent.state_dir", state_dir_},
      {"agent.value_change_poll", "1"},
      {"agent.log_level", "info"},
      // The protocol tests need no EdgeX services; the embedded demo services would hold fixed
      // ports that parallel test runs share (tests/edgex runs cwmpd with real services).
      {"edgex.executor", "none"},
  };
  for (const auto& [k, v] : settings_.extra) o[k] = v;
  std::ofstream out(config_file_, std::ios::trunc);
  std::string section;
  for (const auto& [key, value] : o) {
    const std::string s = key.substr(0, key.find('.'));
    if (s != section) {
      section = s;
      out << "[" << section << "]\n";
    }
    out << key.substr(key.find('.') + 1) << " = " << value << "\n";
  }
}

bool AgentProcess::Start() {
  if (pid_ > 0) return false;
  const std::string binary = CwmpdPath();
  // Everything the child needs is prepared before fork: between fork and exec only
  // async-signal-safe calls (the test process has threads).
  std::vector<std::string> args = settings_.command_prefix;
  args.insert(args.end(), {binary, "--config", config_file_});
  args.insert(args.end(), settings_.extra_args.begin(), settings_.extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int log_fd = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) return false;
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const long max_fd = std::min<long>(::sysconf(_SC_OPEN_MAX), 65536);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    return false;
  }
  if (pid == 0) {
    if (null_fd >= 0) ::dup2(null_fd, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    // The test's own sockets (the ACS's listener) must not leak into the daemon.
    for (long fd = 3; fd < max_fd; ++fd) ::close(static_cast<int>(fd));
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execv(argv[0], argv.data());
    static const char kMsg[] = "agent_process: execv failed\n";
    ssize_t ignored = ::write(2, kMsg, sizeof kMsg - 1);
    (void)ignored;
    ::_exit(127);
  }
  ::close(log_fd);
  if (null_fd >= 0) ::close(null_fd);
  pid_ = pid;
  return true;
}

bool AgentProcess::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int AgentProcess::Terminate(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  return WaitExit(deadline);
}

int AgentProcess::WaitExit(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) return -1;
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (r < 0 || std::chrono::steady_clock::now() >= until) {
      Kill();
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void AgentProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string AgentProcess::cr_url() const {
  return "http://127.0.0.1:" + std::to_string(settings_.cr_port) + "/";
}

std::string AgentProcess::Log() const { return testing::ReadFile(log_file_); }

size_t AgentProcess::CountInLog(const std::string& text) const {
  const std::string log = Log();
  size_t n = 0;
  for (size_t pos = log.find(text); pos != std::string::npos; pos = log.find(text, pos + 1)) ++n;
  return n;
}

bool AgentProcess::WaitForLog(const std::string& text, std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (Log().find(text) != std::string::npos) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

long AgentProcess::VmRssKb() const {
  if (pid_ <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

}  // namespace edgecwmp::e2e
