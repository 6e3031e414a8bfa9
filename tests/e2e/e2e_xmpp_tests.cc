// SPDX-License-Identifier: GPL-2.0-or-later
// XMPP connection requests end to end (TR-069 Annex K): a real prosody on loopback, the real
// cwmpd logged in to it (seeded by its [xmpp] options), the test ACS's XMPP sender logged in as
// the ACS, and the TestAcs seeing the sessions. The agent's JID is taken from the Inform that
// reports ConnReqJabberID (active notification), as an ACS learns it.
#define BOOST_TEST_MODULE e2e_xmpp_tests
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <optional>

#include "tests/acs/xmpp_sender.h"
#include "tests/e2e/e2e_checks.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/nat_testbed.h"
#include "tests/support/netns.h"
#include "tests/support/prosody_server.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::e2e {
namespace {

constexpr const char* kJidParam = "Device.ManagementServer.ConnReqJabberID";
constexpr const char* kCrEvent = "6 CONNECTION REQUEST";
constexpr const char* kStarting = ": starting";
constexpr const char* kConnected = "XMPP connection requests: connected as ";

struct XmppSetup {
  bool tls = false;
  std::string allowed = "acs@localhost";
  // With a NAT testbed the caller is in its WAN namespace (prosody and the ACS listen on the WAN
  // host) and the agent starts in the LAN namespace.
  testing::NatTestbed* nat = nullptr;
  std::string password = "cpe-pw";  // the agent's XMPP password (prosody knows "cpe-pw")
};

acs::TestAcsOptions AcsOptionsFor(const XmppSetup& setup) {
  acs::TestAcsOptions o;
  if (setup.nat) o.address = testing::kWanIp;
  return o;
}

// prosody with users cpe, acs and other; the agent seeded to log in as cpe@localhost/edgecwmp.
struct XmppFixture {
  explicit XmppFixture(XmppSetup setup = {})
      : pki_dir("edgecwmp-xmpp-pki"),
        xmpp_dir("edgecwmp-xmpp"),
        prosody(xmpp_dir.path(), ProsodyOptionsFor(setup)),
        f(AcsOptionsFor(setup), AgentSettingsFor(setup)) {}

  testing::ProsodyOptions ProsodyOptionsFor(const XmppSetup& setup) {
    std::string error;
    BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.path(), &pki, &error), error);
    testing::ProsodyOptions o;
    nat = setup.nat;
    if (nat) o.address = testing::kWanIp;
    if (setup.tls) {
      o.cert_file = pki.server_cert;
      o.key_file = pki.server_key;
    }
    tls = setup.tls;
    return o;
  }

  AgentSettings AgentSettingsFor(const XmppSetup& setup) {
    std::string error;
    for (const auto& [user, password] : {std::pair<const char*, const char*>{"cpe", "cpe-pw"},
                                         {"acs", "acs-pw"},
                                         {"other", "other-pw"}}) {
      BOOST_REQUIRE_MESSAGE(prosody.Register(user, password, &error), error);
    }
    BOOST_REQUIRE_MESSAGE(prosody.Start(&error), error);
    AgentSettings s;
    s.extra = {{"xmpp.jid", "cpe@localhost/edgecwmp"},
               {"xmpp.password", setup.password},
               {"xmpp.server", host() + ":" + std::to_string(prosody.port())},
               {"xmpp.use_tls", setup.tls ? "true" : "false"},
               {"xmpp.ca_file", pki.ca_cert},
               {"xmpp.allowed_jids", setup.allowed}};
    if (nat) s.extra["cr.address"] = "0.0.0.0";  // reachable in the LAN, as in the field
    return s;
  }

  std::string host() const { return nat ? testing::kWanIp : "127.0.0.1"; }

  // Boots the agent and returns the JID its Inform reported in ConnReqJabberID.
  std::string StartAndLearnJid() {
    std::optional<testing::ScopedNetns> in_lan;  // the agent's process is born in the LAN
    if (nat) BOOST_REQUIRE(in_lan.emplace(nat->lan()).ok());
    f.StartAgent();
    in_lan.reset();
    std::string jid;
    BOOST_REQUIRE_MESSAGE(f.acs.WaitUntil(
                              [&jid](const std::vector<acs::SessionRecord>& all) {
                                for (const auto& s : all) {
                                  if (!s.inform || !s.HasEvent("4 VALUE CHANGE")) continue;
                                  for (const auto& p : s.inform->parameter_list) {
                                    if (p.name == kJidParam && !p.value.empty()) jid = p.value;
                                  }
                                }
                                return !jid.empty();
                              },
                              kWait),
                          "no Inform reported " << kJidParam);
    return jid;
  }

  std::unique_ptr<acs::XmppConnectionRequestSender> Sender(const std::string& user,
                                                           const std::string& password) {
    acs::XmppSenderConfig c;
    c.jid = user + "@localhost/acs";
    c.password = password;
    c.host = host();
    c.port = prosody.port();
    c.tls = tls;
    c.ca_file = pki.ca_cert;
    auto sender = std::make_unique<acs::XmppConnectionRequestSender>(c);
    std::string error;
    BOOST_REQUIRE_MESSAGE(sender->Connect(&error), error << "\n" << prosody.Log());
    return sender;
  }

  // The client (re)started last has logged in.
  bool WaitConnected() {
    return testing::WaitUntil(
        [this] {
          const std::string log = f.agent->Log();
          const size_t start = log.rfind(kStarting);
          return start != std::string::npos && log.find(kConnected, start) != std::string::npos;
        },
        kWait, std::chrono::milliseconds(20));
  }

  // A session announcing 6 CONNECTION REQUEST was logged after the last accepted request: none
  // was lost (a request accepted during a session leaves the flag for the next one).
  bool WaitSessionAfterLastAccept() {
    return testing::WaitUntil(
        [this] {
          const std::string log = f.agent->Log();
          return SessionLoggedAfter(log, log.rfind(" accepted"), kCrEvent);
        },
        kWait, std::chrono::milliseconds(20));
  }

  size_t CrSessions() const {
    size_t n = 0;
    for (const auto& s : f.acs.Sessions()) n += s.HasEvent(kCrEvent) ? 1 : 0;
    return n;
  }

  bool WaitCrSessionsEnded(size_t n) {
    return f.acs.WaitUntil(
        [n](const std::vector<acs::SessionRecord>& all) {
          size_t ended = 0;
          for (const auto& s : all) {
            ended += s.HasEvent(kCrEvent) && s.end != acs::SessionEnd::kRunning ? 1 : 0;
          }
          return ended >= n;
        },
        kWait);
  }

  testing::TempDir pki_dir, xmpp_dir;
  testing::TestPki pki;
  bool tls = false;
  testing::NatTestbed* nat = nullptr;
  testing::ProsodyServer prosody;
  AgentFixture f;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(xmpp_connection_requests)

