// SPDX-License-Identifier: GPL-2.0-or-later
// kill -9 campaign on the data model: the test ACS streams SetParameterValues (some with an
// invalid entry, which must change nothing), AddObject and DeleteObject on
// ManagementServer.InformParameter.{i}, each with a ParameterKey, session after session, while
// the real cwmpd is SIGKILLed at 20+ random moments. Every session starts with a
// GetParameterValues of everything the stream touches; replaying the ACS's records afterwards,
// each such snapshot must hold every change the ACS saw acknowledged before it, and the one change
// in flight at a kill (sent, no response) either fully or not at all — with the ParameterKey of
// that RPC only if its change is there. Every start Informs 1 BOOT; 0 BOOTSTRAP never comes back.
#define BOOST_TEST_MODULE datamodel_campaign_tests
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/campaign/kill_campaign.h"
#include "tests/e2e/e2e_checks.h"

namespace edgecwmp::campaign {
namespace {

using acs::Exchange;
using acs::SessionRecord;
using e2e::As;

constexpr const char* kInterval = "Device.ManagementServer.PeriodicInformInterval";
constexpr const char* kRows = "Device.ManagementServer.InformParameter.";
constexpr const char* kPoison = "maybe";  // not a boolean: the SetParameterValues must fault
constexpr size_t kKills = 22;
constexpr size_t kMaxRows = 6;

const std::vector<std::string> kTracked = {kInterval, e2e::kProvisioning, e2e::kKey};

// "Device.ManagementServer.InformParameter.7.ParameterName" → 7 (with *field "ParameterName").
std::optional<uint32_t> RowOf(const std::string& name, std::string* field = nullptr) {
  const std::string prefix = kRows;
  if (name.rfind(prefix, 0) != 0) return std::nullopt;
  const size_t dot = name.find('.', prefix.size());
  if (dot == std::string::npos || dot == prefix.size()) return std::nullopt;
  if (field) *field = name.substr(dot + 1);
  return static_cast<uint32_t>(std::stoul(name.substr(prefix.size(), dot - prefix.size())));
}

std::string RowPath(uint32_t row) { return std::string(kRows) + std::to_string(row) + "."; }

// What the stream touches, as the CPE should hold it.
struct Model {
  std::map<std::string, std::string> values;            // kTracked
  std::map<uint32_t, std::optional<std::string>> rows;  // → ParameterName (nullopt: not read yet)
};

Model Observed(const Exchange& gpv) {
  Model m;
  for (const auto& [name, value] : e2e::Values(gpv)) {
    std::string field;
    if (auto row = RowOf(name, &field)) {
      if (field == "ParameterName") m.rows[*row] = value;
    } else if (std::find(kTracked.begin(), kTracked.end(), name) != kTracked.end()) {
      m.values[name] = value;
    }
  }
  return m;
}

bool Holds(const Model& observed, const Model& expected) {
  if (observed.values != expected.values || observed.rows.size() != expected.rows.size()) {
    return false;
  }
  for (const auto& [row, name] : expected.rows) {
    auto it = observed.rows.find(row);
    if (it == observed.rows.end() || (name && it->second != name)) return false;
  }
  return true;
}

std::string Describe(const Model& m) {
  std::string out;
  for (const auto& [k, v] : m.values) out += k.substr(k.rfind('.') + 1) + "=" + v + " ";
  out += "rows{";
  for (const auto& [row, name] : m.rows) {
    out += std::to_string(row) + ":" + name.value_or("?") + " ";
  }
  return out + "}";
}

bool IsPoisoned(const cwmp::SetParameterValues& spv) {
  for (const auto& p : spv.parameter_list)
    if (p.value == kPoison) return true;
  return false;
}

// The model after |request| succeeded (AddObject: creating |added|), ParameterKey included.
Model Applied(Model m, const cwmp::AcsRequest& request, uint32_t added) {
  if (const auto* spv = std::get_if<cwmp::SetParameterValues>(&request)) {
    for (const auto& p : spv->parameter_list) {
      if (auto row = RowOf(p.name)) m.rows[*row] = p.value;
      else m.values[p.name] = p.value;
    }
    m.values[e2e::kKey] = spv->parameter_key;
  } else if (const auto* add = std::get_if<cwmp::AddObject>(&request)) {
    m.rows[added] = std::nullopt;
    m.values[e2e::kKey] = add->parameter_key;
  } else if (const auto* del = std::get_if<cwmp::DeleteObject>(&request)) {
    m.rows.erase(*RowOf(del->object_name));
    m.values[e2e::kKey] = del->parameter_key;
  }
  return m;
}

// What may be stored after |request| was sent and the daemon killed before the ACS had its
// answer: nothing of it, or all of it — with the old ParameterKey or its own (the key is stored
// right after the change, never before it).
std::vector<Model> Outcomes(const Model& before, const cwmp::AcsRequest& request,
                            const Model& observed) {
  std::vector<Model> out = {before};
  const auto* spv = std::get_if<cwmp::SetParameterValues>(&request);
  if (spv && IsPoisoned(*spv)) return out;
  uint32_t added = 0;
  if (std::holds_alternative<cwmp::AddObject>(request)) {
    for (const auto& [row, name] : observed.rows)
      if (!before.rows.count(row)) added = row;
    if (added == 0) return out;
  }
  Model applied = Applied(before, request, added);
  out.push_back(applied);
  applied.values[e2e::kKey] = before.values.at(e2e::kKey);
  out.push_back(applied);
  return out;
}

// Replays the ACS's records: every snapshot must match what the acknowledged history says.
struct Replay {
  std::optional<Model> model;
  std::optional<cwmp::AcsRequest> in_flight;  // sent, answer never seen
  std::set<uint32_t> rows_ever;
  std::vector<std::string> problems;
  size_t acknowledged = 0, snapshots = 0, in_flight_applied = 0, in_flight_absent = 0;

