// SPDX-License-Identifier: GPL-2.0-or-later
// HttpSession (libcurl) against real HttpServer peers on loopback: cookies, one
// connection per session, Digest bound to the connection, Basic, TLS, redirects, Retry-After,
// size caps, the empty POST.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <set>
#include <vector>

#include "base/http_client.h"
#include "cwmp/transport/digest_auth.h"
#include "cwmp/transport/http_server.h"
#include "tests/support/raw_http_client.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"
#include "tests/transport/transport_test_util.h"

namespace edgecwmp::cwmp {
namespace {

using transport_test::Reply;
using transport_test::Seen;
using transport_test::Url;

// Client settings for the ACS URL of server, with credentials when given.
HttpClientConfig AcsConfig(const HttpServer& server, const std::string& username = "",
                           const std::string& password = "") {
  HttpClientConfig config;
  config.url = Url(server);
  config.username = username;
  config.password = password;
  return config;
}

// Posts body in session and requires that an HTTP response arrived (whatever its status).
HttpResponse Posted(HttpSession& session, std::string_view body) {
  HttpResponse response;
  BOOST_REQUIRE(session.Post(body, &response).ok());
  return response;
}

BOOST_AUTO_TEST_CASE(session_cookie_is_sent_back_on_one_connection) {
  Seen seen;
  HttpServer acs(HttpServerOptions{}, [&](const HttpRequest& request) {
    seen.Add(request);
    if (request.Header("Cookie").empty()) {
      if (seen.All().size() > 1) return Reply(400, "Invalid session");  // as GenieACS does
      HttpReply reply = Reply(200, "<InformResponse/>");
      reply.headers.emplace_back("Set-Cookie", "session=8f36c5281ef6ce5a");
      return reply;
    }
    if (request.Header("Cookie") != "session=8f36c5281ef6ce5a") return Reply(400, "bad cookie");
    HttpReply end = Reply(204);
    end.close = true;
    return end;
  });
  BOOST_REQUIRE(acs.Start().ok());

  HttpClientConfig config = AcsConfig(acs);
  HttpSession session(config);
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "<InformResponse/>");
  BOOST_CHECK(!response.connection_close);
  response = Posted(session, "");
  BOOST_CHECK_EQUAL(response.status, 204);
  BOOST_CHECK(response.connection_close);
  BOOST_CHECK_EQUAL(session.connections_opened(), 1);

  auto requests = seen.All();
  BOOST_REQUIRE_EQUAL(requests.size(), 2u);
  BOOST_CHECK_EQUAL(requests[0].connection_id, requests[1].connection_id);
  BOOST_CHECK_EQUAL(requests[1].Header("Cookie"), "session=8f36c5281ef6ce5a");

