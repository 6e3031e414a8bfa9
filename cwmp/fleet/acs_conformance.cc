// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/acs_conformance.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <utility>

#include <pugixml.hpp>

#include "base/http_headers.h"

namespace edgecwmp::cwmp::fleet {

namespace {

constexpr std::string_view kSoapEnvelopeNs = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr std::string_view kCwmpNsStem = "urn:dslforum-org:cwmp-1-";

// The rule ids, spelled once.
constexpr const char* kInformResponse = "inform-response";
constexpr const char* kMaxEnvelopes = "max-envelopes";
constexpr const char* kCookie = "cookie";
constexpr const char* kNamespace = "namespace";
constexpr const char* kHoldRequests = "hold-requests";
constexpr const char* kEmptyResponse = "empty-response";
constexpr const char* kSoapHttp = "soap-http";
constexpr const char* kFaultStructure = "fault-structure";
constexpr const char* kFaultCode = "fault-code";
constexpr const char* kRetry8005 = "retry-8005";
constexpr const char* kCwmpId = "cwmp-id";

std::string_view LocalName(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The namespace URI bound to |node|'s prefix, looked up through its ancestors' xmlns attributes.
std::string NamespaceOf(pugi::xml_node node) {
  const std::string_view name = node.name();
  const size_t colon = name.find(':');
  const std::string attr =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) return a.value();
  }
  return "";
}

pugi::xml_node ChildByLocalName(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

size_t ElementChildren(pugi::xml_node parent) {
  size_t n = 0;
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) ++n;
  }
  return n;
}

pugi::xml_node FirstElementChild(pugi::xml_node parent) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return c;
  }
  return {};
}

std::string Trimmed(std::string_view text) {
  const size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const size_t e = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(b, e - b + 1));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool IsBlank(std::string_view body) { return Trimmed(body).empty(); }

// Finds |local| anywhere below |node| (the fault code sits in detail/cwmp:Fault/FaultCode).
pugi::xml_node DescendantByLocalName(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (LocalName(c.name()) == local) return c;
    if (pugi::xml_node found = DescendantByLocalName(c, local)) return found;
  }
  return {};
}

std::optional<uint32_t> ParseCode(std::string_view text) {
  const std::string t = Trimmed(text);
  if (t.empty() || t.size() > 9 || !std::all_of(t.begin(), t.end(), ::isdigit)) return std::nullopt;
  return static_cast<uint32_t>(std::strtoul(t.c_str(), nullptr, 10));
}

std::optional<uint32_t> FaultCodeIn(pugi::xml_node body) {
  pugi::xml_node code = DescendantByLocalName(body, "FaultCode");
  return code ? ParseCode(code.text().get()) : std::nullopt;
}

// One SOAP envelope as pugixml reads it.
struct Envelope {
  pugi::xml_document doc;
  pugi::xml_node header, body, message;
  std::string message_name;  // local name of the Body's first element
  std::string cwmp_ns;       // the cwmp namespace the envelope speaks, "" when none is used
  std::string id;            // cwmp:ID text
  pugi::xml_node id_node;

  // False when |text| is not XML or has no soap Envelope/Body.
  bool Parse(std::string_view text) {
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata))
      return false;
    pugi::xml_node env = FirstElementChild(doc);
    if (!env || LocalName(env.name()) != "Envelope") return false;
    header = ChildByLocalName(env, "Header");
    body = ChildByLocalName(env, "Body");
    if (!body) return false;
    message = FirstElementChild(body);
    if (message) message_name = std::string(LocalName(message.name()));
    id_node = header ? ChildByLocalName(header, "ID") : pugi::xml_node();
    if (id_node) id = id_node.text().get();
    cwmp_ns = CwmpNamespace();
    return true;
  }

  // The namespace of the message element when it is a cwmp one, else of the cwmp:ID header,
  // else of the cwmp:Fault in a fault's detail.
  std::string CwmpNamespace() const {
    for (pugi::xml_node n : {message, id_node, DescendantByLocalName(message, "Fault")}) {
      if (!n) continue;
      const std::string ns = NamespaceOf(n);
      if (ns.compare(0, kCwmpNsStem.size(), kCwmpNsStem) == 0) return ns;
    }
    return "";
  }

  pugi::xml_node HeaderElement(std::string_view local) const {
    return header ? ChildByLocalName(header, local) : pugi::xml_node();
  }
};

