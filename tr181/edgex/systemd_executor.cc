// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/systemd_executor.h"

#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <utility>

#include "tr181/edgex/run_command.h"

namespace edgecwmp::edgex {

namespace {

// systemctl(1) exit status 5 (LSB "not installed"): the unit does not exist.
constexpr int kUnitNotFound = 5;

const char* const kShowProperties =
    "--property=LoadState,ActiveState,SubState,Result,MainPID,MemoryCurrent,CPUUsageNSec,"
    "ExecMainStartTimestamp,ExecMainStartTimestampMonotonic,ExecMainCode,ExecMainStatus,"
    "NRestarts,UnitFileState";

// Numbers systemd prints for "unset": "[not set]" (v244+) or UINT64_MAX (older).
bool ParseCount(const std::string& text, uint64_t* value) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return false;
  char* end = nullptr;
  unsigned long long parsed = std::strtoull(text.c_str(), &end, 10);
  if (*end != '\0' || parsed == ~0ULL) return false;
  *value = parsed;
  return true;
}

uint64_t CountOr0(const std::map<std::string, std::string>& props, const char* key) {
  auto it = props.find(key);
  uint64_t value = 0;
  return it != props.end() && ParseCount(it->second, &value) ? value : 0;
}

std::string Get(const std::map<std::string, std::string>& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? std::string() : it->second;
}

ServiceStatus StatusOf(const std::string& active_state) {
  if (active_state == "active" || active_state == "reloading") return ServiceStatus::kActive;
  if (active_state == "activating") return ServiceStatus::kStarting;
  if (active_state == "deactivating") return ServiceStatus::kStopping;
  return ServiceStatus::kIdle;  // inactive, failed, maintenance
}

uint64_t MonotonicMicros() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);  // systemd's *Monotonic timestamps use this clock
  return static_cast<uint64_t>(now.tv_sec) * 1000000u + static_cast<uint64_t>(now.tv_nsec) / 1000u;
}

struct CpuSample {
  uint64_t nsec = 0;
  uint64_t at_us = 0;
};

}  // namespace

std::map<std::string, std::string> ParseSystemctlShow(const std::string& text) {
  std::map<std::string, std::string> props;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    props[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return props;
}

struct SystemdExecutor::Rep {
  SystemdOptions options;
  StatusTracker tracker;
  std::mutex mu;
  std::map<std::string, CpuSample> cpu;  // the previous CPUUsageNSec per service

  Status Systemctl(const std::vector<std::string>& args, CommandResult* result) {
    std::vector<std::string> argv{options.systemctl};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, options.command_timeout, result);
  }

  Status Job(const char* verb, const std::string& unit) {
    CommandResult result;
    Status st = Systemctl({verb, "--no-block", unit}, &result);
    if (!st.ok()) return st;
    if (result.exit_code == 0) return Status::Ok();
    std::string detail = result.err.empty() ? result.out : result.err;
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) detail.pop_back();
    std::string message = std::string("systemctl ") + verb + " " + unit + ": " + detail;
    if (result.exit_code == kUnitNotFound) return Status::NotFound(message);
    return Status::Internal(message);
  }
};

SystemdExecutor::SystemdExecutor(SystemdOptions options) : rep_(new Rep) {
  rep_->options = std::move(options);
}

SystemdExecutor::~SystemdExecutor() = default;

std::string SystemdExecutor::UnitOf(const std::string& service) const {
  std::string unit = rep_->options.unit_template;
  size_t at = unit.find("%s");
  if (at == std::string::npos) return unit;
  return unit.replace(at, 2, service);
}

Status SystemdExecutor::Start(const std::string& service) {
  return rep_->Job("start", UnitOf(service));
}

Status SystemdExecutor::Stop(const std::string& service) {
  return rep_->Job("stop", UnitOf(service));
}

Status SystemdExecutor::Restart(const std::string& service) {
  return rep_->Job("restart", UnitOf(service));
}

