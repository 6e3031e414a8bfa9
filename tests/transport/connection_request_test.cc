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

#include "cwmp/transport/connection_request.h"
#include "cwmp/transport/digest_auth.h"
#include "base/http_client.h"
#include "tests/support/raw_http_client.h"
#include "tests/transport/transport_test_util.h"

namespace edgecwmp::cwmp {
namespace {

using transport_test::Exchange;

struct Fixture {
  std::atomic<int64_t> now{5000};
  std::atomic<int> callbacks{0};
  std::mutex mu;
  std::pair<std::string, std::string> credentials{"acs", "Secr3t"};
  std::unique_ptr<ConnectionRequestServer> server;

  void Start(ConnectionRequestConfig config = {}) {
    config.address = "127.0.0.1";
    config.port = 0;
    if (config.path == "/") config.path = "/cr/5f3a";
    config.now_seconds = [this] { return now.load(); };
    server = std::make_unique<ConnectionRequestServer>(
        config,
        [this] {
          std::lock_guard<std::mutex> lock(mu);
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
  ConnectionRequestConfig config;
  config.min_interval_seconds = 0;
  Start(config);
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
  std::string digest = DigestResponse(DigestAlgorithm::kMd5, "acs", merged["realm"], "Secr3t",
                                      "GET", "/cr/5f3a", merged["nonce"], "00000001", "abcd",
                                      "auth");
  std::string authorization = "Digest username=\"acs\",realm=\"" + merged["realm"] +
                              "\",nonce=\"" + merged["nonce"] +
                              "\",uri=\"/cr/5f3a\",algorithm=MD5,qop=auth,nc=00000001,"
                              "cnonce=\"abcd\",response=\"" + digest + "\"";
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

BOOST_FIXTURE_TEST_CASE(rate_limit_answers_503_without_signal, Fixture) {
  ConnectionRequestConfig config;
  config.min_interval_seconds = 60;
  Start(config);
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 200);
  HttpResponse limited = Fetch("acs", "Secr3t");
  BOOST_CHECK_EQUAL(limited.status, 503);
  BOOST_CHECK(limited.Header("Retry-After").empty());
  BOOST_CHECK_EQUAL(Fetch("acs", "wrong").status, 401);  // authentication still comes first
  BOOST_CHECK_EQUAL(callbacks.load(), 1);
  now += 60;
  BOOST_CHECK_EQUAL(Fetch("acs", "Secr3t").status, 200);
  BOOST_CHECK_EQUAL(callbacks.load(), 2);
}

BOOST_FIXTURE_TEST_CASE(flood_is_bounded, Fixture) {
  ConnectionRequestConfig config;
  config.min_interval_seconds = 60;
  config.max_connections = 8;
  Start(config);
  std::atomic<int> ok{0}, limited{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {  // 200 requests in all
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

BOOST_FIXTURE_TEST_CASE(anonymous_can_be_disabled, Fixture) {
  credentials = {"", ""};
  ConnectionRequestConfig config;
  config.anonymous_when_no_credentials = false;
  Start(config);
  BOOST_CHECK_EQUAL(Fetch("", "").status, 401);
  BOOST_CHECK_EQUAL(callbacks.load(), 0);
}

BOOST_FIXTURE_TEST_CASE(basic_only_when_allowed, Fixture) {
  ConnectionRequestConfig config;
  config.min_interval_seconds = 0;
  Start(config);
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

BOOST_AUTO_TEST_CASE(connection_request_url_forms) {
  BOOST_CHECK_EQUAL(ConnectionRequestUrl("", "127.0.0.1", 7547, "/cr"),
                    "http://127.0.0.1:7547/cr");
  BOOST_CHECK_EQUAL(ConnectionRequestUrl("", "::1", 7547, "/"), "http://[::1]:7547/");
  BOOST_CHECK_EQUAL(ConnectionRequestUrl("cpe.example.net", "0.0.0.0", 30005, "x"),
                    "http://cpe.example.net:30005/x");
  std::string wildcard = ConnectionRequestUrl("", "0.0.0.0", 7547, "/");
  BOOST_CHECK(wildcard.find("0.0.0.0") == std::string::npos);
  BOOST_CHECK(wildcard.rfind("http://", 0) == 0);
}

}  // namespace
}  // namespace edgecwmp::cwmp
