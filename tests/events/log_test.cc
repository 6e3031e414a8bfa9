// SPDX-License-Identifier: GPL-2.0-or-later
// The log line (base/log.h): the plain format on a terminal or file, the sd-daemon "<N>" severity
// prefix when stderr is the journal stream named by $JOURNAL_STREAM, one line per event.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <string>

#include "base/log.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/temp_dir.h"

using edgecwmp::DetectLogFormat;
using edgecwmp::FormatLogLine;
using edgecwmp::LogFormat;
using edgecwmp::LogLevel;

namespace {

constexpr std::time_t k20261125T120000Z = 1795608000;

// Sets $JOURNAL_STREAM for the scope (systemd's "<device>:<inode>" of the unit's stream).
struct JournalStreamEnv {
  explicit JournalStreamEnv(const std::string& value) {
    setenv("JOURNAL_STREAM", value.c_str(), 1);
  }
  ~JournalStreamEnv() { unsetenv("JOURNAL_STREAM"); }
};

std::string DeviceAndInode(const std::string& path) {
  struct stat st {};
  BOOST_REQUIRE(stat(path.c_str(), &st) == 0);
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(log_line)

BOOST_AUTO_TEST_CASE(plain_line_has_time_pid_level_and_component) {
  BOOST_TEST(FormatLogLine(LogFormat::kPlain, LogLevel::kWarning, "agent", "session failed",
                           k20261125T120000Z,
                           42) == "2026-11-25T12:00:00Z cwmpd[42] WARN agent: session failed\n");
}

BOOST_AUTO_TEST_CASE(journal_line_carries_the_sd_daemon_severity_only) {
  const std::pair<LogLevel, std::string> expected[] = {
      {LogLevel::kDebug, "<7>"},
      {LogLevel::kInfo, "<6>"},
      {LogLevel::kWarning, "<4>"},
      {LogLevel::kError, "<3>"},
  };
  for (const auto& [level, prefix] : expected) {
    // The journal stamps time and pid itself.
    BOOST_TEST(FormatLogLine(LogFormat::kJournal, level, "agent", "x", k20261125T120000Z, 42) ==
               prefix + "agent: x\n");
  }
}

BOOST_AUTO_TEST_CASE(a_multi_line_text_stays_one_line) {
  for (LogFormat format : {LogFormat::kPlain, LogFormat::kJournal}) {
    const std::string line = FormatLogLine(format, LogLevel::kWarning, "session",
                                           "ACS said:\r\nno\nway", k20261125T120000Z, 1);
    BOOST_TEST(line.find('\n') == line.size() - 1);
    BOOST_TEST(line.find('\r') == std::string::npos);
    BOOST_TEST(line.find("ACS said:\\nno\\nway") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(journal_detected_only_when_stderr_is_the_named_stream) {
  edgecwmp::testing::TempDir dir("edgecwmp-log");
  const std::string stream = dir.path() + "/stream";
  const std::string other = dir.path() + "/other";
  BOOST_REQUIRE(edgecwmp::testing::WriteFile(other, ""));
  edgecwmp::testing::StderrCapture capture(stream);
  {
    JournalStreamEnv env(DeviceAndInode(stream));
    BOOST_TEST((DetectLogFormat() == LogFormat::kJournal));
  }
  {
    // Inherited from a unit whose stream is not our stderr (a child with stderr redirected).
    JournalStreamEnv env(DeviceAndInode(other));
    BOOST_TEST((DetectLogFormat() == LogFormat::kPlain));
  }
  {
    JournalStreamEnv env("garbage");
    BOOST_TEST((DetectLogFormat() == LogFormat::kPlain));
  }
  BOOST_TEST((DetectLogFormat() == LogFormat::kPlain));  // unset
}

BOOST_AUTO_TEST_SUITE_END()