// The request GenieACS sends, from an allowed JID with the right credentials: `result`, and a
// session with 6 CONNECTION REQUEST in which the ACS reads the XMPP state.
BOOST_AUTO_TEST_CASE(request_through_prosody_opens_a_session) {
  XmppFixture x;
  const std::string jid = x.StartAndLearnJid();
  BOOST_TEST(jid == "cpe@localhost/edgecwmp");
  BOOST_REQUIRE(x.WaitConnected());
  x.f.acs.QueueSession({cwmp::GetParameterValues{
      {"Device.XMPP.Connection.1.Status", "Device.XMPP.Connection.1.JabberID",
       "Device.XMPP.Connection.1.TLSEstablished", "Device.XMPP.Connection.1.Password",
       "Device.ManagementServer.SupportedConnReqMethods"}}});
  auto acs = x.Sender("acs", "acs-pw");
  acs::XmppRequestResult r = acs->Send(jid, "cr-user", "cr-secret");
  BOOST_TEST(r.type == "result");
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  auto session = x.f.LastWith(kCrEvent);
  BOOST_REQUIRE(session);
  auto values = session->ReturnedValues();
  BOOST_TEST(values["Device.XMPP.Connection.1.Status"] == "Enabled");
  BOOST_TEST(values["Device.XMPP.Connection.1.JabberID"] == jid);
  BOOST_TEST(values["Device.XMPP.Connection.1.TLSEstablished"] == "false");
  BOOST_TEST(values["Device.XMPP.Connection.1.Password"] == "");  // secret
  BOOST_TEST(values["Device.ManagementServer.SupportedConnReqMethods"] == "HTTP,STUN,XMPP");
  BOOST_TEST(x.f.agent->Log().find("cpe-pw") == std::string::npos);
  x.f.StopAgent();
}

