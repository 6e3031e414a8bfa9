// SPDX-License-Identifier: GPL-2.0-or-later
// AuthFailureLog: one warning per address per window with the count left out, bounded memory
// (addresses beyond the table share one entry), user names that cannot forge a log line.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>

#include "cwmp/transport/auth_failure_log.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/temp_dir.h"

namespace edgecwmp::cwmp {
namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

BOOST_AUTO_TEST_CASE(addresses_beyond_the_table_share_one_entry) {
  testing::TempDir dir("edgecwmp-auth-log");
  testing::StderrCapture capture(dir.File("stderr"));
  std::atomic<int64_t> now{1000};
  AuthFailureLog log(
      "test service", [&] { return now.load(); }, 60, 2);
  log.Record("192.0.2.1", "a");
  log.Record("192.0.2.2", "b");
  log.Record("192.0.2.3", "c");  // table full: the shared entry, logged once
  log.Record("192.0.2.4", "d");  // shared entry within its window: left out
  log.Record("192.0.2.1", "a");  // left out
  now += 60;
  log.Record("192.0.2.5", "e");  // 192.0.2.1 has one left out: kept; shared entry reports
  std::string text = capture.Stop();
  BOOST_TEST_MESSAGE(text);
  BOOST_CHECK_EQUAL(Count(text, "test service authentication failed"), 4u);
  BOOST_CHECK_EQUAL(Count(text, "192.0.2.4"), 0u);
  BOOST_CHECK_EQUAL(Count(text, "from 192.0.2.5, user \"e\" (1 more from untracked addresses"), 1u);
}

BOOST_AUTO_TEST_CASE(user_names_are_made_safe_to_log) {
  BOOST_CHECK_EQUAL(LoggableUserName("acs"), "acs");
  BOOST_CHECK_EQUAL(LoggableUserName("x\"\n2026 ERROR forged\\"), "x??2026 ERROR forged?");
  std::string longer(100, 'u');
  BOOST_CHECK_EQUAL(LoggableUserName(longer), std::string(64, 'u') + "...");
}

}  // namespace
}  // namespace edgecwmp::cwmp
