// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/service_definition.h"

#include <algorithm>
#include <utility>

#include "base/fault_codes.h"
#include "base/file_io.h"
#include "base/http_client.h"
#include "tr181/edgex/service_config.h"

namespace edgecwmp::edgex {

namespace {

using json = nlohmann::json;

constexpr const char* kStateFile = "/edgex-deployment-units.json";

Status DefinitionTooLarge(size_t max_bytes) {
  return Status::Fault(fault::kFileCorrupted, "the service definition is larger than " +
                                                  std::to_string(max_bytes) + " bytes");
}

}  // namespace

Status ParseServiceDefinition(const std::string& body, ServiceDefinition* out) {
  return ParseServiceDefinitionJson(json::parse(body, nullptr, false), out);
}

Status ParseServiceDefinitionJson(json doc, ServiceDefinition* out) {
  if (doc.is_object() && doc.contains("name")) doc = json{{"services", json::array({doc})}};
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("services") ||
      !doc["services"].is_array() || doc["services"].size() != 1) {
    return Status::Fault(fault::kFileCorrupted,
                         "not a service definition (JSON with exactly one service)");
  }
  std::vector<ServiceSpec> specs;
  if (Status s = ParseServiceSpecsJson(doc, &specs); !s.ok()) {
    return Status::Fault(fault::kFileCorrupted, s.message());
  }
  out->object = doc["services"][0];
  out->spec = std::move(specs.front());
  auto text = [&](const char* key) {
    auto it = out->object.find(key);
    return it != out->object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  out->version = text("version");
  out->description = text("description");
  out->vendor = text("vendor");
  return Status::Ok();
}

Status CheckDefinitionSize(const std::string& body, size_t max_bytes) {
  return body.size() <= max_bytes ? Status::Ok() : DefinitionTooLarge(max_bytes);
}

Status FetchServiceDefinition(const DefinitionFetch& fetch, std::string* body) {
  const bool https = fetch.url.rfind("https://", 0) == 0;
  if (!https && !(fetch.allow_http && fetch.url.rfind("http://", 0) == 0)) {
    // 9013 "Unsupported protocol for file transfer": a definition names a program to run, so one
    // that anybody on the path could have rewritten is not taken (edgex.allow_http_definitions).
    return Status::Fault(fault::kUnsupportedTransferProtocol,
                         fetch.allow_http ? "only http and https URLs are supported"
                                          : "service definitions are fetched over https only");
  }
  HttpFetchRequest request;
  request.url = fetch.url;
  request.timeout_ms = fetch.timeout_ms;
  request.connect_timeout_ms = std::min<long>(10000, fetch.timeout_ms);
  request.username = fetch.username;
  request.password = fetch.password;
  request.tls.ca_file = fetch.ca_file;
  request.tls.ca_path = fetch.ca_path;
  request.max_response_bytes = fetch.max_bytes;
  HttpResponse response;
  Status s = HttpFetch(request, &response);
  if (s.code() == Error::kResourcesExceeded) return DefinitionTooLarge(fetch.max_bytes);
  if (!s.ok()) return Status::Fault(fault::kFileServerUnreachable, s.message());
  if (response.status == 401 || response.status == 403) {
    return Status::Fault(
        fault::kFileTransferAuthFailure,
        "the file server refused the credentials (HTTP " + std::to_string(response.status) + ")");
  }
  if (response.status < 200 || response.status > 299) {
    return Status::Fault(fault::kFileAccessFailure, "HTTP " + std::to_string(response.status));
  }
  EDGECWMP_RETURN_IF_ERROR(CheckDefinitionSize(response.body, fetch.max_bytes));
  *body = std::move(response.body);
  return Status::Ok();
}

Status SaveInstalledUnits(const std::string& state_dir,
                          const std::map<std::string, DeploymentUnitRecord>& units) {
  if (state_dir.empty()) return Status::Ok();
  json list = json::array();
  for (const auto& [name, u] : units) {
    if (!u.installed_by_acs || u.status == "Installing") continue;
    list.push_back({{"uuid", u.uuid},
                    {"url", u.url},
                    {"version", u.version},
                    {"description", u.description},
                    {"vendor", u.vendor},
                    {"definition", u.definition}});
  }
  return WriteFileAtomic(state_dir + kStateFile, json{{"units", list}}.dump(2) + "\n");
}

void LoadInstalledUnits(const std::string& state_dir,
                        std::map<std::string, DeploymentUnitRecord>* units,
                        std::vector<ServiceSpec>* specs, std::string* warning) {
  if (state_dir.empty()) return;
  std::string text;
  if (!ReadFile(state_dir + kStateFile, &text).ok()) return;  // none yet
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("units") ||
      !doc["units"].is_array()) {
    if (warning) *warning = "edgex: " + state_dir + kStateFile + " is damaged; ignored";
    return;
  }
  for (const json& item : doc["units"]) {
    ServiceDefinition d;
    if (!item.is_object() || !item.contains("definition") ||
        !ParseServiceDefinitionJson(item["definition"], &d).ok()) {
      if (warning) *warning = "edgex: an installed deployment unit is damaged; skipped";
      continue;
    }
    DeploymentUnitRecord u;
    u.uuid = item.value("uuid", "");
    u.url = item.value("url", "");
    u.version = item.value("version", "");
    u.description = item.value("description", "");
    u.vendor = item.value("vendor", "");
    u.installed_by_acs = true;
    u.definition = item["definition"];
    (*units)[d.spec.name] = std::move(u);
    specs->push_back(std::move(d.spec));
  }
}

}  // namespace edgecwmp::edgex
