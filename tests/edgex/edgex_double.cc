// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/edgex/edgex_double.h"

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

std::string CoreDataRegistryJson(uint16_t port) {
  return R"({"apiVersion": "v3", "statusCode": 200, "totalCount": 1, "registrations": [
      {"created": 1657871029592, "modified": 1657871039610, "serviceId": "core-data",
       "status": "UP", "host": "edgex-core-data", "port": )" +
         std::to_string(port) +
         R"(, "healthCheck": {"interval": "10s", "path": "/api/v3/ping", "type": "http"},
       "lastConnected": 1657871039609}]})";
}

namespace {

using nlohmann::json;
using cwmp::HttpReply;
using cwmp::HttpRequest;

HttpReply Json(int status, const std::string& body) {
  HttpReply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", "application/json"}};
  reply.body = body;
  return reply;
}

// EdgeX ErrorResponse (BaseResponse: apiVersion, statusCode, message).
HttpReply Error(int status, const std::string& message) {
  return Json(status, json{{"apiVersion", "v3"}, {"statusCode", status}, {"message", message}}.dump());
}

}  // namespace

struct EdgexDouble::Rep {
  EdgexDoubleOptions options;
  std::mutex mu;
  std::vector<std::string> log, auth;
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
    if (request.method != "GET") return Error(405, "method not allowed");
    const std::string& t = request.target;
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
};

EdgexDouble::EdgexDouble(EdgexDoubleOptions options) : rep_(new Rep) {
  rep_->options = std::move(options);
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

std::string EdgexDouble::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port());
}

std::vector<std::string> EdgexDouble::requests() {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->log;
}

std::vector<std::string> EdgexDouble::authorization_headers() {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->auth;
}

}  // namespace edgecwmp::edgex::test