// Wrong credentials: not-authorized (auth, 401) with the request echoed, and nothing accepted;
// a sender outside ConnReqAllowedJabberIDs: service-unavailable (cancel, 503) even with the
// right credentials. The agent writes its decision before it answers, so its log is complete
// when the answer arrives; then a valid request still opens exactly one session.
BOOST_AUTO_TEST_CASE(wrong_password_and_unlisted_sender_are_refused) {
  XmppFixture x;
  const std::string jid = x.StartAndLearnJid();
  BOOST_REQUIRE(x.WaitConnected());
  auto acs = x.Sender("acs", "acs-pw");
  acs::XmppRequestResult bad = acs->Send(jid, "cr-user", "wrong");
  BOOST_TEST(bad.type == "error");
  BOOST_TEST(bad.condition == "not-authorized");
  BOOST_TEST(bad.error_type == "auth");
  BOOST_TEST(bad.code == "401");
  BOOST_TEST(bad.echoed_request);
  auto other = x.Sender("other", "other-pw");
  x.f.acs.QueueSession({cwmp::GetParameterValues{{"Device.XMPP.Connection.1.Stats."}}});
  acs::XmppRequestResult refused = other->Send(jid, "cr-user", "cr-secret");
  BOOST_TEST(refused.type == "error");
  BOOST_TEST(refused.condition == "service-unavailable");
  BOOST_TEST(refused.error_type == "cancel");
  BOOST_TEST(x.f.agent->CountInLog("refused: not-authorized") == 1u);
  BOOST_TEST(x.f.agent->CountInLog("refused: service-unavailable") == 1u);
  BOOST_TEST(x.f.agent->CountInLog(" accepted") == 0u);
  BOOST_TEST(x.CrSessions() == 0u);
  BOOST_TEST(x.f.agent->Log().find("wrong") == std::string::npos);  // offered secrets unlogged

  BOOST_TEST(acs->Send(jid, "cr-user", "cr-secret").type == "result");
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  BOOST_TEST(x.f.agent->CountInLog(" accepted") == 1u);
  // TR-181 Stats: the agent sent its initial presence and three answers, two of them errors;
  // it received the three requests (and prosody's echo of its presence), none an error.
  auto stats = x.f.LastWith(kCrEvent)->ReturnedValues();
  const std::string row = "Device.XMPP.Connection.1.Stats.";
  BOOST_TEST(stats[row + "TransmittedMessages"] == "4");
  BOOST_TEST(stats[row + "TransmittedErrorMessages"] == "2");
  BOOST_TEST(std::stoul("0" + stats[row + "ReceivedMessages"]) >= 3u);
  BOOST_TEST(stats[row + "ReceivedErrorMessages"] == "0");
  x.f.StopAgent();
}

// prosody refuses the agent's login (a wrong xmpp.password): Status reads
// Error_AuthenticationFailure until the next attempt (ServerRetryInitialInterval, 60 s by
// default), no JID is reported, and the offered password is not logged. The ACS reads it in a
// session an HTTP connection request opens.
BOOST_AUTO_TEST_CASE(refused_login_reads_error_authentication_failure) {
  XmppSetup setup;
  setup.password = "not-the-cpe-pw";
  XmppFixture x(setup);
  x.f.StartAgent();
  x.f.RequireSessions(1);
  BOOST_REQUIRE(x.f.agent->WaitForLog("XMPP login refused by the server", kWait));
  x.f.acs.QueueSession({cwmp::GetParameterValues{
      {"Device.XMPP.Connection.1.Status", "Device.XMPP.Connection.1.JabberID", kJidParam}}});
  BOOST_REQUIRE(AcceptedConnectionRequest(*x.f.agent));
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  auto values = x.f.LastWith(kCrEvent)->ReturnedValues();
  BOOST_TEST(values["Device.XMPP.Connection.1.Status"] == "Error_AuthenticationFailure");
  BOOST_TEST(values["Device.XMPP.Connection.1.JabberID"] == "");
  BOOST_TEST(values[kJidParam] == "");
  BOOST_TEST(x.f.agent->Log().find("not-the-cpe-pw") == std::string::npos);
  x.f.StopAgent();
}

// prosody restarts: the agent notices, reconnects with the back-off the ACS configured
// (1 s, multiplier 1000) and answers again.
BOOST_AUTO_TEST_CASE(agent_reconnects_after_the_server_restarts) {
  XmppFixture x;
  x.f.acs.QueueSession(
      {Spv({{"Device.XMPP.Connection.1.ServerRetryInitialInterval", "1", "xsd:unsignedInt"},
            {"Device.XMPP.Connection.1.ServerRetryIntervalMultiplier", "1000", "xsd:unsignedInt"}},
           "xmpp-retry")});
  const std::string jid = x.StartAndLearnJid();
  // The SPV restarts the client with the new back-off: wait for that second start.
  BOOST_REQUIRE(testing::WaitUntil([&] { return x.f.agent->CountInLog(kStarting) >= 2; }, kWait));
  BOOST_REQUIRE(x.WaitConnected());
  const size_t connects = x.f.agent->CountInLog(kConnected);
  x.prosody.Stop();
  BOOST_REQUIRE(x.f.agent->WaitForLog("XMPP connection lost", kWait));
  std::string error;
  BOOST_REQUIRE_MESSAGE(x.prosody.Start(&error), error);
  BOOST_REQUIRE_MESSAGE(
      testing::WaitUntil([&] { return x.f.agent->CountInLog(kConnected) > connects; }, kWait,
                         std::chrono::milliseconds(20)),
      x.f.agent->Log());
  auto acs = x.Sender("acs", "acs-pw");
  BOOST_TEST(acs->Send(jid, "cr-user", "cr-secret").type == "result");
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  x.f.StopAgent();
}

