// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/local_requests.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/log.h"

namespace edgecwmp::cwmp {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kSuffix = ".json";
constexpr const char* kRejected = ".rejected";
constexpr const char* kReply = ".reply";

// Reads and removes |path|; false when it does not exist.
bool TakeFile(const std::string& path, std::string* text) {
  if (!ReadFile(path, text).ok()) return false;
  std::error_code ec;
  fs::remove(path, ec);
  return true;
}

// file_size is a number; get's names a list of strings; set's values a list of
// {"name": string, "value": string}; everything else a string.
bool HasExpectedType(const std::string& key, const json& value) {
  if (key == "file_size") return value.is_number_unsigned();
  if (key == "names") {
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const json& n) { return n.is_string(); });
  }
  if (key == "values") {
    return value.is_array() && std::all_of(value.begin(), value.end(), [](const json& v) {
             return v.is_object() && v.size() == 2 && v.contains("name") && v["name"].is_string() &&
                    v.contains("value") && v["value"].is_string();
           });
  }
  return value.is_string();
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string LocalRequestDir(const std::string& state_dir) { return state_dir + "/requests"; }

std::string EncodeLocalRequest(const LocalRequest& r) {
  json j;
  if (r.kind == LocalRequestKind::kGet) {
    j = {{"kind", "get"}, {"names", r.names}};
  } else if (r.kind == LocalRequestKind::kSet) {
    json values = json::array();
    for (const auto& [name, value] : r.values) values.push_back({{"name", name}, {"value", value}});
    j = {{"kind", "set"}, {"values", values}};
  } else if (r.kind == LocalRequestKind::kInform || r.kind == LocalRequestKind::kStatus) {
    j = {{"kind", r.kind == LocalRequestKind::kInform ? "inform" : "status"}};
  } else if (r.kind == LocalRequestKind::kTransfer) {
    const AutonomousTransferRequest& t = r.transfer;
    j = {{"kind", t.is_download ? "download" : "upload"},
         {"url", t.url},
         {"file_type", t.file_type},
         {"target_file_name", t.target_file_name},
         {"file_size", t.file_size},
         {"username", t.username},
         {"password", t.password},
         {"announce_url", t.announce_url}};
  } else if (const auto* i = std::get_if<InstallOpStruct>(&r.operation)) {
    j = {{"kind", "install"},       {"url", i->url},
         {"uuid", i->uuid},         {"username", i->username},
         {"password", i->password}, {"execution_env_ref", i->execution_env_ref}};
  } else if (const auto* u = std::get_if<UpdateOpStruct>(&r.operation)) {
    j = {{"kind", "update"}, {"uuid", u->uuid},         {"version", u->version},
         {"url", u->url},    {"username", u->username}, {"password", u->password}};
  } else {
    const auto& x = std::get<UninstallOpStruct>(r.operation);
    j = {{"kind", "uninstall"},
         {"uuid", x.uuid},
         {"version", x.version},
         {"execution_env_ref", x.execution_env_ref}};
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // never throws
}

Status DecodeLocalRequest(const std::string& text, LocalRequest* out) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::InvalidArguments("not a JSON object");
  // Every field is a string except file_size and the lists of get and set; a wrong type is
  // refused rather than guessed.
  for (const auto& [key, value] : j.items()) {
    if (!HasExpectedType(key, value)) {
      return Status::InvalidArguments("field \"" + key + "\" has the wrong type");
    }
  }
  auto s = [&](const char* key) { return j.value(key, std::string()); };
  const std::string kind = s("kind");
  LocalRequest r;
  if (kind == "get") {
    r.kind = LocalRequestKind::kGet;
    r.names = j.value("names", std::vector<std::string>());
    if (r.names.empty()) return Status::InvalidArguments("get needs at least one name");
  } else if (kind == "set") {
    r.kind = LocalRequestKind::kSet;
    for (const json& v : j.value("values", json::array())) {
      r.values.emplace_back(v["name"].get<std::string>(), v["value"].get<std::string>());
    }
    if (r.values.empty()) return Status::InvalidArguments("set needs at least one value");
  } else if (kind == "inform" || kind == "status") {
    r.kind = kind == "inform" ? LocalRequestKind::kInform : LocalRequestKind::kStatus;
  } else if (kind == "download" || kind == "upload") {
    r.kind = LocalRequestKind::kTransfer;
    r.transfer.is_download = kind == "download";
    r.transfer.url = s("url");
    r.transfer.file_type = s("file_type");
    r.transfer.target_file_name = s("target_file_name");
    r.transfer.username = s("username");
    r.transfer.password = s("password");
    r.transfer.announce_url = s("announce_url");
    const uint64_t size = j.value("file_size", uint64_t{0});
    if (size > UINT32_MAX) return Status::InvalidArguments("file_size is too large");
    r.transfer.file_size = static_cast<uint32_t>(size);
    if (r.transfer.url.empty() || r.transfer.file_type.empty()) {
      return Status::InvalidArguments(kind + " needs a url and a file_type");
    }
  } else if (kind == "install") {
    r.kind = LocalRequestKind::kDuChange;
    r.operation =
        InstallOpStruct{s("url"), s("uuid"), s("username"), s("password"), s("execution_env_ref")};
    if (s("url").empty()) return Status::InvalidArguments("install needs a url");
  } else if (kind == "update" || kind == "uninstall") {
    r.kind = LocalRequestKind::kDuChange;
    if (s("uuid").empty()) return Status::InvalidArguments(kind + " needs a uuid");
    if (kind == "update") {
      r.operation = UpdateOpStruct{s("uuid"), s("version"), s("url"), s("username"), s("password")};
    } else {
      r.operation = UninstallOpStruct{s("uuid"), s("version"), s("execution_env_ref")};
    }
  } else {
    return Status::InvalidArguments("unknown kind \"" + kind + "\"");
  }
  *out = std::move(r);
  return Status::Ok();
}

