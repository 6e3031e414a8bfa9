// SPDX-License-Identifier: GPL-2.0-or-later
// The test ACS's second, independent reading of what a CPE sends (pugixml, not the agent's gSOAP
// codec): it identifies the message (cwmp namespace, cwmp:ID, method) and lists every way the
// envelope breaks a rule GenieACS 1.2.16 or TR-069 relies on, as human-readable violations.
#ifndef EDGECWMP_TESTS_ACS_ACS_CHECKS_H_
#define EDGECWMP_TESTS_ACS_ACS_CHECKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwmp/protocol/messages.h"

namespace edgecwmp::acs {

// The forced Inform parameters of the Device:2 root object (TR-181 forcedInform="true").
std::vector<std::string> DefaultForcedInformParameters();

struct InspectedMessage {
  bool well_formed = false;              // parses as XML and is a SOAP 1.1 Envelope with a Body
  bool empty = false;                    // empty or whitespace-only body (the CPE's empty POST)
  std::string cwmp_namespace;            // namespace of the method (or of cwmp:Fault / cwmp:ID)
  std::optional<cwmp::Version> version;  // when cwmp_namespace is urn:dslforum-org:cwmp-1-0…1-4
  std::optional<std::string> id;         // cwmp:ID header
  std::string method;                  // local name of the Body's element; "Fault" for a SOAP Fault
  std::optional<uint32_t> fault_code;  // cwmp:Fault/FaultCode of a Fault
  std::vector<std::string> event_codes;  // an Inform's EventCodes
  std::vector<std::string> violations;
};

// Reads `xml` and checks the rules that hold for every CPE message: XML well-formed; SOAP 1.1
// envelope; a known cwmp namespace; cwmp:ID with mustUnderstand="1"; booleans only
// true/false/1/0; xsi:type on every Value and a value that matches it; SOAP-ENC:arrayType sizes
// matching the items. For an Inform, also TR-069 A.3.3.1: DeviceId (OUI, SerialNumber), a
// non-empty Event list, MaxEnvelopes 1, CurrentTime, RetryCount and `forced_parameters` in the
// ParameterList.
InspectedMessage InspectCpeMessage(std::string_view xml,
                                   const std::vector<std::string>& forced_parameters);

// The lexical checks of the XML Schema simple types CWMP uses ("xsd:boolean", "xsd:unsignedInt",
// ...). Unknown types are accepted.
bool IsValidLexicalValue(std::string_view xsd_type, std::string_view value);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_ACS_CHECKS_H_
