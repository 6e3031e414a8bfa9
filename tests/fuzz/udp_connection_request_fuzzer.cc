// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer entry: any datagram through the UDP connection-request parser and validator must be
// refused or accepted without a crash, and a parsed request must survive a format/parse round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cwmp/transport/udp_connection_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace edgecwmp::cwmp;  // NOLINT
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static UdpConnectionRequestValidator validator;
  validator.Check(text, "user", "password", 1733520000);
  UdpConnectionRequest request;
  // size < 1024: the formatted text (a longer URI prefix, a Host line) stays under the cap.
  if (size < 1024 && ParseUdpConnectionRequest(text, &request).ok() &&
      request.un.find_first_of("&=% \r\n") == std::string::npos &&
      request.id.find_first_of("&=% \r\n") == std::string::npos &&
      request.cn.find_first_of("&=% \r\n") == std::string::npos &&
      request.sig.find_first_of("&=% \r\n") == std::string::npos) {
    UdpConnectionRequest again;
    if (!ParseUdpConnectionRequest(FormatUdpConnectionRequest(request, "h", 1), &again).ok() ||
        again.un != request.un || again.id != request.id || again.cn != request.cn ||
        again.sig != request.sig || again.ts != request.ts) {
      std::abort();
    }
  }
  return 0;
}
