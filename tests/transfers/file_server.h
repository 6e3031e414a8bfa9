// SPDX-License-Identifier: GPL-2.0-or-later
// Loopback peers for the transfer tests: FileServer (HttpServer serving files from memory, with
// optional Basic credentials and TLS, recording every PUT body) and StallServer (a raw socket that
// announces a body, sends part of it and then stalls — a file server dying mid-download).
#ifndef EDGECWMP_TESTS_TRANSFERS_FILE_SERVER_H_
#define EDGECWMP_TESTS_TRANSFERS_FILE_SERVER_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cwmp/transport/http_server.h"

namespace edgecwmp::testing {

class FileServer {
 public:
  // Empty user: no credentials needed. cert/key set: https.
  explicit FileServer(std::string user = "", std::string password = "", std::string cert = "",
                      std::string key = "");
  bool Start();
  void Put(const std::string& path, const std::string& content);  // served by GET
  std::string Uploaded(const std::string& path);                  // the last PUT body
  int gets() const { return gets_; }
  int GetsOf(const std::string& path);  // GETs of |path| so far
  std::string Url(const std::string& path) const;

 private:
  cwmp::HttpReply Handle(const cwmp::HttpRequest& r);
  std::string user_, password_;
  bool tls_;
  std::mutex mu_;
  std::map<std::string, std::string> files_, uploads_;
  std::map<std::string, int> gets_of_;
  std::atomic<int> gets_{0};
  std::unique_ptr<cwmp::HttpServer> server_;
};

class StallServer {
 public:
  StallServer() = default;
  ~StallServer();
  bool Start();  // 127.0.0.1, ephemeral port
  std::string Url(const std::string& path) const;
  bool connected() const { return connected_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false}, connected_{false};
  std::thread thread_;
};

std::string Sha256Hex(const std::string& data);

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_TRANSFERS_FILE_SERVER_H_
