// SPDX-License-Identifier: GPL-2.0-or-later
// GetParameterNames, GetParameterAttributes and SetParameterAttributes.
#include <boost/test/unit_test.hpp>

#include <map>

#include "tests/rpc/rpc_fixture.h"

namespace edgecwmp::rpc::test {
namespace {

std::map<std::string, bool> Writable(const cwmp::GetParameterNamesResponse& r) {
  std::map<std::string, bool> out;
  for (const auto& p : r.parameter_list) out[p.name] = p.writable;
  return out;
}

cwmp::SetParameterAttributesStruct Notify(std::string name, int notification) {
  cwmp::SetParameterAttributesStruct s;
  s.name = std::move(name);
  s.notification_change = true;
  s.notification = notification;
  return s;
}

int NotificationOf(RpcFixture& fx, const std::string& name) {
  auto r = fx.Expect<cwmp::GetParameterAttributesResponse>(
      fx.Handle(cwmp::GetParameterAttributes{{name}}));
  BOOST_REQUIRE(r.parameter_list.size() == 1u);
  return r.parameter_list[0].notification;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(get_parameter_names)

BOOST_AUTO_TEST_CASE(next_level_lists_children_with_writability) {
  RpcFixture fx;
  auto r = fx.Expect<cwmp::GetParameterNamesResponse>(
      fx.Handle(cwmp::GetParameterNames{"Device.ManagementServer.", true}));
  auto w = Writable(r);
  BOOST_TEST(r.parameter_list.size() == 6u);
  BOOST_TEST(w.at("Device.ManagementServer.PeriodicInformInterval") == true);
  BOOST_TEST(w.at("Device.ManagementServer.ParameterKey") == false);

  auto services = fx.Expect<cwmp::GetParameterNamesResponse>(
      fx.Handle(cwmp::GetParameterNames{"Device.Services.", true}));
  auto sw = Writable(services);
  // Tables are listed as objects; a table the ACS may add to is writable (TR-069 A.3.2.3).
  BOOST_TEST(sw.at("Device.Services.Widget.") == true);
  BOOST_TEST(sw.at("Device.Services.Fixed.") == false);
}

BOOST_AUTO_TEST_CASE(empty_path_with_next_level_is_the_root_object) {
  RpcFixture fx;
  auto r = fx.Expect<cwmp::GetParameterNamesResponse>(fx.Handle(cwmp::GetParameterNames{"", true}));
  BOOST_REQUIRE(r.parameter_list.size() == 1u);
  BOOST_TEST(r.parameter_list[0].name == "Device.");
  auto all = fx.Expect<cwmp::GetParameterNamesResponse>(
      fx.Handle(cwmp::GetParameterNames{"Device.", false}));
  BOOST_TEST(Writable(all).count("Device.DeviceInfo.UpTime") == 1u);
  BOOST_TEST(Writable(all).count("Device.DeviceInfo.") == 1u);
}

BOOST_AUTO_TEST_CASE(faults_9005_and_9003) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::GetParameterNames{"Device.Nothing.", false}), 9005);
  fx.ExpectFault(fx.Handle(cwmp::GetParameterNames{"Device.DeviceInfo.Up", false}), 9005);
  // NextLevel true on a parameter (A.3.2.3).
  fx.ExpectFault(fx.Handle(cwmp::GetParameterNames{"Device.DeviceInfo.UpTime", true}), 9003);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parameter_attributes)

BOOST_AUTO_TEST_CASE(set_then_get_notification_and_access_list) {
  RpcFixture fx;
  BOOST_TEST(NotificationOf(fx, "Device.ManagementServer.URL") == 0);
  cwmp::SetParameterAttributesStruct url = Notify("Device.ManagementServer.URL", 2);
  url.access_list_change = true;
  url.access_list = {"Subscriber"};
  fx.Expect<cwmp::SetParameterAttributesResponse>(fx.Handle(cwmp::SetParameterAttributes{
      {url, Notify("Device.ManagementServer.PeriodicInformInterval", 1)}}));
  auto r = fx.Expect<cwmp::GetParameterAttributesResponse>(fx.Handle(cwmp::GetParameterAttributes{
      {"Device.ManagementServer.URL", "Device.ManagementServer.PeriodicInformInterval"}}));
  BOOST_REQUIRE(r.parameter_list.size() == 2u);
  BOOST_TEST(r.parameter_list[0].notification == 2);
  BOOST_TEST(r.parameter_list[0].access_list == std::vector<std::string>{"Subscriber"},
             boost::test_tools::per_element());
  BOOST_TEST(r.parameter_list[1].notification == 1);
  BOOST_TEST(r.parameter_list[1].access_list.empty());
}

