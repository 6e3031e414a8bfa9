// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/nat_testbed.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <thread>

#include "tests/support/netns.h"

namespace edgecwmp::testing {

namespace {

constexpr const char* kPrefix = "ecnat-";
std::atomic<int> g_testbeds{0};

// fork + execvp with stdout/stderr to |out_fd| (-1: inherited); the child's pid.
pid_t Launch(const std::vector<std::string>& argv, int out_fd) {
  std::vector<std::string> args = argv;
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (out_fd >= 0) {
      dup2(out_fd, 1);
      dup2(out_fd, 2);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execvp(raw[0], raw.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Status RunHere(const std::vector<std::string>& argv) {
  const pid_t pid = Launch(argv, -1);
  if (pid < 0) return Status::Internal("fork failed");
  const int rc = Wait(pid);
  if (rc == 0) return Status::Ok();
  std::string line;
  for (const auto& a : argv) line += a + " ";
  return Status::Internal(line + "exited " + std::to_string(rc));
}

std::vector<std::string> InNetns(const std::string& ns, const std::vector<std::string>& argv) {
  std::vector<std::string> full = {"ip", "netns", "exec", ns};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

}  // namespace

bool NatTestbed::IsRoot() { return geteuid() == 0; }

NatTestbed::NatTestbed() {
  const std::string base = NetnsBase(kPrefix) + std::to_string(g_testbeds++) + "-";
  lan_ = base + "lan";
  router_ = base + "nat";
  wan_ = base + "wan";
  DeleteStaleNetns(kPrefix);
}

NatTestbed::~NatTestbed() {
  for (pid_t pid : spawned_) {
    kill(pid, SIGKILL);
    Wait(pid);
  }
  if (!built_) return;
  for (const auto& ns : {lan_, router_, wan_}) (void)RunHere({"ip", "netns", "del", ns});
}

Status NatTestbed::Build() {
  built_ = true;  // from the first namespace on, the destructor deletes what exists
  const std::vector<std::vector<std::string>> steps = {
      {"ip", "netns", "add", wan_},
      {"ip", "netns", "add", router_},
      {"ip", "netns", "add", lan_},
      {"ip", "link", "add", "w0", "netns", wan_, "type", "veth", "peer", "name", "n0", "netns",
       router_},
      {"ip", "link", "add", "l0", "netns", lan_, "type", "veth", "peer", "name", "n1", "netns",
       router_},
      {"ip", "-n", wan_, "addr", "add", std::string(kWanIp) + "/24", "dev", "w0"},
      {"ip", "-n", router_, "addr", "add", std::string(kRouterWanIp) + "/24", "dev", "n0"},
      {"ip", "-n", router_, "addr", "add", "192.0.2.1/24", "dev", "n1"},
      {"ip", "-n", lan_, "addr", "add", std::string(kLanIp) + "/24", "dev", "l0"},
      {"ip", "-n", wan_, "link", "set", "w0", "up"},
      {"ip", "-n", router_, "link", "set", "n0", "up"},
      {"ip", "-n", router_, "link", "set", "n1", "up"},
      {"ip", "-n", lan_, "link", "set", "l0", "up"},
      {"ip", "-n", wan_, "link", "set", "lo", "up"},
      {"ip", "-n", router_, "link", "set", "lo", "up"},
      {"ip", "-n", lan_, "link", "set", "lo", "up"},
      {"ip", "-n", lan_, "route", "add", "default", "via", "192.0.2.1"},
      // The WAN has no route back to the LAN: only what the NAT maps gets through.
      InNetns(router_, {"sysctl", "-qw", "net.ipv4.ip_forward=1"}),
      InNetns(router_, {"nft", "add", "table", "ip", "nat"}),
      InNetns(router_,
              {"nft", "add chain ip nat post { type nat hook postrouting priority 100 ; }"}),
      InNetns(router_,
              {"nft", "add", "rule", "ip", "nat", "post", "oifname", "n0", "masquerade", "random"}),
  };
  for (const auto& step : steps) {
    Status s = RunHere(step);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status NatTestbed::Run(const std::string& ns, const std::vector<std::string>& argv) const {
  return RunHere(InNetns(ns, argv));
}

Status NatTestbed::Spawn(const std::string& ns, const std::vector<std::string>& argv,
                         const std::string& log_file) {
  const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot open " + log_file);
  const pid_t pid = Launch(InNetns(ns, argv), fd);
  close(fd);
  if (pid < 0) return Status::Internal("fork failed");
  spawned_.push_back(pid);
  return Status::Ok();
}

Status NatTestbed::InNamespace(const std::string& ns, const std::function<void()>& fn) const {
  Status status;
  std::thread worker([&] {
    ScopedNetns inside(ns);
    if (!inside.ok()) {
      status = Status::Internal("cannot enter " + ns);
      return;
    }
    fn();
  });
  worker.join();
  return status;
}

Status NatTestbed::SetRouterUdpTimeout(int seconds) const {
  const std::string v = std::to_string(seconds);
  Status s = Run(router_, {"sysctl", "-qw", "net.netfilter.nf_conntrack_udp_timeout=" + v});
  if (!s.ok()) return s;
  return Run(router_, {"sysctl", "-qw", "net.netfilter.nf_conntrack_udp_timeout_stream=" + v});
}

Status NatTestbed::FlushRouterMappings() const { return Run(router_, {"conntrack", "-F"}); }

}  // namespace edgecwmp::testing
