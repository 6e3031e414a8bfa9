// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the SOAP envelope decoder (cwmp/codec.h) both ways: what an ACS sends a CPE and what a
// CPE sends an ACS. A decoded envelope must survive its own encoding: re-encoded and decoded
// again, it still decodes (the agent answers with what it parsed). A decode error must still give
// the fault envelope that answers it. Seeds: the GenieACS recordings (scripts/fuzz).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cwmp/protocol/codec.h"

namespace {

using edgecwmp::cwmp::Codec;
using edgecwmp::cwmp::DecodeError;

template <class Envelope, class Decode, class Encode>
void RoundTrip(Codec& codec, std::string_view xml, Decode decode, Encode encode) {
  Envelope envelope;
  DecodeError err;
  if (!(codec.*decode)(xml, &envelope, &err).ok()) {
    codec.EncodeDecodeFault(err);
    return;
  }
  std::string again = (codec.*encode)(envelope);
  Envelope second;
  if (!(codec.*decode)(again, &second, &err).ok()) {
    std::fprintf(stderr, "re-encoded envelope does not decode (%s: %s):\n%s\n",
                 edgecwmp::cwmp::DecodeErrorKindName(err.kind), err.detail.c_str(), again.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Codec codec;  // one per thread in the agent too: reused across messages
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  RoundTrip<edgecwmp::cwmp::AcsEnvelope>(codec, xml, &Codec::DecodeAcs, &Codec::EncodeAcs);
  RoundTrip<edgecwmp::cwmp::CpeEnvelope>(codec, xml, &Codec::DecodeCpe, &Codec::EncodeCpe);
  return 0;
}