// 100 requests back to back, each sent when the previous one was answered (as an ACS working
// through a task queue): every one answered `result`, folded into far fewer sessions.
BOOST_AUTO_TEST_CASE(hundred_back_to_back_requests_are_all_accepted_and_coalesced) {
  XmppFixture x;
  const std::string jid = x.StartAndLearnJid();
  BOOST_REQUIRE(x.WaitConnected());
  auto acs = x.Sender("acs", "acs-pw");
  size_t results = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) results += acs->Send(jid, "cr-user", "cr-secret").ok() ? 1 : 0;
  const auto took = std::chrono::steady_clock::now() - start;
  BOOST_TEST(results == 100u);
  BOOST_REQUIRE(x.WaitSessionAfterLastAccept());
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  BOOST_TEST(x.f.agent->CountInLog(" accepted") == 100u);
  const size_t sessions = x.CrSessions();
  BOOST_TEST_MESSAGE("100 XMPP requests answered in "
                     << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                     << " ms -> " << sessions << " sessions so far");
  BOOST_TEST(sessions >= 1u);
  BOOST_TEST(sessions < 100u);
  x.f.StopAgent();
}

// UseTLS: prosody requires STARTTLS with the test PKI's certificate; the agent verifies it with
// xmpp.ca_file, reports TLSEstablished, and a request over TLS opens a session.
BOOST_AUTO_TEST_CASE(request_over_tls) {
  XmppFixture x(XmppSetup{true, "acs@localhost"});
  const std::string jid = x.StartAndLearnJid();
  BOOST_REQUIRE(x.WaitConnected());
  BOOST_TEST(x.f.agent->Log().find(jid + " (TLS)") != std::string::npos);
  x.f.acs.QueueSession({cwmp::GetParameterValues{{"Device.XMPP.Connection.1.TLSEstablished"}}});
  auto acs = x.Sender("acs", "acs-pw");
  BOOST_TEST(acs->Send(jid, "cr-user", "cr-secret").type == "result");
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  BOOST_TEST(x.f.LastWith(kCrEvent)->ReturnedValues()["Device.XMPP.Connection.1.TLSEstablished"] ==
             "true");
  x.f.StopAgent();
}

// The field case: the agent behind a masquerading router (network namespaces), prosody and the
// ACS on the WAN side. The ACS cannot reach the agent's HTTP ConnectionRequestURL, but the
// agent's outbound XMPP connection carries the request through the NAT and a session follows.
BOOST_AUTO_TEST_CASE(request_reaches_an_agent_behind_a_nat) {
  if (::geteuid() != 0) {
    BOOST_TEST_MESSAGE("network namespaces need root: skipped");
    return;
  }
  testing::NatTestbed nat;  // first: deleted last, also when a check fails
  const Status built = nat.Build();
  BOOST_REQUIRE_MESSAGE(built.ok(), built.ToString());
  testing::ScopedNetns in_wan(nat.wan());  // this thread, and so prosody and the ACS
  BOOST_REQUIRE(in_wan.ok());
  XmppSetup setup;
  setup.nat = &nat;
  XmppFixture x(setup);
  const std::string jid = x.StartAndLearnJid();
  BOOST_REQUIRE(x.WaitConnected());
  std::string url;
  for (const auto& s : x.f.acs.Sessions()) {
    if (!s.inform) continue;
    for (const auto& p : s.inform->parameter_list) {
      if (p.name == "Device.ManagementServer.ConnectionRequestURL") url = p.value;
    }
  }
  BOOST_TEST(url.find(testing::kLanIp) != std::string::npos, url);
  acs::ConnectionRequestResult http = acs::SendConnectionRequest(url, "cr-user", "cr-secret");
  BOOST_TEST(!http.success);
  BOOST_TEST(http.http_status == 0);  // no route into the LAN: as from the Internet
  auto acs = x.Sender("acs", "acs-pw");
  BOOST_TEST(acs->Send(jid, "cr-user", "cr-secret").type == "result");
  BOOST_REQUIRE(x.WaitCrSessionsEnded(1));
  // The router translated the agent's XMPP connection: its conntrack entry names the LAN host.
  const std::string lan_host = testing::kLanIp;
  BOOST_TEST(nat.Run(nat.router(), {"sh", "-c",
                                    "cat /proc/net/nf_conntrack 2>/dev/null | grep -q " + lan_host +
                                        " || conntrack -L 2>/dev/null | grep -q " + lan_host})
                 .ok());
  x.f.StopAgent();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace edgecwmp::e2e