  void Snapshot(const SessionRecord& s, const Exchange& gpv) {
    const Model seen = Observed(gpv);
    ++snapshots;
    for (const auto& [row, name] : seen.rows) rows_ever.insert(row);
    if (!model) {
      model = seen;
      return;
    }
    std::vector<Model> allowed = {*model};
    if (in_flight) allowed = Outcomes(*model, *in_flight, seen);
    for (size_t i = 0; i < allowed.size(); ++i) {
      if (!Holds(seen, allowed[i])) continue;
      if (in_flight) ++(i == 0 ? in_flight_absent : in_flight_applied);
      model = seen;
      in_flight.reset();
      return;
    }
    problems.push_back("session " + std::to_string(s.number) + ": CPE holds " + Describe(seen) +
                       "; acknowledged history says " + Describe(*model) +
                       (in_flight ? " (one RPC in flight at the kill may be applied whole)" : ""));
    model = seen;
    in_flight.reset();
  }

  void Change(const SessionRecord& s, const Exchange& e) {
    const std::string where = "session " + std::to_string(s.number) + " " + e.id + ": ";
    if (!e.answered) {
      if (in_flight) problems.push_back(where + "a second RPC in flight before a snapshot");
      in_flight = e.request;
      return;
    }
    const auto* spv = std::get_if<cwmp::SetParameterValues>(&e.request);
    const bool poisoned = spv && IsPoisoned(*spv);
    if (poisoned || e2e::FaultCode(e) != 0) {
      if (!poisoned || e2e::FaultCode(e) != 9003) {
        problems.push_back(where + e.response_method + " " + std::to_string(e2e::FaultCode(e)) +
                           (poisoned ? " instead of fault 9003" : " (unexpected)"));
      }
      return;
    }
    ++acknowledged;
    uint32_t added = 0;
    if (const auto* r = As<cwmp::AddObjectResponse>(e)) {
      added = r->instance_number;
      if (!rows_ever.insert(added).second) {
        problems.push_back(where + "AddObject reused instance " + std::to_string(added));
      }
    }
    if (model) model = Applied(*model, e.request, added);
  }

  void Session(const SessionRecord& s) {
    for (const Exchange& e : s.exchanges) {
      if (std::holds_alternative<cwmp::GetParameterValues>(e.request)) {
        if (e.answered) Snapshot(s, e);
      } else {
        Change(s, e);
      }
    }
  }
};

// The ACS's side of the stream: one session = the snapshot, then 2–5 random changes computed
// from what the session has seen (which rows exist). Runs on the ACS's thread.
class ChangeStream {
 public:
  explicit ChangeStream(uint32_t seed) : rng_(seed) {}

  // The generators keep |self| alive for as long as the ACS holds the script.
  static acs::SessionScript Script(const std::shared_ptr<ChangeStream>& self) {
    cwmp::GetParameterValues snapshot;
    snapshot.parameter_names = {"Device.ManagementServer.", e2e::kProvisioning};
    acs::SessionScript script = {snapshot};
    size_t changes;
    {
      std::lock_guard<std::mutex> lock(self->mu_);
      changes = std::uniform_int_distribution<size_t>(2, 5)(self->rng_);
    }
    for (size_t i = 0; i < changes; ++i) {
      script.push_back(
          acs::RequestGenerator([self](const SessionRecord& s) -> std::optional<cwmp::AcsRequest> {
            return self->Next(s);
          }));
    }
    return script;
  }

