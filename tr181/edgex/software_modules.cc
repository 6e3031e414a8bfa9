// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/software_modules.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <utility>
#include <vector>

#include "base/file_io.h"
#include "tr181/binding_util.h"

namespace edgecwmp::edgex {

namespace {

using Clock = std::chrono::steady_clock;
using tr181::LiveValue;
using tr181::TruncateUtf8;

constexpr const char* kExecEnvTable = "Device.SoftwareModules.ExecEnv.{i}.";
constexpr const char* kUnitTable = "Device.SoftwareModules.ExecutionUnit.{i}.";
constexpr const char* kConfigTable =
    "Device.SoftwareModules.ExecutionUnit.{i}.X_EDGECWMP_Config.{i}.";
constexpr const char* kProcessPrefix = "Device.DeviceInfo.ProcessStatus.Process.";

std::string ClampInt32(uint64_t value) {
  return std::to_string(std::min<uint64_t>(value, INT32_MAX));
}

struct CachedState {
  ServiceState state;
  Clock::time_point at;
};

struct EdgexInfo {
  std::string health = "Unknown";
  std::string version;
  ConfigEntries config;
  Clock::time_point at;
};

}  // namespace

struct SoftwareModules::Rep {
  Executor* executor;
  SoftwareModulesOptions options;
  std::mutex mu;  // guards the maps below; never held across executor or network calls
  std::map<std::string, uint32_t> instance_of;
  std::map<uint32_t, std::string> name_of;
  uint32_t next_instance = 1;
  std::vector<std::string> listed;
  Clock::time_point listed_at;
  bool has_listed = false;
  std::map<std::string, CachedState> states;
  std::map<std::string, EdgexInfo> edgex;
  std::vector<Registration> registry;
  Clock::time_point registry_at;
  bool has_registry = false;
  std::map<std::string, std::string> run_levels;
  struct Polled {
    ServiceStatus status;
    std::string health;
  };
  std::map<std::string, Polled> polled;  // what the previous Poll() saw

  bool Fresh(Clock::time_point at, std::chrono::milliseconds ttl) const {
    return Clock::now() - at < ttl;
  }

