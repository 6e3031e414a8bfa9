// SPDX-License-Identifier: GPL-2.0-or-later
// HttpServer over real loopback sockets, driven byte by byte with RawHttpClient.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <vector>

#include "cwmp/transport/http_server.h"
#include "tests/support/raw_http_client.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tests/transport/transport_test_util.h"

namespace edgecwmp::cwmp {
namespace {

using testing::RawHttpClient;
using testing::RawResponse;
using transport_test::Exchange;

// Records every request and echoes "<method> <target> <body>" back.
struct Recorder {
  std::mutex mu;
  std::vector<HttpRequest> requests;

  HttpHandler Handler() {
    return [this](const HttpRequest& request) {
      std::lock_guard<std::mutex> lock(mu);
      requests.push_back(request);
      HttpReply reply;
      reply.headers.emplace_back("Content-Type", "text/plain");
      reply.body = request.method + " " + request.target + " " + request.body;
      reply.close = request.Header("X-Close") == "yes";
      return reply;
    };
  }
  std::vector<HttpRequest> Snapshot() {
    std::lock_guard<std::mutex> lock(mu);
    return requests;
  }
};

// A started server whose handler is recorder's echo.
struct EchoServer {
  Recorder recorder;
  HttpServer server;
  explicit EchoServer(const HttpServerOptions& options = {}) : server(options, recorder.Handler()) {
    BOOST_REQUIRE(server.Start().ok());
  }
};

BOOST_AUTO_TEST_CASE(keep_alive_keeps_one_connection_id) {
  EchoServer echo;
  BOOST_REQUIRE_NE(echo.server.port(), 0);

  RawHttpClient first;
  BOOST_REQUIRE(first.ConnectTcp(echo.server.port()));
  RawResponse response = Exchange(first, "POST", "/acs", "one", {{"X-Test", "a"}});
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "POST /acs one");
  BOOST_CHECK(response.keep_alive);
  BOOST_CHECK_EQUAL(Exchange(first, "GET", "/x?y=1").body, "GET /x?y=1 ");

  RawHttpClient second;
  BOOST_REQUIRE(second.ConnectTcp(echo.server.port()));
  Exchange(second, "GET", "/");

  auto requests = echo.recorder.Snapshot();
  BOOST_REQUIRE_EQUAL(requests.size(), 3u);
  BOOST_CHECK_EQUAL(requests[0].connection_id, requests[1].connection_id);
  BOOST_CHECK_NE(requests[0].connection_id, requests[2].connection_id);
  BOOST_CHECK_EQUAL(requests[0].Header("x-test"), "a");
  BOOST_CHECK_EQUAL(requests[0].Header("Absent"), "");
  BOOST_CHECK(requests[0].peer.rfind("127.0.0.1:", 0) == 0);
}

BOOST_AUTO_TEST_CASE(oversized_body_gets_413_and_close) {
  HttpServerOptions options;
  options.max_body_bytes = 1024;
  EchoServer echo(options);

  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  RawResponse response = Exchange(client, "POST", "/", std::string(4096, 'x'));
  BOOST_CHECK_EQUAL(response.status, 413);
  BOOST_CHECK(!response.keep_alive);
  BOOST_CHECK(client.PeerClosed());
  BOOST_CHECK(echo.recorder.Snapshot().empty());

  // A body exactly at the limit still passes.
  RawHttpClient ok_client;
  BOOST_REQUIRE(ok_client.ConnectTcp(echo.server.port()));
  BOOST_CHECK_EQUAL(Exchange(ok_client, "POST", "/", std::string(1024, 'y')).status, 200);
}

BOOST_AUTO_TEST_CASE(chunked_body_over_limit_gets_413) {
  HttpServerOptions options;
  options.max_body_bytes = 100;
  EchoServer echo(options);
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  std::string chunk(200, 'z');
  BOOST_REQUIRE(
      client.SendRaw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "c8\r\n" +
                     chunk + "\r\n0\r\n\r\n"));
  RawResponse response;
  BOOST_REQUIRE(client.Read(&response));
  BOOST_CHECK_EQUAL(response.status, 413);
  BOOST_CHECK(echo.recorder.Snapshot().empty());
}

BOOST_AUTO_TEST_CASE(handler_close_and_http10_close_the_connection) {
  EchoServer echo;
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  RawResponse response = Exchange(client, "POST", "/", "", {{"X-Close", "yes"}});
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK(!response.keep_alive);
  BOOST_CHECK_EQUAL(response.Header("Connection"), "close");
  BOOST_CHECK(client.PeerClosed());

  RawHttpClient old_client;
  BOOST_REQUIRE(old_client.ConnectTcp(echo.server.port()));
  BOOST_REQUIRE(old_client.SendRaw("GET /old HTTP/1.0\r\n\r\n"));
  BOOST_REQUIRE(old_client.Read(&response));
  BOOST_CHECK_EQUAL(response.body, "GET /old ");
  BOOST_CHECK(old_client.PeerClosed());
}