 private:
  static std::set<uint32_t> RowsNow(const SessionRecord& s) {
    std::set<uint32_t> rows;
    for (const Exchange& e : s.exchanges) {
      if (std::holds_alternative<cwmp::GetParameterValues>(e.request)) {
        for (const auto& [row, name] : Observed(e).rows) rows.insert(row);
      } else if (const auto* r = As<cwmp::AddObjectResponse>(e)) {
        rows.insert(r->instance_number);
      } else if (const auto* d = std::get_if<cwmp::DeleteObject>(&e.request)) {
        if (As<cwmp::DeleteObjectResponse>(e)) rows.erase(*RowOf(d->object_name));
      }
    }
    return rows;
  }

  cwmp::AcsRequest Next(const SessionRecord& s) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::set<uint32_t> rows = RowsNow(s);
    const std::string id = std::to_string(++count_);
    const std::string key = "k" + id;
    const int dice = std::uniform_int_distribution<int>(0, 99)(rng_);
    const auto pick = [&] {
      return *std::next(rows.begin(),
                        std::uniform_int_distribution<size_t>(0, rows.size() - 1)(rng_));
    };
    if (dice < 25 && rows.size() < kMaxRows) return cwmp::AddObject{kRows, key};
    if (dice < 45 && !rows.empty()) return cwmp::DeleteObject{RowPath(pick()), key};
    std::vector<cwmp::ParameterValueStruct> list;
    if (dice % 2 == 0 || rows.empty()) list.push_back({kInterval, "6" + id, "xsd:unsignedInt"});
    if (dice % 3 == 0 || list.empty()) {
      list.push_back({e2e::kProvisioning, "pc-" + id, "xsd:string"});
    }
    if (!rows.empty() && dice % 5 != 0) {
      list.push_back(
          {RowPath(pick()) + "ParameterName", "Device.DeviceInfo.X_" + id, "xsd:string"});
    }
    if (dice >= 90 && !rows.empty()) {
      list.push_back({RowPath(pick()) + "Enable", kPoison, "xsd:boolean"});
    }
    std::shuffle(list.begin(), list.end(), rng_);
    return e2e::Spv(std::move(list), key);
  }

  std::mutex mu_;
  std::mt19937 rng_;
  uint64_t count_ = 0;
};

BOOST_AUTO_TEST_CASE(no_acknowledged_change_is_lost_across_random_kills) {
  const auto began = std::chrono::steady_clock::now();
  const uint32_t seed = CampaignSeed("datamodel campaign", 20261125);
  e2e::AgentSettings settings;
  settings.extra["inform.periodic_enable"] = "false";
  e2e::AgentFixture f({}, settings);
  auto stream = std::make_shared<ChangeStream>(seed + 1);
  KillCampaign campaign(&f.acs, f.agent.get(), seed, 14, [&] {
    if (f.acs.PendingScripts() == 0) f.acs.QueueSession(ChangeStream::Script(stream));
  });

  std::string error;
  BOOST_REQUIRE_MESSAGE(campaign.StartAndRunUntil(
                            [](const Sessions& s) { return !s.empty() && AllEnded(s); }, &error),
                        error);
  f.agent->Kill();  // the first kill: right after the bootstrap session
  for (size_t i = 0; i < kKills; ++i) {
    BOOST_REQUIRE_MESSAGE(campaign.KillAtRandomMoment(&error), "kill " << i << ": " << error);
  }
  // The last start: one more snapshot after the last kill, then a clean stop.
  const size_t before = f.acs.SessionCount();
  BOOST_REQUIRE_MESSAGE(
      campaign.StartAndRunUntil(
          [before](const Sessions& s) { return s.size() > before + 1 && AllEnded(s); }, &error),
      error);
  f.StopAgent();

  const Sessions sessions = f.acs.Sessions();
  Replay replay;
  for (const auto& s : sessions) replay.Session(s);
  BOOST_TEST(replay.problems.empty(), Join(replay.problems));
  CheckEveryStart(campaign, f.acs, *f.agent, 20);
  BOOST_TEST(replay.acknowledged >= 40u);  // the stream really changed things between kills
  const auto seconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - began)
                           .count() /
                       1000.0;
  std::cout << "datamodel campaign: " << campaign.kills() << " kills survived, " << sessions.size()
            << " sessions, " << replay.acknowledged << " acknowledged changes, " << replay.snapshots
            << " snapshots checked, in-flight "
            << "changes at a kill: " << replay.in_flight_applied << " applied whole, "
            << replay.in_flight_absent << " absent; " << seconds << " s" << std::endl;
}

}  // namespace
}  // namespace edgecwmp::campaign
