// SPDX-License-Identifier: GPL-2.0-or-later
// The settings of one Device.BulkData.Profile.{i} row, read from the model into a typed snapshot
// (secrets in clear: never log this struct).
#ifndef EDGECWMP_TR181_BULKDATA_PROFILE_CONFIG_H_
#define EDGECWMP_TR181_BULKDATA_PROFILE_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "datamodel/datamodel.h"
#include "tr181/bulkdata/parameter_refs.h"
#include "tr181/bulkdata/report_json.h"

namespace edgecwmp::tr181::bulkdata {

inline constexpr const char* kBulkDataEnable = "Device.BulkData.Enable";
inline constexpr const char* kProfileTable = "Device.BulkData.Profile.";

struct ProfileConfig {
  bool enable = false;
  uint32_t reporting_interval = 86400;
  std::optional<int64_t> time_reference;  // empty: the Unknown Time
  int64_t retained_limit = 0;             // NumberOfRetainedFailedReports
  JsonFormat format = JsonFormat::kObjectHierarchy;
  JsonTimestamp timestamp = JsonTimestamp::kUnixEpoch;
  std::vector<ParameterRef> parameters;
  // HTTP.
  std::string url, username, password;
  std::string method = "POST";
  bool use_date_header = true;
  bool retry_enable = false;
  uint32_t retry_min_wait = 5;
  uint32_t retry_multiplier = 2000;
  std::vector<std::pair<std::string, std::string>> uri_parameters;  // name, Reference
};

// The instance numbers of the profile rows, ascending.
std::vector<uint32_t> ListProfiles(const dm::DataModel& model);

// Reads row Device.BulkData.Profile.<instance>.
ProfileConfig ReadProfile(const dm::DataModel& model, uint32_t instance);

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_PROFILE_CONFIG_H_
