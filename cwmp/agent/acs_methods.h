// SPDX-License-Identifier: GPL-2.0-or-later
// What the ACS supports, asked once per ACS URL: the agent sends GetRPCMethods in the first
// session with a URL whose answer it does not know, and keeps the answer's MethodList in the
// agent state (cwmp/agent/agent_state.h), so a restart does not ask again and a new
// ManagementServer.URL does. TR-069 Table 5 lets an ACS lack the optional CPE methods
// (GetRPCMethods, AutonomousTransferComplete, AutonomousDUStateChangeComplete, RequestDownload,
// Kicked): the agent sends one of those only where the ACS listed it; GenieACS 1.2 lists Inform,
// GetRPCMethods and TransferComplete only. The required ones (Inform, TransferComplete,
// DUStateChangeComplete) are always sent. A GetRPCMethods answered with a fault counts as a list of
// the required methods only (fail closed).
#ifndef EDGECWMP_CWMP_AGENT_ACS_METHODS_H_
#define EDGECWMP_CWMP_AGENT_ACS_METHODS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cwmp/agent/agent_state.h"

namespace edgecwmp::cwmp {

enum class AcsSupport {
  kUnknown,    // an optional method, and the ACS at this URL was not asked yet
  kListed,     // required, or listed by the ACS
  kNotListed,  // optional and not listed: never sent
};

bool AcsMethodsKnown(const AgentState& state, const std::string& url);
AcsSupport AcsSupports(const AgentState& state, const std::string& url, std::string_view method);
// Persists |methods| as the ACS at |url| listed them (empty after a fault).
Status RecordAcsMethods(AgentState* state, const std::string& url,
                        const std::vector<std::string>& methods);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_ACS_METHODS_H_
