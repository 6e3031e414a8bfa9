// SPDX-License-Identifier: GPL-2.0-or-later
// MosquittoBroker: a real MQTT broker (Debian's mosquitto) for tests, a child process listening on
// 127.0.0.1 at a free port with its own config file and log in a directory the test owns.
// Anonymous clients are allowed. Stop() and Start() again keep the port, so that a client sees an
// outage and the same broker coming back.
#ifndef EDGECWMP_TESTS_SUPPORT_MOSQUITTO_BROKER_H_
#define EDGECWMP_TESTS_SUPPORT_MOSQUITTO_BROKER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace edgecwmp::testing {

class MosquittoBroker {
 public:
  explicit MosquittoBroker(std::string dir);  // |dir| must exist
  ~MosquittoBroker();
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  // Writes the config (once) and starts mosquitto; true when its port accepts connections.
  bool Start(std::string* error);
  void Stop();
  uint16_t port() const { return port_; }
  std::string url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }
  std::string Log() const;

 private:
  std::string dir_, config_file_, log_file_, output_file_;
  uint16_t port_;  // chosen at construction: url() is known before Start()
  bool config_written_ = false;
  pid_t pid_ = -1;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_MOSQUITTO_BROKER_H_
