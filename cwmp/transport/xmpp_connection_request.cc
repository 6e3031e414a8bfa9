// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/xmpp_connection_request.h"

#include <openssl/crypto.h>
#include <strophe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>

#include "base/log.h"

namespace edgecwmp::cwmp {
namespace {

constexpr const char* kComponent = "xmpp";
constexpr const char* kStanzasNs = "urn:ietf:params:xml:ns:xmpp-stanzas";
constexpr unsigned long kLoopTimeoutMs = 100;  // how soon Stop() and retries are noticed

using Clock = std::chrono::steady_clock;

bool SafeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "local@domain/resource" → {"local@domain" lower-cased, "resource"}.
std::pair<std::string, std::string> SplitJid(const std::string& jid) {
  size_t slash = jid.find('/');
  if (slash == std::string::npos) return {Lower(jid), ""};
  return {Lower(jid.substr(0, slash)), jid.substr(slash + 1)};
}

// The text of |parent|'s child |name|, "" when absent.
std::string ChildText(xmpp_ctx_t* ctx, xmpp_stanza_t* parent, const char* name) {
  xmpp_stanza_t* child = xmpp_stanza_get_child_by_name(parent, name);
  if (!child) return "";
  char* text = xmpp_stanza_get_text(child);
  if (!text) return "";
  std::string out(text);
  xmpp_free(ctx, text);
  return out;
}

void AddChild(xmpp_stanza_t* parent, xmpp_stanza_t* child) {
  xmpp_stanza_add_child(parent, child);
  xmpp_stanza_release(child);
}

xmpp_stanza_t* NewElement(xmpp_ctx_t* ctx, const char* name, const char* ns = nullptr) {
  xmpp_stanza_t* e = xmpp_stanza_new(ctx);
  xmpp_stanza_set_name(e, name);
  if (ns) xmpp_stanza_set_ns(e, ns);
  return e;
}

// The iq answering |request|: an empty result, or (Annex K, RFC 6120 8.3) an error that echoes
// the request's payload and names the condition with its legacy code.
xmpp_stanza_t* BuildAnswer(xmpp_ctx_t* ctx, xmpp_stanza_t* request, xmpp_stanza_t* payload,
                           XmppAnswer answer) {
  const bool ok = answer == XmppAnswer::kResult;
  xmpp_stanza_t* iq = xmpp_iq_new(ctx, ok ? "result" : "error", xmpp_stanza_get_id(request));
  if (const char* from = xmpp_stanza_get_from(request)) xmpp_stanza_set_to(iq, from);
  if (ok) return iq;
  if (payload) AddChild(iq, xmpp_stanza_copy(payload));
  const bool auth = answer == XmppAnswer::kNotAuthorized;
  xmpp_stanza_t* error = NewElement(ctx, "error");
  xmpp_stanza_set_attribute(error, "code", auth ? "401" : "503");
  xmpp_stanza_set_type(error, auth ? "auth" : "cancel");
  AddChild(error, NewElement(ctx, auth ? "not-authorized" : "service-unavailable", kStanzasNs));
  AddChild(iq, error);
  return iq;
}

// Stanzas in the TR-181 sense: not the stream's own elements (features, SASL, SM nonzas).
bool IsStanza(xmpp_stanza_t* stanza) {
  const char* name = xmpp_stanza_get_name(stanza);
  if (!name) return false;
  const std::string n = name;
  return n == "iq" || n == "presence" || n == "message";
}

bool IsError(xmpp_stanza_t* stanza) {
  const char* type = xmpp_stanza_get_type(stanza);
  return type && std::string(type) == "error";
}

void InitializeLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { xmpp_initialize(); });
}

}  // namespace

bool JidAllowed(const std::string& from, const std::vector<std::string>& allowed) {
  if (allowed.empty()) return true;
  auto [bare, resource] = SplitJid(from);
  for (const std::string& entry : allowed) {
    auto [entry_bare, entry_resource] = SplitJid(entry);
    if (entry_bare != bare) continue;
    if (entry.find('/') == std::string::npos || entry_resource == resource) return true;
  }
  return false;
}

