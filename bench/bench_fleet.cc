// SPDX-License-Identifier: GPL-2.0-or-later
// bench_fleet: what a virtual CPE of cwmpfleet costs — resident memory per CPE beyond the shared
// schema, and CPE-side CPU per boot session — for fleets of 1k and 10k CPEs (or the counts given
// as arguments) against the test ACS over loopback. The ACS runs in its own process and each
// fleet in a fresh one, so neither's CPU nor a previous fleet's memory is counted; a fleet of 1
// gives the base (schema, libraries, threads) that the per-CPE figure is measured beyond.
// Figures only: nothing here passes or fails.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "base/log.h"
#include "cwmp/fleet/fleet.h"
#include "tests/acs/test_acs.h"
#include "tests/support/wait_until.h"

namespace {

using namespace edgecwmp;  // NOLINT
using namespace edgecwmp::cwmp::fleet;

struct Figures {
  long rss_bytes = 0;
  double cpu_ms = 0;   // user + system, from Start() to the last bootstrap
  double wall_ms = 0;  // the same span
  unsigned long bootstrapped = 0;
};

long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

double CpuMs() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

// In a child: boots |count| CPEs against |url| and writes the figures to |fd|.
[[noreturn]] void RunFleet(uint64_t count, const std::string& url, int fd) {
  FleetProfile p;
  p.count = count;
  p.acs_url = url;
  p.boot_ramp = 1e6;  // all at once: the workers set the pace
  p.workers = 8;
  p.periodic_interval = 86400;
  p.jitter = 0;
  Fleet fleet(p);
  const double cpu0 = CpuMs();
  const auto t0 = std::chrono::steady_clock::now();
  Figures f;
  if (fleet.Start().ok()) {
    testing::WaitUntil([&] { return fleet.counters().bootstrapped >= count; },
                       std::chrono::minutes(20), std::chrono::milliseconds(50));
  }
  f.cpu_ms = CpuMs() - cpu0;
  f.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  f.rss_bytes = ResidentBytes();
  f.bootstrapped = fleet.counters().bootstrapped;
  fleet.Stop();
  (void)!write(fd, &f, sizeof(f));
  _exit(0);
}

Figures Measure(uint64_t count, const std::string& url) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    RunFleet(count, url, fds[1]);
  }
  close(fds[1]);
  Figures f;
  if (read(fds[0], &f, sizeof(f)) != static_cast<ssize_t>(sizeof(f))) f = Figures{};
  close(fds[0]);
  waitpid(child, nullptr, 0);
  return f;
}

// The test ACS in a child process until |stop| closes; its port comes back through |port_fd|.
pid_t StartAcs(int port_fd, int stop_fd, int stop_write_end) {
  const pid_t child = fork();
  if (child != 0) return child;
  close(stop_write_end);  // else the child would wait for its own copy to close
  acs::TestAcsOptions options;
  options.many_cpes = true;
  acs::TestAcs server(options);
  uint16_t port = server.Start().ok() ? server.port() : 0;
  (void)!write(port_fd, &port, sizeof(port));
  char c;
  while (read(stop_fd, &c, 1) > 0) {
  }
  server.Stop();
  _exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  SetLogLevel(LogLevel::kError);
  std::vector<uint64_t> counts = {1000, 10000};
  if (argc > 1) counts.clear();
  for (int i = 1; i < argc; ++i) counts.push_back(std::strtoull(argv[i], nullptr, 10));

  int port_pipe[2], stop_pipe[2];
  if (pipe(port_pipe) != 0 || pipe(stop_pipe) != 0) return 1;
  const pid_t acs = StartAcs(port_pipe[1], stop_pipe[0], stop_pipe[1]);
  close(stop_pipe[0]);
  uint16_t port = 0;
  if (read(port_pipe[0], &port, sizeof(port)) != sizeof(port) || port == 0) return 1;
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";

  const Figures base = Measure(1, url);
  std::printf(
      "bench_fleet: TR-181 profile, 8 workers, test ACS (--many-cpes) in another process\n");
  std::printf("  base (1 CPE: schema, libraries, threads): %.1f MB RSS\n",
              base.rss_bytes / 1048576.0);
  std::printf("  %8s %12s %14s %16s %12s %12s\n", "CPEs", "booted", "RSS MB", "KB/CPE beyond",
              "CPU ms/boot", "sessions/s");
  for (uint64_t n : counts) {
    const Figures f = Measure(n, url);
    std::fflush(stdout);
    std::printf("  %8llu %12lu %14.1f %16.1f %12.2f %12.0f\n", static_cast<unsigned long long>(n),
                f.bootstrapped, f.rss_bytes / 1048576.0,
                (f.rss_bytes - base.rss_bytes) / 1024.0 / static_cast<double>(n - 1),
                f.cpu_ms / static_cast<double>(n), n / (f.wall_ms / 1000.0));
  }
  std::printf("  (GenieACS's simulator, issue figures: 57.5 MB RSS and 222 ms CPU per device)\n");
  close(stop_pipe[1]);
  waitpid(acs, nullptr, 0);
  return 0;
}
