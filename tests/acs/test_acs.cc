// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/test_acs.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <random>

#include "cwmp/protocol/codec.h"
#include "cwmp/transport/http_server.h"
#include "tests/acs/acs_describe.h"
#include "tests/acs/acs_planted.h"
#include "tests/acs/acs_writer.h"

namespace edgecwmp::acs {

namespace {

using cwmp::HttpReply;
using cwmp::HttpRequest;

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

HttpReply TextReply(int status, std::string body, bool close) {
  HttpReply r;
  r.status = status;
  r.body = std::move(body);
  r.close = close;
  return r;
}

HttpReply SoapReply(std::string xml) {
  HttpReply r;
  r.status = 200;
  r.headers = {{"Content-Type", "text/xml; charset=\"utf-8\""},
               {"Server", "GenieACS/1.2.16 (edgecwmp test ACS)"},
               {"SOAPServer", "GenieACS/1.2.16 (edgecwmp test ACS)"}};
  r.body = std::move(xml);
  return r;
}

// "Name detail\n  list" → "Name (cwmp:ID id) detail\n  list": the ID stays on the headline.
std::string Headline(const std::string& description, const std::string& id) {
  size_t end = description.find_first_of(" \n");
  if (end == std::string::npos) end = description.size();
  return description.substr(0, end) + " (cwmp:ID " + id + ")" + description.substr(end);
}

size_t EndedIn(const std::vector<SessionRecord>& sessions) {
  return static_cast<size_t>(
      std::count_if(sessions.begin(), sessions.end(),
                    [](const SessionRecord& s) { return s.end != SessionEnd::kRunning; }));
}

bool SameDevice(const cwmp::DeviceIdStruct& a, const cwmp::DeviceIdStruct& b) {
  return a.oui == b.oui && a.product_class == b.product_class && a.serial_number == b.serial_number;
}

bool IsCpeRequestMethod(const std::string& m) {
  return m == "Inform" || m == "GetRPCMethods" || m == "TransferComplete" ||
         m == "AutonomousTransferComplete" || m == "DUStateChangeComplete" ||
         m == "AutonomousDUStateChangeComplete" || m == "RequestDownload" || m == "Kicked";
}

}  // namespace

// A session in progress: its script and where the exchange stands.
struct LiveSession {
  size_t index = 0;  // into Rep::sessions
  std::deque<ScriptItem> queue;
  std::optional<size_t> outstanding;  // exchange awaiting the CPE's answer
  std::optional<size_t> discovery;    // the exchange that is a Discovery's GetParameterNames
  bool cpe_done = false;              // the CPE sent its empty POST
  bool sent_8005 = false;             // PlantedFault::kMisplaced8005 done
  std::string id_prefix;
  unsigned next_id = 0;
};

struct TestAcs::Rep {
  explicit Rep(TestAcsOptions o)
      : options(std::move(o)),
        auth(options.auth, options.username, options.password),
        random(std::random_device{}()) {}

  HttpReply Handle(const HttpRequest& req);
  HttpReply HandleWithoutSession(const HttpRequest& req, const InspectedMessage& msg,
                                 HttpLogEntry* log);
  HttpReply StartSession(const HttpRequest& req, const InspectedMessage& msg, HttpLogEntry* log);
  HttpReply HandleInSession(LiveSession& live, const HttpRequest& req, const InspectedMessage& msg,
                            HttpLogEntry* log);
  HttpReply AnswerCpeRequest(LiveSession& live, const HttpRequest& req, const InspectedMessage& msg,
                             HttpLogEntry* log);
  void RecordAnswer(LiveSession& live, const HttpRequest& req, const InspectedMessage& msg);
  HttpReply NextRequestOrEnd(LiveSession& live, HttpLogEntry* log);
  HttpReply SendRaw(LiveSession& live, const std::string& xml, HttpLogEntry* log);
  void EndSession(const std::string& cookie, SessionEnd end);
  void AddViolation(SessionRecord* s, const std::string& text);
  void Log(const SessionRecord* s, const std::string& line);
  std::string RandomHex(size_t bytes);
  bool Planted(PlantedFault f) const { return options.planted.count(f) > 0; }
  HttpReply IgnoreCookie(const std::string& cookie, HttpLogEntry* log);

