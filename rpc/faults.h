// SPDX-License-Identifier: GPL-2.0-or-later
// CWMP fault codes (TR-069 Amendment 6, A.5.1) with their standard fault strings, and the one
// mapping from the agent's protocol-agnostic Status codes to them. Every fault the RPC layer
// sends is built here, so codes and texts come from a single table.
#ifndef EDGECWMP_RPC_FAULTS_H_
#define EDGECWMP_RPC_FAULTS_H_

#include <cstdint>

#include "cwmp/protocol/messages.h"
#include "base/status.h"

namespace edgecwmp::rpc {

// CPE fault codes, TR-069 A.5.1 (texts as in the cwmp-1-2.xsd CPEFaultCodeType annotation).
namespace fault {
inline constexpr uint32_t kMethodNotSupported = 9000;
inline constexpr uint32_t kRequestDenied = 9001;
inline constexpr uint32_t kInternalError = 9002;
inline constexpr uint32_t kInvalidArguments = 9003;
inline constexpr uint32_t kResourcesExceeded = 9004;
inline constexpr uint32_t kInvalidParameterName = 9005;
inline constexpr uint32_t kInvalidParameterType = 9006;
inline constexpr uint32_t kInvalidParameterValue = 9007;
inline constexpr uint32_t kNonWritableParameter = 9008;
inline constexpr uint32_t kNotificationRejected = 9009;
inline constexpr uint32_t kFileTransferFailure = 9010;
inline constexpr uint32_t kUploadFailure = 9011;
inline constexpr uint32_t kFileTransferAuthFailure = 9012;
inline constexpr uint32_t kUnsupportedTransferProtocol = 9013;
inline constexpr uint32_t kMulticastJoinFailure = 9014;
inline constexpr uint32_t kFileServerUnreachable = 9015;
inline constexpr uint32_t kFileAccessFailure = 9016;
inline constexpr uint32_t kDownloadIncomplete = 9017;
inline constexpr uint32_t kFileCorrupted = 9018;
inline constexpr uint32_t kFileAuthenticationFailure = 9019;
inline constexpr uint32_t kTimeWindowsExceeded = 9020;
inline constexpr uint32_t kCancelNotPermitted = 9021;
inline constexpr uint32_t kInvalidUuidFormat = 9022;
inline constexpr uint32_t kUnknownExecutionEnvironment = 9023;
inline constexpr uint32_t kDisabledExecutionEnvironment = 9024;
inline constexpr uint32_t kDuEeMismatch = 9025;
inline constexpr uint32_t kDuplicateDeploymentUnit = 9026;
inline constexpr uint32_t kSystemResourcesExceeded = 9027;
inline constexpr uint32_t kUnknownDeploymentUnit = 9028;
inline constexpr uint32_t kInvalidDeploymentUnitState = 9029;
inline constexpr uint32_t kDuUpdateDowngradeNotPermitted = 9030;
inline constexpr uint32_t kDuUpdateVersionNotSpecified = 9031;
inline constexpr uint32_t kDuUpdateVersionExists = 9032;
}  // namespace fault

// The standard fault string of |code| (9000–9032); "" for any other code.
const char* FaultString(uint32_t code);

// The CWMP fault code for a Status code. kOk has none (0). kNotFound is what the model reports
// for a path that does not exist, so it maps to 9005 like kInvalidName; kCorruption to 9002.
uint32_t FaultCodeFor(Error code);

// A cwmp::Fault with |code| and its standard string (the Status message is deliberately not
// sent: it may quote a value, and values can be secrets).
cwmp::Fault MakeFault(uint32_t code);
// MakeFault(FaultCodeFor(status.code())); |status| must not be OK.
cwmp::Fault FaultFromStatus(const Status& status);

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_FAULTS_H_
