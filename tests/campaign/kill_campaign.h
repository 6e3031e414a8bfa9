// SPDX-License-Identifier: GPL-2.0-or-later
// KillCampaign: drives the real cwmpd (tests/e2e/agent_process.h) through a stream of sessions
// with the test ACS and SIGKILLs it at random moments, so that a test can then check that nothing
// acknowledged was lost. A moment is "once the ACS has handled message N of this start's stream,
// plus 0–30 ms" (N = 0: right after the start, before any Inform): that spreads the kills over
// start-up, Informs, the CPE's requests, right after a response and between RPCs. Whenever the ACS
// is idle before the moment, a connection request asks for the next session. The moments come from
// a std::mt19937 seeded with a fixed seed that CampaignSeed prints ($EDGECWMP_CAMPAIGN_SEED
// replays another one); which RPC a moment hits still depends on timing.
// Not thread-safe: one test thread drives it.
#ifndef EDGECWMP_TESTS_CAMPAIGN_KILL_CAMPAIGN_H_
#define EDGECWMP_TESTS_CAMPAIGN_KILL_CAMPAIGN_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/acs/test_acs.h"
#include "tests/e2e/agent_process.h"

namespace edgecwmp::campaign {

using Sessions = std::vector<acs::SessionRecord>;

// $EDGECWMP_CAMPAIGN_SEED when set (to replay a failure), else |fixed|; printed either way.
uint32_t CampaignSeed(const std::string& campaign, uint32_t fixed);

// Every HTTP request the ACS handled inside |sessions| (Informs, empty POSTs, answers, requests).
size_t MessagesIn(const Sessions& sessions);
bool AllEnded(const Sessions& sessions);

// Did the CPE demonstrably receive the ACS's answer (it went on with the session afterwards)?
// An answer the CPE never read may legitimately make it send the message again.
bool InformAcknowledged(const acs::SessionRecord& s);
bool CpeRequestAcknowledged(const acs::SessionRecord& s, size_t index);  // into cpe_requests

struct KillMoment {
  size_t after_message = 0;
  std::chrono::milliseconds delay{0};
};

// One start of the daemon.
struct Run {
  size_t sessions_before = 0;  // sessions the ACS had accepted when it started
  KillMoment moment;
  bool killed = false;
};

class KillCampaign {
 public:
  // |ensure_script| makes sure the ACS holds the script of the next session (called before every
  // start and before every connection request).
  KillCampaign(acs::TestAcs* acs, e2e::AgentProcess* agent, uint32_t seed, size_t max_message,
               std::function<void()> ensure_script);

  // Starts the daemon, drives sessions up to a random moment, SIGKILLs it. False with *error when
  // the stream stalled (the daemon did not come up, Inform, or answer) or it had exited by itself.
  bool KillAtRandomMoment(std::string* error);
  // Starts the daemon and drives sessions until |done| holds; the daemon keeps running.
  bool StartAndRunUntil(const std::function<bool(const Sessions&)>& done, std::string* error);
  // Drives sessions of the running daemon until |done| holds; an error once |budget| passed.
  bool RunUntil(const std::function<bool(const Sessions&)>& done, std::string* error,
                std::chrono::seconds budget = std::chrono::seconds(60));

  // Called at each kill moment, just before the SIGKILL (to look at the doomed daemon).
  void set_before_kill(std::function<void()> hook) { before_kill_ = std::move(hook); }

  const std::vector<Run>& runs() const { return runs_; }
  size_t kills() const;

 private:
  bool Start(KillMoment moment, std::string* error);

  acs::TestAcs* acs_;
  e2e::AgentProcess* agent_;
  std::mt19937 rng_;
  size_t max_message_;
  std::function<void()> ensure_script_, before_kill_;
  std::vector<Run> runs_;
};

// The boot events over a campaign: the first session of every start has 1 BOOT, and no Inform
// carries 0 BOOTSTRAP after one with it was acknowledged. Empty when all hold.
std::vector<std::string> BootEventProblems(const Sessions& sessions, const std::vector<Run>& runs);

// The lines of a cwmpd log in which it says a persisted file did not load intact (damaged or
// dropped records, unreadable, restored from a backup, started from defaults).
std::vector<std::string> StateLoadComplaints(const std::string& log);

// The checks every campaign ends with (Boost.Test assertions): the boot events above, the state
// files loaded at every start, at least |min_kills| kills, no violation recorded by the ACS.
void CheckEveryStart(const KillCampaign& campaign, const acs::TestAcs& acs,
                     const e2e::AgentProcess& agent, size_t min_kills);

// The lines joined, for failure messages.
std::string Join(const std::vector<std::string>& lines, const std::string& separator = "\n");

}  // namespace edgecwmp::campaign

#endif  // EDGECWMP_TESTS_CAMPAIGN_KILL_CAMPAIGN_H_
