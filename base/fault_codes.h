// SPDX-License-Identifier: GPL-2.0-or-later
// The CPE fault codes of TR-069 Amendment 6, A.5.1, as plain numbers: the one list every layer
// uses (a Status carries one with Error::kFault, a DU backend reports one), with no CWMP message
// type attached. rpc/faults.h adds their standard fault strings and builds cwmp::Fault from them.
#ifndef EDGECWMP_BASE_FAULT_CODES_H_
#define EDGECWMP_BASE_FAULT_CODES_H_

#include <cstdint>

namespace edgecwmp::fault {

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

}  // namespace edgecwmp::fault

#endif  // EDGECWMP_BASE_FAULT_CODES_H_
