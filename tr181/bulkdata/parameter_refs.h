// SPDX-License-Identifier: GPL-2.0-or-later
// Which parameters a bulk data profile reports (Profile.{i}.Parameter.{i}.) and under which
// names. A Reference is a parameter path ("Device.DeviceInfo.UpTime"), an object path ending in
// '.' (every parameter below it) or either with "*" in place of instance numbers
// ("Device.BulkData.Profile.*.Enable"). It is a filter on the model at collection time: a
// reference that matches nothing adds nothing. The name in the report is the parameter's path when
// Name is empty; otherwise Name, followed by the instance number each "*" matched and, for an
// object reference, the rest of the path below the object, dot-separated — so Name "Up" with
// Reference "Device.DeviceInfo.UpTime" reports "Up", Name "P" with "Device.BulkData.Profile.*."
// reports "P.1.Enable", "P.1.HTTP.URL", ... A parameter is reported once (the first reference
// that selects it names it); Exclude rows remove what they select. Secret parameters report "".
#ifndef EDGECWMP_TR181_BULKDATA_PARAMETER_REFS_H_
#define EDGECWMP_TR181_BULKDATA_PARAMETER_REFS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "datamodel/datamodel.h"
#include "tr181/bulkdata/report_json.h"

namespace edgecwmp::tr181::bulkdata {

struct ParameterRef {
  std::string name;       // Parameter.{i}.Name ("" = the path)
  std::string reference;  // Parameter.{i}.Reference ("" = the row is ignored)
  bool exclude = false;   // Parameter.{i}.Exclude
};

// "" or a path of "Device." whose segments are names or "*" (not the first two); InvalidValue
// otherwise (TR-069 fault 9007 for the SetParameterValues that wrote it).
Status CheckReference(std::string_view reference);

// The values |refs| select now, in reference order then tree order.
std::vector<ReportItem> CollectParameters(const dm::DataModel& model,
                                          const std::vector<ParameterRef>& refs);

}  // namespace edgecwmp::tr181::bulkdata

#endif  // EDGECWMP_TR181_BULKDATA_PARAMETER_REFS_H_
