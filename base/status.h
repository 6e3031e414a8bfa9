// SPDX-License-Identifier: GPL-2.0-or-later
// Status: the outcome of a datamodel (or any agent) operation, as an explicit value instead of an
// exception. Every fallible function returns one and no caller may drop it ([[nodiscard]]). The
// codes are protocol-agnostic; an outcome that only a specific TR-069 fault describes (a transfer
// or deployment-unit failure, 9010-9032) is Error::kFault carrying that code (base/fault_codes.h).
// rpc/faults.h turns a Status into a cwmp::Fault, at the RPC boundary only.
#ifndef EDGECWMP_BASE_STATUS_H_
#define EDGECWMP_BASE_STATUS_H_

#include <cstdint>
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
  kFault,                 // the TR-069 fault code fault_code() says (base/fault_codes.h)
};

class [[nodiscard]] Status {
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
  // A failure that one TR-069 fault code (9000-9032, base/fault_codes.h) describes best.
  static Status Fault(uint32_t fault_code, std::string m) {
    Status s(Error::kFault, std::move(m));
    s.fault_code_ = fault_code;
    return s;
  }

  bool ok() const { return code_ == Error::kOk; }
  Error code() const { return code_; }
  const std::string& message() const { return message_; }
  // The code of an Error::kFault; 0 for any other Status.
  uint32_t fault_code() const { return fault_code_; }
  // "OK" or "<code name>: <message>", for logs.
  std::string ToString() const;

 private:
  Error code_ = Error::kOk;
  std::string message_;
  uint32_t fault_code_ = 0;
};

const char* ErrorName(Error code);

// Returns |expr|'s Status from the enclosing function unless it is OK: for sequences of steps
// each of which must succeed (e.g. one provider binding per line).
#define EDGECWMP_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::edgecwmp::Status edgecwmp_status_ = (expr);        \
    if (!edgecwmp_status_.ok()) return edgecwmp_status_; \
  } while (0)

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_STATUS_H_
