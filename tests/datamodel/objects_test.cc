// SPDX-License-Identifier: GPL-2.0-or-later
// AddObject/DeleteObject, attributes, value-change detection, forced inform, factory reset.
#include <boost/test/unit_test.hpp>

#include "tests/datamodel/test_util.h"

namespace edgecwmp::dm {
namespace {

using test::Fixture;
using test::Notify;
using test::Set;

Status AddStatus(Fixture& f, const std::string& table, uint32_t* n, Origin origin = Origin::kAcs) {
  Applied applied;
  return f.model->AddObject(table, origin, n, &applied);
}

Status Delete(Fixture& f, const std::string& path, Origin origin = Origin::kAcs) {
  Applied applied;
  return f.model->DeleteObject(path, origin, &applied);
}

int NotificationOf(Fixture& f, const std::string& name) {
  std::vector<ParameterAttributes> attrs;
  Status s = f.model->GetAttributes(name, &attrs);
  if (!s.ok() || attrs.size() != 1) return -1;
  return attrs[0].notification;
}

BOOST_AUTO_TEST_SUITE(objects)

BOOST_AUTO_TEST_CASE(add_creates_a_row_with_defaults) {
  Fixture f;
  uint32_t n = 0;
  BOOST_TEST_REQUIRE(AddStatus(f, "Device.Services.Widget.", &n).ok());
  BOOST_TEST(n == 1u);
  BOOST_TEST(f.Get("Device.Services.Widget.1.Mode") == "Auto");
  BOOST_TEST(f.Get("Device.Services.Widget.1.Level") == "1");
  BOOST_TEST(f.Get("Device.Services.Widget.1.Enable") == "false");
}

BOOST_AUTO_TEST_CASE(numbers_are_never_reused) {
  Fixture f;
  uint32_t a = f.Add("Device.Services.Widget.");
  uint32_t b = f.Add("Device.Services.Widget.");
  BOOST_TEST(a == 1u);
  BOOST_TEST(b == 2u);
  BOOST_TEST_REQUIRE(Delete(f, "Device.Services.Widget.2.").ok());
  BOOST_TEST(f.Add("Device.Services.Widget.") == 3u);  // not 2 again
  BOOST_TEST_REQUIRE(Delete(f, "Device.Services.Widget.3.").ok());
  BOOST_TEST_REQUIRE(Delete(f, "Device.Services.Widget.1.").ok());
  BOOST_TEST(f.Add("Device.Services.Widget.") == 4u);
  std::string v;
  BOOST_TEST(f.model->GetValue("Device.Services.Widget.1.Mode", &v).code() == Error::kInvalidName);
}

BOOST_AUTO_TEST_CASE(nested_tables_count_per_parent) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget.");
  BOOST_TEST(f.Add("Device.Services.Widget.1.Port.") == 1u);
  BOOST_TEST(f.Add("Device.Services.Widget.1.Port.") == 2u);
  BOOST_TEST(f.Add("Device.Services.Widget.2.Port.") == 1u);
  BOOST_TEST(f.Get("Device.Services.Widget.1.Port.2.Number") == "80");
}

BOOST_AUTO_TEST_CASE(max_entries_is_resources_exceeded) {
  Fixture f;
  for (int i = 0; i < 3; ++i) f.Add("Device.Services.Widget.");
  uint32_t n = 0;
  BOOST_TEST(AddStatus(f, "Device.Services.Widget.", &n).code() == Error::kResourcesExceeded);
  BOOST_TEST(f.model->parameter_count() == 12u + 27u);
  BOOST_TEST_REQUIRE(Delete(f, "Device.Services.Widget.2.").ok());
  BOOST_TEST(AddStatus(f, "Device.Services.Widget.", &n).ok());
  BOOST_TEST(n == 4u);
}

BOOST_AUTO_TEST_CASE(read_only_table_is_not_writable_for_the_acs) {
  Fixture f;
  uint32_t n = 0;
  BOOST_TEST(AddStatus(f, "Device.Fixed.", &n).code() == Error::kNotWritable);
  BOOST_TEST(AddStatus(f, "Device.Fixed.", &n, Origin::kInternal).ok());
  BOOST_TEST(Delete(f, "Device.Fixed.1.").code() == Error::kNotWritable);
  BOOST_TEST(Delete(f, "Device.Fixed.1.", Origin::kInternal).ok());
}

BOOST_AUTO_TEST_CASE(bad_targets_are_invalid_names) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  uint32_t n = 0;
  for (const char* bad : {"Device.Services.", "Device.Services.Widget.1.", "Device.Services.Widget",
                          "Device.Nope.", "Device.Services.Widget.1.Name", ""}) {
    BOOST_TEST(AddStatus(f, bad, &n).code() == Error::kInvalidName, bad);
  }
  for (const char* bad : {"Device.Services.Widget.", "Device.Services.Widget.9.",
                          "Device.Services.", "Device.Services.Widget.1", "Device.", ""}) {
    BOOST_TEST(Delete(f, bad).code() == Error::kInvalidName, bad);
  }
}

