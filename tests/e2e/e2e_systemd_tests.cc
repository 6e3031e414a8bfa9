// SPDX-License-Identifier: GPL-2.0-or-later
// The real cwmpd under a service manager's notification protocol (what systemd does for the
// packaged unit's Type=notify and WatchdogSec=): the test binds the $NOTIFY_SOCKET datagram socket
// itself and reads what the daemon sends: READY=1 once it started (model loaded, listener bound),
// WATCHDOG=1 from its main loop at half of $WATCHDOG_USEC, STOPPING=1 on SIGTERM. And its log as
// the journal takes it: with $JOURNAL_STREAM naming its stderr, sd-daemon "<N>" severities and a
// session as one info line with its events and ACS request counts.
#define BOOST_TEST_MODULE e2e_systemd_tests
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_support.h"
#include "tests/support/wait_until.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT

namespace {

// A bound AF_UNIX datagram socket that plays systemd's notification socket, exported to the
// daemon (which inherits the environment) as $NOTIFY_SOCKET for the fixture's lifetime.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    BOOST_REQUIRE(path.size() < sizeof(addr.sun_path));
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    BOOST_REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
  }
  ~NotifySocket() {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    close(fd_);
  }
  // Every message received so far, in order.
  const std::vector<std::string>& Drain() {
    char buffer[4096];
    for (;;) {
      const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
      if (n < 0) break;
      messages_.emplace_back(buffer, static_cast<size_t>(n));
    }
    return messages_;
  }
  size_t Count(const std::string& line) {
    size_t count = 0;
    for (const std::string& m : Drain()) count += m.find(line) != std::string::npos ? 1 : 0;
    return count;
  }
  bool WaitFor(const std::string& line, size_t times = 1) {
    return testing::WaitUntil([&] { return Count(line) >= times; }, kWait);
  }

 private:
  int fd_ = -1;
  std::vector<std::string> messages_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(ready_after_start_then_watchdog_pings_then_stopping) {
  AgentFixture f;
  NotifySocket notify(f.dir.File("notify"));
  setenv("WATCHDOG_USEC", "2000000", 1);  // WatchdogSec=2: a ping at least every second
  f.StartAgent();
  BOOST_REQUIRE(notify.WaitFor("READY=1"));
  f.RequireSessions(1);
  // Pings keep coming while the agent idles between sessions (several, not just one at start).
  BOOST_TEST(notify.WaitFor("WATCHDOG=1", 3));
  f.StopAgent();
  BOOST_TEST(notify.Count("STOPPING=1") == 1u);
  BOOST_TEST(notify.Count("READY=1") == 1u);
}

BOOST_AUTO_TEST_CASE(no_watchdog_pings_when_the_manager_set_no_watchdog) {
  AgentFixture f;
  NotifySocket notify(f.dir.File("notify"));
  f.StartAgent();
  BOOST_REQUIRE(notify.WaitFor("READY=1"));
  f.RequireSessions(1);
  f.StopAgent();  // STOPPING=1 is sent after the session; every ping would have come before it
  BOOST_REQUIRE(notify.WaitFor("STOPPING=1"));
  BOOST_TEST(notify.Count("WATCHDOG=1") == 0u);
}

BOOST_AUTO_TEST_CASE(journal_severities_and_one_info_line_per_session) {
  AgentFixture f;
  // systemd points a unit's stderr at the journal and names that stream in $JOURNAL_STREAM; here
  // the stream is the daemon's log file (AgentProcess appends its stderr there).
  const std::string log_file = f.dir.File("cwmpd.log");
  BOOST_REQUIRE(testing::WriteFile(log_file, ""));
  struct stat st {};
  BOOST_REQUIRE(stat(log_file.c_str(), &st) == 0);
  setenv("JOURNAL_STREAM", (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)).c_str(),
         1);
  f.acs.QueueSession({cwmp::GetParameterValues{{"Device.DeviceInfo.SoftwareVersion"}},
                      cwmp::GetParameterValues{{"Device.DeviceInfo.UpTime"}},
                      cwmp::GetParameterNames{"Device.DeviceInfo.", true}});
  f.StartAgent();
  unsetenv("JOURNAL_STREAM");
  f.RequireSessions(1);
  BOOST_REQUIRE(f.agent->WaitForLog("session completed", kWait));
  f.StopAgent();

  const std::string log = f.agent->Log();
  std::istringstream lines(log);
  std::vector<std::string> session_lines;
  size_t lines_seen = 0;
  for (std::string line; std::getline(lines, line); ++lines_seen) {
    // Every line is one event with a severity the journal reads; the journal adds time and pid.
    BOOST_TEST_REQUIRE(line.size() > 3, line);
    BOOST_TEST((line.compare(0, 3, "<6>") == 0 || line.compare(0, 3, "<4>") == 0 ||
                line.compare(0, 3, "<3>") == 0),
               line);
    BOOST_TEST(line.find(" cwmpd[") == std::string::npos, line);
    if (line.find("ACS request") != std::string::npos ||
        line.find("session") != std::string::npos) {
      session_lines.push_back(line);
    }
  }
  BOOST_TEST(lines_seen > 3u);
  // The session with three ACS requests: one info line, no per-RPC line (those are debug).
  BOOST_TEST_REQUIRE(session_lines.size() == 1u, log);
  const std::string& line = session_lines[0];
  BOOST_TEST(line.compare(0, 22, "<6>agent: session comp") == 0, line);
  BOOST_TEST(line.find(f.acs.url()) != std::string::npos, line);
  BOOST_TEST(line.find("events: 1 BOOT, 0 BOOTSTRAP") != std::string::npos, line);
  BOOST_TEST(
      line.find("ACS requests: 3 (GetParameterNames=1, GetParameterValues=2)") != std::string::npos,
      line);
}