XmppAnswer AnswerConnectionRequest(const std::string& from, const std::string& username,
                                   const std::string& password,
                                   const std::vector<std::string>& allowed,
                                   const std::pair<std::string, std::string>& expected,
                                   bool admitted) {
  // The sender is checked first: a JID that may not ask learns nothing about the credentials.
  if (!JidAllowed(from, allowed)) return XmppAnswer::kServiceUnavailable;
  const bool user_ok = SafeEquals(username, expected.first);
  const bool password_ok = SafeEquals(password, expected.second);
  if (!(user_ok && password_ok)) return XmppAnswer::kNotAuthorized;
  return admitted ? XmppAnswer::kResult : XmppAnswer::kServiceUnavailable;
}

struct XmppConnectionRequestClient::Rep {
  Rep(XmppClientConfig c, XmppConnectionRequestCallbacks cb)
      : config(std::move(c)), callbacks(std::move(cb)) {}

  XmppClientConfig config;
  XmppConnectionRequestCallbacks callbacks;
  std::thread thread;
  std::atomic<bool> stop{false};

  // Client thread only.
  xmpp_ctx_t* ctx = nullptr;
  xmpp_conn_t* conn = nullptr;
  bool connected = false;
  bool closed = false;
  uint32_t failures = 0;  // attempts since the last successful login
  uint32_t attempts_on_server = 0;
  size_t server_index = 0;
  Clock::time_point next_attempt{};
  std::mt19937 random{std::random_device{}()};
  XmppStanzaCounts counts;
  // libstrophe reports a refused login only in its log (area "auth", error level), then closes
  // the stream as for any other disconnect: the logger notes it for ConnHandler.
  bool auth_refused = false;
  xmpp_log_t logger{&Rep::LibraryLog, this};

  void Run();
  void Connect();
  void Release();
  void ScheduleRetry();
  void Report(const std::string& status);
  void OnConnect();
  int OnIq(xmpp_stanza_t* stanza);
  void Send(xmpp_stanza_t* stanza);
  void Count(xmpp_stanza_t* stanza, bool sent);

  static void LibraryLog(void* self, xmpp_log_level_t level, const char* area, const char*) {
    if (level == XMPP_LEVEL_ERROR && area && std::string(area) == "auth") {
      static_cast<Rep*>(self)->auth_refused = true;
    }
  }

  static void ConnHandler(xmpp_conn_t*, xmpp_conn_event_t event, int error, xmpp_stream_error_t*,
                          void* self) {
    Rep* rep = static_cast<Rep*>(self);
    if (event == XMPP_CONN_CONNECT) {
      rep->OnConnect();
      return;
    }
    const bool was_connected = rep->connected;
    rep->connected = false;
    rep->closed = true;
    if (rep->stop) return;
    if (rep->auth_refused) {
      Log(LogLevel::kWarning, kComponent, "XMPP login refused by the server");
      rep->Report("Error_AuthenticationFailure");
      return;
    }
    Log(LogLevel::kWarning, kComponent,
        was_connected ? "XMPP connection lost" : "XMPP connection failed", " (error ", error, ")");
    rep->Report(was_connected ? "Connecting" : "ServerNotPresent");
  }
  static int IqHandler(xmpp_conn_t*, xmpp_stanza_t* stanza, void* self) {
    return static_cast<Rep*>(self)->OnIq(stanza);
  }
  static int CountHandler(xmpp_conn_t*, xmpp_stanza_t* stanza, void* self) {
    static_cast<Rep*>(self)->Count(stanza, false);
    return 1;
  }
  static int KeepAlive(xmpp_conn_t* conn, void*) {
    xmpp_send_raw(conn, " ", 1);
    return 1;
  }
};

void XmppConnectionRequestClient::Rep::Report(const std::string& status) {
  if (!callbacks.on_state) return;
  XmppConnectionState state;
  state.status = status;
  if (connected && conn) {
    if (const char* jid = xmpp_conn_get_bound_jid(conn)) state.jid = jid;
    state.tls = xmpp_conn_is_secured(conn) != 0;
  }
  callbacks.on_state(state);
}

