// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/telemetry_metric.h"

#include <openssl/evp.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace edgecwmp::edgex {

namespace {

using nlohmann::json;

Status Malformed(const std::string& why) {
  return Status::InvalidArguments("not an EdgeX metric: " + why);
}

// The envelope's payload in base64 (EdgeX 3.0, or EDGEX_MSG_BASE64_PAYLOAD=true).
bool DecodeBase64(const std::string& text, std::string* out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::string bytes(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t padding = text.size() - text.find_last_not_of('=') - 1;  // EVP counts '=' as zeros
  bytes.resize(static_cast<size_t>(n) - std::min<size_t>(padding, 2));
  *out = std::move(bytes);
  return true;
}

bool ValueText(const json& value, std::string* out) {
  if (value.is_number_integer()) {
    *out = value.is_number_unsigned() ? std::to_string(value.get<uint64_t>())
                                      : std::to_string(value.get<int64_t>());
  } else if (value.is_number_float()) {
    double d = value.get<double>();
    if (!std::isfinite(d)) return false;
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", d);
    *out = text;
  } else if (value.is_boolean()) {
    *out = value.get<bool>() ? "true" : "false";
  } else if (value.is_string()) {
    *out = value.get<std::string>();
  } else {
    return false;
  }
  return true;
}

// fields[] or tags[]: [{"name": ..., "value": ...}, ...].
Status NamedValues(const json& metric, const char* key, bool required,
                   std::vector<std::pair<std::string, std::string>>* out) {
  auto it = metric.find(key);
  if (it == metric.end() || it->is_null()) {
    return required ? Malformed(std::string("no ") + key) : Status::Ok();
  }
  if (!it->is_array()) return Malformed(std::string(key) + " is not an array");
  for (const json& entry : *it) {
    auto name = entry.is_object() ? entry.find("name") : entry.end();
    auto value = entry.is_object() ? entry.find("value") : entry.end();
    std::string text;
    if (name == entry.end() || !name->is_string() || name->get<std::string>().empty() ||
        value == entry.end() || !ValueText(*value, &text)) {
      return Malformed(std::string("an entry of ") + key + " is not {name, value}");
    }
    out->emplace_back(name->get<std::string>(), std::move(text));
  }
  if (required && out->empty()) return Malformed(std::string("empty ") + key);
  return Status::Ok();
}

// The Metric itself, or the one an envelope carries.
Status MetricJson(std::string_view payload, json* metric) {
  *metric = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (metric->is_discarded() || !metric->is_object()) return Malformed("not a JSON object");
  auto inner = metric->find("payload");
  if (inner == metric->end()) return Status::Ok();
  if (inner->is_object()) {
    json copy = *inner;
    *metric = std::move(copy);
    return Status::Ok();
  }
  std::string bytes;
  if (!inner->is_string() || !DecodeBase64(inner->get<std::string>(), &bytes)) {
    return Malformed("envelope payload is neither a JSON object nor base64");
  }
  *metric = json::parse(bytes, nullptr, false);
  if (metric->is_discarded() || !metric->is_object()) return Malformed("payload is not JSON");
  return Status::Ok();
}

}  // namespace

Status ParseTelemetryMessage(std::string_view prefix, std::string_view topic,
                             std::string_view payload, TelemetryMetric* out) {
  *out = TelemetryMetric();
  if (topic.size() <= prefix.size() + 1 || topic.substr(0, prefix.size()) != prefix ||
      topic[prefix.size()] != '/') {
    return Malformed("topic outside the prefix");
  }
  std::string_view rest = topic.substr(prefix.size() + 1);
  size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == rest.size() ||
      rest.find('/', slash + 1) != std::string_view::npos) {
    return Malformed("topic is not <prefix>/<service>/<metric>");
  }
  out->service = std::string(rest.substr(0, slash));
  json metric;
  EDGECWMP_RETURN_IF_ERROR(MetricJson(payload, &metric));
  auto name = metric.find("name");
  if (name == metric.end() || !name->is_string() || name->get<std::string>().empty()) {
    return Malformed("no name");
  }
  out->name = name->get<std::string>();
  if (out->name != rest.substr(slash + 1)) return Malformed("name differs from the topic");
  auto timestamp = metric.find("timestamp");
  if (timestamp == metric.end() || !timestamp->is_number_integer()) {
    return Malformed("no integer timestamp");
  }
  out->timestamp_ns = timestamp->get<int64_t>();
  EDGECWMP_RETURN_IF_ERROR(NamedValues(metric, "fields", true, &out->fields));
  return NamedValues(metric, "tags", false, &out->tags);
}

}  // namespace edgecwmp::edgex
