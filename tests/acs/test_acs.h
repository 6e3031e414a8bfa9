// SPDX-License-Identifier: GPL-2.0-or-later
// TestAcs: a scriptable CWMP ACS over loopback HTTP that behaves like GenieACS 1.2.16 on the wire
// (see ../shared/interop/genieacs/INDEX.md) and records everything a test wants to assert on.
//
// Session rules, as GenieACS: a session starts with a POST carrying an Inform, answered by
// InformResponse (MaxEnvelopes 1) with `Set-Cookie: session=<hex>`; every later POST must carry
// that cookie, else HTTP 400 "Invalid session" + Connection: close. An Inform in a namespace above
// `max_version` (by default cwmp-1-4) gets HTTP 400 "Unrecognized CWMP version". After the CPE's
// empty POST, and after each answer, the ACS sends its next scripted request, or 204 +
// Connection: close when the script is done. CPE requests: TransferComplete → empty
// TransferCompleteResponse; GetRPCMethods → Inform, GetRPCMethods, TransferComplete (plus the
// two autonomous completions with accept_autonomous); anything else (AutonomousTransferComplete,
// ...) → the malformed fault 8000 of recording 101.
//
// Strict checks, kept as violations (SessionRecord::violations, TestAcs::Violations()): the
// cookie; XML well-formedness and a known cwmp namespace, the same one for the whole session;
// cwmp:ID echoed in each answer; booleans true/false/1/0; xsi:type on every Value; the Inform's
// fields and forced parameters (acs_checks.h); the answer's method matching the request; the
// agent's codec able to decode what the CPE sent (pugixml reads it independently).
//
// Broken mode (TestAcsOptions::planted, acs_planted.h): the ACS commits chosen ACS-side
// violations of TR-069 on purpose, one per rule of the fleet's conformance check: an
// InformResponse in another cwmp namespace, with MaxEnvelopes 2, an extra element, another cwmp:ID
// or a HoldRequests without mustUnderstand; the Inform answered by a fault without
// detail/cwmp:Fault or with the CPE code 9002; the session cookie ignored (400 Invalid session);
// fault 8005 to the empty POST; the session ended by an empty 200 declaring text/xml; SOAP sent
// as text/html. Nothing else changes, so each planted fault is the only violation a session shows.
//
// Thread-safe. The HTTP handler runs on the HttpServer thread; accessors return copies.
#ifndef EDGECWMP_TESTS_ACS_TEST_ACS_H_
#define EDGECWMP_TESTS_ACS_TEST_ACS_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"
#include "cwmp/protocol/messages.h"
#include "tests/acs/acs_auth.h"
#include "tests/acs/acs_checks.h"
#include "tests/acs/acs_planted.h"

