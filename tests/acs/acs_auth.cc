// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/acs_auth.h"

#include <openssl/evp.h>

#include <cctype>
#include <cstdio>
#include <vector>

namespace edgecwmp::acs {

namespace {

constexpr const char* kRealm = "GenieACS";

std::string ToHex(const unsigned char* data, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string Base64Decode(std::string_view in) {
  std::vector<unsigned char> out(in.size());
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return "";
  size_t len = static_cast<size_t>(n);
  for (size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) --len;  // EVP pads with NULs
  return std::string(reinterpret_cast<char*>(out.data()), len);
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

}  // namespace

std::string Md5Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr);
  return ToHex(digest, len);
}

std::map<std::string, std::string> ParseDigestParams(std::string_view v) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  if (StartsWithNoCase(v, "Digest")) i = 6;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == ',' || v[i] == '\t')) ++i;
    size_t eq = v.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string key;
    for (size_t k = i; k < eq; ++k)
      if (v[k] != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(v[k])));
    i = eq + 1;
    std::string value;
    if (i < v.size() && v[i] == '"') {
      for (++i; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        value += v[i];
      }
      ++i;
    } else {
      while (i < v.size() && v[i] != ',') value += v[i++];
      while (!value.empty() && value.back() == ' ') value.pop_back();
    }
    out[key] = value;
  }
  return out;
}

AcsAuthenticator::AcsAuthenticator(AuthMode mode, std::string username, std::string password)
    : mode_(mode),
      username_(std::move(username)),
      password_(std::move(password)),
      random_(std::random_device{}()) {}

std::string AcsAuthenticator::NewNonce(uint64_t connection_id) {
  char buf[33];
  std::snprintf(buf, sizeof(buf), "%016llx%016llx", static_cast<unsigned long long>(random_()),
                static_cast<unsigned long long>(random_()));
  nonce_connection_[buf] = connection_id;
  return buf;
}

AuthOutcome AcsAuthenticator::Refuse(uint64_t connection_id, std::string violation) {
  AuthOutcome out;
  out.violation = std::move(violation);
  if (mode_ == AuthMode::kBasic) {
    out.challenge = std::string("Basic realm=\"") + kRealm + "\"";
  } else {
    out.challenge = std::string("Digest realm=\"") + kRealm + "\",qop=\"auth,auth-int\",nonce=\"" +
                    NewNonce(connection_id) + "\"";
  }
  return out;
}

AuthOutcome AcsAuthenticator::Check(const cwmp::HttpRequest& request) {
  if (mode_ == AuthMode::kNone) return {true, "", ""};
  const std::string header = request.Header("Authorization");
  if (mode_ == AuthMode::kBasic) {
    if (!StartsWithNoCase(header, "Basic ")) return Refuse(request.connection_id);
    std::string_view token(header);
    token.remove_prefix(6);
    if (Base64Decode(token) != username_ + ":" + password_) return Refuse(request.connection_id);
    return {true, "", ""};
  }
  if (!StartsWithNoCase(header, "Digest ")) return Refuse(request.connection_id);
  auto p = ParseDigestParams(header);
  auto nonce = nonce_connection_.find(p["nonce"]);
  if (nonce == nonce_connection_.end()) return Refuse(request.connection_id);
  if (nonce->second != request.connection_id) {
    return Refuse(request.connection_id,
                  "Digest nonce issued on TCP connection " + std::to_string(nonce->second) +
                      " was used on connection " + std::to_string(request.connection_id));
  }
  if (p["username"] != username_ || p["realm"] != kRealm || p["uri"] != request.target)
    return Refuse(request.connection_id);
  const std::string& qop = p["qop"];
  std::string ha1 = Md5Hex(username_ + ":" + kRealm + ":" + password_);
  std::string a2 = request.method + ":" + p["uri"];
  if (qop == "auth-int") a2 += ":" + Md5Hex(request.body);
  std::string ha2 = Md5Hex(a2);
  std::string expected = qop.empty() ? Md5Hex(ha1 + ":" + p["nonce"] + ":" + ha2)
                                     : Md5Hex(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" +
                                              p["cnonce"] + ":" + qop + ":" + ha2);
  if ((qop != "" && qop != "auth" && qop != "auth-int") || p["response"] != expected)
    return Refuse(request.connection_id);
  return {true, "", ""};
}

}  // namespace edgecwmp::acs
