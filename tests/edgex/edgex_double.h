// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexDouble: a loopback test double of an EdgeX 4.x service (and of core-keeper's registry, and
// of Consul's agent catalogue) serving the JSON shapes of ../shared/edgex/core-keeper-v4.yaml:
// GET /api/v3/ping, /api/v3/version, /api/v3/config, /api/v3/registry/all, and Consul's
// GET /v1/agent/services. As core-metadata (core-metadata-v4.yaml) it serves GET
// /api/v3/{device,deviceservice,deviceprofile}/all?offset=&limit= (Multi*Response, paged, limit
// default 20, -1 = all) and PATCH /api/v3/device and /api/v3/deviceservice (an array of
// Update*Request; applies adminState/operatingState by name and answers 207 with one
// BaseResponse per request, 404 for an unknown name), recording each PATCH body. With a token
// set it answers 401 (EdgeX ErrorResponse) unless the request carries
// "Authorization: Bearer <token>".
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
// core-metadata-v4.yaml examples GetAllDevicesResponse ("devices"), the /deviceservice/all
// example ("services") and GetAllDeviceProfilesResponse ("profiles"): their arrays, as JSON.
extern const char* const kDevicesExample;
extern const char* const kDeviceServicesExample;
extern const char* const kDeviceProfilesExample;
// A registry/all answer (the example's shape) registering core-data as host edgex-core-data at
// |port|, e.g. that of an EdgexDouble standing for core-data.
std::string CoreDataRegistryJson(uint16_t port);

struct EdgexDoubleOptions {
  std::string service_name = "core-keeper";
  std::string version = "4.0.0";  // /version example
  std::string config_json = kCoreKeeperConfigExample;
  std::string registry_json = kMultiRegistrationsResponseExample;
  std::string consul_services_json = "{}";
  std::string token;                           // "" = no authentication
  std::string devices_json = kDevicesExample;  // core-metadata's lists (JSON arrays)
  std::string device_services_json = kDeviceServicesExample;
  std::string device_profiles_json = kDeviceProfilesExample;
};

class EdgexDouble {
 public:
  explicit EdgexDouble(EdgexDoubleOptions options);
  ~EdgexDouble();

  Status Start();  // 127.0.0.1, ephemeral port
  void Stop();
  uint16_t port() const;
  std::string base_url() const;                      // "http://127.0.0.1:<port>"
  std::vector<std::string> requests();               // "GET /api/v3/ping", ...
  std::vector<std::string> authorization_headers();  // as received, "" when absent
  std::vector<std::string> patch_bodies();           // "PATCH /api/v3/device <body>", ...

  // core-metadata's state as the device service would report it. False if no such device.
  bool SetOperatingState(const std::string& device, const std::string& state);
  std::string AdminState(const std::string& device);  // "" if no such device

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_EDGEX_DOUBLE_H_
