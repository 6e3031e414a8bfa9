// SPDX-License-Identifier: GPL-2.0-or-later
// Reboot, FactoryReset and ScheduleInform: argument checks and the CpeActions they drive.
#include <boost/test/unit_test.hpp>

#include "tests/rpc/rpc_fixture.h"

namespace edgecwmp::rpc::test {

BOOST_AUTO_TEST_SUITE(lifecycle)

BOOST_AUTO_TEST_CASE(reboot_asks_for_a_reboot_after_the_session) {
  RpcFixture fx;
  fx.Expect<cwmp::RebootResponse>(fx.Handle(cwmp::Reboot{"reboot-42"}));
  BOOST_TEST(fx.actions.reboots == std::vector<std::string>{"reboot-42"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reboot_with_an_over_long_command_key_is_9003) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::Reboot{std::string(33, 'k')}), 9003);
  BOOST_TEST(fx.actions.reboots.empty());
  fx.Expect<cwmp::RebootResponse>(fx.Handle(cwmp::Reboot{std::string(32, 'k')}));
}

BOOST_AUTO_TEST_CASE(action_failures_become_their_faults) {
  RpcFixture fx;
  fx.actions.reboot_result = Status::RequestDenied("maintenance lock");
  fx.ExpectFault(fx.Handle(cwmp::Reboot{""}), 9001);
  fx.actions.factory_reset_result = Status::Internal("cannot persist");
  fx.ExpectFault(fx.Handle(cwmp::FactoryReset{}), 9002);
  fx.actions.schedule_result = Status::ResourcesExceeded("too many");
  fx.ExpectFault(fx.Handle(cwmp::ScheduleInform{10, "k"}), 9004);
}

BOOST_AUTO_TEST_CASE(factory_reset_is_left_to_the_actions) {
  RpcFixture fx;
  BOOST_REQUIRE(fx.Ready().SetValue("Device.ManagementServer.URL", "http://acs").ok());
  fx.Expect<cwmp::FactoryResetResponse>(fx.Handle(cwmp::FactoryReset{}));
  BOOST_TEST(fx.actions.factory_resets == 1);
  // Nothing is wiped during the session: the reset happens after it.
  BOOST_TEST(fx.Value("Device.ManagementServer.URL") == "http://acs");
}

BOOST_AUTO_TEST_CASE(schedule_inform_needs_a_positive_delay) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::ScheduleInform{0, "k"}), 9003);
  fx.ExpectFault(fx.Handle(cwmp::ScheduleInform{5, std::string(33, 'c')}), 9003);
  BOOST_TEST(fx.actions.scheduled.empty());
  fx.Expect<cwmp::ScheduleInformResponse>(fx.Handle(cwmp::ScheduleInform{60, "check"}));
  BOOST_REQUIRE(fx.actions.scheduled.size() == 1u);
  BOOST_TEST(fx.actions.scheduled[0].first == 60u);
  BOOST_TEST(fx.actions.scheduled[0].second == "check");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::rpc::test
