// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/edgex/docker_double.h"

#include <time.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "cwmp/transport/http_server.h"

namespace edgecwmp::edgex::test {

namespace {

using cwmp::HttpReply;
using cwmp::HttpRequest;
using nlohmann::json;

std::string NowRfc3339() {
  timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  tm utc;
  gmtime_r(&now.tv_sec, &utc);
  char buffer[64];
  strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[16];
  snprintf(fraction, sizeof fraction, ".%09ldZ", now.tv_nsec);
  return std::string(buffer) + fraction;
}

std::string UrlDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> Query(const std::string& target) {
  std::map<std::string, std::string> params;
  size_t q = target.find('?');
  if (q == std::string::npos) return params;
  std::string rest = target.substr(q + 1);
  size_t begin = 0;
  while (begin < rest.size()) {
    size_t end = rest.find('&', begin);
    if (end == std::string::npos) end = rest.size();
    std::string pair = rest.substr(begin, end - begin);
    size_t eq = pair.find('=');
    params[UrlDecode(pair.substr(0, eq))] =
        eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1));
    begin = end + 1;
  }
  return params;
}

HttpReply Json(int status, const json& body) {
  HttpReply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", "application/json"}, {"Api-Version", "1.41"}};
  reply.body = body.dump();
  return reply;
}

HttpReply Empty(int status) {
  HttpReply reply;
  reply.status = status;
  reply.headers = {{"Api-Version", "1.41"}};
  return reply;
}

HttpReply NoSuchContainer(const std::string& ref) {
  return Json(404, {{"message", "No such container: " + ref}});
}

json Summary(const FakeContainer& c) {  // ContainerSummary
  std::string status_text = c.state == "running"
                                ? "Up 5 minutes"
                                : "Exited (" + std::to_string(c.exit_code) + ") 2 minutes ago";
  return {{"Id", c.id},
          {"Names", {"/" + c.name}},
          {"Image", c.image},
          {"ImageID", "sha256:5d0da3dc976460b72c77d94c8a1ad043720b0416bfc16c52c45d4847e53fadb6"},
          {"Command", "/core-data -cp=keeper.http://edgex-core-keeper:59890 --registry"},
          {"Created", 1700000000},
          {"Ports", json::array()},
          {"Labels", c.labels},
          {"State", c.state},
          {"Status", status_text},
          {"HostConfig", {{"NetworkMode", "edgex_edgex-network"}}},
          {"NetworkSettings", {{"Networks", json::object()}}},
          {"Mounts", json::array()}};
}

json InspectBody(const FakeContainer& c) {  // ContainerInspectResponse (the fields that matter)
  return {
      {"Id", c.id},
      {"Created", "2026-11-25T16:00:00.000000000Z"},
      {"Path", "/" + c.name.substr(c.name.find('-') + 1)},
      {"Args", json::array()},
      {"State",
       {{"Status", c.state},
        {"Running", c.state == "running"},
        {"Paused", c.state == "paused"},
        {"Restarting", c.state == "restarting"},
        {"OOMKilled", c.oom_killed},
        {"Dead", c.state == "dead"},
        {"Pid", c.pid},
        {"ExitCode", c.exit_code},
        {"Error", c.error},
        {"StartedAt", c.started_at},
        {"FinishedAt", c.finished_at}}},
      {"Image", "sha256:5d0da3dc976460b72c77d94c8a1ad043720b0416bfc16c52c45d4847e53fadb6"},
      {"Name", "/" + c.name},
      {"RestartCount", c.restart_count},
      {"Driver", "overlay2"},
      {"Platform", "linux"},
      {"HostConfig", {{"RestartPolicy", {{"Name", c.restart_policy}, {"MaximumRetryCount", 0}}}}},
      {"Config", {{"Hostname", c.name}, {"Image", c.image}, {"Labels", c.labels}}}};
}

json StatsBody(const FakeContainer& c, bool one_shot) {  // ContainerStatsResponse
  json memory_stats = json::object();
  for (const auto& [key, value] : c.memory_stats) memory_stats[key] = value;
  json precpu = {
      {"cpu_usage", {{"total_usage", 0}, {"usage_in_kernelmode", 0}, {"usage_in_usermode", 0}}},
      {"throttling_data", {{"periods", 0}, {"throttled_periods", 0}, {"throttled_time", 0}}}};
  if (!one_shot) {  // two cycles: the previous read is filled in
    precpu = {
        {"cpu_usage",
         {{"total_usage", c.precpu_total}, {"usage_in_kernelmode", 0}, {"usage_in_usermode", 0}}},
        {"system_cpu_usage", c.presystem_cpu},
        {"online_cpus", c.online_cpus},
        {"throttling_data", {{"periods", 0}, {"throttled_periods", 0}, {"throttled_time", 0}}}};
  }
  return {
      {"name", "/" + c.name},
      {"id", c.id},
      {"read", NowRfc3339()},
      {"preread", one_shot ? "0001-01-01T00:00:00Z" : NowRfc3339()},
      {"pids_stats", {{"current", 3}}},
      {"blkio_stats", {{"io_service_bytes_recursive", json::array()}}},
      {"num_procs", 0},
      {"storage_stats", json::object()},
      {"cpu_stats",
       {{"cpu_usage",
         {{"total_usage", c.cpu_total},
          {"usage_in_kernelmode", c.cpu_total / 4},
          {"usage_in_usermode", c.cpu_total - c.cpu_total / 4}}},
        {"system_cpu_usage", c.system_cpu},
        {"online_cpus", c.online_cpus},
        {"throttling_data", {{"periods", 0}, {"throttled_periods", 0}, {"throttled_time", 0}}}}},
      {"precpu_stats", precpu},
      {"memory_stats",
       {{"usage", c.memory_usage}, {"stats", memory_stats}, {"limit", 8589934592ULL}}}};
}

}  // namespace