namespace edgecwmp::acs {

// GenieACS's discovery (recording 009): GetParameterNames(path, NextLevel 0), then
// GetParameterValues of every parameter it returned, in chunks of at most 32 names.
// TR-069 A.3.2.3: path "" names the whole tree, a partial path ending in "." a subtree.
struct Discovery {
  std::string path;
};

struct SessionRecord;
// Computes a request when it is due, from what the session has seen so far; nullopt skips it.
// Runs with the ACS's lock held: it must not call back into the TestAcs.
using RequestGenerator =
    std::function<std::optional<cwmp::AcsRequest>(const SessionRecord& session)>;
// An ACS message sent verbatim (a recorded GenieACS request, an unknown method, a malformed
// envelope): the exchange's id is the envelope's own cwmp:ID, its request what the codec decodes
// of it (GetRPCMethods as a stand-in, with request_decoded false, when it cannot).
struct RawRequest {
  std::string xml;
};
using ScriptItem = std::variant<cwmp::AcsRequest, Discovery, RequestGenerator, RawRequest>;
using SessionScript = std::vector<ScriptItem>;

// One ACS request and the CPE's answer.
struct Exchange {
  std::string id;  // the cwmp:ID the ACS sent
  cwmp::AcsRequest request;
  std::string request_xml;
  bool answered = false;
  std::string response_method;                // "GetParameterValuesResponse", "Fault", ...
  std::optional<cwmp::CpeResponse> response;  // decoded by the codec (a response or a Fault)
  std::optional<uint32_t> fault_code;         // read by pugixml when the answer is a Fault
  std::string response_xml;
  bool raw = false;             // sent verbatim from a RawRequest
  bool request_decoded = true;  // false: `request` is a stand-in for an undecodable RawRequest
};

// One request the CPE made inside the session (after the Inform).
struct CpeRequestRecord {
  std::string method;
  std::optional<cwmp::CpeRequest> request;  // decoded by the codec
  std::string xml;
  std::string reply_xml;
};

enum class SessionEnd {
  kRunning,
  kCompleted,  // ended by the ACS's 204
  kRejected,   // ended by a 400 (missing cookie, malformed message)
  kAbandoned,  // a new Inform arrived before this session ended
};
const char* SessionEndName(SessionEnd end);

struct SessionRecord {
  int number = 0;  // 1, 2, ... in the order the Informs were accepted
  // When the ACS received the Inform (steady clock): orders sessions against requests it sent.
  std::chrono::steady_clock::time_point inform_received;
  std::string cookie;
  std::string cwmp_namespace;
  cwmp::Version version = cwmp::Version::k1_0;
  std::string inform_xml;
  std::optional<cwmp::Inform> inform;  // decoded by the codec
  std::vector<std::string> events;     // Inform event codes, as read by pugixml
  std::vector<CpeRequestRecord> cpe_requests;
  std::vector<Exchange> exchanges;
  std::vector<int> http_statuses;  // every status the ACS answered in this session, in order
  std::vector<std::string> violations;
  std::set<uint64_t> connections;  // the TCP connections the session used
  SessionEnd end = SessionEnd::kRunning;

  bool HasEvent(const std::string& code) const;
  // Name → value of every ParameterValueStruct the CPE returned in GetParameterValuesResponses.
  std::map<std::string, std::string> ReturnedValues() const;
  // Every name the CPE returned in GetParameterNamesResponses, with its Writable flag.
  std::map<std::string, bool> ReturnedNames() const;
  // The exchanges whose request is `method` ("GetParameterValues", ...).
  std::vector<const Exchange*> ExchangesOf(const std::string& method) const;
};

// Every request of type T (TransferComplete, DUStateChangeComplete, ...) the CPE made in
// |sessions|, in order, with the number of the session that carried it (sessions[number - 1]
// when |sessions| is what TestAcs::Sessions() returned).
template <class T>
std::vector<std::pair<int, T>> CpeRequestsOf(const std::vector<SessionRecord>& sessions) {
  std::vector<std::pair<int, T>> out;
  for (const SessionRecord& s : sessions) {
    for (const CpeRequestRecord& r : s.cpe_requests) {
      if (const T* request = r.request ? std::get_if<T>(&*r.request) : nullptr) {
        out.emplace_back(s.number, *request);
      }
    }
  }
  return out;
}

// One HTTP request the ACS received, and what it answered.
struct HttpLogEntry {
  uint64_t connection_id = 0;
  int session = 0;       // session number, 0 when outside any session
  std::string received;  // "Inform", "empty POST", "GetParameterValuesResponse", ...
  bool had_cookie = false;
  int status = 0;
  std::string answered;  // "InformResponse", "GetParameterValues", "204", "Invalid session", ...
};

struct TestAcsOptions {
  std::string address = "127.0.0.1";  // loopback only in tests
  uint16_t port = 0;                  // 0 = ephemeral
  AuthMode auth = AuthMode::kNone;
  std::string username, password;
  cwmp::Version max_version = cwmp::Version::k1_3;  // GenieACS 1.2.16 refuses cwmp-1-4
  std::vector<std::string> forced_parameters = DefaultForcedInformParameters();
  size_t max_gpv_names = 32;  // GenieACS never asks for more names in one GetParameterValues
  size_t max_body_bytes = 16 * 1024 * 1024;
  // Answer AutonomousTransferComplete and AutonomousDUStateChangeComplete with their (empty)
  // responses, as an ACS supporting TR-069 A.3.3.2 / A.4.2.2 does, instead of GenieACS's 8000.
  bool accept_autonomous = false;
  // Several CPEs at once (a fleet): a new Inform abandons only the running session of the same
  // DeviceId, and a POST without a cookie is charged to the session of its connection only.
  bool many_cpes = false;
  std::string tls_cert_file, tls_key_file;  // both set: https
  // Human-readable lines, one per message crossing the wire (scripts/run prints them).
  std::function<void(const std::string& line)> log;
  bool log_xml = false;  // also pass every body to `log`
  // Deliberate ACS-side violations (see "Broken mode" above); empty: none.
  std::set<PlantedFault> planted;
};

class TestAcs {
 public:
  explicit TestAcs(TestAcsOptions options = {});
  ~TestAcs();
  TestAcs(const TestAcs&) = delete;
  TestAcs& operator=(const TestAcs&) = delete;

