// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/session_wire.h"

#include <chrono>
#include <thread>
#include <utility>

namespace edgecwmp::cwmp::fleet {

namespace {

// CPE messages that answer an ACS request (a drop or wrong ID affects only these).
bool IsAnswer(const std::string& cpe_message) {
  return cpe_message == "Fault" ||
         (cpe_message.size() > 8 &&
          cpe_message.compare(cpe_message.size() - 8, 8, "Response") == 0);
}

int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace

std::string MessageNameOf(std::string_view xml) {
  size_t body = xml.find(":Body");
  if (body == std::string_view::npos) body = xml.find("<Body");
  if (body == std::string_view::npos) return "";
  size_t open = xml.find('<', body + 1);
  if (open == std::string_view::npos || open + 1 >= xml.size() || xml[open + 1] == '/') return "";
  size_t end = xml.find_first_of(" \t\r\n/>", open + 1);
  if (end == std::string_view::npos) end = xml.size();
  std::string_view name = xml.substr(open + 1, end - open - 1);
  if (size_t colon = name.rfind(':'); colon != std::string_view::npos) {
    name = name.substr(colon + 1);
  }
  return std::string(name);
}

std::string ReplaceCwmpId(std::string_view xml, std::string_view id) {
  size_t tag = xml.find(":ID");
  while (tag != std::string_view::npos && (tag == 0 || xml[xml.rfind('<', tag) + 1] == '/')) {
    tag = xml.find(":ID", tag + 3);
  }
  if (tag == std::string_view::npos) return std::string(xml);
  const size_t text = xml.find('>', tag);
  const size_t close = text == std::string_view::npos ? text : xml.find('<', text);
  if (close == std::string_view::npos) return std::string(xml);
  std::string out(xml.substr(0, text + 1));
  out += id;
  out += xml.substr(close);
  return out;
}

SessionWire::SessionWire(HttpClientConfig config, std::vector<const Misbehaviour*> misbehaviour,
                         bool keep_bodies, SessionTranscript* transcript)
    : config_(std::move(config)),
      misbehaviour_(std::move(misbehaviour)),
      keep_bodies_(keep_bodies),
      transcript_(transcript) {}

SessionWire::~SessionWire() = default;

const Misbehaviour* SessionWire::Find(MisbehaviourKind kind, const std::string& message) const {
  for (const Misbehaviour* m : misbehaviour_) {
    if (m->kind == kind && m->AppliesTo(message)) return m;
  }
  return nullptr;
}

HttpSession* SessionWire::Connection() {
  // No cookie: a new connection (and jar) for every POST after the first.
  if (!http_ || (answers_ > 0 && Find(MisbehaviourKind::kMissingCookie, "*") != nullptr)) {
    http_ = std::make_unique<HttpSession>(config_);
  }
  return http_.get();
}

namespace {
// The headers HttpSession::Post sends with |wire| (its contract) and the session's cookies.
HeaderList RequestHeaders(const HttpSession& http, const std::string& wire) {
  HeaderList headers;
  if (!wire.empty()) {
    headers.emplace_back("Content-Type", "text/xml; charset=\"utf-8\"");
    headers.emplace_back("SOAPAction", "");
  }
  std::string cookie;
  for (const auto& [name, value] : http.cookies()) {
    cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
  }
  if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
  return headers;
}
}  // namespace

bool SessionWire::Shape(const std::string& message, std::string_view body, std::string* wire) {
  if (IsAnswer(message) && Find(MisbehaviourKind::kDropAnswer, message)) return false;
  wire->assign(body);
  if (IsAnswer(message) && Find(MisbehaviourKind::kWrongId, message)) {
    *wire = ReplaceCwmpId(*wire, "fleet-wrong-id");
  }
  if (!body.empty() && Find(MisbehaviourKind::kGarbledXml, message)) {
    wire->resize(wire->size() / 2);
    *wire += "<garbled";
  }
  return true;
}

Status SessionWire::Post(std::string_view body, HttpResponse* out) {
  HttpExchange exchange;
  exchange.cpe_message = MessageNameOf(body);
  const Misbehaviour* cut = Find(MisbehaviourKind::kCutConnection, "*");
  if (const Misbehaviour* slow = Find(MisbehaviourKind::kSlowAnswers, exchange.cpe_message)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(slow->delay_ms));
  }
  std::string wire;
  Status status;
  const auto start = std::chrono::steady_clock::now();
  if (cut != nullptr && answers_ >= cut->after) {
    http_.reset();  // closes the connection: the ACS sees it end mid-session
    status = Status::Internal("connection cut (scripted misbehaviour)");
  } else if (!Shape(exchange.cpe_message, body, &wire)) {
    http_.reset();
    status = Status::Internal("answer dropped (scripted misbehaviour)");
  } else {
    HttpSession* http = Connection();
    if (keep_bodies_) exchange.request_headers = RequestHeaders(*http, wire);
    status = http->Post(wire, out);
  }
  exchange.response_micros = MicrosSince(start);
  if (status.ok()) {
    ++answers_;
    exchange.status = out->status;
    exchange.acs_message = MessageNameOf(out->body);
    exchange.response_headers = out->headers;
    if (keep_bodies_) exchange.response_body = out->body;
  }
  if (keep_bodies_) exchange.request_body = wire;
  transcript_->exchanges.push_back(std::move(exchange));
  return status;
}

}  // namespace edgecwmp::cwmp::fleet