BOOST_AUTO_TEST_CASE(delete_forgets_attributes_below) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.Services.Widget.1.Name", 1)}).ok());
  BOOST_TEST_REQUIRE(Delete(f, "Device.Services.Widget.1.").ok());
  f.Add("Device.Services.Widget.");
  BOOST_TEST(NotificationOf(f, "Device.Services.Widget.2.Name") == 0);
  BOOST_TEST(f.model->CollectValueChanges().empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(attributes)

BOOST_AUTO_TEST_CASE(notification_set_and_get) {
  Fixture f;
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 0);
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 2)}).ok());
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 2);
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 1)}).ok());
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 1);
  BOOST_TEST(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 3)}).code() ==
             Error::kInvalidArguments);
  BOOST_TEST(f.model->SetAttributes({Notify("Device.ManagementServer.Nope", 1)}).code() ==
             Error::kInvalidName);
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 1);
}

BOOST_AUTO_TEST_CASE(can_deny_rejects_active_notification) {
  Fixture f;
  BOOST_TEST(f.model->SetAttributes({Notify("Device.DeviceInfo.UpTime", 2)}).code() ==
             Error::kNotificationRejected);
  BOOST_TEST(NotificationOf(f, "Device.DeviceInfo.UpTime") == 0);
  BOOST_TEST(f.model->SetAttributes({Notify("Device.DeviceInfo.UpTime", 1)}).ok());
  BOOST_TEST(NotificationOf(f, "Device.DeviceInfo.UpTime") == 1);
}

BOOST_AUTO_TEST_CASE(set_attributes_is_atomic) {
  Fixture f;
  Status s = f.model->SetAttributes(
      {Notify("Device.ManagementServer.URL", 2), Notify("Device.DeviceInfo.UpTime", 2)});
  BOOST_TEST(s.code() == Error::kNotificationRejected);
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 0);
}

BOOST_AUTO_TEST_CASE(force_enabled_is_always_active) {
  Fixture f;
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.ConnectionRequestURL") == 2);
  BOOST_TEST(
      f.model->SetAttributes({Notify("Device.ManagementServer.ConnectionRequestURL", 0)}).code() ==
      Error::kNotificationRejected);
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.ConnectionRequestURL") == 2);
  // Under a partial path the forced parameter is left alone; the others change.
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.", 1)}).ok());
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.ConnectionRequestURL") == 2);
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 1);
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.ParameterKey") == 1);
}

BOOST_AUTO_TEST_CASE(partial_path_applies_to_every_parameter_below) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget.");
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.Services.Widget.", 1)}).ok());
  std::vector<ParameterAttributes> attrs;
  BOOST_TEST_REQUIRE(f.model->GetAttributes("Device.Services.", &attrs).ok());
  BOOST_TEST(attrs.size() == 18u);
  for (const auto& a : attrs) BOOST_TEST(a.notification == 1, a.name);
  // Active on a subtree holding a canDeny parameter is refused as a whole.
  BOOST_TEST(f.model->SetAttributes({Notify("Device.DeviceInfo.", 2)}).code() ==
             Error::kNotificationRejected);
  BOOST_TEST(NotificationOf(f, "Device.DeviceInfo.ProvisioningCode") == 0);
}

