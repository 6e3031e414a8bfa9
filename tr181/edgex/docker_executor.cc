// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/docker_executor.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "base/http_client.h"

namespace edgecwmp::edgex {

namespace {

constexpr long kConnectTimeoutMs = 2000;  // a local socket accepts at once or not at all

using nlohmann::json;

// Docker's zero time: FinishedAt of a container that never ended.
constexpr const char* kZeroTime = "0001-01-01T00:00:00Z";

std::string ErrorText(const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("message") && body["message"].is_string()) {
    return body["message"].get<std::string>();
  }
  return "HTTP " + std::to_string(response.status);
}

uint64_t U64(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

int64_t I64(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

bool Bool(const json& object, const char* key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

// The member |key| when it is an object (or array), else an empty one: malformed input never
// throws.
json Member(const json& object, const char* key, bool array = false) {
  json empty = array ? json::array() : json::object();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  if (it == object.end() || (array ? !it->is_array() : !it->is_object())) return empty;
  return *it;
}

std::string Str(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// RFC 3339 with optional fraction and a 'Z' or ±hh:mm offset → seconds since the epoch; -1 if bad.
int64_t ParseRfc3339(const std::string& text) {
  tm t{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &t.tm_year, &t.tm_mon, &t.tm_mday,
                  &t.tm_hour, &t.tm_min, &t.tm_sec, &consumed) != 6) {
    return -1;
  }
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  int64_t seconds = static_cast<int64_t>(timegm(&t));
  size_t at = static_cast<size_t>(consumed);
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int hours = 0, minutes = 0;
    if (std::sscanf(text.c_str() + at + 1, "%2d:%2d", &hours, &minutes) == 2) {
      int64_t offset = hours * 3600 + minutes * 60;
      seconds -= text[at] == '+' ? offset : -offset;
    }
  }
  return seconds;
}

ServiceStatus StatusOf(const std::string& state) {
  if (state == "running") return ServiceStatus::kActive;
  if (state == "restarting") return ServiceStatus::kStarting;
  if (state == "removing") return ServiceStatus::kStopping;
  return ServiceStatus::kIdle;  // created, paused, exited, dead
}

struct CpuSample {
  uint64_t container = 0, system = 0;
};

}  // namespace

struct DockerExecutor::Rep {
  DockerOptions options;
  StatusTracker tracker;
  std::mutex mu;
  std::map<std::string, CpuSample> cpu;  // previous one-shot sample per service
  std::set<std::string> stopped_by_us;   // their exit status is not a fault

  Status Call(const std::string& method, const std::string& path, HttpResponse* response,
              long extra_timeout_ms = 0) {
    HttpFetchRequest request;
    request.method = method;
    request.url = "http://localhost/" + options.api_version + path;
    request.unix_socket_path = options.socket_path;
    request.connect_timeout_ms = kConnectTimeoutMs;
    request.timeout_ms = options.request_timeout_ms + extra_timeout_ms;
    Status s = HttpFetch(request, response);
    if (!s.ok()) return Status(s.code(), method + " " + request.url + ": " + s.message());
    return s;
  }

  // The {id} to use in container paths for |service|.
  Status ContainerRef(const std::string& service, std::string* ref) {
    if (options.service_label.empty()) {
      *ref = options.name_prefix + service;
      return Status::Ok();
    }
    json filters = {{"label", {options.service_label + "=" + service}}};
    HttpResponse response;
    Status st =
        Call("GET", "/containers/json?all=1&filters=" + UrlEncode(filters.dump()), &response);
    if (!st.ok()) return st;
    if (response.status != 200) return Status::Internal("list containers: " + ErrorText(response));
    json list = json::parse(response.body, nullptr, false);
    if (!list.is_array() || list.empty() || Str(list[0], "Id").empty()) {
      return Status::NotFound("no container labelled " + options.service_label + "=" + service);
    }
    *ref = Str(list[0], "Id");
    return Status::Ok();
  }

  // POST /containers/{id}/<action>: 204 done, 304 already in that state, 404 no such container.
  Status Action(const std::string& service, const std::string& action, bool with_timeout) {
    std::string ref;
    Status st = ContainerRef(service, &ref);
    if (!st.ok()) return st;
    std::string path = "/containers/" + ref + "/" + action;
    long extra = 0;
    if (with_timeout) {
      path += "?t=" + std::to_string(options.stop_timeout_seconds);
      extra = options.stop_timeout_seconds * 1000L;
    }
    HttpResponse response;
    st = Call("POST", path, &response, extra);
    if (!st.ok()) return st;
    if (response.status == 204 || response.status == 304) return Status::Ok();
    std::string message = action + " " + ref + ": " + ErrorText(response);
    if (response.status == 404) return Status::NotFound(message);
    return Status::Internal(message);
  }

  void Stats(const std::string& service, const std::string& ref, ServiceState* state) {
    HttpResponse response;
    std::string query = options.stats_one_shot ? "?stream=false&one-shot=true" : "?stream=false";
    if (!Call("GET", "/containers/" + ref + "/stats" + query, &response).ok() ||
        response.status != 200) {
      return;  // metrics are best effort; the state itself is known
    }
    json stats = json::parse(response.body, nullptr, false);
    if (!stats.is_object()) return;
    // Memory as `docker stats` shows it: usage minus page cache (cgroup v1 "cache", v2
    // "inactive_file").
    const json& memory = Member(stats, "memory_stats");
    uint64_t usage = U64(memory, "usage");
    const json& mstats = Member(memory, "stats");
    uint64_t cache = mstats.contains("cache") ? U64(mstats, "cache") : U64(mstats, "inactive_file");
    state->memory_bytes = cache < usage ? usage - cache : usage;

    // CPU: (Δcontainer / Δsystem) × CPUs × 100, against precpu_stats when the engine filled it
    // (two-cycle read), otherwise against our previous one-shot sample.
    const json& cpu_stats = Member(stats, "cpu_stats");
    const json& cpu_usage = Member(cpu_stats, "cpu_usage");
    CpuSample now{U64(cpu_usage, "total_usage"), U64(cpu_stats, "system_cpu_usage")};
    uint64_t cpus = U64(cpu_stats, "online_cpus");
    if (cpus == 0) cpus = Member(cpu_usage, "percpu_usage", true).size();
    const json& pre_stats = Member(stats, "precpu_stats");
    CpuSample before{U64(Member(pre_stats, "cpu_usage"), "total_usage"),
                     U64(pre_stats, "system_cpu_usage")};
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = cpu.find(service);
      if (before.system == 0 && it != cpu.end()) before = it->second;
      cpu[service] = now;
    }
    if (before.system != 0 && now.system > before.system && now.container >= before.container &&
        cpus > 0) {
      state->cpu_percent = static_cast<double>(now.container - before.container) /
                           static_cast<double>(now.system - before.system) *
                           static_cast<double>(cpus) * 100.0;
    }
  }
};

DockerExecutor::DockerExecutor(DockerOptions options) : rep_(new Rep) {
  rep_->options = std::move(options);
}

DockerExecutor::~DockerExecutor() = default;

Status DockerExecutor::Start(const std::string& service) {
  Status st = rep_->Action(service, "start", false);
  if (st.ok()) {
    std::lock_guard<std::mutex> lock(rep_->mu);
    rep_->stopped_by_us.erase(service);
  }
  return st;
}

Status DockerExecutor::Stop(const std::string& service) {
  Status st = rep_->Action(service, "stop", true);
  if (st.ok()) {
    std::lock_guard<std::mutex> lock(rep_->mu);
    rep_->stopped_by_us.insert(service);
  }
  return st;
}

Status DockerExecutor::Restart(const std::string& service) {
  Status st = rep_->Action(service, "restart", true);
  if (st.ok()) {
    std::lock_guard<std::mutex> lock(rep_->mu);
    rep_->stopped_by_us.erase(service);
  }
  return st;
}

Status DockerExecutor::Inspect(const std::string& service, ServiceState* out) {
  std::string ref;
  Status st = rep_->ContainerRef(service, &ref);
  if (!st.ok()) return st;
  HttpResponse response;
  st = rep_->Call("GET", "/containers/" + ref + "/json", &response);
  if (!st.ok()) return st;
  if (response.status == 404)
    return Status::NotFound("inspect " + ref + ": " + ErrorText(response));
  if (response.status != 200)
    return Status::Internal("inspect " + ref + ": " + ErrorText(response));
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object()) return Status::Internal("inspect " + ref + ": response is not JSON");

