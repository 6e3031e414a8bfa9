// SPDX-License-Identifier: GPL-2.0-or-later
// The fault table, the Status → fault mapping, the method table and GetRPCMethods.
#define BOOST_TEST_MODULE rpc_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <utility>

#include "tests/rpc/rpc_fixture.h"

namespace edgecwmp::rpc::test {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Calls f(request) once for a default-constructed value of every AcsRequest alternative.
template <typename F, size_t... I>
void ForEachRequestImpl(F&& f, std::index_sequence<I...>) {
  (f(cwmp::AcsRequest(std::in_place_index<I>)), ...);
}
template <typename F>
void ForEachRequest(F&& f) {
  ForEachRequestImpl(f, std::make_index_sequence<std::variant_size_v<cwmp::AcsRequest>>());
}

bool IsMethodNotSupported(const cwmp::CpeResponse& r) {
  const auto* f = std::get_if<cwmp::Fault>(&r);
  return f != nullptr && f->fault_code == fault::kMethodNotSupported;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(every_cpe_fault_code_has_its_standard_string) {
  for (uint32_t code = 9000; code <= 9032; ++code) {
    BOOST_TEST(std::string(FaultString(code)).size() > 0, "code " << code);
  }
  BOOST_TEST(std::string(FaultString(9000)) == "Method not supported");
  BOOST_TEST(std::string(FaultString(9001)) == "Request denied (no reason specified)");
  BOOST_TEST(std::string(FaultString(9003)) == "Invalid arguments");
  BOOST_TEST(std::string(FaultString(9005)) == "Invalid parameter name");
  BOOST_TEST(std::string(FaultString(9008)) == "Attempt to set a non-writable parameter");
  BOOST_TEST(std::string(FaultString(9009)) == "Notification request rejected");
  BOOST_TEST(std::string(FaultString(9019)) ==
             "File transfer failure: file authentication failure");
  BOOST_TEST(std::string(FaultString(9032)) ==
             "Invalid Deployment Unit Update - Version already exists");
  BOOST_TEST(std::string(FaultString(9033)).empty());
  BOOST_TEST(std::string(FaultString(8000)).empty());
}

BOOST_AUTO_TEST_CASE(status_codes_map_to_cwmp_faults) {
  const std::pair<Error, uint32_t> expected[] = {
      {Error::kOk, 0},
      {Error::kInvalidName, 9005},
      {Error::kInvalidType, 9006},
      {Error::kInvalidValue, 9007},
      {Error::kNotWritable, 9008},
      {Error::kNotificationRejected, 9009},
      {Error::kResourcesExceeded, 9004},
      {Error::kInvalidArguments, 9003},
      {Error::kRequestDenied, 9001},
      {Error::kInternal, 9002},
      {Error::kNotFound, 9005},
      {Error::kCorruption, 9002},
  };
  for (const auto& [error, code] : expected) {
    BOOST_TEST(FaultCodeFor(error) == code, ErrorName(error));
  }
  cwmp::Fault f = FaultFromStatus(Status::NotWritable("Device.X secret=hunter2"));
  BOOST_TEST(f.fault_code == 9008u);
  // The Status message may quote values; only the standard text goes to the ACS.
  BOOST_TEST(f.fault_string == "Attempt to set a non-writable parameter");
  // A Status that carries its own fault code (a transfer or DU outcome) keeps it.
  cwmp::Fault du = FaultFromStatus(Status::Fault(fault::kDuplicateDeploymentUnit, "uuid 1"));
  BOOST_TEST(du.fault_code == 9026u);
  BOOST_TEST(du.fault_string == "Duplicate Deployment Unit");
  BOOST_TEST(Status::Fault(9026, "uuid 1").ToString() == "Fault 9026: uuid 1");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(dispatcher)

BOOST_AUTO_TEST_CASE(get_rpc_methods_lists_the_core_methods) {
  RpcFixture fx;
  auto response = fx.Expect<cwmp::GetRPCMethodsResponse>(fx.Handle(cwmp::GetRPCMethods{}));
  // TR-069 A.3.1.1 / Table 5: the methods the dispatcher implements itself; transfers, vouchers
  // and options are not offered until a handler is given to Dispatcher::Serve.
  const std::vector<std::string> expected = {
      "GetRPCMethods",     "SetParameterValues",     "GetParameterValues",
      "GetParameterNames", "SetParameterAttributes", "GetParameterAttributes",
      "AddObject",         "DeleteObject",           "Reboot",
      "FactoryReset",      "ScheduleInform"};
  BOOST_TEST(response.method_list == expected, boost::test_tools::per_element());
  BOOST_TEST(fx.dispatcher().SupportedMethods() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(listed_methods_are_served_and_the_others_answer_9000) {
  RpcFixture fx;
  const std::vector<std::string> listed = fx.dispatcher().SupportedMethods();
  int served = 0, refused = 0;
  ForEachRequest([&](const cwmp::AcsRequest& request) {
    std::string name = cwmp::MessageName(request);
    cwmp::CpeResponse response = fx.Handle(request);
    if (Contains(listed, name)) {
      BOOST_TEST(!IsMethodNotSupported(response), name << " is listed but answered 9000");
      ++served;
    } else {
      BOOST_TEST(IsMethodNotSupported(response), name << " is not listed but was served");
      if (IsMethodNotSupported(response)) {
        BOOST_TEST(std::get<cwmp::Fault>(response).fault_string == "Method not supported");
      }
      ++refused;
    }
  });
  BOOST_TEST(served == 11);
  BOOST_TEST(refused == 9);
}

BOOST_AUTO_TEST_CASE(optional_method_is_listed_and_served_once_given_a_handler) {
  RpcFixture fx;
  std::vector<std::string> downloads;
  Status served = fx.dispatcher().Serve<cwmp::Download>([&](const cwmp::Download& request) {
    downloads.push_back(request.command_key);
    return cwmp::DownloadResponse{};
  });
  BOOST_REQUIRE(served.ok());
  BOOST_TEST(Contains(fx.dispatcher().SupportedMethods(), "Download"));
  cwmp::Download download;
  download.command_key = "dl-1";
  fx.Expect<cwmp::DownloadResponse>(fx.Handle(download));
  BOOST_TEST(downloads == std::vector<std::string>{"dl-1"}, boost::test_tools::per_element());
  auto methods = fx.Expect<cwmp::GetRPCMethodsResponse>(fx.Handle(cwmp::GetRPCMethods{}));
  BOOST_TEST(Contains(methods.method_list, "Download"));
  // Upload was given no handler: still 9000 and not listed.
  BOOST_TEST(!Contains(fx.dispatcher().SupportedMethods(), "Upload"));
  fx.ExpectFault(fx.Handle(cwmp::Upload{}), 9000);
}

BOOST_AUTO_TEST_CASE(a_required_method_cannot_be_given_another_handler) {
  RpcFixture fx;
  Status s = fx.dispatcher().Serve<cwmp::GetParameterValues>(
      [](const cwmp::GetParameterValues&) { return cwmp::GetParameterValuesResponse{}; });
  BOOST_TEST((s.code() == Error::kInvalidArguments));
  BOOST_TEST(s.message().find("GetParameterValues") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(a_disabled_optional_method_stays_unserved_with_a_handler) {
  Options options;
  options.disabled_methods = {"Download"};
  RpcFixture fx(options);
  BOOST_REQUIRE(
      fx.dispatcher()
          .Serve<cwmp::Download>([](const cwmp::Download&) { return cwmp::DownloadResponse{}; })
          .ok());
  BOOST_TEST(!Contains(fx.dispatcher().SupportedMethods(), "Download"));
  fx.ExpectFault(fx.Handle(cwmp::Download{}), 9000);
}

BOOST_AUTO_TEST_CASE(get_options_and_set_vouchers_are_not_supported) {
  RpcFixture fx;
  fx.ExpectFault(fx.Handle(cwmp::GetOptions{"x"}), 9000);
  fx.ExpectFault(fx.Handle(cwmp::SetVouchers{{"dm91Y2hlcg=="}}), 9000);
}

BOOST_AUTO_TEST_CASE(disabled_methods_answer_9000_and_are_not_listed) {
  Options options;
  options.disabled_methods = {"FactoryReset", "GetRPCMethods"};
  RpcFixture fx(options);
  std::vector<std::string> listed = fx.dispatcher().SupportedMethods();
  BOOST_TEST(!Contains(listed, "FactoryReset"));
  BOOST_TEST(Contains(listed, "GetRPCMethods"));  // required, cannot be switched off
  fx.ExpectFault(fx.Handle(cwmp::FactoryReset{}), 9000);
  BOOST_TEST(fx.actions.factory_resets == 0);
  auto methods = fx.Expect<cwmp::GetRPCMethodsResponse>(fx.Handle(cwmp::GetRPCMethods{}));
  BOOST_TEST(methods.method_list == listed, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::rpc::test
