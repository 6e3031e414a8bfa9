// SPDX-License-Identifier: GPL-2.0-or-later
// AutonomousPolicy: which autonomous completions the ACS has asked to hear about. TR-181
// Device.ManagementServer.AutonomousTransferCompletePolicy governs AutonomousTransferComplete
// (TR-069 A.3.3.2, event "10 AUTONOMOUS TRANSFER COMPLETE") and DUStateChangeComplPolicy governs
// AutonomousDUStateChangeComplete (A.4.2.2, "12 AUTONOMOUS DU STATE CHANGE COMPLETE"). The agent
// reads the policy when a completion is ready and forgets what it does not report: both are off
// by default (tr181/device.xml) because GenieACS 1.2 refuses AutonomousTransferComplete (8000).
#ifndef EDGECWMP_CWMP_AGENT_AUTONOMOUS_POLICY_H_
#define EDGECWMP_CWMP_AGENT_AUTONOMOUS_POLICY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cwmp/protocol/messages.h"
#include "datamodel/datamodel.h"

namespace edgecwmp::cwmp {

struct TransferReportPolicy {
  bool enable = false;
  std::string transfer_type = "Both";   // Upload | Download | Both
  std::string result_type = "Both";     // Success | Failure | Both
  std::vector<std::string> file_types;  // reported FileTypes; empty = none
};

struct DuReportPolicy {
  bool enable = false;
  std::vector<std::string> operations;  // Install, Update, Uninstall; empty = none
  std::string result_type = "Both";     // Success | Failure | Both
  std::vector<uint32_t> fault_codes;    // failures reported; empty = no failure
};

TransferReportPolicy ReadTransferReportPolicy(const dm::DataModel& model);
DuReportPolicy ReadDuReportPolicy(const dm::DataModel& model);

// Whether |complete| passes every filter. An Upload's FileType may carry an instance number
// ("3 Vendor Configuration File 2", A.4.1.5): it matches the filter entry without it.
bool Reports(const TransferReportPolicy& policy, const AutonomousTransferComplete& complete);
// Whether |result| passes every filter (FaultCodeFilter applies to failures only).
bool Reports(const DuReportPolicy& policy, const AutonomousOpResultStruct& result);
// |complete| with only the results the policy reports (possibly none).
AutonomousDUStateChangeComplete Filter(const DuReportPolicy& policy,
                                       AutonomousDUStateChangeComplete complete);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_AUTONOMOUS_POLICY_H_
