// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/session/session.h"

#include <utility>

#include "base/http_client.h"
#include "base/log.h"
#include "cwmp/protocol/codec.h"

namespace edgecwmp::cwmp {

const char* SessionOutcomeName(SessionOutcome outcome) {
  switch (outcome) {
    case SessionOutcome::kCompleted:
      return "completed";
    case SessionOutcome::kTransportError:
      return "transport error";
    case SessionOutcome::kHttpError:
      return "HTTP error";
    case SessionOutcome::kVersionRejected:
      return "cwmp version rejected";
    case SessionOutcome::kInformFault:
      return "Inform fault";
    case SessionOutcome::kProtocolError:
      return "protocol error";
  }
  return "?";
}

namespace {

constexpr const char* kComponent = "session";

// TR-069 3.4.1: any 2xx with an empty body ends the ACS's requests as well as a 204 does.
bool IsEmptyResponse(const HttpResponse& r) {
  if (r.status == 204) return true;
  if (r.status != 200) return false;
  return r.body.find_first_not_of(" \t\r\n") == std::string::npos;
}

class SessionRunner {
 public:
  SessionRunner(const SessionPlan& plan, HttpSession* http, Codec* codec, const SessionHooks& hooks,
                const SessionLimits& limits)
      : plan_(plan), http_(http), codec_(codec), hooks_(hooks), limits_(limits) {
    result_.version = plan.version;
  }

  SessionResult Run() {
    if (!SendInform()) return result_;
    // TR-069 3.7.1.4: the CPE sends its own requests first unless the ACS set HoldRequests;
    // held ones go after the ACS's empty response.
    if (!hold_requests_ && !SendCpeRequests()) return result_;
    if (!ServeAcsRequests()) return result_;
    result_.outcome = SessionOutcome::kCompleted;
    return result_;
  }

 private:
  std::string NextId() { return "cpe-" + std::to_string(++id_counter_); }

  bool Fail(SessionOutcome outcome, std::string detail) {
    result_.outcome = outcome;
    result_.detail = std::move(detail);
    return false;
  }

  // Posts |body| and checks that an HTTP answer came back; fills result_ on failure.
  bool Exchange(const std::string& body, HttpResponse* response) {
    Status s = hooks_.post ? hooks_.post(body, response) : http_->Post(body, response);
    result_.http_status = response->status;
    if (!s.ok()) return Fail(SessionOutcome::kTransportError, s.ToString());
    if (response->status == 503 && response->retry_after_seconds) {
      result_.retry_after_seconds = response->retry_after_seconds;
    }
    return true;
  }

  bool SendInform() {
    CpeEnvelope env;
    env.version = version_;
    env.header.id = NextId();
    // TR-069 A.2.2 (1.4): the CPE announces every version it speaks in its Inform.
    if (version_ >= Version::k1_4) env.header.supported_cwmp_versions = "1.0,1.1,1.2,1.3,1.4";
    env.body = CpeRequest{plan_.inform};
    HttpResponse response;
    if (!Exchange(codec_->EncodeCpe(env), &response)) return false;

    if (response.status == 400 && version_ > Version::k1_0) {
      // GenieACS 1.2 answers 400 "Unrecognized CWMP version" to cwmp-1-4; try an older one.
      return Fail(SessionOutcome::kVersionRejected, "HTTP 400 to a cwmp-" +
                                                        std::string(VersionName(version_)) +
                                                        " Inform: " + response.body.substr(0, 80));
    }
    if (response.status != 200) {
      return Fail(SessionOutcome::kHttpError,
                  "HTTP " + std::to_string(response.status) + " to the Inform");
    }
    AcsEnvelope reply;
    DecodeError err;
    Status s = codec_->DecodeAcs(response.body, &reply, &err);
    if (!s.ok()) {
      return Fail(SessionOutcome::kProtocolError, std::string("undecodable InformResponse: ") +
                                                      DecodeErrorKindName(err.kind) + " " +
                                                      err.detail);
    }
    const auto* acs_response = std::get_if<AcsResponse>(&reply.body);
    if (acs_response == nullptr) {
      return Fail(SessionOutcome::kProtocolError, "the ACS answered the Inform with a request");
    }
    if (const auto* fault = std::get_if<Fault>(acs_response)) {
      result_.inform_fault = fault->fault_code;
      return Fail(SessionOutcome::kInformFault,
                  "Inform fault " + std::to_string(fault->fault_code) + " " + fault->fault_string);
    }
    if (!std::holds_alternative<InformResponse>(*acs_response)) {
      return Fail(SessionOutcome::kProtocolError,
                  std::string("expected InformResponse, got ") + MessageName(*acs_response));
    }
    // TR-069 A.2.2: UseCWMPVersion picks the version for the rest of the session.
    if (reply.header.use_cwmp_version) AdoptVersion(*reply.header.use_cwmp_version);
    UpdateHold(reply.header);
    result_.inform_accepted = true;
    if (hooks_.inform_accepted) hooks_.inform_accepted();
    return true;
  }

