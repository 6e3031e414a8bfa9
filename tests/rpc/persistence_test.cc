// SPDX-License-Identifier: GPL-2.0-or-later
// What the RPCs change survives a restart: a real Storage in a temporary directory, read back
// by a fresh DataModel.
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "datamodel/persistence.h"
#include "tests/rpc/rpc_fixture.h"

namespace edgecwmp::rpc::test {
namespace {

struct TempDir {
  TempDir() {
    char pattern[] = "/tmp/edgecwmp-rpc-XXXXXX";
    const char* made = mkdtemp(pattern);
    BOOST_REQUIRE(made != nullptr);
    path = made;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string path;
};

std::string Read(dm::DataModel& model, const std::string& path) {
  std::string v;
  Status s = model.GetValue(path, &v);
  BOOST_REQUIRE_MESSAGE(s.ok(), path << ": " << s.ToString());
  return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(persistence)

BOOST_AUTO_TEST_CASE(values_instances_and_parameter_key_survive_a_restart) {
  TempDir dir;
  dm::Schema schema;
  BOOST_REQUIRE(schema.LoadString(kTestSchema).ok());
  uint32_t instance = 0;
  {
    dm::Storage storage(dir.path);
    dm::DataModel model(&schema, &storage);
    BOOST_REQUIRE(model.Load().ok());
    FakeActions actions;
    Dispatcher dispatcher(&model, &actions);
    cwmp::CpeResponse r = dispatcher.Handle(cwmp::SetParameterValues{
        {Pv("Device.ManagementServer.PeriodicInformInterval", "120", "xsd:unsignedInt")},
        "persist-1"});
    BOOST_REQUIRE(std::holds_alternative<cwmp::SetParameterValuesResponse>(r));
    r = dispatcher.Handle(cwmp::AddObject{"Device.Services.Widget.", "persist-2"});
    BOOST_REQUIRE(std::holds_alternative<cwmp::AddObjectResponse>(r));
    instance = std::get<cwmp::AddObjectResponse>(r).instance_number;
    // A failed set changes nothing on disk either.
    r = dispatcher.Handle(cwmp::SetParameterValues{
        {Pv("Device.ManagementServer.PeriodicInformInterval", "0")}, "never"});
    BOOST_REQUIRE(std::holds_alternative<cwmp::Fault>(r));
  }
  dm::Storage storage(dir.path);
  dm::DataModel model(&schema, &storage);
  BOOST_REQUIRE(model.Load().ok());
  BOOST_TEST(Read(model, "Device.ManagementServer.PeriodicInformInterval") == "120");
  BOOST_TEST(Read(model, kKeyPath) == "persist-2");
  BOOST_TEST(Read(model, "Device.Services.Widget." + std::to_string(instance) + ".Mode") == "A");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::rpc::test
