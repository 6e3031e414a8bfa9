// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer entry: any datagram through the STUN decoder and the mapped-address reader (with and
// without a MESSAGE-INTEGRITY key) must be refused or read without a crash or an over-read; a
// decoded message's attributes lie inside the datagram.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cwmp/transport/stun.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace stun = edgecwmp::cwmp::stun;
  const std::string_view datagram(reinterpret_cast<const char*>(data), size);
  stun::Message message;
  if (!stun::Decode(datagram, &message).ok()) return 0;
  for (const stun::Attribute& a : message.attributes) {
    if (a.offset + 4 + a.value.size() > size) std::abort();
  }
  stun::Endpoint mapped;
  (void)stun::MappedAddress(datagram, message, "", &mapped);
  (void)stun::MappedAddress(datagram, message, "key", &mapped);
  return 0;
}
