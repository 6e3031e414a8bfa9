// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/connection_request.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <chrono>

#include "cwmp/transport/auth_failure_log.h"
#include "cwmp/transport/digest_auth.h"
#include "cwmp/transport/http_server.h"

namespace edgecwmp::cwmp {

namespace {

std::string FirstNonLoopbackAddress() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "127.0.0.1";
  std::string found;
  for (ifaddrs* i = list; i && found.empty(); i = i->ifa_next) {
    if (!i->ifa_addr || !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK)) continue;
    if (i->ifa_addr->sa_family != AF_INET) continue;
    char text[INET_ADDRSTRLEN];
    auto* in = reinterpret_cast<sockaddr_in*>(i->ifa_addr);
    if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text))) found = text;
  }
  freeifaddrs(list);
  return found.empty() ? "127.0.0.1" : found;
}

// The user name an Authorization header offers (never its password or Digest response).
std::string OfferedUser(const std::string& authorization) {
  AuthorizationHeader header;
  if (!ParseAuthorization(authorization, &header)) return "";
  if (!header.basic_user.empty()) return header.basic_user;
  auto it = header.params.find("username");
  return it == header.params.end() ? "" : it->second;
}

// An empty-bodied answer (HttpServer writes the Content-Length itself).
HttpReply Plain(int status) {
  HttpReply reply;
  reply.status = status;
  return reply;
}

}  // namespace

std::string AdvertisedHost(const std::string& address) {
  if (address.empty() || address == "0.0.0.0" || address == "::") return FirstNonLoopbackAddress();
  return address;
}

std::string ConnectionRequestUrl(const std::string& host, const std::string& address, uint16_t port,
                                 const std::string& path) {
  std::string h = AdvertisedHost(host.empty() ? address : host);
  if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";
  std::string p = path.empty() || path.front() != '/' ? "/" + path : path;
  return "http://" + h + ":" + std::to_string(port) + p;
}

struct ConnectionRequestServer::Rep {
  ConnectionRequestConfig config;
  CredentialsSource credentials;
  std::function<void()> on_request;
  std::unique_ptr<DigestAuthenticator> auth;
  std::unique_ptr<AuthFailureLog> failures;
  std::unique_ptr<HttpServer> server;

  HttpReply Handle(const HttpRequest& request) {
    // TR-069 3.2.2: any data in the request is ignored; only the path (without query) matters.
    std::string path = request.target.substr(0, request.target.find('?'));
    if (path != config.path) return Plain(404);

    const auto known = credentials();
    const auto& [username, password] = known ? *known : std::pair<std::string, std::string>();
    bool anonymous =
        known && username.empty() && password.empty() && config.anonymous_when_no_credentials;
    if (!anonymous) {
      // Digest covers the request's own method and URI, so any method authenticates.
      const std::string authorization = request.Header("Authorization");
      AuthResult result =
          known ? auth->Check(request.method, request.target, authorization, username, password)
                : AuthResult::kDenied;
      // The unauthenticated first leg of Digest, and a stale nonce (right credentials), are no
      // failures; any other refused Authorization is.
      if (!authorization.empty() && result != AuthResult::kOk && result != AuthResult::kStale) {
        failures->Record(request.peer_address, OfferedUser(authorization));
      }
      if (result != AuthResult::kOk) {
        HttpReply reply = Plain(401);
        for (auto& challenge : auth->Challenges(result == AuthResult::kStale)) {
          reply.headers.emplace_back("WWW-Authenticate", challenge);
        }
        return reply;
      }
    }
    // TR-069 3.2.2: the CPE SHOULD restrict the number of connection requests it accepts in a
    // period; only a flood that empties the shared bucket gets 503 (and no Retry-After).
    if (!config.budget->TryTake()) return Plain(503);
    // TR-069 3.2.2: 200 with an empty body right away, before the session starts.
    on_request();
    return Plain(200);
  }
};

ConnectionRequestServer::ConnectionRequestServer(ConnectionRequestConfig config,
                                                 CredentialsSource credentials,
                                                 std::function<void()> on_request)
    : rep_(new Rep) {
  Rep& r = *rep_;
  r.config = std::move(config);
  if (r.config.path.empty() || r.config.path.front() != '/') r.config.path = "/" + r.config.path;
  if (!r.config.now_seconds) {
    r.config.now_seconds = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::steady_clock::now().time_since_epoch())
                                      .count());
    };
  }
  if (!r.config.budget) r.config.budget = std::make_shared<ConnectionRequestBudget>();
  r.credentials = std::move(credentials);
  r.on_request = std::move(on_request);
  DigestAuthOptions auth;
  auth.realm = r.config.realm;
  auth.allow_basic = r.config.allow_basic;
  auth.nonce_lifetime_seconds = r.config.nonce_lifetime_seconds;
  auth.now_seconds = r.config.now_seconds;
  r.auth = std::make_unique<DigestAuthenticator>(std::move(auth));
  r.failures = std::make_unique<AuthFailureLog>("connection request", r.config.now_seconds);
}

ConnectionRequestServer::~ConnectionRequestServer() { Stop(); }

Status ConnectionRequestServer::Start() {
  Rep& r = *rep_;
  if (r.server) return Status::InvalidArguments("connection request server already started");
  HttpServerOptions options;
  options.address = r.config.address;
  options.port = r.config.port;
  options.max_body_bytes = 4096;  // a connection request carries no data
  options.max_connections = r.config.max_connections;
  options.max_connections_per_peer = r.config.max_connections_per_peer;
  options.header_timeout_ms = r.config.header_timeout_ms;
  options.idle_timeout_seconds = r.config.idle_timeout_seconds;
  r.server = std::make_unique<HttpServer>(
      options, [&r](const HttpRequest& request) { return r.Handle(request); });
  Status status = r.server->Start();
  if (!status.ok()) r.server.reset();
  return status;
}

void ConnectionRequestServer::Stop() {
  if (rep_->server) rep_->server->Stop();
}

uint16_t ConnectionRequestServer::port() const {
  return rep_->server ? rep_->server->port() : rep_->config.port;
}

std::string ConnectionRequestServer::url() const {
  return ConnectionRequestUrl(rep_->config.host, rep_->config.address, port(), rep_->config.path);
}

size_t ConnectionRequestServer::tracked_nonces() const { return rep_->auth->tracked_nonces(); }

HttpReply ConnectionRequestServer::Answer(const HttpRequest& request) {
  return rep_->Handle(request);
}

}  // namespace edgecwmp::cwmp