  const json& cstate = Member(body, "State");
  ServiceState state;
  state.name = service;
  state.status = StatusOf(Str(cstate, "Status"));
  state.restart_count = static_cast<uint32_t>(U64(body, "RestartCount"));
  const json& policy = Member(Member(body, "HostConfig"), "RestartPolicy");
  std::string policy_name = Str(policy, "Name");
  state.autostart = policy_name == "always" || policy_name == "unless-stopped";
  bool running = Bool(cstate, "Running");
  int pid = static_cast<int>(I64(cstate, "Pid"));
  if (running && pid > 0) state.pids.push_back(pid);
  if (running) {
    int64_t started = ParseRfc3339(Str(cstate, "StartedAt"));
    int64_t now = static_cast<int64_t>(time(nullptr));
    if (started > 0 && now > started) state.uptime_seconds = static_cast<uint64_t>(now - started);
  }
  std::string finished = Str(cstate, "FinishedAt");
  if (!running && !finished.empty() && finished != kZeroTime) {
    state.has_exit_code = true;
    state.last_exit_code = static_cast<int>(I64(cstate, "ExitCode"));
  }
  bool ours;
  {
    std::lock_guard<std::mutex> lock(rep_->mu);
    ours = rep_->stopped_by_us.count(service) != 0;
  }
  std::string error = Str(cstate, "Error");
  if (!error.empty()) {
    state.fault_code = kFailureOnStart;
    state.fault_message = error;
  } else if (state.has_exit_code && state.last_exit_code != 0 && !ours) {
    state.fault_code = kFailureWhileActive;
    state.fault_message = Bool(cstate, "OOMKilled")
                              ? "killed: out of memory"
                              : "exited with code " + std::to_string(state.last_exit_code);
  }
  if (running) rep_->Stats(service, ref, &state);
  rep_->tracker.Observe(service, state.status);
  *out = std::move(state);
  return Status::Ok();
}

