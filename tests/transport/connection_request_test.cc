// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionRequestServer over loopback: libcurl (--digest) and a GenieACS-style client as the
// ACS; wrong credentials, stale nonces, paths, the rate limit and a flood. The clock is injected,
// so nothing depends on elapsed time.
#define BOOST_TEST_MODULE connection_request_tests
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "base/http_client.h"
#include "cwmp/transport/connection_request.h"
#include "cwmp/transport/digest_auth.h"
#include "tests/support/raw_http_client.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/temp_dir.h"
#include "tests/transport/transport_test_util.h"

namespace edgecwmp::cwmp {
namespace {

using transport_test::Exchange;

struct Fixture {
  std::atomic<int64_t> now{5000};
  std::atomic<int> callbacks{0};
  std::mutex mu;
  std::pair<std::string, std::string> credentials{"acs", "Secr3t"};
  bool unreadable = false;  // the source cannot read the credentials
  std::unique_ptr<ConnectionRequestServer> server;

  void Start(ConnectionRequestConfig config = {}) {
    config.address = "127.0.0.1";
    config.port = 0;
    if (config.path == "/") config.path = "/cr/5f3a";
    config.now_seconds = [this] { return now.load(); };
    server = std::make_unique<ConnectionRequestServer>(
        config,
        [this]() -> std::optional<std::pair<std::string, std::string>> {
          std::lock_guard<std::mutex> lock(mu);
          if (unreadable) return std::nullopt;
          return credentials;
        },
        [this] { ++callbacks; });
    BOOST_REQUIRE(server->Start().ok());
  }

  HttpResponse Fetch(const std::string& user, const std::string& password,
                     const std::string& path = "/cr/5f3a", const std::string& method = "GET") {
    HttpFetchRequest request;
    request.method = method;
    request.url = "http://127.0.0.1:" + std::to_string(server->port()) + path;
    request.username = user;
    request.password = password;
    HttpResponse response;
    Status status = HttpFetch(request, &response);
    BOOST_REQUIRE_MESSAGE(status.ok(), status.message());
    return response;
  }
};

BOOST_FIXTURE_TEST_CASE(right_credentials_give_200_and_one_signal, Fixture) {
  Start();
  HttpResponse response = Fetch("acs", "Secr3t");
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK(response.body.empty());  // TR-069 3.2.2: zero-length body
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
  BOOST_CHECK_EQUAL(server->url(),
                    "http://127.0.0.1:" + std::to_string(server->port()) + "/cr/5f3a");
}

BOOST_FIXTURE_TEST_CASE(wrong_credentials_give_401_and_no_signal, Fixture) {
  Start();
  HttpResponse response = Fetch("acs", "wrong");
  BOOST_CHECK_EQUAL(response.status, 401);
  BOOST_CHECK(response.Header("WWW-Authenticate").rfind("Digest ", 0) == 0);
  BOOST_CHECK_EQUAL(Fetch("intruder", "Secr3t").status, 401);
  BOOST_CHECK_EQUAL(Fetch("", "").status, 401);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);
  // Credentials are read live: after a change the old password stops working.
  {
    std::lock_guard<std::mutex> lock(mu);
    credentials.second = "changed";
  }
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 401);
  BOOST_CHECK_EQUAL(Fetch("acs", "changed").status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
}

BOOST_FIXTURE_TEST_CASE(wrong_path_gives_404, Fixture) {
  Start();
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t", "/").status, 404);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t", "/cr/5f3b").status, 404);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);
  // A query string is ignored (TR-069 3.2.2: no data is conveyed).
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t", "/cr/5f3a?x=1").status, 200);
}

BOOST_FIXTURE_TEST_CASE(any_method_is_accepted, Fixture) {
  Start();
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t", "/cr/5f3a", "POST").status, 200);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t", "/cr/5f3a", "PUT").status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 2);
}