  // The current services' instance numbers, ascending; new services get the next numbers.
  std::vector<uint32_t> Instances() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (has_listed && Fresh(listed_at, options.state_ttl)) return InstancesLocked();
    }
    std::vector<std::string> names;
    if (!executor->List(&names).ok()) names.clear();  // backend down: no rows, not a fault
    std::lock_guard<std::mutex> lock(mu);
    bool numbered = false;
    for (const std::string& name : names) {
      if (instance_of.emplace(name, next_instance).second) {
        name_of[next_instance++] = name;
        numbered = true;
      }
    }
    if (numbered) SaveInstancesLocked();
    listed = std::move(names);
    listed_at = Clock::now();
    has_listed = true;
    return InstancesLocked();
  }

  void SaveInstancesLocked() {
    if (options.instances_file.empty()) return;
    std::string text;
    for (const auto& [number, name] : name_of) text += name + "\t" + std::to_string(number) + "\n";
    (void)WriteFileAtomic(options.instances_file, text);  // best effort: numbers stay in memory
  }

  void LoadInstances() {
    std::string text;
    if (options.instances_file.empty() || !ReadFile(options.instances_file, &text).ok()) return;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      size_t tab = line.rfind('\t');
      if (tab == std::string::npos || tab == 0) continue;
      uint32_t number = static_cast<uint32_t>(std::strtoul(line.c_str() + tab + 1, nullptr, 10));
      std::string name = line.substr(0, tab);
      if (number == 0 || name_of.count(number) || !instance_of.emplace(name, number).second)
        continue;
      name_of[number] = name;
      next_instance = std::max(next_instance, number + 1);
    }
  }

  std::vector<uint32_t> InstancesLocked() {
    std::vector<uint32_t> out;
    for (const std::string& name : listed) out.push_back(instance_of[name]);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string NameOf(uint32_t instance) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = name_of.find(instance);
    return it == name_of.end() ? std::string() : it->second;
  }

  ServiceState State(const std::string& service) {
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = states.find(service);
      if (it != states.end() && Fresh(it->second.at, options.state_ttl)) return it->second.state;
    }
    ServiceState state;
    Status st = executor->Inspect(service, &state);
    if (!st.ok()) {  // shown, not failed: one broken service must not fail a whole GPV
      state = ServiceState();
      state.name = service;
      state.fault_message = st.message();
    }
    std::lock_guard<std::mutex> lock(mu);
    states[service] = CachedState{state, Clock::now()};
    return state;
  }

  void Invalidate(const std::string& service) {
    std::lock_guard<std::mutex> lock(mu);
    states.erase(service);
    has_listed = false;
  }

  EdgexInfo Edgex(const std::string& service) {
    const EdgexClient* client = options.edgex;
    if (client == nullptr) return EdgexInfo();
    std::vector<Registration> registrations;
    bool refresh_registry;
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = edgex.find(service);
      if (it != edgex.end() && Fresh(it->second.at, options.edgex_ttl)) return it->second;
      refresh_registry = !has_registry || !Fresh(registry_at, options.edgex_ttl);
      registrations = registry;
    }
    std::string base;
    if (auto url = options.service_urls.find(service); url != options.service_urls.end()) {
      base = url->second;
      refresh_registry = false;
    } else if (!options.use_registry) {
      refresh_registry = false;
    }
    if (refresh_registry) {
      if (!client->ListRegistrations(&registrations).ok()) registrations.clear();
      std::lock_guard<std::mutex> lock(mu);
      registry = registrations;
      registry_at = Clock::now();
      has_registry = true;
    }
    EdgexInfo info;
    auto reg = std::find_if(registrations.begin(), registrations.end(),
                            [&](const Registration& r) { return r.service_id == service; });
    if (base.empty() && options.use_registry && reg != registrations.end()) {
      base = client->BaseUrl(*reg);
    }
    if (!base.empty()) {
      PingInfo ping;
      if (client->Ping(base, &ping).ok()) {
        info.health = "Up";
        VersionInfo version;
        if (client->Version(base, &version).ok()) info.version = version.version;
        if (!client->Config(base, &info.config).ok()) info.config.clear();
      } else {
        info.health = "Down";
      }
    }
    info.at = Clock::now();
    std::lock_guard<std::mutex> lock(mu);
    edgex[service] = info;
    return info;
  }

  // After an operation: the new state, and whether it already is |target|.
  dm::Applied Settled(const std::string& service, ServiceStatus target) {
    Invalidate(service);
    return State(service).status == target ? dm::Applied::kNow : dm::Applied::kLater;
  }

  using UnitRead = std::function<std::string(Rep&, const std::string& service)>;
  // ExecutionUnit.{i} read-only columns.
  // Bind's steps: each binds one part of Device.SoftwareModules. to |rep|.
  static std::function<std::string(const dm::Context&)> ServiceOf(const std::shared_ptr<Rep>& rep);
  static Status BindTables(const std::shared_ptr<Rep>& rep, dm::DataModel* model);
  static Status BindExecEnv(const std::shared_ptr<Rep>& rep, dm::DataModel* model);
  static Status BindExecEnvCommands(const std::shared_ptr<Rep>& rep, dm::DataModel* model);
  static Status BindUnitColumns(const std::shared_ptr<Rep>& rep, dm::DataModel* model);
  static Status BindUnitCommands(const std::shared_ptr<Rep>& rep, dm::DataModel* model);
  static Status BindUnitSettings(const std::shared_ptr<Rep>& rep, dm::DataModel* model);
  static Status BindConfigTable(const std::shared_ptr<Rep>& rep, dm::DataModel* model);

  static const std::vector<std::pair<const char*, UnitRead>>& UnitColumns() {
    static const std::vector<std::pair<const char*, UnitRead>> kColumns = {
        {"EUID", [](Rep&, const std::string& s) { return TruncateUtf8(s, 64); }},
        {"Name", [](Rep&, const std::string& s) { return TruncateUtf8(s, 256); }},
        {"ExecEnvLabel", [](Rep&, const std::string& s) { return TruncateUtf8(s, 64); }},
        {"Status",
         [](Rep& r, const std::string& s) {
           return std::string(ServiceStatusName(r.State(s).status));
         }},
        {"ExecutionFaultCode", [](Rep& r, const std::string& s) { return r.State(s).fault_code; }},
        {"ExecutionFaultMessage",
         [](Rep& r, const std::string& s) { return TruncateUtf8(r.State(s).fault_message, 256); }},
        {"Vendor", [](Rep& r, const std::string&) { return TruncateUtf8(r.options.vendor, 128); }},
        {"Version",
         [](Rep& r, const std::string& s) { return TruncateUtf8(r.Edgex(s).version, 32); }},
        {"Description",
         [](Rep& r, const std::string& s) {
           return TruncateUtf8("EdgeX service " + s + " (" + r.executor->kind() + " executor)",
                               256);
         }},
        {"MemoryInUse",
         [](Rep& r, const std::string& s) { return ClampInt32(r.State(s).memory_bytes / 1024); }},
        {"CPUPercentInUse",
         [](Rep& r, const std::string& s) {
           return std::to_string(std::min<long>(100, std::lround(r.State(s).cpu_percent)));
         }},
        // The service's DeploymentUnit (tr181/edgex/deployment_units.h): same instance number.
        {"References",
         [](Rep& r, const std::string& s) {
           std::lock_guard<std::mutex> lock(r.mu);
           auto it = r.instance_of.find(s);
           return it == r.instance_of.end() ? std::string()
                                            : kDeploymentUnitPrefix + std::to_string(it->second);
         }},
        {"AssociatedProcessList",
         [](Rep& r, const std::string& s) {
           std::string list;
           for (int pid : r.State(s).pids) {
             list += (list.empty() ? "" : ",") + std::string(kProcessPrefix) + std::to_string(pid);
           }
           return list;
         }},
        {"ExecutionEnvRef", [](Rep&, const std::string&) { return std::string(kExecEnvRef); }},
        {"X_EDGECWMP_CPUUsage",
         [](Rep& r, const std::string& s) {
           return std::to_string(std::lround(r.State(s).cpu_percent));
         }},
        {"X_EDGECWMP_UpTime",
         [](Rep& r, const std::string& s) {
           return std::to_string(std::min<uint64_t>(r.State(s).uptime_seconds, UINT32_MAX));
         }},
        {"X_EDGECWMP_RestartCount",
         [](Rep& r, const std::string& s) { return std::to_string(r.State(s).restart_count); }},
        {"X_EDGECWMP_ExitCode",
         [](Rep& r, const std::string& s) {
           ServiceState st = r.State(s);
           return std::to_string(st.has_exit_code ? st.last_exit_code : -1);
         }},
        {"X_EDGECWMP_Health", [](Rep& r, const std::string& s) { return r.Edgex(s).health; }},
        {"X_EDGECWMP_ConfigNumberOfEntries",
         [](Rep& r, const std::string& s) { return std::to_string(r.Edgex(s).config.size()); }},
    };
    return kColumns;
  }
};

