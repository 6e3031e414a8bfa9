// SPDX-License-Identifier: GPL-2.0-or-later
// core-metadata's devices, device services and device profiles: the client against the loopback
// double serving core-metadata-v4.yaml's shapes (paging, the documented PATCH body), and
// Device.X_EDGECWMP_EdgeX. bound on a real data model with the project's definitions.
#define BOOST_TEST_MODULE edgex_devices
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "datamodel/datamodel.h"
#include "datamodel/schema.h"
#include "tests/edgex/edgex_double.h"
#include "tr181/edgex/edgex_devices.h"
#include "tr181/edgex/metadata_client.h"

namespace edgecwmp::edgex {
namespace {

using test::EdgexDouble;
using test::EdgexDoubleOptions;

constexpr const char* kRoot = "Device.X_EDGECWMP_EdgeX.";

// |count| devices named device-000 ..., in core-metadata's Device shape.
std::string ManyDevices(int count) {
  nlohmann::json devices = nlohmann::json::array();
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "device-%03d", i);
    devices.push_back({{"name", name},
                       {"adminState", "UNLOCKED"},
                       {"operatingState", "UP"},
                       {"serviceName", "device-virtual"},
                       {"profileName", "p"}});
  }
  return devices.dump();
}

MetadataClient ClientFor(const EdgexDouble& metadata, int page_limit = 200) {
  MetadataClientOptions options;
  options.base_url = metadata.base_url();
  options.page_limit = page_limit;
  return MetadataClient(options);
}

BOOST_AUTO_TEST_CASE(ListsParseCoreMetadatasExamplesInOneRequestEach) {
  EdgexDouble metadata{EdgexDoubleOptions()};
  BOOST_REQUIRE(metadata.Start().ok());
  MetadataClient client = ClientFor(metadata);
  std::vector<MetadataDevice> devices;
  std::vector<MetadataDeviceService> services;
  std::vector<MetadataDeviceProfile> profiles;
  BOOST_REQUIRE(client.ListDevices(&devices).ok());
  BOOST_REQUIRE(client.ListDeviceServices(&services).ok());
  BOOST_REQUIRE(client.ListDeviceProfiles(&profiles).ok());
  BOOST_CHECK(metadata.requests() ==
              (std::vector<std::string>{"GET /api/v3/device/all?offset=0&limit=200",
                                        "GET /api/v3/deviceservice/all?offset=0&limit=200",
                                        "GET /api/v3/deviceprofile/all?offset=0&limit=200"}));
  BOOST_REQUIRE_EQUAL(devices.size(), 2u);
  BOOST_CHECK_EQUAL(devices[0].name, "Random-Boolean-Device");
  BOOST_CHECK_EQUAL(devices[0].service_name, "device-virtual");
  BOOST_CHECK_EQUAL(devices[0].profile_name, "Random-Boolean-Device");
  BOOST_CHECK_EQUAL(devices[0].admin_state, "UNLOCKED");
  BOOST_CHECK_EQUAL(devices[0].operating_state, "UP");
  BOOST_CHECK(devices[0].labels == std::vector<std::string>{"device-virtual-example"});
  BOOST_REQUIRE_EQUAL(services.size(), 1u);
  BOOST_CHECK_EQUAL(services[0].base_address, "http://edgex-device-virtual:59990");
  BOOST_REQUIRE_EQUAL(profiles.size(), 2u);
  BOOST_CHECK_EQUAL(profiles[0].name, "Device-Modbus-Profile");  // sorted by name
  BOOST_CHECK_EQUAL(profiles[0].manufacturer, "IOTech");
  BOOST_CHECK_EQUAL(profiles[0].model, "Device-Modbus-01");
}

BOOST_AUTO_TEST_CASE(PagesUntilTotalCount) {
  EdgexDoubleOptions options;
  options.devices_json = ManyDevices(45);
  EdgexDouble metadata{options};
  BOOST_REQUIRE(metadata.Start().ok());
  std::vector<MetadataDevice> devices;
  BOOST_REQUIRE(ClientFor(metadata, 20).ListDevices(&devices).ok());
  BOOST_CHECK_EQUAL(devices.size(), 45u);
  BOOST_CHECK_EQUAL(devices.back().name, "device-044");
  BOOST_CHECK(metadata.requests() ==
              (std::vector<std::string>{"GET /api/v3/device/all?offset=0&limit=20",
                                        "GET /api/v3/device/all?offset=20&limit=20",
                                        "GET /api/v3/device/all?offset=40&limit=20"}));
}

BOOST_AUTO_TEST_CASE(AdminStateIsTheDocumentedPatch) {
  EdgexDouble metadata{EdgexDoubleOptions()};
  BOOST_REQUIRE(metadata.Start().ok());
  MetadataClient client = ClientFor(metadata);
  BOOST_REQUIRE(client.SetDeviceAdminState("Random-Boolean-Device", "LOCKED").ok());
  BOOST_CHECK_EQUAL(metadata.AdminState("Random-Boolean-Device"), "LOCKED");
  BOOST_REQUIRE(client.SetDeviceServiceAdminState("device-virtual", "LOCKED").ok());
  BOOST_CHECK(metadata.patch_bodies() ==
              (std::vector<std::string>{
                  R"(PATCH /api/v3/device [{"apiVersion":"v3","device":{"adminState":"LOCKED",)"
                  R"("name":"Random-Boolean-Device"}}])",
                  R"(PATCH /api/v3/deviceservice [{"apiVersion":"v3","service":{"adminState":)"
                  R"("LOCKED","name":"device-virtual"}}])"}));
  // core-metadata's per-request statusCode decides: an unknown device is a failure.
  Status st = client.SetDeviceAdminState("No-Such-Device", "LOCKED");
  BOOST_CHECK(st.code() == Status::NotFound("").code());
  BOOST_CHECK(!client.SetDeviceAdminState("Random-Boolean-Device", "locked").ok());
  BOOST_CHECK_EQUAL(metadata.patch_bodies().size(), 3u);  // the invalid value was not sent
}