  // A fresh session has no cookie: the server refuses its empty POST, as GenieACS does.
  HttpSession other(config);
  response = Posted(other, "");
  BOOST_CHECK_EQUAL(response.status, 400);
}

BOOST_AUTO_TEST_CASE(soap_and_empty_post_headers_follow_tr069_3_4_1) {
  Seen seen;
  HttpServer acs(HttpServerOptions{}, [&](const HttpRequest& request) {
    seen.Add(request);
    return Reply(200);
  });
  BOOST_REQUIRE(acs.Start().ok());
  HttpClientConfig config = AcsConfig(acs);
  config.user_agent = "edgecwmp-test";
  HttpSession session(config);
  HttpResponse response;
  BOOST_REQUIRE(session.Post("<soap/>", &response).ok());
  BOOST_REQUIRE(session.Post("<soap/>", &response, "urn:dslforum-org:cwmp-1-2#Inform").ok());
  BOOST_REQUIRE(session.Post("", &response).ok());
  auto r = seen.All();
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  auto has_header = [](const HttpRequest& request, const std::string& name) {
    for (const auto& [key, value] : request.headers) {
      if (key == name) return true;
    }
    return false;
  };
  BOOST_CHECK_EQUAL(r[0].method, "POST");
  BOOST_CHECK_EQUAL(r[0].body, "<soap/>");
  BOOST_CHECK_EQUAL(r[0].Header("Content-Type"), "text/xml; charset=\"utf-8\"");
  BOOST_CHECK(has_header(r[0], "SOAPAction"));
  BOOST_CHECK_EQUAL(r[0].Header("SOAPAction"), "");
  BOOST_CHECK_EQUAL(r[0].Header("User-Agent"), "edgecwmp-test");
  BOOST_CHECK_EQUAL(r[0].Header("Expect"), "");
  BOOST_CHECK_EQUAL(r[1].Header("SOAPAction"), "\"urn:dslforum-org:cwmp-1-2#Inform\"");
  BOOST_CHECK_EQUAL(r[2].method, "POST");
  BOOST_CHECK_EQUAL(r[2].Header("Content-Length"), "0");
  BOOST_CHECK(r[2].body.empty());
  BOOST_CHECK(!has_header(r[2], "Content-Type"));
  BOOST_CHECK(!has_header(r[2], "SOAPAction"));
}

HttpReply Welcome(const HttpRequest&) { return Reply(200, "welcome"); }

// An ACS whose Digest nonces are bound to the TCP connection, like GenieACS; an authenticated
// request gets what |authenticated| answers.
struct DigestAcs {
  DigestAuthenticator auth;
  Seen seen;
  HttpServer server;
  explicit DigestAcs(DigestAuthOptions options, HttpServerOptions server_options = {},
                     HttpHandler authenticated = Welcome)
      : auth(std::move(options)),
        server(std::move(server_options), [this, authenticated](const HttpRequest& request) {
          seen.Add(request);
          AuthResult result =
              auth.Check(request.method, request.target, request.Header("Authorization"), "cpe",
                         "s3cret", request.connection_id);
          if (result == AuthResult::kOk) return authenticated(request);
          HttpReply reply = Reply(401);
          for (auto& c : auth.Challenges(result == AuthResult::kStale, request.connection_id)) {
            reply.headers.emplace_back("WWW-Authenticate", c);
          }
          return reply;
        }) {}
};

DigestAuthOptions BasicOnly() {
  DigestAuthOptions options;
  options.offer_md5 = options.offer_sha256 = false;
  options.allow_basic = true;
  return options;
}

BOOST_AUTO_TEST_CASE(digest_auth_on_one_connection) {
  // MD5 only (what GenieACS computes), SHA-256 only, and both offered.
  for (auto [md5, sha256] :
       {std::pair{true, false}, std::pair{false, true}, std::pair{true, true}}) {
    DigestAuthOptions options;
    options.realm = "GenieACS";
    options.offer_md5 = md5;
    options.offer_sha256 = sha256;
    DigestAcs acs(options);
    BOOST_REQUIRE(acs.server.Start().ok());
    HttpClientConfig config = AcsConfig(acs.server, "cpe", "s3cret");
    HttpSession session(config);
    HttpResponse response = Posted(session, "<Inform/>");
    BOOST_CHECK_EQUAL(response.status, 200);
    response = Posted(session, "");
    BOOST_CHECK_EQUAL(response.status, 200);
    BOOST_CHECK_EQUAL(session.connections_opened(), 1);
    auto requests = acs.seen.All();
    BOOST_REQUIRE_GE(requests.size(), 3u);
    std::set<uint64_t> connections;
    for (const auto& r : requests) connections.insert(r.connection_id);
    BOOST_CHECK_EQUAL(connections.size(), 1u);
    const std::string last = requests.back().Header("Authorization");
    BOOST_CHECK(last.rfind("Digest ", 0) == 0);
    if (md5 != sha256) BOOST_CHECK((last.find("SHA-256") != std::string::npos) == sha256);
    BOOST_CHECK(last.find("s3cret") == std::string::npos);

    HttpClientConfig wrong = config;
    wrong.password = "guess";
    HttpSession bad(wrong);
    response = Posted(bad, "<Inform/>");
    BOOST_CHECK_EQUAL(response.status, 401);
  }
}

BOOST_AUTO_TEST_CASE(digest_nonce_from_another_connection_is_refused) {
  DigestAcs acs(DigestAuthOptions{});
  BOOST_REQUIRE(acs.server.Start().ok());
  testing::RawHttpClient first, second;
  BOOST_REQUIRE(first.ConnectTcp(acs.server.port()));
  testing::RawResponse response = transport_test::Exchange(first, "POST", "/acs");
  BOOST_REQUIRE_EQUAL(response.status, 401);
  AuthorizationHeader challenge;
  std::string www = response.Header("WWW-Authenticate");
  BOOST_REQUIRE(ParseAuthorization(www, &challenge));
  const std::string nonce = challenge.params["nonce"];
  BOOST_REQUIRE(!nonce.empty());
  auto authorization = [&](const std::string& nc) {
    return transport_test::DigestAuthorization(DigestAlgorithm::kSha256, "cpe", "s3cret",
                                               "edgecwmp", nonce, "POST", "/acs", nc, "abcdef");
  };
  auto answered_status = [&](testing::RawHttpClient& client, const std::string& nc) {
    return transport_test::Exchange(client, "POST", "/acs", "",
                                    {{"Authorization", authorization(nc)}})
        .status;
  };
  // On another connection the same (correct) answer is refused...
  BOOST_REQUIRE(second.ConnectTcp(acs.server.port()));
  BOOST_CHECK_EQUAL(answered_status(second, "00000001"), 401);
  // ...and accepted on the connection that got the challenge, once per nonce-count.
  BOOST_CHECK_EQUAL(answered_status(first, "00000001"), 200);
  BOOST_CHECK_EQUAL(answered_status(first, "00000001"), 401);
  BOOST_CHECK_EQUAL(answered_status(first, "00000002"), 200);
}

// GenieACS asks for no authentication by default, while operators often configure credentials
// anyway: over plain http the Inform must still go out whole in one request, without an empty
// "probe" POST that such an ACS refuses as a message without a session.
BOOST_AUTO_TEST_CASE(credentials_configured_for_an_acs_that_asks_for_none) {
  Seen seen;
  HttpServer acs(HttpServerOptions{}, [&](const HttpRequest& request) {
    seen.Add(request);
    return Reply(request.body.empty() ? 400 : 200);
  });
  BOOST_REQUIRE(acs.Start().ok());
  HttpSession session(AcsConfig(acs, "cpe", "s3cret"));
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 200);
  auto r = seen.All();
  BOOST_REQUIRE_EQUAL(r.size(), 1u);
  BOOST_CHECK_EQUAL(r[0].body, "<Inform/>");
  BOOST_CHECK(r[0].Header("Authorization").empty());
}

