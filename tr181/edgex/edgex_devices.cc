// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/edgex_devices.h"

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "tr181/binding_util.h"

namespace edgecwmp::edgex {

namespace {

using tr181::TruncateUtf8;

constexpr const char* kRoot = "Device.X_EDGECWMP_EdgeX.";

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// One table's rows by instance number; a name keeps its number for the agent's life.
template <typename Row>
struct Numbered {
  std::map<std::string, uint32_t> instance_of;
  uint32_t next = 1;
  std::map<uint32_t, Row> rows;

  void Replace(std::vector<Row> fresh) {
    rows.clear();
    for (Row& row : fresh) {
      auto [it, added] = instance_of.emplace(row.name, next);
      if (added) ++next;
      rows[it->second] = std::move(row);
    }
  }
  std::vector<uint32_t> Instances() const {
    std::vector<uint32_t> out;
    for (const auto& entry : rows) out.push_back(entry.first);
    return out;
  }
};

template <typename Row>
using Column = std::pair<const char*, std::function<std::string(const Row&)>>;

}  // namespace

struct EdgexDevices::Rep : std::enable_shared_from_this<EdgexDevices::Rep> {
  const MetadataClient* client;
  std::function<void()> on_change;
  std::mutex mu;  // guards the tables; never held across a call to core-metadata
  Numbered<MetadataDevice> devices;
  Numbered<MetadataDeviceService> services;
  Numbered<MetadataDeviceProfile> profiles;

  // What a notification watches: a change here is reported through on_change.
  std::string WatchedLocked() const {
    std::string out;
    for (const auto& [n, d] : devices.rows) out += d.name + d.operating_state + d.admin_state + ";";
    for (const auto& [n, s] : services.rows) out += s.name + s.admin_state + ";";
    return out;
  }

  template <typename Row>
  Status BindTable(dm::DataModel* model, Numbered<Row> Rep::*table, const std::string& name,
                   const std::vector<Column<Row>>& columns) {
    std::string path = std::string(kRoot) + name + ".{i}.";
    std::shared_ptr<Rep> self = shared_from_this();  // the bindings keep the tables alive
    EDGECWMP_RETURN_IF_ERROR(tr181::BindListedTable(model, path,
                                                    std::string(kRoot) + name + "NumberOfEntries",
                                                    [self, table](const dm::Context&) {
                                                      std::lock_guard<std::mutex> lock(self->mu);
                                                      return ((*self).*table).Instances();
                                                    }));
    for (const auto& [column, read] : columns) {
      dm::ParamBinding binding;
      binding.get = [self, table, read = read](const dm::Context& ctx, std::string* value) {
        std::lock_guard<std::mutex> lock(self->mu);
        const auto& rows = ((*self).*table).rows;
        auto it = ctx.instances.empty() ? rows.end() : rows.find(ctx.instances.front());
        if (it == rows.end()) return Status::InvalidName(ctx.path + ": no such entry");
        *value = read(it->second);
        return Status::Ok();
      };
      EDGECWMP_RETURN_IF_ERROR(model->BindParameter(path + column, std::move(binding)));
    }
    return Status::Ok();
  }

