// SPDX-License-Identifier: GPL-2.0-or-later
// kill -9 campaign on transfers and DU changes: the test ACS streams Downloads (vendor
// configuration files, and EdgeX service definitions that install a real service) and
// ChangeDUState installs / uninstalls (the process executor runs the services) from a loopback
// file server, session after session, while the real cwmpd is SIGKILLed at 20+ random moments.
// Afterwards, from the ACS's records: every request the ACS saw accepted ends in exactly one
// acknowledged TransferComplete / DUStateChangeComplete (success, or the cut-off's fault), none is
// sent again once acknowledged, no file is fetched twice, and the queue files always load. After
// every kill no service process of the dead daemon is left running (/proc).
#define BOOST_TEST_MODULE transfer_campaign_tests
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/campaign/kill_campaign.h"
#include "tests/e2e/e2e_checks.h"
#include "tests/support/proc_cmdline.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"

namespace edgecwmp::campaign {
namespace {

using acs::SessionRecord;

constexpr const char* kConfigFileType = "3 Vendor Configuration File";
constexpr const char* kServiceFileType = "X 02EDC0 EdgeX Service Definition";
constexpr size_t kKills = 22;
constexpr size_t kMaxServices = 5;  // services the stream keeps installed at most

// The command line every service of this test runs: "sleep <stamp>.<id>", <stamp> unique to the
// test process so that /proc tells its services from any other test's.
std::string ServiceStamp() { return "sleep " + std::to_string(100000 + ::getpid()) + "."; }

std::vector<std::string> ServiceProcesses() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string cmdline = testing::CommandLineOf(std::stol(pid));
    if (cmdline.rfind(ServiceStamp(), 0) == 0) out.push_back(pid + ": " + cmdline);
  }
  return out;
}

// The ACS's side: each session 1–2 random requests; the files they name are put on the server
// first, one path per request so that every fetch is counted.
class TransferStream {
 public:
  TransferStream(uint32_t seed, testing::FileServer* files) : rng_(seed), files_(files) {}

  acs::SessionScript Script() {
    acs::SessionScript script;
    const size_t n = std::uniform_int_distribution<size_t>(1, 2)(rng_);
    for (size_t i = 0; i < n; ++i) script.push_back(Next());
    return script;
  }
  const std::map<std::string, std::string>& paths() const { return paths_; }  // key → path

 private:
  std::string Put(const std::string& key, const std::string& suffix, const std::string& body) {
    const std::string path = "/" + key + suffix;
    files_->Put(path, body);
    paths_[key] = path;
    return files_->Url(path);
  }
  std::string Definition(const std::string& id) {
    return "{\"name\": \"campaign-" + id + "\", \"version\": \"1.0\", \"command\": [\"sleep\", \"" +
           ServiceStamp().substr(6) + id + "\"], \"autostart\": true, \"stop_timeout_ms\": 2000}";
  }

  cwmp::AcsRequest Next() {
    const std::string id = std::to_string(++count_);
    const int dice = std::uniform_int_distribution<int>(0, 99)(rng_);
    const size_t services = service_downloads_ + installs_.size();
    if (dice < 20 && !installs_.empty()) {
      const size_t i = std::uniform_int_distribution<size_t>(0, installs_.size() - 1)(rng_);
      const std::string uuid = installs_[i];
      installs_.erase(installs_.begin() + static_cast<long>(i));
      return cwmp::ChangeDUState{{cwmp::UninstallOpStruct{uuid, "", ""}}, "du-" + id};
    }
    if (dice < 45 && services < kMaxServices) {
      char uuid[40];
      std::snprintf(uuid, sizeof uuid, "6f1d2c3b-4a59-4e8f-9a0b-%012x", count_);
      installs_.push_back(uuid);
      const std::string url = Put("du-" + id, ".json", Definition(id));
      return cwmp::ChangeDUState{{cwmp::InstallOpStruct{url, uuid, "", "", ""}}, "du-" + id};
    }
    cwmp::Download d;
    d.command_key = "dl-" + id;
    if (dice < 60 && services < kMaxServices) {
      ++service_downloads_;
      d.file_type = kServiceFileType;
      d.url = Put(d.command_key, ".json", Definition(id));
    } else {
      d.file_type = kConfigFileType;
      d.url = Put(d.command_key, ".cfg", std::string(2048 + 64 * count_, 'c'));
    }
    return d;
  }

