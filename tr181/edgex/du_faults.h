// SPDX-License-Identifier: GPL-2.0-or-later
// The TR-069 A.5.1 fault codes an EdgeX Deployment Unit operation can end with (the FaultStruct
// of a DUStateChangeComplete). They repeat the numbers of rpc/faults.h because tr181 must not
// depend on the CWMP message layer that header brings in.
#ifndef EDGECWMP_TR181_EDGEX_DU_FAULTS_H_
#define EDGECWMP_TR181_EDGEX_DU_FAULTS_H_

#include <cstdint>

namespace edgecwmp::edgex::du_fault {

inline constexpr uint32_t kRequestDenied = 9001;
inline constexpr uint32_t kInternalError = 9002;
inline constexpr uint32_t kAuthFailure = 9012;
inline constexpr uint32_t kUnsupportedProtocol = 9013;
inline constexpr uint32_t kServerUnreachable = 9015;
inline constexpr uint32_t kFileAccess = 9016;
inline constexpr uint32_t kFileCorrupted = 9018;
inline constexpr uint32_t kInvalidUuid = 9022;
inline constexpr uint32_t kUnknownEe = 9023;
inline constexpr uint32_t kDuEeMismatch = 9025;
inline constexpr uint32_t kDuplicateDu = 9026;
inline constexpr uint32_t kSystemResources = 9027;
inline constexpr uint32_t kUnknownDu = 9028;
inline constexpr uint32_t kInvalidDuState = 9029;
inline constexpr uint32_t kDowngrade = 9030;
inline constexpr uint32_t kVersionNotSpecified = 9031;
inline constexpr uint32_t kVersionExists = 9032;

}  // namespace edgecwmp::edgex::du_fault

#endif  // EDGECWMP_TR181_EDGEX_DU_FAULTS_H_