BOOST_AUTO_TEST_CASE(access_list) {
  Fixture f;
  AttributeSet a;
  a.name = "Device.ManagementServer.URL";
  a.access_list_change = true;
  a.access_list = {"Subscriber"};
  BOOST_TEST_REQUIRE(f.model->SetAttributes({a}).ok());
  std::vector<ParameterAttributes> attrs;
  BOOST_TEST_REQUIRE(f.model->GetAttributes("Device.ManagementServer.URL", &attrs).ok());
  BOOST_TEST_REQUIRE(attrs[0].access_list.size() == 1u);
  BOOST_TEST(attrs[0].access_list[0] == "Subscriber");
  BOOST_TEST(attrs[0].notification == 0);
  a.access_list = {"Everyone"};
  BOOST_TEST(f.model->SetAttributes({a}).code() == Error::kInvalidArguments);
  a.access_list.clear();
  BOOST_TEST_REQUIRE(f.model->SetAttributes({a}).ok());
  BOOST_TEST_REQUIRE(f.model->GetAttributes("Device.ManagementServer.URL", &attrs).ok());
  BOOST_TEST(attrs[0].access_list.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(value_changes)

BOOST_AUTO_TEST_CASE(passive_and_active_changes_are_reported_once) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model
                         ->SetAttributes({Notify("Device.ManagementServer.URL", 2),
                                          Notify("Device.DeviceInfo.ProvisioningCode", 1),
                                          Notify("Device.ManagementServer.PeriodicInformTime", 0)})
                         .ok());
  f.model->CollectValueChanges();  // first sight of the forceEnabled parameters
  BOOST_TEST(f.model->CollectValueChanges().empty());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "http://a/").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.DeviceInfo.ProvisioningCode", "P1").ok());
  BOOST_TEST_REQUIRE(
      f.model->SetValue("Device.ManagementServer.PeriodicInformTime", "2026-01-01T00:00:00Z").ok());
  std::vector<ValueChange> changes = f.model->CollectValueChanges();
  BOOST_TEST_REQUIRE(changes.size() == 2u);
  for (const auto& c : changes) {
    if (c.name == "Device.ManagementServer.URL") {
      BOOST_TEST(c.notification == 2);
      BOOST_TEST(c.value == "http://a/");
    } else {
      BOOST_TEST(c.name == "Device.DeviceInfo.ProvisioningCode");
      BOOST_TEST(c.notification == 1);
      BOOST_TEST(c.value == "P1");
    }
  }
  BOOST_TEST(f.model->CollectValueChanges().empty());  // the baseline moved
}

// An operator's change on the device (cwmpctl set) obeys writability like the ACS's, but unlike
// the ACS's it is notified: the ACS has not heard of it.
BOOST_AUTO_TEST_CASE(local_changes_are_checked_like_the_acs_and_notified) {
  Fixture f;
  BOOST_TEST_REQUIRE(
      f.model->SetAttributes({Notify("Device.DeviceInfo.ProvisioningCode", 1)}).ok());
  f.model->CollectValueChanges();
  std::vector<ParameterFault> faults;
  Applied applied;
  BOOST_TEST(f.model
                 ->SetValues({{"Device.ManagementServer.ParameterKey", "k"}}, Origin::kLocal,
                             &faults, &applied)
                 .code() == Error::kNotWritable);
  BOOST_TEST_REQUIRE(f.model
                         ->SetValues({{"Device.DeviceInfo.ProvisioningCode", "local"}},
                                     Origin::kLocal, &faults, &applied)
                         .ok());
  std::vector<ValueChange> changes = f.model->CollectValueChanges();
  BOOST_TEST_REQUIRE(changes.size() == 1u);
  BOOST_TEST(changes[0].name == "Device.DeviceInfo.ProvisioningCode");
  BOOST_TEST(changes[0].value == "local");
  // The same change by the ACS is not reported back to it.
  BOOST_TEST_REQUIRE(f.model
                         ->SetValues({{"Device.DeviceInfo.ProvisioningCode", "acs"}}, Origin::kAcs,
                                     &faults, &applied)
                         .ok());
  BOOST_TEST(f.model->CollectValueChanges().empty());
}

