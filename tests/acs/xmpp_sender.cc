// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/xmpp_sender.h"

#include <strophe.h>

#include <mutex>

namespace edgecwmp::acs {
namespace {

constexpr const char* kNamespace = "urn:broadband-forum-org:cwmp:xmppConnReq-1-0";
constexpr const char* kStanzasNs = "urn:ietf:params:xml:ns:xmpp-stanzas";

xmpp_stanza_t* TextElement(xmpp_ctx_t* ctx, const char* name, const std::string& text) {
  xmpp_stanza_t* e = xmpp_stanza_new(ctx);
  xmpp_stanza_set_name(e, name);
  xmpp_stanza_t* t = xmpp_stanza_new(ctx);
  xmpp_stanza_set_text(t, text.c_str());
  xmpp_stanza_add_child(e, t);
  xmpp_stanza_release(t);
  return e;
}

void Adopt(xmpp_stanza_t* parent, xmpp_stanza_t* child) {
  xmpp_stanza_add_child(parent, child);
  xmpp_stanza_release(child);
}

}  // namespace

struct XmppConnectionRequestSender::Rep {
  XmppSenderConfig config;
  xmpp_ctx_t* ctx = nullptr;
  xmpp_conn_t* conn = nullptr;
  bool connected = false;
  bool closed = false;
  std::string waiting_id;
  XmppRequestResult reply;
  bool replied = false;
  unsigned long next_id = 0;

  static void OnConn(xmpp_conn_t*, xmpp_conn_event_t event, int, xmpp_stream_error_t*, void* self) {
    Rep* rep = static_cast<Rep*>(self);
    rep->connected = event == XMPP_CONN_CONNECT;
    rep->closed = !rep->connected;
  }

  static int OnReply(xmpp_conn_t*, xmpp_stanza_t* stanza, void* self) {
    Rep* rep = static_cast<Rep*>(self);
    const char* id = xmpp_stanza_get_id(stanza);
    if (!id || rep->waiting_id != id) return 1;
    const char* type = xmpp_stanza_get_type(stanza);
    rep->reply.type = type ? type : "";
    rep->reply.echoed_request =
        xmpp_stanza_get_child_by_name_and_ns(stanza, "connectionRequest", kNamespace) != nullptr;
    if (xmpp_stanza_t* error = xmpp_stanza_get_child_by_name(stanza, "error")) {
      const char* etype = xmpp_stanza_get_type(error);
      const char* code = xmpp_stanza_get_attribute(error, "code");
      rep->reply.error_type = etype ? etype : "";
      rep->reply.code = code ? code : "";
      for (xmpp_stanza_t* c = xmpp_stanza_get_children(error); c; c = xmpp_stanza_get_next(c)) {
        const char* ns = xmpp_stanza_get_ns(c);
        if (ns && std::string(ns) == kStanzasNs) rep->reply.condition = xmpp_stanza_get_name(c);
      }
    }
    rep->replied = true;
    return 1;
  }

  template <typename Pred>
  bool RunUntil(Pred done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done() && !closed && std::chrono::steady_clock::now() < deadline) {
      xmpp_run_once(ctx, 50);
    }
    return done();
  }
};

XmppConnectionRequestSender::XmppConnectionRequestSender(XmppSenderConfig config)
    : rep_(std::make_unique<Rep>()) {
  static std::once_flag once;
  std::call_once(once, [] { xmpp_initialize(); });
  rep_->config = std::move(config);
  rep_->ctx = xmpp_ctx_new(nullptr, nullptr);
}

XmppConnectionRequestSender::~XmppConnectionRequestSender() {
  if (rep_->conn) {
    if (rep_->connected) {
      xmpp_disconnect(rep_->conn);
      rep_->RunUntil([this] { return rep_->closed; }, std::chrono::seconds(2));
    }
    xmpp_conn_release(rep_->conn);
  }
  xmpp_ctx_free(rep_->ctx);
}

bool XmppConnectionRequestSender::Connect(std::string* error, std::chrono::milliseconds timeout) {
  Rep& r = *rep_;
  r.conn = xmpp_conn_new(r.ctx);
  xmpp_conn_set_jid(r.conn, r.config.jid.c_str());
  xmpp_conn_set_pass(r.conn, r.config.password.c_str());
  xmpp_conn_set_flags(r.conn,
                      r.config.tls ? XMPP_CONN_FLAG_MANDATORY_TLS : XMPP_CONN_FLAG_DISABLE_TLS);
  if (!r.config.ca_file.empty()) xmpp_conn_set_cafile(r.conn, r.config.ca_file.c_str());
  xmpp_handler_add(r.conn, &Rep::OnReply, nullptr, "iq", nullptr, &r);
  if (xmpp_connect_client(r.conn, r.config.host.c_str(), r.config.port, &Rep::OnConn, &r) !=
      XMPP_EOK) {
    *error = "xmpp_connect_client failed";
    return false;
  }
  if (!r.RunUntil([&r] { return r.connected; }, timeout)) {
    *error = r.closed ? "the XMPP server closed the connection (login refused?)" : "timed out";
    return false;
  }
  return true;
}

XmppRequestResult XmppConnectionRequestSender::Send(const std::string& to,
                                                    const std::string& username,
                                                    const std::string& password,
                                                    std::chrono::milliseconds timeout) {
  Rep& r = *rep_;
  r.reply = XmppRequestResult();
  r.replied = false;
  if (!r.connected) return r.reply;
  r.waiting_id = "cr" + std::to_string(++r.next_id);
  xmpp_stanza_t* iq = xmpp_iq_new(r.ctx, "get", r.waiting_id.c_str());
  xmpp_stanza_set_to(iq, to.c_str());
  xmpp_stanza_t* request = xmpp_stanza_new(r.ctx);
  xmpp_stanza_set_name(request, "connectionRequest");
  xmpp_stanza_set_ns(request, kNamespace);
  Adopt(request, TextElement(r.ctx, "username", username));
  Adopt(request, TextElement(r.ctx, "password", password));
  Adopt(iq, request);
  xmpp_send(r.conn, iq);
  xmpp_stanza_release(iq);
  r.RunUntil([&r] { return r.replied; }, timeout);
  return r.reply;
}

std::string XmppConnectionRequestSender::bound_jid() const {
  const char* jid = rep_->conn ? xmpp_conn_get_bound_jid(rep_->conn) : nullptr;
  return jid ? jid : "";
}

}  // namespace edgecwmp::acs
