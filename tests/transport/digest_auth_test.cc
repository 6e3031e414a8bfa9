// SPDX-License-Identifier: GPL-2.0-or-later
// DigestAuth: RFC 7616 / RFC 2617 vectors, header parsing, and the authenticator's nonce rules
// (expiry → stale, forgery, binding, replay, bounded memory) on an injected clock.
#include <boost/test/unit_test.hpp>

#include "cwmp/transport/digest_auth.h"
#include "tests/transport/transport_test_util.h"

namespace edgecwmp::cwmp {
namespace {

BOOST_AUTO_TEST_CASE(rfc7616_section_3_9_1_vectors) {
  const char* nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  const char* cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  BOOST_CHECK_EQUAL(
      DigestResponse(DigestAlgorithm::kMd5, "Mufasa", "http-auth@example.org", "Circle of Life",
                     "GET", "/dir/index.html", nonce, "00000001", cnonce, "auth"),
      "8ca523f5e9506fed4657c9700eebdbec");
  BOOST_CHECK_EQUAL(
      DigestResponse(DigestAlgorithm::kSha256, "Mufasa", "http-auth@example.org", "Circle of Life",
                     "GET", "/dir/index.html", nonce, "00000001", cnonce, "auth"),
      "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

BOOST_AUTO_TEST_CASE(rfc2617_section_3_5_vector) {
  BOOST_CHECK_EQUAL(
      DigestResponse(DigestAlgorithm::kMd5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                     "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                     "0a4f113b", "auth"),
      "6629fae49393a05397450978507c4ef1");
  BOOST_CHECK_EQUAL(DigestHash(DigestAlgorithm::kMd5, ""), "d41d8cd98f00b204e9800998ecf8427e");
}

BOOST_AUTO_TEST_CASE(authorization_header_parsing) {
  AuthorizationHeader h;
  BOOST_REQUIRE(ParseAuthorization(
      "Digest username=\"Mu\\\"fasa\", realm=\"a, b\",nonce=\"n\",  uri=\"/x?y=1,2\", "
      "qop=auth, nc=00000001, cnonce=\"c\", response=\"r\", Algorithm=SHA-256",
      &h));
  BOOST_CHECK_EQUAL(h.scheme, "Digest");
  BOOST_CHECK_EQUAL(h.params["username"], "Mu\"fasa");
  BOOST_CHECK_EQUAL(h.params["realm"], "a, b");
  BOOST_CHECK_EQUAL(h.params["uri"], "/x?y=1,2");
  BOOST_CHECK_EQUAL(h.params["qop"], "auth");
  BOOST_CHECK_EQUAL(h.params["nc"], "00000001");
  BOOST_CHECK_EQUAL(h.params["algorithm"], "SHA-256");

  BOOST_REQUIRE(ParseAuthorization("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", &h));
  BOOST_CHECK_EQUAL(h.basic_user, "Aladdin");
  BOOST_CHECK_EQUAL(h.basic_password, "open sesame");
  BOOST_REQUIRE(ParseAuthorization("Basic dTpwOmM=", &h));  // "u:p:c": password keeps colons
  BOOST_CHECK_EQUAL(h.basic_password, "p:c");

  BOOST_CHECK(!ParseAuthorization("Basic !!!", &h));
  BOOST_CHECK(!ParseAuthorization("Digest username=\"open", &h));
  BOOST_CHECK(!ParseAuthorization("", &h));
}

// A client computing answers to an authenticator's challenge.
struct Client {
  std::string nonce;
  DigestAlgorithm algorithm = DigestAlgorithm::kMd5;
  std::string Answer(const std::string& password, const std::string& nc,
                     const std::string& uri = "/cr", const std::string& method = "GET",
                     const std::string& realm = "edgecwmp") const {
    return transport_test::DigestAuthorization(algorithm, "acs", password, realm, nonce, method,
                                               uri, nc, "0a4f113b");
  }
};

std::string NonceOf(const std::string& challenge) {
  AuthorizationHeader h;
  BOOST_REQUIRE(ParseAuthorization(challenge, &h));
  return h.params["nonce"];
}

struct Fixture {
  int64_t now = 1000;
  DigestAuthenticator auth{[this] {
    DigestAuthOptions o;
    o.nonce_lifetime_seconds = 60;
    o.max_tracked_nonces = 8;
    o.now_seconds = [this] { return now; };
    return o;
  }()};
  AuthResult Check(const std::string& header, uint64_t binding = 0,
                   const std::string& uri = "/cr") {
    return auth.Check("GET", uri, header, "acs", "pw", binding);
  }
};

BOOST_FIXTURE_TEST_CASE(challenge_answer_and_replay, Fixture) {
  auto challenges = auth.Challenges(false);
  BOOST_REQUIRE_EQUAL(challenges.size(), 2u);  // SHA-256 first, then MD5, one nonce
  BOOST_CHECK(challenges[0].find("algorithm=SHA-256") != std::string::npos);
  BOOST_CHECK(challenges[1].find("algorithm=MD5") != std::string::npos);
  BOOST_CHECK(challenges[0].find("qop=\"auth\"") != std::string::npos);
  BOOST_CHECK(challenges[0].find("stale") == std::string::npos);
  BOOST_CHECK_EQUAL(NonceOf(challenges[0]), NonceOf(challenges[1]));

  Client c{NonceOf(challenges[1])};
  BOOST_CHECK(Check("") == AuthResult::kMissing);
  BOOST_CHECK(Check(c.Answer("wrong", "00000001")) == AuthResult::kDenied);
  BOOST_CHECK(Check(c.Answer("pw", "00000001")) == AuthResult::kOk);
  BOOST_CHECK(Check(c.Answer("pw", "00000001")) == AuthResult::kDenied);  // replay
  BOOST_CHECK(Check(c.Answer("pw", "00000002")) == AuthResult::kOk);
  BOOST_CHECK(Check(c.Answer("pw", "0000000a")) == AuthResult::kOk);
  BOOST_CHECK(Check(c.Answer("pw", "00000003")) == AuthResult::kDenied);  // went backwards
  c.algorithm = DigestAlgorithm::kSha256;
  BOOST_CHECK(Check(c.Answer("pw", "0000000b")) == AuthResult::kOk);
  // The digest covers the URI and the method.
  BOOST_CHECK(Check(c.Answer("pw", "0000000c", "/other")) == AuthResult::kDenied);
  BOOST_CHECK(auth.Check("POST", "/cr", c.Answer("pw", "0000000d", "/cr", "POST"), "acs", "pw") ==
              AuthResult::kOk);
  BOOST_CHECK(auth.Check("POST", "/cr", c.Answer("pw", "0000000e"), "acs", "pw") ==
              AuthResult::kDenied);
  BOOST_CHECK(Check(c.Answer("pw", "0000000f", "/cr", "GET", "other")) == AuthResult::kDenied);
  BOOST_CHECK(auth.Check("GET", "/cr", c.Answer("pw", "00000010"), "someone", "pw") ==
              AuthResult::kDenied);
}

BOOST_FIXTURE_TEST_CASE(expired_nonce_is_stale_only_with_the_right_password, Fixture) {
  Client c{NonceOf(auth.Challenges(false)[0])};
  now += 61;
  BOOST_CHECK(Check(c.Answer("pw", "00000001")) == AuthResult::kStale);
  BOOST_CHECK(Check(c.Answer("wrong", "00000001")) == AuthResult::kDenied);
  auto fresh = auth.Challenges(true);
  BOOST_CHECK(fresh[0].find("stale=true") != std::string::npos);
  Client d{NonceOf(fresh[0])};
  BOOST_CHECK(Check(d.Answer("pw", "00000001")) == AuthResult::kOk);
}

BOOST_FIXTURE_TEST_CASE(forged_and_foreign_nonces_are_refused, Fixture) {
  std::string nonce = NonceOf(auth.Challenges(false, 7)[0]);
  Client c{nonce};
  BOOST_CHECK(Check(c.Answer("pw", "00000001"), 8) == AuthResult::kDenied);  // other connection
  std::string forged = nonce;
  forged[0] = forged[0] == 'f' ? 'e' : 'f';  // e.g. pretend a later issue time
  Client f{forged};
  BOOST_CHECK(Check(f.Answer("pw", "00000001"), 7) == AuthResult::kDenied);
  Client made_up{"0123456789abcdef"};
  BOOST_CHECK(Check(made_up.Answer("pw", "00000001"), 7) == AuthResult::kDenied);
  BOOST_CHECK(Check(c.Answer("pw", "00000001"), 7) == AuthResult::kOk);
}

BOOST_FIXTURE_TEST_CASE(tracked_nonces_are_bounded, Fixture) {
  Client first{NonceOf(auth.Challenges(false)[0])};
  for (int i = 0; i < 100; ++i) auth.Challenges(false);
  BOOST_CHECK_LE(auth.tracked_nonces(), 8u);
  // Forgotten but genuine and unexpired: answered stale so the client simply retries.
  BOOST_CHECK(Check(first.Answer("pw", "00000001")) == AuthResult::kStale);
}

BOOST_AUTO_TEST_CASE(basic_only_when_allowed) {
  DigestAuthOptions options;
  DigestAuthenticator digest_only(options);
  const std::string basic = "Basic YWNzOnB3";  // acs:pw
  BOOST_CHECK(digest_only.Check("GET", "/", basic, "acs", "pw") == AuthResult::kMissing);
  for (const auto& c : digest_only.Challenges(false)) BOOST_CHECK(c.rfind("Digest ", 0) == 0);

  options.allow_basic = true;
  DigestAuthenticator with_basic(options);
  BOOST_CHECK(with_basic.Check("GET", "/", basic, "acs", "pw") == AuthResult::kOk);
  BOOST_CHECK(with_basic.Check("GET", "/", "Basic YWNzOnB4", "acs", "pw") == AuthResult::kDenied);
  auto challenges = with_basic.Challenges(false);
  BOOST_REQUIRE_EQUAL(challenges.size(), 3u);
  BOOST_CHECK(challenges.back().rfind("Basic realm=", 0) == 0);  // Digest stays first
}

}  // namespace
}  // namespace edgecwmp::cwmp
