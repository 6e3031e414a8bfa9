// SPDX-License-Identifier: GPL-2.0-or-later
// The CWMP SOAP codec: maps the plain messages of cwmp/protocol/messages.h to and from SOAP 1.1
// envelopes (TR-069 Amendment 6, Annex A) with gSOAP. It parses any namespace
// urn:dslforum-org:cwmp-1-0…1-4 and writes the version carried by the envelope it is given. Pure
// codec: no I/O, no HTTP.
//
// Why it looks the way it does (details in cwmp/protocol/CODEC.md):
// - cwmp/protocol/cwmp.gsoap.h is the soapcpp2 input written by the project; the serializers are
//   generated at build time. One namespace-table row matches every cwmp-1-* URI (gSOAP's
//   wildcard); the codec reads the URI the peer used and rejects anything but 1-0…1-4
//   (kUnsupportedVersion).
// - `Value` is a class with the text plus an xsi:type attribute, so the type travels as written.
// - SOAP-ENC arrays are wrapper classes with a std::vector and an explicit SOAP-ENC:arrayType
//   attribute: the real elements are counted and arrayType="[99999]" allocates nothing.
// - An unknown header with mustUnderstand="1" is caught by gSOAP's fignore hook, so the cwmp:ID is
//   still known and the answer (a SOAP MustUnderstand fault) echoes it.
// - Times stay text (the datamodel validates them); booleans read true/false/1/0, write true/false.
#ifndef EDGECWMP_CWMP_PROTOCOL_CODEC_H_
#define EDGECWMP_CWMP_PROTOCOL_CODEC_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp {

struct CodecLimits {
  size_t max_body_bytes = 512 * 1024;   // a larger body is refused before gSOAP reads it
  size_t max_array_items = 20000;       // per repeated element / SOAP-ENC array
  size_t max_string_bytes = 64 * 1024;  // per string
};

struct DecodeError {
  enum class Kind {
    kMalformed,           // not XML, not SOAP, or a known message with bad content
    kUnknownMethod,       // well-formed SOAP, body element not a CWMP method (answer fault 9000)
    kMustUnderstand,      // an unknown header with mustUnderstand="1" (answer SOAP MustUnderstand)
    kUnsupportedVersion,  // not urn:dslforum-org:cwmp-1-0…1-4
    kTooLarge,            // over CodecLimits (body, array or string)
    kEmpty,               // empty or whitespace-only body (the "empty POST" / end of ACS requests)
  };
  Kind kind = Kind::kMalformed;
  std::string id;                   // cwmp:ID if it was read
  Version version = Version::k1_0;  // namespace seen (or 1-0), to answer in
  std::string detail;               // for logs
};
const char* DecodeErrorKindName(DecodeError::Kind kind);

class Codec {
 public:
  // One per thread; wraps one gSOAP context. Cheap enough to keep per session.
  explicit Codec(CodecLimits limits = {});
  ~Codec();
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;

  // What an ACS sends: requests, responses to CPE requests, or a Fault. On failure fills *err
  // (never null) and returns a non-OK Status; on success *out is complete and owns its data.
  // A GenieACS 1.2 fault whose element is malformed (`<soap-env:Body:Fault>`) is recognized by a
  // fallback scan and decoded as a Fault (see CODEC.md), so the session ends instead of retrying.
  Status DecodeAcs(std::string_view xml, AcsEnvelope* out, DecodeError* err);
  // What the CPE sends, in env.version's namespace.
  std::string EncodeCpe(const CpeEnvelope& env);

  // The other direction, for the test ACS.
  Status DecodeCpe(std::string_view xml, CpeEnvelope* out, DecodeError* err);
  std::string EncodeAcs(const AcsEnvelope& env);

  // The envelope answering a request that failed to decode, ID echoed when known, in err.version:
  // kUnknownMethod → CWMP fault 9000, kMustUnderstand → SOAP-ENV:MustUnderstand fault (SOAP 1.1
  // §4.4.1, no cwmp detail), kTooLarge → 9004, anything else → 9003. Returns "" for kEmpty.
  std::string EncodeDecodeFault(const DecodeError& err);

  const CodecLimits& limits() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The CWMP fault (code and text, TR-069 A.5.1) that answers a decode error; code 0 for kEmpty
// and kMustUnderstand (which is a plain SOAP fault).
Fault FaultForDecodeError(const DecodeError& err);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_PROTOCOL_CODEC_H_
