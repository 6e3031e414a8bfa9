// SPDX-License-Identifier: GPL-2.0-or-later
// Paths, GetValues, atomic SetValues and GetParameterNames semantics.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>

#include "datamodel/path.h"
#include "tests/datamodel/test_util.h"

namespace edgecwmp::dm {
namespace {

using test::Fixture;
using test::Set;

std::vector<std::string> Names(const std::vector<ParameterValue>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.name);
  return out;
}

std::vector<std::string> Names(const std::vector<ParameterInfo>& infos) {
  std::vector<std::string> out;
  for (const auto& v : infos) out.push_back(v.name);
  return out;
}

const ParameterInfo* FindInfo(const std::vector<ParameterInfo>& infos, const std::string& name) {
  for (const auto& i : infos) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

BOOST_AUTO_TEST_SUITE(paths)

BOOST_AUTO_TEST_CASE(split_accepts_full_partial_and_root) {
  SplitResult r;
  BOOST_TEST(SplitPath("", &r).ok());
  BOOST_TEST(r.partial);
  BOOST_TEST(r.segments.empty());
  BOOST_TEST(SplitPath("Device.X.12.Name", &r).ok());
  BOOST_TEST(!r.partial);
  BOOST_TEST(r.segments.size() == 4u);
  BOOST_TEST(SplitPath("Device.X_Y-z.", &r).ok());
  BOOST_TEST(r.partial);
  uint32_t n = 0;
  BOOST_TEST(ParseInstanceNumber("4294967295", &n));
  BOOST_TEST(n == 4294967295u);
  BOOST_TEST(!ParseInstanceNumber("4294967296", &n));
  BOOST_TEST(!ParseInstanceNumber("0", &n));
  BOOST_TEST(!ParseInstanceNumber("01", &n));
}

BOOST_AUTO_TEST_CASE(malformed_names_are_invalid_name) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  for (const char* bad : {"Device..X",
                          "Device..",
                          ".Device.",
                          "Device.ManagementServer.URL ",
                          " Device.",
                          "Device.Services.Widget.0.",
                          "Device.Services.Widget.abc.",
                          "Device.Services.Widget.01.",
                          "Device.Services.Widget.1.Name.",
                          "Device.Services.Widget.2.",
                          "Device.Services.Widget",
                          "Device.Services.Widget.1",
                          "Device.ManagementServer",
                          "Device.ManagementServer.Nope",
                          "Device.Nope.",
                          "Other.",
                          "Device",
                          "device.",
                          "Device.Services.Widget.{i}.",
                          "Device.ManagementServer.URL.",
                          "Device.Services.Widget.1.Name.X",
                          "Device.Services.Widget.-1.",
                          "Device.Services.Widget.1..Name",
                          "Device.DeviceInfo.\t"}) {
    std::vector<ParameterValue> values;
    Status s = f.model->GetValues(bad, &values);
    BOOST_TEST(s.code() == Error::kInvalidName, "\"" << bad << "\" gave " << s.ToString());
    BOOST_TEST(values.empty());
    std::vector<ParameterInfo> names;
    BOOST_TEST(f.model->GetNames(bad, false, &names).code() == Error::kInvalidName, bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(get_values)

BOOST_AUTO_TEST_CASE(full_name_gives_one_value_with_type) {
  Fixture f;
  std::vector<ParameterValue> v;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.ManagementServer.PeriodicInformInterval", &v).ok());
  BOOST_TEST_REQUIRE(v.size() == 1u);
  BOOST_TEST(v[0].name == "Device.ManagementServer.PeriodicInformInterval");
  BOOST_TEST(v[0].value == "86400");
  BOOST_TEST(static_cast<int>(v[0].type) == static_cast<int>(Type::kUnsignedInt));
}

BOOST_AUTO_TEST_CASE(partial_path_lists_everything_below_in_tree_order) {
  Fixture f;
  std::vector<ParameterValue> v;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.DeviceInfo.", &v).ok());
  std::vector<std::string> expect = {
      "Device.DeviceInfo.UpTime", "Device.DeviceInfo.ProvisioningCode",
      "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.ProcessStatus.CPUUsage"};
  BOOST_TEST(Names(v) == expect, boost::test_tools::per_element());
  BOOST_TEST(v[2].value == "1.0");
}

BOOST_AUTO_TEST_CASE(root_and_device_list_every_parameter) {
  Fixture f;
  uint32_t a = f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget." + std::to_string(a) + ".Port.");
  std::vector<ParameterValue> root, device;
  BOOST_TEST_REQUIRE(f.model->GetValues("", &root).ok());
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.", &device).ok());
  BOOST_TEST(Names(root) == Names(device), boost::test_tools::per_element());
  // 1 + 7 + 3 + 1 in single objects, 9 in the widget, 1 in its port.
  BOOST_TEST(root.size() == 22u);
  BOOST_TEST(f.model->parameter_count() == 22u);
  BOOST_TEST(root.front().name == "Device.RootDataModelVersion");
  BOOST_TEST(root.back().name == "Device.Services.Widget.1.Port.1.Number");
  std::vector<std::string> all = Names(root);
  std::set<std::string> unique(all.begin(), all.end());
  BOOST_TEST(unique.size() == root.size());
}

BOOST_AUTO_TEST_CASE(table_path_lists_rows) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget.");
  std::vector<ParameterValue> v;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.Services.Widget.", &v).ok());
  BOOST_TEST(v.size() == 18u);
  BOOST_TEST(v.front().name == "Device.Services.Widget.1.Enable");
  BOOST_TEST(v.back().name == "Device.Services.Widget.2.Offset");
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.Fixed.", &v).ok());
  BOOST_TEST(v.empty());
}

BOOST_AUTO_TEST_CASE(secret_reads_back_empty_but_get_value_is_clear) {
  Fixture f;
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.Password", "s3cret").ok());
  std::vector<ParameterValue> v;
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.ManagementServer.Password", &v).ok());
  BOOST_TEST(v[0].value == "");
  BOOST_TEST_REQUIRE(f.model->GetValues("Device.ManagementServer.", &v).ok());
  for (const auto& pv : v) BOOST_TEST(pv.value != "s3cret");
  BOOST_TEST(f.Get("Device.ManagementServer.Password") == "s3cret");
}

BOOST_AUTO_TEST_CASE(get_value_needs_a_parameter) {
  Fixture f;
  std::string v;
  BOOST_TEST(f.model->GetValue("Device.DeviceInfo.", &v).code() == Error::kInvalidName);
  BOOST_TEST(f.model->GetValue("Device.DeviceInfo.Nope", &v).code() == Error::kInvalidName);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(set_values)

BOOST_AUTO_TEST_CASE(sets_are_canonicalized) {
  Fixture f;
  std::vector<ParameterFault> faults;
  Applied applied = Applied::kLater;
  Status s = f.model->SetValues({Set("Device.ManagementServer.PeriodicInformEnable", "0"),
                                 Set("Device.ManagementServer.PeriodicInformInterval", "+0300")},
                                Origin::kAcs, &faults, &applied);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(faults.empty());
  BOOST_TEST(static_cast<int>(applied) == static_cast<int>(Applied::kNow));
  BOOST_TEST(f.Get("Device.ManagementServer.PeriodicInformEnable") == "false");
  BOOST_TEST(f.Get("Device.ManagementServer.PeriodicInformInterval") == "300");
}

BOOST_AUTO_TEST_CASE(one_bad_parameter_changes_nothing_and_every_fault_is_listed) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  std::vector<ParameterFault> faults;
  Applied applied;
  Status s =
      f.model->SetValues({Set("Device.ManagementServer.URL", "http://acs.example/"),       // good
                          Set("Device.ManagementServer.PeriodicInformInterval", "often"),  // 9006
                          Set("Device.ManagementServer.PeriodicInformInterval2", "1"),     // 9005
                          Set("Device.Services.Widget.1.Mode", "Sometimes"),               // 9007
                          Set("Device.ManagementServer.ParameterKey", "k"),                // 9008
                          Set("Device.Services.Widget.1.Level", "0"),           // 9007 (range)
                          Set("Device.Services.Widget.1.Name", "toolongname"),  // 9007 (length)
                          Set("Device.DeviceInfo.", "x")},                      // 9005 (object)
                         Origin::kAcs, &faults, &applied);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.code() == Error::kInvalidArguments);
  BOOST_TEST_REQUIRE(faults.size() == 7u);
  BOOST_TEST(faults[0].name == "Device.ManagementServer.PeriodicInformInterval");
  BOOST_TEST(faults[0].status.code() == Error::kInvalidType);
  BOOST_TEST(faults[1].status.code() == Error::kInvalidName);
  BOOST_TEST(faults[2].status.code() == Error::kInvalidValue);
  BOOST_TEST(faults[3].name == "Device.ManagementServer.ParameterKey");
  BOOST_TEST(faults[3].status.code() == Error::kNotWritable);
  BOOST_TEST(faults[4].status.code() == Error::kInvalidValue);
  BOOST_TEST(faults[5].status.code() == Error::kInvalidValue);
  BOOST_TEST(faults[6].status.code() == Error::kInvalidName);
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "");  // the good one did not change
}

BOOST_AUTO_TEST_CASE(a_single_fault_is_the_returned_status) {
  Fixture f;
  std::vector<ParameterFault> faults;
  Applied applied;
  Status s = f.model->SetValues(
      {Set("Device.ManagementServer.URL", "u"), Set("Device.DeviceInfo.UpTime", "5")}, Origin::kAcs,
      &faults, &applied);
  BOOST_TEST(s.code() == Error::kNotWritable);
  BOOST_TEST(faults.size() == 1u);
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "");
}

