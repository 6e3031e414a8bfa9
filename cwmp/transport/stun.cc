// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/stun.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cwmp/transport/digest_auth.h"

namespace edgecwmp::cwmp::stun {

namespace {

constexpr size_t kHeader = 20;
constexpr size_t kIntegrityLength = 20;  // HMAC-SHA1
constexpr uint8_t kFamilyIPv4 = 0x01;

void Put16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}

void Put32(std::string* out, uint32_t v) {
  Put16(out, static_cast<uint16_t>(v >> 16));
  Put16(out, static_cast<uint16_t>(v & 0xffff));
}

uint16_t Get16(std::string_view in, size_t at) {
  return static_cast<uint16_t>((static_cast<uint8_t>(in[at]) << 8) |
                               static_cast<uint8_t>(in[at + 1]));
}

uint32_t Get32(std::string_view in, size_t at) {
  return (static_cast<uint32_t>(Get16(in, at)) << 16) | Get16(in, at + 2);
}

void PutAttribute(std::string* out, uint16_t type, std::string_view value) {
  Put16(out, type);
  Put16(out, static_cast<uint16_t>(value.size()));
  out->append(value.data(), value.size());
  out->append((4 - value.size() % 4) % 4, '\0');
}

void SetLength(std::string* message, size_t body) {
  (*message)[2] = static_cast<char>(body >> 8);
  (*message)[3] = static_cast<char>(body & 0xff);
}

std::string Header(uint16_t type, const TransactionId& transaction) {
  std::string out;
  Put16(&out, type);
  Put16(&out, 0);
  Put32(&out, kMagicCookie);
  out.append(reinterpret_cast<const char*>(transaction.data()), transaction.size());
  return out;
}

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &n);
  return std::string(reinterpret_cast<const char*>(mac), n);
}

// RFC 5389 15.4: the HMAC covers the message up to MESSAGE-INTEGRITY, with the header's length
// counting up to and including it.
std::string IntegrityOver(std::string_view message_prefix, const std::string& key) {
  std::string covered(message_prefix);
  SetLength(&covered, covered.size() - kHeader + 4 + kIntegrityLength);
  return Hmac(key, covered);
}

// Appends MESSAGE-INTEGRITY and fixes the header length.
void Seal(std::string* message, const std::string& key) {
  if (!key.empty()) PutAttribute(message, kMessageIntegrity, IntegrityOver(*message, key));
  SetLength(message, message->size() - kHeader);
}

// IPv4 only: an IPv6 XOR-MAPPED-ADDRESS would also XOR with the transaction id.
Status DecodeAddress(const Attribute& a, Endpoint* out) {
  if (a.value.size() != 8 || static_cast<uint8_t>(a.value[1]) != kFamilyIPv4) {
    return Status::InvalidValue("STUN address is not IPv4");
  }
  uint16_t port = Get16(a.value, 2);
  uint32_t ip = Get32(a.value, 4);
  if (a.type == kXorMappedAddress) {
    port ^= static_cast<uint16_t>(kMagicCookie >> 16);
    ip ^= kMagicCookie;
  }
  in_addr addr{};
  addr.s_addr = htonl(ip);
  char text[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &addr, text, sizeof(text));
  *out = Endpoint{text, port};
  return Status::Ok();
}

}  // namespace

const Attribute* Message::Find(uint16_t wanted) const {
  for (const Attribute& a : attributes) {
    if (a.type == wanted) return &a;
  }
  return nullptr;
}

bool LooksLikeStun(std::string_view datagram) {
  return datagram.size() >= kHeader && (static_cast<uint8_t>(datagram[0]) & 0xC0) == 0 &&
         Get32(datagram, 4) == kMagicCookie;
}

std::string EncodeBindingRequest(const BindingRequest& request) {
  std::string out = Header(kBindingRequest, request.transaction);
  if (request.connection_request_binding) {
    PutAttribute(&out, kConnectionRequestBinding, kConnectionRequestBindingValue);
  }
  if (request.binding_change) PutAttribute(&out, kBindingChange, "");
  if (!request.username.empty()) PutAttribute(&out, kUsername, request.username);
  Seal(&out, request.username.empty() ? "" : request.password);
  return out;
}

std::string EncodeBindingSuccess(const TransactionId& transaction, const Endpoint& mapped,
                                 const std::string& integrity_key) {
  std::string out = Header(kBindingSuccess, transaction);
  in_addr addr{};
  inet_pton(AF_INET, mapped.ip.c_str(), &addr);
  std::string value;
  Put16(&value, kFamilyIPv4);
  Put16(&value, static_cast<uint16_t>(mapped.port ^ (kMagicCookie >> 16)));
  Put32(&value, ntohl(addr.s_addr) ^ kMagicCookie);
  PutAttribute(&out, kXorMappedAddress, value);
  Seal(&out, integrity_key);
  return out;
}

Status Decode(std::string_view datagram, Message* out) {
  if (!LooksLikeStun(datagram)) return Status::InvalidValue("not a STUN message");
  const size_t length = Get16(datagram, 2);
  if (length % 4 != 0 || kHeader + length != datagram.size()) {
    return Status::InvalidValue("STUN length does not match the datagram");
  }
  Message m;
  m.type = Get16(datagram, 0);
  for (size_t i = 0; i < m.transaction.size(); ++i) {
    m.transaction[i] = static_cast<uint8_t>(datagram[8 + i]);
  }
  for (size_t at = kHeader; at < datagram.size();) {
    if (datagram.size() - at < 4) return Status::InvalidValue("STUN attribute header cut short");
    Attribute a;
    a.type = Get16(datagram, at);
    const size_t n = Get16(datagram, at + 2);
    const size_t padded = (n + 3) / 4 * 4;
    if (datagram.size() - at - 4 < padded) return Status::InvalidValue("STUN attribute too long");
    a.value = std::string(datagram.substr(at + 4, n));
    a.offset = at;
    m.attributes.push_back(std::move(a));
    at += 4 + padded;
    if (m.attributes.size() > 64) return Status::InvalidValue("too many STUN attributes");
  }
  *out = std::move(m);
  return Status::Ok();
}

Status MappedAddress(std::string_view datagram, const Message& message,
                     const std::string& integrity_key, Endpoint* out) {
  if (message.type != kBindingSuccess) return Status::InvalidValue("not a Binding Success");
  const Attribute* integrity = message.Find(kMessageIntegrity);
  if (integrity && !integrity_key.empty()) {
    if (integrity->value.size() != kIntegrityLength ||
        !SafeEquals(integrity->value,
                    IntegrityOver(datagram.substr(0, integrity->offset), integrity_key))) {
      return Status::RequestDenied("STUN MESSAGE-INTEGRITY does not match");
    }
  }
  for (uint16_t type : {kXorMappedAddress, kMappedAddress}) {
    const Attribute* a = message.Find(type);
    // Attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are not covered: ignore them.
    if (a && integrity && a->offset > integrity->offset) continue;
    if (a) return DecodeAddress(*a, out);
  }
  return Status::InvalidValue("Binding Success without a mapped address");
}

}  // namespace edgecwmp::cwmp::stun