  Status Start();
  void Stop();
  uint16_t port() const;
  std::string url() const;  // "http://127.0.0.1:<port>/" (https when TLS is configured)

  // Scripting. Each session takes the oldest pending script when its Inform arrives (none: it
  // ends with 204 at the CPE's empty POST). Queue* append to the newest pending script, creating
  // one when none is pending; QueueSession always adds a new script. GetParameterValues with more
  // than max_gpv_names names are split.
  void Queue(cwmp::AcsRequest request);
  void QueueDiscovery(std::string path = "");
  void QueueGenerator(RequestGenerator generator);
  void QueueSession(SessionScript script);
  size_t PendingScripts() const;
  // The next `count` Informs in an accepted version get HTTP `status` (e.g. 500, 503) +
  // Connection: close instead of a session; `retry_after` adds a Retry-After header. Calls
  // queue up: FailNextInforms(1, 500) then FailNextInforms(1, 503) fails two, in that order.
  void FailNextInforms(size_t count, int status,
                       std::optional<uint32_t> retry_after = std::nullopt);
  size_t FailedInformCount() const;  // Informs answered that way so far

  // Records.
  std::vector<SessionRecord> Sessions() const;
  std::optional<SessionRecord> Session(int number) const;  // 1-based
  size_t SessionCount() const;                             // Informs accepted
  size_t EndedSessionCount() const;
  // Waits until at least `n` sessions have ended (any SessionEnd but kRunning).
  bool WaitForSessions(size_t n, std::chrono::milliseconds timeout) const;
  // Waits until `condition` holds for the sessions; it is re-evaluated after every HTTP request
  // the ACS handles, with the ACS's lock held (it must not call back into the TestAcs).
  bool WaitUntil(const std::function<bool(const std::vector<SessionRecord>&)>& condition,
                 std::chrono::milliseconds timeout) const;
  // Every violation: "session N: ..." for those inside a session, the others as they are.
  std::vector<std::string> Violations() const;
  std::vector<HttpLogEntry> HttpLog() const;
  size_t RejectedVersionCount() const;  // Informs answered 400 "Unrecognized CWMP version"

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// GenieACS's connection request (lib/connection-request.ts): HTTP GET to `url`, answering a
// Basic or Digest challenge with the credentials, 2 s timeout; 200 or 204 is success. https URLs
// are refused as GenieACS does (TR-069 3.2.2: the Connection Request URL is HTTP).
struct ConnectionRequestResult {
  bool success = false;
  long http_status = 0;  // 0 when no HTTP answer came
  std::string error;
};
ConnectionRequestResult SendConnectionRequest(
    const std::string& url, const std::string& username = "", const std::string& password = "",
    std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
// SendConnectionRequest until the CPE accepts one: a 503 (its rate limit, or a session still
// running) or no answer is tried again every 200 ms until |deadline| passed; any other refusal
// (e.g. 401) is final. The last attempt's result.
ConnectionRequestResult SendAcceptedConnectionRequest(
    const std::string& url, const std::string& username, const std::string& password,
    std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_TEST_ACS_H_
