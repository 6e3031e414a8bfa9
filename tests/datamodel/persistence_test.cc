// SPDX-License-Identifier: GPL-2.0-or-later
// Storage and the model's persistence: round trips through a fresh DataModel, corrupt and
// truncated files, a crash leaving a temp file, factory reset.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <sstream>

#include "base/file_io.h"
#include "tests/datamodel/test_util.h"
#include "tests/support/stderr_capture.h"

namespace edgecwmp::dm {
namespace {

using test::Fixture;
using test::Notify;
using test::TempDir;

// Changes that every round-trip test checks for.
void MakeChanges(Fixture& f) {
  BOOST_TEST_REQUIRE(
      f.model->SetValue("Device.ManagementServer.PeriodicInformInterval", "60").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.Password", "pw").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.ParameterKey", "pk").ok());
  BOOST_TEST(f.Add("Device.Services.Widget.") == 1u);
  BOOST_TEST(f.Add("Device.Services.Widget.") == 2u);
  BOOST_TEST(f.Add("Device.Services.Widget.") == 3u);
  Applied applied;
  BOOST_TEST_REQUIRE(
      f.model->DeleteObject("Device.Services.Widget.2.", Origin::kAcs, &applied).ok());
  BOOST_TEST(f.Add("Device.Services.Widget.3.Port.") == 1u);
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.Services.Widget.3.Port.1.Number", "8080").ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.Services.Widget.1.Name", "first").ok());
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 2)}).ok());
}

void CheckChanges(Fixture& g) {
  BOOST_TEST(g.Get("Device.ManagementServer.PeriodicInformInterval") == "60");
  BOOST_TEST(g.Get("Device.ManagementServer.Password") == "pw");
  BOOST_TEST(g.Get("Device.ManagementServer.ParameterKey") == "pk");
  BOOST_TEST(g.Get("Device.Services.Widget.1.Name") == "first");
  BOOST_TEST(g.Get("Device.Services.Widget.3.Port.1.Number") == "8080");
  std::vector<ParameterInfo> names;
  BOOST_TEST_REQUIRE(g.model->GetNames("Device.Services.Widget.", true, &names).ok());
  BOOST_TEST_REQUIRE(names.size() == 2u);
  BOOST_TEST(names[0].name == "Device.Services.Widget.1.");
  BOOST_TEST(names[1].name == "Device.Services.Widget.3.");
  std::vector<ParameterAttributes> attrs;
  BOOST_TEST_REQUIRE(g.model->GetAttributes("Device.ManagementServer.URL", &attrs).ok());
  BOOST_TEST(attrs[0].notification == 2);
  BOOST_TEST(g.Add("Device.Services.Widget.") == 4u);  // the counter survived
  BOOST_TEST(g.Add("Device.Services.Widget.3.Port.") == 2u);
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

BOOST_AUTO_TEST_SUITE(persistence)

BOOST_AUTO_TEST_CASE(round_trip_through_a_fresh_model) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
  }
  BOOST_TEST(Exists(dir.File("datamodel.xml")));
  BOOST_TEST(!Exists(dir.File("datamodel.xml.tmp")));
  Fixture g(dir.path());
  CheckChanges(g);
  // Defaults are not written out: the file holds only what differs.
  std::string text = test::ReadFile(dir.File("datamodel.xml"));
  BOOST_TEST(text.find("Device.ManagementServer.PeriodicInformEnable") == std::string::npos);
  BOOST_TEST(text.find("Device.ManagementServer.PeriodicInformInterval") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(instance_counter_survives_deleting_the_highest_rows) {
  TempDir dir;
  {
    Fixture f(dir.path());
    BOOST_TEST(f.Add("Device.Services.Widget.") == 1u);
    BOOST_TEST(f.Add("Device.Services.Widget.") == 2u);
    BOOST_TEST(f.Add("Device.Services.Widget.") == 3u);
    Applied applied;
    BOOST_TEST_REQUIRE(
        f.model->DeleteObject("Device.Services.Widget.3.", Origin::kAcs, &applied).ok());
    BOOST_TEST_REQUIRE(
        f.model->DeleteObject("Device.Services.Widget.2.", Origin::kAcs, &applied).ok());
  }
  Fixture g(dir.path());
  BOOST_TEST(g.Add("Device.Services.Widget.") == 4u);  // not 2: 2 and 3 were handed out before
}

BOOST_AUTO_TEST_CASE(notified_values_restored_are_the_new_baseline) {
  TempDir dir;
  {
    Fixture f(dir.path());
    BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.URL", 1)}).ok());
    BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "http://a/").ok());
  }
  Fixture g(dir.path());
  g.model->CollectValueChanges();
  BOOST_TEST(g.model->CollectValueChanges().empty());
  BOOST_TEST_REQUIRE(g.model->SetValue("Device.ManagementServer.URL", "http://b/").ok());
  BOOST_TEST(g.model->CollectValueChanges().size() == 1u);
}

