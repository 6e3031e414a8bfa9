// SPDX-License-Identifier: GPL-2.0-or-later
// The agent's XMPP connection requests (TR-069 Annex K): the [xmpp] factory defaults and the
// channel that keeps the XMPP connection (cwmp/agent/xmpp_channel.h).
#include "base/log.h"
#include "cwmp/agent/agent_internal.h"
#include "tr181/xmpp.h"

namespace edgecwmp::cwmp {

using agent_internal::kComponent;

void Agent::Rep::SeedXmpp() {
  if (config.xmpp_jid.empty()) return;
  tr181::XmppSeed seed;
  seed.jid = config.xmpp_jid;
  seed.password = config.xmpp_password;
  seed.server = config.xmpp_server;
  seed.use_tls = config.xmpp_use_tls;
  seed.allowed_jids = config.xmpp_allowed_jids;
  Status s = tr181::SeedXmppConnection(model.get(), seed);
  if (!s.ok()) {
    Log(LogLevel::kWarning, kComponent, "cannot seed the XMPP connection: ", s.ToString());
  }
}

void Agent::Rep::StartXmppConnectionRequests() {
  XmppChannelOptions options;
  options.ca_file = config.xmpp_ca_file;
  // The same path as an HTTP connection request: one flag, so requests coalesce into at most one
  // pending session.
  options.on_request = ConnectionRequestSignal();
  // Every channel draws on the one connection-request budget (connection_request_budget.h), so a
  // flood over XMPP is refused (service-unavailable) like one over HTTP or UDP.
  if (auto budget = connection_request_budget) {
    options.admit = [budget]() { return budget->TryTake(); };
  }
  // A new JID is an active notification: have the loop look at value changes now.
  options.on_state_change = [this]() { Raise(&wake); };
  xmpp = std::make_unique<XmppChannel>(model.get(), std::move(options));
  auto changed = [this](const std::string&, const std::string&) { Raise(&xmpp_changed); };
  model->Observe(tr181::xmpp::kConnectionTable, changed);
  model->Observe(tr181::xmpp::kConnReqXMPPConnection, changed);
  xmpp->Refresh();
}

}  // namespace edgecwmp::cwmp