bool IsCpeRequest(const std::string& name) {
  if (name.empty() || name == "Fault") return false;
  return name.size() < 8 || name.compare(name.size() - 8, 8, "Response") != 0;
}

bool IsFaultName(const std::string& name) {
  return name == "Fault" || (name.size() > 6 && name.compare(name.size() - 6, 6, ":Fault") == 0);
}

// No ACS message but a fault holds a FaultCode: a malformed fault is still recognised as one.
bool IsFault(const Envelope& e) {
  return IsFaultName(e.message_name) || DescendantByLocalName(e.body, "FaultCode");
}

std::string MediaType(const HeaderList& headers) {
  std::string type = FindHeader(headers, "Content-Type");
  return Lower(Trimmed(std::string_view(type).substr(0, type.find(';'))));
}

// name=value of every Set-Cookie in |headers|.
std::vector<std::pair<std::string, std::string>> SetCookies(const HeaderList& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : headers) {
    if (Lower(name) != "set-cookie") continue;
    const std::string pair = value.substr(0, value.find(';'));
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) continue;
    out.emplace_back(Trimmed(pair.substr(0, eq)), Trimmed(pair.substr(eq + 1)));
  }
  return out;
}

bool CarriesCookie(const HeaderList& request_headers, const std::string& name,
                   const std::string& value) {
  for (const auto& [header, text] : request_headers) {
    if (Lower(header) != "cookie") continue;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t end = text.find(';', pos);
      if (end == std::string::npos) end = text.size();
      const std::string part = Trimmed(std::string_view(text).substr(pos, end - pos));
      if (part == name + "=" + value) return true;
      pos = end + 1;
    }
  }
  return false;
}

// TR-069 A.5: ACS fault codes 8000-8005 (8006 from cwmp-1-4 on) and the vendor range 8800-8899.
bool IsAcsFaultCode(uint32_t code, const std::string& cwmp_ns) {
  const bool v14 = cwmp_ns == std::string(kCwmpNsStem) + "4";
  return (code >= 8000 && code <= (v14 ? 8006u : 8005u)) || (code >= 8800 && code <= 8899);
}

// Walks one session in order, keeping what the rules need from earlier exchanges.
class SessionChecker {
 public:
  explicit SessionChecker(const SessionTranscript& s) : session_(s) {}

  std::vector<AcsViolation> Run() {
    for (const HttpExchange& e : session_.exchanges) CheckExchange(e);
    return std::move(found_);
  }

 private:
  void Add(const char* rule, std::string detail) { found_.push_back({rule, std::move(detail)}); }

  void CheckExchange(const HttpExchange& e) {
    Envelope request;
    const bool request_xml = !IsBlank(e.request_body) && request.Parse(e.request_body);
    const std::string cpe = request_xml ? request.message_name : e.cpe_message;
    if (cpe == "Inform" && request_xml) NoteInform(request);
    if (e.status == 0) return;  // no answer: the transport's business, not a rule's

    // A garbled body, or an answer with another cwmp:ID than the ACS's request: the CPE broke
    // the protocol, so a refusal is the ACS's right.
    const bool cpe_broke_it =
        !IsBlank(e.request_body) &&
        (!request_xml || (!IsCpeRequest(cpe) && request.id != last_acs_request_id_));
    if (!cpe_broke_it) CheckCookie(e, cpe);
    for (auto& [name, value] : SetCookies(e.response_headers)) cookies_[name] = value;

    if (IsBlank(e.response_body)) return CheckEmptyAnswer(e, cpe);
    if (e.status != 200) return;  // an HTTP error's text body is no CWMP message
    Envelope answer;
    if (!answer.Parse(e.response_body)) {
      return Add(kSoapHttp, "HTTP 200 to " + Describe(cpe) + " carries no SOAP envelope");
    }
    if (MediaType(e.response_headers) != "text/xml") {
      Add(kSoapHttp, answer.message_name + " sent as Content-Type '" +
                         FindHeader(e.response_headers, "Content-Type") + "', not text/xml");
    }
    last_acs_request_id_ = answer.id;
    CheckNamespace(answer, cpe);
    CheckId(answer, request_xml ? &request : nullptr, cpe);
    CheckHoldRequests(answer);
    if (cpe == "Inform") CheckInformResponse(answer);
    if (IsFault(answer)) CheckFault(answer, cpe);
  }