BOOST_AUTO_TEST_CASE(notification_change_false_leaves_notification_alone) {
  RpcFixture fx;
  fx.Expect<cwmp::SetParameterAttributesResponse>(
      fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.ManagementServer.URL", 1)}}));
  cwmp::SetParameterAttributesStruct s = Notify("Device.ManagementServer.URL", 2);
  s.notification_change = false;
  s.access_list_change = true;
  s.access_list = {"Subscriber"};
  fx.Expect<cwmp::SetParameterAttributesResponse>(fx.Handle(cwmp::SetParameterAttributes{{s}}));
  BOOST_TEST(NotificationOf(fx, "Device.ManagementServer.URL") == 1);
}

BOOST_AUTO_TEST_CASE(partial_path_applies_to_every_parameter_below) {
  RpcFixture fx;
  fx.Expect<cwmp::SetParameterAttributesResponse>(
      fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.ManagementServer.", 1)}}));
  auto r = fx.Expect<cwmp::GetParameterAttributesResponse>(
      fx.Handle(cwmp::GetParameterAttributes{{"Device.ManagementServer."}}));
  BOOST_TEST(r.parameter_list.size() == 6u);
  for (const auto& p : r.parameter_list) BOOST_TEST(p.notification == 1, p.name);
  BOOST_TEST(NotificationOf(fx, "Device.DeviceInfo.SoftwareVersion") == 0);
}

BOOST_AUTO_TEST_CASE(active_notification_on_a_can_deny_parameter_is_9009) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.DeviceInfo.UpTime", 2)}}),
                 9009);
  BOOST_TEST(NotificationOf(fx, "Device.DeviceInfo.UpTime") == 0);
  // Passive notification cannot be refused.
  fx.Expect<cwmp::SetParameterAttributesResponse>(
      fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.DeviceInfo.UpTime", 1)}}));
  BOOST_TEST(NotificationOf(fx, "Device.DeviceInfo.UpTime") == 1);
}

BOOST_AUTO_TEST_CASE(lightweight_and_out_of_range_notification_values) {
  RpcFixture fx;
  for (int lightweight = 3; lightweight <= 6; ++lightweight) {
    fx.ExpectFault(fx.Handle(cwmp::SetParameterAttributes{
                       {Notify("Device.ManagementServer.URL", lightweight)}}),
                   9009);
  }
  fx.ExpectFault(
      fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.ManagementServer.URL", 7)}}), 9003);
  fx.ExpectFault(
      fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.ManagementServer.URL", -1)}}), 9003);
  BOOST_TEST(NotificationOf(fx, "Device.ManagementServer.URL") == 0);
}

BOOST_AUTO_TEST_CASE(set_attributes_is_atomic) {
  RpcFixture fx;
  fx.ExpectFault(
      fx.Handle(cwmp::SetParameterAttributes{
          {Notify("Device.ManagementServer.URL", 1), Notify("Device.ManagementServer.Bogus", 1)}}),
      9005);
  BOOST_TEST(NotificationOf(fx, "Device.ManagementServer.URL") == 0);
  fx.ExpectFault(fx.Handle(cwmp::SetParameterAttributes{{Notify("Device.ManagementServer.URL", 1),
                                                         Notify("Device.DeviceInfo.UpTime", 2)}}),
                 9009);
  BOOST_TEST(NotificationOf(fx, "Device.ManagementServer.URL") == 0);
}

BOOST_AUTO_TEST_CASE(get_attributes_faults) {
  Options options;
  options.max_get_values_entries = 2;
  RpcFixture fx(options);
  fx.ExpectFault(fx.Handle(cwmp::GetParameterAttributes{{"Device.ManagementServer.Nope"}}), 9005);
  fx.ExpectFault(fx.Handle(cwmp::GetParameterAttributes{{"Device.ManagementServer."}}), 9004);
  auto r = fx.Expect<cwmp::GetParameterAttributesResponse>(
      fx.Handle(cwmp::GetParameterAttributes{{"Device.DeviceInfo."}}));
  BOOST_TEST(r.parameter_list.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::rpc::test
