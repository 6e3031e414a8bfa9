// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpd: the edgecwmp daemon. Reads its configuration, starts the agent and runs its loop until
// SIGTERM/SIGINT; SIGHUP reloads the configuration. A Reboot or FactoryReset that the ACS asked
// for ends the loop with a restart request: the process re-executes itself, which is the reboot of
// a software agent (a configured reboot command does the real one). Exit status: 0, or 1 when it
// could not start or `--once` held a session that failed, 2 for a bad configuration.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>

#include "base/log.h"
#include "cwmp/agent/agent.h"
#include "cwmp/agent/config.h"
#include "cwmp/daemon/service_manager.h"
#include "tr181/bulkdata/bulkdata_module.h"
#include "tr181/edgex/edgex_module.h"
#include "tr181/network/network_module.h"

using edgecwmp::LogLevel;
using edgecwmp::cwmp::Agent;
using edgecwmp::cwmp::AgentConfig;
using edgecwmp::cwmp::AgentExit;

namespace {

// A signal sent to the process goes to any thread that does not block it. The daemon's threads
// block SIGTERM/SIGINT/SIGHUP and one of them takes them with sigwait; a thread that a library
// or the sanitizer runtime started may not block them, and the default action would end the
// daemon without a clean stop. There this handler passes the signal on to the sigwait thread.
std::atomic<bool> signal_thread_ready{false};
pthread_t signal_thread_id;

extern "C" void PassSignalOn(int sig) {
  if (signal_thread_ready.load()) pthread_kill(signal_thread_id, sig);
}

}  // namespace

int main(int argc, char** argv) {
  AgentConfig config;
  bool exit_now = false;
  edgecwmp::edgex::EdgexConfig edgex_config;  // the [edgex] section
  const auto edgex_options = edgecwmp::edgex::EdgexOptions(&edgex_config);
  edgecwmp::tr181::network::NetworkConfig network_config;  // the [network] section
  const auto network_options = edgecwmp::tr181::network::NetworkOptions(&network_config);
  edgecwmp::Status s = edgecwmp::cwmp::LoadConfig(argc, argv, &config, &exit_now,
                                                  {&edgex_options, &network_options});
  if (!s.ok()) {
    edgecwmp::Log(LogLevel::kError, "cwmpd", s.message());
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
  struct sigaction pass_on = {};
  pass_on.sa_handler = PassSignalOn;
  sigfillset(&pass_on.sa_mask);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaction(sig, &pass_on, nullptr);
  signal(SIGPIPE, SIG_IGN);

  AgentExit exit = AgentExit::kStop;
  {
    Agent agent(config);
    // EdgeX services as Device.SoftwareModules.; declared after the agent so that it stops (its
    // poller, its supervised services) before the agent goes. A service's change wakes the agent.
    edgex_config.definitions_dir = config.definitions_dir;
    edgex_config.state_dir = config.state_dir;  // services installed by ChangeDUState
    edgex_config.ca_file = config.acs_tls.ca_file;
    edgex_config.ca_path = config.acs_tls.ca_path;
    edgecwmp::edgex::EdgexModule edgex(edgex_config);
    edgex.SetChangeCallback([&agent](const std::string&) { agent.WakeUp(); });
    agent.SetDeploymentUnits(edgex.deployment_units());
    network_config.state_dir = config.state_dir;  // instance numbers kept across restarts
    // Device.BulkData. reports, on their own thread; retained reports in the state dir.
    edgecwmp::tr181::bulkdata::ReporterOptions bulk_options;
    bulk_options.state_dir = config.state_dir;
    bulk_options.tls.ca_file = config.acs_tls.ca_file;
    bulk_options.tls.ca_path = config.acs_tls.ca_path;
    edgecwmp::tr181::bulkdata::BulkDataModule bulkdata(bulk_options);
    s = agent.Start({}, [&edgex, &network_config, &bulkdata](edgecwmp::dm::DataModel* model) {
      edgecwmp::Status bound = edgecwmp::tr181::network::BindNetwork(model, network_config);
      if (bound.ok()) bound = bulkdata.Bind(model);
      return bound.ok() ? edgex.Bind(model) : bound;
    });
    if (!s.ok()) {
      agent.SetDeploymentUnits(nullptr);
      edgecwmp::Log(LogLevel::kError, "cwmpd", "cannot start: ", s.ToString());
      return 1;
    }
    if (const std::chrono::seconds every = edgecwmp::cwmp::WatchdogPingInterval();
        every.count() > 0) {
      agent.SetHeartbeat(every, edgecwmp::cwmp::NotifyWatchdog);
    }
    bulkdata.Start();
    edgecwmp::cwmp::NotifyReady();
    std::atomic<bool> done{false};
    std::thread signal_thread([&]() {
      for (;;) {
        int sig = 0;
        if (sigwait(&signals, &sig) != 0) continue;
        if (done) return;
        if (sig == SIGHUP) {
          AgentConfig fresh;
          bool ignored = false;
          // [edgex] and [network] changes take effect at the next start.
          edgecwmp::edgex::EdgexConfig unused;
          const auto unused_options = edgecwmp::edgex::EdgexOptions(&unused);
          edgecwmp::tr181::network::NetworkConfig unused_network;
          const auto unused_network_options =
              edgecwmp::tr181::network::NetworkOptions(&unused_network);
          edgecwmp::Status r = edgecwmp::cwmp::LoadConfig(
              argc, argv, &fresh, &ignored, {&unused_options, &unused_network_options});
          if (r.ok()) {
            agent.Reload(std::move(fresh));
            edgecwmp::cwmp::NotifyStatus("running (configuration reloaded)");
          } else {
            edgecwmp::Log(LogLevel::kError, "cwmpd", "reload failed: ", r.ToString());
          }
          continue;
        }
        edgecwmp::Log(LogLevel::kInfo, "cwmpd", "signal ", sig, ": stopping");
        edgecwmp::cwmp::NotifyStopping();
        agent.Stop();
        return;
      }
    });
    signal_thread_id = signal_thread.native_handle();
    signal_thread_ready = true;
    exit = agent.Run();
    bulkdata.Stop();                    // no report reads a model being torn down
    agent.SetDeploymentUnits(nullptr);  // no DU operation outlives the EdgeX module
    done = true;
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    signal_thread_ready = false;
  }
  if (exit == AgentExit::kRestart) {
    edgecwmp::Log(LogLevel::kInfo, "cwmpd", "restarting");
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    execv("/proc/self/exe", argv);
    std::perror("cwmpd: execv");
    return 1;
  }
  if (exit == AgentExit::kSessionFailed) {
    edgecwmp::Log(LogLevel::kError, "cwmpd", "--once: the session failed");
    return 1;
  }
  return 0;
}
