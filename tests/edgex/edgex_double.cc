// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/edgex/edgex_double.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>

#include "cwmp/transport/http_server.h"

namespace edgecwmp::edgex::test {

const char* const kMultiRegistrationsResponseExample = R"({
  "apiVersion": "v3",
  "statusCode": 200,
  "totalCount": 2,
  "registrations": [
    {
      "created": 1657870358212,
      "modified": 1657871042216,
      "serviceId": "core-command",
      "status": "UP",
      "host": "edgex-core-command",
      "port": 59882,
      "healthCheck": {"interval": "10s", "path": "/api/v3/ping", "type": "http"},
      "lastConnected": 1657871042216
    },
    {
      "created": 1657871029592,
      "modified": 1657871039610,
      "serviceId": "core-data",
      "status": "UP",
      "host": "edgex-core-data",
      "port": 59880,
      "healthCheck": {"interval": "10s", "path": "/api/v3/ping", "type": "http"},
      "lastConnected": 1657871039609
    }
  ]
})";

const char* const kCoreKeeperConfigExample = R"({
  "Writeable": {"LogLevel": "INFO"},
  "Databases": {
    "Primary": {
      "Username": "meta", "Password": "password", "Type": "redisdb", "Timeout": 5000,
      "Host": "edgex-redis", "Port": 6379, "Name": "metadata"
    }
  },
  "Service": {
    "BootTimeout": 30000, "CheckInterval": "10s", "Host": "edgex-core-keeper", "Port": 59890,
    "SeverBindAddr": "", "Protocol": "http",
    "StartupMsg": "This is the EdgeX Core Keeper Microservice", "MaxResultCount": 50000,
    "Timeout": 5000
  },
  "SecretStore": {
    "Host": "edgex-secret-store", "Port": 8200, "Path": "v1/secret/edgex/core-metadata/",
    "Protocol": "http", "Namespace": "", "RootCaCertPath": "", "ServerName": "edgex-secret-store",
    "Authentication": {"AuthType": "X-Vault-Token", "AuthToken": ""},
    "TokenFile": "/tmp/edgex/secrets/core-metadata/secrets-token.json"
  }
})";

// Abridged to the fields the agent reads plus a few of the others (autoEvents, protocols and
// deviceResources dropped); the values are the examples'.
const char* const kDevicesExample = R"([
  {"id": "55b68fcf-0fd2-445a-9fae-670b37fb9274", "name": "Random-Boolean-Device",
   "description": "Example of Device Virtual", "created": 1600927134931,
   "modified": 1600927134931, "adminState": "UNLOCKED", "operatingState": "UP",
   "labels": ["device-virtual-example"], "location": "", "serviceName": "device-virtual",
   "profileName": "Random-Boolean-Device"},
  {"id": "03bd5ce0-b967-4165-a335-775fea604142", "name": "Random-UnsignedInteger-Device",
   "description": "Example of Device Virtual", "created": 1600927134949,
   "modified": 1600927134949, "adminState": "UNLOCKED", "operatingState": "UP",
   "labels": ["device-virtual-example"], "location": "", "serviceName": "device-virtual",
   "profileName": "Random-Boolean-Device"}
])";

const char* const kDeviceServicesExample = R"([
  {"id": "1ff7762f-c432-4af0-9a5d-756bbc92744b", "name": "device-virtual",
   "created": 1600927134890, "modified": 1600927134890, "description": "Example",
   "adminState": "UNLOCKED", "labels": ["virtual"],
   "baseAddress": "http://edgex-device-virtual:59990"}
])";

const char* const kDeviceProfilesExample = R"([
  {"id": "9d33b6fd-f38b-4f0e-aef4-0332578ff2c0", "name": "Device-Virtual-Profile",
   "description": "Example of Device-Virtual", "created": 1600927134904,
   "modified": 1600927134904, "manufacturer": "IOTech", "model": "Device-Virtual-01",
   "labels": ["device-virtual-example"], "linkedDeviceCount": 1},
  {"id": "3edf4fe9-b3b8-4f78-bb94-ff55f7d9f316", "name": "Device-Modbus-Profile",
   "description": "Example of Device-Modbus", "created": 1600927134904,
   "modified": 1600927134904, "manufacturer": "IOTech", "model": "Device-Modbus-01",
   "labels": ["device-modbus-example"], "linkedDeviceCount": 0}
])";

