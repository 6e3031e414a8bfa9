// SPDX-License-Identifier: GPL-2.0-or-later
// GetParameterValues and SetParameterValues over a real DataModel.
#include <boost/test/unit_test.hpp>

#include <map>

#include "tests/rpc/rpc_fixture.h"

namespace edgecwmp::rpc::test {
namespace {

std::map<std::string, cwmp::ParameterValueStruct> ByName(
    const std::vector<cwmp::ParameterValueStruct>& list) {
  std::map<std::string, cwmp::ParameterValueStruct> out;
  for (const auto& p : list) out[p.name] = p;
  return out;
}

std::map<std::string, uint32_t> FaultsByName(const cwmp::Fault& f) {
  std::map<std::string, uint32_t> out;
  for (const auto& p : f.set_parameter_values_faults) {
    BOOST_TEST(p.fault_string == FaultString(p.fault_code), p.parameter_name);
    out[p.parameter_name] = p.fault_code;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(get_parameter_values)

BOOST_AUTO_TEST_CASE(full_names_carry_value_and_xsi_type) {
  RpcFixture fx;
  cwmp::GetParameterValues request{{"Device.ManagementServer.PeriodicInformInterval",
                                    "Device.ManagementServer.PeriodicInformEnable",
                                    "Device.ManagementServer.PeriodicInformTime",
                                    "Device.DeviceInfo.SoftwareVersion"}};
  auto response = fx.Expect<cwmp::GetParameterValuesResponse>(fx.Handle(request));
  BOOST_REQUIRE(response.parameter_list.size() == 4u);
  // Request order is kept.
  BOOST_TEST(response.parameter_list[0].name == "Device.ManagementServer.PeriodicInformInterval");
  BOOST_TEST(response.parameter_list[0].value == "86400");
  BOOST_TEST(response.parameter_list[0].type == "xsd:unsignedInt");
  BOOST_TEST(response.parameter_list[1].value == "true");
  BOOST_TEST(response.parameter_list[1].type == "xsd:boolean");
  BOOST_TEST(response.parameter_list[2].value == "0001-01-01T00:00:00Z");
  BOOST_TEST(response.parameter_list[2].type == "xsd:dateTime");
  BOOST_TEST(response.parameter_list[3].value == "1.0.0");
  BOOST_TEST(response.parameter_list[3].type == "xsd:string");
}

BOOST_AUTO_TEST_CASE(partial_path_and_empty_path_expand) {
  RpcFixture fx;
  auto partial = fx.Expect<cwmp::GetParameterValuesResponse>(
      fx.Handle(cwmp::GetParameterValues{{"Device.ManagementServer."}}));
  auto by_name = ByName(partial.parameter_list);
  BOOST_TEST(partial.parameter_list.size() == 6u);
  BOOST_TEST(by_name.count("Device.ManagementServer.ParameterKey") == 1u);
  BOOST_TEST(by_name.count("Device.DeviceInfo.UpTime") == 0u);

  auto all = fx.Expect<cwmp::GetParameterValuesResponse>(fx.Handle(cwmp::GetParameterValues{{""}}));
  BOOST_TEST(all.parameter_list.size() == fx.model->parameter_count());
  BOOST_TEST(ByName(all.parameter_list).count("Device.DeviceInfo.UpTime") == 1u);
}

BOOST_AUTO_TEST_CASE(secret_values_read_back_empty) {
  RpcFixture fx;
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(
      cwmp::SetParameterValues{{Pv("Device.ManagementServer.Password", "n3w-pass")}, ""}));
  BOOST_TEST(fx.Value("Device.ManagementServer.Password") == "n3w-pass");  // stored in clear
  auto single = fx.Expect<cwmp::GetParameterValuesResponse>(
      fx.Handle(cwmp::GetParameterValues{{"Device.ManagementServer.Password"}}));
  BOOST_REQUIRE(single.parameter_list.size() == 1u);
  BOOST_TEST(single.parameter_list[0].value == "");
  auto partial =
      fx.Expect<cwmp::GetParameterValuesResponse>(fx.Handle(cwmp::GetParameterValues{{"Device."}}));
  BOOST_TEST(ByName(partial.parameter_list)["Device.ManagementServer.Password"].value == "");
}

BOOST_AUTO_TEST_CASE(one_invalid_name_faults_the_whole_request_with_9005) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::GetParameterValues{
                     {"Device.ManagementServer.URL", "Device.ManagementServer.Nope"}}),
                 9005);
  fx.ExpectFault(fx.Handle(cwmp::GetParameterValues{{"Device.Services.Widget.7."}}), 9005);
  fx.ExpectFault(fx.Handle(cwmp::GetParameterValues{{"NotDevice."}}), 9005);
}

