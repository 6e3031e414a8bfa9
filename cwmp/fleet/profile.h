// SPDX-License-Identifier: GPL-2.0-or-later
// FleetProfile: what every virtual CPE of a fleet shares — the ACS, the identity templates, the
// data model and its value generators, the timing and the scripted misbehaviour — read from a
// hand-written YAML file (yaml-cpp). The format, field by field, with defaults:
//
//   count: 1000                  # virtual CPEs, numbered 0 .. count-1 ({i} below)
//   seed: 1                      # every random choice derives from it: a run is reproducible
//   acs: {url: "http://127.0.0.1:7547/", username: "", password: ""}
//   cwmp_version: "1.4"          # highest namespace offered; a 400 steps down as the agent does
//   identity:                    # templates: {i}, {i:06} (zero-padded), {i:x6} (hex), {i:mac}
//     manufacturer: edgecwmp     #   ({i:mac} = the index as three colon-separated octets)
//     oui: "00D0C9"
//     product_class: FleetGW
//     serial: "FLT{i:08}"
//     mac: "02:00:00:{i:mac}"
//   connection_request:          # one HTTP listener for the fleet; CPE i is /cr/<i>
//     address: 127.0.0.1
//     port: 0                    # 0 = ephemeral
//     host: ""                   # host advertised in ConnectionRequestURL ("" = address)
//     username: "cr{i}"          # Digest credentials per CPE (templates)
//     password: "crpw{i}"
//   datamodel:
//     source: tr181              # our TR-181 definitions, or the path of a captured
//                                # GetParameterValuesResponse (TR-098 InternetGatewayDevice. too)
//     instances: {"Device.Ethernet.Interface.": 1}   # rows every CPE starts with (tr181 only)
//     values: {"Device.DeviceInfo.ModelName": "FleetGW-{i}"}   # templates; also {serial} {mac}
//   generators:                  # live values, a function of (seed, CPE, time): no per-CPE state
//     "Device.DeviceInfo.UpTime": {kind: uptime}
//     "Device.X.Bytes": {kind: counter, start: 0, rate: 1000}          # per second
//     "Device.X.Load": {kind: random_walk, start: 50, step: 5, min: 0, max: 100}
//     "Device.X.Status": {kind: enum, values: [Up, Down]}             # seeded pick per minute
//     "Device.X.Channel": {kind: list, values: ["1", "6", "11"]}      # cycles, one per minute
//   timing:
//     periodic_interval: 3600    # seconds; each period is spread by +-jitter
//     jitter: 60
//     boot_ramp: 50              # CPEs booting per second
//     retry_min_wait: 5          # TR-069 3.2.1.1 back-off (CWMPRetryMinimumWaitInterval)
//     retry_multiplier: 2000     # CWMPRetryIntervalMultiplier
//     workers: 8                 # sessions running at once
//     http_timeout_ms: 30000
//   transfers: {delay: 1, fault: 0}   # Download/Upload complete after delay s with this fault
//   misbehaviour:                # each entry: kind, fraction (0..1 of the CPEs, chosen by seed)
//     - {kind: slow_answers, fraction: 0.1, delay_ms: 2000, message: "*"}
//     - {kind: drop_answer, fraction: 0.05, message: GetParameterValuesResponse}
//     - {kind: fault, fraction: 0.05, rpc: SetParameterValues, code: 9002}
//     - {kind: fault, fraction: 0.05, rpc: Download, file_type: "1 Firmware Upgrade Image",
//        code: 9010}
//     - {kind: cut_connection, fraction: 0.01, after: 1}   # closed after the 1st answer
//     - {kind: missing_cookie, fraction: 0.01}
//     - {kind: garbled_xml, fraction: 0.01, message: Inform}
//     - {kind: wrong_id, fraction: 0.01}
//     - {kind: refuse_transfer, fraction: 0.01, code: 9010}
//     - {kind: reboot_storm, fraction: 0.01, every: 60}     # reboots every 60 s
//
// "message" names the CPE message the misbehaviour applies to ("Inform",
// "GetParameterValuesResponse", ...; "*" = every one, the default).
#ifndef EDGECWMP_CWMP_FLEET_PROFILE_H_
#define EDGECWMP_CWMP_FLEET_PROFILE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace edgecwmp::cwmp::fleet {

// Replaces {i}, {i:0N}, {i:xN} and {i:mac} with |index|. Unknown {...} is kept as written.
std::string ExpandTemplate(std::string_view text, uint64_t index);

struct GeneratorSpec {
  enum class Kind { kCounter, kRandomWalk, kUptime, kEnum, kList };
  Kind kind = Kind::kCounter;
  double start = 0, rate = 1, step = 1, min = 0, max = 100;
  std::vector<std::string> values;  // enum, list
};

enum class MisbehaviourKind {
  kSlowAnswers,
  kDropAnswer,
  kFault,
  kCutConnection,
  kMissingCookie,
  kGarbledXml,
  kWrongId,
  kRefuseTransfer,
  kRebootStorm,
};
const char* MisbehaviourName(MisbehaviourKind kind);

struct Misbehaviour {
  MisbehaviourKind kind = MisbehaviourKind::kSlowAnswers;
  double fraction = 0;
  std::string message = "*";  // the CPE message it applies to
  std::string rpc;            // kFault: the ACS method answered with the fault
  std::string file_type;      // kFault on Download/Upload: only this FileType ("" = any)
  uint32_t code = 9002;       // kFault, kRefuseTransfer
  uint32_t delay_ms = 1000;   // kSlowAnswers
  uint32_t after = 1;         // kCutConnection: answers received before the cut
  uint32_t every = 60;        // kRebootStorm: seconds between reboots

  bool AppliesTo(std::string_view cpe_message) const {
    return message == "*" || message == cpe_message;
  }
};

struct FleetProfile {
  uint64_t count = 1000;
  uint64_t seed = 1;
  std::string acs_url = "http://127.0.0.1:7547/";
  std::string acs_username, acs_password;
  std::string cwmp_version = "1.4";

  std::string manufacturer = "edgecwmp";
  std::string oui = "00D0C9";
  std::string product_class = "FleetGW";
  std::string serial = "FLT{i:08}";
  std::string mac = "02:00:00:{i:mac}";

  std::string cr_address = "127.0.0.1";
  uint16_t cr_port = 0;
  std::string cr_host;
  std::string cr_username = "cr{i}";
  std::string cr_password = "crpw{i}";

  std::string datamodel_source = "tr181";
  std::map<std::string, uint32_t> instances;  // table path → rows
  std::map<std::string, std::string> values;  // path → template
  std::map<std::string, GeneratorSpec> generators;

  uint32_t periodic_interval = 3600;
  uint32_t jitter = 60;
  double boot_ramp = 50;
  uint32_t retry_min_wait = 5;
  uint32_t retry_multiplier = 2000;
  uint32_t workers = 8;
  uint32_t http_timeout_ms = 30000;

  uint32_t transfer_delay = 1;
  uint32_t transfer_fault = 0;

  std::vector<Misbehaviour> misbehaviour;
};

// Parses the YAML text of a profile; errors (kInvalidArguments) name the field and the line.
Status ParseProfile(std::string_view yaml, FleetProfile* out);
Status LoadProfile(const std::string& path, FleetProfile* out);

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_PROFILE_H_
