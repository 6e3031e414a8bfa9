// SPDX-License-Identifier: GPL-2.0-or-later
// HttpServer on Boost.Beast: one io_context driven by one thread; every connection is a Session
// templated on its stream (TCP, TLS over TCP, unix-domain socket) with a deadline timer for the
// idle timeout. The handler runs on the server thread, one request at a time.
#include "cwmp/transport/http_server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "base/http_headers.h"
#include "base/log.h"

namespace edgecwmp::cwmp {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using unix_stream = net::local::stream_protocol;
using SslStream = net::ssl::stream<tcp::socket>;

std::string HttpRequest::Header(const std::string& name) const { return FindHeader(headers, name); }

namespace {

constexpr size_t kHeaderLimitBytes = 16 * 1024;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void Close() = 0;
};

// Everything the connections share. Members touched by connections (live) are used only on the
// server thread, or after that thread has been joined.
struct ServerCore {
  HttpServerOptions options;
  HttpHandler handler;
  std::optional<net::ssl::context> ssl;
  std::map<uint64_t, std::weak_ptr<Connection>> live;
  std::map<std::string, size_t> per_peer;  // open TCP connections by peer address
  uint64_t next_connection_id = 1;
  net::io_context ioc{1};  // after ssl and live: destroyed first, with the pending handlers
};

template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... StreamArgs>
  Session(ServerCore* core, uint64_t id, std::string peer, std::string peer_address,
          StreamArgs&&... stream_args)
      : core_(core),
        id_(id),
        peer_(std::move(peer)),
        peer_address_(std::move(peer_address)),
        stream_(std::forward<StreamArgs>(stream_args)...),
        timer_(stream_.get_executor()) {}

  ~Session() override {
    core_->live.erase(id_);
    ReleasePeerSlot();
  }

  void Begin() {
    if constexpr (std::is_same_v<Stream, SslStream>) {
      ArmDeadline();
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->ReadHeader();
                              });
    } else {
      ReadHeader();
    }
  }

  void Close() override {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).close(ignored);
    timer_.cancel();
    ReleasePeerSlot();  // now, not when the last pending handler lets go of this session
  }

 private:
  // Deadline pattern: the wait completes either cancelled (re-armed) or really expired.
  void ArmDeadline() { ArmDeadline(std::chrono::seconds(core_->options.idle_timeout_seconds)); }

  void ArmDeadline(std::chrono::steady_clock::duration timeout) {
    timer_.expires_after(timeout);
    std::weak_ptr<Session> weak = this->shared_from_this();
    timer_.async_wait([weak](beast::error_code ec) {
      if (ec == net::error::operation_aborted) return;
      if (auto self = weak.lock()) {
        if (self->timer_.expiry() <= std::chrono::steady_clock::now()) self->Close();
      }
    });
  }

  void ReleasePeerSlot() {
    if (std::exchange(peer_slot_released_, true)) return;
    auto it = core_->per_peer.find(peer_address_);
    if (it != core_->per_peer.end() && --it->second == 0) core_->per_peer.erase(it);
  }

  std::chrono::steady_clock::duration HeaderTimeout() const {
    const HttpServerOptions& o = core_->options;
    std::chrono::steady_clock::duration idle = std::chrono::seconds(o.idle_timeout_seconds);
    if (o.header_timeout_ms <= 0) return idle;
    return std::min(
        idle, std::chrono::steady_clock::duration(std::chrono::milliseconds(o.header_timeout_ms)));
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimitBytes);
    parser_->body_limit(core_->options.max_body_bytes);
    // Armed once for the whole head: a peer trickling bytes (slowloris) gains nothing.
    ArmDeadline(HeaderTimeout());
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& req = parser_->get();
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      continue_.emplace(http::status::continue_, req.version());
      http::async_write(stream_, *continue_,
                        [self = this->shared_from_this()](beast::error_code wec, size_t) {
                          if (wec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    ArmDeadline();
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->OnReadError(ec);
                       self->Dispatch();
                     });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) return SendError(413, "request body too large\n");
    if (ec == http::error::header_limit) return SendError(431, "request header too large\n");
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return SendError(400, "malformed request\n");
    }
    if (ec == http::error::end_of_stream) return Shutdown();
    Close();
  }

  void SendError(int status, std::string body) {
    head_request_ = false;
    HttpReply reply;
    reply.status = status;
    reply.headers.emplace_back("Content-Type", "text/plain");
    reply.body = std::move(body);
    reply.close = true;
    Write(reply, 11);
  }

  void Dispatch() {
    auto& req = parser_->get();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    for (const auto& field : req) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(req.body());
    request.connection_id = id_;
    request.peer = peer_;
    request.peer_address = peer_address_;
    HttpReply reply;
    try {
      reply = core_->handler(request);
    } catch (const std::exception& e) {
      Log(LogLevel::kError, "http_server", "handler failed: ", e.what());
      reply = HttpReply{};
      reply.status = 500;
      reply.close = true;
    }
    if (!req.keep_alive()) reply.close = true;
    head_request_ = req.method() == http::verb::head;
    Write(reply, req.version());
  }

  void Write(const HttpReply& reply, unsigned version) {
    response_.emplace();
    auto& res = *response_;
    res.version(version);
    res.result(static_cast<unsigned>(reply.status));
    bool close = reply.close;
    for (const auto& [key, value] : reply.headers) {
      if (beast::iequals(key, "Connection")) {
        if (beast::iequals(value, "close")) close = true;
        continue;
      }
      if (beast::iequals(key, "Content-Length") || beast::iequals(key, "Transfer-Encoding")) {
        continue;  // framing is ours
      }
      res.insert(key, value);
    }
    const bool no_body = reply.status == 204 || reply.status == 304 || reply.status < 200;
    if (!no_body) res.body() = reply.body;
    res.keep_alive(!close);
    res.prepare_payload();
    if (head_request_) res.body().clear();  // HEAD: the length of the GET answer, no body
    close_after_write_ = close;
    ArmDeadline();
    http::async_write(stream_, res,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (self->close_after_write_) return self->Shutdown();
                        self->ReadHeader();
                      });
  }

  void Shutdown() {
    if constexpr (std::is_same_v<Stream, SslStream>) {
      ArmDeadline();
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->Close(); });
    } else {
      beast::error_code ignored;
      stream_.shutdown(net::socket_base::shutdown_send, ignored);
      Close();
    }
  }

  ServerCore* core_;
  uint64_t id_;
  std::string peer_;
  std::string peer_address_;
  Stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  std::optional<http::response<http::string_body>> response_;
  bool close_after_write_ = false;
  bool head_request_ = false;
  bool peer_slot_released_ = false;
};

