// SPDX-License-Identifier: GPL-2.0-or-later
// Session: runs one CWMP transaction session (TR-069 3.7.1.4) over one HTTP connection: the
// Inform, then the CPE's own requests, then the empty POST, then the ACS's requests until its
// empty response. It knows the protocol's order of things and nothing of where values come from:
// the RPC dispatcher answers the ACS, the caller supplies the Inform and the requests to send.
#ifndef EDGECWMP_CWMP_SESSION_SESSION_H_
#define EDGECWMP_CWMP_SESSION_SESSION_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cwmp/protocol/messages.h"

namespace edgecwmp {
class HttpSession;    // base/http_client.h
struct HttpResponse;  // base/http_client.h
}  // namespace edgecwmp

namespace edgecwmp::cwmp {

class Codec;

// What a session carries from the CPE.
struct SessionPlan {
  Version version = Version::k1_4;
  Inform inform;
  std::vector<CpeRequest> requests;  // sent after the InformResponse unless the ACS holds them
};

struct SessionHooks {
  // The InformResponse arrived (events are delivered: TR-069 3.7.1.5).
  std::function<void()> inform_accepted;
  // The ACS answered requests[index] (with its response, or with a Fault).
  std::function<void(size_t index, const AcsResponse& answer)> request_answered;
  // An ACS request to answer (the RPC dispatcher).
  std::function<CpeResponse(const AcsRequest& request)> handle;
  // Optional: posts one message in place of |http|->Post (same contract). Fleet mode records
  // every exchange and plays a virtual CPE's scripted misbehaviour on the wire through it.
  std::function<Status(std::string_view body, HttpResponse* out)> post;
};

enum class SessionOutcome {
  kCompleted,        // ACS sent its empty response and the CPE had nothing left
  kTransportError,   // connect/TLS/timeout/reset
  kHttpError,        // an HTTP status the session cannot go on with
  kVersionRejected,  // the ACS refused the Inform's cwmp namespace: try an older version
  kInformFault,      // the ACS answered the Inform with a Fault (8005 = retry)
  kProtocolError,    // the ACS sent something that breaks the session (malformed, out of order)
};
const char* SessionOutcomeName(SessionOutcome outcome);

struct SessionResult {
  SessionOutcome outcome = SessionOutcome::kTransportError;
  bool inform_accepted = false;
  long http_status = 0;
  std::optional<uint32_t> retry_after_seconds;  // 503 Retry-After
  uint32_t inform_fault = 0;
  Version version = Version::k1_0;  // the version the session ended with
  uint32_t acs_requests = 0;        // how many ACS requests were answered
  // The answered ACS requests per method name ("GetParameterValues" → 2); an undecodable
  // message counts as "(undecodable)".
  std::map<std::string, uint32_t> acs_request_counts;
  std::string detail;  // for logs
};

struct SessionLimits {
  uint32_t max_acs_requests = 5000;  // an ACS that never stops is cut off (protocol error)
};

// Runs |plan| to its end. |http| is a fresh HttpSession (one connection, cookies, auth); it may
// be null when hooks.post carries the session instead.
SessionResult RunSession(const SessionPlan& plan, HttpSession* http, Codec* codec,
                         const SessionHooks& hooks, const SessionLimits& limits = {});

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_SESSION_SESSION_H_
