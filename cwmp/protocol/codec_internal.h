// SPDX-License-Identifier: GPL-2.0-or-later
// Internal to the codec: the pieces codec.cc, codec_decode.cc and codec_encode.cc share. Needs
// stdsoap2.h (soapH.h) included first.
#ifndef EDGECWMP_CWMP_PROTOCOL_CODEC_INTERNAL_H_
#define EDGECWMP_CWMP_PROTOCOL_CODEC_INTERNAL_H_

#include <string>
#include <string_view>

#include "cwmp/protocol/codec.h"

namespace edgecwmp::cwmp::internal {

// What the gSOAP callbacks read and write (soap->user).
struct SoapIo {
  std::string_view input;
  size_t input_pos = 0;
  std::string* output = nullptr;
  bool must_understand_seen = false;
  std::string unknown_header;
};

const Namespace* NamespaceTable(Version v);  // for output
const Namespace* DecodeNamespaceTable();     // for input: accepts any cwmp-1-*
int CwmpNamespaceIndex();
// Installs `table` on the context, forgetting URIs a previous parse matched by wildcard.
void UseNamespaces(struct soap* soap, const Namespace* table);

Status Decode(struct soap* soap, const CodecLimits& limits, std::string_view xml,
              AcsEnvelope* out, DecodeError* err);
Status Decode(struct soap* soap, const CodecLimits& limits, std::string_view xml,
              CpeEnvelope* out, DecodeError* err);
std::string Encode(struct soap* soap, Version v, const Header& header, const AcsBody& body);
std::string Encode(struct soap* soap, Version v, const Header& header, const CpeBody& body);
// A SOAP fault without cwmp detail (e.g. faultcode SOAP-ENV:MustUnderstand).
std::string EncodeSoapFault(struct soap* soap, Version v, const Header& header,
                            const char* faultcode, const char* faultstring);

// Recognizes a fault the typed parser rejected (GenieACS 1.2 writes `<soap-env:Body:Fault>`): finds
// cwmp FaultCode/FaultString after the body's opening tag. False when there is no FaultCode.
bool ScanMalformedFault(std::string_view xml, Fault* out);

}  // namespace edgecwmp::cwmp::internal

#endif  // EDGECWMP_CWMP_PROTOCOL_CODEC_INTERNAL_H_
