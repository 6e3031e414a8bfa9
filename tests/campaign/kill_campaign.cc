// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/campaign/kill_campaign.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <thread>
#include <utility>

#include "tests/e2e/e2e_checks.h"

namespace edgecwmp::campaign {

uint32_t CampaignSeed(const std::string& campaign, uint32_t fixed) {
  const char* env = std::getenv("EDGECWMP_CAMPAIGN_SEED");
  const uint32_t seed = env && *env ? static_cast<uint32_t>(std::strtoul(env, nullptr, 0)) : fixed;
  std::cout << campaign << ": seed " << seed << " (EDGECWMP_CAMPAIGN_SEED=" << seed
            << " replays it)" << std::endl;
  return seed;
}

size_t MessagesIn(const Sessions& sessions) {
  size_t n = 0;
  for (const auto& s : sessions) n += s.http_statuses.size();
  return n;
}

bool AllEnded(const Sessions& sessions) {
  for (const auto& s : sessions)
    if (s.end == acs::SessionEnd::kRunning) return false;
  return true;
}

bool InformAcknowledged(const acs::SessionRecord& s) {
  return s.end == acs::SessionEnd::kCompleted || s.http_statuses.size() >= 2;
}

bool CpeRequestAcknowledged(const acs::SessionRecord& s, size_t index) {
  // The CPE sends its requests one per POST before its empty POST, after which the exchanges
  // (ACS requests) start.
  return s.end == acs::SessionEnd::kCompleted || index + 1 < s.cpe_requests.size() ||
         !s.exchanges.empty();
}

KillCampaign::KillCampaign(acs::TestAcs* acs, e2e::AgentProcess* agent, uint32_t seed,
                           size_t max_message, std::function<void()> ensure_script)
    : acs_(acs),
      agent_(agent),
      rng_(seed),
      max_message_(max_message),
      ensure_script_(std::move(ensure_script)) {}

size_t KillCampaign::kills() const {
  size_t n = 0;
  for (const Run& r : runs_) n += r.killed;
  return n;
}

bool KillCampaign::Start(KillMoment moment, std::string* error) {
  runs_.push_back({acs_->SessionCount(), moment, false});
  ensure_script_();
  if (!agent_->Start()) {
    *error = "cannot start " + e2e::CwmpdPath();
    return false;
  }
  return true;
}

bool KillCampaign::RunUntil(const std::function<bool(const Sessions&)>& done, std::string* error,
                            std::chrono::seconds budget) {
  const auto deadline = std::chrono::steady_clock::now() + budget;
  // Sessions up to |floor| are accounted for: idle means a newer one has ended and none runs.
  size_t floor = runs_.back().sessions_before;
  for (;;) {
    bool idle = false;
    const bool woke = acs_->WaitUntil(
        [&](const Sessions& s) {
          if (done(s)) return true;
          idle = s.size() > floor && AllEnded(s);
          return idle;
        },
        e2e::kWait);
    if (!woke) {
      *error = "the session stream stalled (" + std::to_string(acs_->SessionCount()) +
               " sessions); cwmpd " + (agent_->Running() ? "running" : "not running");
      return false;
    }
    if (!idle) return true;
    if (std::chrono::steady_clock::now() > deadline) {
      *error = "still not done after " + std::to_string(budget.count()) + " s of sessions";
      return false;
    }
    ensure_script_();
    floor = acs_->SessionCount();
    const auto& cfg = agent_->settings();
    auto r = acs::SendAcceptedConnectionRequest(agent_->cr_url(), cfg.cr_username, cfg.cr_password);
    if (!r.success) {
      *error = "connection request refused: " + r.error + " (HTTP " +
               std::to_string(r.http_status) + ")";
      return false;
    }
  }
}

bool KillCampaign::StartAndRunUntil(const std::function<bool(const Sessions&)>& done,
                                    std::string* error) {
  return Start({}, error) && RunUntil(done, error);
}

bool KillCampaign::KillAtRandomMoment(std::string* error) {
  KillMoment moment;
  moment.after_message = std::uniform_int_distribution<size_t>(0, max_message_)(rng_);
  moment.delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 30)(rng_));
  const size_t target = MessagesIn(acs_->Sessions()) + moment.after_message;
  if (!Start(moment, error)) return false;
  if (!RunUntil([target](const Sessions& s) { return MessagesIn(s) >= target; }, error)) {
    return false;
  }
  // The moment itself, not a synchronisation: wherever the daemon is by then is where it dies.
  std::this_thread::sleep_for(moment.delay);
  if (!agent_->Running()) {
    *error = "cwmpd had exited by itself";
    return false;
  }
  if (before_kill_) before_kill_();
  agent_->Kill();
  runs_.back().killed = true;
  return true;
}

std::vector<std::string> BootEventProblems(const Sessions& sessions, const std::vector<Run>& runs) {
  std::vector<std::string> problems;
  for (size_t i = 0; i < runs.size(); ++i) {
    const size_t first = runs[i].sessions_before + 1;  // session numbers are 1-based
    const size_t next_start = i + 1 < runs.size() ? runs[i + 1].sessions_before : sessions.size();
    if (first > next_start) continue;  // killed before its first Inform reached the ACS
    if (!sessions[first - 1].HasEvent("1 BOOT")) {
      problems.push_back("start " + std::to_string(i) + ": session " + std::to_string(first) +
                         " (its first) has no 1 BOOT");
    }
  }
  bool bootstrap_acknowledged = false;
  for (const auto& s : sessions) {
    if (!s.HasEvent("0 BOOTSTRAP")) continue;
    if (bootstrap_acknowledged) {
      problems.push_back("session " + std::to_string(s.number) +
                         ": 0 BOOTSTRAP again after an acknowledged one");
    }
    bootstrap_acknowledged = bootstrap_acknowledged || InformAcknowledged(s);
  }
  return problems;
}

std::vector<std::string> StateLoadComplaints(const std::string& log) {
  static const char* const kSigns[] = {
      "damaged",    "undecodable",     "unreadable",    "cannot be read", "truncated",
      "is missing", "from the backup", "from defaults", "unknown header", "END declares"};
  std::vector<std::string> out;
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    for (const char* sign : kSigns) {
      if (line.find(sign) == std::string::npos) continue;
      out.push_back(line);
      break;
    }
  }
  return out;
}

void CheckEveryStart(const KillCampaign& campaign, const acs::TestAcs& acs,
                     const e2e::AgentProcess& agent, size_t min_kills) {
  const auto boot = BootEventProblems(acs.Sessions(), campaign.runs());
  BOOST_TEST(boot.empty(), Join(boot));
  const auto load = StateLoadComplaints(agent.Log());
  BOOST_TEST(load.empty(), Join(load));
  BOOST_TEST(campaign.kills() >= min_kills);
  e2e::RequireNoViolations(acs);
}

std::string Join(const std::vector<std::string>& lines, const std::string& separator) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : separator) + line;
  return out;
}

}  // namespace edgecwmp::campaign
