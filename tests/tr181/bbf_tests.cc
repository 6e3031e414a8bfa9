// SPDX-License-Identifier: GPL-2.0-or-later
// The project's Device:2 definitions (every tr181/*.xml and tr181/edgex/*.xml) against the
// Broadband Forum's TR-181 2.17 CWMP model: each standard object and parameter must exist there
// with the same shape, access and type, and no looser length, range or enumeration.
#define BOOST_TEST_MODULE tr181_bbf_tests
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "datamodel/schema.h"
#include "tests/tr181/bbf_compare.h"
#include "tr181/definitions.h"
#include "tr181/vendor.h"

namespace edgecwmp::tr181::testing {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  BOOST_REQUIRE_MESSAGE(value != nullptr && *value, name << " is not set (run through ctest)");
  return value;
}

// Parsed once: the BBF file is 4 MB.
const BbfModel& Bbf() {
  static const std::unique_ptr<BbfModel> model = [] {
    auto m = std::make_unique<BbfModel>();
    const std::string shared = Env("EDGECWMP_SHARED_DIR") + "/bbf/";
    const std::string error =
        m->Load(shared + "tr-181-2-17-0-cwmp-full.xml", shared + "tr-106-types.xml");
    BOOST_REQUIRE_MESSAGE(error.empty(), error);
    return m;
  }();
  return *model;
}

std::string SourceDefinitions() { return Env("EDGECWMP_SOURCE_DIR") + "/tr181"; }

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "\n  " + line;
  return text;
}

bool Mentions(const std::vector<std::string>& mismatches, const std::string& path,
              const std::string& what) {
  return std::any_of(mismatches.begin(), mismatches.end(), [&](const std::string& m) {
    return m.rfind(path + ":", 0) == 0 && m.find(what) != std::string::npos;
  });
}

// Whether |schema| defines the parameter |path| ("Device.X.{i}.Y").
bool Defines(const dm::Schema& schema, const std::string& path) {
  const size_t dot = path.rfind('.');
  const dm::ObjectDef* object = schema.FindObject(path.substr(0, dot + 1));
  return object != nullptr && object->FindParam(path.substr(dot + 1)) != nullptr;
}

BOOST_AUTO_TEST_CASE(bbf_reference_resolves_named_types) {
  const BbfObject* ms = Bbf().Find("Device.ManagementServer.");
  BOOST_REQUIRE(ms != nullptr);
  BOOST_TEST(Bbf().object_count() > 500u);
  // URL is a dataType reference (URL → URI → string, maxLength 2048).
  const BbfParam& url = ms->params.at("URL");
  BOOST_TEST(url.type == "string");
  BOOST_TEST(url.max_length == 2048u);
  BOOST_TEST(ms->params.at("Password").hidden);
  BOOST_TEST(ms->params.at("ParameterKey").forced_inform);
  const BbfObject* process = Bbf().Find("Device.DeviceInfo.ProcessStatus.Process.{i}.");
  BOOST_REQUIRE(process != nullptr);
  BOOST_TEST(process->multi_instance);
}

BOOST_AUTO_TEST_CASE(every_definition_file_agrees_with_tr181) {
  const std::vector<std::string> files = DefinitionFiles(SourceDefinitions());
  BOOST_REQUIRE_MESSAGE(!files.empty(), "no definitions in " << SourceDefinitions());
  BOOST_TEST(files.front() == SourceDefinitions() + "/device.xml");
  dm::Schema schema;
  for (const std::string& file : files) {
    BOOST_TEST_MESSAGE("checking " << file);
    const Status status = schema.LoadFile(file);
    BOOST_REQUIRE_MESSAGE(status.ok(), status.ToString());
  }
  BOOST_REQUIRE(schema.param_count() > 50u);
  const std::vector<std::string> mismatches = CompareWithBbf(schema, Bbf());
  BOOST_TEST(mismatches.empty(), mismatches.size()
                                     << " disagreement(s) with TR-181 2.17:" << Join(mismatches));
}

