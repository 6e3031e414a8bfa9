// SPDX-License-Identifier: GPL-2.0-or-later
// Where the definitions are found and in which order they load.
#include <stdlib.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "datamodel/schema.h"
#include "tests/tr181/test_support.h"
#include "tr181/definitions.h"

namespace edgecwmp::tr181::testing {
namespace {

void Touch(const std::string& path, const std::string& text = "<datamodel/>") {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

BOOST_AUTO_TEST_SUITE(definitions)

BOOST_AUTO_TEST_CASE(device_xml_first_then_sorted_then_edgex) {
  TempDir dir;
  for (const char* name : {"b.xml", "device.xml", "a.xml", "notes.txt", "edgex/z.xml",
                           "edgex/m.xml", "edgex/readme.md"}) {
    Touch(dir.path() + "/" + name);
  }
  const std::vector<std::string> expected = {dir.path() + "/device.xml", dir.path() + "/a.xml",
                                             dir.path() + "/b.xml", dir.path() + "/edgex/m.xml",
                                             dir.path() + "/edgex/z.xml"};
  BOOST_TEST(DefinitionFiles(dir.path()) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_directory_without_device_xml_is_not_used) {
  TempDir dir;
  Touch(dir.path() + "/other.xml");
  BOOST_TEST(DefinitionsDir(dir.path()).empty());
  BOOST_TEST(DefinitionFiles(dir.path()).empty());
  dm::Schema schema;
  BOOST_TEST(LoadDefinitions(&schema, dir.path()).code() == Error::kNotFound);
}

BOOST_AUTO_TEST_CASE(environment_overrides_the_built_in_locations) {
  TempDir dir;
  Touch(dir.path() + "/device.xml");
  ::setenv("EDGECWMP_DEFINITIONS_DIR", dir.path().c_str(), 1);
  const std::string found = DefinitionsDir();
  ::unsetenv("EDGECWMP_DEFINITIONS_DIR");
  BOOST_TEST(found == dir.path());
  // Without it, a build-tree binary finds the source tree's definitions.
  BOOST_TEST(std::filesystem::equivalent(DefinitionsDir(), SourceDefinitionsDir()));
}

BOOST_AUTO_TEST_CASE(a_broken_file_fails_the_load_naming_the_file) {
  TempDir dir;
  std::filesystem::copy_file(SourceDefinitionsDir() + "/device.xml", dir.path() + "/device.xml");
  Touch(dir.path() + "/broken.xml", "<datamodel><object path=");
  dm::Schema schema;
  const Status status = LoadDefinitions(&schema, dir.path());
  BOOST_TEST(!status.ok());
  BOOST_TEST(status.message().find("broken.xml") != std::string::npos, status.ToString());
}

BOOST_AUTO_TEST_CASE(the_source_tree_loads) {
  dm::Schema schema;
  std::vector<std::string> files;
  const Status status = LoadDefinitions(&schema, SourceDefinitionsDir(), &files);
  BOOST_REQUIRE_MESSAGE(status.ok(), status.ToString());
  BOOST_TEST(files.front() == SourceDefinitionsDir() + "/device.xml");
  BOOST_TEST(schema.FindObject("Device.DeviceInfo.ProcessStatus.Process.{i}.") != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::tr181::testing
