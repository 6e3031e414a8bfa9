// SPDX-License-Identifier: GPL-2.0-or-later
// The xsi:type of a ParameterValueStruct Value, both ways: what the CPE writes for a model type
// (GetParameterValuesResponse and the Inform's ParameterList alike) and what an ACS's declared
// type means. TR-069 A.2.1 gives every parameter type its XML Schema type.
#ifndef EDGECWMP_RPC_VALUE_TYPES_H_
#define EDGECWMP_RPC_VALUE_TYPES_H_

#include <string_view>

#include "datamodel/types.h"

namespace edgecwmp::rpc {

// "xsd:" + the XML Schema type name ("xsd:unsignedInt", "xsd:base64Binary", ...). Not
// "xsd:" + dm::TypeName: TR-106's "base64" is XML Schema's base64Binary.
const char* XsdType(dm::Type type);
// The model type an ACS declared with xsi:type (any prefix; "base64" and "base64Binary" both
// mean base64). False for a missing or unknown type.
bool ParseXsdType(std::string_view xsi_type, dm::Type* type);

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_VALUE_TYPES_H_
