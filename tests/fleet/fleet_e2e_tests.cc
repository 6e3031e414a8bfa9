// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpfleet's engine against the test ACS (a real HTTP server over loopback, --many-cpes mode):
// a fleet of 200 bootstraps once per CPE, a connection request wakes exactly its CPE, each
// scripted misbehaviour shows on the wire as configured (and only for the CPEs that play it),
// and a seeded run repeats identically.
#define BOOST_TEST_MODULE fleet_e2e_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cwmp/fleet/acs_conformance.h"
#include "cwmp/fleet/fleet.h"
#include "tests/acs/acs_planted.h"
#include "tests/acs/test_acs.h"
#include "tests/support/wait_until.h"

using namespace edgecwmp;
using namespace edgecwmp::cwmp::fleet;
using std::chrono::seconds;

namespace {

FleetProfile Profile(uint64_t count) {
  FleetProfile p;
  p.count = count;
  p.seed = 5;
  p.boot_ramp = 1000;
  p.workers = 4;
  p.periodic_interval = 3600;  // no periodic Inform within a test
  p.jitter = 0;
  p.retry_min_wait = 1;
  p.transfer_delay = 0;
  p.http_timeout_ms = 10000;
  return p;
}

// A fleet against its own test ACS.
class FleetRun {
 public:
  explicit FleetRun(FleetProfile profile, std::set<acs::PlantedFault> planted = {}) {
    acs::TestAcsOptions options;
    options.many_cpes = true;
    options.planted = std::move(planted);
    acs_ = std::make_unique<acs::TestAcs>(options);
    BOOST_REQUIRE(acs_->Start().ok());
    profile.acs_url = acs_->url();
    fleet_ = std::make_unique<Fleet>(profile);
    for (uint64_t i = 0; i < profile.count; ++i) {
      index_of_[IdentityOf(profile, i).serial] = i;
    }
  }
  ~FleetRun() {
    fleet_->Stop();
    acs_->Stop();
  }
  void Start() {
    Status s = fleet_->Start();
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  acs::TestAcs& acs() { return *acs_; }
  Fleet& fleet() { return *fleet_; }
  // The CPE index of a session (by its Inform's SerialNumber); -1 when unknown.
  int64_t IndexOf(const acs::SessionRecord& s) const {
    if (!s.inform) return -1;
    auto it = index_of_.find(s.inform->device_id.serial_number);
    return it == index_of_.end() ? -1 : static_cast<int64_t>(it->second);
  }
  bool Bad(const acs::SessionRecord& s) const {
    return IndexOf(s) >= 0 && fleet_->Misbehaves(static_cast<uint64_t>(IndexOf(s)), 0);
  }
  std::set<int64_t> Misbehaving() const {
    std::set<int64_t> out;
    for (uint64_t i = 0; i < fleet_->profile().count; ++i) {
      if (fleet_->Misbehaves(i, 0)) out.insert(static_cast<int64_t>(i));
    }
    return out;
  }
  // Waits for |condition| over the ACS's sessions (polled: the condition may read the ACS).
  bool Wait(const std::function<bool(const std::vector<acs::SessionRecord>&)>& condition,
            seconds timeout = seconds(60)) {
    return testing::WaitUntil([&] { return condition(acs_->Sessions()); }, timeout,
                              std::chrono::milliseconds(20));
  }
  // Sessions of the well-behaved CPEs that completed.
  size_t GoodCompleted(const std::vector<acs::SessionRecord>& sessions) const {
    return std::count_if(sessions.begin(), sessions.end(), [&](const acs::SessionRecord& s) {
      return !Bad(s) && s.end == acs::SessionEnd::kCompleted;
    });
  }
  size_t HttpAnswered(const std::string& answer) const {
    const auto log = acs_->HttpLog();
    return std::count_if(log.begin(), log.end(),
                         [&](const acs::HttpLogEntry& e) { return e.answered == answer; });
  }

 private:
  std::unique_ptr<acs::TestAcs> acs_;
  std::unique_ptr<Fleet> fleet_;
  std::map<std::string, uint64_t> index_of_;
};

Misbehaviour Playing(MisbehaviourKind kind, const std::string& message = "*") {
  Misbehaviour m;
  m.kind = kind;
  m.fraction = 0.5;
  m.message = message;
  return m;
}

// Four CPEs, two of them (chosen by the seed) playing |m|.
FleetProfile HalfPlaying(const Misbehaviour& m) {
  FleetProfile p = Profile(4);
  p.misbehaviour = {m};
  return p;
}

cwmp::GetParameterValues SerialRequest() {
  return cwmp::GetParameterValues{{"Device.DeviceInfo.SerialNumber"}};
}

void QueueForEverySession(acs::TestAcs* acs, const cwmp::AcsRequest& request, int sessions = 30) {
  for (int i = 0; i < sessions; ++i) acs->QueueSession({request});
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_fleet_of_200_bootstraps_once_and_a_connection_request_wakes_one_cpe) {
  FleetRun run(Profile(200));
  run.Start();
  BOOST_REQUIRE(run.Wait([](const auto& s) {
    return std::count_if(s.begin(), s.end(), [](const acs::SessionRecord& r) {
             return r.end == acs::SessionEnd::kCompleted;
           }) >= 200;
  }));
  auto sessions = run.acs().Sessions();
  BOOST_TEST(sessions.size() == 200u);
  std::set<int64_t> booted;
  for (const auto& s : sessions) {
    BOOST_TEST(s.HasEvent("0 BOOTSTRAP"));
    BOOST_TEST(s.HasEvent("1 BOOT"));
    BOOST_TEST(booted.insert(run.IndexOf(s)).second, "CPE " << run.IndexOf(s) << " twice");
  }
  BOOST_TEST(booted.size() == 200u);
  BOOST_TEST(*booted.begin() == 0);
  BOOST_TEST(*booted.rbegin() == 199);
  BOOST_TEST(run.acs().Violations().empty());
  BOOST_TEST(run.fleet().counters().bootstrapped == 200u);

  // CPE 37 with its own credentials: exactly CPE 37 informs, with 6 CONNECTION REQUEST.
  const FleetProfile& p = run.fleet().profile();
  auto cr = acs::SendConnectionRequest(run.fleet().ConnectionRequestUrl(37),
                                       ExpandTemplate(p.cr_username, 37),
                                       ExpandTemplate(p.cr_password, 37));
  BOOST_REQUIRE_MESSAGE(cr.success, cr.error);
  // CPE 5 with CPE 6's password is refused and not woken; CPE 38 then is.
  auto refused = acs::SendConnectionRequest(run.fleet().ConnectionRequestUrl(5),
                                            ExpandTemplate(p.cr_username, 5),
                                            ExpandTemplate(p.cr_password, 6));
  BOOST_TEST(!refused.success);
  BOOST_TEST(refused.http_status == 401);
  cr = acs::SendConnectionRequest(run.fleet().ConnectionRequestUrl(38),
                                  ExpandTemplate(p.cr_username, 38),
                                  ExpandTemplate(p.cr_password, 38));
  BOOST_REQUIRE_MESSAGE(cr.success, cr.error);
  BOOST_REQUIRE(run.Wait([](const auto& s) {
    return s.size() >= 202 && s[200].end != acs::SessionEnd::kRunning &&
           s[201].end != acs::SessionEnd::kRunning;
  }));
  sessions = run.acs().Sessions();
  std::set<int64_t> woken;
  for (size_t i = 200; i < sessions.size(); ++i) {
    woken.insert(run.IndexOf(sessions[i]));
    BOOST_TEST(sessions[i].events == std::vector<std::string>{"6 CONNECTION REQUEST"});
  }
  BOOST_TEST((woken == std::set<int64_t>{37, 38}));
  BOOST_TEST(run.fleet().counters().connection_requests == 2u);
}

BOOST_AUTO_TEST_CASE(garbled_xml_informs_never_open_a_session) {
  FleetRun run(HalfPlaying(Playing(MisbehaviourKind::kGarbledXml, "Inform")));
  run.Start();
  BOOST_TEST(run.Misbehaving().size() == 2u);
  BOOST_REQUIRE(run.Wait([&](const auto& s) {
    return run.GoodCompleted(s) == 2 && run.HttpAnswered("Invalid session") >= 2;
  }));
  for (const auto& s : run.acs().Sessions()) BOOST_TEST(!run.Bad(s));
  size_t malformed = 0;
  for (const auto& e : run.acs().HttpLog()) malformed += e.received == "malformed";
  BOOST_TEST(malformed >= 2u);
}

BOOST_AUTO_TEST_CASE(a_wrong_cwmp_id_is_seen_only_on_the_misbehaving_cpes) {
  FleetRun run(HalfPlaying(Playing(MisbehaviourKind::kWrongId)));
  QueueForEverySession(&run.acs(), SerialRequest(), 4);
  run.Start();
  BOOST_REQUIRE(run.Wait([](const auto& s) {
    return s.size() >= 4 && std::all_of(s.begin(), s.end(), [](const acs::SessionRecord& r) {
             return r.end != acs::SessionEnd::kRunning;
           });
  }));
  size_t bad = 0;
  for (const auto& s : run.acs().Sessions()) {
    const bool wrong = std::any_of(s.violations.begin(), s.violations.end(), [](const auto& v) {
      return v.find("carries cwmp:ID fleet-wrong-id") != std::string::npos;
    });
    BOOST_TEST(wrong == run.Bad(s), "session of CPE " << run.IndexOf(s));
    bad += run.Bad(s);
  }
  BOOST_TEST(bad == 2u);
}

BOOST_AUTO_TEST_CASE(missing_cookies_get_invalid_session_and_only_there) {
  FleetRun run(HalfPlaying(Playing(MisbehaviourKind::kMissingCookie)));
  run.Start();
  BOOST_REQUIRE(run.Wait([&](const auto& s) {
    return run.GoodCompleted(s) == 2 && run.HttpAnswered("Invalid session") >= 2;
  }));
  for (const auto& s : run.acs().Sessions()) {
    BOOST_TEST((s.end == acs::SessionEnd::kCompleted) == !run.Bad(s));
  }
  for (const auto& e : run.acs().HttpLog()) {
    // Every cookieless POST after an Inform is an Invalid session, and nothing else is.
    if (e.received != "Inform") BOOST_TEST(e.had_cookie == (e.answered != "Invalid session"));
  }
}

BOOST_AUTO_TEST_CASE(a_dropped_answer_leaves_the_acs_request_unanswered) {
  FleetRun run(HalfPlaying(Playing(MisbehaviourKind::kDropAnswer, "GetParameterValuesResponse")));
  QueueForEverySession(&run.acs(), SerialRequest());
  run.Start();
  BOOST_REQUIRE(run.Wait([&](const auto& s) {
    return run.GoodCompleted(s) == 2 && run.fleet().counters().failed >= 2;
  }));
  size_t dropped = 0;
  for (const auto& s : run.acs().Sessions()) {
    BOOST_REQUIRE(!s.exchanges.empty());
    BOOST_TEST(s.exchanges[0].answered == !run.Bad(s));
    dropped += !s.exchanges[0].answered;
  }
  BOOST_TEST(dropped >= 2u);
}

BOOST_AUTO_TEST_CASE(a_cut_connection_ends_after_the_inform_response) {
  FleetRun run(HalfPlaying(Playing(MisbehaviourKind::kCutConnection)));  // after 1 answer
  run.Start();
  BOOST_REQUIRE(run.Wait([&](const auto& s) {
    return run.GoodCompleted(s) == 2 && run.fleet().counters().failed >= 2;
  }));
  for (const auto& s : run.acs().Sessions()) {
    if (run.Bad(s)) {
      BOOST_TEST(s.http_statuses == std::vector<int>{200});  // the InformResponse, then nothing
      BOOST_TEST((s.end != acs::SessionEnd::kCompleted));
    } else {
      BOOST_TEST((s.end == acs::SessionEnd::kCompleted));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_scripted_fault_answers_the_chosen_rpc) {
  FleetProfile p = Profile(4);
  Misbehaviour m = Playing(MisbehaviourKind::kFault);
  m.rpc = "GetParameterValues";
  m.code = 9002;
  p.misbehaviour = {m};
  FleetRun run(p);
  QueueForEverySession(&run.acs(), SerialRequest(), 4);
  run.Start();
  BOOST_REQUIRE(run.Wait([](const auto& s) {
    return s.size() >= 4 && std::all_of(s.begin(), s.end(), [](const acs::SessionRecord& r) {
             return r.end == acs::SessionEnd::kCompleted;
           });
  }));
  for (const auto& s : run.acs().Sessions()) {
    BOOST_REQUIRE(s.exchanges.size() == 1u);
    if (run.Bad(s)) {
      BOOST_TEST(s.exchanges[0].fault_code.value_or(0) == 9002u);
    } else {
      BOOST_TEST(s.exchanges[0].response_method == "GetParameterValuesResponse");
      BOOST_TEST(s.ReturnedValues().at("Device.DeviceInfo.SerialNumber") ==
                 IdentityOf(p, run.IndexOf(s)).serial);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_fault_on_one_file_type_leaves_the_others_alone) {
  Misbehaviour m = Playing(MisbehaviourKind::kFault);
  m.rpc = "Download";
  m.file_type = "1 Firmware Upgrade Image";
  m.code = 9010;
  FleetRun run(HalfPlaying(m));
  cwmp::Download firmware;
  firmware.command_key = "fw";
  firmware.file_type = "1 Firmware Upgrade Image";
  firmware.url = "http://127.0.0.1:9/fw.bin";
  cwmp::Download config = firmware;
  config.command_key = "cfg";
  config.file_type = "3 Vendor Configuration File";
  for (int i = 0; i < 12; ++i) {
    acs::SessionScript script;
    for (const cwmp::Download& d : {firmware, config}) {
      script.push_back(acs::RequestGenerator(
          [d](const acs::SessionRecord& s) -> std::optional<cwmp::AcsRequest> {
            if (!s.HasEvent("0 BOOTSTRAP")) return std::nullopt;
            return d;
          }));
    }
    run.acs().QueueSession(script);
  }
  run.Start();
  BOOST_REQUIRE(run.Wait([](const auto& s) {
    size_t done = 0;
    for (const auto& r : s) done += r.HasEvent("0 BOOTSTRAP") && r.end != acs::SessionEnd::kRunning;
    return done == 4;
  }));
  for (const auto& s : run.acs().Sessions()) {
    if (!s.HasEvent("0 BOOTSTRAP")) continue;
    BOOST_REQUIRE(s.exchanges.size() == 2u);
    BOOST_TEST(s.exchanges[0].fault_code.value_or(0) == (run.Bad(s) ? 9010u : 0u));
    BOOST_TEST(s.exchanges[1].response_method == "DownloadResponse");
  }
}

BOOST_AUTO_TEST_CASE(refused_transfers_fault_and_the_others_complete) {
  FleetProfile p = Profile(4);
  Misbehaviour m = Playing(MisbehaviourKind::kRefuseTransfer);
  m.code = 9010;
  p.misbehaviour = {m};
  FleetRun run(p);
  cwmp::Download download;
  download.command_key = "fw-1";
  download.file_type = "1 Firmware Upgrade Image";
  download.url = "http://127.0.0.1:9/fw.bin";
  // Only bootstrap sessions get the Download (a TransferComplete session may come first).
  for (int i = 0; i < 12; ++i) {
    run.acs().QueueSession({acs::RequestGenerator(
        [download](const acs::SessionRecord& s) -> std::optional<cwmp::AcsRequest> {
          if (!s.HasEvent("0 BOOTSTRAP")) return std::nullopt;
          return download;
        })});
  }
  run.Start();
  BOOST_REQUIRE(run.Wait(
      [](const auto& s) { return acs::CpeRequestsOf<cwmp::TransferComplete>(s).size() >= 2; }));
  for (const auto& s : run.acs().Sessions()) {
    if (s.HasEvent("0 BOOTSTRAP")) {
      BOOST_REQUIRE(s.exchanges.size() == 1u);
      BOOST_TEST(s.exchanges[0].fault_code.value_or(0) == (run.Bad(s) ? 9010u : 0u));
    } else {
      BOOST_TEST(!run.Bad(s));  // only the CPEs that took the Download report one
      BOOST_TEST(s.HasEvent("7 TRANSFER COMPLETE"));
      BOOST_TEST(s.HasEvent("M Download"));
    }
  }
  for (const auto& [number, tc] :
       acs::CpeRequestsOf<cwmp::TransferComplete>(run.acs().Sessions())) {
    BOOST_TEST(tc.command_key == "fw-1");
    BOOST_TEST(tc.fault.fault_code == 0u);
  }
}

BOOST_AUTO_TEST_CASE(a_reboot_storm_boots_only_its_cpes_again_and_again) {
  FleetProfile p = Profile(4);
  Misbehaviour m = Playing(MisbehaviourKind::kRebootStorm);
  m.every = 1;
  p.misbehaviour = {m};
  FleetRun run(p);
  run.Start();
  BOOST_REQUIRE(run.Wait([&](const auto& s) {
    std::map<int64_t, int> reboots;
    for (const auto& r : s)
      reboots[run.IndexOf(r)] += r.HasEvent("1 BOOT") && !r.HasEvent("0 BOOTSTRAP");
    size_t storming = 0;
    for (const auto& [cpe, n] : reboots) storming += n >= 2;
    return storming == 2;
  }));
  std::map<int64_t, int> sessions_of;
  for (const auto& s : run.acs().Sessions()) ++sessions_of[run.IndexOf(s)];
  for (const auto& [cpe, n] : sessions_of) {
    if (!run.Misbehaving().count(cpe)) BOOST_TEST(n == 1, "CPE " << cpe);
  }
}

BOOST_AUTO_TEST_CASE(failed_informs_are_retried_and_acs_changes_outlive_a_reboot) {
  FleetProfile p = Profile(2);
  FleetRun run(p);
  // CPE 0's change (ProvisioningCode, a forced Inform parameter) and reboot; then a look at it.
  cwmp::SetParameterValues spv;
  spv.parameter_list = {{"Device.DeviceInfo.ProvisioningCode", "changed-by-acs", "xsd:string"}};
  spv.parameter_key = "pk-1";
  run.acs().FailNextInforms(2, 500);  // the first two Informs fail: TR-069 3.2.1.1 retries
  run.acs().QueueSession({cwmp::AcsRequest{spv}, cwmp::AcsRequest{cwmp::Reboot{"rb-1"}}});
  run.Start();
  BOOST_REQUIRE(run.Wait([](const auto& s) {
    return s.size() >= 3 && std::all_of(s.begin(), s.end(), [](const acs::SessionRecord& r) {
             return r.end == acs::SessionEnd::kCompleted;
           });
  }));
  BOOST_TEST(run.acs().FailedInformCount() == 2u);
  const auto sessions = run.acs().Sessions();
  uint32_t retried = 0;
  for (const auto& s : sessions) {
    if (s.HasEvent("0 BOOTSTRAP")) retried += s.inform->retry_count;
  }
  BOOST_TEST(retried == 2u);  // the failed attempts are counted in the next Inform
  // The CPE that took the SPV and Reboot comes back with 1 BOOT, M Reboot rb-1 and the change;
  // the other CPE still has the profile's value.
  const acs::SessionRecord& changed = sessions[0];
  const acs::SessionRecord* reboot = nullptr;
  for (const auto& s : sessions) {
    if (run.IndexOf(s) == run.IndexOf(changed) && s.HasEvent("M Reboot")) reboot = &s;
  }
  BOOST_REQUIRE(reboot != nullptr);
  BOOST_TEST(reboot->HasEvent("1 BOOT"));
  BOOST_TEST(!reboot->HasEvent("0 BOOTSTRAP"));
  std::map<std::string, std::string> said;
  for (const auto& v : reboot->inform->parameter_list) said[v.name] = v.value;
  BOOST_TEST(said["Device.DeviceInfo.ProvisioningCode"] == "changed-by-acs");
  BOOST_TEST(said["Device.ManagementServer.ParameterKey"] == "pk-1");
  for (const auto& s : sessions) {
    if (run.IndexOf(s) == run.IndexOf(changed)) continue;
    for (const auto& v : s.inform->parameter_list) {
      if (v.name == "Device.DeviceInfo.ProvisioningCode") BOOST_TEST(v.value == "");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_seeded_run_repeats_identically) {
  // What each CPE said in its bootstrap Inform, and which CPEs misbehave.
  auto run_once = [](uint64_t seed) {
    FleetProfile p = Profile(30);
    p.seed = seed;
    GeneratorSpec code;
    code.kind = GeneratorSpec::Kind::kEnum;
    code.values = {"A", "B", "C", "D"};
    p.generators["Device.DeviceInfo.ProvisioningCode"] = code;
    Misbehaviour m = Playing(MisbehaviourKind::kGarbledXml);
    m.fraction = 0.2;
    p.misbehaviour = {m};
    FleetRun run(p);
    run.Start();
    BOOST_REQUIRE(run.Wait([&](const auto& s) { return run.GoodCompleted(s) == 24; }));
    std::map<int64_t, std::string> said;
    for (const auto& s : run.acs().Sessions()) {
      std::string text;
      for (const auto& e : s.events) text += e + ";";
      for (const auto& v : s.inform->parameter_list) {
        if (v.name.find("ConnectionRequestURL") == std::string::npos)
          text += v.name + "=" + v.value;
      }
      said[run.IndexOf(s)] = text;
    }
    return std::make_pair(said, run.Misbehaving());
  };
  const auto first = run_once(11);
  const auto again = run_once(11);
  const auto other = run_once(12);
  BOOST_TEST(first.first.size() == 24u);
  BOOST_TEST((first == again));
  BOOST_TEST((first != other));
}

// When each CPE's first session ended (steady clock), by device id.
class FirstSessionEnds : public SessionObserver {
 public:
  void OnSession(const SessionTranscript& session) override {
    std::lock_guard<std::mutex> lock(mu_);
    ends_.emplace(session.cpe_id, std::chrono::steady_clock::now());
  }
  std::map<std::string, std::chrono::steady_clock::time_point> ends() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ends_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::chrono::steady_clock::time_point> ends_;
};

BOOST_AUTO_TEST_CASE(slow_answers_hold_each_matching_message_back_by_their_delay) {
  Misbehaviour slow = Playing(MisbehaviourKind::kSlowAnswers, "Inform");
  slow.delay_ms = 2000;
  FirstSessionEnds ends;  // first: outlives the fleet, whose sessions report to it
  FleetRun run(HalfPlaying(slow));
  run.fleet().AddObserver(&ends);
  const auto start = std::chrono::steady_clock::now();
  run.Start();
  BOOST_REQUIRE(run.Wait(
      [&](const auto& s) { return run.GoodCompleted(s) == 2 && ends.ends().size() == 4; }));
  // A lower bound only: the Inform of a slow CPE cannot leave before its delay has passed, so its
  // session cannot end sooner; the others are not held back (they completed above).
  const auto ended = ends.ends();
  for (uint64_t i = 0; i < 4; ++i) {
    if (!run.fleet().Misbehaves(i, 0)) continue;
    const auto it = ended.find(IdentityOf(run.fleet().profile(), i).device_id());
    BOOST_REQUIRE(it != ended.end());
    const int64_t waited_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(it->second - start).count();
    BOOST_TEST(waited_ms >= int64_t{slow.delay_ms}, "CPE " << i);
  }
  BOOST_TEST(run.Misbehaving().size() == 2u);
}

// --check as cwmpfleet runs it: the conformance observer on every session of a fleet finds
// exactly the rules the test ACS's broken mode breaks, and nothing against the unbroken ACS.
std::set<std::string> RulesFound(std::set<acs::PlantedFault> planted, size_t sessions) {
  AcsConformance conformance;  // first: outlives the fleet, whose sessions report to it
  FleetRun run(Profile(20), std::move(planted));
  run.fleet().AddObserver(&conformance);
  run.Start();
  BOOST_REQUIRE(testing::WaitUntil([&] { return conformance.sessions_checked() >= sessions; },
                                   seconds(60), std::chrono::milliseconds(20)));
  run.fleet().Stop();
  std::set<std::string> rules;
  for (const auto& [rule, count] : conformance.Counts()) rules.insert(rule);
  return rules;
}

BOOST_AUTO_TEST_CASE(check_finds_nothing_against_the_unbroken_acs) {
  BOOST_TEST(RulesFound({}, 20).empty());
}

BOOST_AUTO_TEST_CASE(check_finds_exactly_the_planted_violations) {
  // MaxEnvelopes 2 in every InformResponse, and the empty POST that returns the session cookie
  // refused as outside a session: the cookie rule needs the Cookie the fleet really sent.
  const std::set<std::string> found =
      RulesFound({acs::PlantedFault::kMaxEnvelopes2, acs::PlantedFault::kIgnoreCookie}, 20);
  BOOST_TEST((found == std::set<std::string>{"max-envelopes", "cookie"}));
}
