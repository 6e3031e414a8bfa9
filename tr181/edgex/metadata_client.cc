// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/metadata_client.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "tr181/edgex/edgex_client.h"

namespace edgecwmp::edgex {

namespace {

using nlohmann::json;

std::string Str(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> Strings(const json& object, const char* key) {
  std::vector<std::string> out;
  if (!object.is_object()) return out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const json& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// The named rows |parse| makes of |items|, sorted by name; |listed| when the listing failed.
template <typename Row, typename Parse>
Status Collect(Status listed, const std::vector<json>& items, std::vector<Row>* out, Parse parse) {
  out->clear();
  if (!listed.ok()) return listed;
  for (const json& item : items) {
    Row row = parse(item);
    if (!row.name.empty()) out->push_back(std::move(row));
  }
  std::sort(out->begin(), out->end(), [](const Row& a, const Row& b) { return a.name < b.name; });
  return Status::Ok();
}

}  // namespace

struct MetadataClient::Page {
  std::vector<json> items;
};

MetadataClient::MetadataClient(MetadataClientOptions options) : options_(std::move(options)) {
  std::string& url = options_.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  options_.page_limit = std::max(1, options_.page_limit);
}

Status MetadataClient::Call(const std::string& method, const std::string& url,
                            const std::string& body, std::string* response_body) const {
  EdgexCallOptions call{options_.bearer_token, options_.connect_timeout_ms, options_.timeout_ms};
  return EdgexCall(call, method, url, body, response_body);
}

Status MetadataClient::ListAll(const std::string& what, const char* array_key, Page* page) const {
  page->items.clear();
  for (;;) {
    std::string url = options_.base_url + "/api/v3/" + what +
                      "/all?offset=" + std::to_string(page->items.size()) +
                      "&limit=" + std::to_string(options_.page_limit);
    std::string body;
    Status st = Call("GET", url, "", &body);
    if (!st.ok()) return st;
    json doc = json::parse(body, nullptr, false);
    auto list = doc.is_object() ? doc.find(array_key) : doc.end();
    if (!doc.is_object() || list == doc.end() || !list->is_array()) {
      return Status::Corruption("GET " + url + ": no " + array_key + " array");
    }
    auto total = doc.find("totalCount");
    size_t total_count =
        total != doc.end() && total->is_number_unsigned() ? total->get<size_t>() : 0;
    for (json& item : *list) page->items.push_back(std::move(item));
    // An empty page ends the walk even if totalCount promised more (entries removed meanwhile).
    if (list->empty() || page->items.size() >= total_count) return Status::Ok();
  }
}

Status MetadataClient::ListDevices(std::vector<MetadataDevice>* out) const {
  Page page;
  Status st = ListAll("device", "devices", &page);
  return Collect(st, page.items, out, [](const json& item) {
    return MetadataDevice{Str(item, "name"),           Str(item, "serviceName"),
                          Str(item, "profileName"),    Str(item, "adminState"),
                          Str(item, "operatingState"), Strings(item, "labels")};
  });
}

Status MetadataClient::ListDeviceServices(std::vector<MetadataDeviceService>* out) const {
  Page page;
  Status st = ListAll("deviceservice", "services", &page);
  return Collect(st, page.items, out, [](const json& item) {
    return MetadataDeviceService{Str(item, "name"), Str(item, "baseAddress"),
                                 Str(item, "adminState")};
  });
}

Status MetadataClient::ListDeviceProfiles(std::vector<MetadataDeviceProfile>* out) const {
  Page page;
  Status st = ListAll("deviceprofile", "profiles", &page);
  return Collect(st, page.items, out, [](const json& item) {
    return MetadataDeviceProfile{Str(item, "name"), Str(item, "manufacturer"), Str(item, "model")};
  });
}

Status MetadataClient::Patch(const std::string& what, const char* object_key,
                             const std::string& name, const std::string& admin_state) const {
  if (admin_state != "LOCKED" && admin_state != "UNLOCKED") {
    return Status::InvalidValue("adminState must be LOCKED or UNLOCKED");
  }
  json request = json::array(
      {{{"apiVersion", "v3"}, {object_key, {{"name", name}, {"adminState", admin_state}}}}});
  std::string url = options_.base_url + "/api/v3/" + what;
  std::string body;
  Status st = Call("PATCH", url, request.dump(), &body);
  if (!st.ok()) return st;
  // 207: one BaseResponse per request, its statusCode telling success or failure.
  json answer = json::parse(body, nullptr, false);
  if (!answer.is_array() || answer.size() != 1 || !answer[0].is_object()) {
    return Status::Corruption("PATCH " + url + ": not a one-element multi-status array");
  }
  auto code = answer[0].find("statusCode");
  int status = code != answer[0].end() && code->is_number_integer() ? code->get<int>() : 0;
  if (status == 200) return Status::Ok();
  std::string message = "PATCH " + url + ": " + name + ": statusCode " + std::to_string(status);
  if (!Str(answer[0], "message").empty()) message += ": " + Str(answer[0], "message");
  return status == 404 ? Status::NotFound(message) : Status::Internal(message);
}

Status MetadataClient::SetDeviceAdminState(const std::string& device,
                                           const std::string& admin_state) const {
  return Patch("device", "device", device, admin_state);
}

Status MetadataClient::SetDeviceServiceAdminState(const std::string& service,
                                                  const std::string& admin_state) const {
  return Patch("deviceservice", "service", service, admin_state);
}

}  // namespace edgecwmp::edgex