Status SubmitLocalRequest(const std::string& state_dir, const LocalRequest& request,
                          std::string* name) {
  const std::string dir = LocalRequestDir(state_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Internal("cannot create " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);  // requests may carry file-server credentials
  // Zero-padded nanoseconds: names sort in submission order; the pid keeps two tools apart.
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%020lld-%d%s", static_cast<long long>(ns),
                static_cast<int>(::getpid()), kSuffix);
  *name = buf;
  return WriteFileAtomic(dir + "/" + *name, EncodeLocalRequest(request));
}

std::vector<PendingLocalRequest> PendingLocalRequests(const std::string& state_dir) {
  std::vector<PendingLocalRequest> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(LocalRequestDir(state_dir), ec)) {
    const std::string name = entry.path().filename().string();
    if (!EndsWith(name, kSuffix) || !entry.is_regular_file(ec)) continue;
    PendingLocalRequest p;
    p.name = name;
    std::string text;
    p.decoded = ReadFile(entry.path().string(), &text);
    if (p.decoded.ok()) p.decoded = DecodeLocalRequest(text, &p.request);
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const PendingLocalRequest& a, const PendingLocalRequest& b) {
    return a.name < b.name;
  });
  return out;
}

void FinishLocalRequest(const std::string& state_dir, const std::string& name,
                        const std::string& rejection, const std::string& reply) {
  const std::string path = LocalRequestDir(state_dir) + "/" + name;
  // Written before the request goes: whoever sees the request gone finds its outcome.
  const bool rejected = !rejection.empty();
  if (rejected || !reply.empty()) {
    Status s = WriteFileAtomic(path + (rejected ? kRejected : kReply),
                               rejected ? rejection + "\n" : reply);
    if (!s.ok()) {
      // cwmpctl then sees the request vanish without its outcome; the agent's log keeps it.
      Log(LogLevel::kWarning, "agent", "local request ", name, ": its ",
          rejected ? "rejection (" + rejection + ")" : std::string("reply"),
          " cannot be written: ", s.ToString());
    }
  }
  std::error_code ec;
  fs::remove(path, ec);
}

LocalRequestState LocalRequestStatus(const std::string& state_dir, const std::string& name,
                                     std::string* text) {
  const std::string path = LocalRequestDir(state_dir) + "/" + name;
  std::error_code ec;
  if (fs::exists(path, ec)) return LocalRequestState::kWaiting;
  std::string read;
  if (TakeFile(path + kReply, &read)) {
    if (text) *text = read;
    return LocalRequestState::kAnswered;
  }
  if (!TakeFile(path + kRejected, &read)) return LocalRequestState::kTaken;
  while (!read.empty() && read.back() == '\n') read.pop_back();
  if (text) *text = read;
  return LocalRequestState::kRejected;
}

struct LocalRequestWatcher::Rep {
  std::string dir;
  std::function<void()> wake;
  int inotify_fd = -1;
  int stop_pipe[2] = {-1, -1};
  std::thread thread;

  void Loop() {
    pollfd fds[2] = {{inotify_fd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
    alignas(inotify_event) char buf[4096];
    for (;;) {
      if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
      if (fds[1].revents != 0) return;
      if (fds[0].revents & POLLIN) {
        if (::read(inotify_fd, buf, sizeof buf) <= 0 && errno != EINTR) return;
        wake();
      }
    }
  }
};

LocalRequestWatcher::LocalRequestWatcher(std::string state_dir, std::function<void()> wake)
    : rep_(std::make_unique<Rep>()) {
  rep_->dir = LocalRequestDir(state_dir);
  rep_->wake = std::move(wake);
}

LocalRequestWatcher::~LocalRequestWatcher() {
  if (rep_->thread.joinable()) {
    (void)!::write(rep_->stop_pipe[1], "x", 1);
    rep_->thread.join();
  }
  for (int fd : {rep_->inotify_fd, rep_->stop_pipe[0], rep_->stop_pipe[1]}) {
    if (fd >= 0) ::close(fd);
  }
}

Status LocalRequestWatcher::Start() {
  std::error_code ec;
  fs::create_directories(rep_->dir, ec);
  ::chmod(rep_->dir.c_str(), 0700);
  rep_->inotify_fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (rep_->inotify_fd < 0)
    return Status::Internal(std::string("inotify: ") + std::strerror(errno));
  // A request appears by rename (IN_MOVED_TO); a tool writing in place ends with IN_CLOSE_WRITE.
  if (::inotify_add_watch(rep_->inotify_fd, rep_->dir.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
    return Status::Internal("inotify on " + rep_->dir + ": " + std::strerror(errno));
  }
  if (::pipe2(rep_->stop_pipe, O_CLOEXEC) != 0) {
    return Status::Internal(std::string("pipe: ") + std::strerror(errno));
  }
  rep_->thread = std::thread([rep = rep_.get()] { rep->Loop(); });
  return Status::Ok();
}

}  // namespace edgecwmp::cwmp
