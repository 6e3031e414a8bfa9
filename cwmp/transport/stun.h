// SPDX-License-Identifier: GPL-2.0-or-later
// STUN messages (RFC 5389) as TR-069 Annex G / TR-111 part 2 uses them: the CPE sends Binding
// Requests from its UDP connection-request socket, optionally with USERNAME + MESSAGE-INTEGRITY
// (short-term credentials: key = STUNPassword) and TR-111's attributes CONNECTION-REQUEST-BINDING
// (0xC001, value "dslforum.org/TR-111 ") and BINDING-CHANGE (0xC002, empty); the server answers
// a Binding Success Response with XOR-MAPPED-ADDRESS (or the RFC 3489 MAPPED-ADDRESS) = the
// public address and port the NAT mapped the socket to. IPv4 only (the NAT case).
//
// Decoding is strict: a wrong magic cookie, a length that is not the datagram's, an attribute
// running past the end or an unpadded length refuse the message; unknown comprehension-optional
// attributes (>= 0x8000) are skipped. All functions are pure; the fuzz target drives them.
#ifndef EDGECWMP_CWMP_TRANSPORT_STUN_H_
#define EDGECWMP_CWMP_TRANSPORT_STUN_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace edgecwmp::cwmp::stun {

inline constexpr uint32_t kMagicCookie = 0x2112A442;
inline constexpr uint16_t kBindingRequest = 0x0001;
inline constexpr uint16_t kBindingSuccess = 0x0101;
inline constexpr uint16_t kBindingError = 0x0111;

inline constexpr uint16_t kMappedAddress = 0x0001;
inline constexpr uint16_t kUsername = 0x0006;
inline constexpr uint16_t kMessageIntegrity = 0x0008;
inline constexpr uint16_t kErrorCode = 0x0009;
inline constexpr uint16_t kXorMappedAddress = 0x0020;
inline constexpr uint16_t kConnectionRequestBinding = 0xC001;  // TR-111 part 2
inline constexpr uint16_t kBindingChange = 0xC002;             // TR-111 part 2
inline constexpr char kConnectionRequestBindingValue[] = "dslforum.org/TR-111 ";

using TransactionId = std::array<uint8_t, 12>;

struct Attribute {
  uint16_t type = 0;
  std::string value;
  size_t offset = 0;  // of its header within the message (MESSAGE-INTEGRITY covers what precedes)
};

struct Message {
  uint16_t type = 0;
  TransactionId transaction{};
  std::vector<Attribute> attributes;
  const Attribute* Find(uint16_t type) const;
};

struct Endpoint {
  std::string ip;  // dotted IPv4
  uint16_t port = 0;
  std::string ToString() const { return ip + ":" + std::to_string(port); }
  bool operator==(const Endpoint& o) const { return ip == o.ip && port == o.port; }
  bool operator!=(const Endpoint& o) const { return !(*this == o); }
};

// True when |datagram| has a STUN header (first two bits 0, the magic cookie): tells a STUN
// answer from a UDP connection request ("GET ...") arriving on the same socket.
bool LooksLikeStun(std::string_view datagram);

struct BindingRequest {
  TransactionId transaction{};
  std::string username;  // "" = no USERNAME / MESSAGE-INTEGRITY
  std::string password;  // the MESSAGE-INTEGRITY key
  bool connection_request_binding = true;
  bool binding_change = false;
};
std::string EncodeBindingRequest(const BindingRequest& request);

// A Binding Success Response carrying XOR-MAPPED-ADDRESS of |mapped| (servers in tests).
std::string EncodeBindingSuccess(const TransactionId& transaction, const Endpoint& mapped,
                                 const std::string& integrity_key = "");

Status Decode(std::string_view datagram, Message* out);

// The mapped address of a decoded Binding Success Response: XOR-MAPPED-ADDRESS, else
// MAPPED-ADDRESS. With a non-empty |integrity_key| a MESSAGE-INTEGRITY the answer carries must
// match (RFC 5389 15.4); plain STUN servers (coturn --stun-only) answer without one, which is
// accepted: a forged answer could only make the CPE report a wrong address (no secret leaks).
Status MappedAddress(std::string_view datagram, const Message& message,
                     const std::string& integrity_key, Endpoint* out);

}  // namespace edgecwmp::cwmp::stun

#endif  // EDGECWMP_CWMP_TRANSPORT_STUN_H_