BOOST_AUTO_TEST_CASE(too_many_entries_is_9004) {
  Options options;
  options.max_get_values_entries = 6;
  RpcFixture fx(options);
  auto ok = fx.Expect<cwmp::GetParameterValuesResponse>(
      fx.Handle(cwmp::GetParameterValues{{"Device.ManagementServer."}}));
  BOOST_TEST(ok.parameter_list.size() == 6u);
  fx.ExpectFault(
      fx.Handle(cwmp::GetParameterValues{{"Device.ManagementServer.", "Device.DeviceInfo.UpTime"}}),
      9004);
}

BOOST_AUTO_TEST_CASE(a_failing_provider_is_9002) {
  RpcFixture fx;
  dm::ParamBinding binding;
  binding.get = [](const dm::Context&, std::string*) { return Status::Internal("sensor gone"); };
  BOOST_REQUIRE(fx.model->BindParameter("Device.DeviceInfo.UpTime", binding).ok());
  fx.ExpectFault(fx.Handle(cwmp::GetParameterValues{{"Device.DeviceInfo.UpTime"}}), 9002);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(set_parameter_values)

BOOST_AUTO_TEST_CASE(applies_values_and_parameter_key_together) {
  RpcFixture fx;
  cwmp::SetParameterValues request{
      {Pv("Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt"),
       Pv("Device.ManagementServer.PeriodicInformTime", "2026-01-01T00:00:00.000Z", "xsd:dateTime"),
       Pv("Device.ManagementServer.PeriodicInformEnable", "0", "xsd:boolean"),
       Pv("Device.ManagementServer.URL", "http://acs.example:7547/", "xsd:string")},
      "spv-1"};
  auto response = fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(request));
  BOOST_TEST(response.status == 0);
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformInterval") == "300");
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformEnable") == "false");
  BOOST_TEST(fx.Value("Device.ManagementServer.URL") == "http://acs.example:7547/");
  BOOST_TEST(fx.Value(kKeyPath) == "spv-1");
}

BOOST_AUTO_TEST_CASE(status_1_when_a_setter_applies_later) {
  RpcFixture fx;
  dm::ParamBinding binding;
  binding.set = [](const dm::Context&, const std::string&, dm::Applied* applied) {
    *applied = dm::Applied::kLater;
    return Status::Ok();
  };
  BOOST_REQUIRE(fx.model->BindParameter("Device.ManagementServer.URL", binding).ok());
  auto response = fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(
      cwmp::SetParameterValues{{Pv("Device.ManagementServer.URL", "http://b/")}, "later"}));
  BOOST_TEST(response.status == 1);
  BOOST_TEST(fx.Value(kKeyPath) == "later");
}

BOOST_AUTO_TEST_CASE(xsd_string_is_accepted_for_a_value_of_the_right_form) {
  RpcFixture fx;
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(cwmp::SetParameterValues{
      {Pv("Device.ManagementServer.PeriodicInformInterval", "600", "xsd:string")}, ""}));
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformInterval") == "600");
  // ... and for a value without xsi:type, or one with a type the agent does not know.
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(cwmp::SetParameterValues{
      {Pv("Device.ManagementServer.PeriodicInformInterval", "700", "")}, ""}));
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformInterval") == "700");
}

BOOST_AUTO_TEST_CASE(wrong_types_are_9006_per_parameter) {
  RpcFixture fx;
  auto fault = fx.ExpectFault(
      fx.Handle(cwmp::SetParameterValues{
          {Pv("Device.ManagementServer.PeriodicInformInterval", "abc", "xsd:string"),
           Pv("Device.ManagementServer.PeriodicInformEnable", "true", "xsd:unsignedInt")},
          "k"}),
      9003);
  auto faults = FaultsByName(fault);
  BOOST_TEST(faults.size() == 2u);
  BOOST_TEST(faults["Device.ManagementServer.PeriodicInformInterval"] == 9006u);
  BOOST_TEST(faults["Device.ManagementServer.PeriodicInformEnable"] == 9006u);
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformEnable") == "true");
}