struct PeerName {
  std::string address;    // "127.0.0.1", "::1"
  std::string with_port;  // "127.0.0.1:54321", "[::1]:54321"
};

PeerName NameOf(const tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return {"unknown", "unknown"};
  auto address = endpoint.address();
  std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return {address.to_string(), host + ":" + std::to_string(endpoint.port())};
}

}  // namespace

struct HttpServer::Rep : ServerCore {
  std::optional<tcp::acceptor> tcp_acceptor;
  std::optional<unix_stream::acceptor> unix_acceptor;
  std::thread thread;
  std::mutex mu;  // Start/Stop
  bool started = false;
  bool stopped = false;
  uint16_t port = 0;

  bool AtCapacity() const { return live.size() >= options.max_connections; }

  bool PeerAtCapacity(const std::string& address) const {
    if (options.max_connections_per_peer == 0) return false;
    auto it = per_peer.find(address);
    return it != per_peer.end() && it->second >= options.max_connections_per_peer;
  }

  template <class S, class... Args>
  void Launch(PeerName peer, Args&&... args) {
    uint64_t id = next_connection_id++;
    ++per_peer[peer.address];
    auto session = std::make_shared<Session<S>>(
        this, id, std::move(peer.with_port), std::move(peer.address), std::forward<Args>(args)...);
    live[id] = session;
    session->Begin();
  }