BOOST_FIXTURE_TEST_CASE(genieacs_style_client_succeeds_with_md5, Fixture) {
  Start();
  testing::RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(server->port()));
  testing::RawResponse response = Exchange(client, "GET", "/cr/5f3a");
  BOOST_REQUIRE_EQUAL(response.status, 401);
  // GenieACS (Node) merges repeated WWW-Authenticate headers; the last value of a field wins.
  std::map<std::string, std::string> merged;
  for (const auto& [name, value] : response.headers) {
    if (name != "WWW-Authenticate") continue;
    AuthorizationHeader h;
    BOOST_REQUIRE(ParseAuthorization(value, &h));
    for (const auto& [k, v] : h.params) merged[k] = v;
  }
  BOOST_REQUIRE_EQUAL(merged["algorithm"], "MD5");  // GenieACS only computes MD5
  std::string digest =
      DigestResponse(DigestAlgorithm::kMd5, "acs", merged["realm"], "Secr3t", "GET", "/cr/5f3a",
                     merged["nonce"], "00000001", "abcd", "auth");
  std::string authorization = "Digest username=\"acs\",realm=\"" + merged["realm"] + "\",nonce=\"" +
                              merged["nonce"] +
                              "\",uri=\"/cr/5f3a\",algorithm=MD5,qop=auth,nc=00000001,"
                              "cnonce=\"abcd\",response=\"" +
                              digest + "\"";
  response = Exchange(client, "GET", "/cr/5f3a", "", {{"Authorization", authorization}});
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
}

BOOST_FIXTURE_TEST_CASE(stale_nonce_is_rechallenged, Fixture) {
  ConnectionRequestConfig config;
  config.nonce_lifetime_seconds = 30;
  Start(config);
  testing::RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(server->port()));
  testing::RawResponse response = Exchange(client, "GET", "/cr/5f3a");
  AuthorizationHeader challenge;
  BOOST_REQUIRE(ParseAuthorization(response.Header("WWW-Authenticate"), &challenge));
  const std::string nonce = challenge.params["nonce"];
  const std::string realm = challenge.params["realm"];
  auto answer = [&](const std::string& n) {
    return transport_test::DigestAuthorization(DigestAlgorithm::kSha256, "acs", "Secr3t", realm, n,
                                               "GET", "/cr/5f3a", "00000001", "c1");
  };
  now += 31;
  response = Exchange(client, "GET", "/cr/5f3a", "", {{"Authorization", answer(nonce)}});
  BOOST_CHECK_EQUAL(response.status, 401);
  BOOST_CHECK(response.Header("WWW-Authenticate").find("stale=true") != std::string::npos);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);
  AuthorizationHeader fresh;
  BOOST_REQUIRE(ParseAuthorization(response.Header("WWW-Authenticate"), &fresh));
  response =
      Exchange(client, "GET", "/cr/5f3a", "", {{"Authorization", answer(fresh.params["nonce"])}});
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
}

// The budget's clock, injected: the bucket only refills when a test moves it.
struct BudgetClock {
  std::atomic<int64_t> ms{1000};
  std::shared_ptr<ConnectionRequestBudget> Make(uint32_t burst, double per_second) {
    ConnectionRequestBudgetOptions options;
    options.burst = burst;
    options.refill_per_second = per_second;
    options.now_ms = [this] { return ms.load(); };
    return std::make_shared<ConnectionRequestBudget>(options);
  }
};

BOOST_FIXTURE_TEST_CASE(back_to_back_requests_are_all_accepted, Fixture) {
  // The default budget: 100 requests back to back (GenieACS tasks posted one after another) all
  // get 200; the agent coalesces them, so each one signals.
  Start();
  int ok = 0;
  for (int i = 0; i < 100; ++i) ok += Fetch("acs", "Secr3t").status == 200;
  BOOST_CHECK_EQUAL(ok, 100);
  BOOST_CHECK_EQUAL(callbacks.load(), 100);
}

BOOST_FIXTURE_TEST_CASE(empty_budget_answers_503_without_signal, Fixture) {
  BudgetClock clock;
  ConnectionRequestConfig config;
  config.budget = clock.Make(2, 0.5);
  Start(config);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 200);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 200);
  HttpResponse limited = Fetch("acs", "Secr3t");
  BOOST_CHECK_EQUAL(limited.status, 503);
  BOOST_CHECK(limited.Header("Retry-After").empty());
  BOOST_CHECK_EQUAL(Fetch("acs", "wrong").status, 401);  // authentication still comes first
  BOOST_CHECK_EQUAL(callbacks.load(), 2);
  clock.ms += 1999;  // 0.5 token per second: not yet one whole token
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 503);
  clock.ms += 1;
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 3);
}

