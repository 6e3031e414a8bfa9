// SPDX-License-Identifier: GPL-2.0-or-later
// Shared by the rpc tests: a small Device:2-shaped schema, a CpeActions fake that records what
// the handlers asked for, and a fixture wiring a real DataModel to a Dispatcher.
#ifndef EDGECWMP_TESTS_RPC_RPC_FIXTURE_H_
#define EDGECWMP_TESTS_RPC_RPC_FIXTURE_H_

#include <boost/test/unit_test.hpp>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cwmp/protocol/messages.h"
#include "datamodel/datamodel.h"
#include "datamodel/schema.h"
#include "rpc/cpe_actions.h"
#include "rpc/dispatcher.h"
#include "rpc/faults.h"

namespace edgecwmp::rpc::test {

inline constexpr const char* kTestSchema = R"(
<datamodel name="Device:2.17">
  <object path="Device." access="readOnly">
    <parameter name="RootDataModelVersion" type="string" default="2.17" forcedInform="true"/>
  </object>
  <object path="Device.ManagementServer." access="readOnly">
    <parameter name="URL" type="string" maxLength="256" access="readWrite" default=""/>
    <parameter name="Password" type="string" maxLength="256" access="readWrite" secret="true"
               default="initial-secret"/>
    <parameter name="PeriodicInformEnable" type="boolean" access="readWrite" default="true"/>
    <parameter name="PeriodicInformInterval" type="unsignedInt" access="readWrite" min="1"
               default="86400"/>
    <parameter name="PeriodicInformTime" type="dateTime" access="readWrite"
               default="0001-01-01T00:00:00Z"/>
    <parameter name="ParameterKey" type="string" maxLength="32" forcedInform="true"
               activeNotify="canDeny" default=""/>
  </object>
  <object path="Device.DeviceInfo." access="readOnly">
    <parameter name="SoftwareVersion" type="string" maxLength="64" forcedInform="true"
               default="1.0.0"/>
    <parameter name="UpTime" type="unsignedInt" activeNotify="canDeny" default="0"/>
  </object>
  <object path="Device.Services." access="readOnly">
    <parameter name="WidgetNumberOfEntries" type="unsignedInt" default="0"/>
    <parameter name="Blob" type="base64" access="readWrite" default=""/>
  </object>
  <object path="Device.Services.Widget.{i}." access="readWrite" minEntries="0" maxEntries="2">
    <parameter name="Name" type="string" maxLength="16" access="readWrite" default=""/>
    <parameter name="Mode" type="string" access="readWrite" default="A">
      <enumeration>A</enumeration><enumeration>B</enumeration>
    </parameter>
  </object>
  <object path="Device.Services.Fixed.{i}." access="readOnly" minEntries="0"
          maxEntries="unbounded">
    <parameter name="Label" type="string" default=""/>
  </object>
</datamodel>
)";

inline constexpr const char* kKeyPath = "Device.ManagementServer.ParameterKey";

// Records every action; each one answers with the Status set in its *_result member.
class FakeActions : public CpeActions {
 public:
  Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key) override {
    scheduled.emplace_back(delay_seconds, command_key);
    return schedule_result;
  }
  Status RebootAfterSession(const std::string& command_key) override {
    reboots.push_back(command_key);
    return reboot_result;
  }
  Status FactoryResetAfterSession() override {
    ++factory_resets;
    return factory_reset_result;
  }
  std::vector<std::pair<uint32_t, std::string>> scheduled;
  std::vector<std::string> reboots;
  int factory_resets = 0;
  Status schedule_result, reboot_result, factory_reset_result;
};

struct RpcFixture {
  explicit RpcFixture(Options options = Options()) : options_(std::move(options)) {
    Status s = schema.LoadString(kTestSchema, "rpc test schema");
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
  }

  // Loads the model on first use: call Bind*() on |model| before anything else.
  Dispatcher& dispatcher() {
    if (!dispatcher_) {
      Status s = model->Load();
      BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
      dispatcher_ = std::make_unique<Dispatcher>(model.get(), &actions, options_);
    }
    return *dispatcher_;
  }

  // The loaded model, for tests that change it directly (after any Bind*()).
  dm::DataModel& Ready() {
    dispatcher();
    return *model;
  }

  cwmp::CpeResponse Handle(const cwmp::AcsRequest& request) { return dispatcher().Handle(request); }

  template <typename T>
  T Expect(const cwmp::CpeResponse& response) {
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<T>(response),
                          "got " << cwmp::MessageName(response) << FaultText(response));
    return std::get<T>(response);
  }

  cwmp::Fault ExpectFault(const cwmp::CpeResponse& response, uint32_t code) {
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<cwmp::Fault>(response),
                          "expected fault " << code << ", got " << cwmp::MessageName(response));
    cwmp::Fault f = std::get<cwmp::Fault>(response);
    BOOST_TEST(f.fault_code == code);
    BOOST_TEST(f.fault_string == FaultString(code));
    return f;
  }

  std::string Value(const std::string& path) {
    std::string v;
    Status s = Ready().GetValue(path, &v);
    BOOST_REQUIRE_MESSAGE(s.ok(), path << ": " << s.ToString());
    return v;
  }

  bool Exists(const std::string& path) {
    std::vector<dm::ParameterInfo> out;
    return Ready().GetNames(path, false, &out).ok();
  }

  static std::string FaultText(const cwmp::CpeResponse& r) {
    if (const auto* f = std::get_if<cwmp::Fault>(&r)) {
      return " " + std::to_string(f->fault_code) + " " + f->fault_string;
    }
    return "";
  }

  dm::Schema schema;
  std::unique_ptr<dm::DataModel> model;
  FakeActions actions;

 private:
  Options options_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

inline cwmp::ParameterValueStruct Pv(std::string name, std::string value,
                                     std::string type = "xsd:string") {
  return cwmp::ParameterValueStruct{std::move(name), std::move(value), std::move(type)};
}

}  // namespace edgecwmp::rpc::test

#endif  // EDGECWMP_TESTS_RPC_RPC_FIXTURE_H_
