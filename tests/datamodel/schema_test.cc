// SPDX-License-Identifier: GPL-2.0-or-later
#include "datamodel/schema.h"

#include <boost/test/unit_test.hpp>

#include "tests/datamodel/test_util.h"

namespace edgecwmp::dm {
namespace {

std::string Wrap(const std::string& objects) {
  return "<datamodel name=\"T:1\"><object path=\"Device.\">"
         "<parameter name=\"A\" type=\"string\"/></object>" +
         objects + "</datamodel>";
}

Status LoadOne(const std::string& xml, Schema* schema) {
  return schema->LoadString(xml, "bad.xml");
}

std::string Check(const ParamDef& p, const std::string& value) {
  std::string out;
  Status s = p.Validate(value, &out);
  return s.ok() ? out : std::string("!") + ErrorName(s.code());
}

BOOST_AUTO_TEST_SUITE(schema)

BOOST_AUTO_TEST_CASE(loads_the_test_schema) {
  Schema schema;
  Status s = schema.LoadString(test::kTestSchema, "test");
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST_REQUIRE(schema.root() != nullptr);
  BOOST_TEST(schema.root()->path == "Device.");
  BOOST_TEST(schema.object_count() == 9u);
  BOOST_TEST(schema.param_count() == 25u);
  const ObjectDef* widget = schema.FindObject("Device.Services.Widget.{i}.");
  BOOST_TEST_REQUIRE(widget != nullptr);
  BOOST_TEST(widget->multi_instance);
  BOOST_TEST(widget->writable);
  BOOST_TEST(widget->name == "Widget");
  BOOST_TEST(widget->max_entries == 3u);
  BOOST_TEST(widget->parent == schema.FindObject("Device.Services."));
  BOOST_TEST(schema.FindObject("Device.Services.Widget.") == nullptr);
  BOOST_TEST(schema.FindObject("Device.DeviceInfo.ProcessStatus.Process.{i}.")->max_entries == 0u);
  const ParamDef* level = widget->FindParam("Level");
  BOOST_TEST_REQUIRE(level != nullptr);
  BOOST_TEST(level->ranges.size() == 2u);
  BOOST_TEST(level->default_value == "1");
  const ParamDef* mode = widget->FindParam("Mode");
  BOOST_TEST(mode->enumeration.size() == 2u);
  const ObjectDef* ms = schema.FindObject("Device.ManagementServer.");
  BOOST_TEST(ms->FindParam("Password")->secret);
  BOOST_TEST(ms->FindParam("ParameterKey")->forced_inform);
  BOOST_TEST(static_cast<int>(ms->FindParam("ParameterKey")->active_notify) ==
             static_cast<int>(ActiveNotify::kCanDeny));
  BOOST_TEST(static_cast<int>(ms->FindParam("ConnectionRequestURL")->active_notify) ==
             static_cast<int>(ActiveNotify::kForceEnabled));
  BOOST_TEST(ms->FindParam("PeriodicInformTime")->default_value == "0001-01-01T00:00:00Z");
  BOOST_TEST(ms->FindParam("PeriodicInformEnable")->writable);
  BOOST_TEST(!ms->FindParam("ParameterKey")->writable);
  BOOST_TEST(ms->FindParam("Nope") == nullptr);
  // Definition order is kept.
  std::vector<const ObjectDef*> objects = schema.objects();
  BOOST_TEST(objects.front()->path == "Device.");
  BOOST_TEST(objects.back()->path == "Device.Fixed.{i}.");
}

BOOST_AUTO_TEST_CASE(loads_from_a_file_and_extends_objects) {
  test::TempDir dir;
  std::string base = dir.File("base.xml"), extra = dir.File("extra.xml");
  test::WriteFile(base, test::kTestSchema);
  test::WriteFile(extra,
                  "<datamodel><object path=\"Device.DeviceInfo.\">"
                  "<parameter name=\"X_EDGEX_Count\" type=\"unsignedInt\"/></object>"
                  "<object path=\"Device.X_EDGEX.\"/></datamodel>");
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadFile(base).ok());
  Status s = schema.LoadFile(extra);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(schema.FindObject("Device.DeviceInfo.")->FindParam("X_EDGEX_Count") != nullptr);
  BOOST_TEST(schema.FindObject("Device.X_EDGEX.") != nullptr);
  BOOST_TEST(schema.param_count() == 26u);
  Status missing = schema.LoadFile(dir.File("missing.xml"));
  BOOST_TEST(missing.code() == Error::kNotFound);
  BOOST_TEST(missing.message().find("missing.xml") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_xml_names_the_file_and_line) {
  Schema schema;
  Status s = LoadOne("<datamodel>\n<object path=\"Device.\">\n</datamodel>", &schema);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message().find("bad.xml") != std::string::npos, s.message());
  BOOST_TEST(s.message().find("XML") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(errors_name_the_element) {
  struct Case {
    std::string xml;
    std::string expect;  // text the message must contain
  };
  const Case cases[] = {
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"float\"/></object>"),
       "unknown type \"float\""},
      {Wrap("<object path=\"Device.B.\"><parameter type=\"string\"/></object>"), "missing name"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\"/></object>"), "missing type"},
      {Wrap("<object><parameter name=\"P\" type=\"int\"/></object>"), "missing path"},
      {Wrap("<object path=\"Device.B\"/>"), "malformed path"},
      {Wrap("<object path=\"Device..B.\"/>"), "malformed path"},
      {Wrap("<object path=\"Device.Missing.C.\"/>"), "parent object Device.Missing."},
      {Wrap("<object path=\"Device.B.\" access=\"write\"/>"), "access"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"int\" "
            "default=\"x\"/></object>"),
       "bad default"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"int\" min=\"5\" max=\"1\"/>"
            "</object>"),
       "min is greater"},
      {Wrap(
           "<object path=\"Device.B.\"><parameter name=\"P\" type=\"string\" min=\"1\"/></object>"),
       "integer type"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"int\" "
            "range=\"1-5\"/></object>"),
       "range"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"int\" activeNotify=\"x\"/>"
            "</object>"),
       "activeNotify"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"int\"/>"
            "<parameter name=\"P\" type=\"int\"/></object>"),
       "duplicate parameter"},
      {Wrap("<object path=\"Device.T.{i}.\" maxEntries=\"many\"/>"), "maxEntries"},
      {Wrap("<object path=\"Device.B.\" maxEntries=\"4\"/>"), "single-instance"},
      {Wrap("<object path=\"Device.T.{i}.\"/><object path=\"Device.T.\"/>"), "conflicts"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"1P\" type=\"int\"/></object>"),
       "invalid name"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"boolean\" secret=\"maybe\"/>"
            "</object>"),
       "secret"},
      {Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"int\">"
            "<enumeration>A</enumeration></parameter></object>"),
       "enumeration"},
      {Wrap("<object path=\"Device.B.\"><param name=\"P\" type=\"int\"/></object>"),
       "unexpected element"},
      {"<model><object path=\"Device.\"/></model>", "expected <datamodel>"},
      {"<datamodel><object path=\"Device.\"/><object path=\"Other.\"/></datamodel>", "second root"},
  };
  for (const Case& c : cases) {
    Schema schema;
    Status s = LoadOne(c.xml, &schema);
    BOOST_TEST(!s.ok(), "accepted: " << c.xml);
    BOOST_TEST(s.message().find(c.expect) != std::string::npos,
               "message \"" << s.message() << "\" lacks \"" << c.expect << "\"");
    BOOST_TEST(s.message().find("bad.xml:") == 0u, s.message());
  }
}