BOOST_AUTO_TEST_CASE(status_204_has_no_body) {
  HttpServer server(HttpServerOptions{}, [](const HttpRequest&) {
    HttpReply reply;
    reply.status = 204;
    reply.body = "ignored";
    reply.close = true;
    return reply;
  });
  BOOST_REQUIRE(server.Start().ok());
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(server.port()));
  RawResponse response = Exchange(client, "POST", "/", "");
  BOOST_CHECK_EQUAL(response.status, 204);
  BOOST_CHECK(response.body.empty());
  BOOST_CHECK_EQUAL(response.Header("Connection"), "close");
}

BOOST_AUTO_TEST_CASE(expect_100_continue_is_answered) {
  EchoServer echo;
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  BOOST_REQUIRE(
      client.SendRaw("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                     "Expect: 100-continue\r\n\r\n"));
  RawResponse response;
  BOOST_REQUIRE(client.Read(&response));
  BOOST_CHECK_EQUAL(response.status, 100);
  BOOST_REQUIRE(client.SendRaw("body"));
  BOOST_REQUIRE(client.Read(&response));
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "POST /e body");
}

BOOST_AUTO_TEST_CASE(malformed_request_gets_400) {
  EchoServer echo;
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  BOOST_REQUIRE(client.SendRaw("THIS IS NOT HTTP\r\n\r\n"));
  RawResponse response;
  BOOST_REQUIRE(client.Read(&response));
  BOOST_CHECK_EQUAL(response.status, 400);
  BOOST_CHECK(echo.recorder.Snapshot().empty());
}

BOOST_AUTO_TEST_CASE(unix_socket_mode) {
  testing::TempDir dir("edgecwmp-http");
  HttpServerOptions options;
  options.unix_socket_path = dir.File("server.sock");
  EchoServer echo(options);
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectUnix(options.unix_socket_path));
  RawResponse response = Exchange(client, "GET", "/api/v3/ping");
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "GET /api/v3/ping ");
  auto requests = echo.recorder.Snapshot();
  BOOST_REQUIRE_EQUAL(requests.size(), 1u);
  BOOST_CHECK_EQUAL(requests[0].peer, "unix");
  BOOST_CHECK_NE(requests[0].connection_id, 0u);
}

BOOST_AUTO_TEST_CASE(max_connections_bounds_open_connections) {
  HttpServerOptions options;
  options.max_connections = 2;
  EchoServer echo(options);
  RawHttpClient a, b, c;
  // Complete one request on each so both are surely accepted before the third arrives.
  BOOST_REQUIRE(a.ConnectTcp(echo.server.port()));
  Exchange(a, "GET", "/a");
  BOOST_REQUIRE(b.ConnectTcp(echo.server.port()));
  Exchange(b, "GET", "/b");
  BOOST_REQUIRE(c.ConnectTcp(echo.server.port()));
  BOOST_CHECK(c.PeerClosed());
  // The first two still work.
  BOOST_CHECK_EQUAL(Exchange(a, "GET", "/a2").status, 200);
}

BOOST_AUTO_TEST_CASE(idle_connection_is_closed) {
  HttpServerOptions options;
  options.idle_timeout_seconds = 1;
  EchoServer echo(options);
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  BOOST_CHECK(client.PeerClosed());  // waits up to the client's 10 s deadline
}

BOOST_AUTO_TEST_CASE(stop_closes_connections_and_is_idempotent) {
  EchoServer echo;
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(echo.server.port()));
  Exchange(client, "GET", "/");
  echo.server.Stop();
  echo.server.Stop();
  BOOST_CHECK(client.PeerClosed());
  RawHttpClient late;
  BOOST_CHECK(!late.ConnectTcp(echo.server.port()));
}

BOOST_AUTO_TEST_CASE(start_errors_are_reported) {
  Recorder recorder;
  HttpServer first(HttpServerOptions{}, recorder.Handler());
  BOOST_REQUIRE(first.Start().ok());
  HttpServerOptions same_port;
  same_port.port = first.port();
  HttpServer second(same_port, recorder.Handler());
  BOOST_CHECK(!second.Start().ok());

  HttpServerOptions bad_tls;
  bad_tls.tls_cert_file = "/nonexistent/cert.pem";
  bad_tls.tls_key_file = "/nonexistent/key.pem";
  HttpServer third(bad_tls, recorder.Handler());
  BOOST_CHECK(!third.Start().ok());

  HttpServerOptions bad_address;
  bad_address.address = "not-an-address";
  HttpServer fourth(bad_address, recorder.Handler());
  BOOST_CHECK(!fourth.Start().ok());
}

BOOST_AUTO_TEST_CASE(ipv6_loopback) {
  Recorder recorder;
  HttpServerOptions options;
  options.address = "::1";
  HttpServer server(options, recorder.Handler());
  if (!server.Start().ok()) {
    BOOST_TEST_MESSAGE("no IPv6 loopback here; skipped");
    return;
  }
  RawHttpClient client;
  BOOST_REQUIRE(client.ConnectTcp(server.port(), "::1"));
  BOOST_REQUIRE(client.Send("GET", "/six"));
  RawResponse response;
  BOOST_REQUIRE(client.Read(&response));
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK(recorder.Snapshot().at(0).peer.rfind("[::1]:", 0) == 0);
}

}  // namespace
}  // namespace edgecwmp::cwmp
