// SPDX-License-Identifier: GPL-2.0-or-later
// Collector: a real bulk data collector on loopback for the BulkData tests: an HttpServer (plain
// or TLS) that asks for Basic or Digest credentials when told to (tests/acs/acs_auth.h), records
// every authenticated transfer and answers it 200, or a status the test queued. Stop() is a real
// outage (the port refuses connections); Start() again listens on the same port.
#ifndef EDGECWMP_TESTS_BULKDATA_COLLECTOR_H_
#define EDGECWMP_TESTS_BULKDATA_COLLECTOR_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cwmp/transport/http_server.h"
#include "tests/acs/acs_auth.h"

namespace edgecwmp::testing {

struct Delivery {
  std::string method, target, body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;  // case-insensitive, "" when absent
};

struct CollectorOptions {
  acs::AuthMode auth = acs::AuthMode::kNone;
  std::string username = "collector", password = "collector-secret";
  std::string tls_cert, tls_key;  // both set: https
  // Called (on the server thread) with each transfer about to be answered 200.
  std::function<void(const Delivery&)> on_delivery;
};

class Collector {
 public:
  explicit Collector(CollectorOptions options = {});
  ~Collector();
  bool Start();  // false when it cannot listen
  void Stop();
  std::string Url(const std::string& path) const;  // http(s)://127.0.0.1:<port><path>
  void FailNext(int status);                       // the next authenticated transfer gets it
  std::vector<Delivery> deliveries() const;        // answered 200, in arrival order
  size_t challenges() const;                       // 401s sent

 private:
  cwmp::HttpReply Handle(const cwmp::HttpRequest& request);

  CollectorOptions options_;
  acs::AcsAuthenticator auth_;
  uint16_t port_ = 0;
  mutable std::mutex mu_;
  std::deque<int> fail_;
  std::vector<Delivery> deliveries_;
  size_t challenges_ = 0;
  std::unique_ptr<cwmp::HttpServer> server_;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_BULKDATA_COLLECTOR_H_
