// SPDX-License-Identifier: GPL-2.0-or-later
// The JSON encoding of bulk data reports (TR-181 BulkData theory of operation, "Encoding of JSON
// Bulk Data"). One report is a JSON object holding "CollectionTime" (a Unix-Epoch number, an
// ISO-8601 string, or nothing, per JSONEncoding.ReportTimestamp) and the collected parameters:
//   NameValuePair:   {"CollectionTime": 1364529149, "Device.A.1.B": 256}
//   ObjectHierarchy: {"CollectionTime": 1364529149, "Device": {"A": {"1": {"B": 256}}}}
// Values of int, unsignedInt, long and unsignedLong parameters are JSON numbers, of boolean ones
// true/false, all others strings. A transfer carries every report not yet delivered:
//   {"Report": [<oldest retained report>, ..., <current report>]}
#ifndef EDGECWMP_TR181_BULKDATA_REPORT_JSON_H_
#define EDGECWMP_TR181_BULKDATA_REPORT_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "datamodel/types.h"

namespace edgecwmp::tr181::bulkdata {

// One collected parameter: its name in the report (see parameter_refs.h) and its value.
struct ReportItem {
  std::string name;
  std::string value;
  dm::Type type = dm::Type::kString;
};

// What one reporting interval collected: kept as data, so that a retained report is encoded in
// the format of the transfer that finally carries it.
struct CollectedReport {
  int64_t collection_time = 0;  // Unix seconds
  std::vector<ReportItem> items;
};

enum class JsonFormat { kObjectHierarchy, kNameValuePair };
enum class JsonTimestamp { kUnixEpoch, kIso8601, kNone };

// "ObjectHierarchy" | "NameValuePair" (also the BBF-Report-Format header value).
const char* JsonFormatName(JsonFormat format);
// Parses the JSONEncoding parameter values; unknown text gives the defaults.
JsonFormat ParseJsonFormat(std::string_view text);
JsonTimestamp ParseJsonTimestamp(std::string_view text);

// The dot-separated segments of a report name or a path; empty segments are dropped.
std::vector<std::string> NameSegments(std::string_view name);

// One report, serialized compactly, items in the given order. In ObjectHierarchy a name whose
// node is already a value (or a value whose node is already an object) keeps the first one.
std::string EncodeReport(int64_t collection_time, const std::vector<ReportItem>& items,
                         JsonFormat format, JsonTimestamp timestamp);

// {"Report":[...]} around reports EncodeReport made (oldest first).
std::string WrapReports(const std::vector<std::string>& reports);
// {"Report":[...]} of |reports| (oldest first), each encoded as EncodeReport does.
std::string EncodeTransfer(const std::vector<CollectedReport>& reports, JsonFormat format,
                           JsonTimestamp timestamp);

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_REPORT_JSON_H_