  static std::string Describe(const std::string& cpe) {
    return cpe.empty() ? "the empty POST" : cpe;
  }

  void NoteInform(const Envelope& inform) {
    inform_ns_ = NamespaceOf(inform.message);
    session_ns_ = inform_ns_;
    if (pugi::xml_node v = inform.HeaderElement("SupportedCWMPVersions")) {
      supported_versions_ = v.text().get();
    }
  }

  // TR-069 3.4.5: a POST that returned every cookie the ACS set is in the session; refusing it
  // as outside any session means the ACS did not honour its own cookie.
  void CheckCookie(const HttpExchange& e, const std::string& cpe) {
    if (cookies_.empty() || cpe == "Inform") return;
    if (e.status != 400 && e.status != 401 && e.status != 403) return;
    for (const auto& [name, value] : cookies_) {
      if (!CarriesCookie(e.request_headers, name, value)) return;  // the CPE's doing
    }
    Add(kCookie, "HTTP " + std::to_string(e.status) + " to " + Describe(cpe) +
                     " that returned the session cookie");
  }

  // TR-069 3.4.1 / 3.7.2.4: no envelope means 204, or 200 with an empty body; it ends the ACS's
  // part of the session, so it cannot answer a request of the CPE.
  void CheckEmptyAnswer(const HttpExchange& e, const std::string& cpe) {
    if (e.status < 200 || e.status > 299) return;
    if (e.status != 200 && e.status != 204) {
      Add(kEmptyResponse, "HTTP " + std::to_string(e.status) + " with an empty body (204 or 200)");
    }
    if (e.status == 200 && MediaType(e.response_headers) == "text/xml") {
      Add(kEmptyResponse, "HTTP 200 with an empty body declares Content-Type text/xml");
    }
    if (cpe == "Inform") {
      Add(kInformResponse, "the Inform got an empty HTTP " + std::to_string(e.status));
    } else if (IsCpeRequest(cpe)) {
      Add(kEmptyResponse, cpe + " got an empty HTTP " + std::to_string(e.status));
    }
  }

  // TR-069 3.7.4: the ACS answers in the Inform's namespace; from cwmp-1-4 on it may pick an
  // older one the CPE listed in SupportedCWMPVersions with UseCWMPVersion in the InformResponse.
  void CheckNamespace(const Envelope& answer, const std::string& cpe) {
    if (cpe == "Inform" && answer.message_name == "InformResponse") {
      if (pugi::xml_node use = answer.HeaderElement("UseCWMPVersion")) AdoptVersion(use);
    }
    if (session_ns_.empty() || answer.cwmp_ns.empty()) return;
    const bool ok =
        answer.cwmp_ns == session_ns_ || (cpe == "Inform" && answer.cwmp_ns == inform_ns_);
    if (!ok) {
      Add(kNamespace,
          answer.message_name + " in " + answer.cwmp_ns + ", the session speaks " + session_ns_);
    }
  }