  TestAcsOptions options;
  mutable std::mutex mu;
  mutable std::condition_variable changed;
  cwmp::Codec codec;
  AcsAuthenticator auth;
  std::mt19937_64 random;
  std::unique_ptr<cwmp::HttpServer> server;

  std::deque<SessionScript> pending;
  std::vector<SessionRecord> sessions;
  std::map<std::string, LiveSession> live;  // cookie → running session
  std::vector<std::string> loose_violations;
  std::vector<HttpLogEntry> http_log;
  size_t rejected_versions = 0;
  // FailNextInforms: status and Retry-After of each Inform still to fail.
  std::deque<std::pair<int, std::optional<uint32_t>>> fail_informs;
  size_t failed_informs = 0;
  std::vector<std::string> log_lines;  // emitted after the lock is released
};

std::string TestAcs::Rep::RandomHex(size_t bytes) {
  std::string out;
  char buf[3];
  for (size_t i = 0; i < bytes; ++i) {
    std::snprintf(buf, sizeof(buf), "%02x", static_cast<unsigned>(random() & 0xff));
    out += buf;
  }
  return out;
}

void TestAcs::Rep::Log(const SessionRecord* s, const std::string& line) {
  if (!options.log) return;
  log_lines.push_back((s ? "[session " + std::to_string(s->number) + "] " : "[no session] ") +
                      line);
}

void TestAcs::Rep::AddViolation(SessionRecord* s, const std::string& text) {
  if (s) s->violations.push_back(text);
  else loose_violations.push_back(text);
  Log(s, "VIOLATION: " + text);
}

void TestAcs::Rep::EndSession(const std::string& cookie, SessionEnd end) {
  auto it = live.find(cookie);
  if (it == live.end()) return;
  sessions[it->second.index].end = end;
  live.erase(it);
  changed.notify_all();
}

HttpReply TestAcs::Rep::Handle(const HttpRequest& req) {
  HttpLogEntry log;
  log.connection_id = req.connection_id;
  if (req.method != "POST") {
    log.received = req.method;
    log.status = 405;
    http_log.push_back(log);
    return TextReply(405, "Method Not Allowed", false);
  }
  const std::string cookie = CookieValue(req.Header("Cookie"), "session");
  log.had_cookie = !cookie.empty();
  InspectedMessage msg = InspectCpeMessage(req.body, options.forced_parameters);
  log.received = msg.empty ? "empty POST" : msg.method.empty() ? "malformed" : msg.method;

  HttpReply reply;
  auto it = live.find(cookie);
  // A new Inform under an old cookie starts a new session (the old one is abandoned below).
  if (it != live.end() && msg.method != "Inform" && Planted(PlantedFault::kIgnoreCookie)) {
    log.session = sessions[it->second.index].number;
    reply = IgnoreCookie(cookie, &log);
  } else if (it != live.end() && msg.method != "Inform") {
    log.session = sessions[it->second.index].number;
    reply = HandleInSession(it->second, req, msg, &log);
  } else {
    reply = HandleWithoutSession(req, msg, &log);
  }
  if (Planted(PlantedFault::kWrongContentType) && !reply.body.empty()) {
    for (auto& [name, value] : reply.headers)
      if (name == "Content-Type") value = "text/html";
  }
  log.status = reply.status;
  for (auto& s : sessions)
    if (s.number == log.session) s.http_statuses.push_back(reply.status);
  http_log.push_back(log);
  changed.notify_all();
  return reply;
}

HttpReply TestAcs::Rep::HandleWithoutSession(const HttpRequest& req, const InspectedMessage& msg,
                                             HttpLogEntry* log) {
  if (msg.method == "Inform" && msg.well_formed) {
    // GenieACS (lib/soap.ts) knows cwmp-1-0…1-3 only; the version check precedes auth.
    if (!msg.version || *msg.version > options.max_version) {
      ++rejected_versions;
      for (const auto& v : msg.violations) AddViolation(nullptr, v);
      Log(nullptr, "CPE → Inform in " + msg.cwmp_namespace + "\n" +
                       "ACS → 400 Unrecognized CWMP version, Connection: close");
      log->answered = "Unrecognized CWMP version";
      return TextReply(400, "Unrecognized CWMP version", true);
    }
    if (!fail_informs.empty()) {
      const auto [status, retry_after] = fail_informs.front();
      fail_informs.pop_front();
      ++failed_informs;
      Log(nullptr, "CPE → Inform\nACS → " + std::to_string(status) + " (scripted failure)");
      log->answered = std::to_string(status);
      HttpReply r = TextReply(status, "Scripted failure", true);
      if (retry_after) r.headers.push_back({"Retry-After", std::to_string(*retry_after)});
      return r;
    }
    AuthOutcome a = auth.Check(req);
    if (!a.ok) {
      if (!a.violation.empty()) AddViolation(nullptr, a.violation);
      Log(nullptr, "CPE → Inform\nACS → 401 " + a.challenge);
      HttpReply r = TextReply(401, "", false);
      r.headers.push_back({"WWW-Authenticate", a.challenge});
      log->answered = "401";
      return r;
    }
    return StartSession(req, msg, log);
  }
  // No session: GenieACS answers 400 "Invalid session". The CPE most likely forgot the cookie of
  // the session it is in: that session fails.
  SessionRecord* owner = nullptr;
  std::string owner_cookie;
  for (auto& [c, l] : live) {
    SessionRecord& s = sessions[l.index];
    const bool same_connection = s.connections.count(req.connection_id) > 0;
    // With many CPEs only the connection says whose session it is.
    if (options.many_cpes && !same_connection) continue;
    if (!owner || same_connection) {
      owner = &s;
      owner_cookie = c;
    }
  }
  std::string what = msg.empty            ? "an empty POST"
                     : msg.method.empty() ? "a malformed body"
                                          : msg.method;
  AddViolation(owner, what + " without a valid session cookie (HTTP 400 Invalid session)");
  for (const auto& v : msg.violations) AddViolation(owner, v);
  if (owner) {
    log->session = owner->number;
    EndSession(owner_cookie, SessionEnd::kRejected);
  }
  Log(owner, "CPE → " + what + " without session cookie\nACS → 400 Invalid session");
  log->answered = "Invalid session";
  return TextReply(400, "Invalid session", true);
}

// PlantedFault::kIgnoreCookie: a POST with the session's own cookie is refused as sessionless.
HttpReply TestAcs::Rep::IgnoreCookie(const std::string& cookie, HttpLogEntry* log) {
  Log(&sessions[live.at(cookie).index],
      "ACS → 400 Invalid session (planted: the valid cookie is ignored), Connection: close");
  EndSession(cookie, SessionEnd::kRejected);
  log->answered = "Invalid session";
  return TextReply(400, "Invalid session", true);
}

HttpReply TestAcs::Rep::StartSession(const HttpRequest& req, const InspectedMessage& msg,
                                     HttpLogEntry* log) {
  cwmp::CpeEnvelope env;
  cwmp::DecodeError err;
  const bool decoded = codec.DecodeCpe(req.body, &env, &err).ok();
  const cwmp::Inform* inform = nullptr;
  if (decoded)
    if (auto* r = std::get_if<cwmp::CpeRequest>(&env.body)) inform = std::get_if<cwmp::Inform>(r);

  std::vector<std::string> running;
  for (const auto& [c, l] : live) {
    const auto& other = sessions[l.index].inform;
    if (options.many_cpes && inform && other && !SameDevice(other->device_id, inform->device_id)) {
      continue;  // another CPE's session goes on
    }
    running.push_back(c);
  }
  for (const auto& c : running) EndSession(c, SessionEnd::kAbandoned);

  SessionRecord s;
  s.number = static_cast<int>(sessions.size()) + 1;
  s.inform_received = std::chrono::steady_clock::now();
  s.cookie = RandomHex(8);
  s.cwmp_namespace = msg.cwmp_namespace;
  s.version = *msg.version;
  s.inform_xml = req.body;
  s.events = msg.event_codes;
  s.connections.insert(req.connection_id);
  sessions.push_back(s);
  SessionRecord& rec = sessions.back();

  if (inform) rec.inform = *inform;

  LiveSession l;
  l.index = sessions.size() - 1;
  l.id_prefix = RandomHex(5) + std::to_string(rec.number);
  if (!pending.empty()) {
    l.queue.assign(pending.front().begin(), pending.front().end());
    pending.pop_front();
  }
  live[rec.cookie] = std::move(l);
  log->session = rec.number;
  log->answered = "InformResponse";

  std::string events;
  for (const auto& e : rec.events) events += (events.empty() ? "" : ", ") + e;
  Log(&rec,
      "CPE → Inform [" + events + "] in " + msg.cwmp_namespace + ", cwmp:ID " +
          msg.id.value_or("(none)") +
          (rec.inform ? ", " + std::to_string(rec.inform->parameter_list.size()) + " parameter(s)"
                      : ""));
  if (options.log_xml) Log(&rec, req.body);
  for (const auto& v : msg.violations) AddViolation(&rec, v);
  if (!decoded)
    AddViolation(&rec, std::string("the codec cannot decode the Inform: ") +
                           cwmp::DecodeErrorKindName(err.kind) + " " + err.detail);
  HttpReply r =
      SoapReply(PlantedInformAnswer(options.planted, msg.cwmp_namespace, msg.id.value_or("")));
  r.headers.push_back({"Set-Cookie", "session=" + rec.cookie});
  Log(&rec, "ACS → 200 InformResponse (MaxEnvelopes 1), Set-Cookie: session=" + rec.cookie);
  if (!options.planted.empty()) {
    std::string names;
    for (const PlantedFaultInfo& f : PlantedFaults())
      if (Planted(f.fault)) names += std::string(names.empty() ? "" : ", ") + f.name;
    Log(&rec, "broken mode, planted ACS faults: " + names);
  }
  return r;
}

HttpReply TestAcs::Rep::HandleInSession(LiveSession& live_session, const HttpRequest& req,
                                        const InspectedMessage& msg, HttpLogEntry* log) {
  SessionRecord& s = sessions[live_session.index];
  s.connections.insert(req.connection_id);
  for (const auto& v : msg.violations) AddViolation(&s, v);
  if (!msg.empty && msg.well_formed && msg.cwmp_namespace != s.cwmp_namespace &&
      !msg.cwmp_namespace.empty())
    AddViolation(&s, msg.method + " uses namespace " + msg.cwmp_namespace + ", the session " +
                         s.cwmp_namespace);
  if (msg.empty) {
    Log(&s, "CPE → empty POST");
    if (live_session.outstanding) {
      const Exchange& e = s.exchanges[*live_session.outstanding];
      AddViolation(&s, std::string("empty POST while ") + cwmp::MessageName(e.request) +
                           " (cwmp:ID " + e.id + ") was unanswered");
      live_session.outstanding.reset();
    }
    live_session.cpe_done = true;
    return NextRequestOrEnd(live_session, log);
  }
  if (!msg.well_formed || msg.method.empty()) {
    Log(&s, "CPE → malformed body\nACS → 400, Connection: close");
    const std::string cookie = s.cookie;
    EndSession(cookie, SessionEnd::kRejected);
    log->answered = "400";
    return TextReply(400, "Bad request", true);
  }
  if (IsCpeRequestMethod(msg.method)) return AnswerCpeRequest(live_session, req, msg, log);
  RecordAnswer(live_session, req, msg);
  return NextRequestOrEnd(live_session, log);
}

HttpReply TestAcs::Rep::AnswerCpeRequest(LiveSession& live_session, const HttpRequest& req,
                                         const InspectedMessage& msg, HttpLogEntry* log) {
  SessionRecord& s = sessions[live_session.index];
  if (live_session.cpe_done) AddViolation(&s, msg.method + " sent after the CPE's empty POST");
  if (live_session.outstanding)
    AddViolation(&s, msg.method + " sent while an ACS request was unanswered");
  CpeRequestRecord rec;
  rec.method = msg.method;
  rec.xml = req.body;
  cwmp::CpeEnvelope env;
  cwmp::DecodeError err;
  if (codec.DecodeCpe(req.body, &env, &err).ok()) {
    if (auto* r = std::get_if<cwmp::CpeRequest>(&env.body)) rec.request = *r;
  } else {
    AddViolation(&s, "the codec cannot decode " + msg.method + ": " +
                         cwmp::DecodeErrorKindName(err.kind) + " " + err.detail);
  }
  const std::string id = msg.id.value_or("");
  std::string answer;
  if (msg.method == "TransferComplete") {
    rec.reply_xml = WriteTransferCompleteResponse(s.cwmp_namespace, id);
    answer = "TransferCompleteResponse";
  } else if (msg.method == "GetRPCMethods") {
    std::vector<std::string> methods = {"Inform", "GetRPCMethods", "TransferComplete"};
    if (options.accept_autonomous) {
      methods.insert(methods.end(),
                     {"AutonomousTransferComplete", "AutonomousDUStateChangeComplete"});
    }
    rec.reply_xml = WriteGetRpcMethodsResponse(s.cwmp_namespace, id, methods);
    answer = "GetRPCMethodsResponse [";
    for (size_t i = 0; i < methods.size(); ++i) answer += (i ? ", " : "") + methods[i];
    answer += "]";
  } else if (options.accept_autonomous && (msg.method == "AutonomousTransferComplete" ||
                                           msg.method == "AutonomousDUStateChangeComplete")) {
    rec.reply_xml = WriteEmptyResponse(msg.method, s.cwmp_namespace, id);
    answer = msg.method + "Response";
  } else {
    if (msg.method == "RequestDownload")  // it crashes GenieACS 1.2.16's cwmp worker
      AddViolation(&s, "RequestDownload sent to an ACS that does not list it in GetRPCMethods");
    rec.reply_xml = WriteMethodNotSupportedFault(s.cwmp_namespace, id);
    answer = "Fault 8000 Method not supported (GenieACS's malformed soap-env:Body:Fault)";
  }
  Log(&s, "CPE → " + (rec.request ? Describe(*rec.request) : msg.method));
  if (options.log_xml) Log(&s, req.body);
  Log(&s, "ACS → 200 " + answer);
  log->answered = answer.substr(0, answer.find(' '));
  HttpReply reply = SoapReply(rec.reply_xml);
  s.cpe_requests.push_back(std::move(rec));
  return reply;
}

void TestAcs::Rep::RecordAnswer(LiveSession& live_session, const HttpRequest& req,
                                const InspectedMessage& msg) {
  SessionRecord& s = sessions[live_session.index];
  if (!live_session.outstanding) {
    AddViolation(&s, msg.method + " received, but no ACS request was pending");
    return;
  }
  Exchange& e = s.exchanges[*live_session.outstanding];
  live_session.outstanding.reset();
  e.answered = true;
  e.response_method = msg.method;
  e.response_xml = req.body;
  e.fault_code = msg.fault_code;
  const std::string expected = std::string(cwmp::MessageName(e.request)) + "Response";
  if (msg.method != "Fault" && (msg.method != expected || !e.request_decoded))
    AddViolation(&s, msg.method + " answers " +
                         (e.request_decoded ? cwmp::MessageName(e.request) : "a raw message"));
  if (msg.id != e.id && !(e.raw && e.id.empty()))
    AddViolation(&s, "the answer to " + std::string(cwmp::MessageName(e.request)) +
                         " carries cwmp:ID " + msg.id.value_or("(none)") + ", not " + e.id);
  cwmp::CpeEnvelope env;
  cwmp::DecodeError err;
  if (codec.DecodeCpe(req.body, &env, &err).ok()) {
    if (auto* r = std::get_if<cwmp::CpeResponse>(&env.body)) e.response = *r;
  } else {
    AddViolation(&s, "the codec cannot decode " + msg.method + ": " +
                         cwmp::DecodeErrorKindName(err.kind) + " " + err.detail);
  }
  Log(&s, "CPE → " +
              Headline(e.response ? Describe(*e.response) : msg.method, msg.id.value_or("(none)")));
  if (options.log_xml) Log(&s, req.body);

  // A Discovery continues with GetParameterValues of every parameter found, 32 at a time.
  if (live_session.discovery == static_cast<size_t>(&e - s.exchanges.data())) {
    live_session.discovery.reset();
    cwmp::GetParameterValues gpv;
    if (e.response)
      if (auto* r = std::get_if<cwmp::GetParameterNamesResponse>(&*e.response))
        for (const auto& p : r->parameter_list)
          if (!p.name.empty() && p.name.back() != '.') gpv.parameter_names.push_back(p.name);
    if (!gpv.parameter_names.empty()) live_session.queue.push_front(cwmp::AcsRequest(gpv));
  }
}

HttpReply TestAcs::Rep::NextRequestOrEnd(LiveSession& live_session, HttpLogEntry* log) {
  SessionRecord& s = sessions[live_session.index];
  while (!live_session.queue.empty()) {
    ScriptItem item = std::move(live_session.queue.front());
    live_session.queue.pop_front();
    std::optional<cwmp::AcsRequest> request;
    bool discovery = false;
    if (auto* r = std::get_if<cwmp::AcsRequest>(&item)) {
      request = *r;
    } else if (auto* d = std::get_if<Discovery>(&item)) {
      request = cwmp::GetParameterNames{d->path, false};
      discovery = true;
    } else if (auto* g = std::get_if<RequestGenerator>(&item)) {
      request = (*g)(s);
    } else if (auto* raw = std::get_if<RawRequest>(&item)) {
      return SendRaw(live_session, raw->xml, log);
    }
    if (!request) continue;
    // GenieACS never asks for more than 32 names at once: split, keep the rest queued.
    if (auto* gpv = std::get_if<cwmp::GetParameterValues>(&*request)) {
      if (gpv->parameter_names.size() > options.max_gpv_names) {
        cwmp::GetParameterValues rest;
        rest.parameter_names.assign(gpv->parameter_names.begin() + options.max_gpv_names,
                                    gpv->parameter_names.end());
        gpv->parameter_names.resize(options.max_gpv_names);
        live_session.queue.push_front(cwmp::AcsRequest(rest));
      }
    }
    char counter[8];
    std::snprintf(counter, sizeof(counter), "%04x", live_session.next_id++);
    Exchange e;
    e.id = live_session.id_prefix + counter;
    e.request = *request;
    e.request_xml = WriteAcsRequest(e.request, s.cwmp_namespace, e.id);
    s.exchanges.push_back(e);
    live_session.outstanding = s.exchanges.size() - 1;
    if (discovery) live_session.discovery = live_session.outstanding;
    Log(&s, "ACS → 200 " + Headline(Describe(e.request), e.id));
    if (options.log_xml) Log(&s, e.request_xml);
    log->answered = cwmp::MessageName(e.request);
    return SoapReply(e.request_xml);
  }
  if (Planted(PlantedFault::kMisplaced8005) && !live_session.sent_8005) {
    live_session.sent_8005 = true;
    Log(&s, "ACS → 200 Fault 8005 to the empty POST (planted)");
    log->answered = "Fault";
    return SoapReply(
        WriteFault(s.cwmp_namespace, live_session.id_prefix + "8005", 8005, "Retry request"));
  }
  // TR-069 3.7.2.4: the ACS ends the session with an empty HTTP response (GenieACS: 204).
  Log(&s, "ACS → 204 No Content, Connection: close: session " + std::to_string(s.number) +
              " complete, " + std::to_string(s.exchanges.size()) + " request(s), " +
              std::to_string(s.violations.size()) + " violation(s)");
  log->answered = "204";
  const std::string cookie = s.cookie;
  EndSession(cookie, SessionEnd::kCompleted);
  const bool text_xml = Planted(PlantedFault::kEmpty200TextXml);
  HttpReply r = TextReply(text_xml ? 200 : 204, "", true);
  r.headers = {{"Server", "GenieACS/1.2.16 (edgecwmp test ACS)"},
               {"SOAPServer", "GenieACS/1.2.16 (edgecwmp test ACS)"}};
  if (text_xml) r.headers.push_back({"Content-Type", "text/xml; charset=\"utf-8\""});
  return r;
}

HttpReply TestAcs::Rep::SendRaw(LiveSession& live_session, const std::string& xml,
                                HttpLogEntry* log) {
  SessionRecord& s = sessions[live_session.index];
  Exchange e;
  e.raw = true;
  e.request_xml = xml;
  e.id = InspectCpeMessage(xml, {}).id.value_or("");
  cwmp::AcsEnvelope env;
  cwmp::DecodeError err;
  const auto* request =
      codec.DecodeAcs(xml, &env, &err).ok() ? std::get_if<cwmp::AcsRequest>(&env.body) : nullptr;
  e.request_decoded = request != nullptr;
  e.request = request ? *request : cwmp::AcsRequest(cwmp::GetRPCMethods{});
  s.exchanges.push_back(e);
  live_session.outstanding = s.exchanges.size() - 1;
  Log(&s, "ACS → 200 raw " + (request ? Headline(Describe(*request), e.id) : "message") +
              " (verbatim)");
  if (options.log_xml) Log(&s, xml);
  log->answered = request ? cwmp::MessageName(*request) : "raw";
  return SoapReply(xml);
}

// ---- TestAcs -------------------------------------------------------------------------------

TestAcs::TestAcs(TestAcsOptions options) : rep_(std::make_unique<Rep>(std::move(options))) {}

TestAcs::~TestAcs() { Stop(); }

Status TestAcs::Start() {
  cwmp::HttpServerOptions o;
  o.address = rep_->options.address;
  o.port = rep_->options.port;
  o.max_body_bytes = rep_->options.max_body_bytes;
  o.tls_cert_file = rep_->options.tls_cert_file;
  o.tls_key_file = rep_->options.tls_key_file;
  Rep* rep = rep_.get();
  rep_->server = std::make_unique<cwmp::HttpServer>(o, [rep](const HttpRequest& req) {
    std::vector<std::string> lines;
    HttpReply reply;
    {
      std::lock_guard<std::mutex> lock(rep->mu);
      reply = rep->Handle(req);
      lines.swap(rep->log_lines);
    }
    for (const auto& line : lines) rep->options.log(line);
    return reply;
  });
  return rep_->server->Start();
}

void TestAcs::Stop() {
  if (rep_->server) rep_->server->Stop();
}

uint16_t TestAcs::port() const { return rep_->server ? rep_->server->port() : 0; }

std::string TestAcs::url() const {
  const bool tls = !rep_->options.tls_cert_file.empty();
  std::string host = rep_->options.address;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(port()) + "/";
}

void TestAcs::Queue(cwmp::AcsRequest request) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  if (rep_->pending.empty()) rep_->pending.emplace_back();
  rep_->pending.back().push_back(std::move(request));
}