SoftwareModules::SoftwareModules(Executor* executor, SoftwareModulesOptions options)
    : rep_(std::make_shared<Rep>()) {
  rep_->executor = executor;
  rep_->options = std::move(options);
  rep_->LoadInstances();
  std::weak_ptr<Rep> weak = rep_;
  executor->SetStateCallback([weak](const std::string& service, ServiceStatus, ServiceStatus) {
    std::shared_ptr<Rep> rep = weak.lock();
    if (!rep) return;
    rep->Invalidate(service);
    if (rep->options.on_change) rep->options.on_change(service);
  });
}

SoftwareModules::~SoftwareModules() { rep_->executor->SetStateCallback(nullptr); }

uint32_t SoftwareModules::InstanceOf(const std::string& service) {
  rep_->Instances();
  std::lock_guard<std::mutex> lock(rep_->mu);
  auto it = rep_->instance_of.find(service);
  return it == rep_->instance_of.end() ? 0 : it->second;
}

std::vector<uint32_t> SoftwareModules::Instances() { return rep_->Instances(); }

std::string SoftwareModules::ServiceAt(uint32_t instance) {
  const std::vector<uint32_t> listed = rep_->Instances();
  return std::binary_search(listed.begin(), listed.end(), instance) ? rep_->NameOf(instance) : "";
}

