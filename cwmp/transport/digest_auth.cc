// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/digest_auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <boost/beast/core/string.hpp>

#include <cctype>
#include <chrono>
#include <cstring>
#include <deque>
#include <mutex>

namespace edgecwmp::cwmp {

namespace {

namespace beast = boost::beast;

constexpr size_t kRandomBytes = 16;
constexpr size_t kTagBytes = 16;
constexpr size_t kNonceHexLength = 2 * (8 + kRandomBytes + kTagBytes);

bool DecodeBase64(std::string_view in, std::string* out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out->clear();
  uint32_t buffer = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < in.size() && in[i] != '='; ++i) {
    int v = value(in[i]);
    if (v < 0) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  for (; i < in.size(); ++i) {
    if (in[i] != '=') return false;
  }
  return true;
}

void SkipSpace(std::string_view s, size_t* i) {
  while (*i < s.size() && (s[*i] == ' ' || s[*i] == '\t')) ++*i;
}

}  // namespace

std::string Hex(const unsigned char* data, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

bool SafeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string DigestHash(DigestAlgorithm algorithm, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  const EVP_MD* type = algorithm == DigestAlgorithm::kMd5 ? EVP_md5() : EVP_sha256();
  EVP_Digest(data.data(), data.size(), md, &n, type, nullptr);
  return Hex(md, n);
}

std::string DigestResponse(DigestAlgorithm algorithm, std::string_view username,
                           std::string_view realm, std::string_view password,
                           std::string_view method, std::string_view uri, std::string_view nonce,
                           std::string_view nc, std::string_view cnonce, std::string_view qop) {
  auto join = [](std::initializer_list<std::string_view> parts) {
    std::string s;
    bool first = true;
    for (auto p : parts) {
      if (!first) s.push_back(':');
      first = false;
      s.append(p);
    }
    return s;
  };
  std::string ha1 = DigestHash(algorithm, join({username, realm, password}));
  std::string ha2 = DigestHash(algorithm, join({method, uri}));
  if (qop.empty()) return DigestHash(algorithm, join({ha1, nonce, ha2}));
  return DigestHash(algorithm, join({ha1, nonce, nc, cnonce, qop, ha2}));
}

bool ParseAuthorization(std::string_view header, AuthorizationHeader* out) {
  *out = AuthorizationHeader{};
  size_t i = 0;
  SkipSpace(header, &i);
  size_t start = i;
  while (i < header.size() && header[i] != ' ' && header[i] != '\t') ++i;
  out->scheme = std::string(header.substr(start, i - start));
  if (out->scheme.empty()) return false;
  SkipSpace(header, &i);
  std::string_view rest = header.substr(i);
  if (beast::iequals(out->scheme, "Basic")) {
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
    std::string decoded;
    if (!DecodeBase64(rest, &decoded)) return false;
    size_t colon = decoded.find(':');
    if (colon == std::string::npos) return false;
    out->basic_user = decoded.substr(0, colon);
    out->basic_password = decoded.substr(colon + 1);
    return true;
  }
  // auth-param *( "," auth-param ), auth-param = token "=" ( token / quoted-string )
  i = 0;
  while (i < rest.size()) {
    SkipSpace(rest, &i);
    if (i < rest.size() && rest[i] == ',') {
      ++i;
      continue;
    }
    size_t name_start = i;
    while (i < rest.size() && rest[i] != '=' && rest[i] != ',' && rest[i] != ' ') ++i;
    std::string name(rest.substr(name_start, i - name_start));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    SkipSpace(rest, &i);
    if (name.empty() || i >= rest.size() || rest[i] != '=') return false;
    ++i;
    SkipSpace(rest, &i);
    std::string value;
    if (i < rest.size() && rest[i] == '"') {
      ++i;
      bool closed = false;
      while (i < rest.size()) {
        char c = rest[i++];
        if (c == '\\' && i < rest.size()) {
          value.push_back(rest[i++]);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value.push_back(c);
        }
      }
      if (!closed) return false;
    } else {
      size_t value_start = i;
      while (i < rest.size() && rest[i] != ',' && rest[i] != ' ' && rest[i] != '\t') ++i;
      value = std::string(rest.substr(value_start, i - value_start));
    }
    out->params[name] = value;
    SkipSpace(rest, &i);
    if (i < rest.size() && rest[i] != ',') return false;
  }
  return true;
}

struct DigestAuthenticator::Rep {
  DigestAuthOptions options;
  unsigned char key[32];
  mutable std::mutex mu;
  struct NonceState {
    int64_t issued = 0;
    uint64_t last_nc = 0;
  };
  std::map<std::string, NonceState> nonces;
  std::deque<std::string> order;  // issue order, for eviction

  int64_t Now() const { return options.now_seconds(); }

  std::string Tag(uint64_t issued, const unsigned char* random, uint64_t binding) const {
    unsigned char message[8 + kRandomBytes + 8];
    for (int b = 0; b < 8; ++b) message[b] = static_cast<unsigned char>(issued >> (56 - 8 * b));
    std::memcpy(message + 8, random, kRandomBytes);
    for (int b = 0; b < 8; ++b) {
      message[8 + kRandomBytes + b] = static_cast<unsigned char>(binding >> (56 - 8 * b));
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key, sizeof(key), message, sizeof(message), mac, &n);
    return Hex(mac, kTagBytes);
  }

  // nonce = hex(issued time, 8 bytes) hex(random) hex(truncated HMAC over both and the binding)
  std::string NewNonce(uint64_t binding) {
    unsigned char random[kRandomBytes];
    RAND_bytes(random, sizeof(random));
    uint64_t issued = static_cast<uint64_t>(Now());
    unsigned char time_bytes[8];
    for (int b = 0; b < 8; ++b) time_bytes[b] = static_cast<unsigned char>(issued >> (56 - 8 * b));
    std::string nonce =
        Hex(time_bytes, 8) + Hex(random, kRandomBytes) + Tag(issued, random, binding);
    std::lock_guard<std::mutex> lock(mu);
    while (!order.empty() &&
           (nonces.size() >= options.max_tracked_nonces ||
            Now() - nonces.at(order.front()).issued > options.nonce_lifetime_seconds)) {
      nonces.erase(order.front());
      order.pop_front();
    }
    nonces[nonce] = NonceState{static_cast<int64_t>(issued), 0};
    order.push_back(nonce);
    return nonce;
  }

  // True when the nonce is one of ours for this binding; *issued receives its time.
  bool Authentic(const std::string& nonce, uint64_t binding, int64_t* issued) const {
    if (nonce.size() != kNonceHexLength) return false;
    unsigned char bytes[8 + kRandomBytes];
    for (size_t b = 0; b < sizeof(bytes); ++b) {
      auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
      };
      int hi = nibble(nonce[2 * b]), lo = nibble(nonce[2 * b + 1]);
      if (hi < 0 || lo < 0) return false;
      bytes[b] = static_cast<unsigned char>(hi << 4 | lo);
    }
    uint64_t t = 0;
    for (int b = 0; b < 8; ++b) t = (t << 8) | bytes[b];
    std::string expected = Tag(t, bytes + 8, binding);
    if (!SafeEquals(expected, std::string_view(nonce).substr(2 * (8 + kRandomBytes)))) return false;
    *issued = static_cast<int64_t>(t);
    return true;
  }
};

DigestAuthenticator::DigestAuthenticator(DigestAuthOptions options) : rep_(new Rep) {
  rep_->options = std::move(options);
  if (!rep_->options.now_seconds) {
    rep_->options.now_seconds = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::steady_clock::now().time_since_epoch())
                                      .count());
    };
  }
  if (rep_->options.max_tracked_nonces == 0) rep_->options.max_tracked_nonces = 1;
  RAND_bytes(rep_->key, sizeof(rep_->key));
}

