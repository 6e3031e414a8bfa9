// SPDX-License-Identifier: GPL-2.0-or-later
// Service definitions, the files an ACS installs EdgeX services from as Deployment Units: a JSON
// document in the services-file format of tr181/edgex/service_config.h with exactly one service
// (as {"services": [..]} or the bare service object), plus optional "version", "description" and
// "vendor". Fetching one over HTTP(S) and parsing it answer 0 or the TR-069 fault code
// (base/fault_codes.h) with the reason. What the ACS installed is kept, definition included, in
// <state_dir>/edgex-deployment-units.json, written atomically, and read back at the next start.
// Plain functions, no shared state.
#ifndef EDGECWMP_TR181_EDGEX_SERVICE_DEFINITION_H_
#define EDGECWMP_TR181_EDGEX_SERVICE_DEFINITION_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "tr181/edgex/process_executor.h"

namespace edgecwmp::edgex {

struct ServiceDefinition {
  nlohmann::json object;  // the service object as received
  ServiceSpec spec;
  std::string version, description, vendor;  // "" when absent
};

// Parses |body|: OK, or fault 9018 (not a definition) with the reason as its message.
Status ParseServiceDefinition(const std::string& body, ServiceDefinition* out);
// The same from a parsed document (a discarded one is not a definition).
Status ParseServiceDefinitionJson(nlohmann::json doc, ServiceDefinition* out);

// Fault 9018 when |body| is over |max_bytes|, else OK.
Status CheckDefinitionSize(const std::string& body, size_t max_bytes);

struct DefinitionFetch {
  std::string url;  // https:// (http:// when allow_http); anything else → 9013
  bool allow_http = false;
  std::string username, password;  // HTTP Basic when |username| is not empty
  std::string ca_file, ca_path;    // https: trusted CAs ("" = the system's)
  long timeout_ms = 30000;
  size_t max_bytes = 256 * 1024;  // a larger body → 9018
};

// GETs the definition into |body|: OK, or the TR-069 transfer fault (9012, 9013, 9015, 9016,
// 9018) with the reason as its message (never the password). Redirects are not followed.
Status FetchServiceDefinition(const DefinitionFetch& fetch, std::string* body);

// A Deployment Unit as the backend keeps it: one the ACS installed, or what a configured service
// looks like as a DU.
struct DeploymentUnitRecord {
  std::string uuid, url, version, description, vendor;
  std::string status = "Installed";  // Installing / Installed / Updating / Uninstalling
  bool installed_by_acs = false;
  nlohmann::json definition;  // the service object as fetched (installed_by_acs only)
};

// Writes the records of |units| (by service name) the ACS installed and that are not still
// installing. An empty |state_dir| persists nothing.
Status SaveInstalledUnits(const std::string& state_dir,
                          const std::map<std::string, DeploymentUnitRecord>& units);
// Reads them back into |units| (by service name) and their services into |specs|. No file is no
// units; a damaged file or record is reported in |warning| and skipped. A record without a
// "uuid" comes back with an empty one (the caller derives it).
void LoadInstalledUnits(const std::string& state_dir,
                        std::map<std::string, DeploymentUnitRecord>* units,
                        std::vector<ServiceSpec>* specs, std::string* warning);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_SERVICE_DEFINITION_H_
