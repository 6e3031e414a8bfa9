// SPDX-License-Identifier: GPL-2.0-or-later
// AgentConfig: every setting of the daemon, read from the command line and an INI-style config file
// (command line wins). Each option is described once, in config.cc; `cwmpd --help` prints those
// descriptions and `cwmpd --print-config` prints a complete commented config file made from them.
// ManagementServer values here (ACS URL and credentials, periodic Inform, connection-request
// credentials) are factory defaults: they seed the data model when it has no stored value, and the
// ACS's own changes (persisted in the data model) win afterwards.
#ifndef EDGECWMP_CWMP_AGENT_CONFIG_H_
#define EDGECWMP_CWMP_AGENT_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/http_client.h"
#include "base/status.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/transfers/file_handlers.h"
#include "tr181/device_info.h"

namespace boost::program_options {
class options_description;
}  // namespace boost::program_options

namespace edgecwmp::cwmp {

struct AgentConfig {
  std::string config_file;  // where the file options came from ("" = none)

  // [acs]
  std::string acs_url = "http://127.0.0.1:7547/";
  std::string acs_username;
  std::string acs_password;
  bool acs_allow_basic_over_http = false;
  TlsClientOptions acs_tls;
  Version max_version = Version::k1_4;
  uint32_t http_timeout_seconds = 30;

  // [cr] connection requests (TR-069 3.2.2)
  bool cr_enable = true;
  std::string cr_address = "0.0.0.0";
  uint16_t cr_port = 7547;
  std::string cr_path = "/";
  std::string cr_host;  // advertised host in ConnectionRequestURL ("" = cr_address or this host's)
  std::string cr_username;
  std::string cr_password;
  bool cr_allow_basic = false;
  // The connection-request token bucket every channel shares (connection_request_budget.h).
  uint32_t cr_burst = 256;
  double cr_rate = 10;
  // UDP connection requests and STUN (TR-069 Annex G; cwmp/transport/udp_connection_request*.h)
  bool cr_udp_enable = true;
  std::string cr_udp_address = "0.0.0.0";
  uint16_t cr_udp_port = 7547;
  int64_t cr_udp_ts_window = 300;

  // [xmpp] XMPP connection requests (TR-069 Annex K): factory defaults of Device.XMPP.Connection.1
  // and ManagementServer.ConnReq* (seeded like [acs]; afterwards the ACS owns them).
  std::string xmpp_jid;  // user@domain[/resource]; "" = no XMPP connection seeded
  std::string xmpp_password;
  std::string xmpp_server;  // host[:port] ("" = DNS SRV lookup of the JID's domain)
  bool xmpp_use_tls = true;
  std::string xmpp_allowed_jids;  // comma-separated ConnReqAllowedJabberIDs ("" = any sender)
  std::string xmpp_ca_file;  // trust store for the XMPP server's certificate ("" = the system's)

  // [inform]
  bool periodic_enable = true;
  uint32_t periodic_interval = 3600;
  // Seeds of the autonomous-completion policies' Enable (cwmp/agent/autonomous_policy.h).
  bool autonomous_transfer_complete = false;
  bool autonomous_du_state_change_complete = false;

  // [device]
  tr181::DeviceIdentity identity;

  // [agent]
  std::string state_dir = "/var/lib/edgecwmp";
  std::string definitions_dir;        // "" = tr181::DefinitionsDir() search order
  std::string reboot_command;         // "" = re-execute the agent (a software-only "reboot")
  std::string factory_reset_command;  // run after the state is wiped, before the restart
  std::string log_level = "info";
  uint32_t value_change_poll_seconds = 5;
  bool once = false;  // one session, then exit (scripts, tests)

  // [transfers] (cwmp/transfers/file_handlers.h); state_dir and tls are filled from [agent] / [acs]
  TransferConfig transfers;
};

// Fills |config| from |argv| (and the file named by --config, if any). |exit_now| is set when the
// command line asked for --help / --version / --print-config (already printed to stdout).
// |extra_sections| are more file options owned by the composition root (e.g. the [edgex] section
// of tr181/edgex/edgex_module.h), parsed, checked and printed with the agent's own.
Status LoadConfig(
    int argc, const char* const* argv, AgentConfig* config, bool* exit_now,
    const std::vector<const boost::program_options::options_description*>& extra_sections = {});

bool ParseVersion(const std::string& text, Version* version);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_AGENT_CONFIG_H_