// Basic over plain http would hand the ACS password to anyone on the path: refused unless the
// operator opts in, with an error that says what to do (and no secret).
BOOST_AUTO_TEST_CASE(basic_over_plain_http_only_when_allowed) {
  DigestAcs acs(BasicOnly());
  BOOST_REQUIRE(acs.server.Start().ok());
  HttpClientConfig config = AcsConfig(acs.server, "cpe", "s3cret");
  {
    HttpSession session(config);
    HttpResponse response;
    Status status = session.Post("<Inform/>", &response);
    BOOST_CHECK(!status.ok());
    BOOST_TEST_MESSAGE(status.message());
    BOOST_CHECK(status.message().find("allow_basic_over_http") != std::string::npos);
    BOOST_CHECK(status.message().find("s3cret") == std::string::npos);
  }
  auto refused = acs.seen.All();
  BOOST_REQUIRE(!refused.empty());
  for (const auto& r : refused) BOOST_CHECK(r.Header("Authorization").empty());

  config.allow_basic_over_http = true;
  HttpSession session(config);
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 200);
  auto requests = acs.seen.All();
  BOOST_REQUIRE_EQUAL(requests.size(), refused.size() + 2);
  BOOST_CHECK(requests[refused.size()].Header("Authorization").empty());  // never volunteered
  BOOST_CHECK_EQUAL(requests.back().Header("Authorization"), "Basic Y3BlOnMzY3JldA==");
}

BOOST_AUTO_TEST_CASE(basic_over_https_is_answered) {
  testing::TempDir dir("edgecwmp-tls");
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(dir.path(), &pki, &error), error);
  HttpServerOptions tls;
  tls.tls_cert_file = pki.server_cert;
  tls.tls_key_file = pki.server_key;
  DigestAcs acs(BasicOnly(), tls);
  BOOST_REQUIRE(acs.server.Start().ok());
  HttpClientConfig config = AcsConfig(acs.server, "cpe", "s3cret");
  config.url = Url(acs.server, "/acs", "https");
  config.tls.ca_file = pki.ca_cert;
  HttpSession session(config);
  BOOST_CHECK_EQUAL(Posted(session, "<Inform/>").status, 200);
  BOOST_CHECK_EQUAL(acs.seen.All().back().Header("Authorization"), "Basic Y3BlOnMzY3JldA==");
}

