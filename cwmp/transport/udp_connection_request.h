// SPDX-License-Identifier: GPL-2.0-or-later
// UDP connection requests (TR-069 Annex G.2.2), as GenieACS sends them: one datagram holding
//   GET http://<host>:<port>?ts=<unix s>&id=<n>&un=<user>&cn=<nonce>&sig=<hex> HTTP/1.1\r\n
//   Host: <host>:<port>\r\n\r\n
// with sig = hex(HMAC-SHA1(key = ConnectionRequestPassword, ts + id + un + cn)), sent 3 times.
//
// ParseUdpConnectionRequest reads the text (any other method, version or missing argument is
// malformed). UdpConnectionRequestValidator decides whether a datagram is accepted: the user
// name must be ConnectionRequestUsername, sig must match (compared in constant time), ts must be
// within freshness_window_seconds of this device's clock (either way: the ACS's clock and ours
// differ), and the id must not have been accepted before. Accepted ids are remembered until
// their ts is no longer fresh (an older one fails the ts check anyway; they are dropped when the
// table fills), at most max_remembered_ids; when all are still fresh, a new request is refused
// rather than an id forgotten early (fail closed: the budget of
// the channels, connection_request_budget.h, keeps the count far below the cap). The 3
// duplicates of one request therefore start one session. Not thread-safe: the UDP receiver owns
// it.
#ifndef EDGECWMP_CWMP_TRANSPORT_UDP_CONNECTION_REQUEST_H_
#define EDGECWMP_CWMP_TRANSPORT_UDP_CONNECTION_REQUEST_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace edgecwmp::cwmp {

struct UdpConnectionRequest {
  std::string ts;  // the arguments, percent-decoded, as signed
  std::string id;
  std::string un;
  std::string cn;
  std::string sig;  // lower- or upper-case hex
};

Status ParseUdpConnectionRequest(std::string_view datagram, UdpConnectionRequest* out);

// hex(HMAC-SHA1(key = password, ts + id + un + cn)), lower case.
std::string UdpConnectionRequestSignature(const UdpConnectionRequest& request,
                                          const std::string& password);

// The GenieACS datagram text for |request| addressed to host:port (the test ACS, fuzz seeds).
std::string FormatUdpConnectionRequest(const UdpConnectionRequest& request, const std::string& host,
                                       uint16_t port);

enum class UdpVerdict {
  kAccept,
  kMalformed,
  kWrongUser,
  kBadSignature,
  kStale,    // ts outside the freshness window
  kReplay,   // id already accepted (e.g. the 2nd and 3rd copy of one request)
  kTooMany,  // the remembered ids are at their cap
};
const char* UdpVerdictName(UdpVerdict verdict);

struct UdpConnectionRequestValidatorOptions {
  // 300 s: GenieACS stamps ts with its own clock; an edge gateway's clock (NTP after boot) may be
  // a few minutes off, and a captured datagram replays at most within this window, only once.
  int64_t freshness_window_seconds = 300;
  size_t max_remembered_ids = 8192;
};

class UdpConnectionRequestValidator {
 public:
  explicit UdpConnectionRequestValidator(UdpConnectionRequestValidatorOptions options = {});
  // Checks |datagram| against the live credentials at |now_unix| (seconds); an accepted id is
  // remembered, so the same datagram is a kReplay the next time.
  UdpVerdict Check(std::string_view datagram, const std::string& username,
                   const std::string& password, int64_t now_unix);
  size_t remembered_ids() const { return seen_.size(); }

 private:
  void Forget(int64_t now_unix);

  UdpConnectionRequestValidatorOptions options_;
  std::map<std::string, int64_t> seen_;  // id → its ts
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_UDP_CONNECTION_REQUEST_H_