void SoftwareModules::Poll() {
  Rep& r = *rep_;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    r.has_listed = false;
    r.states.clear();
  }
  for (uint32_t n : r.Instances()) {
    std::string service = r.NameOf(n);
    Rep::Polled now{r.State(service).status, r.Edgex(service).health};
    bool changed;
    {
      std::lock_guard<std::mutex> lock(r.mu);
      auto [it, first] = r.polled.emplace(service, now);
      changed = !first && (it->second.status != now.status || it->second.health != now.health);
      it->second = now;
    }
    if (changed && r.options.on_change) r.options.on_change(service);
  }
}

// The service of an ExecutionUnit.{i} context ("" when there is none).
std::function<std::string(const dm::Context&)> SoftwareModules::Rep::ServiceOf(
    const std::shared_ptr<Rep>& rep) {
  return [rep](const dm::Context& ctx) {
    return ctx.instances.empty() ? std::string() : rep->NameOf(ctx.instances.front());
  };
}

// The two tables' rows: one ExecEnv, one ExecutionUnit per service.
Status SoftwareModules::Rep::BindTables(const std::shared_ptr<Rep>& rep, dm::DataModel* model) {
  EDGECWMP_RETURN_IF_ERROR(
      tr181::BindListedTable(model, kExecEnvTable, "Device.SoftwareModules.ExecEnvNumberOfEntries",
                             [](const dm::Context&) { return std::vector<uint32_t>{1}; }));
  EDGECWMP_RETURN_IF_ERROR(tr181::BindListedTable(
      model, kUnitTable, "Device.SoftwareModules.ExecutionUnitNumberOfEntries",
      [rep](const dm::Context&) { return rep->Instances(); }));
  return Status::Ok();
}

Status SoftwareModules::Rep::BindExecEnv(const std::shared_ptr<Rep>& rep, dm::DataModel* model) {
  // ---- ExecEnv.1: the EdgeX runtime behind the executor ----
  std::string env(kExecEnvTable);
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      env + "Name", tr181::ConstantValue(TruncateUtf8(rep->options.exec_env_name, 256))));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      env + "Vendor", tr181::ConstantValue(TruncateUtf8(rep->options.vendor, 128))));
  const std::string kind = rep->executor->kind();
  const char* type = kind == "process"  ? "Process supervisor"
                     : kind == "docker" ? "Docker"
                                        : "systemd";
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(env + "Type", tr181::ConstantValue(type)));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(env + "Version", LiveValue([rep](std::string* v) {
                                                  std::string version;
                                                  for (uint32_t n : rep->Instances()) {
                                                    std::string s = rep->NameOf(n);
                                                    version = rep->Edgex(s).version;
                                                    if (!version.empty()) break;
                                                  }
                                                  *v = TruncateUtf8(version, 32);
                                                  return Status::Ok();
                                                })));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(env + "Status", LiveValue([rep](std::string* v) {
                                                  std::vector<std::string> names;
                                                  *v = rep->executor->List(&names).ok() ? "Up"
                                                                                        : "Error";
                                                  return Status::Ok();
                                                })));
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      env + "ActiveExecutionUnits", LiveValue([rep](std::string* v) {
        v->clear();
        for (uint32_t n : rep->Instances()) {
          if (rep->State(rep->NameOf(n)).status != ServiceStatus::kActive) continue;
          *v += (v->empty() ? "" : ",") + std::string(kExecutionUnitPrefix) + std::to_string(n);
        }
        return Status::Ok();
      })));
  return Status::Ok();
}

