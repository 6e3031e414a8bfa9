// SPDX-License-Identifier: GPL-2.0-or-later
// HTTP authentication of the CPE by the test ACS, as GenieACS 1.2.16 does it with cwmp.auth set:
// Basic, or Digest with the challenge `Digest realm="GenieACS",qop="auth,auth-int",nonce=...`
// (RFC 2617, MD5) where each nonce is bound to the TCP connection it was issued on. Not
// thread-safe: the owner serializes calls.
#ifndef EDGECWMP_TESTS_ACS_ACS_AUTH_H_
#define EDGECWMP_TESTS_ACS_ACS_AUTH_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>

#include "cwmp/transport/http_server.h"

namespace edgecwmp::acs {

enum class AuthMode { kNone, kBasic, kDigest };

struct AuthOutcome {
  bool ok = false;
  std::string challenge;  // the WWW-Authenticate value of the 401 to send when !ok
  std::string violation;  // set when the client broke a rule (a nonce from another connection)
};

class AcsAuthenticator {
 public:
  AcsAuthenticator(AuthMode mode, std::string username, std::string password);

  AuthOutcome Check(const cwmp::HttpRequest& request);
  AuthMode mode() const { return mode_; }

 private:
  std::string NewNonce(uint64_t connection_id);
  AuthOutcome Refuse(uint64_t connection_id, std::string violation = "");

  AuthMode mode_;
  std::string username_, password_;
  std::map<std::string, uint64_t> nonce_connection_;  // nonce → connection it was issued on
  std::mt19937_64 random_;
};

// Lower-case hex MD5 of `data` (Digest's H()).
std::string Md5Hex(std::string_view data);

// The key=value pairs of a Digest Authorization header (quotes removed, keys lower-case).
std::map<std::string, std::string> ParseDigestParams(std::string_view header_value);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_ACS_AUTH_H_
