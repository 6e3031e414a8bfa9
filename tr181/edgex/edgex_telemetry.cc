// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/edgex_telemetry.h"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "base/log.h"
#include "base/time_util.h"
#include "tr181/binding_util.h"
#include "tr181/edgex/telemetry_metric.h"

namespace edgecwmp::edgex {

namespace {

constexpr const char* kComponent = "edgex";
constexpr const char* kRoot = "Device.X_EDGECWMP_EdgeX.";
constexpr const char* kTable = "Device.X_EDGECWMP_EdgeX.Telemetry.{i}.";
// A bound on memory whatever is published on the bus: EdgeX services have tens of metrics.
constexpr size_t kMaxRows = 1024;

struct Row {
  TelemetryMetric metric;
  uint64_t updates = 0;
};

std::string JoinPairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) out += (out.empty() ? "" : ",") + name + "=" + value;
  return out;
}

std::string Timestamp(int64_t ns) {
  return FormatDateTime(SysSeconds(std::chrono::seconds(ns / 1000000000)));
}

using Column = std::pair<const char*, std::function<std::string(const Row&)>>;

const std::vector<Column>& Columns() {
  static const std::vector<Column> columns = {
      {"ServiceName", [](const Row& r) { return tr181::TruncateUtf8(r.metric.service, 256); }},
      {"MetricName", [](const Row& r) { return tr181::TruncateUtf8(r.metric.name, 256); }},
      // The first field is the metric's value: counter-count, gauge-value, ...
      {"Value",
       [](const Row& r) { return tr181::TruncateUtf8(r.metric.fields.front().second, 256); }},
      {"Fields",
       [](const Row& r) { return tr181::TruncateUtf8(JoinPairs(r.metric.fields), 1024); }},
      {"Tags", [](const Row& r) { return tr181::TruncateUtf8(JoinPairs(r.metric.tags), 1024); }},
      {"Timestamp", [](const Row& r) { return Timestamp(r.metric.timestamp_ns); }},
      {"Updates", [](const Row& r) { return std::to_string(r.updates % (1ull << 32)); }},
  };
  return columns;
}

}  // namespace

struct EdgexTelemetry::Rep {
  std::string prefix;
  std::mutex mu;
  std::map<std::string, uint32_t> instance_of;  // "<service>/<metric>" → instance number
  std::map<uint32_t, Row> rows;
  uint32_t discarded = 0;
  BrokerState state = BrokerState::kDisabled;
};

EdgexTelemetry::EdgexTelemetry(std::string topic_prefix) : rep_(std::make_shared<Rep>()) {
  while (!topic_prefix.empty() && topic_prefix.back() == '/') topic_prefix.pop_back();
  rep_->prefix = std::move(topic_prefix);
}

EdgexTelemetry::~EdgexTelemetry() = default;

Status EdgexTelemetry::Bind(dm::DataModel* model) {
  std::shared_ptr<Rep> self = rep_;  // the bindings keep the rows alive
  EDGECWMP_RETURN_IF_ERROR(tr181::BindListedTable(
      model, kTable, std::string(kRoot) + "TelemetryNumberOfEntries", [self](const dm::Context&) {
        std::lock_guard<std::mutex> lock(self->mu);
        std::vector<uint32_t> out;
        for (const auto& entry : self->rows) out.push_back(entry.first);
        return out;
      }));
  for (const auto& [column, read] : Columns()) {
    dm::ParamBinding binding;
    binding.get = [self, read = read](const dm::Context& ctx, std::string* value) {
      std::lock_guard<std::mutex> lock(self->mu);
      auto it = ctx.instances.empty() ? self->rows.end() : self->rows.find(ctx.instances.front());
      if (it == self->rows.end()) return Status::InvalidName(ctx.path + ": no such entry");
      *value = read(it->second);
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(
        model->BindParameter(std::string(kTable) + column, std::move(binding)));
  }
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      std::string(kRoot) + "TelemetryStatus", tr181::LiveValue([self](std::string* value) {
        static const char* const kNames[] = {"Disabled", "Connecting", "Connected"};
        std::lock_guard<std::mutex> lock(self->mu);
        *value = kNames[static_cast<int>(self->state)];
        return Status::Ok();
      })));
  return model->BindParameter(std::string(kRoot) + "TelemetryDiscarded",
                              tr181::LiveValue([self](std::string* value) {
                                std::lock_guard<std::mutex> lock(self->mu);
                                *value = std::to_string(self->discarded);
                                return Status::Ok();
                              }));
}

void EdgexTelemetry::Handle(std::string_view topic, std::string_view payload) {
  Rep& r = *rep_;
  TelemetryMetric metric;
  Status st = ParseTelemetryMessage(r.prefix, topic, payload, &metric);
  std::string key = metric.service + "/" + metric.name;
  if (st.ok()) {
    std::lock_guard<std::mutex> lock(r.mu);
    if (r.instance_of.size() >= kMaxRows && r.instance_of.count(key) == 0) {
      st = Status::ResourcesExceeded("more than " + std::to_string(kMaxRows) + " metrics");
    }
  }
  if (!st.ok()) {
    {
      std::lock_guard<std::mutex> lock(r.mu);
      ++r.discarded;
    }
    Log(LogLevel::kWarning, kComponent, "telemetry: ignored a message on ",
        tr181::TruncateUtf8(std::string(topic), 200), ": ", st.message());
    return;
  }
  std::lock_guard<std::mutex> lock(r.mu);
  auto [it, added] = r.instance_of.emplace(key, static_cast<uint32_t>(r.instance_of.size() + 1));
  Row& row = r.rows[it->second];
  row.metric = std::move(metric);
  ++row.updates;
}

void EdgexTelemetry::SetBrokerState(BrokerState state) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  rep_->state = state;
}

}  // namespace edgecwmp::edgex