BOOST_AUTO_TEST_CASE(a_failed_file_changes_nothing) {
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadString(test::kTestSchema).ok());
  const size_t objects = schema.object_count(), params = schema.param_count();
  Status s = schema.LoadString(
      "<datamodel><object path=\"Device.DeviceInfo.\"><parameter name=\"New\" type=\"int\"/>"
      "</object><object path=\"Device.Extra.\"><parameter name=\"E\" type=\"int\"/></object>"
      "<object path=\"Device.Extra.Bad.\"><parameter name=\"B\" type=\"real\"/></object>"
      "</datamodel>",
      "extension.xml");
  BOOST_TEST(!s.ok());
  BOOST_TEST(schema.object_count() == objects);
  BOOST_TEST(schema.param_count() == params);
  BOOST_TEST(schema.FindObject("Device.Extra.") == nullptr);
  BOOST_TEST(schema.FindObject("Device.DeviceInfo.")->FindParam("New") == nullptr);
  BOOST_TEST(schema.root()->children.size() == 4u);
  // The same definitions without the error load fine afterwards.
  s = schema.LoadString(
      "<datamodel><object path=\"Device.Extra.\"><parameter name=\"E\" type=\"int\"/></object>"
      "</datamodel>");
  BOOST_TEST(s.ok(), s.ToString());
  BOOST_TEST(schema.object_count() == objects + 1);
}