BOOST_AUTO_TEST_CASE(duplicate_names_are_invalid_arguments) {
  Fixture f;
  std::vector<ParameterFault> faults;
  Applied applied;
  Status s = f.model->SetValues(
      {Set("Device.ManagementServer.URL", "a"), Set("Device.ManagementServer.URL", "b")},
      Origin::kAcs, &faults, &applied);
  BOOST_TEST(s.code() == Error::kInvalidArguments);
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "");
}

BOOST_AUTO_TEST_CASE(internal_origin_may_write_read_only_parameters) {
  Fixture f;
  BOOST_TEST(f.model->SetValue("Device.ManagementServer.ParameterKey", "key1").ok());
  BOOST_TEST(f.Get("Device.ManagementServer.ParameterKey") == "key1");
  // ... but still obeys the type.
  BOOST_TEST(f.model->SetValue("Device.DeviceInfo.UpTime", "-3").code() == Error::kInvalidType);
  BOOST_TEST(f.model->SetValue("Device.DeviceInfo.UpTime", "3", Origin::kAcs).code() ==
             Error::kNotWritable);
}

BOOST_AUTO_TEST_CASE(declared_type_must_match) {
  Fixture f;
  std::vector<ParameterFault> faults;
  Applied applied;
  ParameterSet typed = Set("Device.ManagementServer.PeriodicInformInterval", "60");
  typed.has_type = true;
  typed.type = Type::kString;
  BOOST_TEST(f.model->SetValues({typed}, Origin::kAcs, &faults, &applied).code() ==
             Error::kInvalidType);
  typed.type = Type::kUnsignedInt;
  BOOST_TEST(f.model->SetValues({typed}, Origin::kAcs, &faults, &applied).ok());
  ParameterSet url = Set("Device.ManagementServer.URL", "42");
  url.has_type = true;
  url.type = Type::kInt;  // strings accept any declared type
  BOOST_TEST(f.model->SetValues({url}, Origin::kAcs, &faults, &applied).ok());
  BOOST_TEST(f.Get("Device.ManagementServer.URL") == "42");
}

