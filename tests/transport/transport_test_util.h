// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers the transport tests share: loopback URLs of an HttpServer, canned replies, a thread-safe
// log of the requests a server saw, one request/response exchange with RawHttpClient, and the
// Authorization header a Digest client answers a challenge with.
#ifndef EDGECWMP_TESTS_TRANSPORT_TRANSPORT_TEST_UTIL_H_
#define EDGECWMP_TESTS_TRANSPORT_TRANSPORT_TEST_UTIL_H_

#include <boost/test/unit_test.hpp>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cwmp/transport/digest_auth.h"
#include "cwmp/transport/http_server.h"
#include "tests/support/raw_http_client.h"

namespace edgecwmp::cwmp::transport_test {

inline std::string Url(const HttpServer& server, const std::string& path = "/acs",
                       const std::string& scheme = "http") {
  return scheme + "://127.0.0.1:" + std::to_string(server.port()) + path;
}

// RFC 7616 3.4 Authorization header (qop=auth) for |user| answering a challenge's realm and nonce.
inline std::string DigestAuthorization(DigestAlgorithm algorithm, const std::string& user,
                                       const std::string& password, const std::string& realm,
                                       const std::string& nonce, const std::string& method,
                                       const std::string& uri, const std::string& nc,
                                       const std::string& cnonce) {
  const std::string response =
      DigestResponse(algorithm, user, realm, password, method, uri, nonce, nc, cnonce, "auth");
  return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce +
         "\", uri=\"" + uri +
         "\", algorithm=" + (algorithm == DigestAlgorithm::kMd5 ? "MD5" : "SHA-256") +
         ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
}

inline HttpReply Reply(int status, std::string body = "") {
  HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

// Thread-safe log of what a server saw (handlers run on the server's threads).
struct Seen {
  std::mutex mu;
  std::vector<HttpRequest> requests;
  void Add(const HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu);
    requests.push_back(r);
  }
  std::vector<HttpRequest> All() {
    std::lock_guard<std::mutex> lock(mu);
    return requests;
  }
};

// Sends one well-formed request on client's open connection and requires an answer to it.
inline testing::RawResponse Exchange(
    testing::RawHttpClient& client, const std::string& method, const std::string& target,
    const std::string& body = "",
    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  testing::RawResponse response;
  BOOST_REQUIRE(client.Send(method, target, body, headers));
  BOOST_REQUIRE(client.Read(&response));
  return response;
}

}  // namespace edgecwmp::cwmp::transport_test

#endif  // EDGECWMP_TESTS_TRANSPORT_TRANSPORT_TEST_UTIL_H_