  void AdoptVersion(const std::string& text) {
    for (Version v : {Version::k1_0, Version::k1_1, Version::k1_2, Version::k1_3, Version::k1_4}) {
      if (text == VersionName(v) && v <= plan_.version) version_ = v;
    }
    result_.version = version_;
  }

  void UpdateHold(const Header& header) {
    // TR-069 A.4.1.2: HoldRequests applies to the next CPE message only; absent means false.
    hold_requests_ = header.hold_requests.value_or(false);
  }

  bool SendCpeRequests() {
    for (; next_request_ < plan_.requests.size(); ++next_request_) {
      CpeEnvelope env;
      env.version = version_;
      env.header.id = NextId();
      env.body = plan_.requests[next_request_];
      HttpResponse response;
      if (!Exchange(codec_->EncodeCpe(env), &response)) return false;
      if (response.status != 200) {
        return Fail(SessionOutcome::kHttpError, "HTTP " + std::to_string(response.status) + " to " +
                                                    MessageName(plan_.requests[next_request_]));
      }
      AcsEnvelope reply;
      DecodeError err;
      if (!codec_->DecodeAcs(response.body, &reply, &err).ok()) {
        return Fail(SessionOutcome::kProtocolError,
                    std::string("undecodable answer to a CPE request: ") + err.detail);
      }
      const auto* answer = std::get_if<AcsResponse>(&reply.body);
      if (answer == nullptr) {
        return Fail(SessionOutcome::kProtocolError,
                    "the ACS answered a CPE request with a request");
      }
      if (const auto* fault = std::get_if<Fault>(answer)) {
        // A fault ends this request's delivery attempt; the caller decides whether to keep it
        // (8005 = retry later) or give it up (e.g. GenieACS's 8000 to AutonomousTransferComplete).
        Log(LogLevel::kWarning, kComponent, "ACS fault ", fault->fault_code, " to ",
            MessageName(plan_.requests[next_request_]), ": ", fault->fault_string);
      }
      if (hooks_.request_answered) hooks_.request_answered(next_request_, *answer);
    }
    return true;
  }

  bool ServeAcsRequests() {
    std::string body;  // the first POST of this phase is the empty one
    for (;;) {
      HttpResponse response;
      if (!Exchange(body, &response)) return false;
      if (IsEmptyResponse(response)) {
        // The ACS is done. Held CPE requests still go (TR-069 3.7.1.4), then the empty POST again.
        if (next_request_ < plan_.requests.size()) {
          hold_requests_ = false;
          if (!SendCpeRequests()) return false;
          body.clear();
          continue;
        }
        return true;
      }
      if (response.status != 200) {
        return Fail(SessionOutcome::kHttpError,
                    "HTTP " + std::to_string(response.status) + " during the session");
      }
      if (result_.acs_requests >= limits_.max_acs_requests) {
        return Fail(SessionOutcome::kProtocolError, "too many ACS requests in one session");
      }
      body = Answer(response.body);
    }
  }

  // The envelope answering one ACS message (a response, or a fault for what cannot be decoded).
  std::string Answer(const std::string& xml) {
    AcsEnvelope request;
    DecodeError err;
    Status s = codec_->DecodeAcs(xml, &request, &err);
    if (!s.ok()) {
      Log(LogLevel::kWarning, kComponent, "cannot decode ACS message (",
          DecodeErrorKindName(err.kind), "): ", err.detail);
      ++result_.acs_requests;
      ++result_.acs_request_counts["(undecodable)"];
      return codec_->EncodeDecodeFault(err);
    }
    const auto* acs_request = std::get_if<AcsRequest>(&request.body);
    if (acs_request == nullptr) {
      // A response with nothing outstanding: nothing to answer; the next POST is empty.
      Log(LogLevel::kWarning, kComponent, "unexpected ACS response ignored");
      return std::string();
    }
    UpdateHold(request.header);
    ++result_.acs_requests;
    ++result_.acs_request_counts[MessageName(*acs_request)];
    CpeEnvelope reply;
    // TR-069 A.2.1: the answer uses the request's namespace and echoes its ID.
    reply.version = request.version;
    reply.header.id = request.header.id;
    // Per RPC at debug only: the agent logs the session as one line with the counts.
    Log(LogLevel::kDebug, kComponent, "ACS request ", MessageName(*acs_request));
    reply.body = CpeResponse{hooks_.handle(*acs_request)};
    return codec_->EncodeCpe(reply);
  }

  const SessionPlan& plan_;
  HttpSession* http_;
  Codec* codec_;
  const SessionHooks& hooks_;
  const SessionLimits& limits_;
  SessionResult result_;
  Version version_ = plan_.version;
  bool hold_requests_ = false;
  size_t next_request_ = 0;
  uint64_t id_counter_ = 0;
};

}  // namespace

SessionResult RunSession(const SessionPlan& plan, HttpSession* http, Codec* codec,
                         const SessionHooks& hooks, const SessionLimits& limits) {
  return SessionRunner(plan, http, codec, hooks, limits).Run();
}

}  // namespace edgecwmp::cwmp
