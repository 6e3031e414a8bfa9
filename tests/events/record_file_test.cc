// SPDX-License-Identifier: GPL-2.0-or-later
// RecordFile: the crash-safe record format under the event queue and the scheduled informs.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "base/record_file.h"
#include "tests/events/test_util.h"

using edgecwmp::DecodedRecords;
using edgecwmp::DecodeRecords;
using edgecwmp::EncodeRecords;
using edgecwmp::Record;

BOOST_AUTO_TEST_SUITE(record_file)

BOOST_AUTO_TEST_CASE(round_trip_with_awkward_characters) {
  const std::vector<Record> records = {
      {"a", ""}, {"tab\there", "new\nline\r", "100%", "%41"}, {""}, {"ünïcödé"}};
  const std::string text = EncodeRecords("test 1", records);
  const DecodedRecords back = DecodeRecords("test 1", text);
  BOOST_TEST(!back.damaged);
  BOOST_TEST(back.problems.empty());
  BOOST_REQUIRE(back.records.size() == records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    BOOST_TEST(back.records[i] == records[i], boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(damage_is_found_and_described) {
  const std::string text = EncodeRecords("test 1", {{"one"}, {"two"}, {"three"}});
  // Wrong header.
  DecodedRecords d = DecodeRecords("test 2", text);
  BOOST_TEST(d.damaged);
  BOOST_TEST(d.records.size() == 3u);
  BOOST_TEST(d.problems.find("header") != std::string::npos);
  // END count that does not match (a record line removed whole).
  std::string missing = text;
  missing.erase(missing.find("R\ttwo"), missing.find("R\tthree") - missing.find("R\ttwo"));
  d = DecodeRecords("test 1", missing);
  BOOST_TEST(d.damaged);
  BOOST_TEST(d.records.size() == 2u);
  BOOST_TEST(d.problems.find("END declares 3") != std::string::npos);
  // Bad escape inside a record whose checksum matches the bad text.
  const std::string bad_escape = "test 1\nR\t%4\t" + std::string("00000000") + "\nEND\t1\n";
  d = DecodeRecords("test 1", bad_escape);
  BOOST_TEST(d.damaged);
  BOOST_TEST(d.records.empty());
  // Lines after END.
  d = DecodeRecords("test 1", text + "R\tlate\t00000000\n");
  BOOST_TEST(d.damaged);
  BOOST_TEST(d.records.size() == 3u);
}

BOOST_AUTO_TEST_CASE(load_missing_file_and_stale_temp) {
  edgecwmp::test::TempDir dir;
  const std::string path = dir.path() + "/state.txt";
  DecodedRecords d;
  std::string note;
  BOOST_REQUIRE(edgecwmp::LoadRecordFile(path, "test 1", &d, &note).ok());
  BOOST_TEST(!d.damaged);
  BOOST_TEST(d.records.empty());
  BOOST_TEST(note.empty());
  // The very first save crashed before its rename: only the temp file exists.
  edgecwmp::test::WriteFile(path + ".tmp", "test 1\nR\tx");
  BOOST_REQUIRE(edgecwmp::LoadRecordFile(path, "test 1", &d, &note).ok());
  BOOST_TEST(d.records.empty());
  BOOST_TEST(!note.empty());
  BOOST_TEST(!std::filesystem::exists(path + ".tmp"));
  BOOST_REQUIRE(edgecwmp::SaveRecordFile(path, "test 1", {{"x", "y"}}).ok());
  BOOST_REQUIRE(edgecwmp::LoadRecordFile(path, "test 1", &d, &note).ok());
  BOOST_TEST(!d.damaged);
  BOOST_REQUIRE(d.records.size() == 1u);
  BOOST_TEST(d.records[0] == (Record{"x", "y"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