BOOST_AUTO_TEST_CASE(every_type_through_a_set) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  const std::string w = "Device.Services.Widget.1.";
  struct Case {
    std::string name, value, expect;
    Error error;
  };
  const Case cases[] = {
      {"Enable", "1", "true", Error::kOk},
      {"Enable", "yes", "", Error::kInvalidType},
      {"Level", "-10", "-10", Error::kOk},
      {"Level", "2147483648", "", Error::kInvalidType},
      {"Blob", "SGk=", "SGk=", Error::kOk},
      {"Blob", "SGk", "", Error::kInvalidType},
      {"Mac", "AABBCC", "AABBCC", Error::kOk},
      {"Mac", "AAB", "", Error::kInvalidType},
      {"Big", "18446744073709551615", "18446744073709551615", Error::kOk},
      {"Big", "-1", "", Error::kInvalidType},
      {"Offset", "-9223372036854775808", "-9223372036854775808", Error::kOk},
      {"Offset", "9223372036854775808", "", Error::kInvalidType},
      {"Tags", "x, y", "x,y", Error::kOk},
  };
  for (const Case& c : cases) {
    std::string before = f.Get(w + c.name);
    Status s = f.model->SetValue(w + c.name, c.value, Origin::kAcs);
    BOOST_TEST(s.code() == c.error, c.name << "=" << c.value << ": " << s.ToString());
    BOOST_TEST(f.Get(w + c.name) == (c.error == Error::kOk ? c.expect : before));
  }
  BOOST_TEST(f.model->SetValue("Device.ManagementServer.PeriodicInformTime", "2026-13-01T00:00:00Z")
                 .code() == Error::kInvalidType);
  BOOST_TEST(
      f.model->SetValue("Device.ManagementServer.PeriodicInformTime", "2026-12-01T00:00:00+02:00")
          .ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(get_names)

BOOST_AUTO_TEST_CASE(empty_path_next_level_true_is_the_root_object) {
  Fixture f;
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(f.model->GetNames("", true, &names).ok());
  BOOST_TEST_REQUIRE(names.size() == 1u);
  BOOST_TEST(names[0].name == "Device.");
  BOOST_TEST(!names[0].writable);
}

BOOST_AUTO_TEST_CASE(empty_path_next_level_false_is_everything) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  std::vector<ParameterInfo> names, device;
  BOOST_TEST_REQUIRE(f.model->GetNames("", false, &names).ok());
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.", false, &device).ok());
  BOOST_TEST(Names(names) == Names(device), boost::test_tools::per_element());
  BOOST_TEST(names.front().name == "Device.");
  std::vector<ParameterValue> values;
  BOOST_TEST_REQUIRE(f.model->GetValues("", &values).ok());
  // Every parameter plus objects: Device., MS., DeviceInfo., ProcessStatus., Process.,
  // Services., Widget., Widget.1., Widget.1.Port., Fixed.
  BOOST_TEST(names.size() == values.size() + 10);
  for (const auto& v : values) BOOST_TEST(FindInfo(names, v.name) != nullptr, v.name);
  BOOST_TEST(FindInfo(names, "Device.Services.Widget.1.Port.") != nullptr);
  BOOST_TEST(FindInfo(names, "Device.Fixed.") != nullptr);
}