BOOST_AUTO_TEST_CASE(error_mentions_the_offending_element) {
  Schema schema;
  Status s = LoadOne(Wrap("<object path=\"Device.B.\">\n<parameter name=\"Speed\" type=\"real\"/>"
                          "</object>"),
                     &schema);
  BOOST_TEST(s.message().find("<parameter name=\"Speed\"") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(validate_strings_and_lengths) {
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadString(test::kTestSchema).ok());
  const ObjectDef* w = schema.FindObject("Device.Services.Widget.{i}.");
  const ParamDef& name = *w->FindParam("Name");
  BOOST_TEST(Check(name, "12345678") == "12345678");
  BOOST_TEST(Check(name, "123456789") == "!InvalidValue");
  BOOST_TEST(Check(name, "ééééééé") == "ééééééé");  // characters, not bytes
  const ParamDef& mode = *w->FindParam("Mode");
  BOOST_TEST(Check(mode, "Manual") == "Manual");
  BOOST_TEST(Check(mode, "manual") == "!InvalidValue");
  BOOST_TEST(Check(mode, "") == "!InvalidValue");
  const ParamDef& mac = *w->FindParam("Mac");
  BOOST_TEST(Check(mac, "001122334455") == "001122334455");
  BOOST_TEST(Check(mac, "00112233445566") == "!InvalidValue");
  BOOST_TEST(Check(mac, "0011223344x5") == "!InvalidType");
}

BOOST_AUTO_TEST_CASE(validate_ranges) {
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadString(test::kTestSchema).ok());
  const ObjectDef* w = schema.FindObject("Device.Services.Widget.{i}.");
  const ParamDef& level = *w->FindParam("Level");
  BOOST_TEST(Check(level, "-10") == "-10");
  BOOST_TEST(Check(level, "-1") == "-1");
  BOOST_TEST(Check(level, "+10") == "10");
  BOOST_TEST(Check(level, "0") == "!InvalidValue");
  BOOST_TEST(Check(level, "11") == "!InvalidValue");
  BOOST_TEST(Check(level, "-11") == "!InvalidValue");
  BOOST_TEST(Check(level, "one") == "!InvalidType");
  const ParamDef& interval =
      *schema.FindObject("Device.ManagementServer.")->FindParam("PeriodicInformInterval");
  BOOST_TEST(Check(interval, "0") == "!InvalidValue");
  BOOST_TEST(Check(interval, "1") == "1");
  BOOST_TEST(Check(interval, "4294967295") == "4294967295");
  BOOST_TEST(Check(interval, "-1") == "!InvalidType");
  const ParamDef& cpu =
      *schema.FindObject("Device.DeviceInfo.ProcessStatus.")->FindParam("CPUUsage");
  BOOST_TEST(Check(cpu, "100") == "100");
  BOOST_TEST(Check(cpu, "101") == "!InvalidValue");
}

BOOST_AUTO_TEST_CASE(validate_unsigned_long_range_above_int64) {
  Schema schema;
  Status s = schema.LoadString(
      Wrap("<object path=\"Device.B.\"><parameter name=\"P\" type=\"unsignedLong\" "
           "min=\"10\" max=\"18446744073709551615\"/></object>"));
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  const ParamDef& p = *schema.FindObject("Device.B.")->FindParam("P");
  BOOST_TEST(Check(p, "18446744073709551615") == "18446744073709551615");
  BOOST_TEST(Check(p, "10") == "10");
  BOOST_TEST(Check(p, "9") == "!InvalidValue");
}

BOOST_AUTO_TEST_CASE(validate_lists) {
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadString(test::kTestSchema).ok());
  const ParamDef& tags = *schema.FindObject("Device.Services.Widget.{i}.")->FindParam("Tags");
  BOOST_TEST(Check(tags, "") == "");
  BOOST_TEST(Check(tags, "a,b, c") == "a,b,c");
  BOOST_TEST(Check(tags, "aaaaaaaaaa,bbbbbbbbb") == "aaaaaaaaaa,bbbbbbbbb");  // 20 characters
  BOOST_TEST(Check(tags, "aaaaaaaaaa,bbbbbbbbbb") == "!InvalidValue");        // 21
  Schema typed;
  Status s = typed.LoadString(
      Wrap("<object path=\"Device.B.\"><parameter name=\"Ports\" type=\"unsignedInt\" list=\"true\""
           " max=\"65535\"/><parameter name=\"Modes\" type=\"string\" list=\"true\">"
           "<enumeration>A</enumeration><enumeration>B</enumeration></parameter></object>"));
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  const ObjectDef* b = typed.FindObject("Device.B.");
  BOOST_TEST(Check(*b->FindParam("Ports"), "80,+443, 8080") == "80,443,8080");
  BOOST_TEST(Check(*b->FindParam("Ports"), "80,70000") == "!InvalidValue");
  BOOST_TEST(Check(*b->FindParam("Ports"), "80,http") == "!InvalidType");
  BOOST_TEST(Check(*b->FindParam("Modes"), "A,B,A") == "A,B,A");
  BOOST_TEST(Check(*b->FindParam("Modes"), "A,C") == "!InvalidValue");
  BOOST_TEST(b->FindParam("Ports")->default_value == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::dm