BOOST_AUTO_TEST_CASE(vendor_extensions_carry_the_project_prefix) {
  dm::Schema schema;
  for (const std::string& file : DefinitionFiles(SourceDefinitions())) {
    BOOST_REQUIRE(schema.LoadFile(file).ok());
  }
  std::vector<std::string> bad;
  auto check = [&](const std::string& name, const std::string& where) {
    if (name.rfind("X_", 0) == 0 && name.rfind(kVendorPrefix, 0) != 0) bad.push_back(where);
  };
  for (const dm::ObjectDef* object : schema.objects()) {
    check(object->name, object->path);
    for (const dm::ParamDef& param : object->params) check(param.name, object->path + param.name);
  }
  BOOST_TEST(bad.empty(), "vendor names without " << kVendorPrefix << ":" << Join(bad));
}

// The base model the agent promises: the Device:2 parameters an ACS may rely on being present.
BOOST_AUTO_TEST_CASE(base_model_defines_the_promised_parameters) {
  dm::Schema schema;
  BOOST_REQUIRE(schema.LoadFile(SourceDefinitions() + "/device.xml").ok());
  std::vector<std::string> missing;
  for (const char* path : {"Device.RootDataModelVersion",
                           "Device.DeviceInfo.Manufacturer",
                           "Device.DeviceInfo.ManufacturerOUI",
                           "Device.DeviceInfo.ProductClass",
                           "Device.DeviceInfo.SerialNumber",
                           "Device.DeviceInfo.HardwareVersion",
                           "Device.DeviceInfo.SoftwareVersion",
                           "Device.DeviceInfo.ProvisioningCode",
                           "Device.DeviceInfo.UpTime",
                           "Device.DeviceInfo.FirstUseDate",
                           "Device.DeviceInfo.MemoryStatus.Total",
                           "Device.DeviceInfo.MemoryStatus.Free",
                           "Device.DeviceInfo.ProcessStatus.CPUUsage",
                           "Device.DeviceInfo.ProcessStatus.Process.{i}.PID",
                           "Device.DeviceInfo.ProcessStatus.Process.{i}.Command",
                           "Device.DeviceInfo.ProcessStatus.Process.{i}.State",
                           "Device.ManagementServer.URL",
                           "Device.ManagementServer.Username",
                           "Device.ManagementServer.Password",
                           "Device.ManagementServer.PeriodicInformEnable",
                           "Device.ManagementServer.PeriodicInformInterval",
                           "Device.ManagementServer.PeriodicInformTime",
                           "Device.ManagementServer.ParameterKey",
                           "Device.ManagementServer.ConnectionRequestURL",
                           "Device.ManagementServer.ConnectionRequestUsername",
                           "Device.ManagementServer.ConnectionRequestPassword",
                           "Device.ManagementServer.UpgradesManaged",
                           "Device.ManagementServer.CWMPRetryMinimumWaitInterval",
                           "Device.ManagementServer.CWMPRetryIntervalMultiplier",
                           "Device.ManagementServer.DefaultActiveNotificationThrottle",
                           "Device.ManagementServer.AliasBasedAddressing",
                           "Device.ManagementServer.HeartbeatPolicy.Enable",
                           "Device.ManagementServer.HeartbeatPolicy.ReportingInterval",
                           "Device.ManagementServer.HeartbeatPolicy.InitiationTime",
                           "Device.Time.Enable",
                           "Device.Time.Status",
                           "Device.Time.NTPServer1",
                           "Device.Time.CurrentLocalTime",
                           "Device.Time.LocalTimeZone"}) {
    if (!Defines(schema, path)) missing.push_back(path);
  }
  BOOST_TEST(missing.empty(), "missing from device.xml:" << Join(missing));
}

