// SPDX-License-Identifier: GPL-2.0-or-later
// MetadataClient: EdgeX core-metadata (../shared/edgex/core-metadata-v4.yaml) as the agent needs
// it: the devices, device services and device profiles (GET /api/v3/{device,deviceservice,
// deviceprofile}/all, paged with offset/limit until totalCount is reached), and AdminState
// changes through the documented update API (PATCH /api/v3/device and /api/v3/deviceservice with
// a one-element array of Update*Request: {"apiVersion": "v3", "device": {"name", "adminState"}}).
// Every call has a timeout; the bearer token never appears in a Status message.
#ifndef EDGECWMP_TR181_EDGEX_METADATA_CLIENT_H_
#define EDGECWMP_TR181_EDGEX_METADATA_CLIENT_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex {

struct MetadataClientOptions {
  std::string base_url = "http://localhost:59881";  // core-metadata's default port
  std::string bearer_token;                         // secure mode; "" = none
  long connect_timeout_ms = 1000;
  long timeout_ms = 3000;
  int page_limit = 200;  // items per request; a list of up to this many is one request
};

// The fields of core-metadata's Device the agent shows. core-metadata v4 reports no
// lastConnected/lastReported for a device, so there are none here.
struct MetadataDevice {
  std::string name, service_name, profile_name, admin_state, operating_state;
  std::vector<std::string> labels;
};

struct MetadataDeviceService {
  std::string name, base_address, admin_state;
};

struct MetadataDeviceProfile {
  std::string name, manufacturer, model;
};

class MetadataClient {
 public:
  explicit MetadataClient(MetadataClientOptions options);

  // Each sorted by name.
  Status ListDevices(std::vector<MetadataDevice>* out) const;
  Status ListDeviceServices(std::vector<MetadataDeviceService>* out) const;
  Status ListDeviceProfiles(std::vector<MetadataDeviceProfile>* out) const;

  // |admin_state| is LOCKED or UNLOCKED. Fails unless core-metadata's 207 answer reports
  // statusCode 200 for the one update sent.
  Status SetDeviceAdminState(const std::string& device, const std::string& admin_state) const;
  Status SetDeviceServiceAdminState(const std::string& service,
                                    const std::string& admin_state) const;

 private:
  struct Page;
  Status ListAll(const std::string& what, const char* array_key, Page* page) const;
  Status Patch(const std::string& what, const char* object_key, const std::string& name,
               const std::string& admin_state) const;
  Status Call(const std::string& method, const std::string& url, const std::string& body,
              std::string* response_body) const;

  MetadataClientOptions options_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_METADATA_CLIENT_H_