  std::mt19937 rng_;
  testing::FileServer* files_;
  unsigned count_ = 0;
  size_t service_downloads_ = 0;
  std::vector<std::string> installs_;  // UUIDs asked for and not yet asked to uninstall
  std::map<std::string, std::string> paths_;
};

// A TransferComplete or DUStateChangeComplete the ACS received.
struct Completion {
  int session = 0;
  std::string key;
  bool acknowledged = false;  // the CPE demonstrably had the ACS's answer: it must not resend
  std::vector<uint32_t> faults;
};

std::vector<Completion> Completions(const Sessions& sessions) {
  std::vector<Completion> out;
  for (const SessionRecord& s : sessions) {
    for (size_t i = 0; i < s.cpe_requests.size(); ++i) {
      const auto& request = s.cpe_requests[i].request;
      if (!request) continue;
      Completion c{s.number, "", CpeRequestAcknowledged(s, i), {}};
      if (const auto* tc = std::get_if<cwmp::TransferComplete>(&*request)) {
        c.key = tc->command_key;
        c.faults.push_back(tc->fault.fault_code);
      } else if (const auto* du = std::get_if<cwmp::DUStateChangeComplete>(&*request)) {
        c.key = du->command_key;
        for (const auto& r : du->results) c.faults.push_back(r.fault.fault_code);
      } else {
        continue;
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

// CommandKeys of the Downloads / ChangeDUStates the CPE answered with their response (accepted),
// and of those it was sent but the ACS never had an answer to.
void Requests(const Sessions& sessions, std::set<std::string>* accepted,
              std::set<std::string>* unanswered) {
  for (const SessionRecord& s : sessions) {
    for (const auto& e : s.exchanges) {
      std::string key;
      if (const auto* d = std::get_if<cwmp::Download>(&e.request)) key = d->command_key;
      if (const auto* c = std::get_if<cwmp::ChangeDUState>(&e.request)) key = c->command_key;
      if (key.empty()) continue;
      if (!e.answered) unanswered->insert(key);
      else if (e2e::As<cwmp::DownloadResponse>(e) || e2e::As<cwmp::ChangeDUStateResponse>(e))
        accepted->insert(key);
    }
  }
}

bool AllAcceptedCompleted(const Sessions& sessions) {
  std::set<std::string> accepted, unanswered, done;
  Requests(sessions, &accepted, &unanswered);
  for (const Completion& c : Completions(sessions)) done.insert(c.key);
  for (const auto& key : accepted)
    if (!done.count(key)) return false;
  return true;
}

std::vector<std::string> CompletionProblems(const Sessions& sessions,
                                            std::map<uint32_t, size_t>* faults) {
  std::set<std::string> accepted, unanswered;
  Requests(sessions, &accepted, &unanswered);
  std::vector<std::string> problems;
  std::map<std::string, int> acknowledged_in;  // key → session of its acknowledged completion
  std::set<std::string> received;
  for (const Completion& c : Completions(sessions)) {
    const std::string where = "session " + std::to_string(c.session) + " " + c.key + ": ";
    if (!accepted.count(c.key) && !unanswered.count(c.key)) {
      problems.push_back(where + "completion of a request never sent");
    }
    if (acknowledged_in.count(c.key)) {
      problems.push_back(where + "sent again after session " +
                         std::to_string(acknowledged_in[c.key]) + " had it acknowledged");
    }
    for (uint32_t f : c.faults) {
      ++(*faults)[f];
      // Success; 9017 / 9002 for an operation a kill cut off; 9028 for an uninstall of a DU whose
      // install a kill cut off.
      if (f != 0 && f != 9017 && f != 9002 && f != 9028) {
        problems.push_back(where + "unexpected fault " + std::to_string(f));
      }
    }
    if (c.acknowledged && !acknowledged_in.count(c.key)) acknowledged_in[c.key] = c.session;
    received.insert(c.key);
  }
  for (const auto& key : accepted)
    if (!received.count(key)) problems.push_back(key + ": accepted, never completed");
  return problems;
}

BOOST_AUTO_TEST_CASE(every_accepted_transfer_and_du_change_completes_once_across_kills) {
  const auto began = std::chrono::steady_clock::now();
  const uint32_t seed = CampaignSeed("transfer campaign", 20261126);
  testing::TempDir services_dir("edgecwmp-campaign-services");
  const std::string services = services_dir.File("services.json");
  BOOST_REQUIRE(testing::WriteFile(services, "{\"services\": []}"));
  e2e::AgentSettings settings;
  settings.extra["inform.periodic_enable"] = "false";
  settings.extra["edgex.executor"] = "process";
  settings.extra["edgex.services_file"] = services;
  settings.extra["edgex.registry"] = "none";
  // The definitions run sleep and come from the loopback file server over plain http.
  settings.extra["edgex.allowed_commands"] = "/bin/sleep";
  settings.extra["edgex.allow_http_definitions"] = "true";
  e2e::AgentFixture f({}, settings);
  testing::FileServer files;
  BOOST_REQUIRE(files.Start());
  TransferStream stream(seed + 1, &files);
  bool feeding = true;  // the last start only collects what is still owed
  KillCampaign campaign(&f.acs, f.agent.get(), seed, 10, [&] {
    if (feeding && f.acs.PendingScripts() == 0) f.acs.QueueSession(stream.Script());
  });

  size_t kills_with_services = 0;  // the orphan check below is not vacuous
  campaign.set_before_kill([&] { kills_with_services += !ServiceProcesses().empty(); });
  std::string error;
  std::vector<std::string> orphans;
  BOOST_REQUIRE_MESSAGE(campaign.StartAndRunUntil(
                            [](const Sessions& s) { return !s.empty() && AllEnded(s); }, &error),
                        error);
  f.agent->Kill();
  for (size_t i = 0; i < kKills; ++i) {
    BOOST_REQUIRE_MESSAGE(campaign.KillAtRandomMoment(&error), "kill " << i << ": " << error);
    // The dead daemon's services die with it (they are not orphans the next start doubles).
    if (!testing::WaitUntil([] { return ServiceProcesses().empty(); }, std::chrono::seconds(5))) {
      orphans.push_back("after kill " + std::to_string(i) + ": " + Join(ServiceProcesses(), ", "));
    }
  }
  // The last start delivers everything still owed.
  feeding = false;
  // (The checks below say what is missing when this fails.)
  BOOST_CHECK_MESSAGE(
      campaign.StartAndRunUntil(
          [](const Sessions& s) { return AllEnded(s) && AllAcceptedCompleted(s); }, &error),
      error);
  f.StopAgent();
  if (!testing::WaitUntil([] { return ServiceProcesses().empty(); }, std::chrono::seconds(5))) {
    orphans.push_back("after the clean stop: " + Join(ServiceProcesses(), ", "));
  }

  const Sessions sessions = f.acs.Sessions();
  std::map<uint32_t, size_t> faults;
  const auto problems = CompletionProblems(sessions, &faults);
  BOOST_TEST(problems.empty(), Join(problems));
  BOOST_TEST(orphans.empty(), Join(orphans));
  std::vector<std::string> refetched;
  for (const auto& [key, path] : stream.paths()) {
    const int gets = files.GetsOf(path);
    if (gets > 1) refetched.push_back(path + " x" + std::to_string(gets));
  }
  BOOST_TEST(refetched.empty(), "fetched more than once: " << Join(refetched, ", "));
  CheckEveryStart(campaign, f.acs, *f.agent, 20);

  std::set<std::string> accepted, unanswered;
  Requests(sessions, &accepted, &unanswered);
  BOOST_TEST(accepted.size() >= 20u);  // the stream really asked for work between the kills
  BOOST_TEST(kills_with_services >= 5u);
  std::string codes;
  for (const auto& [code, n] : faults) {
    codes += " " + std::to_string(code) + "x" + std::to_string(n);
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - began)
                           .count() /
                       1000.0;
  std::cout << "transfer campaign: " << campaign.kills() << " kills survived, " << sessions.size()
            << " sessions, " << accepted.size() << " accepted requests (" << unanswered.size()
            << " in flight at a kill), " << kills_with_services
            << " kills with services running, results:" << codes << "; " << seconds << " s"
            << std::endl;
}

}  // namespace
}  // namespace edgecwmp::campaign