std::string CoreDataRegistryJson(uint16_t port) {
  return R"({"apiVersion": "v3", "statusCode": 200, "totalCount": 1, "registrations": [
      {"created": 1657871029592, "modified": 1657871039610, "serviceId": "core-data",
       "status": "UP", "host": "edgex-core-data", "port": )" +
         std::to_string(port) +
         R"(, "healthCheck": {"interval": "10s", "path": "/api/v3/ping", "type": "http"},
       "lastConnected": 1657871039609}]})";
}

namespace {

using cwmp::HttpReply;
using cwmp::HttpRequest;
using nlohmann::json;

HttpReply Json(int status, const std::string& body) {
  HttpReply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", "application/json"}};
  reply.body = body;
  return reply;
}

// EdgeX ErrorResponse (BaseResponse: apiVersion, statusCode, message).
HttpReply Error(int status, const std::string& message) {
  return Json(status,
              json{{"apiVersion", "v3"}, {"statusCode", status}, {"message", message}}.dump());
}

// The query parameter |name| of |target| as a number, |fallback| when absent.
long QueryNumber(const std::string& target, const std::string& name, long fallback) {
  size_t q = target.find('?');
  if (q == std::string::npos) return fallback;
  std::string query = "&" + target.substr(q + 1);
  size_t at = query.find("&" + name + "=");
  if (at == std::string::npos) return fallback;
  return std::strtol(query.c_str() + at + name.size() + 2, nullptr, 10);
}

// Multi*Response: BaseWithTotalCountResponse plus the [offset, offset + limit) slice.
HttpReply Page(const json& all, const char* key, const std::string& target) {
  long offset = QueryNumber(target, "offset", 0);
  long limit = QueryNumber(target, "limit", 20);
  if (offset < 0 || limit < -1) return Error(400, "invalid offset or limit");
  json slice = json::array();
  for (size_t i = static_cast<size_t>(offset); i < all.size(); ++i) {
    if (limit != -1 && slice.size() >= static_cast<size_t>(limit)) break;
    slice.push_back(all[i]);
  }
  return Json(
      200, json{{"apiVersion", "v3"}, {"statusCode", 200}, {"totalCount", all.size()}, {key, slice}}
               .dump());
}

// PATCH of Update*Request objects: each updates the entry of |all| with its name.
HttpReply Update(json* all, const char* key, const std::string& body) {
  json requests = json::parse(body, nullptr, false);
  if (!requests.is_array()) return Error(400, "request body is not an array");
  json answers = json::array();
  for (const json& request : requests) {
    const json* update = request.is_object() && request.contains(key) ? &request[key] : nullptr;
    if (update == nullptr || !update->is_object() || !request.contains("apiVersion")) {
      answers.push_back({{"apiVersion", "v3"}, {"statusCode", 400}, {"message", "invalid"}});
      continue;
    }
    auto it = std::find_if(all->begin(), all->end(), [&](const json& entry) {
      return entry.value("name", "") == update->value("name", "");
    });
    if (it == all->end()) {
      answers.push_back({{"apiVersion", "v3"}, {"statusCode", 404}, {"message", "Not Found"}});
      continue;
    }
    for (const char* field : {"adminState", "operatingState"}) {
      if (update->contains(field)) (*it)[field] = (*update)[field];
    }
    answers.push_back({{"apiVersion", "v3"}, {"statusCode", 200}});
  }
  return Json(207, answers.dump());
}

}  // namespace

struct EdgexDouble::Rep {
  EdgexDoubleOptions options;
  std::mutex mu;
  std::vector<std::string> log, auth, patches;
  json devices, services, profiles;
  std::unique_ptr<cwmp::HttpServer> server;