  // AdminState: PATCH core-metadata, then show the accepted value at once.
  template <typename Row>
  Status BindAdminState(dm::DataModel* model, Numbered<Row> Rep::*table, const std::string& name,
                        Status (MetadataClient::*patch)(const std::string&, const std::string&)
                            const) {
    std::shared_ptr<Rep> self = shared_from_this();  // the bindings keep the tables alive
    dm::ParamBinding binding;
    binding.get = [self, table](const dm::Context& ctx, std::string* value) {
      std::lock_guard<std::mutex> lock(self->mu);
      const auto& rows = ((*self).*table).rows;
      auto it = ctx.instances.empty() ? rows.end() : rows.find(ctx.instances.front());
      if (it == rows.end()) return Status::InvalidName(ctx.path + ": no such entry");
      *value = it->second.admin_state;
      return Status::Ok();
    };
    binding.set = [self, table, patch](const dm::Context& ctx, const std::string& value,
                                       dm::Applied*) {
      std::string row_name;
      {
        std::lock_guard<std::mutex> lock(self->mu);
        const auto& rows = ((*self).*table).rows;
        auto it = ctx.instances.empty() ? rows.end() : rows.find(ctx.instances.front());
        if (it == rows.end()) return Status::InvalidName(ctx.path + ": no such entry");
        if (it->second.admin_state == value) return Status::Ok();
        row_name = it->second.name;
      }
      Status st = (self->client->*patch)(row_name, value);
      if (!st.ok()) return st;
      std::lock_guard<std::mutex> lock(self->mu);
      auto& rows = ((*self).*table).rows;
      auto it = rows.find(ctx.instances.front());
      if (it != rows.end() && it->second.name == row_name) it->second.admin_state = value;
      return Status::Ok();
    };
    return model->BindParameter(std::string(kRoot) + name + ".{i}.AdminState", std::move(binding));
  }
};

EdgexDevices::EdgexDevices(const MetadataClient* client, std::function<void()> on_change)
    : rep_(std::make_shared<Rep>()) {
  rep_->client = client;
  rep_->on_change = std::move(on_change);
}

EdgexDevices::~EdgexDevices() = default;

Status EdgexDevices::Bind(dm::DataModel* model) {
  Rep& r = *rep_;
  EDGECWMP_RETURN_IF_ERROR(r.BindTable<MetadataDevice>(
      model, &Rep::devices, "Device",
      {{"Name", [](const MetadataDevice& d) { return TruncateUtf8(d.name, 256); }},
       {"ServiceName", [](const MetadataDevice& d) { return TruncateUtf8(d.service_name, 256); }},
       {"ProfileName", [](const MetadataDevice& d) { return TruncateUtf8(d.profile_name, 256); }},
       {"Labels", [](const MetadataDevice& d) { return Join(d.labels); }},
       {"OperatingState", [](const MetadataDevice& d) {
          const std::string& s = d.operating_state;
          return s == "UP" || s == "DOWN" ? s : std::string("UNKNOWN");
        }}}));
  EDGECWMP_RETURN_IF_ERROR(
      r.BindAdminState(model, &Rep::devices, "Device", &MetadataClient::SetDeviceAdminState));
  EDGECWMP_RETURN_IF_ERROR(r.BindTable<MetadataDeviceService>(
      model, &Rep::services, "DeviceService",
      {{"Name", [](const MetadataDeviceService& s) { return TruncateUtf8(s.name, 256); }},
       {"BaseAddress",
        [](const MetadataDeviceService& s) { return TruncateUtf8(s.base_address, 1024); }}}));
  EDGECWMP_RETURN_IF_ERROR(r.BindAdminState(model, &Rep::services, "DeviceService",
                                            &MetadataClient::SetDeviceServiceAdminState));
  return r.BindTable<MetadataDeviceProfile>(
      model, &Rep::profiles, "DeviceProfile",
      {{"Name", [](const MetadataDeviceProfile& p) { return TruncateUtf8(p.name, 256); }},
       {"Manufacturer",
        [](const MetadataDeviceProfile& p) { return TruncateUtf8(p.manufacturer, 256); }},
       {"Model", [](const MetadataDeviceProfile& p) { return TruncateUtf8(p.model, 256); }}});
}

Status EdgexDevices::Poll() {
  Rep& r = *rep_;
  std::vector<MetadataDevice> devices;
  std::vector<MetadataDeviceService> services;
  std::vector<MetadataDeviceProfile> profiles;
  Status st = r.client->ListDevices(&devices);
  if (st.ok()) st = r.client->ListDeviceServices(&services);
  if (st.ok()) st = r.client->ListDeviceProfiles(&profiles);
  if (!st.ok()) return st;
  bool changed;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    std::string before = r.WatchedLocked();
    r.devices.Replace(std::move(devices));
    r.services.Replace(std::move(services));
    r.profiles.Replace(std::move(profiles));
    changed = r.WatchedLocked() != before;
  }
  if (changed && r.on_change) r.on_change();
  return Status::Ok();
}

}  // namespace edgecwmp::edgex