void XmppConnectionRequestClient::Rep::Count(xmpp_stanza_t* stanza, bool sent) {
  if (!IsStanza(stanza)) return;
  const bool error = IsError(stanza);
  (sent ? counts.transmitted : counts.received)++;
  if (error) (sent ? counts.transmitted_errors : counts.received_errors)++;
  if (callbacks.on_stats) callbacks.on_stats(counts);
}

void XmppConnectionRequestClient::Rep::Send(xmpp_stanza_t* stanza) {
  xmpp_send(conn, stanza);
  Count(stanza, true);
  xmpp_stanza_release(stanza);
}

void XmppConnectionRequestClient::Rep::OnConnect() {
  connected = true;
  failures = 0;
  attempts_on_server = 0;
  xmpp_handler_add(conn, &Rep::CountHandler, nullptr, nullptr, nullptr, this);
  xmpp_handler_add(conn, &Rep::IqHandler, nullptr, "iq", nullptr, this);
  if (config.keep_alive_seconds > 0) {
    xmpp_timed_handler_add(conn, &Rep::KeepAlive, config.keep_alive_seconds * 1000UL, this);
  }
  // Available presence: the server then routes stanzas addressed to the bare JID here too.
  Send(xmpp_presence_new(ctx));
  const char* jid = xmpp_conn_get_bound_jid(conn);
  Log(LogLevel::kInfo, kComponent, "XMPP connection requests: connected as ", jid ? jid : "?",
      xmpp_conn_is_secured(conn) ? " (TLS)" : " (no TLS)");
  Report("Enabled");
}

int XmppConnectionRequestClient::Rep::OnIq(xmpp_stanza_t* stanza) {
  const char* type = xmpp_stanza_get_type(stanza);
  if (!type || (std::string(type) != "get" && std::string(type) != "set")) return 1;
  xmpp_stanza_t* payload =
      xmpp_stanza_get_child_by_name_and_ns(stanza, "connectionRequest", kXmppConnReqNamespace);
  const char* from_attr = xmpp_stanza_get_from(stanza);
  const std::string from = from_attr ? from_attr : "";
  XmppAnswer answer = XmppAnswer::kServiceUnavailable;  // RFC 6120 8.4: a request not understood
  if (payload) {
    std::vector<std::string> allowed;
    if (callbacks.allowed_jids) allowed = callbacks.allowed_jids();
    auto expected =
        callbacks.credentials ? callbacks.credentials() : std::pair<std::string, std::string>();
    const bool in_budget = !callbacks.admit || callbacks.admit();
    answer = !expected ? XmppAnswer::kNotAuthorized
                       : AnswerConnectionRequest(from, ChildText(ctx, payload, "username"),
                                                 ChildText(ctx, payload, "password"), allowed,
                                                 *expected, in_budget);
    if (answer == XmppAnswer::kResult) {
      Log(LogLevel::kInfo, kComponent, "XMPP connection request from ", from, " accepted");
      if (callbacks.on_request) callbacks.on_request();
    } else {
      Log(LogLevel::kWarning, kComponent, "XMPP connection request from ", from, " refused: ",
          answer == XmppAnswer::kNotAuthorized ? "not-authorized" : "service-unavailable");
    }
  }
  Send(BuildAnswer(ctx, stanza, payload, answer));
  return 1;
}

