// SPDX-License-Identifier: GPL-2.0-or-later
// SessionTranscript: one CWMP session of a virtual CPE as it crossed the wire, exchange by
// exchange. The fleet engine records it (only while a session runs, or while --check needs it);
// the ACS conformance checks and the measurements read it. Nothing here knows of the engine.
#ifndef EDGECWMP_CWMP_FLEET_SESSION_TRANSCRIPT_H_
#define EDGECWMP_CWMP_FLEET_SESSION_TRANSCRIPT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace edgecwmp::cwmp::fleet {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One HTTP POST of the session and the ACS's answer to it.
struct HttpExchange {
  // Message names are always set; "" is the empty POST / an answer without a CWMP message.
  std::string cpe_message;      // "Inform", "GetParameterValuesResponse", ...
  std::string acs_message;      // "InformResponse", "GetParameterValues", "Fault", ...
  HeaderList request_headers;   // as sent (Cookie, SOAPAction, Content-Type, Authorization ...)
  std::string request_body;     // kept only when an observer NeedsBodies()
  long status = 0;              // 0: no HTTP answer (connect error, reset, timeout)
  HeaderList response_headers;  // as received (Set-Cookie, Content-Type, Retry-After ...)
  std::string response_body;    // kept only when an observer NeedsBodies()
  int64_t response_micros = 0;  // from the request's first byte sent to the answer's last byte
};

struct SessionTranscript {
  std::string cpe_id;  // "<OUI>-<ProductClass>-<SerialNumber>" (GenieACS's device id)
  std::vector<HttpExchange> exchanges;
  bool completed = false;  // the ACS closed the session as TR-069 3.7.1.4 says
};

// Sees every finished session of the fleet (measurements, conformance checks). Called from the
// fleet's worker threads: implementations are thread-safe.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  virtual bool NeedsBodies() const { return false; }
  virtual void OnSession(const SessionTranscript& session) = 0;
};

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_SESSION_TRANSCRIPT_H_
