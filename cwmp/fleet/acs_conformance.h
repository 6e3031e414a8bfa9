// SPDX-License-Identifier: GPL-2.0-or-later
// AcsConformance: holds every session a fleet runs to TR-069's ACS-side rules (Issue 1
// Amendment 6) and counts violations per rule, the mirror image of the test ACS's list of CPE
// violations. It reads only what crossed the wire (a SessionTranscript with bodies): the ACS's
// envelopes are parsed with pugixml, independently of the agent's gSOAP codec, so a codec that
// tolerates a malformed message does not hide it.
//
// A rule is only held against what the ACS controls: a CPE misbehaving on purpose (a fleet
// profile's missing cookie, garbled XML, wrong cwmp:ID) is never counted against the ACS.
// Rules, their TR-069 sections and what is checked: AcsRules() (and the README's table).
//
// Use: `fleet.AddObserver(&conformance)`; at the end `conformance.Report()` (JSON). Thread-safe:
// OnSession may run on many worker threads at once; the per-session checks run unlocked.
#ifndef EDGECWMP_CWMP_FLEET_ACS_CONFORMANCE_H_
#define EDGECWMP_CWMP_FLEET_ACS_CONFORMANCE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cwmp/fleet/session_transcript.h"

namespace edgecwmp::cwmp::fleet {

struct AcsRule {
  const char* id;       // "inform-response", ...: stable, used in reports and tests
  const char* section;  // where TR-069 states it
  const char* checks;   // one line: what is checked
};
// Every rule, in report order.
const std::vector<AcsRule>& AcsRules();

struct AcsViolation {
  std::string rule;    // an AcsRule id
  std::string detail;  // what was seen, e.g. "InformResponse MaxEnvelopes 2"
};

struct AcsConformanceOptions {
  size_t examples_per_rule = 3;  // first examples kept per rule ("<cpe_id>: <detail>")
  // retry-8005: this many sessions in a row of one CPE whose Inform got 8005 means the ACS never
  // lets the retry through (one violation per such run).
  uint32_t max_8005_in_a_row = 8;
};

class AcsConformance : public SessionObserver {
 public:
  explicit AcsConformance(AcsConformanceOptions options = {});

  bool NeedsBodies() const override { return true; }
  void OnSession(const SessionTranscript& session) override;

  // The violations of one session on its own (no cross-session rule), in the order found.
  static std::vector<AcsViolation> Check(const SessionTranscript& session);

  uint64_t sessions_checked() const;
  std::map<std::string, uint64_t> Counts() const;  // rule id -> violations (rules with any)
  // {"sessions_checked": n, "violations": n, "rules": [{"rule", "section", "checks", "count",
  //  "examples": [...]}, ...]} with every rule, violated or not.
  nlohmann::json Report() const;
  std::string Summary() const;  // one line: "conformance: 3 violation(s): fault-structure 3"

 private:
  struct RuleTally {
    uint64_t count = 0;
    std::vector<std::string> examples;
  };
  void Record(const std::string& cpe_id, const std::vector<AcsViolation>& found);
  std::vector<AcsViolation> CheckRetryStreak(const SessionTranscript& session);

  const AcsConformanceOptions options_;
  mutable std::mutex mu_;
  uint64_t sessions_ = 0;
  std::map<std::string, RuleTally> tallies_;
  std::map<std::string, uint32_t> inform_8005_streak_;  // cpe_id -> sessions in a row
};

// What the fleet's observers read from an envelope without the codec (pugixml, prefixes resolved).
// The local name of the Body's first element ("InformResponse", "Fault"; "Body:Fault" for
// GenieACS's malformed fault); "" for an empty or non-XML body.
std::string CwmpMessageName(std::string_view body);
// The FaultCode inside a SOAP fault's detail, wherever it sits; nullopt when there is none.
std::optional<uint32_t> CwmpFaultCode(std::string_view body);

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_ACS_CONFORMANCE_H_
