// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the connection-request listener's request handling: the raw bytes go through Beast's
// request parser with the listener's limits (as cwmp/http_server.cc reads them), then through
// ConnectionRequestServer::Answer, Digest/Basic Authorization header included.
// Input: one flags byte (bit 0: Basic allowed, bit 1: no credentials configured), then the HTTP
// request. So that the fuzzer gets past the nonce's HMAC and the digest, "@NONCE@" in the
// Authorization header becomes a nonce the server issued and "@RESPONSE@" the right response for
// the header's other fields. Fail-closed properties checked: with credentials configured, no
// request without Authorization is accepted, and an accepted Digest request is not accepted twice.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "cwmp/transport/connection_request.h"
#include "cwmp/transport/digest_auth.h"
#include "cwmp/transport/http_server.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using namespace edgecwmp::cwmp;

constexpr char kUser[] = "acs", kPassword[] = "cr-secret";

// The request as HttpServer hands it to its handler; false when Beast refuses the bytes.
bool Parse(const uint8_t* data, size_t size, HttpRequest* out) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(4096);  // ConnectionRequestServer's max_body_bytes
  parser.eager(true);
  beast::error_code ec;
  size_t used = 0;
  while (!parser.is_done() && used < size) {
    size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    used += n;
    if (ec == http::error::need_more) {
      ec = {};
      break;
    }
    if (ec || n == 0) break;
  }
  if (!parser.got_some()) return false;  // what the server reads as a connection closed at once
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return false;
  auto& req = parser.get();
  out->method = std::string(req.method_string());
  out->target = std::string(req.target());
  for (const auto& field : req) {
    out->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out->body = std::move(req.body());
  out->connection_id = 1;
  out->peer = "127.0.0.1:40000";
  return true;
}

void Replace(std::string* text, const std::string& from, const std::string& to) {
  for (size_t at = text->find(from); at != std::string::npos;
       at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

std::string Param(const AuthorizationHeader& auth, const char* name) {
  auto it = auth.params.find(name);
  return it == auth.params.end() ? std::string() : it->second;
}

// Fills the placeholders of the Authorization header with a live nonce and the right digest.
void FillPlaceholders(const std::string& nonce, HttpRequest* request) {
  for (auto& [name, value] : request->headers) {
    if (!beast::iequals(name, "Authorization")) continue;
    Replace(&value, "@NONCE@", nonce);
    if (value.find("@RESPONSE@") == std::string::npos) continue;
    AuthorizationHeader auth;
    if (!ParseAuthorization(value, &auth)) continue;
    DigestAlgorithm algorithm = beast::iequals(Param(auth, "algorithm"), "SHA-256")
                                    ? DigestAlgorithm::kSha256
                                    : DigestAlgorithm::kMd5;
    Replace(&value, "@RESPONSE@",
            DigestResponse(algorithm, Param(auth, "username"), Param(auth, "realm"), kPassword,
                           request->method, Param(auth, "uri"), Param(auth, "nonce"),
                           Param(auth, "nc"), Param(auth, "cnonce"), Param(auth, "qop")));
  }
}

// The nonce of the first Digest challenge the server answers an unauthenticated request with.
std::string IssuedNonce(ConnectionRequestServer& server) {
  HttpRequest probe;
  probe.method = "GET";
  probe.target = "/cr";
  HttpReply reply = server.Answer(probe);
  for (const auto& [name, value] : reply.headers) {
    AuthorizationHeader challenge;
    if (name == "WWW-Authenticate" && ParseAuthorization(value, &challenge)) {
      return Param(challenge, "nonce");
    }
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  HttpRequest request;
  if (!Parse(data + 1, size - 1, &request)) return 0;

  const bool credentials = !(flags & 2);
  ConnectionRequestConfig config;
  config.path = "/cr";
  config.allow_basic = flags & 1;
  config.now_seconds = [] { return int64_t{1000}; };
  ConnectionRequestServer server(
      config,
      [credentials] {
        return credentials ? std::make_pair(std::string(kUser), std::string(kPassword))
                           : std::make_pair(std::string(), std::string());
      },
      [] {});
  FillPlaceholders(IssuedNonce(server), &request);

  HttpReply reply = server.Answer(request);
  if (!credentials || reply.status != 200) return 0;
  const std::string authorization = request.Header("Authorization");
  if (authorization.empty()) std::abort();  // accepted without credentials
  AuthorizationHeader auth;
  if (ParseAuthorization(authorization, &auth) && beast::iequals(auth.scheme, "Digest") &&
      server.Answer(request).status != 401) {
    std::abort();  // a replayed Digest request was not refused
  }
  return 0;
}