void TestAcs::QueueDiscovery(std::string path) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  if (rep_->pending.empty()) rep_->pending.emplace_back();
  rep_->pending.back().push_back(Discovery{std::move(path)});
}

void TestAcs::QueueGenerator(RequestGenerator generator) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  if (rep_->pending.empty()) rep_->pending.emplace_back();
  rep_->pending.back().push_back(std::move(generator));
}

void TestAcs::QueueSession(SessionScript script) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  rep_->pending.push_back(std::move(script));
}

void TestAcs::FailNextInforms(size_t count, int status, std::optional<uint32_t> retry_after) {
  std::lock_guard<std::mutex> lock(rep_->mu);
  for (size_t i = 0; i < count; ++i) rep_->fail_informs.emplace_back(status, retry_after);
}

size_t TestAcs::FailedInformCount() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->failed_informs;
}

size_t TestAcs::PendingScripts() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->pending.size();
}

std::vector<SessionRecord> TestAcs::Sessions() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->sessions;
}

std::optional<SessionRecord> TestAcs::Session(int number) const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  if (number < 1 || static_cast<size_t>(number) > rep_->sessions.size()) return std::nullopt;
  return rep_->sessions[static_cast<size_t>(number) - 1];
}

size_t TestAcs::SessionCount() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->sessions.size();
}

size_t TestAcs::EndedSessionCount() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return EndedIn(rep_->sessions);
}

bool TestAcs::WaitForSessions(size_t n, std::chrono::milliseconds timeout) const {
  return WaitUntil([n](const std::vector<SessionRecord>& s) { return EndedIn(s) >= n; }, timeout);
}

bool TestAcs::WaitUntil(const std::function<bool(const std::vector<SessionRecord>&)>& condition,
                        std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(rep_->mu);
  return rep_->changed.wait_for(lock, timeout, [&] { return condition(rep_->sessions); });
}

std::vector<std::string> TestAcs::Violations() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  std::vector<std::string> out = rep_->loose_violations;
  for (const auto& s : rep_->sessions)
    for (const auto& v : s.violations)
      out.push_back("session " + std::to_string(s.number) + ": " + v);
  return out;
}

std::vector<HttpLogEntry> TestAcs::HttpLog() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->http_log;
}

size_t TestAcs::RejectedVersionCount() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->rejected_versions;
}

}  // namespace edgecwmp::acs
