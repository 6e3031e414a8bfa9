// SPDX-License-Identifier: GPL-2.0-or-later
// The agent's side of UDP connection requests and STUN (TR-069 Annex G): it starts the
// UdpConnectionRequestServer on the shared budget, feeds it the live ManagementServer.STUN*
// values, and publishes the binding it learns (UDPConnectionRequestAddress, NATDetected) from
// the main loop, where the value change (active notification from the factory) starts a session.
#include <cstdlib>

#include "base/log.h"
#include "cwmp/agent/agent_internal.h"

namespace edgecwmp::cwmp {

using namespace agent_internal;  // NOLINT

namespace {

// The host of an http(s) URL ("" when none): the STUN server when STUNServerAddress is empty
// (TR-181: "the CPE MUST use the address of the ACS extracted from the host portion of the ACS
// URL").
std::string UrlHost(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  std::string authority = url.substr(scheme + 3, url.find_first_of("/?#", scheme + 3) - scheme - 3);
  authority = authority.substr(authority.rfind('@') + 1);         // npos + 1 = 0
  if (!authority.empty() && authority.front() == '[') return "";  // IPv6: STUN is IPv4 here
  return authority.substr(0, authority.find(':'));
}

StunSettings ReadStunSettings(dm::DataModel* m) {
  auto get = [m](const char* name) {
    std::string value;
    // Unreadable reads as unset, which leaves STUN disabled.
    if (!m->GetValue(Ms(name), &value).ok()) return std::string();
    return value;
  };
  StunSettings s;
  s.enable = get("STUNEnable") == "true" || get("STUNEnable") == "1";
  s.server = get("STUNServerAddress");
  if (s.server.empty()) s.server = UrlHost(get("URL"));
  s.port = static_cast<uint16_t>(std::strtoul(get("STUNServerPort").c_str(), nullptr, 10));
  if (s.port == 0) s.port = 3478;  // the STUN default port (RFC 5389)
  s.username = get("STUNUsername");
  s.password = get("STUNPassword");
  s.max_keepalive_seconds =
      static_cast<int32_t>(std::strtol(get("STUNMaximumKeepAlivePeriod").c_str(), nullptr, 10));
  s.min_keepalive_seconds =
      static_cast<uint32_t>(std::strtoul(get("STUNMinimumKeepAlivePeriod").c_str(), nullptr, 10));
  return s;
}

}  // namespace

Status Agent::Rep::StartUdpConnectionRequests() {
  if (!config.cr_enable || !config.cr_udp_enable) return Status::Ok();
  UdpConnectionRequestServerConfig udp;
  udp.address = config.cr_udp_address;
  udp.port = config.cr_udp_port;
  udp.budget = connection_request_budget;
  udp.validator.freshness_window_seconds = config.cr_udp_ts_window;
  dm::DataModel* m = model.get();
  // The model is written from the main loop only: the UDP thread leaves the binding here.
  auto on_binding = [this](const UdpBinding& binding) {
    {
      std::lock_guard<std::mutex> lock(mu);
      pending_udp_binding = binding;
    }
    Raise(&wake);
  };
  udp_connection_requests = std::make_unique<UdpConnectionRequestServer>(
      udp, ConnectionRequestCredentials(), [m] { return ReadStunSettings(m); },
      ConnectionRequestSignal(), on_binding);
  Status s = udp_connection_requests->Start();
  if (!s.ok()) return s;
  // Known before the boot Inform (as ConnectionRequestURL is), so a fixed port is no value
  // change at every start; a STUN mapping follows when the thread learns one.
  if (!ReadStunSettings(m).enable) {
    {
      std::lock_guard<std::mutex> lock(mu);
      pending_udp_binding = udp_connection_requests->local_binding();
    }
    ApplyUdpBinding();
  }
  Log(LogLevel::kInfo, kComponent, "UDP connection requests on port ",
      udp_connection_requests->port());
  return Status::Ok();
}

void Agent::Rep::ApplyUdpBinding() {
  std::optional<UdpBinding> binding;
  {
    std::lock_guard<std::mutex> lock(mu);
    binding.swap(pending_udp_binding);
  }
  if (!binding) return;
  for (const auto& [name, value] :
       {std::pair<const char*, std::string>{"UDPConnectionRequestAddress", binding->address},
        {"NATDetected", binding->nat_detected ? "true" : "false"}}) {
    Status s = model->SetValue(Ms(name), value, dm::Origin::kInternal);
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, "cannot set ", name, ": ", s.ToString());
  }
}

}  // namespace edgecwmp::cwmp
