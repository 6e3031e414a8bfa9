// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/config.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/log.h"

namespace edgecwmp::cwmp {

namespace po = boost::program_options;

bool ParseVersion(const std::string& text, Version* version) {
  for (Version v : {Version::k1_0, Version::k1_1, Version::k1_2, Version::k1_3, Version::k1_4}) {
    if (text == VersionName(v)) {
      *version = v;
      return true;
    }
  }
  return false;
}

namespace {

// The one place where options are named, defaulted and described.
po::options_description FileOptions(AgentConfig* c, std::string* max_version) {
  po::options_description acs(
      "ACS (TR-069 3.4; seeds Device.ManagementServer.URL/Username/Password)");
  // clang-format off
  acs.add_options()
      ("acs.url", po::value(&c->acs_url)->default_value(c->acs_url), "ACS URL (http or https)")
      ("acs.username", po::value(&c->acs_username), "user name for Basic/Digest auth to the ACS")
      ("acs.password", po::value(&c->acs_password), "password for the ACS (never logged)")
      ("acs.allow_basic_over_http",
       po::value(&c->acs_allow_basic_over_http)->default_value(false),
       "answer an ACS's Basic challenge over plain http, i.e. send the password in clear text "
       "(default: Digest only over http, Basic also over https; credentials never go to another "
       "host, port or scheme than acs.url's, whatever a redirect says)")
      ("acs.verify_tls", po::value(&c->acs_tls.verify)->default_value(true),
       "verify the ACS certificate and host name")
      ("acs.ca_file", po::value(&c->acs_tls.ca_file), "PEM file of trusted CAs (default: system)")
      ("acs.ca_path", po::value(&c->acs_tls.ca_path), "directory of hashed CA certificates")
      ("acs.client_cert", po::value(&c->acs_tls.client_cert), "PEM client certificate (mutual TLS)")
      ("acs.client_key", po::value(&c->acs_tls.client_key), "PEM key of the client certificate")
      ("acs.max_version", po::value(max_version)->default_value("1.4"),
       "highest CWMP version to offer (1.0-1.4); lower ones are tried when the ACS refuses it")
      ("acs.timeout", po::value(&c->http_timeout_seconds)->default_value(c->http_timeout_seconds),
       "seconds one HTTP exchange with the ACS may take");
  // clang-format on
  po::options_description cr("Connection requests (TR-069 3.2.2)");
  // clang-format off
  cr.add_options()
      ("cr.enable", po::value(&c->cr_enable)->default_value(true), "listen for connection requests")
      ("cr.address", po::value(&c->cr_address)->default_value(c->cr_address), "listen address")
      ("cr.port", po::value(&c->cr_port)->default_value(c->cr_port), "listen port (0 = any free)")
      ("cr.path", po::value(&c->cr_path)->default_value(c->cr_path), "URL path served")
      ("cr.host", po::value(&c->cr_host),
       "host advertised in ConnectionRequestURL (default: the listen address)")
      ("cr.username", po::value(&c->cr_username),
       "initial ConnectionRequestUsername (empty: requests need no credentials)")
      ("cr.password", po::value(&c->cr_password), "initial ConnectionRequestPassword")
      ("cr.allow_basic", po::value(&c->cr_allow_basic)->default_value(false),
       "accept Basic as well as Digest authentication")
      ("cr.burst", po::value(&c->cr_burst)->default_value(c->cr_burst),
       "connection requests (all channels) accepted back to back before the rate applies; "
       "accepted requests are coalesced into the next session, refused ones get 503")
      ("cr.rate", po::value(&c->cr_rate)->default_value(c->cr_rate),
       "connection requests per second the budget regains once the burst is spent")
      ("cr.udp_enable", po::value(&c->cr_udp_enable)->default_value(true),
       "listen for UDP connection requests (TR-069 Annex G); STUN itself is switched by "
       "Device.ManagementServer.STUNEnable")
      ("cr.udp_address", po::value(&c->cr_udp_address)->default_value(c->cr_udp_address),
       "UDP listen address (IPv4); STUN Binding Requests leave from the same socket")
      ("cr.udp_port", po::value(&c->cr_udp_port)->default_value(c->cr_udp_port),
       "UDP listen port (0 = any free)")
      ("cr.udp_ts_window", po::value(&c->cr_udp_ts_window)->default_value(c->cr_udp_ts_window),
       "seconds a UDP request's ts may differ from this device's clock (either way)");
  // clang-format on
  po::options_description xmpp(
      "XMPP connection requests (TR-069 Annex K; seeds Device.XMPP.Connection.1 and "
      "ManagementServer.ConnReqXMPPConnection / ConnReqAllowedJabberIDs)");
  // clang-format off
  xmpp.add_options()
      ("xmpp.jid", po::value(&c->xmpp_jid),
       "the agent's JID, user@domain[/resource] (empty: no XMPP connection until the ACS adds one)")
      ("xmpp.password", po::value(&c->xmpp_password), "its password on the XMPP server")
      ("xmpp.server", po::value(&c->xmpp_server),
       "host[:port] of the XMPP server (default: DNS SRV lookup of the JID's domain, then port "
       "5222)")
      ("xmpp.use_tls", po::value(&c->xmpp_use_tls)->default_value(c->xmpp_use_tls),
       "require TLS (STARTTLS) with a verified server certificate")
      ("xmpp.ca_file", po::value(&c->xmpp_ca_file),
       "PEM file of CAs trusted for the XMPP server (default: system)")
      ("xmpp.allowed_jids", po::value(&c->xmpp_allowed_jids),
       "comma-separated JIDs allowed to send connection requests (empty: any; a bare JID allows "
       "all its resources)");
  // clang-format on
  po::options_description inform("Inform");
  // clang-format off
  inform.add_options()
      ("inform.periodic_enable", po::value(&c->periodic_enable)->default_value(true),
       "initial PeriodicInformEnable")
      ("inform.periodic_interval", po::value(&c->periodic_interval)
           ->default_value(c->periodic_interval),
       "initial PeriodicInformInterval, seconds")
      ("inform.autonomous_transfer_complete",
       po::value(&c->autonomous_transfer_complete)->default_value(false),
       "initial ManagementServer.AutonomousTransferCompletePolicy.Enable: report transfers the "
       "ACS did not ask for (GenieACS 1.2 refuses them with fault 8000)")
      ("inform.autonomous_du_state_change_complete",
       po::value(&c->autonomous_du_state_change_complete)->default_value(false),
       "initial ManagementServer.DUStateChangeComplPolicy.Enable: report DU changes made "
       "without ChangeDUState");
  // clang-format on
  po::options_description device("Device identity (Device.DeviceInfo; empty = embedded default)");
  // clang-format off
  device.add_options()
      ("device.manufacturer", po::value(&c->identity.manufacturer), "Manufacturer")
      ("device.oui", po::value(&c->identity.manufacturer_oui), "ManufacturerOUI (6 hex digits)")
      ("device.product_class", po::value(&c->identity.product_class), "ProductClass")
      ("device.serial_number", po::value(&c->identity.serial_number),
       "SerialNumber (default: derived from /etc/machine-id)")
      ("device.model_name", po::value(&c->identity.model_name), "ModelName")
      ("device.hardware_version", po::value(&c->identity.hardware_version), "HardwareVersion")
      ("device.software_version", po::value(&c->identity.software_version), "SoftwareVersion");
  // clang-format on
  po::options_description agent("Agent");
  // clang-format off
  agent.add_options()
      ("agent.state_dir", po::value(&c->state_dir)->default_value(c->state_dir),
       "directory for persisted state (data model, events, transfers)")
      ("agent.definitions_dir", po::value(&c->definitions_dir),
       "directory of the TR-181 XML definitions (default: search order of tr181/definitions.h)")
      ("agent.reboot_command", po::value(&c->reboot_command),
       "command run for Reboot (default: the agent re-executes itself)")
      ("agent.factory_reset_command", po::value(&c->factory_reset_command),
       "command run for FactoryReset after the agent's state is wiped")
      ("agent.log_level", po::value(&c->log_level)->default_value(c->log_level),
       "debug, info, warning or error")
      ("agent.value_change_poll", po::value(&c->value_change_poll_seconds)
           ->default_value(c->value_change_poll_seconds),
       "seconds between two checks of notified parameters");
  // clang-format on
  po::options_description transfers(
      "File transfers (TR-069 Download/Upload; handlers run as `<command> <file>`, exit 0 = "
      "success, 10/11/12/16/17/18/19 = fault 90xx, other = 9002)");
  TransferConfig& t = c->transfers;
  // clang-format off
  transfers.add_options()
      ("transfers.download_dir", po::value(&t.download_dir),
       "directory for partial downloads (default: <state_dir>/downloads)")
      ("transfers.max_file_size", po::value(&t.max_file_size)->default_value(t.max_file_size),
       "largest file accepted, bytes (bigger: 9004 at request time, 9010 when found out later)")
      ("transfers.max_queued", po::value(&t.max_queued)->default_value(t.max_queued),
       "transfers queued at once (more: 9004)")
      ("transfers.timeout", po::value(&t.timeout_seconds)->default_value(t.timeout_seconds),
       "seconds one transfer may take")
      ("transfers.firmware_command", po::value(&t.firmware_command),
       "installs a \"1 Firmware Upgrade Image\"; success reboots (without it firmware is refused)")
      ("transfers.web_content_command", po::value(&t.web_content_command),
       "applies \"2 Web Content\" (default: stored in <state_dir>/files/web-content)")
      ("transfers.vendor_config_command", po::value(&t.vendor_config_command),
       "applies \"3 Vendor Configuration File\" (default: stored in <state_dir>/files/vendor-config)")
      ("transfers.edgex_config_command", po::value(&t.edgex_config_command),
       "applies \"X 02EDC0 EdgeX Service Configuration\" (default: stored in files/edgex-config)")
      ("transfers.upload_config_command", po::value(&t.upload_config_command),
       "writes the \"3 Vendor Configuration File\" to upload to $1 (default: the data model's "
       "stored values without any password or other secret parameter)")
      ("transfers.upload_log_command", po::value(&t.upload_log_command),
       "writes the \"4 Vendor Log File\" to upload to $1 (without it log uploads are refused)")
      ("transfers.allow_plain_http_upload",
       po::value(&t.allow_plain_http_upload)->default_value(t.allow_plain_http_upload),
       "accept Upload URLs over plain http (uploads carry the configuration or logs; "
       "otherwise only https, and http is refused with fault 9013)");
  // clang-format on
  po::options_description all;
  all.add(acs).add(cr).add(xmpp).add(inform).add(device).add(agent).add(transfers);
  return all;
}

void PrintConfigTemplate(const po::options_description& options) {
  std::cout << "# cwmpd configuration (INI). Every option can also be given as --section.name.\n";
  std::string section;
  for (const auto& option : options.options()) {
    const std::string& name = option->long_name();
    std::string this_section = name.substr(0, name.find('.'));
    if (this_section != section) {
      section = this_section;
      std::cout << "\n[" << section << "]\n";
    }
    std::string value;
    boost::any any_default;
    if (option->semantic()->apply_default(any_default)) {
      value = option->format_parameter();
      auto open = value.find('('), close = value.rfind(')');
      value = (open != std::string::npos && close > open) ? value.substr(open + 1, close - open - 1)
                                                          : "";
      if (!value.empty() && value[0] == '=') value.erase(0, 1);  // "arg (=5)" → "5"
    }
    std::cout << "# " << option->description() << "\n#" << name.substr(name.find('.') + 1) << " = "
              << value << "\n";
  }
}

}  // namespace

Status LoadConfig(int argc, const char* const* argv, AgentConfig* config, bool* exit_now,
                  const std::vector<const po::options_description*>& extra_sections) {
  *exit_now = false;
  std::string max_version;
  po::options_description file_options = FileOptions(config, &max_version);
  for (const po::options_description* section : extra_sections) file_options.add(*section);
  po::options_description cli("Command line");
  // clang-format off
  cli.add_options()
      ("help,h", "print the options and exit")
      ("version", "print the version and exit")
      ("print-config", "print a complete commented config file and exit")
      ("config,c", po::value(&config->config_file), "read options from this INI file")
      ("once", po::bool_switch(&config->once), "run one session, then exit");
  // clang-format on
  po::options_description all;
  all.add(cli).add(file_options);

  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, all), vm);
    if (vm.count("config")) {
      const std::string path = vm["config"].as<std::string>();
      std::ifstream in(path);
      if (!in) return Status::NotFound("cannot read config file " + path);
      po::store(po::parse_config_file(in, file_options), vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return Status::InvalidArguments(e.what());
  }
  if (vm.count("help")) {
    std::cout << "Usage: cwmpd [options]\n" << all << "\n";
    *exit_now = true;
  } else if (vm.count("version")) {
    std::cout << "cwmpd (edgecwmp) " << EDGECWMP_VERSION << "\n";
    *exit_now = true;
  } else if (vm.count("print-config")) {
    PrintConfigTemplate(file_options);
    *exit_now = true;
  }
  if (!ParseVersion(max_version, &config->max_version)) {
    return Status::InvalidArguments("acs.max_version must be 1.0 .. 1.4, not " + max_version);
  }
  LogLevel level;
  if (!ParseLogLevel(config->log_level, &level)) {
    return Status::InvalidArguments("agent.log_level: unknown level " + config->log_level);
  }
  return Status::Ok();
}

}  // namespace edgecwmp::cwmp
