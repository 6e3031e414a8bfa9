// SPDX-License-Identifier: GPL-2.0-or-later
// Shared fixtures of the datamodel tests: a small schema exercising every definition feature and
// a temporary state directory that is removed afterwards.
#ifndef EDGECWMP_TESTS_DATAMODEL_TEST_UTIL_H_
#define EDGECWMP_TESTS_DATAMODEL_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

#include "datamodel/datamodel.h"
#include "datamodel/persistence.h"
#include "datamodel/schema.h"
#include "tests/support/temp_dir.h"

namespace edgecwmp {
// Lets Boost.Test print error codes in failed comparisons.
inline std::ostream& operator<<(std::ostream& os, Error e) { return os << ErrorName(e); }
}  // namespace edgecwmp

namespace edgecwmp::dm::test {

inline const char* kTestSchema = R"(<?xml version="1.0"?>
<datamodel name="Test:1">
  <object path="Device." access="readOnly">
    <parameter name="RootDataModelVersion" type="string" maxLength="32" default="2.17"
               forcedInform="true"/>
  </object>
  <object path="Device.ManagementServer." access="readOnly">
    <parameter name="URL" type="string" maxLength="256" access="readWrite"/>
    <parameter name="Password" type="string" maxLength="256" access="readWrite" secret="true"/>
    <parameter name="PeriodicInformEnable" type="boolean" access="readWrite" default="true"/>
    <parameter name="PeriodicInformInterval" type="unsignedInt" access="readWrite" min="1"
               default="86400"/>
    <parameter name="PeriodicInformTime" type="dateTime" access="readWrite"/>
    <parameter name="ParameterKey" type="string" maxLength="32" forcedInform="true"
               activeNotify="canDeny"/>
    <parameter name="ConnectionRequestURL" type="string" maxLength="256" forcedInform="true"
               activeNotify="forceEnabled"/>
  </object>
  <object path="Device.DeviceInfo.">
    <parameter name="UpTime" type="unsignedInt" activeNotify="canDeny"/>
    <parameter name="ProvisioningCode" type="string" maxLength="64" access="readWrite"
               forcedInform="true"/>
    <parameter name="SoftwareVersion" type="string" maxLength="64" forcedInform="true"
               activeNotify="forceEnabled" default="1.0"/>
  </object>
  <object path="Device.DeviceInfo.ProcessStatus.">
    <parameter name="CPUUsage" type="unsignedInt" max="100"/>
  </object>
  <object path="Device.DeviceInfo.ProcessStatus.Process.{i}." maxEntries="unbounded">
    <parameter name="PID" type="unsignedInt"/>
    <parameter name="Command" type="string" maxLength="256"/>
  </object>
  <object path="Device.Services."/>
  <object path="Device.Services.Widget.{i}." access="readWrite" maxEntries="3">
    <parameter name="Enable" type="boolean" access="readWrite"/>
    <parameter name="Name" type="string" maxLength="8" access="readWrite"/>
    <parameter name="Mode" type="string" access="readWrite" default="Auto">
      <enumeration>Auto</enumeration><enumeration>Manual</enumeration>
    </parameter>
    <parameter name="Level" type="int" access="readWrite" range="-10:-1,1:10" default="1"/>
    <parameter name="Tags" type="string" list="true" maxLength="20" access="readWrite"/>
    <parameter name="Blob" type="base64" access="readWrite"/>
    <parameter name="Mac" type="hexBinary" maxLength="12" access="readWrite"/>
    <parameter name="Big" type="unsignedLong" access="readWrite"/>
    <parameter name="Offset" type="long" access="readWrite"/>
  </object>
  <object path="Device.Services.Widget.{i}.Port.{i}." access="readWrite">
    <parameter name="Number" type="unsignedInt" access="readWrite" min="1" max="65535"
               default="80"/>
  </object>
  <object path="Device.Fixed.{i}." access="readOnly">
    <parameter name="Value" type="string"/>
  </object>
</datamodel>
)";

using TempDir = testing::TempDir;  // tests/support/temp_dir.h

using testing::ReadFile;  // tests/support/temp_dir.h
using testing::WriteFile;

// Schema + model (+ optional storage) ready for a test.
struct Fixture {
  Schema schema;
  std::unique_ptr<Storage> storage;
  std::unique_ptr<DataModel> model;

  explicit Fixture(const std::string& state_dir = "") {
    Status s = schema.LoadString(kTestSchema, "test-schema");
    if (!s.ok()) throw std::runtime_error(s.ToString());
    if (!state_dir.empty()) storage = std::make_unique<Storage>(state_dir);
    model = std::make_unique<DataModel>(&schema, storage.get());
    s = model->Load();
    if (!s.ok()) throw std::runtime_error(s.ToString());
  }

  std::string Get(const std::string& path) const {
    std::string v;
    Status s = model->GetValue(path, &v);
    if (!s.ok()) return "<" + s.ToString() + ">";
    return v;
  }
  uint32_t Add(const std::string& table) {
    uint32_t n = 0;
    Applied applied;
    Status s = model->AddObject(table, Origin::kAcs, &n, &applied);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    return n;
  }
};

inline ParameterSet Set(const std::string& name, const std::string& value) {
  ParameterSet s;
  s.name = name;
  s.value = value;
  return s;
}

// An attribute change that sets only the notification.
inline AttributeSet Notify(const std::string& name, int notification) {
  AttributeSet a;
  a.name = name;
  a.notification_change = true;
  a.notification = notification;
  return a;
}

}  // namespace edgecwmp::dm::test

#endif  // EDGECWMP_TESTS_DATAMODEL_TEST_UTIL_H_