BOOST_AUTO_TEST_CASE(corrupt_main_file_falls_back_to_the_backup) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
    // One more committed change so the backup holds everything MakeChanges did.
    BOOST_TEST_REQUIRE(f.model->SetValue("Device.DeviceInfo.ProvisioningCode", "last").ok());
  }
  BOOST_TEST(Exists(dir.File("datamodel.xml.bak")));
  test::WriteFile(dir.File("datamodel.xml"), "<datamodelstate><value path=");
  Storage storage(dir.path());
  StoredState state;
  std::string warning;
  LoadSource source = LoadSource::kLost;
  BOOST_TEST_REQUIRE(storage.Load(&state, &warning, &source).ok());
  BOOST_TEST((source == LoadSource::kBackup));
  BOOST_TEST(warning.find("unreadable") != std::string::npos, warning);
  BOOST_TEST(warning.find("backup") != std::string::npos, warning);
  Fixture g(dir.path());
  CheckChanges(g);
  BOOST_TEST(g.Get("Device.DeviceInfo.ProvisioningCode") == "");  // the lost last change
}

BOOST_AUTO_TEST_CASE(both_files_corrupt_start_from_defaults_with_a_warning) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
  }
  test::WriteFile(dir.File("datamodel.xml"), "garbage");
  test::WriteFile(dir.File("datamodel.xml.bak"), "");
  Storage storage(dir.path());
  StoredState state;
  std::string warning;
  LoadSource source = LoadSource::kMain;
  BOOST_TEST_REQUIRE(storage.Load(&state, &warning, &source).ok());
  BOOST_TEST((source == LoadSource::kLost));  // the owner must know: its values are gone
  BOOST_TEST(warning.find("defaults") != std::string::npos, warning);
  BOOST_TEST(state.values.empty());
  Fixture g(dir.path());
  BOOST_TEST(g.Get("Device.ManagementServer.PeriodicInformInterval") == "86400");
  // The next save writes a good file again; the bad backup is not promoted.
  BOOST_TEST(g.Add("Device.Services.Widget.") == 1u);
  Fixture h(dir.path());
  BOOST_TEST(h.Get("Device.Services.Widget.1.Mode") == "Auto");
}

BOOST_AUTO_TEST_CASE(load_says_where_the_state_came_from) {
  TempDir dir;
  LoadSource source = LoadSource::kLost;
  {
    Fixture f(dir.path());
    BOOST_TEST_REQUIRE(f.model->Load(&source).ok());
    BOOST_TEST((source == LoadSource::kNothingStored));
    MakeChanges(f);
  }
  Fixture g(dir.path());
  BOOST_TEST_REQUIRE(g.model->Load(&source).ok());
  BOOST_TEST((source == LoadSource::kMain));
  test::WriteFile(dir.File("datamodel.xml"), "x");
  test::WriteFile(dir.File("datamodel.xml.bak"), "y");
  BOOST_TEST_REQUIRE(g.model->Load(&source).ok());
  BOOST_TEST((source == LoadSource::kLost));
}

// What may leave the device as its configuration: stored values, attributes and instances, but
// no secret parameter's value, nor a stored value whose parameter the schema does not know.
BOOST_AUTO_TEST_CASE(exported_configuration_has_no_secret) {
  TempDir dir;
  Fixture f(dir.path());
  MakeChanges(f);  // Password = "pw"
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify("Device.ManagementServer.Password", 1)}).ok());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.Password", "s3cret-pw").ok());
  std::string xml;
  BOOST_TEST_REQUIRE(f.model->ExportConfiguration(&xml).ok());
  BOOST_TEST(xml.find("s3cret-pw") == std::string::npos, xml);
  BOOST_TEST(xml.find("\"Device.ManagementServer.Password\">") == std::string::npos, xml);
  BOOST_TEST(xml.find("Device.Services.Widget.3.Port.1.Number") != std::string::npos, xml);
  BOOST_TEST(xml.find("8080") != std::string::npos, xml);
  // It is Storage's format: it parses back into the same non-secret state.
  TempDir copy;
  BOOST_TEST_REQUIRE(WriteFileAtomic(copy.File("datamodel.xml"), xml).ok());
  Fixture g(copy.path());
  BOOST_TEST(g.Get("Device.Services.Widget.3.Port.1.Number") == "8080");
  BOOST_TEST(g.Get("Device.ManagementServer.Password") == "");
}

