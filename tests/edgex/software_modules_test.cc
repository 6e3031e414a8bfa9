// SPDX-License-Identifier: GPL-2.0-or-later
// Device.SoftwareModules. bound to the process supervisor (real processes) and the EdgeX client
// (loopback EdgeX doubles): listing, start/stop/restart through SetParameterValues, metrics,
// health, configuration and value-change detection when a service dies.
#define BOOST_TEST_MODULE edgex_software_modules
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <set>

#include "datamodel/datamodel.h"
#include "datamodel/schema.h"
#include "tests/edgex/edgex_double.h"
#include "tests/edgex/test_util.h"
#include "tr181/edgex/process_executor.h"
#include "tr181/edgex/software_modules.h"

namespace edgecwmp::edgex {
namespace {

using namespace std::chrono_literals;
using test::WaitFor;

constexpr const char* kUnit = "Device.SoftwareModules.ExecutionUnit.";

ServiceSpec Loop(const std::string& name, RestartPolicy policy) {
  ServiceSpec spec;
  spec.name = name;
  spec.argv = {"/bin/sh", "-c", "while :; do sleep 1; done"};
  spec.restart = policy;
  spec.stop_timeout = 5s;
  return spec;
}

std::vector<std::string> Definitions() {
  const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(source != nullptr, "EDGECWMP_SOURCE_DIR is not set (run through ctest)");
  return {std::string(source) + "/tr181/device.xml",
          std::string(source) + "/tr181/edgex/edgex.xml"};
}

struct Fixture {
  dm::Schema schema;
  test::EdgexDouble data{[] {
    test::EdgexDoubleOptions o;
    o.service_name = "core-data";
    o.version = "4.0.1";
    o.config_json = R"({"Service": {"Port": 59880}, "Writeable": {"LogLevel": "INFO"}})";
    return o;
  }()};
  std::unique_ptr<test::EdgexDouble> keeper;
  std::unique_ptr<EdgexClient> client;
  ProcessExecutor executor{
      {Loop("core-command", RestartPolicy::kNever), Loop("core-data", RestartPolicy::kOnFailure)}};
  std::mutex mu;
  std::multiset<std::string> changed;
  std::unique_ptr<SoftwareModules> modules;
  std::unique_ptr<dm::DataModel> model;

  Fixture() {
    for (const std::string& file : Definitions()) {
      Status st = schema.LoadFile(file);
      BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
    }
    BOOST_REQUIRE(data.Start().ok());
    test::EdgexDoubleOptions keeper_options;
    keeper_options.registry_json = test::CoreDataRegistryJson(data.port());
    keeper = std::make_unique<test::EdgexDouble>(keeper_options);
    BOOST_REQUIRE(keeper->Start().ok());
    EdgexClientOptions client_options;
    client_options.registry_url = keeper->base_url();
    client_options.service_host_override = "127.0.0.1";
    client = std::make_unique<EdgexClient>(client_options);

    SoftwareModulesOptions options;
    options.edgex = client.get();
    options.state_ttl = 0ms;  // every read inspects anew: the tests look at fresh values
    options.edgex_ttl = 0ms;
    options.on_change = [this](const std::string& service) {
      std::lock_guard<std::mutex> lock(mu);
      changed.insert(service);
    };
    modules = std::make_unique<SoftwareModules>(&executor, options);
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    BOOST_REQUIRE(modules->Bind(model.get()).ok());
    BOOST_REQUIRE(model->Load().ok());
  }
  ~Fixture() {
    model.reset();
    modules.reset();
  }

  std::string Get(const std::string& path) {
    std::string value;
    Status st = model->GetValue(path, &value);
    BOOST_CHECK_MESSAGE(st.ok(), path << ": " << st.message());
    return value;
  }
  std::string Unit(const std::string& service, const std::string& param) {
    return std::string(kUnit) + std::to_string(modules->InstanceOf(service)) + "." + param;
  }
  Status Set(const std::string& path, const std::string& value, dm::Applied* applied,
             std::vector<dm::ParameterFault>* faults) {
    return model->SetValues({dm::ParameterSet{path, value}}, dm::Origin::kAcs, faults, applied);
  }
  Status Set(const std::string& path, const std::string& value) {
    std::vector<dm::ParameterFault> faults;
    dm::Applied applied = dm::Applied::kNow;
    return Set(path, value, &applied, &faults);
  }
  bool Changed(const std::string& service) {
    std::lock_guard<std::mutex> lock(mu);
    return changed.count(service) != 0;
  }
};

BOOST_FIXTURE_TEST_CASE(ServicesAreExecutionUnits, Fixture) {
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecEnvNumberOfEntries"), "1");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecutionUnitNumberOfEntries"), "2");
  BOOST_CHECK_EQUAL(modules->InstanceOf("core-command"), 1u);
  BOOST_CHECK_EQUAL(modules->InstanceOf("core-data"), 2u);
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecutionUnit.2.Name"), "core-data");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecutionUnit.2.EUID"), "core-data");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecutionUnit.2.Status"), "Idle");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecutionUnit.2.ExecutionFaultCode"), "NoFault");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecutionUnit.2.ExecutionEnvRef"),
                    "Device.SoftwareModules.ExecEnv.1");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecEnv.1.Type"), "Process supervisor");
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecEnv.1.Status"), "Up");
  std::vector<dm::ParameterInfo> names;
  BOOST_REQUIRE(model->GetNames("Device.SoftwareModules.ExecutionUnit.", true, &names).ok());
  BOOST_CHECK_EQUAL(names.size(), 2u);
  std::vector<dm::ParameterValue> all;
  Status st = model->GetValues("Device.SoftwareModules.", &all);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  BOOST_CHECK_GT(all.size(), 40u);
}

