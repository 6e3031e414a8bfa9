// SPDX-License-Identifier: GPL-2.0-or-later
// TR-106's "base64" is XML Schema's base64Binary (cwmp-datamodel XSD: "base64" maps to
// "base64Binary"), which is also what validates against cwmp-1-N.xsd.
#include "rpc/value_types.h"

namespace edgecwmp::rpc {

namespace {

struct XsdName {
  dm::Type type;
  const char* xsi_type;  // what the CPE writes
};

constexpr XsdName kXsdNames[] = {
    {dm::Type::kString, "xsd:string"},
    {dm::Type::kInt, "xsd:int"},
    {dm::Type::kUnsignedInt, "xsd:unsignedInt"},
    {dm::Type::kLong, "xsd:long"},
    {dm::Type::kUnsignedLong, "xsd:unsignedLong"},
    {dm::Type::kBoolean, "xsd:boolean"},
    {dm::Type::kDateTime, "xsd:dateTime"},
    {dm::Type::kBase64, "xsd:base64Binary"},
    {dm::Type::kHexBinary, "xsd:hexBinary"},
};

}  // namespace

const char* XsdType(dm::Type type) {
  for (const XsdName& x : kXsdNames) {
    if (x.type == type) return x.xsi_type;
  }
  return "xsd:string";
}

bool ParseXsdType(std::string_view xsi_type, dm::Type* type) {
  // Prefix-agnostic: the ACS may bind the XML Schema namespace to any prefix.
  size_t colon = xsi_type.find(':');
  std::string_view local = colon == std::string_view::npos ? xsi_type : xsi_type.substr(colon + 1);
  if (local.empty()) return false;
  for (const XsdName& x : kXsdNames) {
    if (local == std::string_view(x.xsi_type).substr(4)) {
      *type = x.type;
      return true;
    }
  }
  // SOAP-ENC:base64 and TR-106's own name.
  if (local == "base64") {
    *type = dm::Type::kBase64;
    return true;
  }
  return false;
}

}  // namespace edgecwmp::rpc