// An ACS that answers an authenticated request with a 307 to location.
HttpHandler RedirectTo(std::string location) {
  return [location](const HttpRequest& r) {
    if (r.target == "/moved") return Welcome(r);
    HttpReply reply = Reply(307);
    reply.headers.emplace_back("Location", location);
    return reply;
  };
}

// Another port is another origin (scheme, host and port of acs.url): it asks for credentials and
// gets none, whatever scheme it offers.
BOOST_AUTO_TEST_CASE(credentials_never_follow_a_redirect_to_another_origin) {
  DigestAuthOptions any;
  any.allow_basic = true;
  DigestAcs elsewhere(any);
  BOOST_REQUIRE(elsewhere.server.Start().ok());
  DigestAcs acs(DigestAuthOptions{}, {}, RedirectTo(Url(elsewhere.server, "/acs")));
  BOOST_REQUIRE(acs.server.Start().ok());
  HttpClientConfig config = AcsConfig(acs.server, "cpe", "s3cret");
  config.allow_basic_over_http = true;
  HttpSession session(config);
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 401);  // the other origin's challenge, left unanswered
  BOOST_CHECK_EQUAL(session.url(), Url(elsewhere.server, "/acs"));
  response = Posted(session, "");
  BOOST_CHECK_EQUAL(response.status, 401);
  auto seen = elsewhere.seen.All();
  BOOST_REQUIRE_GE(seen.size(), 2u);
  for (const auto& r : seen) BOOST_CHECK_EQUAL(r.Header("Authorization"), "");
}

BOOST_AUTO_TEST_CASE(credentials_follow_a_same_origin_redirect) {
  DigestAcs acs(DigestAuthOptions{}, {}, RedirectTo("/moved"));
  BOOST_REQUIRE(acs.server.Start().ok());
  HttpSession session(AcsConfig(acs.server, "cpe", "s3cret"));
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "welcome");
  BOOST_CHECK_EQUAL(session.url(), Url(acs.server, "/moved"));  // no user info in it
  BOOST_CHECK_EQUAL(response.effective_url, session.url());
  auto seen = acs.seen.All();
  BOOST_REQUIRE(!seen.empty());
  BOOST_CHECK_EQUAL(seen.back().target, "/moved");
  BOOST_CHECK(seen.back().Header("Authorization").rfind("Digest ", 0) == 0);
}

BOOST_AUTO_TEST_CASE(tls_verification_and_client_certificates) {
  testing::TempDir dir("edgecwmp-tls");
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(dir.path(), &pki, &error), error);

  HttpServerOptions options;
  options.tls_cert_file = pki.server_cert;
  options.tls_key_file = pki.server_key;
  HttpServer acs(options, [](const HttpRequest&) { return Reply(200, "secure"); });
  BOOST_REQUIRE(acs.Start().ok());

  HttpClientConfig config;
  config.url = Url(acs, "/acs", "https");
  config.tls.ca_file = pki.ca_cert;
  HttpResponse response;
  {
    HttpSession good(config);
    response = Posted(good, "<Inform/>");
    BOOST_CHECK_EQUAL(response.body, "secure");
    response = Posted(good, "");
    BOOST_CHECK_EQUAL(good.connections_opened(), 1);
  }
  {
    HttpClientConfig wrong_ca = config;
    wrong_ca.tls.ca_file = pki.other_ca_cert;
    HttpSession bad(wrong_ca);
    Status status = bad.Post("<Inform/>", &response);
    BOOST_CHECK(!status.ok());
    BOOST_TEST_MESSAGE(status.message());
  }
  {
    HttpClientConfig no_verify = config;
    no_verify.tls.ca_file = pki.other_ca_cert;
    no_verify.tls.verify = false;
    HttpSession lax(no_verify);
    BOOST_CHECK(lax.Post("<Inform/>", &response).ok());
  }
  {
    HttpClientConfig wrong_host = config;
    wrong_host.url = "https://127.0.0.2:" + std::to_string(acs.port()) + "/acs";
    // The listener is on 127.0.0.1 only; 127.0.0.2 fails to connect or to verify - never passes.
    HttpSession bad_host(wrong_host);
    BOOST_CHECK(!bad_host.Post("<Inform/>", &response).ok());
  }

  HttpServerOptions mutual = options;
  mutual.tls_client_ca_file = pki.ca_cert;
  Seen seen;
  HttpServer strict(mutual, [&](const HttpRequest& r) {
    seen.Add(r);
    return Reply(200, "mutual");
  });
  BOOST_REQUIRE(strict.Start().ok());
  HttpClientConfig client = config;
  client.url = Url(strict, "/acs", "https");
  {
    HttpSession anonymous(client);
    BOOST_CHECK(!anonymous.Post("<Inform/>", &response).ok());
  }
  client.tls.client_cert = pki.client_cert;
  client.tls.client_key = pki.client_key;
  HttpSession authenticated(client);
  response = Posted(authenticated, "<Inform/>");
  BOOST_CHECK_EQUAL(response.body, "mutual");
  BOOST_CHECK_EQUAL(seen.All().size(), 1u);
}