  void AdoptVersion(pugi::xml_node use) {
    const std::string version = Trimmed(use.text().get());  // "1.2"
    const std::string ns = std::string(kCwmpNsStem) +
                           (version.size() == 3 && version[0] == '1' ? version.substr(2) : "?");
    const bool offered = supported_versions_.find(version) != std::string::npos;
    if (!offered || ns > inform_ns_) {
      Add(kNamespace, "UseCWMPVersion " + version +
                          " not offered by the CPE (SupportedCWMPVersions '" + supported_versions_ +
                          "')");
      return;
    }
    session_ns_ = ns;
  }

  // TR-069 3.5 (SOAP header elements): an answer to a CPE request carries the request's cwmp:ID;
  // every cwmp:ID carries mustUnderstand="1" (cwmp-1-x.xsd: fixed="1").
  void CheckId(const Envelope& answer, const Envelope* request, const std::string& cpe) {
    if (answer.id_node && Trimmed(MustUnderstand(answer.id_node)) != "1") {
      Add(kCwmpId, "cwmp:ID of " + answer.message_name + " without mustUnderstand=\"1\"");
    }
    if (!request || !request->id_node || !IsCpeRequest(cpe)) return;
    if (!answer.id_node) {
      Add(kCwmpId, "the answer to " + cpe + " (cwmp:ID " + request->id + ") has no cwmp:ID");
    } else if (answer.id != request->id) {
      Add(kCwmpId, "the answer to " + cpe + " carries cwmp:ID '" + answer.id + "', not '" +
                       request->id + "'");
    }
  }

  static std::string MustUnderstand(pugi::xml_node node) {
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
      if (LocalName(a.name()) == "mustUnderstand") return a.value();
    }
    return "";
  }

  // TR-069 3.5 (SOAP header elements): HoldRequests is a boolean with mustUnderstand="1".
  void CheckHoldRequests(const Envelope& answer) {
    pugi::xml_node hold = answer.HeaderElement("HoldRequests");
    if (!hold) return;
    const std::string value = Trimmed(hold.text().get());
    if (value != "0" && value != "1" && value != "true" && value != "false") {
      Add(kHoldRequests, "HoldRequests '" + value + "' is not a boolean");
    }
    if (Trimmed(MustUnderstand(hold)) != "1") {
      Add(kHoldRequests, "HoldRequests without mustUnderstand=\"1\"");
    }
  }

  // TR-069 A.3.3.1: InformResponse carries exactly MaxEnvelopes, which must be 1 (one envelope
  // per HTTP message since Amendment 2; a CPE ignores any other value).
  void CheckInformResponse(const Envelope& answer) {
    if (IsFault(answer)) return;
    if (answer.message_name != "InformResponse") {
      return Add(kInformResponse,
                 "the Inform was answered with " +
                     (answer.message_name.empty() ? "an empty Body" : answer.message_name));
    }
    if (ElementChildren(answer.body) != 1) {
      Add(kInformResponse, "the Body holds " + std::to_string(ElementChildren(answer.body)) +
                               " elements besides InformResponse");
    }
    pugi::xml_node max = ChildByLocalName(answer.message, "MaxEnvelopes");
    if (!max || ElementChildren(answer.message) != 1) {
      return Add(kInformResponse, "InformResponse must hold exactly MaxEnvelopes");
    }
    const std::optional<uint32_t> value = ParseCode(max.text().get());
    if (!value) {
      Add(kInformResponse,
          std::string("MaxEnvelopes '") + max.text().get() + "' is not an unsignedInt");
    } else if (*value != 1) {
      Add(kMaxEnvelopes, "InformResponse MaxEnvelopes " + std::to_string(*value));
    }
  }

  // TR-069 A.5 / 3.5: a CWMP fault is a SOAP Fault (the Body's only element) with faultcode
  // Client or Server, faultstring "CWMP fault" and detail/cwmp:Fault with FaultCode and
  // FaultString; the ACS's codes are 8000-8005 (8006) or vendor 8800-8899; 8005 asks the CPE to
  // retry a request of its own, so it answers nothing else.
  void CheckFault(const Envelope& answer, const std::string& cpe) {
    std::vector<std::string> wrong;
    if (answer.message_name != "Fault" || NamespaceOf(answer.message) != kSoapEnvelopeNs) {
      wrong.push_back("the Body's element is <" + std::string(answer.message.name()) +
                      ">, not a SOAP Fault");
    }
    if (ElementChildren(answer.body) != 1) wrong.push_back("the Body holds more than the Fault");
    const std::string faultcode(LocalName(Trimmed(ChildText(answer.message, "faultcode"))));
    if (faultcode != "Client" && faultcode != "Server") {
      wrong.push_back("faultcode '" + faultcode + "' is neither Client nor Server");
    }
    if (Trimmed(ChildText(answer.message, "faultstring")) != "CWMP fault") {
      wrong.push_back("faultstring is not 'CWMP fault'");
    }
    pugi::xml_node cwmp_fault =
        ChildByLocalName(ChildByLocalName(answer.message, "detail"), "Fault");
    if (!cwmp_fault || NamespaceOf(cwmp_fault).compare(0, kCwmpNsStem.size(), kCwmpNsStem) != 0) {
      wrong.push_back("no detail/cwmp:Fault");
    } else if (!ChildByLocalName(cwmp_fault, "FaultCode") ||
               !ChildByLocalName(cwmp_fault, "FaultString")) {
      wrong.push_back("cwmp:Fault lacks FaultCode or FaultString");
    }
    const std::optional<uint32_t> code = FaultCodeIn(answer.body);
    for (const std::string& w : wrong) Add(kFaultStructure, "fault to " + Describe(cpe) + ": " + w);
    if (!code) return;
    if (!IsAcsFaultCode(*code, session_ns_)) {
      Add(kFaultCode, "fault " + std::to_string(*code) + " to " + Describe(cpe) +
                          " is outside the ACS's codes (8000-8005, 8800-8899)");
    }
    if (*code == 8005 && !IsCpeRequest(cpe)) {
      Add(kRetry8005, "fault 8005 answers " + Describe(cpe) + ", not a request of the CPE");
    }
  }

  static std::string ChildText(pugi::xml_node node, std::string_view local) {
    pugi::xml_node c = ChildByLocalName(node, local);
    return c ? c.text().get() : "";
  }

  const SessionTranscript& session_;
  std::vector<AcsViolation> found_;
  std::map<std::string, std::string> cookies_;  // set by the ACS in this session
  std::string inform_ns_, session_ns_, supported_versions_;
  std::string last_acs_request_id_;  // the cwmp:ID the CPE's next response must echo
};

}  // namespace