BOOST_AUTO_TEST_CASE(truncated_file_is_detected) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
  }
  std::string good = test::ReadFile(dir.File("datamodel.xml"));
  // Cut just before the end marker: still well-formed up to a point, but incomplete.
  size_t end = good.find("<end");
  BOOST_TEST_REQUIRE(end != std::string::npos);
  for (size_t cut : {end, good.size() / 2, size_t{10}}) {
    test::WriteFile(dir.File("datamodel.xml"), good.substr(0, cut));
    Storage storage(dir.path());
    StoredState state;
    std::string warning;
    BOOST_TEST_REQUIRE(storage.Load(&state, &warning).ok());
    BOOST_TEST(!warning.empty(), "cut at " << cut);
  }
  // Also a file that is complete XML but has lost its tail elements.
  test::WriteFile(dir.File("datamodel.xml"), "<datamodelstate version=\"1\"/>");
  Storage storage(dir.path());
  StoredState state;
  std::string warning;
  BOOST_TEST_REQUIRE(storage.Load(&state, &warning).ok());
  BOOST_TEST(warning.find("truncated") != std::string::npos, warning);
}

BOOST_AUTO_TEST_CASE(leftover_temp_file_is_ignored) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
  }
  // A crash after writing the temp file but before the rename.
  test::WriteFile(dir.File("datamodel.xml.tmp"),
                  "<datamodelstate><value path=\"Device.ManagementServer.PeriodicInformInterval\">"
                  "7</value><end/></datamodelstate>");
  Fixture g(dir.path());
  CheckChanges(g);
  BOOST_TEST(g.Get("Device.ManagementServer.PeriodicInformInterval") == "60");
  // The main file lost (Save never leaves it missing, but a file system may): the backup.
  std::filesystem::rename(dir.File("datamodel.xml"), dir.File("datamodel.xml.bak"));
  Storage storage(dir.path());
  StoredState state;
  std::string warning;
  BOOST_TEST_REQUIRE(storage.Load(&state, &warning).ok());
  BOOST_TEST(warning.find("missing") != std::string::npos, warning);
  BOOST_TEST(state.values.count("Device.ManagementServer.PeriodicInformInterval") == 1u);
}

BOOST_AUTO_TEST_CASE(invalid_stored_values_fall_back_to_defaults) {
  TempDir dir;
  StoredState state;
  state.values["Device.ManagementServer.PeriodicInformInterval"] = "0";    // out of range
  state.values["Device.ManagementServer.PeriodicInformEnable"] = "maybe";  // bad type
  state.values["Device.ManagementServer.URL"] = "http://kept/";
  state.values["Device.Gone.Param"] = "x";  // not in schema
  BOOST_TEST_REQUIRE(Storage(dir.path()).Save(state).ok());
  Fixture g(dir.path());
  BOOST_TEST(g.Get("Device.ManagementServer.PeriodicInformInterval") == "86400");
  BOOST_TEST(g.Get("Device.ManagementServer.PeriodicInformEnable") == "true");
  BOOST_TEST(g.Get("Device.ManagementServer.URL") == "http://kept/");
}

