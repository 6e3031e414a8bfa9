// SPDX-License-Identifier: GPL-2.0-or-later
// test-acs: the bundled test ACS as a program, for scripts/run and manual runs.
//   test-acs --port 7547 --demo --sessions 2 [--connection-request http://127.0.0.1:7548/cr]
// prints every exchange, then a summary with the violations found.
#include <boost/program_options.hpp>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "tests/acs/acs_script.h"
#include "tests/acs/test_acs.h"

namespace po = boost::program_options;
using namespace edgecwmp;  // NOLINT

namespace {

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop = true; }

bool ParseAuth(const std::string& s, acs::AuthMode* out) {
  if (s == "none") *out = acs::AuthMode::kNone;
  else if (s == "basic") *out = acs::AuthMode::kBasic;
  else if (s == "digest") *out = acs::AuthMode::kDigest;
  else return false;
  return true;
}

bool ParseVersion(const std::string& s, cwmp::Version* out) {
  if (s.size() != 3 || s[0] != '1' || s[1] != '.' || s[2] < '0' || s[2] > '4') return false;
  *out = static_cast<cwmp::Version>(s[2] - '0');
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description desc("test-acs: a scriptable CWMP ACS that behaves like GenieACS 1.2.16");
  std::string address, script_file, auth, username, password, max_version, cr_url, cr_user, cr_pass;
  std::string plant;
  int port = 0;
  size_t sessions = 0;
  // clang-format off
  desc.add_options()
      ("help,h", "this help")
      ("address", po::value(&address)->default_value("127.0.0.1"), "listen address")
      ("port", po::value(&port)->default_value(7547), "listen port (0: ephemeral)")
      ("script", po::value(&script_file), "session script file (see tests/acs/acs_script.h)")
      ("demo", "run the demo: discovery from \"\", SetParameterValues, AddObject; then a "
       "session reading Device.X_EDGECWMP_EdgeX.")
      ("sessions", po::value(&sessions)->default_value(0),
       "exit after this many sessions ended (0: run until SIGINT/SIGTERM)")
      ("auth", po::value(&auth)->default_value("none"), "none, basic or digest")
      ("username", po::value(&username)->default_value(""), "CPE user name for --auth")
      ("password", po::value(&password)->default_value(""), "CPE password for --auth")
      ("max-version", po::value(&max_version)->default_value("1.3"),
       "highest CWMP version accepted (GenieACS 1.2.16: 1.3)")
      ("connection-request", po::value(&cr_url),
       "after each session, send a connection request to this URL while sessions remain")
      ("cr-username", po::value(&cr_user)->default_value(""), "connection request user name")
      ("cr-password", po::value(&cr_pass)->default_value(""), "connection request password")
      ("plant", po::value(&plant)->default_value(""),
       "broken mode: ACS-side violations to commit, comma-separated, or \"all\" (wrong-namespace, "
       "max-envelopes-2, inform-response-extra, ignore-cookie, malformed-fault, non-acs-fault-code, "
       "misplaced-8005, wrong-id, bad-hold-requests, empty-200-text-xml, wrong-content-type)")
      ("many-cpes", "several CPEs at once (cwmpfleet): sessions of different DeviceIds overlap")
      ("xml", "also print every SOAP body")
      ("strict", "exit with status 2 when any violation was recorded");
  // clang-format on
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "test-acs: " << e.what() << "\n" << desc;
    return 64;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }

  acs::TestAcsOptions options;
  options.address = address;
  options.port = static_cast<uint16_t>(port);
  options.username = username;
  options.password = password;
  options.log_xml = vm.count("xml") > 0;
  options.many_cpes = vm.count("many-cpes") > 0;
  options.log = [](const std::string& line) { std::cout << line << std::endl; };
  if (!ParseAuth(auth, &options.auth) || !ParseVersion(max_version, &options.max_version)) {
    std::cerr << "test-acs: bad --auth or --max-version\n";
    return 64;
  }
  if (std::string error; !acs::ParsePlantedFaults(plant, &options.planted, &error)) {
    std::cerr << "test-acs: --plant: " << error << "\n";
    return 64;
  }

  std::vector<acs::SessionScript> scripts;
  if (vm.count("script")) {
    std::ifstream in(script_file);
    if (!in) {
      std::cerr << "test-acs: cannot read " << script_file << "\n";
      return 66;
    }
    std::stringstream text;
    text << in.rdbuf();
    Status st = acs::ParseScript(text.str(), &scripts);
    if (!st.ok()) {
      std::cerr << "test-acs: " << script_file << ": " << st.message() << "\n";
      return 65;
    }
  } else if (vm.count("demo")) {
    scripts.push_back(acs::DemoScript());
    scripts.push_back(acs::DemoEdgexScript());
  }

  acs::TestAcs server(options);
  for (auto& s : scripts) server.QueueSession(std::move(s));
  Status st = server.Start();
  if (!st.ok()) {
    std::cerr << "test-acs: cannot listen: " << st.message() << "\n";
    return 69;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cout << "test-acs listening on " << server.url() << " (" << scripts.size()
            << " session script(s) queued)" << std::endl;

  size_t ended = 0;
  while (!g_stop && (sessions == 0 || ended < sessions)) {
    if (!server.WaitForSessions(ended + 1, std::chrono::milliseconds(200))) continue;
    ++ended;
    if (!cr_url.empty() && (sessions == 0 || ended < sessions)) {
      auto r = acs::SendConnectionRequest(cr_url, cr_user, cr_pass);
      std::cout << "[acs] connection request to " << cr_url << ": "
                << (r.success ? "accepted" : "failed: " + r.error) << " (HTTP " << r.http_status
                << ")" << std::endl;
    }
  }
  server.Stop();

  auto all = server.Sessions();
  auto violations = server.Violations();
  std::cout << "test-acs: " << all.size() << " session(s)";
  for (const auto& s : all)
    std::cout << "\n  session " << s.number << ": " << acs::SessionEndName(s.end) << ", "
              << s.exchanges.size() << " ACS request(s), " << s.violations.size()
              << " violation(s)";
  std::cout << "\n  " << server.RejectedVersionCount()
            << " Inform(s) refused for their CWMP version"
            << "\n  violations: " << violations.size() << std::endl;
  for (const auto& v : violations) std::cout << "    " << v << std::endl;
  return vm.count("strict") && !violations.empty() ? 2 : 0;
}
