// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/prosody_server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "tests/support/free_port.h"
#include "tests/support/server_process.h"
#include "tests/support/test_pki.h"

namespace edgecwmp::testing {

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
  pid_ = StartServerProcess({"prosody", "--config", config_file_, "-F"}, log_file_,
                            options_.address, port_, error);
  return pid_ > 0;
}

void ProsodyServer::Stop() { StopServerProcess(&pid_); }

std::string ProsodyServer::Log() const { return ReadLog(log_file_); }

}  // namespace edgecwmp::testing
