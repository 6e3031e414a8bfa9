// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/edgex_client.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/http_client.h"

namespace edgecwmp::edgex {

namespace {

using nlohmann::json;

constexpr const char* kRedacted = "<redacted>";

std::string Str(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t I64(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

uint16_t Port(const json& object, const char* key) {
  int64_t port = I64(object, key);
  return port > 0 && port <= 65535 ? static_cast<uint16_t>(port) : 0;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool LooksSecret(const std::string& key) {
  std::string last = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
  std::transform(last.begin(), last.end(), last.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return last.find("password") != std::string::npos || EndsWith(last, "token") ||
         EndsWith(last, "secret");
}

void Flatten(const json& value, const std::string& key, bool redact, ConfigEntries* out) {
  if (value.is_object() || value.is_array()) {
    if (value.empty()) {
      if (!key.empty()) out->emplace_back(key, "");
      return;
    }
    if (value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it) {
        Flatten(it.value(), key.empty() ? it.key() : key + "." + it.key(), redact, out);
      }
    } else {
      for (size_t i = 0; i < value.size(); ++i) {
        Flatten(value[i], key.empty() ? std::to_string(i) : key + "." + std::to_string(i), redact,
                out);
      }
    }
    return;
  }
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (!value.is_null()) {
    text = value.dump();
  }
  if (redact && !text.empty() && LooksSecret(key)) text = kRedacted;
  out->emplace_back(key, std::move(text));
}

}  // namespace

ConfigEntries FlattenJson(const std::string& json_text, bool redact_secrets, Status* status) {
  ConfigEntries entries;
  json value = json::parse(json_text, nullptr, false);
  if (value.is_discarded()) {
    *status = Status::Corruption("configuration is not JSON");
    return entries;
  }
  Flatten(value, "", redact_secrets, &entries);
  std::sort(entries.begin(), entries.end());
  *status = Status::Ok();
  return entries;
}

Status EdgexCall(const EdgexCallOptions& options, const std::string& method, const std::string& url,
                 const std::string& body, std::string* response_body) {
  HttpFetchRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.connect_timeout_ms = options.connect_timeout_ms;
  request.timeout_ms = options.timeout_ms;
  request.headers.emplace_back("Accept", "application/json");
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.bearer_token = options.bearer_token;
  HttpResponse response;
  Status st = HttpFetch(request, &response);
  if (!st.ok()) return Status(st.code(), method + " " + url + ": " + st.message());
  if (response.status >= 200 && response.status < 300) {
    *response_body = std::move(response.body);
    return Status::Ok();
  }
  // EdgeX's ErrorResponse: {apiVersion, message, statusCode}.
  json error = json::parse(response.body, nullptr, false);
  std::string message = method + " " + url + ": HTTP " + std::to_string(response.status);
  std::string detail = Str(error, "message");
  if (!detail.empty()) message += ": " + detail;
  if (response.status == 401 || response.status == 403) return Status::RequestDenied(message);
  if (response.status == 404) return Status::NotFound(message);
  return Status::Internal(message);
}

EdgexClient::EdgexClient(EdgexClientOptions options) : options_(std::move(options)) {}

Status EdgexClient::GetJson(const std::string& url, std::string* body) const {
  EdgexCallOptions call{options_.bearer_token, options_.connect_timeout_ms, options_.timeout_ms};
  return EdgexCall(call, "GET", url, "", body);
}

Status EdgexClient::ListRegistrations(std::vector<Registration>* out) const {
  out->clear();
  bool consul = options_.registry == RegistryKind::kConsul;
  std::string url =
      options_.registry_url + (consul ? "/v1/agent/services" : "/api/v3/registry/all");
  std::string body;
  Status st = GetJson(url, &body);
  if (!st.ok()) return st;
  json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return Status::Corruption("GET " + url + ": not a JSON object");
  if (consul) {
    // Consul: {"<id>": {"ID", "Service", "Tags", "Meta", "Port", "Address", ...}, ...}
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      Registration r;
      r.service_id = Str(it.value(), "Service");
      if (r.service_id.empty()) r.service_id = it.key();
      r.host = Str(it.value(), "Address");
      r.port = Port(it.value(), "Port");
      out->push_back(std::move(r));
    }
  } else {
    // core-keeper MultiRegistrationsResponse: {apiVersion, statusCode, totalCount, registrations}
    auto list = doc.find("registrations");
    if (list == doc.end() || !list->is_array()) {
      return Status::Corruption("GET " + url + ": no registrations array");
    }
    for (const json& item : *list) {
      Registration r;
      r.service_id = Str(item, "serviceId");
      r.status = Str(item, "status");
      r.host = Str(item, "host");
      r.port = Port(item, "port");
      auto health = item.find("healthCheck");
      if (item.is_object() && health != item.end()) {
        r.health_path = Str(*health, "path");
        r.health_interval = Str(*health, "interval");
      }
      r.last_connected_ms = I64(item, "lastConnected");
      if (!r.service_id.empty()) out->push_back(std::move(r));
    }
  }
  std::sort(out->begin(), out->end(), [](const Registration& a, const Registration& b) {
    return a.service_id < b.service_id;
  });
  return Status::Ok();
}

std::string EdgexClient::BaseUrl(const Registration& registration) const {
  const std::string& host =
      options_.service_host_override.empty() ? registration.host : options_.service_host_override;
  return "http://" + host + ":" + std::to_string(registration.port);
}

Status EdgexClient::Ping(const std::string& base_url, PingInfo* out) const {
  std::string body;
  Status st = GetJson(base_url + "/api/v3/ping", &body);
  if (!st.ok()) return st;
  json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return Status::Corruption("ping: not a JSON object");
  out->api_version = Str(doc, "apiVersion");
  out->timestamp = Str(doc, "timestamp");
  out->service_name = Str(doc, "serviceName");
  return Status::Ok();
}

Status EdgexClient::Version(const std::string& base_url, VersionInfo* out) const {
  std::string body;
  Status st = GetJson(base_url + "/api/v3/version", &body);
  if (!st.ok()) return st;
  json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return Status::Corruption("version: not a JSON object");
  out->api_version = Str(doc, "apiVersion");
  out->version = Str(doc, "version");
  out->service_name = Str(doc, "serviceName");
  return Status::Ok();
}

Status EdgexClient::Config(const std::string& base_url, ConfigEntries* out) const {
  std::string body;
  Status st = GetJson(base_url + "/api/v3/config", &body);
  if (!st.ok()) return st;
  json doc = json::parse(body, nullptr, false);
  auto config = doc.is_object() ? doc.find("config") : doc.end();
  if (!doc.is_object() || config == doc.end()) {
    return Status::Corruption("config: no config object");
  }
  *out = FlattenJson(config->dump(), options_.redact_secrets, &st);
  return st;
}

}  // namespace edgecwmp::edgex
