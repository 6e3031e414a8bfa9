// SPDX-License-Identifier: GPL-2.0-or-later
// XmppConnectionRequestSender: the ACS side of TR-069 Annex K, as GenieACS 1.2 does it
// (lib/xmpp-client.ts): logged in to a real XMPP server as the ACS's own JID, it sends
//   <iq type="get" to="<CPE's JID>"><connectionRequest xmlns="urn:broadband-forum-org:cwmp:
//   xmppConnReq-1-0"><username/><password/></connectionRequest></iq>
// and waits for the matching reply. Runs libstrophe on the calling thread; not thread-safe.
#ifndef EDGECWMP_TESTS_ACS_XMPP_SENDER_H_
#define EDGECWMP_TESTS_ACS_XMPP_SENDER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace edgecwmp::acs {

struct XmppSenderConfig {
  std::string jid;  // user@domain[/resource]
  std::string password;
  std::string host = "127.0.0.1";
  uint16_t port = 5222;
  bool tls = false;  // require STARTTLS, verified against ca_file
  std::string ca_file;
};

struct XmppRequestResult {
  std::string type;             // "result", "error", "" when no reply came
  std::string condition;        // the error's condition element, e.g. "not-authorized"
  std::string error_type;       // the <error type=...>, e.g. "auth", "cancel"
  std::string code;             // the <error code=...> (legacy), e.g. "401"
  bool echoed_request = false;  // an error reply carries the connectionRequest back
  bool ok() const { return type == "result"; }
};

class XmppConnectionRequestSender {
 public:
  explicit XmppConnectionRequestSender(XmppSenderConfig config);
  ~XmppConnectionRequestSender();
  XmppConnectionRequestSender(const XmppConnectionRequestSender&) = delete;
  XmppConnectionRequestSender& operator=(const XmppConnectionRequestSender&) = delete;

  // Logs in; false (with *error) when that did not happen within |timeout|.
  bool Connect(std::string* error, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Sends one connection request to |to| and waits for its answer.
  XmppRequestResult Send(const std::string& to, const std::string& username,
                         const std::string& password,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::string bound_jid() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_XMPP_SENDER_H_