struct DockerDouble::Rep {
  std::string socket_path;
  std::mutex mu;
  std::vector<FakeContainer> containers;
  std::vector<std::string> log;
  int next_pid = 30000;
  std::unique_ptr<cwmp::HttpServer> server;

  FakeContainer* Find(const std::string& ref) {
    for (FakeContainer& c : containers) {
      if (c.name == ref || (!ref.empty() && c.id.rfind(ref, 0) == 0)) return &c;
    }
    return nullptr;
  }

  void Run(FakeContainer& c) {
    c.state = "running";
    c.pid = next_pid++;
    c.exit_code = 0;
    c.error.clear();
    c.started_at = NowRfc3339();
  }

  HttpReply List(const std::map<std::string, std::string>& query) {
    bool all = query.count("all") && (query.at("all") == "1" || query.at("all") == "true");
    json filters = json::object();
    if (query.count("filters")) {
      filters = json::parse(query.at("filters"), nullptr, false);
      if (!filters.is_object()) return Json(400, {{"message", "invalid filter"}});
    }
    json out = json::array();
    for (const FakeContainer& c : containers) {
      if (!all && c.state != "running") continue;
      bool keep = true;
      for (const auto& wanted : filters.value("name", json::array())) {
        keep = keep && ("/" + c.name).find(wanted.get<std::string>()) != std::string::npos;
      }
      for (const auto& wanted : filters.value("label", json::array())) {
        std::string label = wanted.get<std::string>();
        size_t eq = label.find('=');
        auto it = c.labels.find(label.substr(0, eq));
        keep = keep && it != c.labels.end() &&
               (eq == std::string::npos || it->second == label.substr(eq + 1));
      }
      if (keep) out.push_back(Summary(c));
    }
    return Json(200, out);
  }

  HttpReply Handle(const HttpRequest& request) {
    std::lock_guard<std::mutex> lock(mu);
    log.push_back(request.method + " " + request.target);
    std::string path = request.target.substr(0, request.target.find('?'));
    auto query = Query(request.target);
    const std::string prefix = "/v1.41/containers/";
    if (path.rfind(prefix, 0) != 0) return Json(404, {{"message", "page not found"}});
    std::string rest = path.substr(prefix.size());
    if (rest == "json" && request.method == "GET") return List(query);
    size_t slash = rest.find('/');
    if (slash == std::string::npos) return Json(404, {{"message", "page not found"}});
    std::string ref = rest.substr(0, slash), action = rest.substr(slash + 1);
    FakeContainer* c = Find(ref);
    if (c == nullptr) return NoSuchContainer(ref);
    if (request.method == "GET" && action == "json") return Json(200, InspectBody(*c));
    if (request.method == "GET" && action == "stats") {
      bool one_shot =
          query.count("one-shot") && query["one-shot"] != "false" && query["one-shot"] != "0";
      return Json(200, StatsBody(*c, one_shot));
    }
    if (request.method != "POST") return Json(404, {{"message", "page not found"}});
    if (action == "start") {
      if (c->state == "running") return Empty(304);
      Run(*c);
      return Empty(204);
    }
    if (action == "stop") {
      if (c->state != "running") return Empty(304);
      c->state = "exited";
      c->pid = 0;
      c->exit_code = 0;
      c->finished_at = NowRfc3339();
      return Empty(204);
    }
    if (action == "restart") {
      Run(*c);
      return Empty(204);
    }
    return Json(404, {{"message", "page not found"}});
  }
};

DockerDouble::DockerDouble(std::string socket_path) : rep_(new Rep) {
  rep_->socket_path = std::move(socket_path);
}

DockerDouble::~DockerDouble() {
  if (rep_->server) rep_->server->Stop();
}

Status DockerDouble::Start() {
  cwmp::HttpServerOptions options;
  options.unix_socket_path = rep_->socket_path;
  rep_->server = std::make_unique<cwmp::HttpServer>(
      options, [this](const HttpRequest& request) { return rep_->Handle(request); });
  return rep_->server->Start();
}

void DockerDouble::Put(const FakeContainer& container) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  FakeContainer* existing = rep_->Find(container.name);
  if (existing != nullptr) {
    *existing = container;
  } else {
    rep_->containers.push_back(container);
  }
}

FakeContainer DockerDouble::Get(const std::string& name) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  FakeContainer* c = rep_->Find(name);
  return c != nullptr ? *c : FakeContainer();
}

std::vector<std::string> DockerDouble::requests() {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->log;
}

}  // namespace edgecwmp::edgex::test