BOOST_AUTO_TEST_CASE(budget_refills_up_to_its_burst_only) {
  BudgetClock clock;
  auto budget = clock.Make(3, 10);
  BOOST_CHECK_EQUAL(budget->available(), 3u);
  for (int i = 0; i < 3; ++i) BOOST_CHECK(budget->TryTake());
  BOOST_CHECK(!budget->TryTake());
  clock.ms += 3600 * 1000;  // an hour idle refills to the burst, not beyond
  BOOST_CHECK_EQUAL(budget->available(), 3u);
  clock.ms -= 5000;  // a clock stepping back adds nothing and takes nothing
  BOOST_CHECK_EQUAL(budget->available(), 3u);
  BOOST_CHECK(clock.Make(0, 10)->TryTake() == false);  // burst 0 refuses everything
}

BOOST_FIXTURE_TEST_CASE(flood_is_bounded, Fixture) {
  BudgetClock clock;
  ConnectionRequestConfig config;
  config.budget = clock.Make(1, 1);  // the clock stands still: exactly one token
  config.max_connections = 8;
  Start(config);
  std::atomic<int> ok{0}, limited{0}, other{0};
  std::vector<std::thread> threads;
  // Two concurrent clients of one address: even with a closed connection each that the server
  // has not yet seen go, they stay within the per-peer cap (4), so the budget meets them all.
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {  // 200 requests in all
        HttpFetchRequest request;
        request.url = server->url();
        request.username = "acs";
        request.password = "Secr3t";
        HttpResponse response;
        if (!HttpFetch(request, &response).ok()) {
          ++other;
        } else if (response.status == 200) {
          ++ok;
        } else if (response.status == 503) {
          ++limited;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
  BOOST_CHECK_EQUAL(ok.load(), 1);
  BOOST_CHECK_EQUAL(ok.load() + limited.load() + other.load(), 200);
  BOOST_TEST_MESSAGE("flood: 200 ok " << ok << ", 503 " << limited << ", other " << other);
  BOOST_CHECK_GE(limited.load(), 150);  // a few may meet the connection cap; none get through
  BOOST_CHECK_LE(server->tracked_nonces(), 256u);

  // Idle connections beyond max_connections are closed at once: at most 8 get an answer.
  std::vector<std::unique_ptr<testing::RawHttpClient>> held;
  int answered = 0;
  for (int i = 0; i < 20; ++i) {
    auto client = std::make_unique<testing::RawHttpClient>();
    if (!client->ConnectTcp(server->port())) continue;
    held.push_back(std::move(client));
  }
  for (auto& client : held) {
    testing::RawResponse response;
    if (client->Send("GET", "/nope") && client->Read(&response)) ++answered;
  }
  BOOST_CHECK_GE(answered, 1);
  BOOST_CHECK_LE(answered, 8);
}

BOOST_FIXTURE_TEST_CASE(no_credentials_configured_means_anonymous, Fixture) {
  credentials = {"", ""};
  Start();
  HttpFetchRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(server->port()) + "/cr/5f3a";
  HttpResponse response;
  BOOST_REQUIRE(HttpFetch(request, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
}

// Credentials that cannot be read are not "none configured": every request is refused.
BOOST_FIXTURE_TEST_CASE(unreadable_credentials_refuse_everyone, Fixture) {
  unreadable = true;
  Start();  // anonymous_when_no_credentials is on by default
  BOOST_CHECK_EQUAL(Fetch("", "").status, 401);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 401);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);
}

BOOST_FIXTURE_TEST_CASE(anonymous_can_be_disabled, Fixture) {
  credentials = {"", ""};
  ConnectionRequestConfig config;
  config.anonymous_when_no_credentials = false;
  Start(config);
  BOOST_CHECK_EQUAL(Fetch("", "").status, 401);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);
}

BOOST_FIXTURE_TEST_CASE(basic_only_when_allowed, Fixture) {
  Start();
  const std::vector<std::pair<std::string, std::string>> basic_auth = {
      {"Authorization", "Basic YWNzOlNlY3IzdA=="}};  // acs:Secr3t
  testing::RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(server->port()));
  BOOST_CHECK_EQUAL(Exchange(client, "GET", "/cr/5f3a", "", basic_auth).status, 401);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);

  Fixture allowed;
  ConnectionRequestConfig basic;
  basic.allow_basic = true;
  allowed.Start(basic);
  testing::RawHttpClient c2;
  BOOST_REQUIRE(c2.ConnectTcp(allowed.server->port()));
  BOOST_CHECK_EQUAL(Exchange(c2, "GET", "/cr/5f3a", "", basic_auth).status, 200);
  BOOST_CHECK_EQUAL(allowed.callbacks.load(), 1);
}

