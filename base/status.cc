// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/status.h"

namespace edgecwmp {

const char* ErrorName(Error code) {
  switch (code) {
    case Error::kOk:
      return "OK";
    case Error::kInvalidName:
      return "InvalidName";
    case Error::kInvalidType:
      return "InvalidType";
    case Error::kInvalidValue:
      return "InvalidValue";
    case Error::kNotWritable:
      return "NotWritable";
    case Error::kNotificationRejected:
      return "NotificationRejected";
    case Error::kResourcesExceeded:
      return "ResourcesExceeded";
    case Error::kInvalidArguments:
      return "InvalidArguments";
    case Error::kRequestDenied:
      return "RequestDenied";
    case Error::kInternal:
      return "Internal";
    case Error::kNotFound:
      return "NotFound";
    case Error::kCorruption:
      return "Corruption";
    case Error::kFault:
      return "Fault";
  }
  return "Unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = ErrorName(code_);
  if (code_ == Error::kFault) s += " " + std::to_string(fault_code_);
  s += ": ";
  s += message_;
  return s;
}

}  // namespace edgecwmp
