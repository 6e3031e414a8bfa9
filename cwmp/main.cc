// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpd: the edgecwmp daemon. Reads its configuration, starts the agent and runs its loop until
// SIGTERM/SIGINT; SIGHUP reloads the configuration. A Reboot or FactoryReset that the ACS asked
// for ends the loop with a restart request: the process re-executes itself, which is the reboot of
// a software agent (a configured reboot command does the real one).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <atomic>
#include <thread>
#include <utility>

#include "cwmp/agent.h"
#include "cwmp/config.h"
#include "cwmp/log.h"

using edgecwmp::LogLevel;
using edgecwmp::cwmp::Agent;
using edgecwmp::cwmp::AgentConfig;
using edgecwmp::cwmp::AgentExit;

int main(int argc, char** argv) {
  AgentConfig config;
  bool exit_now = false;
  edgecwmp::Status s = edgecwmp::cwmp::LoadConfig(argc, argv, &config, &exit_now);
  if (!s.ok()) {
    std::fprintf(stderr, "cwmpd: %s\n", s.message().c_str());
    return 2;
  }
  if (exit_now) return 0;

  // Signals are taken by one thread with sigwait, so the agent never runs in a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  AgentExit exit = AgentExit::kStop;
  {
    Agent agent(config);
    s = agent.Start();
    if (!s.ok()) {
      edgecwmp::Log(LogLevel::kError, "cwmpd", "cannot start: ", s.ToString());
      return 1;
    }
    std::atomic<bool> done{false};
    std::thread signal_thread([&]() {
      for (;;) {
        int sig = 0;
        if (sigwait(&signals, &sig) != 0) continue;
        if (done) return;
        if (sig == SIGHUP) {
          AgentConfig fresh;
          bool ignored = false;
          edgecwmp::Status r = edgecwmp::cwmp::LoadConfig(argc, argv, &fresh, &ignored);
          if (r.ok()) {
            agent.Reload(std::move(fresh));
          } else {
            edgecwmp::Log(LogLevel::kError, "cwmpd", "reload failed: ", r.ToString());
          }
          continue;
        }
        edgecwmp::Log(LogLevel::kInfo, "cwmpd", "signal ", sig, ": stopping");
        agent.Stop();
        return;
      }
    });
    exit = agent.Run();
    done = true;
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
  }
  if (exit == AgentExit::kRestart) {
    edgecwmp::Log(LogLevel::kInfo, "cwmpd", "restarting");
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    execv("/proc/self/exe", argv);
    std::perror("cwmpd: execv");
    return 1;
  }
  return 0;
}
