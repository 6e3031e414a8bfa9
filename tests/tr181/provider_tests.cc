// SPDX-License-Identifier: GPL-2.0-or-later
// The Device:2 base model bound to the real system: values are live and plausible, the process
// table holds this very process, names from "" cover the whole tree, secrets read back empty.
#define BOOST_TEST_MODULE tr181_provider_tests
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "datamodel/datamodel.h"
#include "tests/tr181/test_support.h"
#include "tr181/definitions.h"
#include "tr181/device2.h"
#include "tr181/management_server.h"
#include "tr181/vendor.h"

namespace edgecwmp::tr181::testing {
namespace {

std::string Get(const dm::DataModel& model, const std::string& path) {
  std::vector<dm::ParameterValue> values;
  const Status status = model.GetValues(path, &values);
  BOOST_REQUIRE_MESSAGE(status.ok(), path << ": " << status.ToString());
  BOOST_REQUIRE_EQUAL(values.size(), 1u);
  return values[0].value;
}

uint64_t GetNumber(const dm::DataModel& model, const std::string& path) {
  const std::string text = Get(model, path);
  BOOST_REQUIRE_MESSAGE(!text.empty() && text.find_first_not_of("0123456789") == std::string::npos,
                        path << " = \"" << text << "\" is not a number");
  return std::stoull(text);
}

std::vector<std::string> Names(const dm::DataModel& model, const std::string& path,
                               bool next_level) {
  std::vector<dm::ParameterInfo> infos;
  const Status status = model.GetNames(path, next_level, &infos);
  BOOST_REQUIRE_MESSAGE(status.ok(), "GetNames(" << path << "): " << status.ToString());
  std::vector<std::string> names;
  for (const dm::ParameterInfo& info : infos) names.push_back(info.name);
  return names;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// /proc/meminfo's MemTotal, read independently of the code under test.
uint64_t MemTotalKib() {
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  uint64_t value = 0;
  while (in >> key >> value) {
    if (key == "MemTotal:") return value;
    std::getline(in, unit);
  }
  BOOST_FAIL("no MemTotal in /proc/meminfo");
  return 0;
}

std::string OwnCommandLine() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && text.back() == '\0') text.pop_back();
  std::replace(text.begin(), text.end(), '\0', ' ');
  return text.substr(0, 256);
}

// Replaces instance numbers by "{i}" to find a concrete path's definition.
std::string TemplateOf(const std::string& path, std::string* param) {
  std::string out;
  std::stringstream segments(path);
  std::string segment;
  std::vector<std::string> parts;
  while (std::getline(segments, segment, '.')) parts.push_back(segment);
  *param = parts.back();
  parts.pop_back();
  for (const std::string& part : parts) {
    const bool number = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    out += (number ? "{i}" : part) + ".";
  }
  return out;
}

BOOST_FIXTURE_TEST_SUITE(device2, Device2Fixture)

BOOST_AUTO_TEST_CASE(root_data_model_version_and_identity_defaults) {
  BOOST_TEST(Get(model(), "Device.RootDataModelVersion") == kRootDataModelVersion);
  BOOST_TEST(Get(model(), "Device.DeviceInfo.Manufacturer") == kDefaultManufacturer);
  BOOST_TEST(Get(model(), "Device.DeviceInfo.ManufacturerOUI") == kDefaultManufacturerOUI);
  BOOST_TEST(Get(model(), "Device.DeviceInfo.ProductClass") == kDefaultProductClass);
  const std::string serial = Get(model(), "Device.DeviceInfo.SerialNumber");
  BOOST_TEST(serial == DerivedSerialNumber());
  BOOST_TEST(serial.size() == 16u);
  BOOST_TEST(serial.find_first_not_of("0123456789ABCDEF") == std::string::npos);
  BOOST_TEST(!Get(model(), "Device.DeviceInfo.SoftwareVersion").empty());
  BOOST_TEST(!Get(model(), "Device.DeviceInfo.HardwareVersion").empty());
}

BOOST_AUTO_TEST_CASE(uptime_is_live_and_increases) {
  const uint64_t first = GetNumber(model(), "Device.DeviceInfo.UpTime");
  std::ifstream in("/proc/uptime");
  double system_uptime = 0;
  in >> system_uptime;
  BOOST_TEST(first <= static_cast<uint64_t>(system_uptime) + 1);
  BOOST_TEST(first + 5 >= static_cast<uint64_t>(system_uptime));
  const bool increased =
      PollUntil([&] { return GetNumber(model(), "Device.DeviceInfo.UpTime") > first; });
  BOOST_TEST(increased, "UpTime stayed at " << first);
}

BOOST_AUTO_TEST_CASE(memory_status_matches_meminfo) {
  const uint64_t total = GetNumber(model(), "Device.DeviceInfo.MemoryStatus.Total");
  const uint64_t free_kib = GetNumber(model(), "Device.DeviceInfo.MemoryStatus.Free");
  BOOST_TEST(total == std::min<uint64_t>(MemTotalKib(), UINT32_MAX));
  BOOST_TEST(free_kib > 0u);
  BOOST_TEST(free_kib <= total);
}

BOOST_AUTO_TEST_CASE(cpu_usage_is_a_percentage) {
  for (int i = 0; i < 5; ++i) {
    const uint64_t usage = GetNumber(model(), "Device.DeviceInfo.ProcessStatus.CPUUsage");
    BOOST_TEST(usage <= 100u);
    // Some work between readings so that the interval has jiffies in it.
    volatile uint64_t sink = 0;
    for (uint64_t n = 0; n < 20'000'000; ++n) sink = sink + n;
  }
}

BOOST_AUTO_TEST_CASE(process_table_holds_this_process) {
  const std::string pid = std::to_string(getpid());
  const std::string row = "Device.DeviceInfo.ProcessStatus.Process." + pid + ".";
  const std::vector<std::string> rows =
      Names(model(), "Device.DeviceInfo.ProcessStatus.Process.", /*next_level=*/true);
  BOOST_TEST(Contains(rows, row));
  BOOST_TEST(Get(model(), row + "PID") == pid);
  BOOST_TEST(Get(model(), row + "Command") == OwnCommandLine());
  BOOST_TEST(Get(model(), row + "State") == "Running");  // it is us, reading
  BOOST_TEST(GetNumber(model(), row + "Size") > 0u);
  BOOST_TEST(GetNumber(model(), row + "Priority") <= 99u);
  // The CPU time of a process that just spun a loop only grows.
  const uint64_t cpu = GetNumber(model(), row + "CPUTime");
  const bool grew = PollUntil([&] {
    volatile uint64_t sink = 0;
    for (uint64_t n = 0; n < 5'000'000; ++n) sink = sink + n;
    return GetNumber(model(), row + "CPUTime") > cpu;
  });
  BOOST_TEST(grew);
  // PID 1 exists in every PID namespace and has a row too.
  BOOST_TEST(Contains(rows, "Device.DeviceInfo.ProcessStatus.Process.1."));
  const uint64_t count =
      GetNumber(model(), "Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries");
  BOOST_TEST(count >= 2u);
}

BOOST_AUTO_TEST_CASE(a_child_process_appears_and_disappears) {
  const pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    execlp("sleep", "sleep", "30", static_cast<char*>(nullptr));
    _exit(127);
  }
  const std::string row = "Device.DeviceInfo.ProcessStatus.Process." + std::to_string(child) + ".";
  const bool shown = PollUntil([&] {
    std::string command;
    return model().GetValue(row + "Command", &command).ok() && command == "sleep 30";
  });
  BOOST_TEST(shown);
  BOOST_TEST(PollUntil([&] { return Get(model(), row + "State") == "Sleeping"; }));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const bool gone = PollUntil([&] {
    return !Contains(Names(model(), "Device.DeviceInfo.ProcessStatus.Process.", true), row);
  });
  BOOST_TEST(gone);
  std::string value;
  BOOST_TEST(!model().GetValue(row + "PID", &value).ok());
}

