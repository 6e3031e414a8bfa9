// SPDX-License-Identifier: GPL-2.0-or-later
// End to end: the real cwmpd with [edgex] metadata_url on a core-metadata double (its devices
// polled every second), driven by the GenieACS-strict test ACS. An operator's story: see the
// field devices, get a 4 VALUE CHANGE Inform when one goes DOWN, and lock one with
// SetParameterValues, which core-metadata receives as the documented PATCH /api/v3/device.
#define BOOST_TEST_MODULE edgex_devices_e2e
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "tests/edgex/e2e_cwmpd.h"
#include "tests/edgex/edgex_double.h"

namespace edgecwmp::edgex::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDevice2 = "Device.X_EDGECWMP_EdgeX.Device.2.";

struct Fixture {
  EdgexDouble metadata{[] {
    EdgexDoubleOptions options;
    options.service_name = "core-metadata";
    return options;
  }()};
  std::unique_ptr<CwmpdUnderTest> cwmpd;

  Fixture() {
    BOOST_REQUIRE(metadata.Start().ok());
    cwmpd = std::make_unique<CwmpdUnderTest>(
        "executor = none\nmetadata_url = " + metadata.base_url() + "\ndevice_poll_interval = 1\n");
    std::string error;
    BOOST_REQUIRE_MESSAGE(cwmpd->Start(&error), error);
  }
  ~Fixture() {
    for (const std::string& v : cwmpd->acs().Violations()) BOOST_TEST_MESSAGE("violation: " << v);
    BOOST_TEST_MESSAGE("cwmpd log:\n" << cwmpd->Log());
  }

  // The first response of a one-request session, nullptr if there is none.
  template <typename Response>
  bool Answered(const cwmp::AcsRequest& request, Response* out) {
    auto session = cwmpd->RunSession({request});
    if (!session || session->exchanges.empty() || !session->exchanges.front().response) {
      return false;
    }
    const auto* response = std::get_if<Response>(&*session->exchanges.front().response);
    if (response != nullptr) *out = *response;
    return response != nullptr;
  }
};

BOOST_FIXTURE_TEST_CASE(device_down_notifies_and_lock_patches_core_metadata, Fixture) {
  std::map<std::string, std::string> v =
      cwmpd->Values({"Device.X_EDGECWMP_EdgeX.DeviceNumberOfEntries",
                     std::string(kDevice2) + "Name", std::string(kDevice2) + "OperatingState"});
  BOOST_TEST(v["Device.X_EDGECWMP_EdgeX.DeviceNumberOfEntries"] == "2");
  BOOST_TEST(v[std::string(kDevice2) + "Name"] == "Random-UnsignedInteger-Device");
  BOOST_TEST(v[std::string(kDevice2) + "OperatingState"] == "UP");

  // Active notification on OperatingState, then the device goes DOWN in core-metadata.
  cwmp::SetParameterAttributes spa;
  cwmp::SetParameterAttributesStruct attribute;
  attribute.name = std::string(kDevice2) + "OperatingState";
  attribute.notification_change = true;
  attribute.notification = 2;
  spa.parameter_list.push_back(attribute);
  cwmp::SetParameterAttributesResponse spa_response;
  BOOST_REQUIRE(Answered(cwmp::AcsRequest(spa), &spa_response));
  const size_t before = cwmpd->acs().SessionCount();
  BOOST_REQUIRE(metadata.SetOperatingState("Random-UnsignedInteger-Device", "DOWN"));
  bool informed = cwmpd->acs().WaitUntil(
      [&](const std::vector<acs::SessionRecord>& sessions) {
        for (size_t i = before; i < sessions.size(); ++i) {
          if (!sessions[i].HasEvent("4 VALUE CHANGE") || !sessions[i].inform) continue;
          for (const auto& p : sessions[i].inform->parameter_list) {
            if (p.name == attribute.name && p.value == "DOWN") return true;
          }
        }
        return false;
      },
      30s);
  BOOST_TEST(informed, "no 4 VALUE CHANGE Inform with " << attribute.name << " = DOWN");

  // The ACS locks the device: core-metadata gets exactly the documented update.
  const size_t patches_before = metadata.patch_bodies().size();
  cwmp::SetParameterValues spv;
  spv.parameter_list.push_back({std::string(kDevice2) + "AdminState", "LOCKED", "xsd:string"});
  spv.parameter_key = "lock-device";
  cwmp::SetParameterValuesResponse spv_response;
  BOOST_REQUIRE(Answered(cwmp::AcsRequest(spv), &spv_response));
  BOOST_TEST(spv_response.status == 0);
  std::vector<std::string> patches = metadata.patch_bodies();
  BOOST_REQUIRE_EQUAL(patches.size(), patches_before + 1);
  BOOST_TEST(patches.back() ==
             R"(PATCH /api/v3/device [{"apiVersion":"v3","device":{"adminState":"LOCKED",)"
             R"("name":"Random-UnsignedInteger-Device"}}])");
  BOOST_TEST(metadata.AdminState("Random-UnsignedInteger-Device") == "LOCKED");
  BOOST_TEST(cwmpd->Values({std::string(kDevice2) +
                            "AdminState"})[std::string(kDevice2) + "AdminState"] == "LOCKED");
  BOOST_TEST(cwmpd->acs().Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::edgex::test
