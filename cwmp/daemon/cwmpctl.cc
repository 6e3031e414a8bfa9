// SPDX-License-Identifier: GPL-2.0-or-later
// cwmpctl: the operator's command for the running cwmpd (cwmp/agent/local_requests.h): what the
// agent is doing, parameter values read and set on the device, a session now, and transfers and
// DU changes on the device's own initiative (the ACS hears of their results through
// AutonomousTransferComplete / AutonomousDUStateChangeComplete when its policies ask for it).
// kHelp below is the manual; the exit statuses are listed there.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "cwmp/agent/local_requests.h"

namespace po = boost::program_options;
using json = nlohmann::json;
using namespace edgecwmp::cwmp;

namespace {

constexpr const char* kDefaultStateDir = "/var/lib/edgecwmp";

// Exit statuses (documented in kHelp).
enum Exit : int {
  kDone = 0,       // cwmpd answered or took the request
  kRejected = 1,   // cwmpd refused it (the reason is printed)
  kUsage = 2,      // bad command line
  kNoAnswer = 3,   // cwmpd did not take it within --wait (not running?)
  kCannotAsk = 4,  // the request could not be written (state directory missing or not ours)
};

constexpr const char* kHelp = R"(Usage: cwmpctl [OPTIONS] COMMAND [ARGS...]

Asks the running cwmpd (the TR-069 agent) on this device. Needs the rights of the daemon's
state directory (root, or the daemon's user).

Commands:
  status                  the ACS URL, the last session and its outcome, when the next session
                          and the next periodic Inform are due, the connection-request URL and
                          channels (HTTP, UDP, XMPP), pending events, queued transfers, and the
                          services (ExecutionUnits) with their state
  get PATH...             parameter values; a PATH ending in '.' gives everything below it.
                          Passwords read as "" (as the ACS sees them)
  set PATH VALUE...       sets one or more parameters, all or none, with the ACS's checks
                          (writable, type, range); a parameter the ACS asked to be notified of
                          (Notification 1 or 2) goes to the ACS with 4 VALUE CHANGE
  inform                  a session with the ACS now (as a connection request asks:
                          6 CONNECTION REQUEST with whatever else is pending)
  download URL FILETYPE   a transfer on the device's own initiative, e.g.
                          FILETYPE "1 Firmware Upgrade Image" or "3 Vendor Configuration File"
  upload URL FILETYPE     e.g. "3 Vendor Configuration File", "4 Vendor Log File"
  install URL             a deployment unit (an EdgeX service definition)
  update UUID [URL]       a deployment unit to a new version
  uninstall UUID          a deployment unit

Exit status:
  0  done: cwmpd answered, or took the transfer / DU request (its result goes to the ACS)
  1  cwmpd refused the request; the reason (with the TR-069 fault code) is on stderr
  2  usage error
  3  cwmpd did not take the request within --wait seconds (not running?). A transfer or DU
     request stays queued for cwmpd's next start; get, set, status and inform are withdrawn
  4  the request could not be written (no state directory, or no permission: run as root)

A VALUE starting with '-' needs "--" before the command: cwmpctl set -- PATH -1

Output: text for people; with --json, the answer as one JSON document on stdout (for a
refusal: {"error": "..."}), for scripts.

)";

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
  out << kHelp << options << "\n";
  return problem.empty() ? kDone : kUsage;
}