BOOST_AUTO_TEST_CASE(names_from_the_root_cover_the_whole_model) {
  BOOST_TEST(Names(model(), "", /*next_level=*/true) == std::vector<std::string>{"Device."},
             boost::test_tools::per_element());
  const std::vector<std::string> all = Names(model(), "", /*next_level=*/false);
  for (const char* name :
       {"Device.", "Device.RootDataModelVersion", "Device.DeviceInfo.", "Device.DeviceInfo.UpTime",
        "Device.DeviceInfo.MemoryStatus.Total", "Device.DeviceInfo.ProcessStatus.Process.",
        "Device.ManagementServer.HeartbeatPolicy.ReportingInterval", "Device.Time.NTPServer5"}) {
    BOOST_TEST(Contains(all, name), name << " missing");
  }
  BOOST_TEST(Contains(
      all, "Device.DeviceInfo.ProcessStatus.Process." + std::to_string(getpid()) + ".Command"));
  // Every live value is valid for its definition (types, ranges, enumerations, lengths).
  std::vector<dm::ParameterValue> values;
  BOOST_REQUIRE(model().GetValues("", &values).ok());
  BOOST_TEST(values.size() > 60u);
  size_t checked = 0;
  for (const dm::ParameterValue& value : values) {
    std::string param;
    const dm::ObjectDef* object = schema().FindObject(TemplateOf(value.name, &param));
    BOOST_REQUIRE_MESSAGE(object != nullptr, value.name);
    const dm::ParamDef* def = object->FindParam(param);
    BOOST_REQUIRE_MESSAGE(def != nullptr, value.name);
    std::string canonical;
    const Status valid = def->Validate(value.value, &canonical);
    BOOST_TEST(valid.ok(), value.name << " = \"" << value.value << "\": " << valid.ToString());
    ++checked;
  }
  BOOST_TEST(checked == values.size());
}

