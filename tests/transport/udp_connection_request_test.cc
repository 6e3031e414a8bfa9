// SPDX-License-Identifier: GPL-2.0-or-later
// UDP connection requests (TR-069 Annex G.2.2) in GenieACS's exact text: parsing, the HMAC-SHA1
// signature (checked against a vector computed independently with Python's hmac module), the
// user name, ts freshness, replayed ids (the 3 copies GenieACS sends) and bounded memory.
#define BOOST_TEST_MODULE udp_connection_request_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "cwmp/transport/udp_connection_request.h"

namespace edgecwmp::cwmp {
namespace {

constexpr int64_t kTs = 1733520000;
const char kUser[] = "00D0B7-EdgeGW-E2E0001";
const char kPassword[] = "Secr3t";

UdpConnectionRequest Request(const std::string& id = "3141592653", int64_t ts = kTs) {
  UdpConnectionRequest r;
  r.ts = std::to_string(ts);
  r.id = id;
  r.un = kUser;
  r.cn = "0123456789abcdef";
  r.sig = UdpConnectionRequestSignature(r, kPassword);
  return r;
}

std::string Datagram(const UdpConnectionRequest& r) {
  return FormatUdpConnectionRequest(r, "198.51.100.1", 41234);
}

BOOST_AUTO_TEST_CASE(signature_matches_an_independent_hmac_sha1) {
  // python3: hmac.new(b"Secr3t", b"1733520000" b"3141592653" b"00D0B7-EdgeGW-E2E0001"
  //                   b"0123456789abcdef", hashlib.sha1).hexdigest()
  BOOST_CHECK_EQUAL(Request().sig, "e7dd0d4eb55fe09bf201a74303be31c8601b2c3f");
}

BOOST_AUTO_TEST_CASE(parses_the_genieacs_text) {
  const std::string text =
      "GET http://198.51.100.1:41234?ts=1733520000&id=3141592653&un=00D0B7-EdgeGW-E2E0001"
      "&cn=0123456789abcdef&sig=e7dd0d4eb55fe09bf201a74303be31c8601b2c3f HTTP/1.1\r\n"
      "Host: 198.51.100.1:41234\r\n\r\n";
  BOOST_CHECK_EQUAL(Datagram(Request()), text);
  UdpConnectionRequest r;
  BOOST_REQUIRE(ParseUdpConnectionRequest(text, &r).ok());
  BOOST_CHECK_EQUAL(r.ts, "1733520000");
  BOOST_CHECK_EQUAL(r.id, "3141592653");
  BOOST_CHECK_EQUAL(r.un, kUser);
  BOOST_CHECK_EQUAL(r.cn, "0123456789abcdef");
  UdpConnectionRequestValidator validator;
  BOOST_CHECK(validator.Check(text, kUser, kPassword, kTs + 5) == UdpVerdict::kAccept);
}

BOOST_AUTO_TEST_CASE(percent_encoded_user_names_are_decoded_before_signing) {
  UdpConnectionRequest r = Request();
  r.un = "a b&c";
  r.sig = UdpConnectionRequestSignature(r, kPassword);
  UdpConnectionRequest encoded = r;
  encoded.un = "a%20b%26c";
  UdpConnectionRequestValidator validator;
  BOOST_CHECK(validator.Check(Datagram(encoded), "a b&c", kPassword, kTs) == UdpVerdict::kAccept);
}

BOOST_AUTO_TEST_CASE(malformed_datagrams_are_refused) {
  const std::string good = Datagram(Request());
  UdpConnectionRequest r;
  const std::string bad[] = {
      "",
      "POST" + good.substr(3),
      good.substr(0, good.find(" HTTP/1.1")) + " HTTP/1.0\r\n\r\n",
      "GET http://h:1?ts=1&id=2&un=u&cn=c HTTP/1.1\r\n\r\n",             // no sig
      "GET http://h:1?ts=x&id=2&un=u&cn=c&sig=s HTTP/1.1\r\n\r\n",       // ts not a number
      "GET http://h:1?ts=1&ts=1&id=2&un=u&cn=c&sig=s HTTP/1.1\r\n\r\n",  // repeated argument
      "GET http://h:1?ts=1&id=2&un=%zz&cn=c&sig=s HTTP/1.1\r\n\r\n",     // bad escape
      "GET http://h:1?ts=1&id=2&un=%2&cn=c&sig=s HTTP/1.1\r\n\r\n",      // truncated escape
      "GET http://h:1?ts=1&id=2&un=u&cn=c&sig=s HTTP/1.1",               // no line end
      good + std::string(4096, 'x'),                                     // oversized
  };
  for (const auto& text : bad) BOOST_CHECK(!ParseUdpConnectionRequest(text, &r).ok());
}

BOOST_AUTO_TEST_CASE(wrong_user_password_or_tampering_is_refused) {
  UdpConnectionRequestValidator validator;
  const std::string good = Datagram(Request());
  BOOST_CHECK(validator.Check(good, "someone-else", kPassword, kTs) == UdpVerdict::kWrongUser);
  BOOST_CHECK(validator.Check(good, kUser, "wrong", kTs) == UdpVerdict::kBadSignature);
  UdpConnectionRequest tampered = Request();
  tampered.cn = "fedcba9876543210";  // signature of the original
  BOOST_CHECK(validator.Check(Datagram(tampered), kUser, kPassword, kTs) ==
              UdpVerdict::kBadSignature);
  // Upper-case hex is the same signature.
  UdpConnectionRequest upper = Request("77");
  for (char& c : upper.sig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  BOOST_CHECK(validator.Check(Datagram(upper), kUser, kPassword, kTs) == UdpVerdict::kAccept);
}

BOOST_AUTO_TEST_CASE(ts_must_be_fresh_either_way) {
  UdpConnectionRequestValidatorOptions options;
  options.freshness_window_seconds = 300;
  UdpConnectionRequestValidator validator(options);
  BOOST_CHECK(validator.Check(Datagram(Request("1", kTs - 301)), kUser, kPassword, kTs) ==
              UdpVerdict::kStale);
  BOOST_CHECK(validator.Check(Datagram(Request("2", kTs + 301)), kUser, kPassword, kTs) ==
              UdpVerdict::kStale);
  BOOST_CHECK(validator.Check(Datagram(Request("3", kTs - 300)), kUser, kPassword, kTs) ==
              UdpVerdict::kAccept);
  BOOST_CHECK(validator.Check(Datagram(Request("4", kTs + 300)), kUser, kPassword, kTs) ==
              UdpVerdict::kAccept);
}

BOOST_AUTO_TEST_CASE(the_three_copies_are_accepted_once_and_ids_never_twice) {
  UdpConnectionRequestValidator validator;
  const std::string copy = Datagram(Request("42"));
  int accepted = 0;
  for (int i = 0; i < 3; ++i)
    accepted += validator.Check(copy, kUser, kPassword, kTs) == UdpVerdict::kAccept;
  BOOST_CHECK_EQUAL(accepted, 1);
  BOOST_CHECK(validator.Check(copy, kUser, kPassword, kTs) == UdpVerdict::kReplay);
  // The same id with a new ts and nonce (properly signed) is still a replay while remembered.
  UdpConnectionRequest again = Request("42", kTs + 10);
  again.cn = "aaaaaaaaaaaaaaaa";
  again.sig = UdpConnectionRequestSignature(again, kPassword);
  BOOST_CHECK(validator.Check(Datagram(again), kUser, kPassword, kTs + 10) == UdpVerdict::kReplay);
}

BOOST_AUTO_TEST_CASE(remembered_ids_are_bounded_and_fail_closed) {
  UdpConnectionRequestValidatorOptions options;
  options.max_remembered_ids = 4;
  options.freshness_window_seconds = 60;
  UdpConnectionRequestValidator validator(options);
  for (int i = 0; i < 4; ++i) {
    BOOST_CHECK(validator.Check(Datagram(Request(std::to_string(i))), kUser, kPassword, kTs) ==
                UdpVerdict::kAccept);
  }
  // All four still fresh: a fifth is refused rather than one forgotten early.
  BOOST_CHECK(validator.Check(Datagram(Request("5")), kUser, kPassword, kTs) ==
              UdpVerdict::kTooMany);
  BOOST_CHECK_EQUAL(validator.remembered_ids(), 4u);
  // Once they are stale they make room; a stale id cannot be replayed (its ts is stale too).
  BOOST_CHECK(validator.Check(Datagram(Request("5", kTs + 100)), kUser, kPassword, kTs + 100) ==
              UdpVerdict::kAccept);
  BOOST_CHECK_EQUAL(validator.remembered_ids(), 1u);
  BOOST_CHECK(validator.Check(Datagram(Request("0")), kUser, kPassword, kTs + 100) ==
              UdpVerdict::kStale);
}

}  // namespace
}  // namespace edgecwmp::cwmp
