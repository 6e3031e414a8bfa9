// SPDX-License-Identifier: GPL-2.0-or-later
// The TR-106 parameter types and their lexical rules. Values travel as strings in canonical form;
// Canonicalize() is the single place where a textual value is checked against a parameter's type.
#ifndef EDGECWMP_DATAMODEL_TYPES_H_
#define EDGECWMP_DATAMODEL_TYPES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace edgecwmp::dm {

enum class Type : uint8_t {
  kString,
  kInt,           // int32
  kUnsignedInt,   // uint32
  kLong,          // int64
  kUnsignedLong,  // uint64
  kBoolean,
  kDateTime,
  kBase64,
  kHexBinary,
};

// "string", "unsignedInt", ... : the XML Schema local name (CWMP writes it as xsd:<name>).
const char* TypeName(Type type);
// Accepts the names above, with or without an "xsd:" prefix.
bool ParseTypeName(std::string_view name, Type* type);

// Checks |in| against |type| alone (no length, range or enumeration; that is the schema's job)
// and writes the canonical form to |out|: booleans become "true"/"false" ("1"/"0" accepted),
// integers lose leading '+' and zeros, dateTime keeps its text (with or without fraction and
// zone; "0001-01-01T00:00:00Z" is TR-106's Unknown Time). Errors: kInvalidType.
Status Canonicalize(Type type, std::string_view in, std::string* out);

}  // namespace edgecwmp::dm

#endif  // EDGECWMP_DATAMODEL_TYPES_H_
