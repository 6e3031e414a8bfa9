// SPDX-License-Identifier: GPL-2.0-or-later
// Server-side HTTP authentication (RFC 7616 Digest with MD5 and SHA-256, qop=auth; RFC 7617 Basic
// only when allowed). Nonces are random, carry their issue time and an HMAC tag (so forged ones are
// refused and expired ones answered with stale=true), may be bound to a value such as a connection
// id, and each nonce's nonce-count must grow (replays are refused). Thread-safe.
#ifndef EDGECWMP_CWMP_TRANSPORT_DIGEST_AUTH_H_
#define EDGECWMP_CWMP_TRANSPORT_DIGEST_AUTH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace edgecwmp::cwmp {

enum class DigestAlgorithm { kMd5, kSha256 };

// Lower-case hex of data[0..n).
std::string Hex(const unsigned char* data, size_t n);
// Equal contents, compared in time independent of where they differ (secrets, MACs).
bool SafeEquals(std::string_view a, std::string_view b);

// Lower-case hex of the algorithm's hash of data.
std::string DigestHash(DigestAlgorithm algorithm, std::string_view data);

// RFC 7616 3.4.1 "response" for qop=auth (or qop empty = RFC 2069 form).
std::string DigestResponse(DigestAlgorithm algorithm, std::string_view username,
                           std::string_view realm, std::string_view password,
                           std::string_view method, std::string_view uri, std::string_view nonce,
                           std::string_view nc, std::string_view cnonce, std::string_view qop);

// An Authorization header split into its scheme and parameters (names lower-cased); for Basic,
// the decoded user and password.
struct AuthorizationHeader {
  std::string scheme;  // "Digest", "Basic", ... as sent
  std::map<std::string, std::string> params;
  std::string basic_user, basic_password;
};
bool ParseAuthorization(std::string_view header, AuthorizationHeader* out);

struct DigestAuthOptions {
  std::string realm = "edgecwmp";
  bool offer_sha256 = true;
  bool offer_md5 = true;
  bool allow_basic = false;  // Basic only when configured
  int64_t nonce_lifetime_seconds = 300;
  size_t max_tracked_nonces = 256;       // bounds memory under a flood; oldest forgotten first
  std::function<int64_t()> now_seconds;  // clock for nonce ages; default: steady clock
};

enum class AuthResult {
  kOk,
  kMissing,  // no (usable) Authorization header: challenge
  kDenied,   // wrong credentials, forged or replayed nonce, wrong realm/uri/algorithm
  kStale,    // right credentials on an expired or forgotten nonce: challenge with stale=true
};

class DigestAuthenticator {
 public:
  explicit DigestAuthenticator(DigestAuthOptions options);
  ~DigestAuthenticator();
  DigestAuthenticator(const DigestAuthenticator&) = delete;
  DigestAuthenticator& operator=(const DigestAuthenticator&) = delete;

  // Checks a request's Authorization header against the expected credentials. binding must equal
  // the one the nonce was issued with (0 when unused).
  AuthResult Check(std::string_view method, std::string_view uri, std::string_view authorization,
                   std::string_view username, std::string_view password, uint64_t binding = 0);

  // WWW-Authenticate values for a 401: Digest SHA-256 then MD5 (RFC 7616 3.7 order of preference)
  // sharing one fresh nonce, then Basic when allowed. Clients that merge the headers into one list
  // (GenieACS) end up on MD5, which is the one they compute.
  std::vector<std::string> Challenges(bool stale, uint64_t binding = 0);

  size_t tracked_nonces() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_TRANSPORT_DIGEST_AUTH_H_
