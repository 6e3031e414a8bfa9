// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpctl: asks the running cwmpd for a transfer or a DU change on the device's own initiative
// (cwmp/agent/local_requests.h). The ACS hears of the result through AutonomousTransferComplete or
// AutonomousDUStateChangeComplete when Device.ManagementServer's policies ask for it.
//
//   cwmpctl [--config FILE | --state-dir DIR] [--wait SECONDS] COMMAND ARGS...
//     download URL FILETYPE [--target-file-name N] [--file-size N] [--username U] [--password P]
//     upload URL FILETYPE [--username U] [--password P]
//     install URL [--uuid U] [--execution-env REF] [--username U] [--password P]
//     update UUID [URL] [--version V] [--username U] [--password P]
//     uninstall UUID [--version V] [--execution-env REF]
//
// Exit status: 0 taken by cwmpd, 1 rejected (the reason is printed), 2 usage error, 3 not taken
// within --wait seconds (cwmpd not running: the request stays queued for its next start).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>

#include "cwmp/agent/local_requests.h"

namespace po = boost::program_options;
using namespace edgecwmp::cwmp;

namespace {

constexpr const char* kDefaultStateDir = "/var/lib/edgecwmp";

// agent.state_dir from cwmpd's config file; its other sections are not ours to check.
std::string StateDirFromConfig(const std::string& path) {
  std::string dir = kDefaultStateDir;
  po::options_description d;
  // clang-format off
  d.add_options()("agent.state_dir", po::value(&dir));
  // clang-format on
  std::ifstream in(path);
  if (!in) throw po::error("cannot read config file " + path);
  po::variables_map vm;
  po::store(po::parse_config_file(in, d, /*allow_unregistered=*/true), vm);
  po::notify(vm);
  return dir;
}

int Usage(const po::options_description& options, const std::string& problem) {
  std::ostream& out = problem.empty() ? std::cout : std::cerr;
  if (!problem.empty()) out << "cwmpctl: " << problem << "\n";
  out << "Usage: cwmpctl [options] download URL FILETYPE | upload URL FILETYPE |\n"
         "               install URL | update UUID [URL] | uninstall UUID\n"
      << options << "\n";
  return problem.empty() ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_file, state_dir, uuid, version, env_ref, target, username, password;
  uint32_t file_size = 0, wait_seconds = 10;
  std::vector<std::string> words;
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("config,c", po::value(&config_file), "cwmpd's config file (for agent.state_dir)")
      ("state-dir", po::value(&state_dir), "cwmpd's state directory (default /var/lib/edgecwmp)")
      ("wait", po::value(&wait_seconds)->default_value(wait_seconds),
       "seconds to wait for cwmpd to take the request (0 = do not wait)")
      ("target-file-name", po::value(&target), "download: TargetFileName")
      ("file-size", po::value(&file_size), "download: expected size in bytes")
      ("username", po::value(&username), "file server user name")
      ("password", po::value(&password), "file server password")
      ("uuid", po::value(&uuid), "install: the DU's UUID (default: made by the backend)")
      ("version", po::value(&version), "update/uninstall: the DU version")
      ("execution-env", po::value(&env_ref), "install/uninstall: ExecEnv path");
  // clang-format on
  po::options_description hidden;
  // clang-format off
  hidden.add_options()("words", po::value(&words)->composing());
  // clang-format on
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("words", -1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help")) return Usage(options, "");
    if (state_dir.empty()) {
      state_dir = config_file.empty() ? kDefaultStateDir : StateDirFromConfig(config_file);
    }
  } catch (const po::error& e) {
    return Usage(options, e.what());
  }

  const std::string command = words.empty() ? "" : words[0];
  auto arg = [&](size_t i) { return i < words.size() ? words[i] : std::string(); };
  LocalRequest request;
  if ((command == "download" || command == "upload") && words.size() == 3) {
    request.is_transfer = true;
    request.transfer.is_download = command == "download";
    request.transfer.url = arg(1);
    request.transfer.file_type = arg(2);
    request.transfer.target_file_name = target;
    request.transfer.file_size = file_size;
    request.transfer.username = username;
    request.transfer.password = password;
  } else if (command == "install" && words.size() == 2) {
    request.is_transfer = false;
    request.operation = InstallOpStruct{arg(1), uuid, username, password, env_ref};
  } else if (command == "update" && (words.size() == 2 || words.size() == 3)) {
    request.is_transfer = false;
    request.operation = UpdateOpStruct{arg(1), version, arg(2), username, password};
  } else if (command == "uninstall" && words.size() == 2) {
    request.is_transfer = false;
    request.operation = UninstallOpStruct{arg(1), version, env_ref};
  } else {
    return Usage(options, command.empty() ? "no command" : "bad arguments for " + command);
  }
  // The daemon checks the same way; checking here too gives the user the reason at once.
  LocalRequest checked;
  if (auto s = DecodeLocalRequest(EncodeLocalRequest(request), &checked); !s.ok()) {
    return Usage(options, s.message());
  }

  std::string name;
  if (auto s = SubmitLocalRequest(state_dir, request, &name); !s.ok()) {
    std::fprintf(stderr, "cwmpctl: %s\n", s.ToString().c_str());
    return 1;
  }
  for (uint32_t tenth = 0; tenth <= wait_seconds * 10; ++tenth) {
    std::string reason;
    switch (LocalRequestStatus(state_dir, name, &reason)) {
      case LocalRequestState::kTaken:
        std::printf("%s: taken by cwmpd\n", name.c_str());
        return 0;
      case LocalRequestState::kRejected:
        std::fprintf(stderr, "cwmpctl: rejected: %s\n", reason.c_str());
        FinishLocalRequest(state_dir, name + ".rejected", "");  // read: not needed any more
        return 1;
      case LocalRequestState::kWaiting:
        break;
    }
    if (wait_seconds > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::printf("%s: queued; cwmpd has not taken it yet\n", name.c_str());
  return 3;
}
