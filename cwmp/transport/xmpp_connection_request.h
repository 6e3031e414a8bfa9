// SPDX-License-Identifier: GPL-2.0-or-later
// XmppConnectionRequestClient: the CPE's XMPP connection-request channel (TR-069 Annex K). On its
// own thread (libstrophe's event loop) it keeps one client connection to an XMPP server, logged in
// as the configured JID, and answers every
//   <iq type="get"><connectionRequest xmlns="urn:broadband-forum-org:cwmp:xmppConnReq-1-0">
//     <username/><password/></connectionRequest></iq>
// with `result` (and on_request()) when the sender is allowed and the credentials match, else an
// `error` iq (AnswerConnectionRequest below). A dropped or refused connection is retried with the
// TR-181 back-off: attempt n waits a random time in [m·(k/1000)^(n-1), m·(k/1000)^n] seconds,
// capped at ServerRetryMaxInterval (m = ServerRetryInitialInterval, k = the multiplier), and
// ServerConnectAttempts failures on one server move on to the next. Whitespace keep-alives
// (RFC 6120 4.6.1) every KeepAliveInterval seconds hold NAT mappings open. The connection state
// (Status, the bound full JID, whether TLS is up) is reported through on_state, and the stanza
// counts (TR-181 Connection.{i}.Stats) through on_stats after every stanza counted, both from
// the client thread. on_request, admit, on_state and on_stats run on the client thread and must
// be quick. A login the server refuses (SASL failure) reads Error_AuthenticationFailure until
// the next attempt.
#ifndef EDGECWMP_CWMP_TRANSPORT_XMPP_CONNECTION_REQUEST_H_
#define EDGECWMP_CWMP_TRANSPORT_XMPP_CONNECTION_REQUEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "cwmp/transport/credentials_source.h"

namespace edgecwmp::cwmp {

inline constexpr const char* kXmppConnReqNamespace = "urn:broadband-forum-org:cwmp:xmppConnReq-1-0";

struct XmppServerAddress {
  std::string host;
  uint16_t port = 5222;
};

struct XmppClientConfig {
  std::string username;  // the JID's local part
  std::string password;
  std::string domain;
  std::string resource;  // "" = the server assigns one
  // Empty: DNS SRV lookup of domain (RFC 6120 3.2.1, "DNS-SRV"), else these in order.
  std::vector<XmppServerAddress> servers;
  bool use_tls = false;  // true: TLS is required and the server certificate verified
  std::string ca_file;   // trust store for use_tls ("" = the system's)
  // Seconds between whitespace keep-alives; 0 = none. TR-181's -1 ("CPE chooses") is mapped by
  // the caller.
  uint32_t keep_alive_seconds = 60;
  uint32_t connect_attempts = 16;       // per server before the next (TR-181 ServerConnectAttempts)
  uint32_t retry_initial_seconds = 60;  // TR-181 ServerRetryInitialInterval
  uint32_t retry_multiplier = 2000;     // per mille, TR-181 ServerRetryIntervalMultiplier
  uint32_t retry_max_seconds = 30720;   // TR-181 ServerRetryMaxInterval
};

// What TR-181 Device.XMPP.Connection.{i}.Status etc. should read.
struct XmppConnectionState {
  // "Connecting", "Enabled", "ServerNotPresent", "Error_AuthenticationFailure", "Disabled"
  std::string status;
  std::string jid;   // the bound full JID while Enabled, else ""
  bool tls = false;  // TLS protects the stream
};

// TR-181 Device.XMPP.Connection.{i}.Stats: iq, presence and message stanzas since Start(),
// across reconnects; "error" ones are those whose type attribute is "error".
struct XmppStanzaCounts {
  uint32_t received = 0, transmitted = 0, received_errors = 0, transmitted_errors = 0;
};

enum class XmppAnswer { kResult, kNotAuthorized, kServiceUnavailable };

struct XmppConnectionRequestCallbacks {
  // The ConnectionRequestUsername / Password now (read per request: the ACS may change them);
  // nullopt (unreadable) refuses every request.
  CredentialsSource credentials;
  // ConnReqAllowedJabberIDs now; empty = any sender.
  std::function<std::vector<std::string>()> allowed_jids;
  // Whether a valid request may start a session now (the shared rate budget); null = always.
  std::function<bool()> admit;
  std::function<void()> on_request;
  std::function<void(const XmppConnectionState&)> on_state;  // optional
  std::function<void(const XmppStanzaCounts&)> on_stats;     // optional
};

// The answer Annex K requires for a connectionRequest from |from| carrying |username| and
// |password|: a sender outside |allowed| (a bare entry matches any resource of that JID, a full
// one only itself) gets service-unavailable, wrong credentials not-authorized, a request the rate
// budget does not |admitted| service-unavailable, and the rest result.
XmppAnswer AnswerConnectionRequest(const std::string& from, const std::string& username,
                                   const std::string& password,
                                   const std::vector<std::string>& allowed,
                                   const std::pair<std::string, std::string>& expected,
                                   bool admitted);

// Whether |from| (a full or bare JID) is matched by an entry of |allowed|; JIDs compare without
// case in the local part and domain, exactly in the resource (RFC 7622).
bool JidAllowed(const std::string& from, const std::vector<std::string>& allowed);

class XmppConnectionRequestClient {
 public:
  XmppConnectionRequestClient(XmppClientConfig config, XmppConnectionRequestCallbacks callbacks);
  ~XmppConnectionRequestClient();  // Stop()s
  XmppConnectionRequestClient(const XmppConnectionRequestClient&) = delete;
  XmppConnectionRequestClient& operator=(const XmppConnectionRequestClient&) = delete;

  // Starts the thread, which connects at once; kInvalidArguments for an incomplete config.
  Status Start();
  // Closes the stream and joins the thread; on_state reports "Disabled" last.
  void Stop();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_XMPP_CONNECTION_REQUEST_H_