// Connects from source and sends the start of a request head that never ends; false when the
// listener refused the connection at once.
bool HoldOpen(testing::RawHttpClient* client, uint16_t port, const std::string& source) {
  return client->ConnectTcp(port, "127.0.0.1", source) &&
         client->SendRaw("GET /cr/5f3a HTTP/1.1\r\nHost: cpe\r\nX-Slow: ");
}

// A full Digest exchange as an ACS at source (127.0.0.x) makes it: the status of the answer to
// the authenticated request.
int AuthenticatedRequestFrom(uint16_t port, const std::string& source) {
  testing::RawHttpClient acs;
  BOOST_REQUIRE(acs.ConnectTcp(port, "127.0.0.1", source));
  testing::RawResponse response = Exchange(acs, "GET", "/cr/5f3a");
  BOOST_REQUIRE_EQUAL(response.status, 401);
  AuthorizationHeader challenge;
  BOOST_REQUIRE(ParseAuthorization(response.Header("WWW-Authenticate"), &challenge));
  std::string authorization = transport_test::DigestAuthorization(
      DigestAlgorithm::kSha256, "acs", "Secr3t", challenge.params["realm"],
      challenge.params["nonce"], "GET", "/cr/5f3a", "00000001", "c0ffee");
  return Exchange(acs, "GET", "/cr/5f3a", "", {{"Authorization", authorization}}).status;
}