BOOST_AUTO_TEST_CASE(a_change_back_and_forth_is_not_reported) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 1)}).ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "x").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "").ok());
  BOOST_TEST(f.model->CollectValueChanges().empty());
}

BOOST_AUTO_TEST_CASE(acs_writes_are_not_notified_back) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 2)}).ok());
  BOOST_TEST_REQUIRE(
      f.model->SetValue("Device.ManagementServer.URL", "http://acs/", Origin::kAcs).ok());
  BOOST_TEST(f.model->CollectValueChanges().empty());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "http://other/").ok());
  BOOST_TEST(f.model->CollectValueChanges().size() == 1u);
}

BOOST_AUTO_TEST_CASE(force_enabled_parameters_are_watched_without_attributes) {
  Fixture f;
  f.model->CollectValueChanges();
  BOOST_TEST_REQUIRE(
      f.model->SetValue("Device.ManagementServer.ConnectionRequestURL", "http://cpe:7547/").ok());
  std::vector<ValueChange> changes = f.model->CollectValueChanges();
  BOOST_TEST_REQUIRE(changes.size() == 1u);
  BOOST_TEST(changes[0].name == "Device.ManagementServer.ConnectionRequestURL");
  BOOST_TEST(changes[0].notification == 2);
}

BOOST_AUTO_TEST_CASE(notification_off_stops_reports) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 1)}).ok());
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 0)}).ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "x").ok());
  f.model->CollectValueChanges();
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "y").ok());
  BOOST_TEST(f.model->CollectValueChanges().empty());
}

BOOST_AUTO_TEST_CASE(secret_changes_carry_no_value) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.Password", 1)}).ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.Password", "hunter2").ok());
  std::vector<ValueChange> changes = f.model->CollectValueChanges();
  BOOST_TEST_REQUIRE(changes.size() == 1u);
  BOOST_TEST(changes[0].value == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(forced_inform_and_reset)

BOOST_AUTO_TEST_CASE(forced_inform_values_in_tree_order) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.ParameterKey", "pk").ok());
  std::vector<ParameterValue> v = f.model->ForcedInformValues();
  std::vector<std::string> names;
  for (const auto& pv : v) names.push_back(pv.name);
  std::vector<std::string> expect = {
      "Device.RootDataModelVersion", "Device.ManagementServer.ParameterKey",
      "Device.ManagementServer.ConnectionRequestURL", "Device.DeviceInfo.ProvisioningCode",
      "Device.DeviceInfo.SoftwareVersion"};
  BOOST_TEST(names == expect, boost::test_tools::per_element());
  BOOST_TEST(v[0].value == "2.17");
  BOOST_TEST(v[1].value == "pk");
}

BOOST_AUTO_TEST_CASE(factory_reset_restores_defaults_and_numbering) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget.");
  BOOST_TEST_REQUIRE(
      f.model->SetValue("Device.ManagementServer.PeriodicInformInterval", "60").ok());
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 1)}).ok());
  BOOST_TEST_REQUIRE(f.model->FactoryReset().ok());
  BOOST_TEST(f.Get("Device.ManagementServer.PeriodicInformInterval") == "86400");
  BOOST_TEST(NotificationOf(f, "Device.ManagementServer.URL") == 0);
  std::vector<ParameterValue> v;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.Services.", &v).ok());
  BOOST_TEST(v.empty());
  BOOST_TEST(f.Add("Device.Services.Widget.") == 1u);  // numbering starts over
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::dm