const std::vector<AcsRule>& AcsRules() {
  static const std::vector<AcsRule> rules = {
      {kInformResponse, "A.3.3.1",
       "a 200 answer to the Inform is one cwmp:InformResponse holding only MaxEnvelopes "
       "(unsignedInt), or a SOAP Fault; never an empty answer"},
      {kMaxEnvelopes, "A.3.3.1", "InformResponse MaxEnvelopes is 1"},
      {kCookie, "3.4.5",
       "a POST that returns every cookie the ACS set in the session is not refused (400/401/403) "
       "as outside a session"},
      {kNamespace, "3.7.4",
       "every ACS envelope uses the Inform's cwmp namespace, or the older version chosen by "
       "UseCWMPVersion from the CPE's SupportedCWMPVersions"},
      {kHoldRequests, "3.5", "HoldRequests is a boolean with mustUnderstand=\"1\""},
      {kEmptyResponse, "3.4.1, 3.7.2.4",
       "an answer without envelope is 204 or an empty 200 (no text/xml Content-Type) and never "
       "answers a request of the CPE"},
      {kSoapHttp, "3.4.1", "a non-empty 200 carries a SOAP envelope as Content-Type text/xml"},
      {kFaultStructure, "A.5, 3.5",
       "a fault is a soap-env:Fault (the Body's only element) with faultcode Client/Server, "
       "faultstring 'CWMP fault' and detail/cwmp:Fault with FaultCode and FaultString"},
      {kFaultCode, "A.5", "the ACS's fault codes are 8000-8005 (8006 in cwmp-1-4) or 8800-8899"},
      {kRetry8005, "A.5, 3.2.1.1",
       "8005 (retry request) answers only a request of the CPE, and a CPE's Inform is not "
       "refused with 8005 in max_8005_in_a_row sessions in a row"},
      {kCwmpId, "3.5",
       "an answer to a CPE request echoes its cwmp:ID; every cwmp:ID has mustUnderstand=\"1\""},
  };
  return rules;
}

