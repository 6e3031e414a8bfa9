// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/service_definition.h"

#include <algorithm>
#include <utility>

#include "datamodel/persistence.h"
#include "tr181/edgex/du_faults.h"
#include "tr181/edgex/rest.h"
#include "tr181/edgex/service_config.h"

namespace edgecwmp::edgex {

namespace {

using json = nlohmann::json;

constexpr const char* kStateFile = "/edgex-deployment-units.json";

std::string Base64(const std::string& in) {
  static const char* kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

uint32_t ParseServiceDefinition(const std::string& body, ServiceDefinition* out, std::string* why) {
  json doc = json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("name")) doc = json{{"services", json::array({doc})}};
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("services") ||
      !doc["services"].is_array() || doc["services"].size() != 1) {
    *why = "not a service definition (JSON with exactly one service)";
    return du_fault::kFileCorrupted;
  }
  std::vector<ServiceSpec> specs;
  Status s = ParseServiceSpecs(doc.dump(), &specs);
  if (!s.ok()) {
    *why = s.message();
    return du_fault::kFileCorrupted;
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
  return 0;
}

uint32_t CheckDefinitionSize(const std::string& body, size_t max_bytes, std::string* why) {
  if (body.size() <= max_bytes) return 0;
  *why = "the service definition is larger than " + std::to_string(max_bytes) + " bytes";
  return du_fault::kFileCorrupted;
}

uint32_t FetchServiceDefinition(const DefinitionFetch& fetch, std::string* body, std::string* why) {
  if (fetch.url.rfind("http://", 0) != 0 && fetch.url.rfind("https://", 0) != 0) {
    *why = "only http and https URLs are supported";
    return du_fault::kUnsupportedProtocol;
  }
  RestRequest request;
  request.url = fetch.url;
  request.timeout_ms = fetch.timeout_ms;
  request.connect_timeout_ms = std::min<long>(10000, fetch.timeout_ms);
  if (!fetch.username.empty()) {
    request.headers.push_back("Authorization: Basic " +
                              Base64(fetch.username + ":" + fetch.password));
  }
  RestResponse response;
  Status s = RestCall(request, &response);
  if (!s.ok()) {
    *why = s.message();
    return du_fault::kServerUnreachable;
  }
  if (response.status == 401 || response.status == 403) {
    *why = "the file server refused the credentials (HTTP " + std::to_string(response.status) + ")";
    return du_fault::kAuthFailure;
  }
  if (response.status < 200 || response.status > 299) {
    *why = "HTTP " + std::to_string(response.status);
    return du_fault::kFileAccess;
  }
  if (uint32_t code = CheckDefinitionSize(response.body, fetch.max_bytes, why)) return code;
  *body = std::move(response.body);
  return 0;
}

Status SaveInstalledUnits(const std::string& state_dir,
                          const std::map<std::string, DeploymentUnitRecord>& units) {
  if (state_dir.empty()) return Status::Ok();
  json list = json::array();
  for (const auto& [name, u] : units) {
    if (!u.installed_by_acs || u.status == "Installing") continue;
    list.push_back({{"uuid", u.uuid}, {"url", u.url}, {"version", u.version},
                    {"description", u.description}, {"vendor", u.vendor},
                    {"definition", u.definition}});
  }
  return dm::WriteFileAtomic(state_dir + kStateFile, json{{"units", list}}.dump(2) + "\n");
}

void LoadInstalledUnits(const std::string& state_dir,
                        std::map<std::string, DeploymentUnitRecord>* units,
                        std::vector<ServiceSpec>* specs, std::string* warning) {
  if (state_dir.empty()) return;
  std::string text;
  if (!dm::ReadFile(state_dir + kStateFile, &text).ok()) return;  // none yet
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("units") || !doc["units"].is_array()) {
    if (warning) *warning = "edgex: " + state_dir + kStateFile + " is damaged; ignored";
    return;
  }
  for (const json& item : doc["units"]) {
    ServiceDefinition d;
    std::string why;
    if (!item.is_object() || !item.contains("definition") ||
        ParseServiceDefinition(json{{"services", json::array({item["definition"]})}}.dump(), &d,
                               &why) != 0) {
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
