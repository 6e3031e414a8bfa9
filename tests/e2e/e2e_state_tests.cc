// SPDX-License-Identifier: GPL-2.0-or-later
// The real cwmpd when its state is lost or its session fails: both data-model files unreadable
// (re-seeded from the config, logged as an error, connection requests still need credentials);
// agent_state lost with an intact model (the ACS's values stay, a warning says so); `--once`
// exits non-zero when its session failed; a connection-request port another program holds stops
// the start with the port and the option to change named.
#define BOOST_TEST_MODULE e2e_state_tests
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "tests/e2e/e2e_checks.h"

using namespace edgecwmp;       // NOLINT
using namespace edgecwmp::e2e;  // NOLINT

namespace {

constexpr const char* kInterval = "Device.ManagementServer.PeriodicInformInterval";
constexpr const char* kCrUser = "Device.ManagementServer.ConnectionRequestUsername";

// A connection request with |user| that the rate limit lets through.
bool Kick(const AgentProcess& agent, const std::string& user) {
  return acs::SendAcceptedConnectionRequest(agent.cr_url(), user, agent.settings().cr_password)
      .success;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lost_model_is_reseeded_from_the_config) {
  AgentFixture f;
  f.StartAgent();
  f.RequireSessions(1);
  f.StopAgent();
  const std::string dm_dir = f.agent->state_dir() + "/datamodel";
  BOOST_REQUIRE(testing::WriteFile(dm_dir + "/datamodel.xml", "<datamodelstate><value"));
  BOOST_REQUIRE(testing::WriteFile(dm_dir + "/datamodel.xml.bak", "\x01garbage"));

  f.StartAgent();
  // The configured ACS is reached again, and told that the device lost its configuration.
  const SessionRecord s = WaitForSession(
      f.acs, [](const SessionRecord& r) { return r.number == 2; }, "session after the loss");
  BOOST_TEST(s.HasEvent("1 BOOT"));
  BOOST_TEST(s.HasEvent("0 BOOTSTRAP"));
  // The config's connection-request credentials hold again: no credentials, no session.
  const acs::ConnectionRequestResult anonymous = acs::SendConnectionRequest(f.agent->cr_url());
  BOOST_TEST(anonymous.http_status == 401);
  BOOST_TEST(Kick(*f.agent, f.agent->settings().cr_username));
  const std::string log = f.agent->Log();
  BOOST_TEST(log.find(" ERROR agent: the data model state was lost") != std::string::npos, log);
  RequireNoViolations(f.acs);
  f.StopAgent();
}

BOOST_AUTO_TEST_CASE(lost_agent_state_keeps_the_values_the_acs_set) {
  AgentFixture f;
  f.StartAgent();
  f.RequireSessions(1);
  f.acs.Queue(Spv({{kInterval, "4321", "xsd:unsignedInt"}, {kCrUser, "acs-cr-user", "xsd:string"}},
                  "acs-set"));
  BOOST_REQUIRE(AcceptedConnectionRequest(*f.agent));
  f.RequireSessions(2);
  f.StopAgent();
  BOOST_REQUIRE(testing::WriteFile(f.agent->state_dir() + "/agent_state", ""));

  f.StartAgent();
  f.RequireSessions(3);
  f.acs.Queue(cwmp::GetParameterValues{{kInterval, kCrUser}});
  BOOST_REQUIRE_MESSAGE(Kick(*f.agent, "acs-cr-user"),
                        "the ACS's ConnectionRequestUsername is gone");
  f.RequireSessions(4);
  const auto values = f.acs.Session(4)->ReturnedValues();
  BOOST_TEST(values.at(kInterval) == "4321");
  BOOST_TEST(values.at(kCrUser) == "acs-cr-user");
  const std::string log = f.agent->Log();
  BOOST_TEST(log.find(" WARN agent: " + f.agent->state_dir() + "/agent_state") != std::string::npos,
             log);
  RequireNoViolations(f.acs);
  f.StopAgent();
}

BOOST_AUTO_TEST_CASE(once_exits_nonzero_when_its_session_failed) {
  testing::TempDir dir("edgecwmp-once");
  AgentSettings unreachable;
  unreachable.acs_url = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort()) + "/";
  unreachable.extra_args = {"--once"};
  AgentProcess failing(dir.path(), unreachable);
  BOOST_REQUIRE(failing.Start());
  const int failed = failing.WaitExit(kWait);
  BOOST_TEST(failed == 1, "exit status " << failed << "; log:\n" << failing.Log());

  AgentSettings working;
  working.extra_args = {"--once"};
  AgentFixture f({}, working);
  f.StartAgent();
  const int succeeded = f.agent->WaitExit(kWait);
  BOOST_TEST(succeeded == 0, "exit status " << succeeded);
  BOOST_TEST(f.acs.EndedSessionCount() == 1u);
}

BOOST_AUTO_TEST_CASE(a_taken_connection_request_port_is_named_with_the_option_to_change) {
  // Another program (a GenieACS on 7547, say) holds the port cwmpd is configured to listen on.
  const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(holder >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  BOOST_REQUIRE(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_REQUIRE(::listen(holder, 1) == 0);
  BOOST_REQUIRE(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const uint16_t port = ntohs(address.sin_port);

  testing::TempDir dir("edgecwmp-taken-port");
  AgentSettings settings;
  settings.acs_url = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort()) + "/";
  settings.cr_port = port;
  AgentProcess agent(dir.path(), settings);
  BOOST_REQUIRE(agent.Start());
  const int status = agent.WaitExit(kWait);
  ::close(holder);
  BOOST_TEST(status != 0, agent.Log());
  BOOST_TEST(agent.Log().find("127.0.0.1:" + std::to_string(port)) != std::string::npos,
             agent.Log());
  BOOST_TEST(agent.Log().find("set cr.port") != std::string::npos, agent.Log());
}
