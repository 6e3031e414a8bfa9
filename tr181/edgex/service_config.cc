// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/service_config.h"

#include <nlohmann/json.hpp>
#include <set>

namespace edgecwmp::edgex {

namespace {

using nlohmann::json;

Status Bad(const std::string& where, const std::string& what) {
  return Status::InvalidValue("services: " + where + ": " + what);
}

// Reads an optional non-negative millisecond count.
Status Millis(const json& item, const char* key, const std::string& where,
              std::chrono::milliseconds* out) {
  auto it = item.find(key);
  if (it == item.end()) return Status::Ok();
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    return Bad(where, std::string(key) + " must be a non-negative integer");
  }
  *out = std::chrono::milliseconds(it->get<int64_t>());
  return Status::Ok();
}

}  // namespace

Status ParseServiceSpecs(const std::string& json_text, std::vector<ServiceSpec>* out,
                         std::map<std::string, std::string>* urls) {
  out->clear();
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return Status::InvalidValue("services: not JSON");
  return ParseServiceSpecsJson(doc, out, urls);
}

Status ParseServiceSpecsJson(const json& doc, std::vector<ServiceSpec>* out,
                             std::map<std::string, std::string>* urls) {
  out->clear();
  auto list = doc.is_object() ? doc.find("services") : doc.end();
  if (!doc.is_object() || list == doc.end() || !list->is_array()) {
    return Status::InvalidValue("services: expected {\"services\": [...]}");
  }
  std::set<std::string> names;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    std::string where = "entry " + std::to_string(i);
    if (!item.is_object()) return Bad(where, "not an object");
    ServiceSpec spec;
    auto name = item.find("name");
    if (name == item.end() || !name->is_string() || name->get<std::string>().empty()) {
      return Bad(where, "name is required");
    }
    spec.name = name->get<std::string>();
    where = spec.name;
    if (!names.insert(spec.name).second) return Bad(where, "defined twice");
    auto command = item.find("command");
    if (command == item.end() || !command->is_array() || command->empty()) {
      return Bad(where, "command must be a non-empty array of strings");
    }
    for (const json& arg : *command) {
      if (!arg.is_string()) return Bad(where, "command must be a non-empty array of strings");
      spec.argv.push_back(arg.get<std::string>());
    }
    if (auto env = item.find("env"); env != item.end()) {
      if (!env->is_object()) return Bad(where, "env must be an object of strings");
      for (auto e = env->begin(); e != env->end(); ++e) {
        if (!e.value().is_string() || e.key().empty() || e.key().find('=') != std::string::npos) {
          return Bad(where, "env must be an object of strings");
        }
        spec.env.push_back(e.key() + "=" + e.value().get<std::string>());
      }
    }
    if (auto dir = item.find("workdir"); dir != item.end()) {
      if (!dir->is_string()) return Bad(where, "workdir must be a string");
      spec.working_dir = dir->get<std::string>();
    }
    if (auto autostart = item.find("autostart"); autostart != item.end()) {
      if (!autostart->is_boolean()) return Bad(where, "autostart must be true or false");
      spec.autostart = autostart->get<bool>();
    }
    if (auto restart = item.find("restart"); restart != item.end()) {
      if (!restart->is_string() ||
          !ParseRestartPolicy(restart->get<std::string>(), &spec.restart)) {
        return Bad(where, "restart must be never, on-failure or always");
      }
    }
    Status st = Millis(item, "backoff_ms", where, &spec.backoff_initial);
    if (st.ok()) st = Millis(item, "backoff_max_ms", where, &spec.backoff_max);
    if (st.ok()) st = Millis(item, "stop_timeout_ms", where, &spec.stop_timeout);
    if (!st.ok()) return st;
    if (auto url = item.find("url"); urls != nullptr && url != item.end()) {
      if (!url->is_string()) return Bad(where, "url must be a string");
      (*urls)[spec.name] = url->get<std::string>();
    }
    out->push_back(std::move(spec));
  }
  return Status::Ok();
}

}  // namespace edgecwmp::edgex
