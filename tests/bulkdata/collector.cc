// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/bulkdata/collector.h"

#include <strings.h>

namespace edgecwmp::testing {

std::string Delivery::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

Collector::Collector(CollectorOptions options)
    : options_(std::move(options)), auth_(options_.auth, options_.username, options_.password) {}

Collector::~Collector() { Stop(); }

bool Collector::Start() {
  Stop();
  cwmp::HttpServerOptions server_options;
  server_options.port = port_;  // 0 the first time; the same port after an outage
  server_options.tls_cert_file = options_.tls_cert;
  server_options.tls_key_file = options_.tls_key;
  server_options.max_body_bytes = 4 * 1024 * 1024;
  server_ = std::make_unique<cwmp::HttpServer>(
      server_options, [this](const cwmp::HttpRequest& r) { return Handle(r); });
  if (!server_->Start().ok()) return false;
  port_ = server_->port();
  return true;
}

void Collector::Stop() {
  if (server_) server_->Stop();
  server_.reset();
}

std::string Collector::Url(const std::string& path) const {
  return std::string(options_.tls_cert.empty() ? "http" : "https") +
         "://127.0.0.1:" + std::to_string(port_) + path;
}

void Collector::FailNext(int status) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_.push_back(status);
}

std::vector<Delivery> Collector::deliveries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return deliveries_;
}

size_t Collector::challenges() const {
  std::lock_guard<std::mutex> lock(mu_);
  return challenges_;
}

cwmp::HttpReply Collector::Handle(const cwmp::HttpRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  cwmp::HttpReply reply;
  if (options_.auth != acs::AuthMode::kNone) {
    const acs::AuthOutcome outcome = auth_.Check(request);
    if (!outcome.ok) {
      ++challenges_;
      reply.status = 401;
      reply.headers.emplace_back("WWW-Authenticate", outcome.challenge);
      return reply;
    }
  }
  if (!fail_.empty()) {
    reply.status = fail_.front();
    fail_.pop_front();
    return reply;
  }
  deliveries_.push_back(Delivery{request.method, request.target, request.body, request.headers});
  if (options_.on_delivery) options_.on_delivery(deliveries_.back());
  return reply;
}

}  // namespace edgecwmp::testing
