// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexDouble: a loopback test double of an EdgeX 4.x service (and of core-keeper's registry, and
// of Consul's agent catalogue) serving the JSON shapes of ../shared/edgex/core-keeper-v4.yaml:
// GET /api/v3/ping, /api/v3/version, /api/v3/config, /api/v3/registry/all, and Consul's
// GET /v1/agent/services. With a token set it answers 401 (EdgeX ErrorResponse) unless the request
// carries "Authorization: Bearer <token>".
#ifndef EDGECWMP_TESTS_EDGEX_EDGEX_DOUBLE_H_
#define EDGECWMP_TESTS_EDGEX_EDGEX_DOUBLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex::test {

// core-keeper-v4.yaml components/examples/MultiRegistrationsResponseExample, as JSON.
extern const char* const kMultiRegistrationsResponseExample;
// core-keeper-v4.yaml GET /config 200 example's "config" object, as JSON.
extern const char* const kCoreKeeperConfigExample;
// A registry/all answer (the example's shape) registering core-data as host edgex-core-data at
// |port|, e.g. that of an EdgexDouble standing for core-data.
std::string CoreDataRegistryJson(uint16_t port);

struct EdgexDoubleOptions {
  std::string service_name = "core-keeper";
  std::string version = "4.0.0";          // /version example
  std::string config_json = kCoreKeeperConfigExample;
  std::string registry_json = kMultiRegistrationsResponseExample;
  std::string consul_services_json = "{}";
  std::string token;                      // "" = no authentication
};

class EdgexDouble {
 public:
  explicit EdgexDouble(EdgexDoubleOptions options);
  ~EdgexDouble();

  Status Start();  // 127.0.0.1, ephemeral port
  void Stop();
  uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>"
  std::vector<std::string> requests();              // "GET /api/v3/ping", ...
  std::vector<std::string> authorization_headers();  // as received, "" when absent

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_EDGEX_DOUBLE_H_