  HttpReply Handle(const HttpRequest& request) {
    std::string authorization = request.Header("Authorization");
    {
      std::lock_guard<std::mutex> lock(mu);
      log.push_back(request.method + " " + request.target);
      auth.push_back(authorization);
    }
    if (!options.token.empty() && authorization != "Bearer " + options.token) {
      return Error(401, "unauthorized");
    }
    const std::string& t = request.target;
    if (request.method == "PATCH") return HandlePatch(t, request.body);
    if (request.method != "GET") return Error(405, "method not allowed");
    std::string path = t.substr(0, t.find('?'));
    std::lock_guard<std::mutex> lock(mu);
    if (path == "/api/v3/device/all") return Page(devices, "devices", t);
    if (path == "/api/v3/deviceservice/all") return Page(services, "services", t);
    if (path == "/api/v3/deviceprofile/all") return Page(profiles, "profiles", t);
    if (t == "/api/v3/ping") {
      return Json(200, json{{"apiVersion", "v3"},
                            {"timestamp", "Mon, 02 Jan 2006 15:04:05 MST"},
                            {"serviceName", options.service_name}}
                           .dump());
    }
    if (t == "/api/v3/version") {
      return Json(200, json{{"apiVersion", "v3"},
                            {"version", options.version},
                            {"serviceName", options.service_name}}
                           .dump());
    }
    if (t == "/api/v3/config") {
      return Json(200, R"({"apiVersion":"v3","serviceName":")" + options.service_name +
                           R"(","config":)" + options.config_json + "}");
    }
    if (t == "/api/v3/registry/all") return Json(200, options.registry_json);
    if (t == "/v1/agent/services") return Json(200, options.consul_services_json);
    return Error(404, "Not Found");
  }

  HttpReply HandlePatch(const std::string& target, const std::string& body) {
    std::lock_guard<std::mutex> lock(mu);
    patches.push_back("PATCH " + target + " " + body);
    if (target == "/api/v3/device") return Update(&devices, "device", body);
    if (target == "/api/v3/deviceservice") return Update(&services, "service", body);
    return Error(405, "method not allowed");
  }
};

EdgexDouble::EdgexDouble(EdgexDoubleOptions options) : rep_(new Rep) {
  rep_->options = std::move(options);
  rep_->devices = json::parse(rep_->options.devices_json);
  rep_->services = json::parse(rep_->options.device_services_json);
  rep_->profiles = json::parse(rep_->options.device_profiles_json);
}

EdgexDouble::~EdgexDouble() { Stop(); }

Status EdgexDouble::Start() {
  cwmp::HttpServerOptions options;
  options.address = "127.0.0.1";
  rep_->server = std::make_unique<cwmp::HttpServer>(
      options, [this](const HttpRequest& request) { return rep_->Handle(request); });
  return rep_->server->Start();
}

void EdgexDouble::Stop() {
  if (rep_->server) rep_->server->Stop();
}

uint16_t EdgexDouble::port() const { return rep_->server ? rep_->server->port() : 0; }

std::string EdgexDouble::base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

std::vector<std::string> EdgexDouble::requests() {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->log;
}

std::vector<std::string> EdgexDouble::authorization_headers() {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->auth;
}

}  // namespace edgecwmp::edgex::test

namespace edgecwmp::edgex::test {

std::vector<std::string> EdgexDouble::patch_bodies() {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->patches;
}

bool EdgexDouble::SetOperatingState(const std::string& device, const std::string& state) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  for (json& entry : rep_->devices) {
    if (entry.value("name", "") == device) {
      entry["operatingState"] = state;
      return true;
    }
  }
  return false;
}

std::string EdgexDouble::AdminState(const std::string& device) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  for (const json& entry : rep_->devices) {
    if (entry.value("name", "") == device) return entry.value("adminState", "");
  }
  return "";
}

}  // namespace edgecwmp::edgex::test