// One peer holding 200 unfinished requests (and opening new ones as fast as it can) cannot keep
// an ACS at another address out.
BOOST_FIXTURE_TEST_CASE(slowloris_peer_cannot_lock_out_the_acs, Fixture) {
  Start();
  std::vector<std::unique_ptr<testing::RawHttpClient>> held;
  for (int i = 0; i < 200; ++i) {
    held.push_back(std::make_unique<testing::RawHttpClient>());
    HoldOpen(held.back().get(), server->port(), "127.0.0.1");
  }
  std::atomic<bool> done{false};
  std::thread reconnecting([&] {
    for (size_t i = 0; !done; i = (i + 1) % held.size()) {
      held[i] = std::make_unique<testing::RawHttpClient>();
      held[i]->set_timeout(std::chrono::milliseconds(500));
      HoldOpen(held[i].get(), server->port(), "127.0.0.1");
    }
  });
  struct StopOnExit {  // also when a REQUIRE below throws
    std::atomic<bool>& done;
    std::thread& thread;
    ~StopOnExit() {
      done = true;
      thread.join();
    }
  } stop{done, reconnecting};
  BOOST_CHECK_EQUAL(AuthenticatedRequestFrom(server->port(), "127.0.0.2"), 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
}

BOOST_FIXTURE_TEST_CASE(connections_beyond_the_per_peer_cap_are_closed, Fixture) {
  ConnectionRequestConfig config;
  config.header_timeout_ms = 60000;  // nothing but the cap closes a connection in this test
  config.idle_timeout_seconds = 60;
  Start(config);
  const size_t cap = config.max_connections_per_peer;
  BOOST_REQUIRE_GE(cap, 1u);
  BOOST_REQUIRE_LT(cap + 3, config.max_connections);
  std::vector<std::unique_ptr<testing::RawHttpClient>> clients;
  for (size_t i = 0; i < cap + 3; ++i) {
    clients.push_back(std::make_unique<testing::RawHttpClient>());
    BOOST_REQUIRE(clients.back()->ConnectTcp(server->port(), "127.0.0.1", "127.0.0.5"));
  }
  for (size_t i = cap; i < clients.size(); ++i) BOOST_CHECK(clients[i]->PeerClosed());
  for (size_t i = 0; i < cap; ++i) {
    BOOST_CHECK_EQUAL(Exchange(*clients[i], "GET", "/cr/5f3a").status, 401);
  }
  // The cap is per address: another one still gets in.
  BOOST_CHECK_EQUAL(AuthenticatedRequestFrom(server->port(), "127.0.0.6"), 200);
}

BOOST_FIXTURE_TEST_CASE(unfinished_request_head_is_closed_at_the_deadline, Fixture) {
  ConnectionRequestConfig config;
  config.header_timeout_ms = 200;
  config.idle_timeout_seconds = 60;  // only the header deadline can close it in time
  Start(config);
  testing::RawHttpClient slow;
  BOOST_REQUIRE(HoldOpen(&slow, server->port(), ""));
  BOOST_CHECK(slow.PeerClosed());
  // A request that completes its head in time is still served.
  BOOST_CHECK_EQUAL(AuthenticatedRequestFrom(server->port(), ""), 200);
}

// Lines of text that contain needle.
std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find(needle) != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// An audit trail of wrong credentials: peer and user name, one line per peer per minute with the
// count of those not logged, never a password or a Digest response.
BOOST_FIXTURE_TEST_CASE(failed_authentications_are_logged_without_secrets, Fixture) {
  testing::TempDir dir("edgecwmp-cr-log");
  testing::StderrCapture capture(dir.File("stderr"));
  Start();
  for (int i = 0; i < 3; ++i) BOOST_CHECK_EQUAL(Fetch("intruder", "guess-one").status, 401);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 200);  // its challenge leg is no failure
  testing::RawHttpClient basic;
  BOOST_REQUIRE(basic.ConnectTcp(server->port()));
  BOOST_CHECK_EQUAL(Exchange(basic, "GET", "/cr/5f3a", "",
                             {{"Authorization", "Basic YmFzaWN1c2VyOmd1ZXNzLXR3bw=="}})
                        .status,
                    401);  // basicuser:guess-two, Basic not allowed
  now += 61;
  BOOST_CHECK_EQUAL(Fetch("basicuser", "guess-three").status, 401);
  std::string text = capture.Stop();
  std::vector<std::string> lines = LinesWith(text, "authentication failed");
  BOOST_TEST_MESSAGE(text);
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_CHECK(lines[0].find("WARN") != std::string::npos);
  BOOST_CHECK(lines[0].find("127.0.0.1") != std::string::npos);
  BOOST_CHECK(lines[0].find("\"intruder\"") != std::string::npos);
  BOOST_CHECK(lines[1].find("\"basicuser\"") != std::string::npos);
  BOOST_CHECK(lines[1].find("3 more") != std::string::npos);  // 2 intruder + 1 Basic since
  for (const char* secret : {"guess", "Secr3t", "response=", "YmFzaWN1c2Vy"}) {
    BOOST_CHECK_MESSAGE(text.find(secret) == std::string::npos, secret);
  }
}

BOOST_AUTO_TEST_CASE(connection_request_url_forms) {
  BOOST_CHECK_EQUAL(ConnectionRequestUrl("", "127.0.0.1", 7547, "/cr"), "http://127.0.0.1:7547/cr");
  BOOST_CHECK_EQUAL(ConnectionRequestUrl("", "::1", 7547, "/"), "http://[::1]:7547/");
  BOOST_CHECK_EQUAL(ConnectionRequestUrl("cpe.example.net", "0.0.0.0", 30005, "x"),
                    "http://cpe.example.net:30005/x");
  std::string wildcard = ConnectionRequestUrl("", "0.0.0.0", 7547, "/");
  BOOST_CHECK(wildcard.find("0.0.0.0") == std::string::npos);
  BOOST_CHECK(wildcard.rfind("http://", 0) == 0);
}

}  // namespace
}  // namespace edgecwmp::cwmp
