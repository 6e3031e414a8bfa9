// SPDX-License-Identifier: GPL-2.0-or-later
#include "rpc/faults.h"

#include <iterator>

namespace edgecwmp::rpc {

namespace {

struct FaultText {
  uint32_t code;
  const char* text;
};

// TR-069 Amendment 6, A.5.1 (CPE fault codes 9000–9032).
constexpr FaultText kFaultTexts[] = {
    {fault::kMethodNotSupported, "Method not supported"},
    {fault::kRequestDenied, "Request denied (no reason specified)"},
    {fault::kInternalError, "Internal error"},
    {fault::kInvalidArguments, "Invalid arguments"},
    {fault::kResourcesExceeded, "Resources exceeded"},
    {fault::kInvalidParameterName, "Invalid parameter name"},
    {fault::kInvalidParameterType, "Invalid parameter type"},
    {fault::kInvalidParameterValue, "Invalid parameter value"},
    {fault::kNonWritableParameter, "Attempt to set a non-writable parameter"},
    {fault::kNotificationRejected, "Notification request rejected"},
    {fault::kFileTransferFailure, "File transfer failure"},
    {fault::kUploadFailure, "Upload failure"},
    {fault::kFileTransferAuthFailure, "File transfer server authentication failure"},
    {fault::kUnsupportedTransferProtocol, "Unsupported protocol for file transfer"},
    {fault::kMulticastJoinFailure, "File transfer failure: unable to join multicast group"},
    {fault::kFileServerUnreachable, "File transfer failure: unable to contact file server"},
    {fault::kFileAccessFailure, "File transfer failure: unable to access file"},
    {fault::kDownloadIncomplete, "File transfer failure: unable to complete download"},
    {fault::kFileCorrupted, "File transfer failure: file corrupted"},
    {fault::kFileAuthenticationFailure, "File transfer failure: file authentication failure"},
    {fault::kTimeWindowsExceeded,
     "File transfer failure: unable to complete download within specified time windows"},
    {fault::kCancelNotPermitted,
     "Cancelation of file transfer not permitted in current transfer state"},
    {fault::kInvalidUuidFormat, "Invalid UUID Format"},
    {fault::kUnknownExecutionEnvironment, "Unknown Execution Environment"},
    {fault::kDisabledExecutionEnvironment, "Disabled Execution Environment"},
    {fault::kDuEeMismatch, "Deployment Unit to Execution Environment Mismatch"},
    {fault::kDuplicateDeploymentUnit, "Duplicate Deployment Unit"},
    {fault::kSystemResourcesExceeded, "System Resources Exceeded"},
    {fault::kUnknownDeploymentUnit, "Unknown Deployment Unit"},
    {fault::kInvalidDeploymentUnitState, "Invalid Deployment Unit State"},
    {fault::kDuUpdateDowngradeNotPermitted,
     "Invalid Deployment Unit Update - Downgrade not permitted"},
    {fault::kDuUpdateVersionNotSpecified, "Invalid Deployment Unit Update - Version not specified"},
    {fault::kDuUpdateVersionExists, "Invalid Deployment Unit Update - Version already exists"},
};

struct ErrorFault {
  Error error;
  uint32_t code;
};

constexpr ErrorFault kErrorFaults[] = {
    {Error::kInvalidName, fault::kInvalidParameterName},
    {Error::kInvalidType, fault::kInvalidParameterType},
    {Error::kInvalidValue, fault::kInvalidParameterValue},
    {Error::kNotWritable, fault::kNonWritableParameter},
    {Error::kNotificationRejected, fault::kNotificationRejected},
    {Error::kResourcesExceeded, fault::kResourcesExceeded},
    {Error::kInvalidArguments, fault::kInvalidArguments},
    {Error::kRequestDenied, fault::kRequestDenied},
    {Error::kInternal, fault::kInternalError},
    {Error::kNotFound, fault::kInvalidParameterName},
    {Error::kCorruption, fault::kInternalError},
};

}  // namespace

const char* FaultString(uint32_t code) {
  for (const FaultText& f : kFaultTexts) {
    if (f.code == code) return f.text;
  }
  return "";
}

uint32_t FaultCodeFor(Error code) {
  for (const ErrorFault& e : kErrorFaults) {
    if (e.error == code) return e.code;
  }
  return code == Error::kOk ? 0 : fault::kInternalError;  // kFault without its code: a bug
}

uint32_t FaultCodeFor(const Status& status) {
  return status.code() == Error::kFault ? status.fault_code() : FaultCodeFor(status.code());
}

cwmp::Fault MakeFault(uint32_t code) {
  cwmp::Fault f;
  f.fault_code = code;
  f.fault_string = FaultString(code);
  return f;
}

cwmp::Fault FaultFromStatus(const Status& status) { return MakeFault(FaultCodeFor(status)); }

}  // namespace edgecwmp::rpc
