// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/edgex/e2e_cwmpd.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <variant>

namespace edgecwmp::edgex::test {

namespace {

std::string BinaryDir() {
  const char* dir = std::getenv("EDGECWMP_BINARY_DIR");
  return dir != nullptr ? dir : "";
}

}  // namespace

bool ProcessAlive(pid_t pid) {
  std::string stat = ReadAll("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  if (stat.empty() || paren == std::string::npos || paren + 2 >= stat.size()) return false;
  return stat[paren + 2] != 'Z';
}

std::vector<pid_t> PidsOf(const std::string& list) {
  std::vector<pid_t> pids;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t dot = item.rfind('.');
    if (dot != std::string::npos) pids.push_back(std::atoi(item.c_str() + dot + 1));
  }
  return pids;
}

CwmpdUnderTest::CwmpdUnderTest(std::vector<DemoService> services) : services_(std::move(services)) {
  for (DemoService& s : services_) s.port = FreeLoopbackPort();
  edgex_ = {{"edgex.executor", "process"},
            {"edgex.services_file", dir_.path() + "/services.json"},
            {"edgex.demo_service", BinaryDir() + "/tr181/edgex/edgex-demo-service"},
            {"edgex.registry", "none"},
            {"edgex.poll_interval", "1"},
            {"edgex.timeout_ms", "1000"}};
}

CwmpdUnderTest::CwmpdUnderTest(std::string edgex_section) {
  for (size_t at; (at = edgex_section.find("@DIR@")) != std::string::npos;) {
    edgex_section.replace(at, 5, dir_.path());
  }
  std::istringstream lines(edgex_section);
  for (std::string line; std::getline(lines, line);) {
    const size_t eq = line.find(" = ");
    if (eq != std::string::npos) edgex_["edgex." + line.substr(0, eq)] = line.substr(eq + 3);
  }
}

CwmpdUnderTest::~CwmpdUnderTest() {
  if (agent_) agent_->Terminate(std::chrono::seconds(30));  // SIGKILL after the deadline
  // cwmpd stops its services; should it have been killed, none may outlive the test.
  for (pid_t pid : seen_pids_) {
    std::string cmdline = ReadAll("/proc/" + std::to_string(pid) + "/cmdline");
    if (ProcessAlive(pid) && cmdline.find("edgex-demo-service") != std::string::npos) {
      kill(pid, SIGKILL);
    }
  }
  acs_.Stop();
}

std::string CwmpdUnderTest::Log() const { return agent_ ? agent_->Log() : ""; }

bool CwmpdUnderTest::Start(std::string* error) {
  const std::string cwmpd = e2e::CwmpdPath();
  const std::string demo = BinaryDir() + "/tr181/edgex/edgex-demo-service";
  if (access(cwmpd.c_str(), X_OK) != 0 || access(demo.c_str(), X_OK) != 0) {
    *error = "no " + cwmpd + " or " + demo + " (EDGECWMP_BINARY_DIR; run through ctest)";
    return false;
  }
  Status s = acs_.Start();
  if (!s.ok()) {
    *error = "test ACS: " + s.ToString();
    return false;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const DemoService& service : services_) {
    std::string port = std::to_string(service.port);
    list.push_back(
        {{"name", service.name},
         {"command", {"${EDGECWMP_DEMO_SERVICE}", "--service", service.name, "--port", port}},
         {"url", "http://127.0.0.1:" + port},
         {"autostart", true},
         {"restart", service.restart},
         {"backoff_ms", service.backoff_ms},
         {"stop_timeout_ms", 5000}});
  }
  WriteAll(dir_.path() + "/services.json", nlohmann::json{{"services", list}}.dump(2));
  e2e::AgentSettings settings;
  settings.acs_url = acs_.url();
  settings.extra = edgex_;
  settings.extra["inform.periodic_enable"] = "false";
  // An hour: a change must reach the agent through the module's WakeUp(), not its own polling.
  settings.extra["agent.value_change_poll"] = "3600";
  agent_ = std::make_unique<e2e::AgentProcess>(dir_.path(), settings);
  if (!agent_->Start()) {
    *error = "cannot start cwmpd";
    return false;
  }
  if (!acs_.WaitForSessions(1, std::chrono::seconds(60))) {  // a loaded CI machine
    *error = "no boot session ended; cwmpd log:\n" + Log();
    return false;
  }
  return true;
}

std::optional<acs::SessionRecord> CwmpdUnderTest::RunSession(acs::SessionScript script,
                                                             std::chrono::milliseconds deadline) {
  const size_t first = acs_.SessionCount();
  acs_.QueueSession(std::move(script));
  auto until = std::chrono::steady_clock::now() + deadline;
  // A request during a session is refused or folded into it; retry until one is accepted.
  const e2e::AgentSettings& settings = agent_->settings();
  if (!acs::SendAcceptedConnectionRequest(agent_->cr_url(), settings.cr_username,
                                          settings.cr_password, deadline)
           .success) {
    return std::nullopt;
  }
  // The first session from |first| on that ran ACS requests took the script.
  auto taken =
      [first](const std::vector<acs::SessionRecord>& sessions) -> const acs::SessionRecord* {
    for (size_t i = first; i < sessions.size(); ++i) {
      if (!sessions[i].exchanges.empty()) return &sessions[i];
    }
    return nullptr;
  };
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - std::chrono::steady_clock::now());
  bool ended = acs_.WaitUntil(
      [&](const std::vector<acs::SessionRecord>& sessions) {
        const acs::SessionRecord* s = taken(sessions);
        return s != nullptr && s->end != acs::SessionEnd::kRunning;
      },
      std::max(remaining, std::chrono::milliseconds(1)));
  if (!ended) return std::nullopt;
  std::vector<acs::SessionRecord> sessions = acs_.Sessions();
  return *taken(sessions);
}

std::map<std::string, std::string> CwmpdUnderTest::Values(const std::vector<std::string>& names) {
  auto session = RunSession({cwmp::AcsRequest(cwmp::GetParameterValues{names})});
  return session ? session->ReturnedValues() : std::map<std::string, std::string>();
}

}  // namespace edgecwmp::edgex::test