std::string CwmpMessageName(std::string_view body) {
  Envelope e;
  return !IsBlank(body) && e.Parse(body) ? e.message_name : "";
}

std::optional<uint32_t> CwmpFaultCode(std::string_view body) {
  Envelope e;
  if (IsBlank(body) || !e.Parse(body)) return std::nullopt;
  return FaultCodeIn(e.body);
}

AcsConformance::AcsConformance(AcsConformanceOptions options) : options_(options) {}

std::vector<AcsViolation> AcsConformance::Check(const SessionTranscript& session) {
  return SessionChecker(session).Run();
}

void AcsConformance::OnSession(const SessionTranscript& session) {
  std::vector<AcsViolation> found = Check(session);  // unlocked: the expensive part
  std::lock_guard<std::mutex> lock(mu_);
  ++sessions_;
  for (AcsViolation& v : CheckRetryStreak(session)) found.push_back(std::move(v));
  Record(session.cpe_id, found);
}

// Called with mu_ held. The Inform's answer decides: 8005 extends the CPE's run, an
// InformResponse ends it.
std::vector<AcsViolation> AcsConformance::CheckRetryStreak(const SessionTranscript& session) {
  if (session.exchanges.empty() || session.exchanges.front().status != 200) return {};
  const std::string& answer = session.exchanges.front().response_body;
  const std::optional<uint32_t> code = CwmpFaultCode(answer);
  if (!code || *code != 8005) {
    if (CwmpMessageName(answer) == "InformResponse") inform_8005_streak_.erase(session.cpe_id);
    return {};
  }
  const uint32_t run = ++inform_8005_streak_[session.cpe_id];
  if (run != options_.max_8005_in_a_row) return {};
  return {{kRetry8005,
           "the Inform was refused with 8005 in " + std::to_string(run) + " sessions in a row"}};
}

void AcsConformance::Record(const std::string& cpe_id, const std::vector<AcsViolation>& found) {
  for (const AcsViolation& v : found) {
    RuleTally& t = tallies_[v.rule];
    ++t.count;
    if (t.examples.size() < options_.examples_per_rule)
      t.examples.push_back(cpe_id + ": " + v.detail);
  }
}

uint64_t AcsConformance::sessions_checked() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_;
}

std::map<std::string, uint64_t> AcsConformance::Counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, uint64_t> out;
  for (const auto& [rule, tally] : tallies_) out[rule] = tally.count;
  return out;
}

nlohmann::json AcsConformance::Report() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json rules = nlohmann::json::array();
  uint64_t total = 0;
  for (const AcsRule& r : AcsRules()) {
    auto it = tallies_.find(r.id);
    const uint64_t count = it == tallies_.end() ? 0 : it->second.count;
    total += count;
    rules.push_back(
        {{"rule", r.id},
         {"section", std::string("TR-069 ") + r.section},
         {"checks", r.checks},
         {"count", count},
         {"examples", it == tallies_.end() ? std::vector<std::string>() : it->second.examples}});
  }
  return {{"sessions_checked", sessions_}, {"violations", total}, {"rules", rules}};
}

std::string AcsConformance::Summary() const {
  const std::map<std::string, uint64_t> counts = Counts();
  uint64_t total = 0;
  std::string parts;
  for (const auto& [rule, count] : counts) {
    total += count;
    parts += " " + rule + " " + std::to_string(count);
  }
  return "conformance: " + std::to_string(total) + " violation(s)" +
         (parts.empty() ? "" : ":" + parts);
}

}  // namespace edgecwmp::cwmp::fleet
