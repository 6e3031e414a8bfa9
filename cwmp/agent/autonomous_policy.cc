// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/autonomous_policy.h"

#include <algorithm>
#include <cstdlib>

namespace edgecwmp::cwmp {

namespace {

std::string Get(const dm::DataModel& model, const std::string& name) {
  std::string v;
  (void)model.GetValue(name, &v);  // a policy parameter the model lacks reads as "" (disabled)
  return v;
}

// TR-106 3.2.3 list: comma-separated, blanks around items not significant, empty items dropped.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

bool ResultWanted(const std::string& filter, bool success) {
  return filter == "Both" || filter == (success ? "Success" : "Failure");
}

// "3 Vendor Configuration File 2" is the entry "3 Vendor Configuration File", instance 2.
bool FileTypeMatches(const std::string& entry, const std::string& file_type) {
  if (file_type == entry) return true;
  if (file_type.size() <= entry.size() + 1 || file_type.compare(0, entry.size(), entry) != 0 ||
      file_type[entry.size()] != ' ') {
    return false;
  }
  return std::all_of(file_type.begin() + static_cast<std::ptrdiff_t>(entry.size()) + 1,
                     file_type.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

TransferReportPolicy ReadTransferReportPolicy(const dm::DataModel& model) {
  const std::string p = "Device.ManagementServer.AutonomousTransferCompletePolicy.";
  TransferReportPolicy policy;
  policy.enable = Get(model, p + "Enable") == "true";
  policy.transfer_type = Get(model, p + "TransferTypeFilter");
  policy.result_type = Get(model, p + "ResultTypeFilter");
  policy.file_types = SplitList(Get(model, p + "FileTypeFilter"));
  return policy;
}

DuReportPolicy ReadDuReportPolicy(const dm::DataModel& model) {
  const std::string p = "Device.ManagementServer.DUStateChangeComplPolicy.";
  DuReportPolicy policy;
  policy.enable = Get(model, p + "Enable") == "true";
  policy.operations = SplitList(Get(model, p + "OperationTypeFilter"));
  policy.result_type = Get(model, p + "ResultTypeFilter");
  for (const std::string& code : SplitList(Get(model, p + "FaultCodeFilter"))) {
    policy.fault_codes.push_back(static_cast<uint32_t>(std::strtoul(code.c_str(), nullptr, 10)));
  }
  return policy;
}

bool Reports(const TransferReportPolicy& policy, const AutonomousTransferComplete& c) {
  if (!policy.enable) return false;
  if (policy.transfer_type != "Both" &&
      policy.transfer_type != (c.is_download ? "Download" : "Upload")) {
    return false;
  }
  if (!ResultWanted(policy.result_type, c.fault.fault_code == 0)) return false;
  return std::any_of(policy.file_types.begin(), policy.file_types.end(),
                     [&](const std::string& entry) { return FileTypeMatches(entry, c.file_type); });
}

bool Reports(const DuReportPolicy& policy, const AutonomousOpResultStruct& r) {
  if (!policy.enable) return false;
  if (std::find(policy.operations.begin(), policy.operations.end(), r.operation_performed) ==
      policy.operations.end()) {
    return false;
  }
  const bool success = r.fault.fault_code == 0;
  if (!ResultWanted(policy.result_type, success)) return false;
  // TR-181 FaultCodeFilter: "no effect on the notification of a successful state change".
  return success || std::find(policy.fault_codes.begin(), policy.fault_codes.end(),
                              r.fault.fault_code) != policy.fault_codes.end();
}

AutonomousDUStateChangeComplete Filter(const DuReportPolicy& policy,
                                       AutonomousDUStateChangeComplete complete) {
  auto& results = complete.results;
  results.erase(
      std::remove_if(results.begin(), results.end(),
                     [&](const AutonomousOpResultStruct& r) { return !Reports(policy, r); }),
      results.end());
  return complete;
}

}  // namespace edgecwmp::cwmp
