// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/xmpp.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "tr181/binding_util.h"

namespace edgecwmp::tr181 {
namespace {

// Absent or unreadable reads as unset: an XMPP connection that cannot be read stays disabled.
constexpr auto Get = ReadValue;
constexpr auto GetUnsigned = ReadUnsigned;

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = std::min(list.find(',', start), list.size());
    std::string item = list.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

// "Device.XMPP.Connection.3" or "...3." → "Device.XMPP.Connection.3." when that row exists.
std::string ExistingRow(const dm::DataModel& model, std::string path) {
  if (path.empty()) return "";
  if (path.back() != '.') path += '.';
  const std::string table = xmpp::kConnectionTable;
  if (path.compare(0, table.size(), table) != 0) return "";
  std::string instance = path.substr(table.size(), path.size() - table.size() - 1);
  if (instance.empty() || instance.find_first_not_of("0123456789") != std::string::npos) return "";
  std::string value;
  return model.GetValue(path + "Enable", &value).ok() ? path : "";
}

std::vector<XmppServerEntry> ReadServers(const dm::DataModel& model, const std::string& row) {
  std::vector<dm::ParameterInfo> rows;
  std::vector<XmppServerEntry> servers;
  if (!model.GetNames(row + "Server.", true, &rows).ok()) return servers;
  for (const dm::ParameterInfo& server : rows) {
    if (Get(model, server.name + "Enable") != "true") continue;
    XmppServerEntry e;
    e.address = Get(model, server.name + "ServerAddress");
    e.port = static_cast<uint16_t>(GetUnsigned(model, server.name + "Port", 5222));
    e.priority = GetUnsigned(model, server.name + "Priority", 0);
    e.weight = std::strtoll(Get(model, server.name + "Weight").c_str(), nullptr, 10);
    if (!e.address.empty()) servers.push_back(e);
  }
  std::stable_sort(servers.begin(), servers.end(),
                   [](const auto& a, const auto& b) { return a.priority < b.priority; });
  return servers;
}

}  // namespace

bool XmppConnectionSettings::operator==(const XmppConnectionSettings& o) const {
  auto server_key = [](const std::vector<XmppServerEntry>& v) {
    std::vector<std::tuple<std::string, uint16_t, uint32_t, int64_t>> k;
    for (const auto& s : v) k.emplace_back(s.address, s.port, s.priority, s.weight);
    return k;
  };
  return std::tie(row, enable, username, password, domain, resource, algorithm, keep_alive_interval,
                  connect_attempts, retry_initial_interval, retry_multiplier, retry_max_interval,
                  use_tls) == std::tie(o.row, o.enable, o.username, o.password, o.domain,
                                       o.resource, o.algorithm, o.keep_alive_interval,
                                       o.connect_attempts, o.retry_initial_interval,
                                       o.retry_multiplier, o.retry_max_interval, o.use_tls) &&
         server_key(servers) == server_key(o.servers);
}

Status ReadXmppConnection(const dm::DataModel& model, XmppConnectionSettings* settings) {
  XmppConnectionSettings s;
  s.row = ExistingRow(model, Get(model, xmpp::kConnReqXMPPConnection));
  if (!s.row.empty()) {
    const std::string& r = s.row;
    s.enable = Get(model, r + "Enable") == "true";
    s.username = Get(model, r + "Username");
    s.password = Get(model, r + "Password");
    s.domain = Get(model, r + "Domain");
    s.resource = Get(model, r + "Resource");
    s.algorithm = Get(model, r + "ServerConnectAlgorithm");
    s.servers = ReadServers(model, r);
    s.keep_alive_interval = std::strtoll(Get(model, r + "KeepAliveInterval").c_str(), nullptr, 10);
    s.connect_attempts = GetUnsigned(model, r + "ServerConnectAttempts", s.connect_attempts);
    s.retry_initial_interval =
        GetUnsigned(model, r + "ServerRetryInitialInterval", s.retry_initial_interval);
    s.retry_multiplier =
        GetUnsigned(model, r + "ServerRetryIntervalMultiplier", s.retry_multiplier);
    s.retry_max_interval = GetUnsigned(model, r + "ServerRetryMaxInterval", s.retry_max_interval);
    s.use_tls = Get(model, r + "UseTLS") == "true";
  }
  *settings = std::move(s);
  return Status::Ok();
}

std::vector<XmppServerEntry> OrderXmppServers(std::vector<XmppServerEntry> servers,
                                              std::mt19937* random) {
  std::stable_sort(servers.begin(), servers.end(),
                   [](const auto& a, const auto& b) { return a.priority < b.priority; });
  std::vector<XmppServerEntry> ordered;
  for (auto group = servers.begin(); group != servers.end();) {
    auto end = std::find_if(group, servers.end(),
                            [&](const auto& s) { return s.priority != group->priority; });
    // RFC 2782: the zero weights first, then draw by running sums over what is left.
    std::vector<XmppServerEntry> left(group, end);
    std::stable_partition(left.begin(), left.end(), [](const auto& s) { return s.weight == 0; });
    while (!left.empty()) {
      uint64_t total = 0;
      for (const auto& s : left) total += s.weight < 0 ? 1 : static_cast<uint64_t>(s.weight);
      const uint64_t pick = std::uniform_int_distribution<uint64_t>(0, total)(*random);
      uint64_t sum = 0;
      auto chosen = left.begin();
      for (; chosen != left.end(); ++chosen) {
        sum += chosen->weight < 0 ? 1 : static_cast<uint64_t>(chosen->weight);
        if (sum >= pick) break;
      }
      if (chosen == left.end()) chosen = left.end() - 1;
      ordered.push_back(*chosen);
      left.erase(chosen);
    }
    group = end;
  }
  return ordered;
}

std::vector<std::string> ReadAllowedJabberIDs(const dm::DataModel& model) {
  return SplitList(Get(model, xmpp::kConnReqAllowedJabberIDs));
}

Status BindXmpp(dm::DataModel* model) {
  // Models loaded from device.xml alone (tests, tools) have no XMPP parameters to check.
  const dm::ObjectDef* ms = model->schema().FindObject("Device.ManagementServer.");
  if (!ms || !ms->FindParam("ConnReqXMPPConnection")) return Status::Ok();
  dm::ParamBinding binding;
  binding.validate = [model](const dm::Context&, const std::string& value) {
    if (value.empty() || !ExistingRow(*model, value).empty()) return Status::Ok();
    return Status::InvalidValue("ConnReqXMPPConnection must name a Device.XMPP.Connection row");
  };
  return model->BindParameter(xmpp::kConnReqXMPPConnection, std::move(binding));
}

Status SeedXmppConnection(dm::DataModel* model, const XmppSeed& seed) {
  const size_t at = seed.jid.find('@');
  const size_t slash = seed.jid.find('/', at == std::string::npos ? 0 : at);
  if (at == 0 || at == std::string::npos || at + 1 >= std::min(slash, seed.jid.size())) {
    return Status::InvalidArguments("xmpp.jid must be user@domain[/resource]");
  }
  uint32_t instance = 0;
  dm::Applied applied;
  Status s = model->AddObject(xmpp::kConnectionTable, dm::Origin::kInternal, &instance, &applied);
  if (!s.ok()) return s;
  const std::string row = std::string(xmpp::kConnectionTable) + std::to_string(instance) + ".";
  const std::string domain = seed.jid.substr(at + 1, slash - at - 1);
  std::vector<std::pair<std::string, std::string>> values = {
      {row + "Username", seed.jid.substr(0, at)},
      {row + "Domain", domain},
      {row + "Resource", slash == std::string::npos ? "" : seed.jid.substr(slash + 1)},
      {row + "Password", seed.password},
      {row + "UseTLS", seed.use_tls ? "true" : "false"},
      {row + "Enable", "true"},
  };
  if (!seed.server.empty()) {
    uint32_t server = 0;
    s = model->AddObject(row + "Server.", dm::Origin::kInternal, &server, &applied);
    if (!s.ok()) return s;
    const std::string srow = row + "Server." + std::to_string(server) + ".";
    const size_t colon = seed.server.rfind(':');
    const bool has_port =
        colon != std::string::npos && seed.server.find(']', colon) == std::string::npos;
    values.push_back(
        {srow + "ServerAddress", has_port ? seed.server.substr(0, colon) : seed.server});
    values.push_back({srow + "Port", has_port ? seed.server.substr(colon + 1) : "5222"});
    values.push_back({srow + "Enable", "true"});
    values.push_back({row + "ServerConnectAlgorithm", "ServerTable"});
  }
  values.push_back({xmpp::kConnReqXMPPConnection, row.substr(0, row.size() - 1)});
  values.push_back({xmpp::kConnReqAllowedJabberIDs, seed.allowed_jids});
  for (const auto& [path, value] : values) {
    s = model->SetValue(path, value, dm::Origin::kInternal);
    if (!s.ok()) return Status(s.code(), path + ": " + s.message());
  }
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