BOOST_AUTO_TEST_CASE(base64_is_xsd_base64Binary_on_the_wire) {
  RpcFixture fx;
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(
      cwmp::SetParameterValues{{Pv("Device.Services.Blob", "aGVsbG8=", "xsd:base64")}, ""}));
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(
      cwmp::SetParameterValues{{Pv("Device.Services.Blob", "d29ybGQ=", "xsd:base64Binary")}, ""}));
  auto r = fx.Expect<cwmp::GetParameterValuesResponse>(
      fx.Handle(cwmp::GetParameterValues{{"Device.Services.Blob"}}));
  BOOST_REQUIRE(r.parameter_list.size() == 1u);
  BOOST_TEST(r.parameter_list[0].value == "d29ybGQ=");
  BOOST_TEST(r.parameter_list[0].type == "xsd:base64Binary");
  // Any prefix bound to XML Schema works; a declared base64 for a boolean is the wrong type.
  auto fault = fx.ExpectFault(
      fx.Handle(cwmp::SetParameterValues{
          {Pv("Device.ManagementServer.PeriodicInformEnable", "true", "xs:base64Binary")}, ""}),
      9003);
  BOOST_TEST(FaultsByName(fault)["Device.ManagementServer.PeriodicInformEnable"] == 9006u);
}

BOOST_AUTO_TEST_CASE(several_bad_parameters_each_get_their_fault_and_nothing_changes) {
  RpcFixture fx;
  BOOST_REQUIRE(fx.Ready().SetValue(kKeyPath, "before").ok());
  cwmp::SetParameterValues request{
      {Pv("Device.ManagementServer.URL", "http://changed/"),                           // good
       Pv("Device.ManagementServer.NoSuchThing", "1"),                                 // 9005
       Pv("Device.DeviceInfo.SoftwareVersion", "2.0"),                                 // 9008
       Pv("Device.ManagementServer.PeriodicInformInterval", "0", "xsd:unsignedInt"),   // 9007
       Pv("Device.ManagementServer.PeriodicInformTime", "yesterday", "xsd:dateTime"),  // 9006
       Pv(kKeyPath, "sneaky")},                                                        // 9008
      "after"};
  auto fault = fx.ExpectFault(fx.Handle(request), 9003);
  auto faults = FaultsByName(fault);
  BOOST_TEST(faults.size() == 5u);
  BOOST_TEST(faults["Device.ManagementServer.NoSuchThing"] == 9005u);
  BOOST_TEST(faults["Device.DeviceInfo.SoftwareVersion"] == 9008u);
  BOOST_TEST(faults["Device.ManagementServer.PeriodicInformInterval"] == 9007u);
  BOOST_TEST(faults["Device.ManagementServer.PeriodicInformTime"] == 9006u);
  BOOST_TEST(faults[kKeyPath] == 9008u);
  BOOST_TEST(faults.count("Device.ManagementServer.URL") == 0u);
  // Atomic: the good entry was not applied and the ParameterKey kept its value.
  BOOST_TEST(fx.Value("Device.ManagementServer.URL") == "");
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformInterval") == "86400");
  BOOST_TEST(fx.Value(kKeyPath) == "before");
}

BOOST_AUTO_TEST_CASE(enumeration_and_length_violations_are_9007) {
  RpcFixture fx;
  uint32_t instance = 0;
  dm::Applied applied;
  BOOST_REQUIRE(
      fx.Ready()
          .AddObject("Device.Services.Widget.", dm::Origin::kInternal, &instance, &applied)
          .ok());
  std::string base = "Device.Services.Widget." + std::to_string(instance) + ".";
  auto fault =
      fx.ExpectFault(fx.Handle(cwmp::SetParameterValues{
                         {Pv(base + "Mode", "C"), Pv(base + "Name", std::string(17, 'n'))}, ""}),
                     9003);
  auto faults = FaultsByName(fault);
  BOOST_TEST(faults[base + "Mode"] == 9007u);
  BOOST_TEST(faults[base + "Name"] == 9007u);
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(cwmp::SetParameterValues{
      {Pv(base + "Mode", "B"), Pv(base + "Name", "sixteen-chars-ok")}, ""}));
  BOOST_TEST(fx.Value(base + "Mode") == "B");
}

