// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/mosquitto_broker.h"

#include <unistd.h>

#include <fstream>
#include <utility>

#include "tests/support/free_port.h"
#include "tests/support/server_process.h"

namespace edgecwmp::testing {

MosquittoBroker::MosquittoBroker(std::string dir)
    : dir_(std::move(dir)),
      config_file_(dir_ + "/mosquitto.conf"),
      log_file_(dir_ + "/mosquitto.log"),
      output_file_(dir_ + "/mosquitto.out"),
      port_(FreeLoopbackPort()) {}

MosquittoBroker::~MosquittoBroker() { Stop(); }

bool MosquittoBroker::Start(std::string* error) {
  if (pid_ > 0) return true;
  if (!config_written_) {
    std::ofstream out(config_file_);
    out << "listener " << port_ << " 127.0.0.1\n"
        << "allow_anonymous true\n"
        << "user root\n"  // as root it would switch to user mosquitto, who cannot write dir_
        << "persistence false\n"
        << "log_dest file " << log_file_ << "\n"  // flushed per line, unlike stdout to a file
        << "log_type all\n";
    if (!out) {
      *error = "cannot write " + config_file_;
      return false;
    }
    config_written_ = true;
  }
  // Debian installs it in /usr/sbin, which a non-root PATH may lack.
  const char* program =
      access("/usr/sbin/mosquitto", X_OK) == 0 ? "/usr/sbin/mosquitto" : "mosquitto";
  pid_ = StartServerProcess({program, "-c", config_file_}, output_file_, "127.0.0.1", port_, error);
  return pid_ > 0;
}

void MosquittoBroker::Stop() { StopServerProcess(&pid_); }

std::string MosquittoBroker::Log() const { return ReadLog(output_file_) + ReadLog(log_file_); }

}  // namespace edgecwmp::testing