// A change that holds in memory but could not be saved is not reported as done: the caller
// (the ACS through 9002, the agent's log) learns it would not survive a restart.
BOOST_AUTO_TEST_CASE(a_failed_save_is_an_error_not_a_silent_ok) {
  TempDir dir;
  const std::string url = "Device.ManagementServer.URL";
  Fixture f(dir.path());
  BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify(url, 2)}).ok());
  BOOST_TEST(f.model->CollectValueChanges().empty());  // first sight
  // A directory where the save writes its temporary file: every save from now on fails.
  std::filesystem::create_directory(dir.File("datamodel.xml.tmp"));
  Status set = f.model->SetValue(url, "http://a/");
  BOOST_TEST((set.code() == Error::kInternal), set.ToString());
  BOOST_TEST(f.Get(url) == "http://a/");  // in effect, just not saved
  BOOST_TEST(f.model->CollectValueChanges().size() == 1u);
  Status commit = f.model->CommitReportedValues();
  BOOST_TEST((commit.code() == Error::kInternal), commit.ToString());
  std::filesystem::remove(dir.File("datamodel.xml.tmp"));
  // The failed commit is retried, not taken as done: the next start has nothing to report.
  BOOST_TEST_REQUIRE(f.model->CommitReportedValues().ok());
  Fixture g(dir.path());
  BOOST_TEST(g.model->CollectValueChanges().empty());
}

// TR-069 3.2.1: a value that changed while the agent was not running is a change to report, and
// one reported but not yet committed (the Inform never got through) is reported again.
BOOST_AUTO_TEST_CASE(value_changes_while_stopped_are_reported_after_a_restart) {
  TempDir dir;
  const std::string url = "Device.ManagementServer.URL";
  const std::string code = "Device.ManagementServer.ConnectionRequestURL";  // forceEnabled
  {
    Fixture f(dir.path());
    BOOST_TEST_REQUIRE(f.model->SetAttributes({Notify(url, 2)}).ok());
    BOOST_TEST(f.model->CollectValueChanges().empty());  // first sight
    BOOST_TEST_REQUIRE(f.model->SetValue(url, "http://a/").ok());
    BOOST_TEST(f.model->CollectValueChanges().size() == 1u);
    BOOST_TEST_REQUIRE(f.model->CommitReportedValues().ok());  // the Inform was accepted
    // The device changes both while nobody collects: then the agent stops.
    BOOST_TEST_REQUIRE(f.model->SetValue(url, "http://b/").ok());
    BOOST_TEST_REQUIRE(f.model->SetValue(code, "http://cpe:7547/").ok());
  }
  {
    Fixture f(dir.path());
    std::vector<ValueChange> changes = f.model->CollectValueChanges();
    BOOST_TEST_REQUIRE(changes.size() == 2u);
    std::map<std::string, std::string> got;
    for (const auto& c : changes) got[c.name] = c.value;
    BOOST_TEST(got[url] == "http://b/");
    BOOST_TEST(got[code] == "http://cpe:7547/");  // its committed first sight was ""
    // Not committed (the boot Inform failed): a restart reports them again.
  }
  {
    Fixture f(dir.path());
    BOOST_TEST(f.model->CollectValueChanges().size() == 2u);
    BOOST_TEST_REQUIRE(f.model->CommitReportedValues().ok());
    // An ACS write is known to the ACS, across a restart too.
    BOOST_TEST_REQUIRE(f.model->SetValue(url, "http://acs/", Origin::kAcs).ok());
  }
  {
    Fixture f(dir.path());
    BOOST_TEST(f.model->CollectValueChanges().empty());
    BOOST_TEST(f.Get(url) == "http://acs/");
    BOOST_TEST_REQUIRE(f.model->FactoryReset().ok());
  }
  Fixture f(dir.path());
  BOOST_TEST(f.model->CollectValueChanges().empty());  // nothing reported survives a reset
}

BOOST_AUTO_TEST_CASE(warnings_go_to_the_agents_log) {
  TempDir dir;
  TempDir logs;
  StoredState state;
  state.values["Device.ManagementServer.PeriodicInformInterval"] = "0";  // out of range
  BOOST_TEST_REQUIRE(Storage(dir.path()).Save(state).ok());
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadString(test::kTestSchema, "test-schema").ok());
  Storage storage(dir.path());
  DataModel model(&schema, &storage);
  testing::StderrCapture capture(logs.File("stderr"));
  BOOST_TEST_REQUIRE(model.Load().ok());
  const std::string log = capture.Stop();
  std::vector<std::string> warnings;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" WARN datamodel: ") != std::string::npos) warnings.push_back(line);
  }
  BOOST_TEST_REQUIRE(warnings.size() == 1u, log);
  BOOST_TEST(warnings[0].find("PeriodicInformInterval") != std::string::npos, warnings[0]);
}