BOOST_FIXTURE_TEST_CASE(RequestedStateStartsAndStopsForReal, Fixture) {
  std::vector<dm::ParameterFault> faults;
  dm::Applied applied = dm::Applied::kLater;
  Status st = Set(Unit("core-data", "RequestedState"), "Active", &applied, &faults);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  BOOST_CHECK(applied == dm::Applied::kNow);  // the process runs when the answer is sent
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "Status")), "Active");
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "RequestedState")), "");  // a command reads empty
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-data", &state).ok());
  BOOST_REQUIRE(!state.pids.empty());
  int pid = state.pids.front();
  BOOST_CHECK_EQUAL(kill(pid, 0), 0);
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "AssociatedProcessList"))
                        .rfind("Device.DeviceInfo.ProcessStatus.Process." + std::to_string(pid), 0),
                    0u);
  BOOST_CHECK_EQUAL(Get("Device.SoftwareModules.ExecEnv.1.ActiveExecutionUnits"),
                    "Device.SoftwareModules.ExecutionUnit.2");
  BOOST_CHECK_GT(std::stoi(Get(Unit("core-data", "MemoryInUse"))), 0);

  BOOST_REQUIRE(Set(Unit("core-data", "RequestedState"), "Idle").ok());
  BOOST_REQUIRE(WaitFor([&] { return Get(Unit("core-data", "Status")) == "Idle"; }));
  BOOST_CHECK(WaitFor([&] { return kill(pid, 0) != 0; }));
  BOOST_CHECK(Changed("core-data"));
}

BOOST_FIXTURE_TEST_CASE(RestartTriggerReplacesTheProcess, Fixture) {
  BOOST_REQUIRE(executor.Start("core-command").ok());
  ServiceState before;
  BOOST_REQUIRE(executor.Inspect("core-command", &before).ok());
  BOOST_REQUIRE(Set(Unit("core-command", "X_EDGECWMP_Restart"), "true").ok());
  BOOST_CHECK_EQUAL(Get(Unit("core-command", "X_EDGECWMP_Restart")), "false");
  BOOST_REQUIRE(WaitFor([&] {
    ServiceState now;
    return executor.Inspect("core-command", &now).ok() && now.status == ServiceStatus::kActive &&
           !now.pids.empty() && now.pids.front() != before.pids.front();
  }));
}

BOOST_FIXTURE_TEST_CASE(InvalidRequestsAreRejected, Fixture) {
  std::vector<dm::ParameterFault> faults;
  dm::Applied applied;
  Status st = Set(Unit("core-data", "RequestedState"), "Running", &applied, &faults);
  BOOST_CHECK(st.code() == Error::kInvalidValue);
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "Status")), "Idle");
  BOOST_CHECK(Set(Unit("core-data", "Status"), "Active").code() == Error::kNotWritable);
  BOOST_CHECK(Set(Unit("core-data", "AutoStart"), "true").code() == Error::kRequestDenied);
  BOOST_CHECK(Set(Unit("core-data", "RunLevel"), "7").ok());
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "RunLevel")), "7");
}

BOOST_FIXTURE_TEST_CASE(HealthVersionAndConfigurationComeFromEdgex, Fixture) {
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "X_EDGECWMP_Health")), "Up");
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "Version")), "4.0.1");
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "X_EDGECWMP_ConfigNumberOfEntries")), "2");
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "X_EDGECWMP_Config.1.Key")), "Service.Port");
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "X_EDGECWMP_Config.1.Value")), "59880");
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "X_EDGECWMP_Config.2.Key")), "Writeable.LogLevel");
  BOOST_CHECK_EQUAL(Get(Unit("core-command", "X_EDGECWMP_Health")), "Unknown");  // unregistered
  BOOST_CHECK_EQUAL(Get(Unit("core-command", "X_EDGECWMP_ConfigNumberOfEntries")), "0");
  data.Stop();  // registered, but no longer answering
  BOOST_CHECK_EQUAL(Get(Unit("core-data", "X_EDGECWMP_Health")), "Down");
}

BOOST_FIXTURE_TEST_CASE(AServiceThatDiesIsAValueChange, Fixture) {
  BOOST_REQUIRE(Set(Unit("core-command", "RequestedState"), "Active").ok());
  std::string status = Unit("core-command", "Status");
  dm::AttributeSet active;
  active.name = status;
  active.notification_change = true;
  active.notification = 2;
  BOOST_REQUIRE(model->SetAttributes({active}).ok());
  model->CollectValueChanges();  // baseline: Active
  {
    std::lock_guard<std::mutex> lock(mu);
    changed.clear();  // forget the start's own change
  }
  ServiceState state;
  BOOST_REQUIRE(executor.Inspect("core-command", &state).ok());
  BOOST_REQUIRE(!state.pids.empty());
  BOOST_REQUIRE_EQUAL(kill(state.pids.front(), SIGKILL), 0);  // killed outside the agent
  BOOST_REQUIRE(WaitFor([&] { return Changed("core-command"); }));
  std::vector<dm::ValueChange> changes = model->CollectValueChanges();
  auto it = std::find_if(changes.begin(), changes.end(),
                         [&](const dm::ValueChange& c) { return c.name == status; });
  BOOST_REQUIRE(it != changes.end());
  BOOST_CHECK_EQUAL(it->value, "Idle");
  BOOST_CHECK_EQUAL(it->notification, 2);
  BOOST_CHECK_EQUAL(Get(Unit("core-command", "ExecutionFaultCode")), "FailureWhileActive");
  BOOST_CHECK_EQUAL(Get(Unit("core-command", "X_EDGECWMP_ExitCode")),
                    std::to_string(128 + SIGKILL));
}

}  // namespace
}  // namespace edgecwmp::edgex