Status SystemdExecutor::Inspect(const std::string& service, ServiceState* out) {
  std::string unit = UnitOf(service);
  CommandResult result;
  Status st = rep_->Systemctl({"show", kShowProperties, unit}, &result);
  if (!st.ok()) return st;
  if (result.exit_code != 0) {
    return Status::Internal("systemctl show " + unit + " exited with " +
                            std::to_string(result.exit_code));
  }
  auto props = ParseSystemctlShow(result.out);
  if (Get(props, "LoadState") == "not-found") return Status::NotFound("no unit " + unit);

  ServiceState state;
  state.name = service;
  std::string active = Get(props, "ActiveState");
  state.status = StatusOf(active);
  state.autostart = Get(props, "UnitFileState") == "enabled";
  state.restart_count = static_cast<uint32_t>(CountOr0(props, "NRestarts"));
  uint64_t main_pid = CountOr0(props, "MainPID");
  if (main_pid != 0) state.pids.push_back(static_cast<int>(main_pid));
  state.memory_bytes = CountOr0(props, "MemoryCurrent");

  // ExecMainCode is the si_code of the main process's end: 1 exited, 2 killed, 3 dumped core.
  uint64_t code = CountOr0(props, "ExecMainCode");
  if (code != 0 && state.status != ServiceStatus::kActive) {
    state.has_exit_code = true;
    int status = static_cast<int>(CountOr0(props, "ExecMainStatus"));
    state.last_exit_code = code == 1 ? status : 128 + status;
  }
  if (active == "failed") {
    state.fault_code = kFailureWhileActive;
    state.fault_message = "systemd result " + Get(props, "Result");
    if (state.has_exit_code) {
      state.fault_message += ", exit code " + std::to_string(state.last_exit_code);
    }
  }

  uint64_t now_us = MonotonicMicros();
  uint64_t started_us = CountOr0(props, "ExecMainStartTimestampMonotonic");
  if (state.status == ServiceStatus::kActive && started_us != 0 && started_us < now_us) {
    state.uptime_seconds = (now_us - started_us) / 1000000u;
  }
  uint64_t cpu_nsec = 0;
  bool has_cpu = ParseCount(Get(props, "CPUUsageNSec"), &cpu_nsec);
  if (has_cpu && state.status == ServiceStatus::kActive) {
    std::lock_guard<std::mutex> lock(rep_->mu);
    CpuSample& last = rep_->cpu[service];
    uint64_t since_us = last.at_us != 0 ? last.at_us : started_us;
    uint64_t used_ns = last.at_us != 0 ? cpu_nsec - std::min(cpu_nsec, last.nsec) : cpu_nsec;
    if (since_us != 0 && now_us > since_us) {
      state.cpu_percent =
          100.0 * (static_cast<double>(used_ns) / 1000.0) / static_cast<double>(now_us - since_us);
    }
    last.nsec = cpu_nsec;
    last.at_us = now_us;
  }
  rep_->tracker.Observe(service, state.status);
  *out = std::move(state);
  return Status::Ok();
}

Status SystemdExecutor::List(std::vector<std::string>* services) {
  services->clear();
  if (!rep_->options.services.empty()) {
    *services = rep_->options.services;
    std::sort(services->begin(), services->end());
    return Status::Ok();
  }
  const std::string& tmpl = rep_->options.unit_template;
  size_t at = tmpl.find("%s");
  if (at == std::string::npos) return Status::InvalidArguments("unit template without %s");
  std::string prefix = tmpl.substr(0, at), suffix = tmpl.substr(at + 2);
  CommandResult result;
  Status st = rep_->Systemctl({"list-units", "--all", "--type=service", "--plain", "--no-legend",
                               "--no-pager", prefix + "*" + suffix},
                              &result);
  if (!st.ok()) return st;
  if (result.exit_code != 0) {
    return Status::Internal("systemctl list-units exited with " + std::to_string(result.exit_code));
  }
  std::istringstream lines(result.out);
  std::string unit, rest;
  while (lines >> unit) {
    std::getline(lines, rest);
    if (unit.size() > prefix.size() + suffix.size() && unit.rfind(prefix, 0) == 0 &&
        unit.compare(unit.size() - suffix.size(), suffix.size(), suffix) == 0) {
      services->push_back(unit.substr(prefix.size(), unit.size() - prefix.size() - suffix.size()));
    }
  }
  std::sort(services->begin(), services->end());
  services->erase(std::unique(services->begin(), services->end()), services->end());
  return Status::Ok();
}

void SystemdExecutor::SetStateCallback(StateCallback callback) {
  rep_->tracker.SetCallback(std::move(callback));
}

}  // namespace edgecwmp::edgex