BOOST_AUTO_TEST_CASE(redirect_is_followed_for_the_session_only) {
  Seen seen_b;
  HttpServer b(HttpServerOptions{}, [&](const HttpRequest& r) {
    seen_b.Add(r);
    HttpReply reply = Reply(200, "from b");
    if (r.Header("Cookie").empty()) reply.headers.emplace_back("Set-Cookie", "session=b");
    return reply;
  });
  BOOST_REQUIRE(b.Start().ok());
  std::atomic<int> hits_a{0};
  HttpServer a(HttpServerOptions{}, [&](const HttpRequest&) {
    ++hits_a;
    HttpReply reply = Reply(307);
    reply.headers.emplace_back("Location", Url(b, "/other"));
    return reply;
  });
  BOOST_REQUIRE(a.Start().ok());

  HttpClientConfig config = AcsConfig(a);
  HttpSession session(config);
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "from b");
  BOOST_CHECK_EQUAL(session.url(), Url(b, "/other"));
  BOOST_CHECK_EQUAL(session.redirects(), 1);
  response = Posted(session, "");
  BOOST_CHECK_EQUAL(hits_a.load(), 1);
  auto seen = seen_b.All();
  BOOST_REQUIRE_EQUAL(seen.size(), 2u);
  BOOST_CHECK_EQUAL(seen[0].method, "POST");  // a POST stays a POST
  BOOST_CHECK_EQUAL(seen[0].body, "<Inform/>");
  BOOST_CHECK_EQUAL(seen[0].target, "/other");
  BOOST_CHECK_EQUAL(seen[1].Header("Cookie"), "session=b");

  // A new session starts from the configured URL again.
  HttpSession next(config);
  response = Posted(next, "<Inform/>");
  BOOST_CHECK_EQUAL(hits_a.load(), 2);
}

BOOST_AUTO_TEST_CASE(redirect_loop_is_cut_after_the_limit) {
  std::atomic<int> hits{0};
  HttpServer* self = nullptr;
  HttpServer loop(HttpServerOptions{}, [&](const HttpRequest&) {
    ++hits;
    HttpReply reply = Reply(302);
    reply.headers.emplace_back("Location", Url(*self, "/again"));
    return reply;
  });
  self = &loop;
  BOOST_REQUIRE(loop.Start().ok());
  HttpClientConfig config = AcsConfig(loop);
  HttpSession session(config);
  HttpResponse response;
  BOOST_CHECK(!session.Post("<Inform/>", &response).ok());
  BOOST_CHECK_EQUAL(hits.load(), 6);  // the original request and five redirects
}