Status DockerExecutor::List(std::vector<std::string>* services) {
  services->clear();
  const DockerOptions& o = rep_->options;
  json filters = o.service_label.empty() ? json{{"name", {o.name_prefix}}}
                                         : json{{"label", {o.service_label}}};
  HttpResponse response;
  Status st =
      rep_->Call("GET", "/containers/json?all=1&filters=" + UrlEncode(filters.dump()), &response);
  if (!st.ok()) return st;
  if (response.status != 200) return Status::Internal("list containers: " + ErrorText(response));
  json list = json::parse(response.body, nullptr, false);
  if (!list.is_array()) return Status::Internal("list containers: response is not a JSON array");
  for (const json& container : list) {
    if (!o.service_label.empty()) {
      std::string name = Str(Member(container, "Labels"), o.service_label.c_str());
      if (!name.empty()) services->push_back(name);
      continue;
    }
    // The name filter is a regular-expression match; keep only "/<prefix><service>".
    for (const json& name : Member(container, "Names", true)) {
      if (!name.is_string()) continue;
      std::string text = name.get<std::string>();
      std::string wanted = "/" + o.name_prefix;
      if (text.size() > wanted.size() && text.rfind(wanted, 0) == 0) {
        services->push_back(text.substr(wanted.size()));
        break;
      }
    }
  }
  std::sort(services->begin(), services->end());
  services->erase(std::unique(services->begin(), services->end()), services->end());
  return Status::Ok();
}

void DockerExecutor::SetStateCallback(StateCallback callback) {
  rep_->tracker.SetCallback(std::move(callback));
}

}  // namespace edgecwmp::edgex