BOOST_AUTO_TEST_CASE(UnreachableMetadataIsAStatus) {
  EdgexDouble metadata{EdgexDoubleOptions()};
  BOOST_REQUIRE(metadata.Start().ok());
  MetadataClient client = ClientFor(metadata);
  metadata.Stop();
  std::vector<MetadataDevice> devices;
  BOOST_CHECK(!client.ListDevices(&devices).ok());
}

struct ModelFixture {
  dm::Schema schema;
  EdgexDouble metadata{EdgexDoubleOptions()};
  std::unique_ptr<MetadataClient> client;
  std::atomic<int> changes{0};
  std::unique_ptr<EdgexDevices> devices;
  std::unique_ptr<dm::DataModel> model;

  ModelFixture() {
    const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
    BOOST_REQUIRE_MESSAGE(source != nullptr, "EDGECWMP_SOURCE_DIR is not set (run through ctest)");
    for (const char* file : {"/tr181/device.xml", "/tr181/edgex/edgex.xml"}) {
      Status st = schema.LoadFile(std::string(source) + file);
      BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
    }
    BOOST_REQUIRE(metadata.Start().ok());
    client = std::make_unique<MetadataClient>(ClientFor(metadata));
    devices = std::make_unique<EdgexDevices>(client.get(), [this] { ++changes; });
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    BOOST_REQUIRE(devices->Bind(model.get()).ok());
    BOOST_REQUIRE(model->Load().ok());
    BOOST_REQUIRE(devices->Poll().ok());
  }
  std::string Get(const std::string& name) {
    std::string value;
    Status st = model->GetValue(kRoot + name, &value);
    BOOST_CHECK_MESSAGE(st.ok(), name << ": " << st.message());
    return value;
  }
  Status Set(const std::string& name, const std::string& value) {
    std::vector<dm::ParameterFault> faults;
    dm::Applied applied = dm::Applied::kNow;
    return model->SetValues({dm::ParameterSet{kRoot + name, value}}, dm::Origin::kAcs, &faults,
                            &applied);
  }
};

BOOST_FIXTURE_TEST_CASE(TablesShowCoreMetadata, ModelFixture) {
  BOOST_CHECK_EQUAL(Get("DeviceNumberOfEntries"), "2");
  BOOST_CHECK_EQUAL(Get("DeviceServiceNumberOfEntries"), "1");
  BOOST_CHECK_EQUAL(Get("DeviceProfileNumberOfEntries"), "2");
  BOOST_CHECK_EQUAL(Get("Device.1.Name"), "Random-Boolean-Device");
  BOOST_CHECK_EQUAL(Get("Device.1.ServiceName"), "device-virtual");
  BOOST_CHECK_EQUAL(Get("Device.1.Labels"), "device-virtual-example");
  BOOST_CHECK_EQUAL(Get("Device.2.OperatingState"), "UP");
  BOOST_CHECK_EQUAL(Get("DeviceService.1.BaseAddress"), "http://edgex-device-virtual:59990");
  BOOST_CHECK_EQUAL(Get("DeviceProfile.2.Model"), "Device-Virtual-01");
}

BOOST_FIXTURE_TEST_CASE(DeviceGoingDownIsAChangeAndKeepsItsNumber, ModelFixture) {
  const int first_sight = changes.load();  // the fixture's poll filled the tables
  BOOST_REQUIRE(devices->Poll().ok());
  BOOST_CHECK_EQUAL(changes.load(), first_sight);  // nothing moved
  BOOST_REQUIRE(metadata.SetOperatingState("Random-UnsignedInteger-Device", "DOWN"));
  BOOST_REQUIRE(devices->Poll().ok());
  BOOST_CHECK_EQUAL(changes.load(), first_sight + 1);
  BOOST_CHECK_EQUAL(Get("Device.2.Name"), "Random-UnsignedInteger-Device");
  BOOST_CHECK_EQUAL(Get("Device.2.OperatingState"), "DOWN");
  metadata.Stop();  // EdgeX away: the last snapshot stays
  BOOST_CHECK(!devices->Poll().ok());
  BOOST_CHECK_EQUAL(Get("Device.2.OperatingState"), "DOWN");
}

BOOST_FIXTURE_TEST_CASE(AdminStateWriteGoesToCoreMetadata, ModelFixture) {
  BOOST_REQUIRE(Set("Device.1.AdminState", "LOCKED").ok());
  BOOST_CHECK_EQUAL(metadata.AdminState("Random-Boolean-Device"), "LOCKED");
  BOOST_CHECK_EQUAL(Get("Device.1.AdminState"), "LOCKED");
  BOOST_CHECK(!Set("Device.1.AdminState", "DISABLED").ok());  // not in the enumeration
  metadata.Stop();
  BOOST_CHECK(!Set("Device.1.AdminState", "UNLOCKED").ok());  // not applied, not shown
  BOOST_CHECK_EQUAL(Get("Device.1.AdminState"), "LOCKED");
}

}  // namespace
}  // namespace edgecwmp::edgex