BOOST_AUTO_TEST_CASE(retry_after_is_parsed) {
  HttpServer busy(HttpServerOptions{}, [](const HttpRequest& r) {
    HttpReply reply = Reply(503);
    reply.headers.emplace_back("Retry-After",
                               r.target == "/date" ? "Wed, 21 Oct 2015 07:28:00 GMT" : "120");
    return reply;
  });
  BOOST_REQUIRE(busy.Start().ok());
  HttpClientConfig config = AcsConfig(busy);
  HttpSession session(config);
  HttpResponse response = Posted(session, "<Inform/>");
  BOOST_CHECK_EQUAL(response.status, 503);
  BOOST_REQUIRE(response.retry_after_seconds.has_value());
  BOOST_CHECK_EQUAL(*response.retry_after_seconds, 120u);

  config.url = Url(busy, "/date");
  HttpSession dated(config);
  response = Posted(dated, "<Inform/>");
  BOOST_REQUIRE(response.retry_after_seconds.has_value());
  BOOST_CHECK_EQUAL(*response.retry_after_seconds, 0u);  // a date in the past

  const int64_t date = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT
  BOOST_CHECK_EQUAL(*ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", date - 90), 90u);
  BOOST_CHECK_EQUAL(*ParseRetryAfter(" 7 ", 0), 7u);
  BOOST_CHECK(!ParseRetryAfter("soon", 0).has_value());
  BOOST_CHECK(!ParseRetryAfter("", 0).has_value());
}

BOOST_AUTO_TEST_CASE(oversized_response_is_refused) {
  HttpServer big(HttpServerOptions{},
                 [](const HttpRequest&) { return Reply(200, std::string(5000, 'x')); });
  BOOST_REQUIRE(big.Start().ok());
  HttpClientConfig config = AcsConfig(big);
  config.max_response_bytes = 4096;
  HttpSession session(config);
  HttpResponse response;
  Status status = session.Post("<Inform/>", &response);
  BOOST_CHECK(status.code() == Error::kResourcesExceeded);
  BOOST_CHECK(status.message().find("4096") != std::string::npos);

  config.max_response_bytes = 5000;
  HttpSession enough(config);
  response = Posted(enough, "<Inform/>");
  BOOST_CHECK_EQUAL(response.body.size(), 5000u);
}

BOOST_AUTO_TEST_CASE(unreachable_acs_is_an_error) {
  uint16_t port;
  {
    HttpServer gone(HttpServerOptions{}, [](const HttpRequest&) { return Reply(200); });
    BOOST_REQUIRE(gone.Start().ok());
    port = gone.port();
  }
  HttpClientConfig config;
  config.url = "http://127.0.0.1:" + std::to_string(port) + "/acs";
  config.connect_timeout_ms = 5000;
  HttpSession session(config);
  HttpResponse response;
  BOOST_CHECK(!session.Post("<Inform/>", &response).ok());
}

// GenieACS's exact challenge (INDEX.md): realm GenieACS, qop "auth,auth-int", no algorithm, a
// nonce valid only on the connection that received it.
BOOST_AUTO_TEST_CASE(genieacs_digest_challenge_is_answered_on_the_same_connection) {
  Seen seen;
  HttpServer acs(HttpServerOptions{}, [&](const HttpRequest& r) {
    seen.Add(r);
    const std::string nonce = "c0ffee" + std::to_string(r.connection_id);
    AuthorizationHeader auth;
    if (ParseAuthorization(r.Header("Authorization"), &auth) && auth.scheme == "Digest") {
      auto& p = auth.params;
      std::string expected =
          DigestResponse(DigestAlgorithm::kMd5, "cpe", "GenieACS", "pw", r.method, p["uri"], nonce,
                         p["nc"], p["cnonce"], p["qop"]);
      if (p["nonce"] == nonce && p["qop"] == "auth" && p["uri"] == r.target &&
          p["response"] == expected) {
        return Reply(200, "ok");
      }
    }
    HttpReply challenge = Reply(401);
    challenge.headers.emplace_back(
        "WWW-Authenticate",
        "Digest realm=\"GenieACS\",qop=\"auth,auth-int\",nonce=\"" + nonce + "\"");
    return challenge;
  });
  BOOST_REQUIRE(acs.Start().ok());
  HttpClientConfig config;
  config.url = Url(acs, "/");
  config.username = "cpe";
  config.password = "pw";
  HttpSession session(config);
  HttpResponse response;
  for (int i = 0; i < 3; ++i) {
    response = Posted(session, i == 2 ? "" : "<x/>");
    BOOST_CHECK_EQUAL(response.status, 200);
  }
  BOOST_CHECK_EQUAL(session.connections_opened(), 1);
  std::set<uint64_t> connections;
  for (const auto& r : seen.All()) connections.insert(r.connection_id);
  BOOST_CHECK_EQUAL(connections.size(), 1u);
}

}  // namespace
}  // namespace edgecwmp::cwmp
