// SPDX-License-Identifier: GPL-2.0-or-later
// CwmpdUnderTest: the real cwmpd as a child process (tests/e2e/agent_process.h) in a temp dir,
// talking to a TestAcs over 127.0.0.1 (agent.value_change_poll of an hour: changes must arrive
// through the EdgeX module waking the agent), with an [edgex] section whose process supervisor
// runs edgex-demo-service instances on free loopback ports. RunSession() opens a session with a
// connection request (as GenieACS does) and returns its record.
#ifndef EDGECWMP_TESTS_EDGEX_E2E_CWMPD_H_
#define EDGECWMP_TESTS_EDGEX_E2E_CWMPD_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/acs/test_acs.h"
#include "tests/e2e/agent_process.h"
#include "tests/edgex/test_util.h"

namespace edgecwmp::edgex::test {

// One supervised demo service of the test's services file.
struct DemoService {
  std::string name;
  std::string restart = "on-failure";  // the services file's restart policy
  uint32_t backoff_ms = 200;
  uint16_t port = 0;  // filled by CwmpdUnderTest: a free loopback port
};

class CwmpdUnderTest {
 public:
  // [edgex] executor = process with |services|.
  explicit CwmpdUnderTest(std::vector<DemoService> services);
  // [edgex] from |edgex_section| (its lines, without the header; "@DIR@" stands for dir(), which
  // is ready for the files the section names before Start()).
  explicit CwmpdUnderTest(std::string edgex_section);
  ~CwmpdUnderTest();  // SIGTERM (SIGKILL after a deadline); kills leftover demo services
  CwmpdUnderTest(const CwmpdUnderTest&) = delete;
  CwmpdUnderTest& operator=(const CwmpdUnderTest&) = delete;

  // Starts the ACS and cwmpd; waits for the boot session to end. False (with a message) if not.
  bool Start(std::string* error);

  acs::TestAcs& acs() { return acs_; }
  const std::string& dir() const { return dir_.path(); }
  const std::vector<DemoService>& services() const { return services_; }
  std::string Log() const;  // cwmpd's stderr so far

  // Queues |script| as the next session, sends a connection request and waits for that session
  // to end; nullopt after |deadline|.
  std::optional<acs::SessionRecord> RunSession(
      acs::SessionScript script, std::chrono::milliseconds deadline = std::chrono::seconds(20));

  // GetParameterValues of |names| in one session: name → value (empty map on failure).
  std::map<std::string, std::string> Values(const std::vector<std::string>& names);

  // Remembers a pid the test saw, so the destructor can make sure it is gone.
  void Track(pid_t pid) { seen_pids_.push_back(pid); }

 private:
  std::vector<DemoService> services_;
  std::map<std::string, std::string> edgex_;  // "edgex.<option>" → value
  TempDir dir_;
  acs::TestAcs acs_;
  std::unique_ptr<e2e::AgentProcess> agent_;
  std::vector<pid_t> seen_pids_;
};

// True if /proc/<pid> exists and is not a zombie.
bool ProcessAlive(pid_t pid);

// The pids in an AssociatedProcessList value ("Device.DeviceInfo.ProcessStatus.Process.<pid>,...").
std::vector<pid_t> PidsOf(const std::string& associated_process_list);

}  // namespace edgecwmp::edgex::test

#endif  // EDGECWMP_TESTS_EDGEX_E2E_CWMPD_H_
