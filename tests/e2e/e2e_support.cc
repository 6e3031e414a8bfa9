// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/e2e/e2e_support.h"

#include <boost/test/results_collector.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "tests/codec/offline_xsd.h"

namespace edgecwmp::e2e {

namespace {

namespace fs = std::filesystem;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

bool CurrentTestFailed() {
  namespace ut = boost::unit_test;
  return !ut::results_collector.results(ut::framework::current_test_case().p_id).passed();
}

std::mutex collected_mu;
std::vector<std::string> collected;

}  // namespace

AgentFixture::AgentFixture(acs::TestAcsOptions acs_options, AgentSettings settings)
    : acs(std::move(acs_options)) {
  Status s = acs.Start();
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message());
  if (settings.acs_url.empty()) settings.acs_url = acs.url();
  agent = std::make_unique<AgentProcess>(dir.path(), std::move(settings));
}

AgentFixture::~AgentFixture() {
  if (CurrentTestFailed()) {
    std::cerr << "---- cwmpd log (" << agent->config_file() << ") ----\n"
              << agent->Log() << "---- TestAcs violations ----\n";
    for (const auto& v : acs.Violations()) std::cerr << v << "\n";
    for (const auto& s : acs.Sessions()) {
      std::cerr << "session " << s.number << " " << acs::SessionEndName(s.end) << " events:";
      for (const auto& e : s.events) std::cerr << " [" << e << "]";
      std::cerr << " exchanges " << s.exchanges.size() << "\n";
    }
  }
  agent->Kill();
  acs.Stop();
  CollectEnvelopes(acs.Sessions());
}

void AgentFixture::StartAgent() {
  BOOST_REQUIRE_MESSAGE(agent->Start(), "cannot start " << CwmpdPath());
}

void AgentFixture::StopAgent() {
  const int status = agent->Terminate();
  BOOST_TEST(status == 0, "cwmpd did not exit cleanly on SIGTERM (status " << status << ")");
}

void AgentFixture::RequireSessions(size_t n, std::chrono::milliseconds timeout) {
  BOOST_REQUIRE_MESSAGE(acs.WaitForSessions(n, timeout),
                        "only " << acs.EndedSessionCount() << " of " << n << " sessions ended");
}

std::optional<acs::SessionRecord> AgentFixture::LastWith(const std::string& event) const {
  std::optional<acs::SessionRecord> out;
  for (const auto& s : acs.Sessions())
    if (s.HasEvent(event)) out = s;
  return out;
}

void CollectEnvelopes(const std::vector<acs::SessionRecord>& sessions) {
  std::lock_guard<std::mutex> lock(collected_mu);
  for (const auto& s : sessions) {
    collected.push_back(s.inform_xml);
    for (const auto& r : s.cpe_requests) collected.push_back(r.xml);
    for (const auto& e : s.exchanges)
      if (e.answered) collected.push_back(e.response_xml);
  }
}

std::vector<std::string> CollectedEnvelopes() {
  std::lock_guard<std::mutex> lock(collected_mu);
  return collected;
}

std::string ValidateWithXsd(const std::vector<std::string>& envelopes, size_t* validated) {
  *validated = 0;
  const testing::OfflineCwmpSchemas schemas("e2e-xsd");
  // Group the envelopes by the schema that applies.
  std::vector<std::string> files[5];
  std::string complaints;
  size_t n = 0;
  for (std::string xml : envelopes) {
    if (xml.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    int minor = -1;
    for (int m = 0; m <= 4; ++m)
      if (xml.find("urn:dslforum-org:cwmp-1-" + std::to_string(m) + "\"") != std::string::npos)
        minor = m;
    if (minor < 0) {
      complaints += "no cwmp namespace in:\n" + xml.substr(0, 400) + "\n";
      continue;
    }
    if (minor >= 3)
      testing::ReplaceAll(&xml, "urn:dslforum-org:cwmp-1-" + std::to_string(minor),
                          "urn:dslforum-org:cwmp-1-2");
    const fs::path file = schemas.dir() / ("env-" + std::to_string(n++) + ".xml");
    testing::WriteFile(file.string(), xml);
    files[minor].push_back(file.string());
  }
  for (int minor = 0; minor <= 4; ++minor) {
    if (files[minor].empty()) continue;
    bool ok = false;
    const std::string output = schemas.Validate(minor, files[minor], &ok);
    *validated += files[minor].size();
    if (!ok) complaints += "cwmp-1-" + std::to_string(minor) + ":\n" + output;
  }
  return complaints;
}

std::string Recording(const std::string& file) {
  return testing::ReadFile(Env("EDGECWMP_SHARED_DIR") + "/interop/genieacs/" + file);
}

}  // namespace edgecwmp::e2e
