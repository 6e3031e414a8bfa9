// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/raw_http_client.h"

#include <optional>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace edgecwmp::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using unix_stream = net::local::stream_protocol;

std::string RawResponse::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return "";
}

struct RawHttpClient::Rep {
  net::io_context ioc;
  std::optional<tcp::socket> tcp_socket;
  std::optional<unix_stream::socket> unix_socket;
  beast::flat_buffer buffer;

  template <class Fn>
  bool WithSocket(Fn&& fn) {
    if (tcp_socket) return fn(*tcp_socket);
    if (unix_socket) return fn(*unix_socket);
    return false;
  }

  // Runs the started asynchronous operation until it completes or the deadline passes.
  bool Finish(const bool& done, std::chrono::milliseconds timeout) {
    ioc.restart();
    ioc.run_for(timeout);
    if (!done) {
      beast::error_code ignored;
      if (tcp_socket) tcp_socket->close(ignored);
      if (unix_socket) unix_socket->close(ignored);
      ioc.restart();
      ioc.run_for(std::chrono::seconds(1));
    }
    return done;
  }
};

RawHttpClient::RawHttpClient() : rep_(new Rep) {}
RawHttpClient::~RawHttpClient() = default;

bool RawHttpClient::ConnectTcp(uint16_t port, const std::string& host, const std::string& source) {
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return false;
  rep_->tcp_socket.emplace(rep_->ioc);
  if (!source.empty()) {
    auto local = net::ip::make_address(source, ec);
    if (!ec) rep_->tcp_socket->open(local.is_v6() ? tcp::v6() : tcp::v4(), ec);
    if (!ec) rep_->tcp_socket->bind(tcp::endpoint(local, 0), ec);
    if (ec) return false;
  }
  rep_->tcp_socket->connect(tcp::endpoint(address, port), ec);
  return !ec;
}

bool RawHttpClient::ConnectUnix(const std::string& path) {
  beast::error_code ec;
  rep_->unix_socket.emplace(rep_->ioc);
  rep_->unix_socket->connect(unix_stream::endpoint(path), ec);
  return !ec;
}

bool RawHttpClient::SendRaw(const std::string& bytes) {
  return rep_->WithSocket([&](auto& socket) {
    bool done = false;
    beast::error_code result;
    net::async_write(socket, net::buffer(bytes), [&](beast::error_code ec, size_t) {
      result = ec;
      done = true;
    });
    return rep_->Finish(done, timeout_) && !result;
  });
}

bool RawHttpClient::Send(const std::string& method, const std::string& target,
                         const std::string& body,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string wire = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
  for (const auto& [key, value] : headers) wire += key + ": " + value + "\r\n";
  wire += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return SendRaw(wire);
}

bool RawHttpClient::Read(RawResponse* response) {
  return rep_->WithSocket([&](auto& socket) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bool done = false;
    beast::error_code result;
    http::async_read(socket, rep_->buffer, parser, [&](beast::error_code ec, size_t) {
      result = ec;
      done = true;
    });
    if (!rep_->Finish(done, timeout_) || result) return false;
    auto& message = parser.get();
    response->status = static_cast<int>(message.result_int());
    response->headers.clear();
    for (const auto& field : message) {
      response->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response->body = message.body();
    response->keep_alive = message.keep_alive();
    return true;
  });
}

bool RawHttpClient::PeerClosed() {
  return rep_->WithSocket([&](auto& socket) {
    bool done = false;
    beast::error_code result;
    char byte;
    socket.async_read_some(net::buffer(&byte, 1), [&](beast::error_code ec, size_t) {
      result = ec;
      done = true;
    });
    if (!rep_->Finish(done, timeout_)) return false;
    return result == net::error::eof || result == net::error::connection_reset;
  });
}

}  // namespace edgecwmp::testing