// The request |words| asks for; false when they are not a command with the right arguments.
struct Flags {
  std::string uuid, version, env_ref, target, username, password;
  uint32_t file_size = 0;
};
bool ParseCommand(const std::vector<std::string>& words, const Flags& f, LocalRequest* r) {
  const std::string command = words.empty() ? "" : words[0];
  const size_t n = words.size();
  auto arg = [&](size_t i) { return i < n ? words[i] : std::string(); };
  if (command == "status" || command == "inform") {
    r->kind = command == "status" ? LocalRequestKind::kStatus : LocalRequestKind::kInform;
    return n == 1;
  }
  if (command == "get") {
    r->kind = LocalRequestKind::kGet;
    r->names.assign(words.begin() + 1, words.end());
    return n >= 2;
  }
  if (command == "set") {
    r->kind = LocalRequestKind::kSet;
    for (size_t i = 1; i + 1 < n; i += 2) r->values.emplace_back(words[i], words[i + 1]);
    return n >= 3 && n % 2 == 1;
  }
  if (command == "download" || command == "upload") {
    r->kind = LocalRequestKind::kTransfer;
    AutonomousTransferRequest& t = r->transfer;
    t.is_download = command == "download";
    t.url = arg(1);
    t.file_type = arg(2);
    t.target_file_name = f.target;
    t.file_size = f.file_size;
    t.username = f.username;
    t.password = f.password;
    return n == 3;
  }
  r->kind = LocalRequestKind::kDuChange;
  if (command == "install") {
    r->operation = InstallOpStruct{arg(1), f.uuid, f.username, f.password, f.env_ref};
    return n == 2;
  }
  if (command == "update") {
    r->operation = UpdateOpStruct{arg(1), f.version, arg(2), f.username, f.password};
    return n == 2 || n == 3;
  }
  if (command == "uninstall") {
    r->operation = UninstallOpStruct{arg(1), f.version, f.env_ref};
    return n == 2;
  }
  return false;
}

std::string Text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string("-");
}

void PrintStatus(const json& s) {
  std::printf("ACS URL:              %s\n", Text(s, "acs_url").c_str());
  const json& last = s["last_session"];
  if (last.is_object()) {
    std::string rpcs;
    for (const auto& [method, count] : last["acs_requests"].items()) {
      rpcs += (rpcs.empty() ? "" : ", ") + method + "=" + std::to_string(count.get<int>());
    }
    const std::string detail = Text(last, "detail");
    std::printf("Last session:         %s %s%s\n", Text(last, "ended").c_str(),
                Text(last, "outcome").c_str(), detail.empty() ? "" : (": " + detail).c_str());
    std::printf("  events:             %s\n", Text(last, "events").c_str());
    std::printf("  ACS requests:       %s\n", rpcs.empty() ? "none" : rpcs.c_str());
  } else {
    std::printf("Last session:         none since cwmpd started\n");
  }
  std::printf("Next session due:     %s\n", Text(s, "next_session").c_str());
  std::printf("Next periodic Inform: %s\n", Text(s, "next_periodic_inform").c_str());
  std::printf("Retry count:          %d\n", s.value("retry_count", 0));
  const json& cr = s["connection_request"];
  std::string channels = cr.value("http", false) ? "HTTP" : "";
  if (cr.value("udp", false)) channels += ", UDP " + Text(cr, "udp_address");
  if (cr.value("xmpp", false)) {
    channels += ", XMPP " + Text(cr, "xmpp_jabber_id") + " (" + Text(cr, "xmpp_status") + ")";
  }
  std::printf("Connection requests:  %s\n  channels:           %s\n", Text(cr, "url").c_str(),
              channels.c_str());
  std::string pending;
  for (const json& e : s["pending_events"])
    pending += (pending.empty() ? "" : ", ") + e.get<std::string>();
  std::printf("Pending events:       %s\n", pending.empty() ? "none" : pending.c_str());
  std::printf("Queued transfers:     %s\n", s["queued_transfers"].empty() ? "none" : "");
  for (const json& t : s["queued_transfers"]) {
    std::printf("  %s %s '%s' (%s)\n", Text(t, "direction").c_str(), Text(t, "file_type").c_str(),
                Text(t, "command_key").c_str(), Text(t, "state").c_str());
  }
  std::printf("Services:             %s\n", s["services"].empty() ? "none" : "");
  for (const json& v : s["services"]) {
    std::printf("  %-28s %-10s %s\n", Text(v, "name").c_str(), Text(v, "status").c_str(),
                Text(v, "version").c_str());
  }
}