DigestAuthenticator::~DigestAuthenticator() = default;

size_t DigestAuthenticator::tracked_nonces() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->nonces.size();
}

std::vector<std::string> DigestAuthenticator::Challenges(bool stale, uint64_t binding) {
  const DigestAuthOptions& o = rep_->options;
  std::vector<std::string> out;
  if (o.offer_sha256 || o.offer_md5) {
    std::string common =
        "Digest realm=\"" + o.realm + "\", qop=\"auth\", nonce=\"" + rep_->NewNonce(binding) + "\"";
    if (stale) common += ", stale=true";
    if (o.offer_sha256) out.push_back(common + ", algorithm=SHA-256");
    if (o.offer_md5) out.push_back(common + ", algorithm=MD5");
  }
  if (o.allow_basic) out.push_back("Basic realm=\"" + o.realm + "\", charset=\"UTF-8\"");
  return out;
}

AuthResult DigestAuthenticator::Check(std::string_view method, std::string_view uri,
                                      std::string_view authorization, std::string_view username,
                                      std::string_view password, uint64_t binding) {
  Rep& r = *rep_;
  if (authorization.empty()) return AuthResult::kMissing;
  AuthorizationHeader auth;
  if (!ParseAuthorization(authorization, &auth)) return AuthResult::kDenied;
  if (beast::iequals(auth.scheme, "Basic")) {
    if (!r.options.allow_basic) return AuthResult::kMissing;  // challenge with what we accept
    // Both compared whatever the first gives: the time taken tells nothing about which was wrong.
    const bool user_ok = SafeEquals(auth.basic_user, username);
    const bool password_ok = SafeEquals(auth.basic_password, password);
    return user_ok && password_ok ? AuthResult::kOk : AuthResult::kDenied;
  }
  if (!beast::iequals(auth.scheme, "Digest")) return AuthResult::kMissing;

  auto param = [&](const char* name) -> std::string {
    auto it = auth.params.find(name);
    return it == auth.params.end() ? std::string() : it->second;
  };
  std::string algorithm_name = param("algorithm");
  DigestAlgorithm algorithm;
  if (algorithm_name.empty() || beast::iequals(algorithm_name, "MD5")) {
    if (!r.options.offer_md5) return AuthResult::kDenied;
    algorithm = DigestAlgorithm::kMd5;
  } else if (beast::iequals(algorithm_name, "SHA-256")) {
    if (!r.options.offer_sha256) return AuthResult::kDenied;
    algorithm = DigestAlgorithm::kSha256;
  } else {
    return AuthResult::kDenied;
  }
  const std::string nonce = param("nonce"), nc = param("nc"), cnonce = param("cnonce");
  // qop=auth is required (RFC 7616 3.4); the request URI must be the one digested.
  if (param("qop") != "auth" || nc.size() != 8 || cnonce.empty() ||
      param("realm") != r.options.realm || param("uri") != uri ||
      !SafeEquals(param("username"), username)) {
    return AuthResult::kDenied;
  }
  int64_t issued = 0;
  if (!r.Authentic(nonce, binding, &issued)) return AuthResult::kDenied;
  std::string expected = DigestResponse(algorithm, username, r.options.realm, password, method, uri,
                                        nonce, nc, cnonce, "auth");
  if (!SafeEquals(expected, param("response"))) return AuthResult::kDenied;

  uint64_t count = 0;
  for (char c : nc) {
    int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                        : -1;
    if (v < 0) return AuthResult::kDenied;
    count = count * 16 + static_cast<uint64_t>(v);
  }
  std::lock_guard<std::mutex> lock(r.mu);
  // Valid digest on a nonce that expired or that we forgot: RFC 7616 3.3 stale=true.
  if (r.Now() - issued > r.options.nonce_lifetime_seconds) return AuthResult::kStale;
  auto it = r.nonces.find(nonce);
  if (it == r.nonces.end()) return AuthResult::kStale;
  if (count <= it->second.last_nc) return AuthResult::kDenied;  // replay
  it->second.last_nc = count;
  return AuthResult::kOk;
}

}  // namespace edgecwmp::cwmp
