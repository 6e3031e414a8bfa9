// SPDX-License-Identifier: GPL-2.0-or-later
// What every end-to-end test shares: a fixture with a temp dir, a started TestAcs and the real
// daemon pointed at it (its log and the ACS's violations are printed when the test fails); a
// process-wide collection of every envelope the agent sent, and their XSD validation with xmllint
// against ../shared/bbf/cwmp-1-N.xsd (tests/codec/offline_xsd.h, as codec_tests do).
#ifndef EDGECWMP_TESTS_E2E_E2E_SUPPORT_H_
#define EDGECWMP_TESTS_E2E_E2E_SUPPORT_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/acs/test_acs.h"
#include "tests/e2e/agent_process.h"
#include "tests/support/temp_dir.h"

namespace edgecwmp::e2e {

constexpr std::chrono::seconds kWait(20);  // generous: the machine may be busy

struct AgentFixture {
  explicit AgentFixture(acs::TestAcsOptions acs_options = {}, AgentSettings settings = {});
  ~AgentFixture();

  // Starts the daemon (or restarts it with the same state) and checks the process is up.
  void StartAgent();
  // SIGTERM; asserts a clean exit (status 0).
  void StopAgent();
  // Waits until `n` sessions have ended (BOOST_REQUIRE).
  void RequireSessions(size_t n, std::chrono::milliseconds timeout = kWait);
  // The newest session that holds `event` ("6 CONNECTION REQUEST", ...), if any.
  std::optional<acs::SessionRecord> LastWith(const std::string& event) const;

  testing::TempDir dir{"edgecwmp-e2e"};
  acs::TestAcs acs;
  std::unique_ptr<AgentProcess> agent;
};

// Every Inform and every answer the agent sent to a TestAcs in this process (fixtures add theirs
// when they end; Collect adds more).
void CollectEnvelopes(const std::vector<acs::SessionRecord>& sessions);
std::vector<std::string> CollectedEnvelopes();

// Validates each envelope against the cwmp-1-N.xsd of its namespace (1-3/1-4: against
// cwmp-1-3/1-4.xsd with the namespace rewritten to cwmp-1-2, whose targetNamespace they keep).
// Returns xmllint's complaints; empty means all valid. *validated counts the files checked.
std::string ValidateWithXsd(const std::vector<std::string>& envelopes, size_t* validated);

// A recorded GenieACS message from $EDGECWMP_SHARED_DIR/interop/genieacs.
std::string Recording(const std::string& file);

}  // namespace edgecwmp::e2e

#endif  // EDGECWMP_TESTS_E2E_E2E_SUPPORT_H_
