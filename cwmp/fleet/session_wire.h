// SPDX-License-Identifier: GPL-2.0-or-later
// SessionWire: what a virtual CPE's session posts goes through here (SessionHooks::post). It
// records every exchange into the session's transcript and plays the CPE's scripted wire
// misbehaviour:
//   slow_answers    waits delay_ms before posting a matching message
//   drop_answer     a matching answer to an ACS request is never sent; the connection is closed
//   cut_connection  the connection is closed after `after` HTTP answers, before the next POST
//   missing_cookie  every POST after the Inform goes on a fresh connection with no cookie
//   garbled_xml     a matching message is cut in half and ends in "<garbled"
//   wrong_id        a matching answer to an ACS request carries cwmp:ID "fleet-wrong-id"
// A dropped or cut exchange is a transport error to the session engine (the CPE retries later).
#ifndef EDGECWMP_CWMP_FLEET_SESSION_WIRE_H_
#define EDGECWMP_CWMP_FLEET_SESSION_WIRE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/http_client.h"
#include "base/status.h"
#include "cwmp/fleet/profile.h"
#include "cwmp/fleet/session_transcript.h"

namespace edgecwmp::cwmp::fleet {

// The CWMP method of an envelope ("Inform", "GetParameterValues", "Fault"...), "" when the
// body is empty or has no Body element. A cheap scan, no parse: it also names a garbled message.
std::string MessageNameOf(std::string_view xml);

// Replaces the text of the first cwmp:ID element (any prefix) with |id|.
std::string ReplaceCwmpId(std::string_view xml, std::string_view id);

class SessionWire {
 public:
  // |misbehaviour|: the profile entries this CPE plays. |transcript| and |config| outlive it.
  SessionWire(HttpClientConfig config, std::vector<const Misbehaviour*> misbehaviour,
              bool keep_bodies, SessionTranscript* transcript);
  ~SessionWire();

  // SessionHooks::post.
  Status Post(std::string_view body, HttpResponse* out);

 private:
  // The body to send (garbled, wrong ID) or false when the message is dropped.
  bool Shape(const std::string& cpe_message, std::string_view body, std::string* wire);
  const Misbehaviour* Find(MisbehaviourKind kind, const std::string& cpe_message) const;
  HttpSession* Connection();

  HttpClientConfig config_;
  std::vector<const Misbehaviour*> misbehaviour_;
  bool keep_bodies_;
  SessionTranscript* transcript_;
  std::unique_ptr<HttpSession> http_;
  size_t answers_ = 0;  // HTTP answers received in this session
};

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_SESSION_WIRE_H_
