// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/xmpp_channel.h"

#include <utility>

#include "base/log.h"
#include "base/time_util.h"
#include "tr181/management_server.h"

namespace edgecwmp::cwmp {
namespace {

constexpr const char* kComponent = "xmpp";
// KeepAliveInterval -1 lets the CPE choose: 60 s stays inside the shortest common NAT TCP
// idle timeouts (a few minutes) at one whitespace byte per minute.
constexpr uint32_t kDefaultKeepAliveSeconds = 60;

}  // namespace

XmppClientConfig XmppClientConfigFrom(const tr181::XmppConnectionSettings& s,
                                      const std::string& ca_file, std::mt19937* random) {
  XmppClientConfig c;
  c.username = s.username;
  c.password = s.password;
  c.domain = s.domain;
  c.resource = s.resource;
  if (s.algorithm == "ServerTable") {
    for (const auto& server : tr181::OrderXmppServers(s.servers, random)) {
      c.servers.push_back({server.address, server.port});
    }
  } else if (s.algorithm == "DNS") {
    c.servers.push_back({s.domain, 5222});
  }
  c.use_tls = s.use_tls;
  c.ca_file = ca_file;
  c.keep_alive_seconds = s.keep_alive_interval < 0 ? kDefaultKeepAliveSeconds
                                                   : static_cast<uint32_t>(s.keep_alive_interval);
  c.connect_attempts = s.connect_attempts;
  c.retry_initial_seconds = s.retry_initial_interval;
  c.retry_multiplier = s.retry_multiplier;
  c.retry_max_seconds = s.retry_max_interval;
  return c;
}

XmppChannel::XmppChannel(dm::DataModel* model, XmppChannelOptions options)
    : model_(model), options_(std::move(options)) {}

XmppChannel::~XmppChannel() { Stop(); }

void XmppChannel::Stop() {
  if (client_) client_->Stop();
  client_.reset();
  running_ = tr181::XmppConnectionSettings();
}

void XmppChannel::Refresh() {
  tr181::XmppConnectionSettings wanted;
  Status read = tr181::ReadXmppConnection(*model_, &wanted);
  if (!read.ok()) {
    // A connection that cannot be read is not started (fail closed), nor kept running.
    Log(LogLevel::kWarning, kComponent, "XMPP connection settings: ", read.ToString());
    wanted = tr181::XmppConnectionSettings{};
  }
  if (!wanted.enable) wanted = tr181::XmppConnectionSettings{};
  if (client_ && wanted == running_) return;
  if (!client_ && wanted.row.empty()) return;
  Stop();
  if (wanted.row.empty()) return;
  XmppConnectionRequestCallbacks callbacks;
  dm::DataModel* m = model_;
  callbacks.credentials = [m]() -> std::optional<std::pair<std::string, std::string>> {
    std::string user, password;
    // Unreadable is not "none configured" (which may mean anonymous): refuse everyone.
    if (!m->GetValue(tr181::ms::kConnectionRequestUsername, &user).ok() ||
        !m->GetValue(tr181::ms::kConnectionRequestPassword, &password).ok()) {
      return std::nullopt;
    }
    return std::make_pair(user, password);
  };
  callbacks.allowed_jids = [m]() { return tr181::ReadAllowedJabberIDs(*m); };
  callbacks.admit = options_.admit;
  callbacks.on_request = options_.on_request;
  callbacks.on_state = [this, row = wanted.row](const XmppConnectionState& state) {
    OnState(row, state);
  };
  callbacks.on_stats = [this, row = wanted.row](const XmppStanzaCounts& counts) {
    OnStats(row, counts);
  };
  OnStats(wanted.row, XmppStanzaCounts{});  // a new connection counts from 0
  Log(LogLevel::kInfo, kComponent, "XMPP connection ", wanted.row, ": starting");
  client_ = std::make_unique<XmppConnectionRequestClient>(
      XmppClientConfigFrom(wanted, options_.ca_file, &random_), std::move(callbacks));
  Status s = client_->Start();
  if (!s.ok()) {
    Log(LogLevel::kWarning, kComponent, wanted.row, ": ", s.ToString());
    Publish(wanted.row + "Status", "Error_Misconfigured");
    client_.reset();
    return;
  }
  running_ = wanted;
}

// The client's state is only reported: a value that cannot be written is logged, and the
// channel carries on (the next state change writes again).
void XmppChannel::Publish(const std::string& path, const std::string& value) {
  Status s = model_->SetValue(path, value, dm::Origin::kInternal);
  if (!s.ok()) Log(LogLevel::kWarning, kComponent, path, ": ", s.ToString());
}

void XmppChannel::OnStats(const std::string& row, const XmppStanzaCounts& counts) {
  const std::pair<const char*, uint32_t> stats[] = {
      {"Stats.ReceivedMessages", counts.received},
      {"Stats.TransmittedMessages", counts.transmitted},
      {"Stats.ReceivedErrorMessages", counts.received_errors},
      {"Stats.TransmittedErrorMessages", counts.transmitted_errors},
  };
  for (const auto& [name, value] : stats) Publish(row + name, std::to_string(value));
}

void XmppChannel::OnState(const std::string& row, const XmppConnectionState& state) {
  std::string old_status;
  // Unreadable: the status is written (again), which is harmless.
  if (!model_->GetValue(row + "Status", &old_status).ok()) old_status.clear();
  if (old_status != state.status) {
    Publish(row + "Status", state.status);
    Publish(row + "LastChangeDate", FormatDateTime(NowSeconds()));
  }
  Publish(row + "TLSEstablished", state.tls ? "true" : "false");
  // The last bound JID stays while reconnecting: with a fixed Resource it comes back the same,
  // and the ACS keeps a reachable address in between.
  if (!state.jid.empty()) {
    Publish(row + "JabberID", state.jid);
    Publish(tr181::xmpp::kConnReqJabberID, state.jid);
  }
  if (options_.on_state_change) options_.on_state_change();
}

}  // namespace edgecwmp::cwmp