void XmppConnectionRequestClient::Rep::Connect() {
  conn = xmpp_conn_new(ctx);
  closed = false;
  auth_refused = false;
  std::string jid = config.username + "@" + config.domain;
  if (!config.resource.empty()) jid += "/" + config.resource;
  xmpp_conn_set_jid(conn, jid.c_str());
  xmpp_conn_set_pass(conn, config.password.c_str());
  xmpp_conn_set_flags(conn,
                      config.use_tls ? XMPP_CONN_FLAG_MANDATORY_TLS : XMPP_CONN_FLAG_DISABLE_TLS);
  if (config.use_tls && !config.ca_file.empty()) {
    xmpp_conn_set_cafile(conn, config.ca_file.c_str());
  }
  // TCP keep-alives find a dead server even when no whitespace keep-alive is configured.
  xmpp_conn_set_sockopt_callback(conn, xmpp_sockopt_cb_keepalive);
  const char* host = nullptr;
  unsigned short port = 0;
  if (!config.servers.empty()) {
    const XmppServerAddress& server = config.servers[server_index % config.servers.size()];
    host = server.host.c_str();
    port = server.port;
  }
  Report("Connecting");
  if (xmpp_connect_client(conn, host, port, &Rep::ConnHandler, this) != XMPP_EOK) {
    Log(LogLevel::kWarning, kComponent, "XMPP connection to ", host ? host : config.domain,
        " could not start");
    closed = true;
  }
}

void XmppConnectionRequestClient::Rep::Release() {
  xmpp_conn_release(conn);
  conn = nullptr;
  connected = false;
}

void XmppConnectionRequestClient::Rep::ScheduleRetry() {
  ++failures;
  if (++attempts_on_server >= std::max<uint32_t>(1, config.connect_attempts)) {
    attempts_on_server = 0;
    ++server_index;
  }
  const double k = config.retry_multiplier / 1000.0;
  const double cap = config.retry_max_seconds;
  const double low = std::min(cap, config.retry_initial_seconds * std::pow(k, failures - 1));
  const double high = std::min(cap, config.retry_initial_seconds * std::pow(k, failures));
  const double wait = std::uniform_real_distribution<double>(low, std::max(low, high))(random);
  Log(LogLevel::kInfo, kComponent, "XMPP reconnect in ", static_cast<int>(std::lround(wait)), " s");
  next_attempt = Clock::now() + std::chrono::milliseconds(std::llround(wait * 1000));
}

void XmppConnectionRequestClient::Rep::Run() {
  while (!stop) {
    if (!conn && Clock::now() >= next_attempt) Connect();
    if (conn && !closed) xmpp_run_once(ctx, kLoopTimeoutMs);
    if (conn && closed) {
      Release();
      ScheduleRetry();
    }
    if (!conn && !stop) {
      std::this_thread::sleep_until(
          std::min(next_attempt, Clock::now() + std::chrono::milliseconds(kLoopTimeoutMs)));
    }
  }
  if (conn) {
    // A clean </stream:stream> tells the server at once; bounded so Stop() cannot hang.
    if (connected) xmpp_disconnect(conn);
    const auto deadline = Clock::now() + std::chrono::seconds(1);
    while (!closed && Clock::now() < deadline) xmpp_run_once(ctx, kLoopTimeoutMs);
    Release();
  }
  Report("Disabled");
}

XmppConnectionRequestClient::XmppConnectionRequestClient(XmppClientConfig config,
                                                         XmppConnectionRequestCallbacks callbacks)
    : rep_(std::make_unique<Rep>(std::move(config), std::move(callbacks))) {}

XmppConnectionRequestClient::~XmppConnectionRequestClient() { Stop(); }

Status XmppConnectionRequestClient::Start() {
  if (rep_->config.username.empty() || rep_->config.domain.empty()) {
    return Status::InvalidArguments("XMPP connection needs a Username and a Domain");
  }
  if (rep_->thread.joinable()) return Status::Ok();
  InitializeLibrary();
  rep_->ctx = xmpp_ctx_new(nullptr, &rep_->logger);
  if (!rep_->ctx) return Status::InvalidArguments("cannot create the XMPP context");
  rep_->stop = false;
  rep_->thread = std::thread([this] { rep_->Run(); });
  return Status::Ok();
}

void XmppConnectionRequestClient::Stop() {
  if (!rep_->thread.joinable()) return;
  rep_->stop = true;
  rep_->thread.join();
  xmpp_ctx_free(rep_->ctx);
  rep_->ctx = nullptr;
}

}  // namespace edgecwmp::cwmp