  void AcceptTcp() {
    tcp_acceptor->async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !tcp_acceptor->is_open()) return;
      if (!ec) {
        PeerName peer = NameOf(socket);
        if (AtCapacity() || PeerAtCapacity(peer.address)) {
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          if (ssl) {
            Launch<SslStream>(std::move(peer), std::move(socket), *ssl);
          } else {
            Launch<tcp::socket>(std::move(peer), std::move(socket));
          }
        }
      }
      AcceptTcp();
    });
  }

  void AcceptUnix() {
    unix_acceptor->async_accept([this](beast::error_code ec, unix_stream::socket socket) {
      if (ec == net::error::operation_aborted || !unix_acceptor->is_open()) return;
      if (!ec) {
        if (AtCapacity()) {
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          Launch<unix_stream::socket>(PeerName{"unix", "unix"}, std::move(socket));
        }
      }
      AcceptUnix();
    });
  }

  Status SetUpTls() {
    const auto& o = options;
    if (o.tls_cert_file.empty() && o.tls_key_file.empty()) return Status::Ok();
    if (o.tls_cert_file.empty() || o.tls_key_file.empty()) {
      return Status::InvalidArguments("TLS needs both a certificate and a key file");
    }
    ssl.emplace(net::ssl::context::tls_server);
    ssl->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                     net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                     net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
    beast::error_code ec;
    ssl->use_certificate_chain_file(o.tls_cert_file, ec);
    if (ec)
      return Status::InvalidArguments("TLS certificate " + o.tls_cert_file + ": " + ec.message());
    ssl->use_private_key_file(o.tls_key_file, net::ssl::context::pem, ec);
    if (ec) return Status::InvalidArguments("TLS key " + o.tls_key_file + ": " + ec.message());
    if (!o.tls_client_ca_file.empty()) {
      ssl->load_verify_file(o.tls_client_ca_file, ec);
      if (ec) {
        return Status::InvalidArguments("TLS client CA " + o.tls_client_ca_file + ": " +
                                        ec.message());
      }
      ssl->set_verify_mode(net::ssl::verify_peer | net::ssl::verify_fail_if_no_peer_cert);
    }
    return Status::Ok();
  }

  Status BindUnix() {
    const std::string& path = options.unix_socket_path;
    struct stat st {};
    // A socket file left by a previous run would make bind fail; never remove anything else.
    if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) ::unlink(path.c_str());
    beast::error_code ec;
    unix_acceptor.emplace(ioc);
    unix_acceptor->open(unix_stream(), ec);
    if (!ec) unix_acceptor->bind(unix_stream::endpoint(path), ec);
    if (!ec) unix_acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      unix_acceptor.reset();
      return Status::Internal("listen on unix socket " + path + ": " + ec.message());
    }
    return Status::Ok();
  }

  Status BindTcp() {
    beast::error_code ec;
    auto address = net::ip::make_address(options.address, ec);
    if (ec) return Status::InvalidArguments("bad listen address " + options.address);
    tcp::endpoint endpoint(address, options.port);
    tcp_acceptor.emplace(ioc);
    tcp_acceptor->open(endpoint.protocol(), ec);
    if (!ec) tcp_acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) tcp_acceptor->bind(endpoint, ec);
    if (!ec) tcp_acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      tcp_acceptor.reset();
      return Status::Internal("listen on " + options.address + ":" + std::to_string(options.port) +
                              ": " + ec.message());
    }
    port = tcp_acceptor->local_endpoint().port();
    return Status::Ok();
  }
};

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler) : rep_(new Rep) {
  rep_->options = std::move(options);
  rep_->handler = std::move(handler);
  if (rep_->options.max_connections == 0) rep_->options.max_connections = 1;
  if (rep_->options.idle_timeout_seconds <= 0) rep_->options.idle_timeout_seconds = 1;
}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  Rep& r = *rep_;
  std::lock_guard<std::mutex> lock(r.mu);
  if (r.started) return Status::InvalidArguments("HttpServer already started");
  Status status = r.SetUpTls();
  if (!status.ok()) return status;
  if (!r.options.unix_socket_path.empty()) {
    if (r.ssl) return Status::InvalidArguments("TLS over a unix socket is not supported");
    status = r.BindUnix();
    if (!status.ok()) return status;
    r.AcceptUnix();
  } else {
    status = r.BindTcp();
    if (!status.ok()) return status;
    r.AcceptTcp();
  }
  r.started = true;
  r.thread = std::thread([&r] {
    for (;;) {
      try {
        r.ioc.run();
        return;
      } catch (const std::exception& e) {
        Log(LogLevel::kError, "http_server", e.what());
      }
    }
  });
  return Status::Ok();
}

void HttpServer::Stop() {
  Rep& r = *rep_;
  std::lock_guard<std::mutex> lock(r.mu);
  if (!r.started || r.stopped) return;
  r.stopped = true;
  r.ioc.stop();
  if (r.thread.joinable()) r.thread.join();
  // The thread is gone: nothing else touches the acceptors or connections now.
  beast::error_code ignored;
  if (r.tcp_acceptor) r.tcp_acceptor->close(ignored);
  if (r.unix_acceptor) {
    r.unix_acceptor->close(ignored);
    ::unlink(r.options.unix_socket_path.c_str());
  }
  std::vector<std::shared_ptr<Connection>> open;
  for (auto& [id, weak] : r.live) {
    if (auto connection = weak.lock()) open.push_back(std::move(connection));
  }
  for (auto& connection : open) connection->Close();
}

uint16_t HttpServer::port() const { return rep_->port; }

}  // namespace edgecwmp::cwmp
