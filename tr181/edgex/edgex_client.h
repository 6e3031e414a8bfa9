// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexClient: the EdgeX REST API as the agent needs it: which services exist (core-keeper's
// registry, or Consul's agent catalogue on older releases) and, per service, ping, version and
// configuration (flattened to dotted keys). Every call has a timeout; a service that is down is a
// Status for the caller to show as health, never an exception. The secure-mode bearer token is
// sent as "Authorization: Bearer <token>" and never appears in a Status message.
#ifndef EDGECWMP_TR181_EDGEX_EDGEX_CLIENT_H_
#define EDGECWMP_TR181_EDGEX_EDGEX_CLIENT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex {

enum class RegistryKind : uint8_t { kCoreKeeper, kConsul };

struct EdgexClientOptions {
  RegistryKind registry = RegistryKind::kCoreKeeper;
  // core-keeper (EdgeX 3.1+) listens on 59890; Consul on 8500.
  std::string registry_url = "http://localhost:59890";
  std::string bearer_token;  // secure mode (API gateway JWT); "" = none
  long connect_timeout_ms = 1000;
  long timeout_ms = 3000;
  // Services are reached at http://<host>:<port> from the registry; set this to reach them
  // elsewhere (e.g. "localhost" when the agent runs on the Docker host).
  std::string service_host_override;
  // Replace the values of secret-looking keys (…Password, …Token, …Secret) in Config().
  bool redact_secrets = true;
};

// One registered service (core-keeper's Registration; Consul's AgentService).
struct Registration {
  std::string service_id;  // "core-data"
  std::string status;      // core-keeper: "UP", "DOWN", ...; Consul: "" (unknown)
  std::string host;        // "edgex-core-data"
  uint16_t port = 0;
  std::string health_path;      // "/api/v3/ping"
  std::string health_interval;  // "10s"
  int64_t last_connected_ms = 0;
};

struct PingInfo {
  std::string api_version, timestamp, service_name;
};

struct VersionInfo {
  std::string api_version, version, service_name;
};

using ConfigEntries = std::vector<std::pair<std::string, std::string>>;  // "Service.Port" → "59880"

// Flattens a JSON value to dotted keys: objects by member name, arrays by 0-based index; strings
// verbatim, numbers and booleans as JSON text, null as "". Sorted by key.
ConfigEntries FlattenJson(const std::string& json_text, bool redact_secrets, Status* status);

struct EdgexCallOptions {
  std::string bearer_token;  // "" = none
  long connect_timeout_ms = 1000;
  long timeout_ms = 3000;
};

// One JSON request to an EdgeX service (|body| "" = none): the 2xx answer's body, or a Status:
// 401/403 RequestDenied, 404 NotFound, others Internal, with the ErrorResponse's message.
Status EdgexCall(const EdgexCallOptions& options, const std::string& method, const std::string& url,
                 const std::string& body, std::string* response_body);

class EdgexClient {
 public:
  explicit EdgexClient(EdgexClientOptions options);

  Status ListRegistrations(std::vector<Registration>* out) const;

  // "http://host:port" for a registered service (service_host_override applied).
  std::string BaseUrl(const Registration& registration) const;

  // |base_url| is "http://host:port"; the paths are /api/v3/ping, /api/v3/version, /api/v3/config.
  Status Ping(const std::string& base_url, PingInfo* out) const;
  Status Version(const std::string& base_url, VersionInfo* out) const;
  Status Config(const std::string& base_url, ConfigEntries* out) const;

 private:
  Status GetJson(const std::string& url, std::string* body) const;

  EdgexClientOptions options_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_EDGEX_CLIENT_H_
