// SPDX-License-Identifier: GPL-2.0-or-later
// AddObject and DeleteObject, with their ParameterKey rule.
#include <boost/test/unit_test.hpp>

#include "tests/rpc/rpc_fixture.h"

namespace edgecwmp::rpc::test {

BOOST_AUTO_TEST_SUITE(objects)

BOOST_AUTO_TEST_CASE(add_creates_an_instance_with_defaults_and_sets_the_key) {
  RpcFixture fx;
  auto r = fx.Expect<cwmp::AddObjectResponse>(
      fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "add-1"}));
  BOOST_TEST(r.instance_number >= 1u);
  BOOST_TEST(r.status == 0);
  std::string base = "Device.Services.Widget." + std::to_string(r.instance_number) + ".";
  BOOST_TEST(fx.Value(base + "Mode") == "A");
  BOOST_TEST(fx.Value(kKeyPath) == "add-1");
  auto second = fx.Expect<cwmp::AddObjectResponse>(
      fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "add-2"}));
  BOOST_TEST(second.instance_number != r.instance_number);
  BOOST_TEST(fx.Value(kKeyPath) == "add-2");
}

BOOST_AUTO_TEST_CASE(max_entries_is_9004_and_keeps_the_key) {
  RpcFixture fx;
  fx.Expect<cwmp::AddObjectResponse>(fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "a"}));
  fx.Expect<cwmp::AddObjectResponse>(fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "b"}));
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "c"}), 9004);
  BOOST_TEST(fx.Value(kKeyPath) == "b");
}

BOOST_AUTO_TEST_CASE(add_name_faults_are_9005) {
  RpcFixture fx;
  BOOST_REQUIRE(fx.Ready().SetValue(kKeyPath, "unchanged").ok());
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.Services.Widget", "x"}), 9005);  // no dot
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.Services.Gadget.", "x"}), 9005);
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.Services.Fixed.", "x"}), 9005);  // read-only
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"", "x"}), 9005);
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.ManagementServer.", "x"}), 9005);  // not a table
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.Services.Widget.1.", "x"}), 9005);
  BOOST_TEST(fx.Value(kKeyPath) == "unchanged");
}

BOOST_AUTO_TEST_CASE(add_with_an_over_long_key_is_9003_and_adds_nothing) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::AddObject{"Device.Services.Widget.", std::string(40, 'k')}), 9003);
  auto names = fx.Expect<cwmp::GetParameterNamesResponse>(
      fx.Handle(cwmp::GetParameterNames{"Device.Services.Widget.", true}));
  BOOST_TEST(names.parameter_list.empty());
}

BOOST_AUTO_TEST_CASE(add_status_1_when_the_adder_applies_later) {
  RpcFixture fx;
  dm::ObjectBinding binding;
  binding.add = [](const dm::Context&, uint32_t, dm::Applied* applied) {
    *applied = dm::Applied::kLater;
    return Status::Ok();
  };
  BOOST_REQUIRE(fx.model->BindObject("Device.Services.Widget.{i}.", binding).ok());
  auto r = fx.Expect<cwmp::AddObjectResponse>(
      fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "later"}));
  BOOST_TEST(r.status == 1);
}

BOOST_AUTO_TEST_CASE(delete_removes_the_instance_and_sets_the_key) {
  RpcFixture fx;
  auto added = fx.Expect<cwmp::AddObjectResponse>(
      fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "add"}));
  std::string path = "Device.Services.Widget." + std::to_string(added.instance_number) + ".";
  BOOST_TEST(fx.Exists(path));
  auto r = fx.Expect<cwmp::DeleteObjectResponse>(fx.Handle(cwmp::DeleteObject{path, "del"}));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(!fx.Exists(path));
  BOOST_TEST(fx.Value(kKeyPath) == "del");
  // Deleting it again: the instance no longer exists.
  fx.ExpectFault(fx.Handle(cwmp::DeleteObject{path, "again"}), 9005);
  BOOST_TEST(fx.Value(kKeyPath) == "del");
}

BOOST_AUTO_TEST_CASE(delete_name_faults) {
  RpcFixture fx;
  uint32_t fixed = 0;
  dm::Applied applied;
  BOOST_REQUIRE(
      fx.Ready().AddObject("Device.Services.Fixed.", dm::Origin::kInternal, &fixed, &applied).ok());
  auto added = fx.Expect<cwmp::AddObjectResponse>(
      fx.Handle(cwmp::AddObject{"Device.Services.Widget.", "start"}));
  std::string widget = "Device.Services.Widget." + std::to_string(added.instance_number);

  fx.ExpectFault(fx.Handle(cwmp::DeleteObject{widget, "x"}), 9005);  // no trailing dot
  fx.ExpectFault(fx.Handle(cwmp::DeleteObject{"Device.Services.Widget.", "x"}), 9005);  // table
  fx.ExpectFault(fx.Handle(cwmp::DeleteObject{"Device.Services.Widget.99.", "x"}), 9005);
  fx.ExpectFault(fx.Handle(cwmp::DeleteObject{"Device.ManagementServer.", "x"}), 9005);
  // A row of a table the ACS may not delete from.
  fx.ExpectFault(
      fx.Handle(cwmp::DeleteObject{"Device.Services.Fixed." + std::to_string(fixed) + ".", "x"}),
      9005);
  fx.ExpectFault(fx.Handle(cwmp::DeleteObject{widget + ".", std::string(33, 'k')}), 9003);
  BOOST_TEST(fx.Exists(widget + "."));
  BOOST_TEST(fx.Exists("Device.Services.Fixed." + std::to_string(fixed) + "."));
  BOOST_TEST(fx.Value(kKeyPath) == "start");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::rpc::test
