// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/e2e/e2e_support.h"

#include <boost/test/results_collector.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>

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

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (size_t pos = s->find(from); pos != std::string::npos; pos = s->find(from, pos + to.size()))
    s->replace(pos, from.size(), to);
}

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
  const fs::path dir =
      fs::temp_directory_path() / ("edgecwmp-e2e-xsd-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string stand_ins = Env("EDGECWMP_SOURCE_DIR") + "/tests/codec/xsd/";
  for (const char* name : {"soap-envelope.xsd", "soap-encoding.xsd"})
    fs::copy_file(stand_ins + name, dir / name, fs::copy_options::overwrite_existing);
  for (int minor = 0; minor <= 4; ++minor) {
    const std::string name = "cwmp-1-" + std::to_string(minor) + ".xsd";
    std::string xsd = testing::ReadFile(Env("EDGECWMP_SHARED_DIR") + "/bbf/" + name);
    ReplaceAll(&xsd, "schemaLocation=\"http://schemas.xmlsoap.org/soap/envelope/\"",
               "schemaLocation=\"" + (dir / "soap-envelope.xsd").string() + "\"");
    ReplaceAll(&xsd, "schemaLocation=\"http://schemas.xmlsoap.org/soap/encoding/\"",
               "schemaLocation=\"" + (dir / "soap-encoding.xsd").string() + "\"");
    ReplaceAll(&xsd, "schemaLocation=\"http://www.broadband-forum.org/cwmp/",
               "schemaLocation=\"" + dir.string() + "/");
    testing::WriteFile((dir / name).string(), xsd);
  }
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
      ReplaceAll(&xml, "urn:dslforum-org:cwmp-1-" + std::to_string(minor),
                 "urn:dslforum-org:cwmp-1-2");
    const fs::path file = dir / ("env-" + std::to_string(n++) + ".xml");
    testing::WriteFile(file.string(), xml);
    files[minor].push_back(file.string());
  }
  for (int minor = 0; minor <= 4; ++minor) {
    if (files[minor].empty()) continue;
    std::string cmd = "xmllint --noout --nonet --schema '" +
                      (dir / ("cwmp-1-" + std::to_string(minor) + ".xsd")).string() + "'";
    for (const auto& f : files[minor]) cmd += " '" + f + "'";
    cmd += " 2>&1";
    std::string output;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return "cannot run xmllint";
    char buf[4096];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, got);
    const bool ok = ::pclose(p) == 0;
    *validated += files[minor].size();
    if (!ok) complaints += "cwmp-1-" + std::to_string(minor) + ":\n" + output;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return complaints;
}

std::string Recording(const std::string& file) {
  return testing::ReadFile(Env("EDGECWMP_SHARED_DIR") + "/interop/genieacs/" + file);
}

}  // namespace edgecwmp::e2e
