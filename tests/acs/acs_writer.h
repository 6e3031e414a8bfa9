// SPDX-License-Identifier: GPL-2.0-or-later
// The test ACS's envelope writer: renders ACS→CPE messages byte for byte the way GenieACS 1.2.16
// does (fixed prefixes soap-enc, soap-env, xsd, xsi, cwmp; the request's cwmp namespace echoed;
// cwmp:ID with mustUnderstand="1"; empty elements written as open/close pairs; NextLevel as 0/1).
// It is deliberately independent of the agent's gSOAP codec so that a codec bug on one side of an
// exchange cannot be hidden by the same bug on the other.
#ifndef EDGECWMP_TESTS_ACS_ACS_WRITER_H_
#define EDGECWMP_TESTS_ACS_ACS_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "cwmp/protocol/messages.h"

namespace edgecwmp::acs {

// A whole envelope carrying one ACS request, e.g. recording 009 for GetParameterNames.
std::string WriteAcsRequest(const cwmp::AcsRequest& request, std::string_view cwmp_namespace,
                            std::string_view id);

// An envelope around |body| (the Body's content), as GenieACS writes every message.
std::string WriteEnvelope(std::string_view cwmp_namespace, std::string_view id,
                          std::string_view body);

// InformResponse (MaxEnvelopes 1), as in recording 003.
std::string WriteInformResponse(std::string_view cwmp_namespace, std::string_view id);
// The empty TransferCompleteResponse of recording 089.
std::string WriteTransferCompleteResponse(std::string_view cwmp_namespace, std::string_view id);
// An empty <cwmp:|method|Response/> written the same way (e.g. AutonomousTransferCompleteResponse,
// for an ACS that supports it, which GenieACS 1.2 does not).
std::string WriteEmptyResponse(std::string_view method, std::string_view cwmp_namespace,
                               std::string_view id);
// GenieACS's GetRPCMethodsResponse of recording 095: Inform, GetRPCMethods, TransferComplete.
// |methods| replaces GenieACS's list (an ACS supporting more).
std::string WriteGetRpcMethodsResponse(std::string_view cwmp_namespace, std::string_view id,
                                       const std::vector<std::string>& methods = {
                                           "Inform", "GetRPCMethods", "TransferComplete"});
// GenieACS's answer to a CPE request it does not support (recording 101): fault 8000 inside a
// malformed `soap-env:Body:Fault` element. Replayed as recorded, with only namespace and ID echoed.
std::string WriteMethodNotSupportedFault(std::string_view cwmp_namespace, std::string_view id);

// XML text escaping for element content.
std::string EscapeXml(std::string_view text);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_ACS_WRITER_H_