// ExecEnv.1.Enable (always true) and Reset (restarts every service).
Status SoftwareModules::Rep::BindExecEnvCommands(const std::shared_ptr<Rep>& rep,
                                                 dm::DataModel* model) {
  std::string env(kExecEnvTable);
  dm::ParamBinding enable;
  enable.get = [](const dm::Context&, std::string* v) {
    *v = "true";
    return Status::Ok();
  };
  enable.set = [](const dm::Context&, const std::string& value, dm::Applied*) {
    return value == "true" ? Status::Ok()
                           : Status::RequestDenied("the EdgeX environment cannot be disabled");
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(env + "Enable", std::move(enable)));
  dm::ParamBinding reset;  // command: reads false; true restarts every service
  reset.get = [](const dm::Context&, std::string* v) {
    *v = "false";
    return Status::Ok();
  };
  reset.set = [rep](const dm::Context&, const std::string& value, dm::Applied* applied) {
    if (value != "true") return Status::Ok();
    for (uint32_t n : rep->Instances()) {
      std::string service = rep->NameOf(n);
      Status st = rep->executor->Restart(service);
      if (!st.ok()) return st;
      rep->Invalidate(service);
    }
    *applied = dm::Applied::kLater;
    return Status::Ok();
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(env + "Reset", std::move(reset)));
  return Status::Ok();
}

Status SoftwareModules::Rep::BindUnitColumns(const std::shared_ptr<Rep>& rep,
                                             dm::DataModel* model) {
  auto service_of = ServiceOf(rep);
  // ---- ExecutionUnit.{i}: one service each ----
  std::string unit(kUnitTable);
  for (const auto& [name, read] : Rep::UnitColumns()) {
    dm::ParamBinding binding;
    binding.get = [rep, service_of, read = read](const dm::Context& ctx, std::string* value) {
      std::string service = service_of(ctx);
      if (service.empty()) return Status::InvalidName(ctx.path + ": no such service");
      *value = read(*rep, service);
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(unit + name, std::move(binding)));
  }
  return Status::Ok();
}

Status SoftwareModules::Rep::BindUnitCommands(const std::shared_ptr<Rep>& rep,
                                              dm::DataModel* model) {
  auto service_of = ServiceOf(rep);
  std::string unit(kUnitTable);
  // RequestedState is a command (TR-181): it reads "" and the set starts or stops the service;
  // Status 1 in the answer when the service has not reached the state yet (TR-069 A.3.2.1).
  dm::ParamBinding requested;
  requested.get = [](const dm::Context&, std::string* v) {
    v->clear();
    return Status::Ok();
  };
  requested.set = [rep, service_of](const dm::Context& ctx, const std::string& value,
                                    dm::Applied* applied) {
    std::string service = service_of(ctx);
    if (value.empty()) return Status::Ok();  // the undo of a failed SetParameterValues
    bool start = value == "Active";
    Status st = start ? rep->executor->Start(service) : rep->executor->Stop(service);
    if (!st.ok()) return st;
    *applied = rep->Settled(service, start ? ServiceStatus::kActive : ServiceStatus::kIdle);
    return Status::Ok();
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(unit + "RequestedState", std::move(requested)));

  dm::ParamBinding restart;  // command: reads false; true restarts the service
  restart.get = [](const dm::Context&, std::string* v) {
    *v = "false";
    return Status::Ok();
  };
  restart.set = [rep, service_of](const dm::Context& ctx, const std::string& value,
                                  dm::Applied* applied) {
    if (value != "true") return Status::Ok();
    std::string service = service_of(ctx);
    Status st = rep->executor->Restart(service);
    if (!st.ok()) return st;
    *applied = rep->Settled(service, ServiceStatus::kActive);
    return Status::Ok();
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(unit + "X_EDGECWMP_Restart", std::move(restart)));
  return Status::Ok();
}

