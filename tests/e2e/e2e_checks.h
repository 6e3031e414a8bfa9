// SPDX-License-Identifier: GPL-2.0-or-later
// Lookups and waits the end-to-end session tests share: typed views of the answers a TestAcs
// recorded, waiting for a session that matches, and connection requests past the rate limit.
#ifndef EDGECWMP_TESTS_E2E_E2E_CHECKS_H_
#define EDGECWMP_TESTS_E2E_E2E_CHECKS_H_

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/e2e_support.h"

namespace edgecwmp::e2e {

using acs::SessionEnd;
using acs::SessionRecord;

template <class T>
const T* As(const acs::Exchange& e) {
  return e.response ? std::get_if<T>(&*e.response) : nullptr;
}

inline uint32_t FaultCode(const acs::Exchange& e) {
  const auto* f = As<cwmp::Fault>(e);
  return f ? f->fault_code : 0;
}

inline std::map<std::string, std::string> Values(const acs::Exchange& e) {
  std::map<std::string, std::string> out;
  if (const auto* r = As<cwmp::GetParameterValuesResponse>(e))
    for (const auto& p : r->parameter_list) out[p.name] = p.value;
  return out;
}

inline std::map<std::string, bool> Names(const acs::Exchange& e) {
  std::map<std::string, bool> out;
  if (const auto* r = As<cwmp::GetParameterNamesResponse>(e))
    for (const auto& p : r->parameter_list) out[p.name] = p.writable;
  return out;
}

// Does the Inform carry `code` with CommandKey `key` ("M Reboot", "rb-1")?
inline bool HasEvent(const SessionRecord& s, const std::string& code, const std::string& key) {
  if (!s.inform) return false;
  for (const auto& e : s.inform->event)
    if (e.event_code == code && e.command_key == key) return true;
  return false;
}

inline cwmp::SetParameterValues Spv(std::vector<cwmp::ParameterValueStruct> list, std::string key) {
  cwmp::SetParameterValues spv;
  spv.parameter_list = std::move(list);
  spv.parameter_key = std::move(key);
  return spv;
}

// Waits for a session matching `pred` to end; returns it.
inline SessionRecord WaitForSession(const acs::TestAcs& acs,
                                    const std::function<bool(const SessionRecord&)>& pred,
                                    const std::string& what) {
  std::optional<SessionRecord> found;
  acs.WaitUntil(
      [&](const std::vector<SessionRecord>& sessions) {
        for (const auto& s : sessions)
          if (s.end != SessionEnd::kRunning && pred(s)) {
            found = s;
            return true;
          }
        return false;
      },
      kWait);
  BOOST_REQUIRE_MESSAGE(found, "no session: " << what);
  return *found;
}

inline void RequireNoViolations(const acs::TestAcs& acs) {
  const auto v = acs.Violations();
  std::string all;
  for (const auto& line : v) all += line + "\n";
  BOOST_TEST(v.empty(), "TestAcs violations:\n" << all);
}

// A connection request the agent accepted (200); a 503 (its budget spent by a flood) or a
// refused connection is retried for a while.
inline bool AcceptedConnectionRequest(const AgentProcess& agent) {
  return acs::SendAcceptedConnectionRequest(agent.cr_url(), agent.settings().cr_username,
                                            agent.settings().cr_password)
      .success;
}

// Whether |log| (the agent's) shows a session whose Inform carries |event| starting after
// offset |after|: the agent logs "... events: <codes>" as a session begins. The agent's own log
// orders a request's acceptance and the sessions exactly, which the ACS's clock cannot: a
// session the last request started may reach the ACS before the test notices the acceptance.
inline bool SessionLoggedAfter(const std::string& log, size_t after, const std::string& event) {
  if (after == std::string::npos) return false;
  for (size_t at = log.find("events: ", after); at != std::string::npos;
       at = log.find("events: ", at + 1)) {
    if (log.substr(at, log.find('\n', at) - at).find(event) != std::string::npos) return true;
  }
  return false;
}

inline bool InformLists(const SessionRecord& s, const std::string& name) {
  if (!s.inform) return false;
  for (const auto& p : s.inform->parameter_list)
    if (p.name == name) return true;
  return false;
}

inline const char* const kTz = "Device.Time.LocalTimeZone";
inline const char* const kProvisioning = "Device.DeviceInfo.ProvisioningCode";
inline const char* const kKey = "Device.ManagementServer.ParameterKey";
inline const char* const kInformParameter = "Device.ManagementServer.InformParameter.";

}  // namespace edgecwmp::e2e

#endif  // EDGECWMP_TESTS_E2E_E2E_CHECKS_H_
