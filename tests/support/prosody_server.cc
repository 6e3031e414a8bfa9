// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/prosody_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "tests/support/free_port.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::testing {
namespace {

bool Accepts(const std::string& address, uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, address.c_str(), &addr.sin_addr);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

bool ReapWithin(pid_t pid, std::chrono::milliseconds timeout) {
  return WaitUntil([pid] { return waitpid(pid, nullptr, WNOHANG) == pid; }, timeout,
                   std::chrono::milliseconds(20));
}

}  // namespace

ProsodyServer::ProsodyServer(std::string dir, ProsodyOptions options)
    : dir_(std::move(dir)),
      config_file_(dir_ + "/prosody.cfg.lua"),
      log_file_(dir_ + "/prosody.log"),
      options_(std::move(options)) {}

ProsodyServer::~ProsodyServer() { Stop(); }

bool ProsodyServer::WriteConfig(std::string* error) {
  if (port_ != 0) return true;
  port_ = FreeLoopbackPort();
  for (const char* sub : {"/data", "/certs"}) {
    const std::string path = dir_ + sub;
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
      *error = "cannot create " + path;
      return false;
    }
  }
  const bool tls = !options_.cert_file.empty() && !options_.key_file.empty();
  std::ofstream out(config_file_);
  out << "run_as_root = true\n"
      << "pidfile = \"" << dir_ << "/prosody.pid\"\n"
      << "data_path = \"" << dir_ << "/data\"\n"
      << "certificates = \"" << dir_ << "/certs\"\n"
      << "interfaces = { \"" << options_.address << "\" }\n"
      << "c2s_ports = { " << port_ << " }\n"
      << "s2s_ports = { }\nc2s_direct_tls_ports = { }\ns2s_direct_tls_ports = { }\n"
      << "legacy_ssl_ports = { }\nhttp_ports = { }\nhttps_ports = { }\n"
      << "authentication = \"internal_hashed\"\n"
      << "log = { info = \"*stdout\" }\n"
      << "modules_enabled = { \"roster\"; \"saslauth\"; \"tls\"; \"disco\"; \"ping\"; "
         "\"posix\" }\n"
      << "c2s_require_encryption = " << (tls ? "true" : "false") << "\n"
      << "allow_unencrypted_plain_auth = " << (tls ? "false" : "true") << "\n";
  if (tls) {
    out << "ssl = { certificate = \"" << options_.cert_file << "\"; key = \"" << options_.key_file
        << "\" }\n";
  }
  out << "Host \"" << options_.domain << "\"\n";
  if (!out) *error = "cannot write " + config_file_;
  return static_cast<bool>(out);
}

bool ProsodyServer::Register(const std::string& user, const std::string& password,
                             std::string* error) {
  if (!WriteConfig(error)) return false;
  const std::string command = "prosodyctl --config '" + config_file_ + "' register '" + user +
                              "' '" + options_.domain + "' '" + password + "'";
  if (RunCommand(command, log_file_) != 0) {
    *error = "prosodyctl register failed:\n" + Log();
    return false;
  }
  return true;
}

bool ProsodyServer::Start(std::string* error) {
  if (!WriteConfig(error)) return false;
  if (pid_ > 0) return true;
  pid_ = fork();
  if (pid_ < 0) {
    *error = "fork failed";
    return false;
  }
  if (pid_ == 0) {
    int fd = open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execlp("prosody", "prosody", "--config", config_file_.c_str(), "-F",
           static_cast<char*>(nullptr));
    _exit(127);
  }
  const pid_t pid = pid_;
  bool up = WaitUntil(
      [&] { return Accepts(options_.address, port_) || waitpid(pid, nullptr, WNOHANG) == pid; },
      std::chrono::seconds(20), std::chrono::milliseconds(20));
  if (!up || !Accepts(options_.address, port_)) {
    *error = "prosody did not start:\n" + Log();
    Stop();
    return false;
  }
  return true;
}

void ProsodyServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  if (!ReapWithin(pid_, std::chrono::seconds(10))) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
}

std::string ProsodyServer::Log() const {
  std::ifstream in(log_file_);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace edgecwmp::testing
