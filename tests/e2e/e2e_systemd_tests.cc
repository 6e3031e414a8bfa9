// SPDX-License-Identifier: GPL-2.0-or-later
// The real cwmpd under a service manager's notification protocol (what systemd does for the
// packaged unit's Type=notify and WatchdogSec=): the test binds the $NOTIFY_SOCKET datagram socket
// itself and reads what the daemon sends: READY=1 once it started (model loaded, listener bound),
// WATCHDOG=1 from its main loop at half of $WATCHDOG_USEC, STOPPING=1 on SIGTERM.
#define BOOST_TEST_MODULE e2e_systemd_tests
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
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
