// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "tests/support/wait_until.h"

namespace edgecwmp::testing {

namespace {

bool ReapWithin(pid_t pid, std::chrono::milliseconds timeout) {
  return WaitUntil([pid] { return waitpid(pid, nullptr, WNOHANG) == pid; }, timeout,
                   std::chrono::milliseconds(20));
}

}  // namespace

bool AcceptsTcp(const std::string& address, uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, address.c_str(), &addr.sin_addr);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

pid_t StartServerProcess(const std::vector<std::string>& argv, const std::string& log_file,
                         const std::string& address, uint16_t port, std::string* error) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    *error = "fork failed";
    return -1;
  }
  if (pid == 0) {
    int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
  bool up =
      WaitUntil([&] { return AcceptsTcp(address, port) || waitpid(pid, nullptr, WNOHANG) == pid; },
                std::chrono::seconds(20), std::chrono::milliseconds(20));
  if (!up || !AcceptsTcp(address, port)) {
    *error = argv[0] + " did not start:\n" + ReadLog(log_file);
    StopServerProcess(&pid);
    return -1;
  }
  return pid;
}

void StopServerProcess(pid_t* pid) {
  if (*pid <= 0) return;
  kill(*pid, SIGTERM);
  if (!ReapWithin(*pid, std::chrono::seconds(10))) {
    kill(*pid, SIGKILL);
    waitpid(*pid, nullptr, 0);
  }
  *pid = -1;
}

std::string ReadLog(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace edgecwmp::testing