BOOST_AUTO_TEST_CASE(secrets_read_back_empty) {
  std::vector<dm::ParameterFault> faults;
  dm::Applied applied;
  const Status set = model().SetValues(
      {{ms::kPassword, "acs-s3cret"}, {ms::kConnectionRequestPassword, "cr-s3cret"}},
      dm::Origin::kAcs, &faults, &applied);
  BOOST_REQUIRE_MESSAGE(set.ok(), set.ToString());
  BOOST_TEST(Get(model(), ms::kPassword) == "");
  BOOST_TEST(Get(model(), ms::kConnectionRequestPassword) == "");
  std::vector<dm::ParameterValue> all;
  BOOST_REQUIRE(model().GetValues(ms::kPrefix, &all).ok());
  for (const dm::ParameterValue& v : all) BOOST_TEST(v.value.find("s3cret") == std::string::npos);
  // The agent itself still sees them (it must answer Digest challenges).
  ManagementServerSettings settings;
  BOOST_REQUIRE(ReadManagementServer(model(), &settings).ok());
  BOOST_TEST(settings.password == "acs-s3cret");
  BOOST_TEST(settings.connection_request_password == "cr-s3cret");
}

BOOST_AUTO_TEST_CASE(management_server_defaults_and_writes) {
  ManagementServerSettings s;
  BOOST_REQUIRE(ReadManagementServer(model(), &s).ok());
  BOOST_TEST(s.enable_cwmp);
  BOOST_TEST(s.periodic_inform_enable);
  BOOST_TEST(s.periodic_inform_interval == 3600u);
  BOOST_TEST(s.retry_minimum_wait_interval == 5u);   // TR-069 3.2.1.1
  BOOST_TEST(s.retry_interval_multiplier == 2000u);  // TR-069 3.2.1.1
  BOOST_TEST(s.delay_reboot == -1);
  BOOST_TEST(!s.alias_based_addressing);
  BOOST_TEST(s.heartbeat_reporting_interval >= 30u);
  BOOST_TEST(Get(model(), "Device.ManagementServer.SupportedConnReqMethods") == "HTTP,STUN,XMPP");
  BOOST_TEST(Get(model(), "Device.ManagementServer.ManageableDeviceNumberOfEntries") == "0");

  BOOST_REQUIRE(model().SetValue(ms::kPeriodicInformInterval, "600", dm::Origin::kAcs).ok());
  BOOST_REQUIRE(model().SetValue(ms::kHeartbeatEnable, "1", dm::Origin::kAcs).ok());
  BOOST_REQUIRE(model().SetValue(ms::kParameterKey, "key-1", dm::Origin::kInternal).ok());
  BOOST_REQUIRE(ReadManagementServer(model(), &s).ok());
  BOOST_TEST(s.periodic_inform_interval == 600u);
  BOOST_TEST(s.heartbeat_enable);
  BOOST_TEST(s.parameter_key == "key-1");

  // The schema's rules from TR-181: read-only for the ACS, ranges, enumerations.
  BOOST_TEST(model().SetValue(ms::kParameterKey, "x", dm::Origin::kAcs).code() ==
             Error::kNotWritable);
  BOOST_TEST(model().SetValue(ms::kPeriodicInformInterval, "0", dm::Origin::kAcs).code() ==
             Error::kInvalidValue);
  BOOST_TEST(model().SetValue(ms::kCWMPRetryIntervalMultiplier, "999", dm::Origin::kAcs).code() ==
             Error::kInvalidValue);
  BOOST_TEST(model().SetValue(ms::kHeartbeatReportingInterval, "29", dm::Origin::kAcs).code() ==
             Error::kInvalidValue);
  BOOST_TEST(model().SetValue(ms::kInstanceMode, "InstanceName", dm::Origin::kAcs).code() ==
             Error::kInvalidValue);
  BOOST_TEST(model().SetValue("Device.DeviceInfo.UpTime", "5", dm::Origin::kAcs).code() ==
             Error::kNotWritable);
  uint32_t instance = 0;
  dm::Applied applied;
  BOOST_TEST(!model()
                  .AddObject("Device.ManagementServer.ManageableDevice.", dm::Origin::kAcs,
                             &instance, &applied)
                  .ok());
  BOOST_TEST(!model()
                  .AddObject("Device.DeviceInfo.ProcessStatus.Process.", dm::Origin::kAcs,
                             &instance, &applied)
                  .ok());
}

