// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpfleet: N virtual CPEs in one process against an ACS (cwmp/fleet/fleet.h), as a profile
// (cwmp/fleet/profile.h) describes them.
//
//   cwmpfleet --profile FILE [--acs URL] [--count N] [--seed N] [--duration S]
//             [--check] [--json FILE] [--log-level L]
//
// Runs until --duration seconds have passed (0: until SIGINT/SIGTERM), printing a progress line
// every 10 s (cwmp/fleet/fleet_stats.h), then the session counts, the ACS's response times and,
// with --check, the violations of TR-069's ACS-side rules (cwmp/fleet/acs_conformance.h); --json
// writes all of it as one JSON object. Exit status: 0 done, 1 the fleet could not start or the
// report could not be written, 2 usage error, 3 --check found violations.
#include <signal.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "base/log.h"
#include "cwmp/fleet/acs_conformance.h"
#include "cwmp/fleet/fleet.h"
#include "cwmp/fleet/fleet_stats.h"
#include "cwmp/fleet/profile.h"

namespace po = boost::program_options;
using namespace edgecwmp;
using namespace edgecwmp::cwmp::fleet;

namespace {

std::string CountLine(const FleetCounters& c) {
  return "sessions " + std::to_string(c.sessions) + ", completed " + std::to_string(c.completed) +
         ", failed " + std::to_string(c.failed) + ", bootstrapped " +
         std::to_string(c.bootstrapped) + ", connection requests " +
         std::to_string(c.connection_requests);
}

// Waits for SIGINT/SIGTERM or |seconds| (0 = no limit), printing progress every 10 s.
void RunFor(const FleetStats& stats, uint64_t seconds) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  const time_t end = seconds ? time(nullptr) + static_cast<time_t>(seconds) : 0;
  for (;;) {
    time_t left = end ? end - time(nullptr) : 10;
    if (end && left <= 0) return;
    timespec wait{std::min<time_t>(left, 10), 0};
    if (sigtimedwait(&set, nullptr, &wait) > 0) return;
    std::cerr << "cwmpfleet: " << stats.ProgressLine() << "\n";
  }
}

nlohmann::json CountersJson(const FleetCounters& c) {
  return {{"sessions", c.sessions},
          {"completed", c.completed},
          {"failed", c.failed},
          {"bootstrapped", c.bootstrapped},
          {"connection_requests", c.connection_requests}};
}

Status WriteReport(const std::string& file, const nlohmann::json& report) {
  std::ofstream out(file);
  out << report.dump(2) << "\n";
  return out.good() ? Status::Ok() : Status::Internal("cannot write " + file);
}

}  // namespace

int main(int argc, char** argv) {
  std::string profile_file, acs, json_file, log_level = "warning";
  uint64_t count = 0, seed = 0, duration = 0;
  bool check = false;
  po::options_description options("cwmpfleet options");
  // clang-format off
  options.add_options()
      ("help,h", "this text")
      ("profile", po::value(&profile_file)->required(), "the fleet's profile (YAML)")
      ("acs", po::value(&acs), "ACS URL (overrides acs.url)")
      ("count", po::value(&count), "virtual CPEs (overrides count)")
      ("seed", po::value(&seed), "random seed (overrides seed)")
      ("duration", po::value(&duration), "seconds to run; 0 = until SIGINT/SIGTERM")
      ("check", po::bool_switch(&check), "hold every session against TR-069's ACS-side rules")
      ("json", po::value(&json_file), "write the measurements to FILE at the end")
      ("log-level", po::value(&log_level), "debug, info, warning or error");
  // clang-format on
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "cwmpfleet: " << e.what() << "\n" << options << "\n";
    return 2;
  }
  LogLevel level;
  if (!ParseLogLevel(log_level, &level)) {
    std::cerr << "cwmpfleet: unknown log level " << log_level << "\n";
    return 2;
  }
  SetLogLevel(level);
  FleetProfile profile;
  if (Status s = LoadProfile(profile_file, &profile); !s.ok()) {
    std::cerr << "cwmpfleet: " << s.ToString() << "\n";
    return 2;
  }
  if (!acs.empty()) profile.acs_url = acs;
  if (vm.count("count")) profile.count = count;
  if (vm.count("seed")) profile.seed = seed;

  // Signals are taken by sigtimedwait in RunFor, never by a handler in a worker thread.
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

  // The observers first: they outlive the fleet whose worker threads report to them.
  FleetStatsOptions stats_options;
  stats_options.fault_codes = check;  // bodies are kept for --check anyway
  FleetStats stats(stats_options);
  AcsConformance conformance;
  Fleet fleet(profile);
  fleet.AddObserver(&stats);
  if (check) fleet.AddObserver(&conformance);
  if (Status s = fleet.Start(); !s.ok()) {
    std::cerr << "cwmpfleet: " << s.ToString() << "\n";
    return 1;
  }
  RunFor(stats, duration);
  fleet.Stop();
  std::cout << "cwmpfleet: " << profile.count << " CPEs: " << CountLine(fleet.counters()) << "\n"
            << "cwmpfleet: " << stats.ProgressLine() << "\n";
  if (check) std::cout << "cwmpfleet: " << conformance.Summary() << "\n";
  if (!json_file.empty()) {
    nlohmann::json report = {{"cpes", profile.count},
                             {"counters", CountersJson(fleet.counters())},
                             {"stats", stats.Report()}};
    if (check) report["conformance"] = conformance.Report();
    if (Status s = WriteReport(json_file, report); !s.ok()) {
      std::cerr << "cwmpfleet: " << s.ToString() << "\n";
      return 1;
    }
  }
  return check && !conformance.Counts().empty() ? 3 : 0;
}