// AutoStart (the agent's configuration decides) and RunLevel (kept for the ACS).
Status SoftwareModules::Rep::BindUnitSettings(const std::shared_ptr<Rep>& rep,
                                              dm::DataModel* model) {
  auto service_of = ServiceOf(rep);
  std::string unit(kUnitTable);
  dm::ParamBinding autostart;  // comes from the agent's service configuration
  autostart.get = [rep, service_of](const dm::Context& ctx, std::string* v) {
    *v = rep->State(service_of(ctx)).autostart ? "true" : "false";
    return Status::Ok();
  };
  autostart.set = [rep, service_of](const dm::Context& ctx, const std::string& value,
                                    dm::Applied*) {
    bool current = rep->State(service_of(ctx)).autostart;
    if ((value == "true") == current) return Status::Ok();
    return Status::RequestDenied("AutoStart is set in the agent's service configuration");
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(unit + "AutoStart", std::move(autostart)));

  dm::ParamBinding run_level;  // kept for the ACS; services have no run levels of their own
  run_level.get = [rep, service_of](const dm::Context& ctx, std::string* v) {
    std::string service = service_of(ctx);
    std::lock_guard<std::mutex> lock(rep->mu);
    auto it = rep->run_levels.find(service);
    *v = it == rep->run_levels.end() ? "0" : it->second;
    return Status::Ok();
  };
  run_level.set = [rep, service_of](const dm::Context& ctx, const std::string& value,
                                    dm::Applied*) {
    std::string service = service_of(ctx);
    std::lock_guard<std::mutex> lock(rep->mu);
    rep->run_levels[service] = value;
    return Status::Ok();
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(unit + "RunLevel", std::move(run_level)));
  return Status::Ok();
}

Status SoftwareModules::Rep::BindConfigTable(const std::shared_ptr<Rep>& rep,
                                             dm::DataModel* model) {
  auto service_of = ServiceOf(rep);
  // ---- ExecutionUnit.{i}.X_EDGECWMP_Config.{i}: the flattened configuration ----
  EDGECWMP_RETURN_IF_ERROR(model->BindObject(
      kConfigTable, dm::ObjectBinding{[rep, service_of](const dm::Context& ctx) {
                                        std::vector<uint32_t> rows;
                                        size_t n = rep->Edgex(service_of(ctx)).config.size();
                                        for (size_t i = 1; i <= n; ++i)
                                          rows.push_back(static_cast<uint32_t>(i));
                                        return rows;
                                      },
                                      nullptr, nullptr}));
  std::string config(kConfigTable);
  for (bool key : {true, false}) {
    dm::ParamBinding binding;
    binding.get = [rep, service_of, key](const dm::Context& ctx, std::string* value) {
      if (ctx.instances.size() < 2) return Status::InvalidName(ctx.path);
      ConfigEntries entries = rep->Edgex(service_of(ctx)).config;
      size_t row = ctx.instances[1];
      if (row == 0 || row > entries.size())
        return Status::InvalidName(ctx.path + ": no such entry");
      *value = key ? TruncateUtf8(entries[row - 1].first, 256) : entries[row - 1].second;
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(
        model->BindParameter(config + (key ? "Key" : "Value"), std::move(binding)));
  }
  return Status::Ok();
}

Status SoftwareModules::Bind(dm::DataModel* model) {
  EDGECWMP_RETURN_IF_ERROR(Rep::BindTables(rep_, model));
  EDGECWMP_RETURN_IF_ERROR(Rep::BindExecEnv(rep_, model));
  EDGECWMP_RETURN_IF_ERROR(Rep::BindExecEnvCommands(rep_, model));
  EDGECWMP_RETURN_IF_ERROR(Rep::BindUnitColumns(rep_, model));
  EDGECWMP_RETURN_IF_ERROR(Rep::BindUnitCommands(rep_, model));
  EDGECWMP_RETURN_IF_ERROR(Rep::BindUnitSettings(rep_, model));
  EDGECWMP_RETURN_IF_ERROR(Rep::BindConfigTable(rep_, model));
  return Status::Ok();
}

}  // namespace edgecwmp::edgex