// TR-069 3.4.1: the ACS is an HTTP or HTTPS URL. Anything else (a local file, FTP, a relative
// or malformed URL) is 9007 for that parameter, and nothing in the request is applied.
BOOST_AUTO_TEST_CASE(management_server_url_is_http_or_https_only) {
  for (const char* bad :
       {"file:///etc/passwd", "ftp://acs.example.net/", "FTP://acs/", "", "acs.example.net:7547",
        "http://", "https:///path", "http://:80/", "http:acs.example.net",
        "http://acs.example.net/a b", "gopher://acs.example.net/"}) {
    std::vector<dm::ParameterFault> faults;
    dm::Applied applied;
    const Status s = model().SetValues({{ms::kURL, bad}, {ms::kPeriodicInformInterval, "777"}},
                                       dm::Origin::kAcs, &faults, &applied);
    BOOST_TEST(!s.ok(), bad);
    BOOST_TEST_REQUIRE(faults.size() == 1u, bad);
    BOOST_TEST(faults[0].name == ms::kURL);
    BOOST_TEST(faults[0].status.code() == Error::kInvalidValue, bad);
    BOOST_TEST(Get(model(), ms::kPeriodicInformInterval) != "777");
  }
  for (const char* good : {"http://acs.example.net:7547/", "https://10.0.0.1/cwmp",
                           "HTTPS://acs.example.net", "http://[::1]:7547/acs?x=1"}) {
    const Status s = model().SetValue(ms::kURL, good, dm::Origin::kAcs);
    BOOST_TEST(s.ok(), good << ": " << s.ToString());
    BOOST_TEST(Get(model(), ms::kURL) == good);
  }
}

BOOST_AUTO_TEST_CASE(factory_notifications_enable_connection_request_url) {
  std::vector<dm::ParameterAttributes> attributes;
  BOOST_REQUIRE(model().GetAttributes(ms::kConnectionRequestURL, &attributes).ok());
  BOOST_REQUIRE_EQUAL(attributes.size(), 1u);
  BOOST_TEST(attributes[0].notification == 0);
  BOOST_REQUIRE(ApplyFactoryNotifications(&model()).ok());
  BOOST_REQUIRE(model().GetAttributes(ms::kConnectionRequestURL, &attributes).ok());
  BOOST_TEST(attributes[0].notification == 2);
  // A change of the URL is then reported as an active value change.
  model().CollectValueChanges();
  BOOST_REQUIRE(
      model()
          .SetValue(ms::kConnectionRequestURL, "http://127.0.0.1:7547/cr", dm::Origin::kInternal)
          .ok());
  const std::vector<dm::ValueChange> changes = model().CollectValueChanges();
  BOOST_REQUIRE_EQUAL(changes.size(), 1u);
  BOOST_TEST(changes[0].name == ms::kConnectionRequestURL);
  BOOST_TEST(changes[0].notification == 2);
}

