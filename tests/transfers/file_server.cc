// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/transfers/file_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

namespace edgecwmp::testing {

namespace {

std::string Base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

}  // namespace

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  std::string out;
  char buf[3];
  for (unsigned char c : digest) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

FileServer::FileServer(std::string user, std::string password, std::string cert, std::string key)
    : user_(std::move(user)), password_(std::move(password)), tls_(!cert.empty()) {
  cwmp::HttpServerOptions options;
  options.address = "127.0.0.1";
  options.tls_cert_file = std::move(cert);
  options.tls_key_file = std::move(key);
  options.max_body_bytes = 4 * 1024 * 1024;
  server_ = std::make_unique<cwmp::HttpServer>(
      options, [this](const cwmp::HttpRequest& r) { return Handle(r); });
}

bool FileServer::Start() { return server_->Start().ok(); }

void FileServer::Put(const std::string& path, const std::string& content) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[path] = content;
}

std::string FileServer::Uploaded(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(path);
  return it == uploads_.end() ? "" : it->second;
}

int FileServer::GetsOf(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = gets_of_.find(path);
  return it == gets_of_.end() ? 0 : it->second;
}

std::string FileServer::Url(const std::string& path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(server_->port()) +
         path;
}

cwmp::HttpReply FileServer::Handle(const cwmp::HttpRequest& r) {
  cwmp::HttpReply reply;
  if (!user_.empty() && r.Header("Authorization") != "Basic " + Base64(user_ + ":" + password_)) {
    reply.status = 401;
    reply.headers.emplace_back("WWW-Authenticate", "Basic realm=\"files\"");
    return reply;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (r.method == "PUT") {
    uploads_[r.target] = r.body;
    reply.status = 201;
    return reply;
  }
  ++gets_;
  ++gets_of_[r.target];
  auto it = files_.find(r.target);
  if (it == files_.end()) {
    reply.status = 404;
    return reply;
  }
  reply.body = it->second;
  reply.headers.emplace_back("Content-Type", "application/octet-stream");
  return reply;
}

StallServer::~StallServer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
}

bool StallServer::Start() {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 4) != 0) {
    return false;
  }
  socklen_t len = sizeof addr;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] {
    std::vector<int> clients;
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      char buf[4096];
      (void)!read(c, buf, sizeof buf);
      const std::string head =
          "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nContent-Type: application/octet-stream"
          "\r\n\r\n" +
          std::string(1000, 'x');
      (void)!write(c, head.data(), head.size());
      connected_ = true;
      clients.push_back(c);  // never finished: the client waits until it gives up or dies
    }
    for (int c : clients) close(c);
  });
  return true;
}

std::string StallServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

}  // namespace edgecwmp::testing