// The parameters TR-069 Amendment 6 requires in every Device:2 Inform (Table 7).
BOOST_AUTO_TEST_CASE(forced_inform_set_is_the_device2_one) {
  dm::Schema schema;
  BOOST_REQUIRE(schema.LoadFile(SourceDefinitions() + "/device.xml").ok());
  std::set<std::string> forced;
  for (const dm::ObjectDef* object : schema.objects()) {
    for (const dm::ParamDef& param : object->params) {
      if (param.forced_inform) forced.insert(object->path + param.name);
    }
  }
  const std::set<std::string> expected = {
      "Device.RootDataModelVersion",
      "Device.DeviceInfo.HardwareVersion",
      "Device.DeviceInfo.SoftwareVersion",
      "Device.DeviceInfo.ProvisioningCode",
      "Device.ManagementServer.ParameterKey",
      "Device.ManagementServer.ConnectionRequestURL",
      "Device.ManagementServer.AliasBasedAddressing",
  };
  BOOST_TEST(forced == expected, boost::test_tools::per_element());
}

// The comparison itself must catch each kind of mistake, and say where.
BOOST_AUTO_TEST_CASE(comparison_reports_every_kind_of_mismatch) {
  const char* kWrong = R"(<datamodel name="Device:2.17">
    <object path="Device." access="readOnly">
      <parameter name="RootDataModelVersion" type="int" access="readOnly" forcedInform="true"/>
      <parameter name="X_EDGECWMP_Anything" type="int" access="readWrite"/>
    </object>
    <object path="Device.DeviceInfo." access="readWrite">
      <parameter name="UpTime" type="unsignedInt" access="readWrite"/>
      <parameter name="Manufacturer" type="string" maxLength="65" access="readOnly"/>
      <parameter name="ModelName" type="string" access="readOnly"/>
      <parameter name="NoSuchParameter" type="string" access="readOnly"/>
      <parameter name="HardwareVersion" type="string" maxLength="64" access="readOnly"/>
    </object>
    <object path="Device.DeviceInfo.ProcessStatus." access="readOnly">
      <parameter name="CPUUsage" type="unsignedInt" access="readOnly"/>
    </object>
    <object path="Device.ManagementServer." access="readOnly">
      <parameter name="Password" type="string" maxLength="256" access="readWrite"/>
      <parameter name="InstanceMode" type="string" access="readWrite">
        <enumeration>InstanceNumber</enumeration><enumeration>InstanceName</enumeration>
      </parameter>
    </object>
    <object path="Device.NoSuchObject." access="readOnly"/>
    <object path="Device.X_EDGECWMP_Private." access="readOnly"/>
    <object path="Device.ManagementServer.InformParameter.{i}." access="readOnly"
            maxEntries="unbounded"/>
  </datamodel>)";
  dm::Schema schema;
  const Status loaded = schema.LoadString(kWrong, "wrong.xml");
  BOOST_REQUIRE_MESSAGE(loaded.ok(), loaded.ToString());
  const std::vector<std::string> m = CompareWithBbf(schema, Bbf());
  BOOST_TEST_MESSAGE("reported:" << Join(m));
  BOOST_TEST(Mentions(m, "Device.RootDataModelVersion", "type int"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.", "access readWrite"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.UpTime", "access readWrite"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.Manufacturer", "maxLength 65"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.ModelName", "maxLength unlimited"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.NoSuchParameter", "not in TR-181"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.HardwareVersion", "forcedInform=false"));
  BOOST_TEST(Mentions(m, "Device.DeviceInfo.ProcessStatus.CPUUsage", "range"));
  BOOST_TEST(Mentions(m, "Device.ManagementServer.Password", "secret=false"));
  BOOST_TEST(Mentions(m, "Device.ManagementServer.InstanceMode", "\"InstanceName\""));
  BOOST_TEST(Mentions(m, "Device.NoSuchObject.", "object not in"));
  BOOST_TEST(Mentions(m, "Device.ManagementServer.InformParameter.{i}.", "access readOnly"));
  for (const std::string& line : m) BOOST_TEST(line.find("X_EDGECWMP_") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(comparison_catches_wrong_object_shape) {
  // Device.Time. is a single object in TR-181; a table of it is a shape error.
  dm::Schema schema;
  const Status loaded = schema.LoadString(R"(<datamodel name="Device:2.17">
    <object path="Device." access="readOnly"/>
    <object path="Device.Time.{i}." access="readOnly" maxEntries="unbounded">
      <parameter name="Enable" type="boolean" access="readWrite"/>
    </object>
  </datamodel>)");
  BOOST_REQUIRE_MESSAGE(loaded.ok(), loaded.ToString());
  const std::vector<std::string> m = CompareWithBbf(schema, Bbf());
  BOOST_TEST(Mentions(m, "Device.Time.{i}.", "wrong shape, TR-181 2.17 defines Device.Time."),
             Join(m));
}

// Device.BulkData. (tr181/bulkdata.xml): every object the reporter uses is defined and agrees
// with TR-181, and a loosened copy of it would be caught.
BOOST_AUTO_TEST_CASE(bulkdata_definitions_agree_with_tr181) {
  dm::Schema schema;
  BOOST_REQUIRE(schema.LoadFile(SourceDefinitions() + "/device.xml").ok());
  const Status loaded = schema.LoadFile(SourceDefinitions() + "/bulkdata.xml");
  BOOST_REQUIRE_MESSAGE(loaded.ok(), loaded.ToString());
  std::vector<std::string> missing;
  for (const char* path :
       {"Device.BulkData.Enable", "Device.BulkData.Status", "Device.BulkData.MinReportingInterval",
        "Device.BulkData.Protocols", "Device.BulkData.EncodingTypes",
        "Device.BulkData.MaxNumberOfProfiles", "Device.BulkData.MaxNumberOfParameterReferences",
        "Device.BulkData.Profile.{i}.NumberOfRetainedFailedReports",
        "Device.BulkData.Profile.{i}.ReportingInterval",
        "Device.BulkData.Profile.{i}.TimeReference",
        "Device.BulkData.Profile.{i}.Parameter.{i}.Reference",
        "Device.BulkData.Profile.{i}.JSONEncoding.ReportFormat",
        "Device.BulkData.Profile.{i}.JSONEncoding.ReportTimestamp",
        "Device.BulkData.Profile.{i}.HTTP.Password", "Device.BulkData.Profile.{i}.HTTP.Method",
        "Device.BulkData.Profile.{i}.HTTP.RetryIntervalMultiplier",
        "Device.BulkData.Profile.{i}.HTTP.RequestURIParameter.{i}.Reference"}) {
    if (!Defines(schema, path)) missing.push_back(path);
  }
  BOOST_TEST(missing.empty(), "missing from bulkdata.xml:" << Join(missing));
  const std::vector<std::string> mismatches = CompareWithBbf(schema, Bbf());
  BOOST_TEST(mismatches.empty(), Join(mismatches));

  dm::Schema loose;
  BOOST_REQUIRE(loose.LoadFile(SourceDefinitions() + "/device.xml").ok());
  BOOST_REQUIRE(loose
                    .LoadString(R"(<datamodel name="Device:2.17">
    <object path="Device.BulkData." access="readOnly"/>
    <object path="Device.BulkData.Profile.{i}." access="readWrite" maxEntries="unbounded">
      <parameter name="ReportingInterval" type="unsignedInt" access="readWrite" min="0"/>
    </object>
    <object path="Device.BulkData.Profile.{i}.HTTP." access="readOnly">
      <parameter name="Password" type="string" maxLength="256" access="readWrite"/>
    </object>
    <object path="Device.BulkData.Profile.{i}.JSONEncoding." access="readOnly">
      <parameter name="ReportFormat" type="string" access="readWrite">
        <enumeration>NameValuePair</enumeration><enumeration>Flat</enumeration>
      </parameter>
    </object>
  </datamodel>)",
                                "loose.xml")
                    .ok());
  const std::vector<std::string> m = CompareWithBbf(loose, Bbf());
  BOOST_TEST(Mentions(m, "Device.BulkData.Profile.{i}.ReportingInterval", "range"), Join(m));
  BOOST_TEST(Mentions(m, "Device.BulkData.Profile.{i}.HTTP.Password", "secret=false"));
  BOOST_TEST(Mentions(m, "Device.BulkData.Profile.{i}.JSONEncoding.ReportFormat", "\"Flat\""));
}

}  // namespace
}  // namespace edgecwmp::tr181::testing
