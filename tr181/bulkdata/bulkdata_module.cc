// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/bulkdata_module.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "base/time_util.h"
#include "tr181/binding_util.h"
#include "tr181/bulkdata/parameter_refs.h"
#include "tr181/bulkdata/profile_config.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

constexpr const char* kPrefix = "Device.BulkData.";

dm::ParamBinding Checked(std::function<Status(const std::string&)> check) {
  dm::ParamBinding binding;
  binding.validate = [check = std::move(check)](const dm::Context&, const std::string& value) {
    return check(value);
  };
  return binding;
}

Status CheckInterval(const std::string& value) {
  if (std::strtoul(value.c_str(), nullptr, 10) >= kMinReportingInterval) return Status::Ok();
  return Status::InvalidValue("ReportingInterval is below MinReportingInterval");
}

Status CheckUrl(const std::string& value) {
  if (value.empty() || value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0) {
    return Status::Ok();
  }
  return Status::InvalidValue("HTTP.URL must be an http:// or https:// URL");
}

}  // namespace

Status BindBulkData(dm::DataModel* model) {
  if (model->schema().FindObject(kPrefix) == nullptr) return Status::Ok();
  const std::string profile = std::string(kProfileTable) + "{i}.";
  const std::pair<std::string, dm::ParamBinding> bindings[] = {
      {"Device.BulkData.Status", LiveValue([model](std::string* value) {
         std::string enabled;
         Status s = model->GetValue(kBulkDataEnable, &enabled);
         *value = enabled == "true" ? "Enabled" : "Disabled";
         return s;
       })},
      {"Device.BulkData.MinReportingInterval",
       ConstantValue(std::to_string(kMinReportingInterval))},
      {"Device.BulkData.MaxNumberOfProfiles", ConstantValue(std::to_string(kMaxNumberOfProfiles))},
      // References are stored in the model like any value: no fixed cap.
      {"Device.BulkData.MaxNumberOfParameterReferences", ConstantValue("-1")},
      {profile + "ReportingInterval", Checked(CheckInterval)},
      {profile + "Parameter.{i}.Reference", Checked(CheckReference)},
      {profile + "HTTP.RequestURIParameter.{i}.Reference", Checked(CheckReference)},
      {profile + "HTTP.URL", Checked(CheckUrl)},
  };
  for (const auto& [path, binding] : bindings) {
    Status s = model->BindParameter(path, binding);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

BulkDataModule::BulkDataModule(ReporterOptions options) : options_(std::move(options)) {}

BulkDataModule::~BulkDataModule() { Stop(); }

Status BulkDataModule::Bind(dm::DataModel* model) {
  Status s = BindBulkData(model);
  if (!s.ok()) return s;
  model_ = model;
  model->Observe(kPrefix, [this](const std::string&, const std::string&) { Wake(); });
  return Status::Ok();
}

void BulkDataModule::Start() {
  if (model_ == nullptr || thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void BulkDataModule::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BulkDataModule::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void BulkDataModule::Run() {
  BulkDataReporter reporter(model_, options_);
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    woken_ = false;
    lock.unlock();
    reporter.Step(NowSeconds().time_since_epoch().count());
    // Re-read at least once a minute: a changed clock moves the interval ends.
    const int64_t next = std::min(reporter.NextDue(), NowSeconds().time_since_epoch().count() + 60);
    lock.lock();
    cv_.wait_until(lock, std::chrono::system_clock::time_point(std::chrono::seconds(next)),
                   [this] { return stop_ || woken_; });
  }
}

}  // namespace edgecwmp::tr181::bulkdata
