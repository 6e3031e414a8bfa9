// SPDX-License-Identifier: GPL-2.0-or-later
// The agent's Inform types its ParameterList Values the way GetParameterValuesResponse does
// (rpc/value_types.h): a base64 parameter is xsd:base64Binary, the XML Schema type cwmp-1-N.xsd
// accepts, not "xsd:" + its TR-106 name. The real agent, in process, against the test ACS on
// loopback; one session (AgentConfig::once).
#define BOOST_TEST_MODULE agent_inform_tests
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "cwmp/agent/agent.h"
#include "tests/acs/test_acs.h"
#include "tests/support/temp_dir.h"

namespace edgecwmp::cwmp {
namespace {

// A vendor object whose base64 parameter every Inform carries (forcedInform).
constexpr const char* kBase64Definitions = R"(<?xml version="1.0"?>
<datamodel name="X_TEST:1">
  <object path="Device.X_TEST_Blob." access="readOnly">
    <parameter name="Data" type="base64" forcedInform="true" default="AAEC"/>
  </object>
</datamodel>
)";

BOOST_AUTO_TEST_CASE(inform_types_a_base64_parameter_as_xsd_base64binary) {
  testing::TempDir dir("edgecwmp-inform-types");
  const std::string extra = dir.File("x_test.xml");
  BOOST_REQUIRE(testing::WriteFile(extra, kBase64Definitions));
  acs::TestAcs acs;
  BOOST_REQUIRE(acs.Start().ok());

  AgentConfig config;
  config.acs_url = acs.url();
  config.cr_enable = false;
  config.state_dir = dir.File("state");
  const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE(source != nullptr);
  config.definitions_dir = std::string(source) + "/tr181";
  config.log_level = "warning";
  config.once = true;
  Agent agent(config);
  const Status started = agent.Start({extra});
  BOOST_REQUIRE_MESSAGE(started.ok(), started.ToString());
  agent.Run();
  acs.Stop();

  const auto sessions = acs.Sessions();
  BOOST_REQUIRE(!sessions.empty());
  BOOST_REQUIRE(sessions[0].inform.has_value());
  bool found = false;
  for (const ParameterValueStruct& p : sessions[0].inform->parameter_list) {
    if (p.name != "Device.X_TEST_Blob.Data") continue;
    found = true;
    BOOST_TEST(p.value == "AAEC");
    BOOST_TEST(p.type == "xsd:base64Binary");
  }
  BOOST_TEST(found, "the forced base64 parameter is not in the Inform");
}

}  // namespace
}  // namespace edgecwmp::cwmp
