// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/report_json.h"

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "base/time_util.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

// Insertion order is kept so that a report reads in the order its parameters were collected.
using Json = nlohmann::ordered_json;

Json ValueOf(const ReportItem& item) {
  switch (item.type) {
    case dm::Type::kInt:
    case dm::Type::kLong:
      return Json(std::strtoll(item.value.c_str(), nullptr, 10));
    case dm::Type::kUnsignedInt:
    case dm::Type::kUnsignedLong:
      return Json(std::strtoull(item.value.c_str(), nullptr, 10));
    case dm::Type::kBoolean:
      return Json(item.value == "true" || item.value == "1");
    default:
      return Json(item.value);
  }
}

void InsertHierarchical(Json* root, const ReportItem& item) {
  const std::vector<std::string> path = NameSegments(item.name);
  if (path.empty()) return;
  Json* node = root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    Json& child = (*node)[path[i]];
    if (child.is_null()) child = Json::object();
    if (!child.is_object()) return;  // a value already sits where an object would go
    node = &child;
  }
  if (!node->contains(path.back())) (*node)[path.back()] = ValueOf(item);
}

}  // namespace

std::vector<std::string> NameSegments(std::string_view name) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    if (dot > start) out.emplace_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

const char* JsonFormatName(JsonFormat format) {
  return format == JsonFormat::kNameValuePair ? "NameValuePair" : "ObjectHierarchy";
}

JsonFormat ParseJsonFormat(std::string_view text) {
  return text == "NameValuePair" ? JsonFormat::kNameValuePair : JsonFormat::kObjectHierarchy;
}

JsonTimestamp ParseJsonTimestamp(std::string_view text) {
  if (text == "ISO-8601") return JsonTimestamp::kIso8601;
  if (text == "None") return JsonTimestamp::kNone;
  return JsonTimestamp::kUnixEpoch;
}

std::string EncodeReport(int64_t collection_time, const std::vector<ReportItem>& items,
                         JsonFormat format, JsonTimestamp timestamp) {
  Json report = Json::object();
  if (timestamp == JsonTimestamp::kUnixEpoch) {
    report["CollectionTime"] = collection_time;
  } else if (timestamp == JsonTimestamp::kIso8601) {
    report["CollectionTime"] = FormatDateTime(SysSeconds(std::chrono::seconds(collection_time)));
  }
  for (const ReportItem& item : items) {
    if (format == JsonFormat::kNameValuePair) {
      if (!report.contains(item.name)) report[item.name] = ValueOf(item);
    } else {
      InsertHierarchical(&report, item);
    }
  }
  // Values come from the model as UTF-8, but a provider's text is not trusted to be: replace.
  return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string WrapReports(const std::vector<std::string>& reports) {
  std::string body = "{\"Report\":[";
  for (size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) body += ',';
    body += reports[i];
  }
  return body + "]}";
}

std::string EncodeTransfer(const std::vector<CollectedReport>& reports, JsonFormat format,
                           JsonTimestamp timestamp) {
  std::vector<std::string> encoded;
  encoded.reserve(reports.size());
  for (const CollectedReport& r : reports) {
    encoded.push_back(EncodeReport(r.collection_time, r.items, format, timestamp));
  }
  return WrapReports(encoded);
}

}  // namespace edgecwmp::tr181::bulkdata
