// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for the events tests: the shared temporary directory, whole-file I/O, dateTime text as
// a time point.
#ifndef EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_
#define EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_

#include <boost/test/unit_test.hpp>

#include <string>

#include "base/time_util.h"
#include "tests/support/temp_dir.h"

namespace edgecwmp::test {

using TempDir = testing::TempDir;  // tests/support/temp_dir.h

using testing::ReadFile;  // whole-file helpers, same header
using testing::WriteFile;

// |text| (a dateTime) as a time point; fails the test when it does not parse.
inline SysSeconds ParsedTime(const std::string& text) {
  SysSeconds t;
  const Status s = ParseDateTime(text, &t);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return t;
}

}  // namespace edgecwmp::test

#endif  // EDGECWMP_TESTS_EVENTS_TEST_UTIL_H_
