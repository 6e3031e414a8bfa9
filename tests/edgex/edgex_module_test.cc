// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexModule, the daemon's [edgex] section: its options parse from an INI file, bad settings are
// refused, the embedded demo services file is found and valid, and a process-executor module
// binds real edgex-demo-service processes into a data model (health from a per-service URL,
// no registry) and reports a killed service to its change callback; with the Docker executor
// (which pushes nothing) the module's poller notices a container that exited.
#define BOOST_TEST_MODULE edgex_module
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <mutex>
#include <set>
#include <sstream>

#include "datamodel/datamodel.h"
#include "datamodel/schema.h"
#include "tests/edgex/docker_double.h"
#include "tests/edgex/test_util.h"
#include "tr181/edgex/edgex_module.h"
#include "tr181/edgex/service_config.h"

namespace edgecwmp::edgex {
namespace {

namespace po = boost::program_options;
using namespace std::chrono_literals;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  BOOST_REQUIRE_MESSAGE(value != nullptr, name << " is not set (run through ctest)");
  return value;
}

Status ParseIni(const std::string& ini, EdgexConfig* config) {
  po::options_description options = EdgexOptions(config);
  po::variables_map vm;
  std::istringstream in(ini);
  try {
    po::store(po::parse_config_file(in, options), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return Status::InvalidArguments(e.what());
  }
  return Status::Ok();
}

EdgexConfig ParsedConfig(const std::string& ini) {
  EdgexConfig config;
  BOOST_REQUIRE(ParseIni(ini, &config).ok());
  return config;
}

// Loads the Device:2 and the EdgeX definitions from the source tree into schema.
const dm::Schema* LoadEdgexSchema(dm::Schema* schema) {
  for (const char* file : {"/tr181/device.xml", "/tr181/edgex/edgex.xml"}) {
    Status st = schema->LoadFile(Env("EDGECWMP_SOURCE_DIR") + file);
    BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  }
  return schema;
}

// An EdgexModule configured from an [edgex] INI text and bound to a loaded Device:2 + EdgeX model;
// remembers the services its change callback named.
struct BoundEdgexModule {
  dm::Schema schema;
  dm::DataModel model;
  std::mutex mu;
  std::multiset<std::string> changed;
  EdgexModule module;

  explicit BoundEdgexModule(const std::string& ini)
      : model(LoadEdgexSchema(&schema), nullptr), module(ParsedConfig(ini)) {
    module.SetChangeCallback([this](const std::string& service) {
      std::lock_guard<std::mutex> lock(mu);
      changed.insert(service);
    });
    BOOST_REQUIRE(module.Bind(&model).ok());
    BOOST_REQUIRE(model.Load().ok());
  }
  bool Reported(const std::string& service) {
    std::lock_guard<std::mutex> lock(mu);
    return changed.count(service) > 0;
  }
};

BOOST_AUTO_TEST_CASE(options_parse_from_the_edgex_section) {
  EdgexConfig config;
  BOOST_REQUIRE(
      ParseIni("[edgex]\nexecutor = docker\ndocker_label = com.docker.compose.service\n"
               "service_url = core-data=59880\nservice_url = core-command=http://gw:59882\n"
               "poll_interval = 2\ntoken = secret\n",
               &config)
          .ok());
  BOOST_TEST(config.executor == "docker");
  BOOST_TEST(config.docker_label == "com.docker.compose.service");
  BOOST_TEST(config.docker_socket == "/var/run/docker.sock");  // the default stays
  BOOST_TEST(config.service_urls.size() == 2u);
  BOOST_TEST(config.poll_interval_seconds == 2u);
  BOOST_TEST(config.allowed_commands.empty());  // by default an ACS may run nothing
  BOOST_TEST(!config.allow_http_definitions);
  EdgexConfig policy;
  BOOST_REQUIRE(ParseIni("[edgex]\nallowed_commands = /opt/apps/, /usr/bin/sleep\n"
                         "allowed_commands = /usr/local/bin/x\nservice_user = nobody\n"
                         "allow_http_definitions = true\n",
                         &policy)
                    .ok());
  BOOST_TEST(policy.allowed_commands.size() == 2u);  // each value may list several
  BOOST_TEST(policy.service_user == "nobody");
  BOOST_TEST(policy.allow_http_definitions);
  EdgexConfig other;
  BOOST_TEST(!ParseIni("[edgex]\nno_such_option = 1\n", &other).ok());
}

BOOST_AUTO_TEST_CASE(bad_settings_are_refused_at_bind) {
  dm::Schema schema;
  dm::DataModel model(&schema, nullptr);
  for (const char* ini :
       {"[edgex]\nexecutor = podman\n", "[edgex]\nregistry = eureka\n",
        "[edgex]\nservices_file = /nonexistent/services.json\n",
        "[edgex]\nallowed_commands = /usr/bin/, bin/app\n", "[edgex]\nservice_group = nogroup\n"}) {
    EdgexConfig config;
    BOOST_REQUIRE(ParseIni(ini, &config).ok());
    EdgexModule module(config);
    BOOST_TEST(!module.Bind(&model).ok(), ini);
  }
  EdgexConfig none;
  none.executor = "none";
  EdgexModule module(none);
  BOOST_TEST(module.Bind(&model).ok());
  BOOST_TEST(std::string(module.executor_kind()).empty());
}

BOOST_AUTO_TEST_CASE(embedded_demo_services_are_found_and_valid) {
  std::string file = DemoServicesFile("");
  BOOST_REQUIRE(!file.empty());
  std::vector<ServiceSpec> specs;
  BOOST_REQUIRE(ParseServiceSpecs(test::ReadAll(file), &specs).ok());
  std::set<std::string> names;
  for (const ServiceSpec& spec : specs) {
    names.insert(spec.name);
    BOOST_TEST(spec.autostart);
    BOOST_TEST(spec.argv.front() == "${EDGECWMP_DEMO_SERVICE}");
  }
  BOOST_TEST((names == std::set<std::string>{"core-command", "core-data", "core-metadata",
                                             "device-virtual"}));
  std::string program = Env("EDGECWMP_BINARY_DIR") + "/tr181/edgex/edgex-demo-service";
  BOOST_TEST(DemoServiceProgram(program) == program);
  BOOST_TEST(DemoServiceProgram("/nonexistent/edgex-demo-service").empty());
}

BOOST_AUTO_TEST_CASE(process_module_binds_real_services_and_reports_changes) {
  test::TempDir dir;
  std::string port = std::to_string(test::FreeLoopbackPort());
  test::WriteAll(dir.path() + "/services.json",
                 R"({"services": [{"name": "core-data", "autostart": true, "restart": "never",
                     "command": ["${EDGECWMP_DEMO_SERVICE}", "--service", "core-data",
                                 "--port", ")" +
                     port + R"("]}]})");
  BoundEdgexModule edgex("[edgex]\nexecutor = process\nservices_file = " + dir.path() +
                         "/services.json\ndemo_service = " + Env("EDGECWMP_BINARY_DIR") +
                         "/tr181/edgex/edgex-demo-service\nregistry = none\n"
                         "service_url = core-data=" +
                         port + "\npoll_interval = 1\n");
  BOOST_TEST(std::string(edgex.module.executor_kind()) == "process");

  const std::string unit = "Device.SoftwareModules.ExecutionUnit.1.";
  auto get = [&](const std::string& name) {
    std::string value;
    (void)edgex.model.GetValue(unit + name, &value);  // unreadable reads "": checks fail on it
    return value;
  };
  BOOST_TEST(get("Name") == "core-data");
  BOOST_TEST(get("Status") == "Active");
  // The ping answers through the service_url port mapping (no registry).
  BOOST_TEST(test::WaitFor([&] { return get("X_EDGECWMP_Health") == "Up"; }, 15s));
  BOOST_TEST(get("Version") == "4.0.0");

  std::string list = get("AssociatedProcessList");
  pid_t pid = std::atoi(list.substr(list.rfind('.') + 1).c_str());
  BOOST_REQUIRE(pid > 0);
  kill(pid, SIGKILL);
  BOOST_TEST(test::WaitFor([&] { return edgex.Reported("core-data"); }));
  BOOST_TEST(test::WaitFor([&] { return get("Status") == "Idle"; }));
  BOOST_TEST(get("ExecutionFaultCode") == "FailureWhileActive");
}

