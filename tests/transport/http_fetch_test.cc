// SPDX-License-Identifier: GPL-2.0-or-later
// HttpFetch (one-shot libcurl requests) against HttpServer peers: unix sockets, methods, headers,
// downloads to and uploads from files with a size cap, HEAD.
#include <boost/test/unit_test.hpp>

#include "base/http_client.h"
#include "cwmp/transport/http_server.h"
#include "tests/support/temp_dir.h"
#include "tests/transport/transport_test_util.h"

namespace edgecwmp::cwmp {
namespace {

using transport_test::Reply;
using transport_test::Seen;
using transport_test::Url;

BOOST_AUTO_TEST_CASE(fetch_over_unix_socket_with_methods_and_headers) {
  testing::TempDir dir("edgecwmp-fetch");
  Seen seen;
  HttpServerOptions options;
  options.unix_socket_path = dir.File("core.sock");
  HttpServer server(options, [&](const HttpRequest& r) {
    seen.Add(r);
    HttpReply reply = Reply(r.method == "PUT" ? 201 : 200, "{\"ok\":true}");
    reply.headers.emplace_back("Content-Type", "application/json");
    return reply;
  });
  BOOST_REQUIRE(server.Start().ok());

  HttpFetchRequest get;
  get.url = "http://localhost/api/v3/ping";
  get.unix_socket_path = options.unix_socket_path;
  get.headers = {{"X-Correlation-ID", "abc"}};
  HttpResponse response;
  BOOST_REQUIRE(HttpFetch(get, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.content_type, "application/json");
  BOOST_CHECK_EQUAL(response.body, "{\"ok\":true}");

  HttpFetchRequest put = get;
  put.method = "PUT";
  put.url = "http://localhost/api/v3/device";
  put.body = "{\"name\":\"x\"}";
  put.headers = {{"Content-Type", "application/json"}};
  BOOST_REQUIRE(HttpFetch(put, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 201);

  HttpFetchRequest del = get;
  del.method = "DELETE";
  BOOST_REQUIRE(HttpFetch(del, &response).ok());

  auto r = seen.All();
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  BOOST_CHECK_EQUAL(r[0].method, "GET");
  BOOST_CHECK_EQUAL(r[0].Header("X-Correlation-ID"), "abc");
  BOOST_CHECK_EQUAL(r[1].method, "PUT");
  BOOST_CHECK_EQUAL(r[1].body, "{\"name\":\"x\"}");
  BOOST_CHECK_EQUAL(r[1].Header("Content-Type"), "application/json");
  BOOST_CHECK_EQUAL(r[2].method, "DELETE");
  BOOST_CHECK(r[2].body.empty());
}

BOOST_AUTO_TEST_CASE(fetch_to_and_from_files_with_a_cap) {
  testing::TempDir dir("edgecwmp-fetch");
  Seen seen;
  const std::string payload(100000, 'f');
  HttpServerOptions options;
  options.max_body_bytes = 1 << 20;
  HttpServer files(options, [&](const HttpRequest& r) {
    seen.Add(r);
    if (r.method == "GET") return Reply(200, payload);
    return Reply(204);
  });
  BOOST_REQUIRE(files.Start().ok());

  HttpFetchRequest download;
  download.url = Url(files, "/fw.bin");
  download.output_file = dir.File("fw.bin");
  HttpResponse response;
  BOOST_REQUIRE(HttpFetch(download, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK(response.body.empty());
  BOOST_CHECK(testing::ReadFile(download.output_file) == payload);

  download.output_file = dir.File("small.bin");
  download.max_response_bytes = 1000;
  BOOST_CHECK(HttpFetch(download, &response).code() == Error::kResourcesExceeded);
  BOOST_CHECK(testing::ReadFile(download.output_file).empty());

  HttpFetchRequest upload;
  upload.method = "PUT";
  upload.url = Url(files, "/upload/log.txt");
  upload.input_file = dir.File("fw.bin");
  BOOST_REQUIRE(HttpFetch(upload, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 204);
  auto r = seen.All();
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  BOOST_CHECK_EQUAL(r[2].method, "PUT");
  BOOST_CHECK(r[2].body == payload);

  HttpFetchRequest missing = upload;
  missing.input_file = dir.File("absent");
  BOOST_CHECK(!HttpFetch(missing, &response).ok());
}

// An upload to a server that challenges first: libcurl sends the body twice and must rewind the
// file in between (CURLOPT_SEEKFUNCTION), as log uploads to a protected ACS file server do.
BOOST_AUTO_TEST_CASE(upload_from_a_file_survives_an_auth_challenge) {
  testing::TempDir dir("edgecwmp-fetch");
  Seen seen;
  const std::string payload(50000, 'L');
  testing::WriteFile(dir.File("log.txt"), payload);
  HttpServerOptions options;
  options.max_body_bytes = 1 << 20;
  HttpServer files(options, [&](const HttpRequest& r) {
    seen.Add(r);
    if (r.Header("Authorization") != "Basic dXBsb2FkZXI6czNjcmV0") {  // uploader:s3cret
      HttpReply challenge = Reply(401);
      challenge.headers.emplace_back("WWW-Authenticate", "Basic realm=\"files\"");
      return challenge;
    }
    return Reply(204);
  });
  BOOST_REQUIRE(files.Start().ok());

  HttpFetchRequest upload;
  upload.method = "PUT";
  upload.url = Url(files, "/upload/log.txt");
  upload.input_file = dir.File("log.txt");
  upload.username = "uploader";
  upload.password = "s3cret";
  HttpResponse response;
  BOOST_REQUIRE(HttpFetch(upload, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 204);
  auto r = seen.All();
  BOOST_REQUIRE_GE(r.size(), 2u);
  BOOST_CHECK(r.back().body == payload);
}

// A file server that wants Basic uploader:s3cret and answers an authorized /file with a 307 to
// the Location given in the query (?to=...), an authorized /moved with the file.
HttpReply ProtectedFileServer(const HttpRequest& r) {
  if (r.Header("Authorization") != "Basic dXBsb2FkZXI6czNjcmV0") {  // uploader:s3cret
    HttpReply challenge = Reply(401);
    challenge.headers.emplace_back("WWW-Authenticate", "Basic realm=\"files\"");
    return challenge;
  }
  if (r.target == "/moved") return Reply(200, "firmware");
  HttpReply redirect = Reply(307);
  redirect.headers.emplace_back("Location", r.target.substr(r.target.find("?to=") + 4));
  return redirect;
}

// Transfer credentials belong to the transfer URL's origin: a redirect elsewhere gets none.
BOOST_AUTO_TEST_CASE(transfer_credentials_stay_with_their_origin) {
  Seen seen, seen_elsewhere;
  HttpServer files(HttpServerOptions{}, [&](const HttpRequest& r) {
    seen.Add(r);
    return ProtectedFileServer(r);
  });
  HttpServer elsewhere(HttpServerOptions{}, [&](const HttpRequest& r) {
    seen_elsewhere.Add(r);
    return ProtectedFileServer(r);
  });
  BOOST_REQUIRE(files.Start().ok());
  BOOST_REQUIRE(elsewhere.Start().ok());
  HttpFetchRequest get;
  get.url = Url(files, "/file?to=" + Url(elsewhere, "/moved"));
  get.username = "uploader";
  get.password = "s3cret";
  get.follow_redirects = true;
  HttpResponse response;
  BOOST_REQUIRE(HttpFetch(get, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 401);
  auto other = seen_elsewhere.All();
  BOOST_REQUIRE(!other.empty());
  for (const auto& r : other) BOOST_CHECK_EQUAL(r.Header("Authorization"), "");

  get.url = Url(files, "/file?to=/moved");
  BOOST_REQUIRE(HttpFetch(get, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.body, "firmware");
  BOOST_CHECK_EQUAL(response.effective_url, Url(files, "/moved"));  // no user info in it
  BOOST_CHECK_EQUAL(seen.All().back().target, "/moved");
}

BOOST_AUTO_TEST_CASE(head_gets_the_length_without_a_body) {
  HttpServer server(HttpServerOptions{},
                    [](const HttpRequest&) { return Reply(200, "twelve bytes"); });
  BOOST_REQUIRE(server.Start().ok());
  HttpFetchRequest head;
  head.method = "HEAD";
  head.url = Url(server, "/file");
  head.timeout_ms = 10000;
  HttpResponse response;
  BOOST_REQUIRE(HttpFetch(head, &response).ok());
  BOOST_CHECK_EQUAL(response.status, 200);
  BOOST_CHECK_EQUAL(response.Header("Content-Length"), "12");
  BOOST_CHECK(response.body.empty());
}

}  // namespace
}  // namespace edgecwmp::cwmp
