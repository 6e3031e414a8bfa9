// SPDX-License-Identifier: GPL-2.0-or-later
// ThroughputLab: namespace "cpe" (192.0.2.1) and "server" (192.0.2.2) on one veth pair whose both
// ends are rate limited by tbf (the test kernels have no sch_netem); the server namespace runs a
// real HTTP server: GET /file answers |file_bytes| bytes, PUT /upload records the body's size.
// Everything is deleted when the lab goes away.
#ifndef EDGECWMP_TESTS_DIAGNOSTICS_THROUGHPUT_LAB_H_
#define EDGECWMP_TESTS_DIAGNOSTICS_THROUGHPUT_LAB_H_

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "cwmp/transport/http_server.h"
#include "tests/support/network_lab.h"

namespace edgecwmp::testing {

inline constexpr const char* kLabCpeAddress = "192.0.2.1";
inline constexpr const char* kLabServerAddress = "192.0.2.2";

struct ThroughputLab {
  ThroughputLab(const std::string& rate, size_t file_bytes) : file(file_bytes, 'd') {
    cpe = lab.AddNamespace();
    server = lab.AddNamespace();
    BOOST_REQUIRE_MESSAGE(!cpe.empty() && !server.empty(), "cannot create namespaces (root?)");
    BOOST_REQUIRE(lab.Link(cpe, std::string(kLabCpeAddress) + "/24", server,
                           std::string(kLabServerAddress) + "/24", &cpe_device, &server_device));
    const std::string tbf = " root tbf rate " + rate + " burst 16kb latency 100ms";
    BOOST_REQUIRE(NetworkLab::Exec(server, "tc qdisc add dev " + server_device + tbf));
    BOOST_REQUIRE(NetworkLab::Exec(cpe, "tc qdisc add dev " + cpe_device + tbf));
    cwmp::HttpServerOptions options;
    options.address = kLabServerAddress;
    options.max_body_bytes = 16 * 1024 * 1024;
    http = std::make_unique<cwmp::HttpServer>(
        options, [this](const cwmp::HttpRequest& r) { return Handle(r); });
    ScopedNetns inside(server);  // the listening socket lives there
    BOOST_REQUIRE(inside.ok());
    BOOST_REQUIRE(http->Start().ok());
  }
  ~ThroughputLab() { http.reset(); }

  std::string Url(const std::string& path) const {
    return "http://" + std::string(kLabServerAddress) + ":" + std::to_string(http->port()) + path;
  }

  cwmp::HttpReply Handle(const cwmp::HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu);
    connections.insert(r.connection_id);
    cwmp::HttpReply reply;
    if (r.method == "GET" && r.target == "/file") {
      reply.body = file;
    } else if (r.method == "PUT" && r.target == "/upload") {
      uploaded_bytes += r.body.size();
      ++puts;
    } else {
      reply.status = 404;
    }
    return reply;
  }

  NetworkLab lab;
  std::string cpe, server, cpe_device, server_device;
  const std::string file;
  std::unique_ptr<cwmp::HttpServer> http;
  std::mutex mu;
  std::set<uint64_t> connections;
  size_t uploaded_bytes = 0;
  int puts = 0;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_DIAGNOSTICS_THROUGHPUT_LAB_H_