BOOST_AUTO_TEST_CASE(docker_module_polls_container_changes) {
  test::TempDir dir;
  const std::string socket = dir.path() + "/docker.sock";
  test::DockerDouble docker(socket);
  BOOST_REQUIRE(docker.Start().ok());
  test::FakeContainer container;
  container.id = std::string(64, 'a');
  container.name = "edgex-core-data";
  container.state = "running";
  container.pid = 4242;
  container.memory_usage = 8 << 20;
  docker.Put(container);

  BoundEdgexModule edgex("[edgex]\nexecutor = docker\ndocker_socket = " + socket +
                         "\nregistry = none\npoll_interval = 1\n");
  std::string value;
  BOOST_REQUIRE(edgex.model.GetValue("Device.SoftwareModules.ExecutionUnit.1.Name", &value).ok());
  BOOST_TEST(value == "core-data");
  BOOST_REQUIRE(edgex.model.GetValue("Device.SoftwareModules.ExecutionUnit.1.Status", &value).ok());
  BOOST_TEST(value == "Active");

  // The container dies; nobody reads the model: only the poller can notice.
  container.state = "exited";
  container.pid = 0;
  container.exit_code = 137;
  container.finished_at = "2026-11-25T19:00:00Z";
  docker.Put(container);
  BOOST_TEST(test::WaitFor([&] { return edgex.Reported("core-data"); }, 15s));
  BOOST_REQUIRE(edgex.model.GetValue("Device.SoftwareModules.ExecutionUnit.1.Status", &value).ok());
  BOOST_TEST(value == "Idle");
  BOOST_REQUIRE(
      edgex.model.GetValue("Device.SoftwareModules.ExecutionUnit.1.ExecutionFaultCode", &value)
          .ok());
  BOOST_TEST(value == "FailureWhileActive");
}

}  // namespace
}  // namespace edgecwmp::edgex
