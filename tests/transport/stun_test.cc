// SPDX-License-Identifier: GPL-2.0-or-later
// The STUN codec (RFC 5389) against RFC 5769's IPv4 test vector (XOR-MAPPED-ADDRESS,
// MESSAGE-INTEGRITY, FINGERPRINT), TR-111's Binding Request attributes, and malformed input.
#define BOOST_TEST_MODULE stun_tests
#include <boost/test/unit_test.hpp>

#include <string>

#include "cwmp/transport/stun.h"

namespace edgecwmp::cwmp::stun {
namespace {

// RFC 5769 2.2, "Sample IPv4 Response": 192.0.2.1:32853, password "VOkJxbRl1RmTxUk/WvJxBt".
const unsigned char kRfc5769Response[] = {
    0x01, 0x01, 0x00, 0x3c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86,
    0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63,
    0x74, 0x6f, 0x72, 0x20, 0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43,
    0x00, 0x08, 0x00, 0x14, 0x2b, 0x91, 0xf5, 0x99, 0xfd, 0x9e, 0x90, 0xc3, 0x8c, 0x74, 0x89, 0xf9,
    0x2a, 0xf9, 0xba, 0x53, 0xf0, 0x6b, 0xe7, 0xd7, 0x80, 0x28, 0x00, 0x04, 0xc0, 0x7d, 0x4c, 0x96};
const char kRfc5769Password[] = "VOkJxbRl1RmTxUk/WvJxBt";

std::string Rfc5769() {
  return std::string(reinterpret_cast<const char*>(kRfc5769Response), sizeof(kRfc5769Response));
}

BOOST_AUTO_TEST_CASE(reads_the_rfc5769_ipv4_response) {
  const std::string datagram = Rfc5769();
  BOOST_REQUIRE(LooksLikeStun(datagram));
  Message m;
  BOOST_REQUIRE(Decode(datagram, &m).ok());
  BOOST_CHECK_EQUAL(m.type, kBindingSuccess);
  BOOST_CHECK_EQUAL(m.attributes.size(), 4u);
  Endpoint mapped;
  BOOST_REQUIRE(MappedAddress(datagram, m, kRfc5769Password, &mapped).ok());
  BOOST_CHECK_EQUAL(mapped.ToString(), "192.0.2.1:32853");
  // The wrong key fails MESSAGE-INTEGRITY; no key skips the check.
  BOOST_CHECK(!MappedAddress(datagram, m, "wrong", &mapped).ok());
  BOOST_CHECK(MappedAddress(datagram, m, "", &mapped).ok());
  // One flipped bit in the covered part fails it too.
  std::string tampered = datagram;
  tampered[44] ^= 1;
  BOOST_REQUIRE(Decode(tampered, &m).ok());
  BOOST_CHECK(!MappedAddress(tampered, m, kRfc5769Password, &mapped).ok());
}

BOOST_AUTO_TEST_CASE(binding_request_carries_the_tr111_attributes) {
  BindingRequest request;
  request.transaction = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  request.binding_change = true;
  const std::string datagram = EncodeBindingRequest(request);
  Message m;
  BOOST_REQUIRE(Decode(datagram, &m).ok());
  BOOST_CHECK_EQUAL(m.type, kBindingRequest);
  BOOST_CHECK(m.transaction == request.transaction);
  const Attribute* binding = m.Find(kConnectionRequestBinding);
  BOOST_REQUIRE(binding);
  BOOST_CHECK_EQUAL(binding->value, "dslforum.org/TR-111 ");
  BOOST_REQUIRE(m.Find(kBindingChange));
  BOOST_CHECK(m.Find(kBindingChange)->value.empty());
  BOOST_CHECK(!m.Find(kUsername));
  BOOST_CHECK(!m.Find(kMessageIntegrity));
  request.binding_change = false;
  BOOST_REQUIRE(Decode(EncodeBindingRequest(request), &m).ok());
  BOOST_CHECK(!m.Find(kBindingChange));
}

BOOST_AUTO_TEST_CASE(binding_request_with_username_is_signed) {
  BindingRequest request;
  request.transaction = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
  request.username = "stun-user";
  request.password = "stun-pass";
  const std::string datagram = EncodeBindingRequest(request);
  Message m;
  BOOST_REQUIRE(Decode(datagram, &m).ok());
  BOOST_REQUIRE(m.Find(kUsername));
  BOOST_CHECK_EQUAL(m.Find(kUsername)->value, "stun-user");
  const Attribute* integrity = m.Find(kMessageIntegrity);
  BOOST_REQUIRE(integrity);
  BOOST_CHECK_EQUAL(integrity->value.size(), 20u);
  BOOST_CHECK_EQUAL(integrity->offset + 24, datagram.size());  // the last attribute
  // A response sealed with the same key reads back; with another key it is refused.
  const std::string answer =
      EncodeBindingSuccess(request.transaction, {"198.51.100.1", 40000}, "stun-pass");
  BOOST_REQUIRE(Decode(answer, &m).ok());
  Endpoint mapped;
  BOOST_REQUIRE(MappedAddress(answer, m, "stun-pass", &mapped).ok());
  BOOST_CHECK_EQUAL(mapped.ToString(), "198.51.100.1:40000");
  BOOST_CHECK(!MappedAddress(answer, m, "other", &mapped).ok());
}

BOOST_AUTO_TEST_CASE(plain_mapped_address_is_read_when_there_is_no_xor_one) {
  // RFC 3489 servers answer MAPPED-ADDRESS (not XOR'd): 198.51.100.7:3478.
  const unsigned char answer[] = {0x01, 0x01, 0x00, 0x0c, 0x21, 0x12, 0xa4, 0x42, 1,   2,    3,
                                  4,    5,    6,    7,    8,    9,    10,   11,   12,  0x00, 0x01,
                                  0x00, 0x08, 0x00, 0x01, 0x0d, 0x96, 198,  51,   100, 7};
  const std::string datagram(reinterpret_cast<const char*>(answer), sizeof(answer));
  Message m;
  BOOST_REQUIRE(Decode(datagram, &m).ok());
  Endpoint mapped;
  BOOST_REQUIRE(MappedAddress(datagram, m, "", &mapped).ok());
  BOOST_CHECK_EQUAL(mapped.ToString(), "198.51.100.7:3478");
}

BOOST_AUTO_TEST_CASE(malformed_messages_are_refused) {
  const std::string good = Rfc5769();
  Message m;
  std::string wrong_cookie = good;
  wrong_cookie[4] = 0;
  std::string long_length = good;
  long_length[3] = 0x40;
  std::string attribute_overrun = good;
  attribute_overrun[23] = 0x7f;  // SOFTWARE claims 127 bytes
  std::string top_bits = good;
  top_bits[0] = static_cast<char>(0x80);
  const std::string bad[] = {"",
                             good.substr(0, 19),
                             good.substr(0, good.size() - 4),
                             wrong_cookie,
                             long_length,
                             attribute_overrun,
                             top_bits,
                             "GET http://h:1?ts=1 HTTP/1.1\r\n\r\n"};
  for (const auto& d : bad) BOOST_CHECK(!Decode(d, &m).ok());
  // A Binding Request (or error) is no answer; a success without an address neither.
  BindingRequest request;
  const std::string as_request = EncodeBindingRequest(request);
  BOOST_REQUIRE(Decode(as_request, &m).ok());
  Endpoint mapped;
  BOOST_CHECK(!MappedAddress(as_request, m, "", &mapped).ok());
}

}  // namespace
}  // namespace edgecwmp::cwmp::stun
