// SPDX-License-Identifier: GPL-2.0-or-later
// CWMP fault codes (TR-069 Amendment 6, A.5.1) with their standard fault strings, and the one
// mapping from the agent's protocol-agnostic Status codes to them. Every fault the RPC layer
// sends is built here, so codes and texts come from a single table.
#ifndef EDGECWMP_RPC_FAULTS_H_
#define EDGECWMP_RPC_FAULTS_H_

#include <cstdint>

#include "base/fault_codes.h"
#include "base/status.h"
#include "cwmp/protocol/messages.h"

namespace edgecwmp::rpc {

// The CPE fault codes (base/fault_codes.h), also reachable as rpc::fault::k*.
namespace fault = edgecwmp::fault;

// The standard fault string of |code| (9000–9032); "" for any other code.
const char* FaultString(uint32_t code);

// The CWMP fault code for a Status code. kOk has none (0). kNotFound is what the model reports
// for a path that does not exist, so it maps to 9005 like kInvalidName; kCorruption to 9002;
// kFault has no code of its own (FaultCodeFor(Status) takes the one the Status carries).
uint32_t FaultCodeFor(Error code);
// The fault code |status| stands for: the one it carries (Error::kFault), else
// FaultCodeFor(status.code()).
uint32_t FaultCodeFor(const Status& status);

// A cwmp::Fault with |code| and its standard string (the Status message is deliberately not
// sent: it may quote a value, and values can be secrets).
cwmp::Fault MakeFault(uint32_t code);
// MakeFault(FaultCodeFor(status)); |status| must not be OK.
cwmp::Fault FaultFromStatus(const Status& status);

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_FAULTS_H_