BOOST_AUTO_TEST_CASE(storage_round_trip_of_every_field) {
  TempDir dir;
  StoredState in;
  in.values["A.B"] = "x < y & \"z\"";
  in.values["A.Empty"] = "";
  in.attributes["A.B"].notification = 2;
  in.attributes["A.B"].access_list = {"Subscriber"};
  in.instances["A.T."] = {1, 5, 9};
  in.next_instance["A.T."] = 10;
  in.next_instance["A.U."] = 4;
  in.reported["A.B"] = "last <told>";
  Storage storage(dir.path() + "/nested/state");
  BOOST_TEST_REQUIRE(storage.Save(in).ok());
  StoredState out;
  std::string warning;
  BOOST_TEST_REQUIRE(storage.Load(&out, &warning).ok());
  BOOST_TEST(warning.empty());
  BOOST_TEST(out.values == in.values);
  BOOST_TEST(out.attributes["A.B"].notification == 2);
  BOOST_TEST(out.attributes["A.B"].access_list == in.attributes["A.B"].access_list);
  BOOST_TEST(out.instances == in.instances);
  BOOST_TEST(out.next_instance == in.next_instance);
  BOOST_TEST(out.reported == in.reported);
  BOOST_TEST_REQUIRE(storage.Wipe().ok());
  BOOST_TEST_REQUIRE(storage.Load(&out, &warning).ok());
  BOOST_TEST(out.values.empty());
}

BOOST_AUTO_TEST_CASE(unusable_directory_is_an_error) {
  TempDir dir;
  test::WriteFile(dir.File("file"), "x");
  Storage storage(dir.File("file") + "/sub");
  StoredState state;
  std::string warning;
  BOOST_TEST(!storage.Load(&state, &warning).ok());
  BOOST_TEST(!storage.Save(state).ok());
}

BOOST_AUTO_TEST_CASE(write_file_atomic_and_read_file) {
  TempDir dir;
  std::string path = dir.File("events.xml");
  BOOST_TEST_REQUIRE(WriteFileAtomic(path, "one").ok());
  BOOST_TEST_REQUIRE(WriteFileAtomic(path, std::string("two\0three", 9)).ok());
  std::string data;
  BOOST_TEST_REQUIRE(ReadFile(path, &data).ok());
  BOOST_TEST(data == std::string("two\0three", 9));
  BOOST_TEST(!Exists(path + ".tmp"));
  BOOST_TEST(ReadFile(dir.File("none"), &data).code() == Error::kNotFound);
  BOOST_TEST(!WriteFileAtomic(dir.File("no/such/dir/file"), "x").ok());
}

BOOST_AUTO_TEST_CASE(a_set_that_changes_nothing_does_not_rewrite) {
  TempDir dir;
  Fixture f(dir.path());
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "http://a/").ok());
  struct stat before, after;
  BOOST_TEST_REQUIRE(stat(dir.File("datamodel.xml").c_str(), &before) == 0);
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "http://a/").ok());
  BOOST_TEST_REQUIRE(stat(dir.File("datamodel.xml").c_str(), &after) == 0);
  BOOST_TEST(before.st_ino == after.st_ino);
  BOOST_TEST_REQUIRE(f.model->SetValue("Device.ManagementServer.URL", "http://b/").ok());
  BOOST_TEST_REQUIRE(stat(dir.File("datamodel.xml").c_str(), &after) == 0);
  BOOST_TEST(before.st_ino != after.st_ino);  // a new file was renamed into place
}

BOOST_AUTO_TEST_CASE(a_change_before_load_does_not_clobber_the_stored_state) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
  }
  Schema schema;
  BOOST_TEST_REQUIRE(schema.LoadString(test::kTestSchema).ok());
  Storage storage(dir.path());
  DataModel early(&schema, &storage);
  BOOST_TEST_REQUIRE(early.SetValue("Device.ManagementServer.URL", "http://early/").ok());
  BOOST_TEST_REQUIRE(early.Load().ok());
  BOOST_TEST(test::Fixture(dir.path()).Get("Device.ManagementServer.PeriodicInformInterval") ==
             "60");
}

BOOST_AUTO_TEST_CASE(factory_reset_wipes_storage) {
  TempDir dir;
  {
    Fixture f(dir.path());
    MakeChanges(f);
    BOOST_TEST_REQUIRE(f.model->FactoryReset().ok());
  }
  Fixture g(dir.path());
  BOOST_TEST(g.Get("Device.ManagementServer.PeriodicInformInterval") == "86400");
  BOOST_TEST(g.Add("Device.Services.Widget.") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::dm
