// SPDX-License-Identifier: GPL-2.0-or-later
// ProsodyServer: a real XMPP server (Debian's prosody) for tests, run as a child process on
// 127.0.0.1 at a free port, with a config, data directory (0700) and log the test owns. Users are
// registered with prosodyctl. Without a certificate, plain-text PLAIN login is allowed; with one
// (e.g. tests/support/test_pki.h's, CN=localhost) clients must use STARTTLS. Root is allowed
// (run_as_root). Stop() ends it with SIGTERM; the destructor stops it too.
#ifndef EDGECWMP_TESTS_SUPPORT_PROSODY_SERVER_H_
#define EDGECWMP_TESTS_SUPPORT_PROSODY_SERVER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace edgecwmp::testing {

struct ProsodyOptions {
  std::string domain = "localhost";   // the virtual host (the JIDs' domain)
  std::string address = "127.0.0.1";  // listen address
  std::string cert_file, key_file;    // both set: TLS offered and required
};

class ProsodyServer {
 public:
  ProsodyServer(std::string dir, ProsodyOptions options);  // |dir| must exist
  ~ProsodyServer();
  ProsodyServer(const ProsodyServer&) = delete;
  ProsodyServer& operator=(const ProsodyServer&) = delete;

  // Writes the config (once) and starts prosody; true when its c2s port accepts connections.
  bool Start(std::string* error);
  void Stop();
  bool Register(const std::string& user, const std::string& password, std::string* error);
  uint16_t port() const { return port_; }
  const std::string& domain() const { return options_.domain; }
  std::string Log() const;

 private:
  bool WriteConfig(std::string* error);

  std::string dir_, config_file_, log_file_;
  ProsodyOptions options_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_PROSODY_SERVER_H_