BOOST_AUTO_TEST_CASE(partial_path_next_level_true_is_one_level) {
  Fixture f;
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.", true, &names).ok());
  std::vector<std::string> expect = {"Device.RootDataModelVersion", "Device.ManagementServer.",
                                     "Device.DeviceInfo.", "Device.Services.", "Device.Fixed."};
  BOOST_TEST(Names(names) == expect, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.DeviceInfo.", true, &names).ok());
  expect = {"Device.DeviceInfo.UpTime", "Device.DeviceInfo.ProvisioningCode",
            "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.ProcessStatus."};
  BOOST_TEST(Names(names) == expect, boost::test_tools::per_element());
  BOOST_TEST(!names[0].writable);
  BOOST_TEST(names[1].writable);
}

BOOST_AUTO_TEST_CASE(partial_path_next_level_false_includes_the_object_itself) {
  Fixture f;
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.DeviceInfo.", false, &names).ok());
  std::vector<std::string> expect = {"Device.DeviceInfo.",
                                     "Device.DeviceInfo.UpTime",
                                     "Device.DeviceInfo.ProvisioningCode",
                                     "Device.DeviceInfo.SoftwareVersion",
                                     "Device.DeviceInfo.ProcessStatus.",
                                     "Device.DeviceInfo.ProcessStatus.CPUUsage",
                                     "Device.DeviceInfo.ProcessStatus.Process."};
  BOOST_TEST(Names(names) == expect, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parameter_with_next_level_true_is_invalid_arguments) {
  Fixture f;
  std::vector<ParameterInfo> names;
  BOOST_TEST(f.model->GetNames("Device.ManagementServer.URL", true, &names).code() ==
             Error::kInvalidArguments);
  BOOST_TEST(names.empty());
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.ManagementServer.URL", false, &names).ok());
  BOOST_TEST_REQUIRE(names.size() == 1u);
  BOOST_TEST(names[0].name == "Device.ManagementServer.URL");
  BOOST_TEST(names[0].writable);
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.ManagementServer.ParameterKey", false, &names).ok());
  BOOST_TEST(!names[0].writable);
}

BOOST_AUTO_TEST_CASE(tables_and_instances_are_objects_with_their_writable_flag) {
  Fixture f;
  f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget.");
  f.Add("Device.Services.Widget.1.Port.");
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.Services.", true, &names).ok());
  BOOST_TEST_REQUIRE(names.size() == 1u);
  BOOST_TEST(names[0].name == "Device.Services.Widget.");
  BOOST_TEST(names[0].writable);  // AddObject allowed
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.Services.Widget.", true, &names).ok());
  std::vector<std::string> expect = {"Device.Services.Widget.1.", "Device.Services.Widget.2."};
  BOOST_TEST(Names(names) == expect, boost::test_tools::per_element());
  BOOST_TEST(names[0].writable);  // DeleteObject allowed
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.Services.Widget.", false, &names).ok());
  BOOST_TEST(names[0].name == "Device.Services.Widget.");
  BOOST_TEST(names[1].name == "Device.Services.Widget.1.");
  BOOST_TEST(names.size() == 1u + 2 * (1 + 9 + 1) + 2);  // table, 2 rows, Port tables, 1 port
  BOOST_TEST(FindInfo(names, "Device.Services.Widget.1.Port.1.Number") != nullptr);
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.Services.Widget.1.", false, &names).ok());
  BOOST_TEST(names[0].name == "Device.Services.Widget.1.");
  BOOST_TEST(names[0].writable);
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.Services.Widget.1.", true, &names).ok());
  BOOST_TEST(names.size() == 10u);
  BOOST_TEST(names.back().name == "Device.Services.Widget.1.Port.");
  // A read-only table: not writable, nor are its rows.
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.DeviceInfo.ProcessStatus.", true, &names).ok());
  BOOST_TEST(FindInfo(names, "Device.DeviceInfo.ProcessStatus.Process.")->writable == false);
  // Single-instance objects are not writable.
  BOOST_TEST_REQUIRE(f.model->GetNames("Device.", true, &names).ok());
  BOOST_TEST(FindInfo(names, "Device.DeviceInfo.")->writable == false);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::dm