BOOST_AUTO_TEST_CASE(a_failing_setter_is_9002_and_undoes_the_set) {
  RpcFixture fx;
  dm::ParamBinding binding;
  binding.set = [](const dm::Context&, const std::string& value, dm::Applied*) {
    return value == "http://fails/" ? Status::Internal("device refused") : Status::Ok();
  };
  BOOST_REQUIRE(fx.model->BindParameter("Device.ManagementServer.URL", binding).ok());
  BOOST_REQUIRE(fx.Ready().SetValue(kKeyPath, "before").ok());
  auto fault = fx.ExpectFault(
      fx.Handle(cwmp::SetParameterValues{
          {Pv("Device.ManagementServer.PeriodicInformInterval", "60", "xsd:unsignedInt"),
           Pv("Device.ManagementServer.URL", "http://fails/")},
          "after"}),
      9002);
  BOOST_TEST(fault.set_parameter_values_faults.empty());  // not a parameter in error
  BOOST_TEST(fx.Value("Device.ManagementServer.PeriodicInformInterval") == "86400");
  BOOST_TEST(fx.Value(kKeyPath) == "before");
}

BOOST_AUTO_TEST_CASE(a_provider_validator_refusal_is_listed) {
  RpcFixture fx;
  dm::ParamBinding binding;
  binding.validate = [](const dm::Context&, const std::string& value) {
    return value.rfind("http", 0) == 0 ? Status::Ok() : Status::InvalidValue("not a URL");
  };
  BOOST_REQUIRE(fx.model->BindParameter("Device.ManagementServer.URL", binding).ok());
  auto fault = fx.ExpectFault(
      fx.Handle(cwmp::SetParameterValues{{Pv("Device.ManagementServer.URL", "ftp:/x"),
                                          Pv("Device.DeviceInfo.UpTime", "5", "xsd:unsignedInt")},
                                         ""}),
      9003);
  auto faults = FaultsByName(fault);
  BOOST_TEST(faults.size() == 2u);
  BOOST_TEST(faults["Device.ManagementServer.URL"] == 9007u);
  BOOST_TEST(faults["Device.DeviceInfo.UpTime"] == 9008u);
}

BOOST_AUTO_TEST_CASE(duplicate_names_are_9003_and_change_nothing) {
  RpcFixture fx;
  auto fault = fx.ExpectFault(
      fx.Handle(cwmp::SetParameterValues{{Pv("Device.ManagementServer.URL", "http://a/"),
                                          Pv("Device.ManagementServer.URL", "http://b/")},
                                         "dup"}),
      9003);
  BOOST_TEST(fault.set_parameter_values_faults.empty());
  BOOST_TEST(fx.Value("Device.ManagementServer.URL") == "");
  BOOST_TEST(fx.Value(kKeyPath) == "");
}

BOOST_AUTO_TEST_CASE(an_over_long_parameter_key_is_9003_and_changes_nothing) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::SetParameterValues{
                     {Pv("Device.ManagementServer.URL", "http://a/")}, std::string(33, 'p')}),
                 9003);
  BOOST_TEST(fx.Value("Device.ManagementServer.URL") == "");
  BOOST_TEST(fx.Value(kKeyPath) == "");
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(cwmp::SetParameterValues{
      {Pv("Device.ManagementServer.URL", "http://a/")}, std::string(32, 'p')}));
  BOOST_TEST(fx.Value(kKeyPath) == std::string(32, 'p'));
}

BOOST_AUTO_TEST_CASE(parameter_key_is_not_stored_when_the_model_lacks_it) {
  Options options;
  options.parameter_key_path = "";
  RpcFixture fx(options);
  fx.Expect<cwmp::SetParameterValuesResponse>(fx.Handle(
      cwmp::SetParameterValues{{Pv("Device.ManagementServer.URL", "http://a/")}, "ignored"}));
  BOOST_TEST(fx.Value("Device.ManagementServer.URL") == "http://a/");
  BOOST_TEST(fx.Value(kKeyPath) == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::rpc::test
