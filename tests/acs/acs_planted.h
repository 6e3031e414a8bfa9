// SPDX-License-Identifier: GPL-2.0-or-later
// The test ACS's broken mode: deliberate ACS-side violations of TR-069 it commits when asked
// (TestAcsOptions::planted, `test-acs --plant`), so that the fleet's conformance check
// (cwmp/fleet/acs_conformance.h) can be shown to find exactly what was planted, rule by rule.
// Everything else about the ACS stays as GenieACS 1.2.16 behaves.
#ifndef EDGECWMP_TESTS_ACS_ACS_PLANTED_H_
#define EDGECWMP_TESTS_ACS_ACS_PLANTED_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace edgecwmp::acs {

enum class PlantedFault {
  kWrongNamespace,       // InformResponse in another cwmp namespace than the Inform's
  kMaxEnvelopes2,        // InformResponse MaxEnvelopes 2
  kInformResponseExtra,  // InformResponse holding an element besides MaxEnvelopes
  kIgnoreCookie,         // a POST returning the session cookie is refused: 400 Invalid session
  kMalformedFault,       // the Inform is answered by a SOAP Fault without detail/cwmp:Fault
  kNonAcsFaultCode,      // the Inform is answered by a well-formed fault 9002 (a CPE code)
  kMisplaced8005,        // the CPE's empty POST is answered by fault 8005 (once per session)
  kWrongId,              // InformResponse with a cwmp:ID other than the Inform's
  kBadHoldRequests,      // InformResponse with HoldRequests lacking mustUnderstand="1"
  kEmpty200TextXml,      // the session ends with 200, an empty body and Content-Type text/xml
  kWrongContentType,     // every SOAP answer is sent as Content-Type text/html
};

struct PlantedFaultInfo {
  PlantedFault fault;
  const char* name;  // for `test-acs --plant`: "wrong-namespace", ...
  const char* rule;  // the AcsConformance rule it breaks
};
// Every planted fault, one per rule of AcsConformance.
const std::vector<PlantedFaultInfo>& PlantedFaults();
// Parses "name,name,..." or "all"; false (with |error|) for an unknown name.
bool ParsePlantedFaults(const std::string& list, std::set<PlantedFault>* out, std::string* error);

// The answer to an accepted Inform (GenieACS's InformResponse, recording 003) with every
// planted fault that concerns it.
std::string PlantedInformAnswer(const std::set<PlantedFault>& planted,
                                const std::string& cwmp_namespace, const std::string& id);
// A well-formed CWMP fault envelope (TR-069 A.5).
std::string WriteFault(std::string_view cwmp_namespace, std::string_view id, unsigned code,
                       std::string_view text);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_ACS_PLANTED_H_
