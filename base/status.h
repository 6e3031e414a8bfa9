// SPDX-License-Identifier: GPL-2.0-or-later
// Status: the outcome of a datamodel (or any agent) operation, as an explicit value instead of an
// exception. The codes are protocol-agnostic; rpc/faults.h maps them to CWMP fault codes.
#ifndef EDGECWMP_BASE_STATUS_H_
#define EDGECWMP_BASE_STATUS_H_

#include <string>
#include <utility>

namespace edgecwmp {

enum class Error {
  kOk = 0,
  kInvalidName,           // path malformed or not in the model            (CWMP 9005)
  kInvalidType,           // value does not parse as the parameter's type  (CWMP 9006)
  kInvalidValue,          // parses, but outside range/enumeration/length  (CWMP 9007)
  kNotWritable,           // parameter or object is read-only              (CWMP 9008)
  kNotificationRejected,  // active notification denied for the parameter  (CWMP 9009)
  kResourcesExceeded,     // MaxEntries reached, too much data             (CWMP 9004)
  kInvalidArguments,      // well-formed names but an invalid combination  (CWMP 9003)
  kRequestDenied,         // refused by policy                             (CWMP 9001)
  kInternal,              // I/O, a provider failed                        (CWMP 9002)
  kNotFound,              // a file, instance, key that does not exist (not an ACS-facing code)
  kCorruption,            // a persisted file failed to parse
};

class Status {
 public:
  Status() = default;  // OK
  Status(Error code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidName(std::string m) { return Status(Error::kInvalidName, std::move(m)); }
  static Status InvalidType(std::string m) { return Status(Error::kInvalidType, std::move(m)); }
  static Status InvalidValue(std::string m) { return Status(Error::kInvalidValue, std::move(m)); }
  static Status NotWritable(std::string m) { return Status(Error::kNotWritable, std::move(m)); }
  static Status NotificationRejected(std::string m) {
    return Status(Error::kNotificationRejected, std::move(m));
  }
  static Status ResourcesExceeded(std::string m) {
    return Status(Error::kResourcesExceeded, std::move(m));
  }
  static Status InvalidArguments(std::string m) {
    return Status(Error::kInvalidArguments, std::move(m));
  }
  static Status RequestDenied(std::string m) { return Status(Error::kRequestDenied, std::move(m)); }
  static Status Internal(std::string m) { return Status(Error::kInternal, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Error::kNotFound, std::move(m)); }
  static Status Corruption(std::string m) { return Status(Error::kCorruption, std::move(m)); }

  bool ok() const { return code_ == Error::kOk; }
  Error code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>", for logs.
  std::string ToString() const;

 private:
  Error code_ = Error::kOk;
  std::string message_;
};

const char* ErrorName(Error code);

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_STATUS_H_
