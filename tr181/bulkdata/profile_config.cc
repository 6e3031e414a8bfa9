// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/profile_config.h"

#include <cstdlib>

#include "base/time_util.h"
#include "tr181/binding_util.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

// Unreadable reads as unset: the defaults then apply.
constexpr auto Get = ReadValue;
constexpr auto GetUnsigned = ReadUnsigned;

// The instance numbers of the rows of |table| ("X.Y.").
std::vector<uint32_t> Rows(const dm::DataModel& model, const std::string& table) {
  std::vector<dm::ParameterInfo> names;
  std::vector<uint32_t> rows;
  if (!model.GetNames(table, true, &names).ok()) return rows;
  for (const dm::ParameterInfo& info : names) {
    const std::string tail = info.name.substr(table.size());
    if (tail.size() < 2 || tail.back() != '.') continue;
    rows.push_back(static_cast<uint32_t>(std::strtoul(tail.c_str(), nullptr, 10)));
  }
  return rows;
}

std::optional<int64_t> TimeReference(const std::string& text) {
  SysSeconds t;
  if (!ParseDateTime(text, &t).ok() || !IsAbsoluteTime(t)) return std::nullopt;
  return t.time_since_epoch().count();
}

}  // namespace

std::vector<uint32_t> ListProfiles(const dm::DataModel& model) {
  return Rows(model, kProfileTable);
}

ProfileConfig ReadProfile(const dm::DataModel& model, uint32_t instance) {
  const std::string row = kProfileTable + std::to_string(instance) + ".";
  ProfileConfig c;
  c.enable = Get(model, row + "Enable") == "true";
  c.reporting_interval = GetUnsigned(model, row + "ReportingInterval", c.reporting_interval);
  c.time_reference = TimeReference(Get(model, row + "TimeReference"));
  c.retained_limit =
      std::strtoll(Get(model, row + "NumberOfRetainedFailedReports").c_str(), nullptr, 10);
  c.format = ParseJsonFormat(Get(model, row + "JSONEncoding.ReportFormat"));
  c.timestamp = ParseJsonTimestamp(Get(model, row + "JSONEncoding.ReportTimestamp"));
  for (uint32_t p : Rows(model, row + "Parameter.")) {
    const std::string prow = row + "Parameter." + std::to_string(p) + ".";
    c.parameters.push_back(ParameterRef{Get(model, prow + "Name"), Get(model, prow + "Reference"),
                                        Get(model, prow + "Exclude") == "true"});
  }
  const std::string http = row + "HTTP.";
  c.url = Get(model, http + "URL");
  c.username = Get(model, http + "Username");
  c.password = Get(model, http + "Password");
  c.method = Get(model, http + "Method") == "PUT" ? "PUT" : "POST";
  c.use_date_header = Get(model, http + "UseDateHeader") != "false";
  c.retry_enable = Get(model, http + "RetryEnable") == "true";
  c.retry_min_wait = GetUnsigned(model, http + "RetryMinimumWaitInterval", c.retry_min_wait);
  c.retry_multiplier = GetUnsigned(model, http + "RetryIntervalMultiplier", c.retry_multiplier);
  for (uint32_t q : Rows(model, http + "RequestURIParameter.")) {
    const std::string qrow = http + "RequestURIParameter." + std::to_string(q) + ".";
    c.uri_parameters.emplace_back(Get(model, qrow + "Name"), Get(model, qrow + "Reference"));
  }
  return c;
}

}  // namespace edgecwmp::tr181::bulkdata
