// SPDX-License-Identifier: GPL-2.0-or-later
// XmppChannel: runs the XMPP connection-request client (cwmp/transport/xmpp_connection_request.h)
// for the Device.XMPP.Connection row ManagementServer.ConnReqXMPPConnection names, and reports
// its state back into that row and ManagementServer.ConnReqJabberID. Refresh() (main thread)
// restarts the client when the row's settings changed and stops it when the row is disabled or
// unselected. The client's thread writes the read-only values (the model is thread-safe) and
// calls on_request / on_state_change, which must only set flags.
#ifndef EDGECWMP_CWMP_AGENT_XMPP_CHANNEL_H_
#define EDGECWMP_CWMP_AGENT_XMPP_CHANNEL_H_

#include <functional>
#include <memory>
#include <random>
#include <string>

#include "cwmp/transport/xmpp_connection_request.h"
#include "datamodel/datamodel.h"
#include "tr181/xmpp.h"

namespace edgecwmp::cwmp {

struct XmppChannelOptions {
  std::string ca_file;          // trust store for UseTLS ("" = the system's)
  std::function<bool()> admit;  // the shared connection-request budget; null = always
  std::function<void()> on_request;
  std::function<void()> on_state_change;  // a read-only value changed (JID for notification)
};

class XmppChannel {
 public:
  XmppChannel(dm::DataModel* model, XmppChannelOptions options);
  ~XmppChannel();
  void Refresh();
  void Stop();

 private:
  void OnState(const std::string& row, const XmppConnectionState& state);
  void OnStats(const std::string& row, const XmppStanzaCounts& counts);
  void Publish(const std::string& path, const std::string& value);  // SetValue, logged

  dm::DataModel* model_;
  XmppChannelOptions options_;
  tr181::XmppConnectionSettings running_;
  std::mt19937 random_{std::random_device{}()};  // the ServerTable's weighted order
  std::unique_ptr<XmppConnectionRequestClient> client_;
};

// The client configuration TR-181 |settings| describe (ServerConnectAlgorithm: DNS-SRV = SRV
// lookup of Domain, DNS = Domain on 5222, ServerTable = the enabled Server rows in the order
// tr181::OrderXmppServers draws with |random|).
XmppClientConfig XmppClientConfigFrom(const tr181::XmppConnectionSettings& settings,
                                      const std::string& ca_file, std::mt19937* random);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_XMPP_CHANNEL_H_
