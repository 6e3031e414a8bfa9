// SPDX-License-Identifier: GPL-2.0-or-later
// Every envelope the agent sent in e2e_session_tests validates against the BBF XSD. Linked
// last in the executable, so this case runs after the others.
#include <boost/test/unit_test.hpp>

#include <cstring>

#include "tests/e2e/e2e_checks.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT

// 6. Every envelope the agent sent in the tests above (and in a session of its own) validates
//    against the Broadband Forum XSD of its version.
BOOST_AUTO_TEST_CASE(every_emitted_envelope_validates_against_the_bbf_xsd) {
  {
    AgentFixture f;
    f.acs.QueueSession({cwmp::GetRPCMethods{}, cwmp::GetParameterNames{"Device.", true},
                        cwmp::GetParameterValues{{"Device.DeviceInfo."}},
                        cwmp::GetParameterValues{{"Device.Nope"}},
                        Spv({{"Device.DeviceInfo.Manufacturer", "x", "xsd:string"}}, ""),
                        cwmp::GetParameterAttributes{{"Device.ManagementServer."}},
                        cwmp::AddObject{kInformParameter, ""}});
    f.StartAgent();
    f.RequireSessions(1);
    f.StopAgent();
  }
  const auto envelopes = CollectedEnvelopes();
  size_t validated = 0;
  const std::string complaints = ValidateWithXsd(envelopes, &validated);
  BOOST_TEST(complaints.empty(), complaints);
  BOOST_TEST(validated >= 8u);
  BOOST_TEST_MESSAGE(validated << " envelopes validated");
  // The validation itself can fail: an answer without its ParameterList is refused.
  std::string broken = envelopes.empty() ? std::string() : envelopes.front();
  const size_t list = broken.find("<ParameterList");
  BOOST_REQUIRE(list != std::string::npos);
  broken.replace(list, std::strlen("<ParameterList"), "<ParameterLost");
  const size_t close = broken.find("</ParameterList>");
  BOOST_REQUIRE(close != std::string::npos);
  broken.replace(close, std::strlen("</ParameterList>"), "</ParameterLost>");
  size_t one = 0;
  BOOST_TEST(!ValidateWithXsd({broken}, &one).empty());
}
