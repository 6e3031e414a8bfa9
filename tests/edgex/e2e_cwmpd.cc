// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/edgex/e2e_cwmpd.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <variant>

extern char** environ;

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

CwmpdUnderTest::CwmpdUnderTest(std::vector<DemoService> services)
    : services_(std::move(services)) {
  for (DemoService& s : services_) s.port = FreeLoopbackPort();
}

CwmpdUnderTest::CwmpdUnderTest(std::string edgex_section)
    : edgex_section_(std::move(edgex_section)) {
  for (size_t at; (at = edgex_section_.find("@DIR@")) != std::string::npos;) {
    edgex_section_.replace(at, 5, dir_.path());
  }
}

CwmpdUnderTest::~CwmpdUnderTest() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= until) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // cwmpd stops its services; should it have been killed, none may outlive the test.
  for (pid_t pid : seen_pids_) {
    std::string cmdline = ReadAll("/proc/" + std::to_string(pid) + "/cmdline");
    if (ProcessAlive(pid) && cmdline.find("edgex-demo-service") != std::string::npos) {
      kill(pid, SIGKILL);
    }
  }
  acs_.Stop();
}

std::string CwmpdUnderTest::Log() const { return ReadAll(dir_.path() + "/cwmpd.log"); }

bool CwmpdUnderTest::Start(std::string* error) {
  const std::string cwmpd = BinaryDir() + "/cwmp/cwmpd";
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
    list.push_back({{"name", service.name},
                    {"command", {"${EDGECWMP_DEMO_SERVICE}", "--service", service.name, "--port", port}},
                    {"url", "http://127.0.0.1:" + port},
                    {"autostart", true},
                    {"restart", service.restart},
                    {"backoff_ms", service.backoff_ms},
                    {"stop_timeout_ms", 5000}});
  }
  WriteAll(dir_.path() + "/services.json", nlohmann::json{{"services", list}}.dump(2));
  cr_port_ = FreeLoopbackPort();
  std::ostringstream ini;
  ini << "[acs]\nurl = " << acs_.url() << "\n"
      << "[cr]\naddress = 127.0.0.1\nport = " << cr_port_ << "\nmin_interval = 0\n"
      << "[inform]\nperiodic_enable = false\n"
      << "[agent]\nstate_dir = " << dir_.path() << "/state\n"
      // An hour: a change must reach the agent through the module's WakeUp(), not its own polling.
      << "value_change_poll = 3600\n"
      << "[edgex]\n";
  if (edgex_section_.empty()) {
    ini << "executor = process\nservices_file = " << dir_.path() << "/services.json\n"
        << "demo_service = " << demo << "\nregistry = none\npoll_interval = 1\ntimeout_ms = 1000\n";
  } else {
    ini << edgex_section_;
  }
  const std::string config = dir_.path() + "/cwmpd.conf";
  WriteAll(config, ini.str());

  const std::string log = dir_.path() + "/cwmpd.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> args = {cwmpd, "--config", config};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int rc = posix_spawn(&pid_, cwmpd.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = 0;
    *error = "cannot spawn cwmpd";
    return false;
  }
  if (!acs_.WaitForSessions(1, std::chrono::seconds(20))) {
    *error = "no boot session ended; cwmpd log:\n" + Log();
    return false;
  }
  return true;
}

std::optional<acs::SessionRecord> CwmpdUnderTest::RunSession(acs::SessionScript script,
                                                             std::chrono::milliseconds deadline) {
  const size_t first = acs_.SessionCount();
  acs_.QueueSession(std::move(script));
  const std::string url = "http://127.0.0.1:" + std::to_string(cr_port_) + "/";
  auto until = std::chrono::steady_clock::now() + deadline;
  // A request during a session is refused or folded into it; retry until one is accepted.
  while (!acs::SendConnectionRequest(url).success) {
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // The first session from |first| on that ran ACS requests took the script.
  auto taken = [first](const std::vector<acs::SessionRecord>& sessions) -> const acs::SessionRecord* {
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