// Prints cwmpd's |reply| to |request| for people.
void PrintReply(const LocalRequest& request, const json& reply) {
  switch (request.kind) {
    case LocalRequestKind::kStatus:
      PrintStatus(reply);
      break;
    case LocalRequestKind::kGet:
      for (const json& v : reply["values"]) {
        std::printf("%s = %s\n", Text(v, "name").c_str(), Text(v, "value").c_str());
      }
      break;
    case LocalRequestKind::kSet:
      std::printf("set; applied %s\n", Text(reply, "applied").c_str());
      break;
    default:
      std::printf("session requested\n");
      break;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_file, state_dir;
  Flags flags;
  uint32_t wait_seconds = 10;
  bool as_json = false;
  std::vector<std::string> words;
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("config,c", po::value(&config_file), "cwmpd's config file (for agent.state_dir)")
      ("state-dir", po::value(&state_dir), "cwmpd's state directory (default /var/lib/edgecwmp)")
      ("wait", po::value(&wait_seconds)->default_value(wait_seconds),
       "seconds to wait for cwmpd to take the request (0 = do not wait)")
      ("json", po::bool_switch(&as_json), "print the answer as JSON")
      ("target-file-name", po::value(&flags.target), "download: TargetFileName")
      ("file-size", po::value(&flags.file_size), "download: expected size in bytes")
      ("username", po::value(&flags.username), "file server user name")
      ("password", po::value(&flags.password), "file server password")
      ("uuid", po::value(&flags.uuid), "install: the DU's UUID (default: made by the backend)")
      ("version", po::value(&flags.version), "update/uninstall: the DU version")
      ("execution-env", po::value(&flags.env_ref), "install/uninstall: ExecEnv path");
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

  LocalRequest request;
  if (!ParseCommand(words, flags, &request)) {
    return Usage(options, words.empty() ? "no command" : "bad arguments for " + words[0]);
  }
  // The daemon checks the same way; checking here too gives the user the reason at once.
  LocalRequest checked;
  if (auto s = DecodeLocalRequest(EncodeLocalRequest(request), &checked); !s.ok()) {
    return Usage(options, s.message());
  }

  std::string name;
  if (auto s = SubmitLocalRequest(state_dir, request, &name); !s.ok()) {
    std::fprintf(stderr, "cwmpctl: %s\n", s.ToString().c_str());
    return kCannotAsk;
  }
  const bool queued_job =
      request.kind == LocalRequestKind::kTransfer || request.kind == LocalRequestKind::kDuChange;
  for (uint32_t tenth = 0; tenth <= wait_seconds * 10; ++tenth) {
    std::string text;
    switch (LocalRequestStatus(state_dir, name, &text)) {
      case LocalRequestState::kTaken:
        if (as_json) {
          std::printf("%s\n", json({{"request", name}, {"state", "taken"}}).dump(2).c_str());
        } else {
          std::printf("%s: taken by cwmpd\n", name.c_str());
        }
        return kDone;
      case LocalRequestState::kAnswered: {
        const json reply = json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (as_json) {
          std::fputs(text.c_str(), stdout);
        } else if (!reply.is_discarded()) {
          PrintReply(request, reply);
        }
        return kDone;
      }
      case LocalRequestState::kRejected:
        if (as_json) std::printf("%s\n", json({{"error", text}}).dump(2).c_str());
        std::fprintf(stderr, "cwmpctl: rejected: %s\n", text.c_str());
        return kRejected;
      case LocalRequestState::kWaiting:
        break;
    }
    if (wait_seconds > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!queued_job) {
    // A question nobody answers now is withdrawn: a set applied at some later start would
    // surprise the operator.
    FinishLocalRequest(state_dir, name, "");
    std::fprintf(stderr, "cwmpctl: cwmpd did not answer within %u s (is it running?)\n",
                 wait_seconds);
    return kNoAnswer;
  }
  std::printf("%s: queued; cwmpd has not taken it yet\n", name.c_str());
  return kNoAnswer;
}
