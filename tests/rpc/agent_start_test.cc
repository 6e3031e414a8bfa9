// SPDX-License-Identifier: GPL-2.0-or-later
// Start-up of the real agent refuses a provider bound to a path its schema lacks: a typo in a
// binding must stop the agent with the path named, not leave the parameter silently unprovided.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "cwmp/agent/agent.h"
#include "datamodel/datamodel.h"
#include "tests/support/temp_dir.h"
#include "tr181/binding_util.h"

namespace edgecwmp::cwmp {
namespace {

AgentConfig OfflineConfig(const testing::TempDir& dir) {
  AgentConfig config;
  config.acs_url = "http://127.0.0.1:9/acs";  // never reached: Start fails before any session
  config.cr_enable = false;
  config.state_dir = dir.File("state");
  const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE(source != nullptr);
  config.definitions_dir = std::string(source) + "/tr181";
  config.log_level = "error";
  config.once = true;
  return config;
}

BOOST_AUTO_TEST_CASE(a_binding_to_a_typoed_path_fails_start_up_naming_it) {
  testing::TempDir dir("edgecwmp-agent-start");
  Agent agent(OfflineConfig(dir));
  const Status started = agent.Start({}, [](dm::DataModel* model) {
    return model->BindParameter("Device.DeviceInfo.SoftwareVersoin", tr181::ConstantValue("1.0"));
  });
  BOOST_TEST((started.code() == Error::kInvalidName), started.ToString());
  BOOST_TEST(started.message().find("Device.DeviceInfo.SoftwareVersoin") != std::string::npos,
             started.ToString());
}

BOOST_AUTO_TEST_CASE(a_binding_to_a_real_path_starts) {
  testing::TempDir dir("edgecwmp-agent-start");
  Agent agent(OfflineConfig(dir));
  const Status started = agent.Start({}, [](dm::DataModel* model) {
    return model->BindParameter("Device.DeviceInfo.SoftwareVersion", tr181::ConstantValue("1.0"));
  });
  BOOST_TEST(started.ok(), started.ToString());
}

}  // namespace
}  // namespace edgecwmp::cwmp