BOOST_AUTO_TEST_CASE(forced_inform_values_are_the_device2_set) {
  std::set<std::string> names;
  for (const dm::ParameterValue& v : model().ForcedInformValues()) names.insert(v.name);
  const std::set<std::string> expected = {"Device.RootDataModelVersion",
                                          "Device.DeviceInfo.HardwareVersion",
                                          "Device.DeviceInfo.SoftwareVersion",
                                          "Device.DeviceInfo.ProvisioningCode",
                                          "Device.ManagementServer.ParameterKey",
                                          "Device.ManagementServer.ConnectionRequestURL",
                                          "Device.ManagementServer.AliasBasedAddressing"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(time_is_live) {
  std::string canonical;
  const std::string now = Get(model(), "Device.Time.CurrentLocalTime");
  BOOST_TEST(dm::Canonicalize(dm::Type::kDateTime, now, &canonical).ok(), now);
  BOOST_TEST(now.size() == 25u, now);  // YYYY-MM-DDTHH:MM:SS+hh:mm
  const std::string status = Get(model(), "Device.Time.Status");
  BOOST_TEST((status == "Synchronized" || status == "Unsynchronized" || status == "Error"), status);
  BOOST_REQUIRE(model().SetValue("Device.Time.Enable", "false", dm::Origin::kAcs).ok());
  BOOST_TEST(Get(model(), "Device.Time.Status") == "Disabled");
  BOOST_REQUIRE(model().SetValue("Device.Time.NTPServer1", "pool.ntp.org", dm::Origin::kAcs).ok());
  BOOST_TEST(Get(model(), "Device.Time.NTPServer1") == "pool.ntp.org");
  BOOST_TEST(
      model().SetValue("Device.Time.NTPServer2", std::string(65, 'a'), dm::Origin::kAcs).code() ==
      Error::kInvalidValue);
}

BOOST_AUTO_TEST_CASE(first_use_date_is_recorded_once) {
  const std::string first = Get(model(), "Device.DeviceInfo.FirstUseDate");
  BOOST_TEST(first != kUnknownTime);
  BOOST_TEST(std::filesystem::exists(state_dir() + "/first_use_date"));
  // A second start over the same state directory reports the same date.
  Device2Fixture again(state_dir());
  BOOST_TEST(Get(again.model(), "Device.DeviceInfo.FirstUseDate") == first);
}

BOOST_AUTO_TEST_CASE(summary_counts_the_model) {
  const std::string summary = ModelSummary(model());
  BOOST_TEST_MESSAGE(summary);
  BOOST_TEST(summary.find("RootDataModelVersion 2.17") != std::string::npos);
  BOOST_TEST(summary.find(std::to_string(schema().object_count()) + " objects") !=
             std::string::npos);
  BOOST_TEST(summary.find(std::to_string(schema().param_count()) + " parameters") !=
             std::string::npos);
  BOOST_TEST(summary.find("Device.DeviceInfo.") != std::string::npos);
  BOOST_TEST(summary.find("Device.ManagementServer.") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(configured_identity_overrides_the_defaults) {
  DeviceIdentity identity;
  identity.manufacturer = "ACME";
  identity.manufacturer_oui = "a1b2c3";  // upper-cased
  identity.serial_number = "SN-42";
  identity.product_class = "Gateway-7";
  Device2Fixture fixture("", identity);
  BOOST_TEST(Get(fixture.model(), "Device.DeviceInfo.Manufacturer") == "ACME");
  BOOST_TEST(Get(fixture.model(), "Device.DeviceInfo.ManufacturerOUI") == "A1B2C3");
  BOOST_TEST(Get(fixture.model(), "Device.DeviceInfo.SerialNumber") == "SN-42");
  BOOST_TEST(Get(fixture.model(), "Device.DeviceInfo.ProductClass") == "Gateway-7");
  BOOST_TEST(Get(fixture.model(), "Device.DeviceInfo.FirstUseDate") == kUnknownTime);
}

BOOST_AUTO_TEST_CASE(invalid_identity_is_refused) {
  dm::Schema schema;
  BOOST_REQUIRE(schema.LoadFile(SourceDefinitionsDir() + "/device.xml").ok());
  for (const char* oui : {"12345", "1234567", "12345G", ""}) {
    DeviceIdentity identity;
    identity.manufacturer_oui = oui;
    DeviceIdentity resolved;
    const Status status = ResolveIdentity(identity, &resolved);
    if (*oui == '\0') {
      BOOST_TEST(status.ok());  // empty takes the default
    } else {
      BOOST_TEST(status.code() == Error::kInvalidValue, oui);
      dm::DataModel model(&schema, nullptr);
      BOOST_TEST(RegisterDevice2(&model, identity).code() == Error::kInvalidValue);
    }
  }
  DeviceIdentity long_serial;
  long_serial.serial_number = std::string(65, 'S');
  DeviceIdentity resolved;
  BOOST_TEST(ResolveIdentity(long_serial, &resolved).code() == Error::kInvalidValue);
}

BOOST_AUTO_TEST_CASE(damaged_first_use_record_is_rewritten) {
  TempDir dir;
  {
    std::ofstream out(dir.path() + "/first_use_date");
    out << "not a date\n";
  }
  std::string date;
  BOOST_REQUIRE(RecordFirstUse(dir.path(), &date).ok());
  std::string canonical;
  BOOST_TEST(dm::Canonicalize(dm::Type::kDateTime, date, &canonical).ok(), date);
  BOOST_TEST(date != kUnknownTime);
  std::string again;
  BOOST_REQUIRE(RecordFirstUse(dir.path(), &again).ok());
  BOOST_TEST(again == date);
}

}  // namespace
}  // namespace edgecwmp::tr181::testing
