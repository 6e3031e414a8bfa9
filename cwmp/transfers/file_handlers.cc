// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transfers/file_handlers.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "base/file_io.h"
#include "base/log.h"
#include "rpc/faults.h"

extern char** environ;

namespace edgecwmp::cwmp {

namespace {

constexpr const char* kComponent = "transfers";
namespace fs = std::filesystem;
namespace fault = rpc::fault;

// TR-069 A.3.2.8 (Download FileType) and A.4.1.5 (Upload FileType).
const FileTypeInfo kFileTypes[] = {
    {"1 Firmware Upgrade Image", true, nullptr, true, &TransferConfig::firmware_command},
    {"2 Web Content", true, "web-content", false, &TransferConfig::web_content_command},
    {"3 Vendor Configuration File", true, "vendor-config", false,
     &TransferConfig::vendor_config_command},
    {kEdgexConfigFileType, true, "edgex-config", false, &TransferConfig::edgex_config_command},
    {"3 Vendor Configuration File", false, nullptr, false, &TransferConfig::upload_config_command},
    {"4 Vendor Log File", false, nullptr, false, &TransferConfig::upload_log_command},
    // Deprecated Upload forms without instance numbers (A.4.1.5).
    {"1 Vendor Configuration File", false, nullptr, false, &TransferConfig::upload_config_command},
    {"2 Vendor Log File", false, nullptr, false, &TransferConfig::upload_log_command},
};

struct ExitFault {
  int exit_status;
  uint32_t fault_code;
};
constexpr ExitFault kExitFaults[] = {
    {10, fault::kFileTransferFailure},       {11, fault::kUploadFailure},
    {12, fault::kFileTransferAuthFailure},   {16, fault::kFileAccessFailure},
    {17, fault::kDownloadIncomplete},        {18, fault::kFileCorrupted},
    {19, fault::kFileAuthenticationFailure},
};

// Where downloads land and upload sources are written (created on demand). A download_dir the
// operator chose keeps its mode (it may be shared, e.g. /tmp); the files in it are private.
std::string WorkDir(const TransferConfig& config) {
  if (config.download_dir.empty()) {
    const std::string dir = config.state_dir + "/downloads";
    Status s = MakePrivateDir(dir);
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, s.ToString());
    return dir;
  }
  std::error_code ec;
  fs::create_directories(config.download_dir, ec);
  return config.download_dir;
}

// Creates |path| empty and 0600 whatever the umask; whoever writes it next (libcurl, a handler)
// truncates it and keeps the mode.
bool CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  const bool ok = ::fchmod(fd, 0600) == 0;
  ::close(fd);
  return ok;
}

// The outcome |code| (0 = success) after |bytes| bytes went over the wire (0 = unknown).
TransferResult Result(uint32_t code, uint64_t bytes = 0) {
  TransferResult r;
  if (code != 0) r.fault = {code, rpc::FaultString(code)};
  r.bytes = bytes;
  return r;
}

bool StartsWith(const std::string& s, const char* prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

// A safe file name from the ACS's TargetFileName or the URL's last segment.
std::string StoredName(const Transfer& t) {
  std::string name = t.target_file_name;
  if (name.empty()) {
    std::string path = t.url.substr(0, t.url.find_first_of("?#"));
    name = path.substr(path.rfind('/') + 1);
  }
  std::string safe;
  for (char c : name.substr(name.rfind('/') + 1)) {
    safe +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  }
  if (safe.empty() || safe == "." || safe == "..") safe = "file-" + std::to_string(t.id);
  return safe;
}

// HTTP outcome → fault (TR-069 A.5.1).
uint32_t FaultForHttpStatus(long status, bool download) {
  if (status >= 200 && status < 300) return 0;
  if (status == 401 || status == 407) return fault::kFileTransferAuthFailure;
  if (!download) return fault::kUploadFailure;
  if (status == 403 || status == 404 || status == 410) return fault::kFileAccessFailure;
  return fault::kFileTransferFailure;
}

uint32_t FaultForFetchError(const Status& s, bool download) {
  if (!download) return fault::kUploadFailure;
  if (s.code() == Error::kResourcesExceeded) return fault::kFileTransferFailure;  // over the cap
  const std::string& m = s.message();
  // A body cut short (server stalled or closed mid-file) vs no usable connection at all.
  if (m.find("remaining") != std::string::npos ||
      m.find("Operation timed out") != std::string::npos ||
      m.find("partial") != std::string::npos) {
    return fault::kDownloadIncomplete;
  }
  return fault::kFileServerUnreachable;
}

HttpFetchRequest FetchRequest(const Transfer& t, const TransferConfig& config) {
  HttpFetchRequest r;
  r.url = t.url;
  r.username = t.username;
  r.password = t.password;
  r.tls = config.tls;
  r.tls.verify = true;  // never "verify off": the device runs what it downloads
  r.timeout_ms = static_cast<long>(config.timeout_seconds) * 1000;
  r.connect_timeout_ms = std::min<long>(r.timeout_ms, 30000);
  r.max_response_bytes = static_cast<size_t>(config.max_file_size);
  r.follow_redirects = true;
  return r;
}

// What the server sent is the file asked for: an HTTP success, and FileSize bytes unless the ACS
// gave none (TR-069 A.3.2.8: FileSize 0). Nullopt when it is, with |*size| its size; else the
// fault result.
std::optional<TransferResult> CheckFetched(const Transfer& t, const HttpResponse& response,
                                           const std::string& part, uint64_t* size) {
  if (uint32_t code = FaultForHttpStatus(response.status, true); code != 0) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": HTTP ", response.status);
    return Result(code);
  }
  std::error_code ec;
  *size = fs::file_size(part, ec);
  if (ec) return Result(fault::kInternalError);
  if (t.file_size != 0 && *size != t.file_size) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": ", *size, " bytes, FileSize said ",
        t.file_size);
    return Result(*size < t.file_size ? fault::kDownloadIncomplete : fault::kFileCorrupted, *size);
  }
  return std::nullopt;
}

// A file type the agent applies itself (TransferConfig::file_appliers).
TransferResult ApplyInProcess(const TransferConfig::FileApplier& apply, const Transfer& t,
                              const std::string& part, uint64_t size) {
  const Status applied = apply(part, t.url);
  if (applied.ok()) return Result(0, size);
  const uint32_t code = rpc::FaultCodeFor(applied);
  std::string message = applied.message();
  Log(LogLevel::kWarning, kComponent, t.Describe(), ": ", code, " ", message);
  if (message.empty()) message = rpc::FaultString(code);
  if (message.size() > 256) message.resize(256);  // TR-069 A.3.3.2 FaultString: string(256)
  TransferResult result = Result(code, size);
  result.fault.fault_string = message;
  return result;
}

// A file type with a configured handler command: its exit status is the result.
TransferResult RunCommandHandler(const std::string& command, const FileTypeInfo& info,
                                 const Transfer& t, const std::string& part, uint64_t size) {
  const int exit_status = RunHandler(command, part, t);
  if (Status s = HandlerOutcome(exit_status); !s.ok()) {
    Log(LogLevel::kWarning, kComponent, "handler for ", t.file_type, " exited ", exit_status);
    return Result(rpc::FaultCodeFor(s), size);
  }
  TransferResult result = Result(0, size);
  result.reboot = info.reboots;
  return result;
}

// No handler: the file is kept in the state directory for whoever consumes it.
TransferResult StoreFile(const FileTypeInfo& info, const Transfer& t, const TransferConfig& config,
                         const std::string& part, uint64_t size) {
  const std::string files = config.state_dir + "/files";
  const std::string store = files + "/" + info.store_dir;
  if (!MakePrivateDir(files).ok() || !MakePrivateDir(store).ok()) {
    return Result(fault::kInternalError, size);
  }
  std::error_code ec;
  fs::rename(part, store + "/" + StoredName(t), ec);
  if (ec) return Result(fault::kInternalError, size);
  return Result(0, size);
}

TransferResult RunDownload(const Transfer& t, const TransferConfig& config) {
  const FileTypeInfo* info = FindFileType(t.file_type, true);
  const auto applier = config.file_appliers.find(t.file_type);
  const bool in_process = applier != config.file_appliers.end() && applier->second;
  if (!in_process && (!info || !CanHandle(*info, config))) {
    return Result(fault::kFileTransferFailure);
  }
  const bool https_only = config.https_only_file_types.count(t.file_type) != 0;
  if (https_only && !StartsWith(t.url, "https://")) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": refused: ", t.file_type,
        " is fetched over https only");
    return Result(fault::kUnsupportedTransferProtocol);  // 9013: the scheme is the refusal
  }
  const std::string part = WorkDir(config) + "/transfer-" + std::to_string(t.id) + ".part";
  if (!CreatePrivateFile(part)) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": cannot create ", part);
    return Result(fault::kInternalError);
  }
  HttpFetchRequest request = FetchRequest(t, config);
  request.output_file = part;
  request.https_only = https_only;
  HttpResponse response;
  Status s = HttpFetch(request, &response);
  if (!s.ok()) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": ", s.ToString());
    return Result(FaultForFetchError(s, true));
  }
  struct Cleanup {
    std::string path;
    ~Cleanup() { std::remove(path.c_str()); }
  } cleanup{part};
  uint64_t size = 0;
  if (auto bad = CheckFetched(t, response, part, &size)) return *bad;
  if (in_process) return ApplyInProcess(applier->second, t, part, size);
  const std::string& command = config.*(info->command);
  if (!command.empty()) return RunCommandHandler(command, *info, t, part, size);
  return StoreFile(*info, t, config, part, size);
}

TransferResult RunUpload(const Transfer& t, const TransferConfig& config) {
  const FileTypeInfo* info = FindFileType(t.file_type, false);
  if (!info || !CanHandle(*info, config)) return Result(fault::kUploadFailure);
  const std::string& command = config.*(info->command);
  // The file to send, produced for this upload only and removed after it.
  const std::string source = WorkDir(config) + "/upload-" + std::to_string(t.id);
  struct Cleanup {
    std::string path;
    ~Cleanup() { std::remove(path.c_str()); }
  } cleanup{source};
  if (!CreatePrivateFile(source)) return Result(fault::kUploadFailure);
  if (!command.empty()) {
    if (Status s = HandlerOutcome(RunHandler(command, source, t)); !s.ok()) {
      const uint32_t code = rpc::FaultCodeFor(s);
      return Result(code == fault::kFileTransferFailure ? fault::kUploadFailure : code);
    }
    ::chmod(source.c_str(), 0600);  // the handler may have replaced the file
  } else if (Status s = config.write_config(source); !s.ok()) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": ", s.ToString());
    return Result(fault::kUploadFailure);
  }
  HttpFetchRequest request = FetchRequest(t, config);
  request.method = "PUT";  // TR-069 A.4.1.5 / 3.4.3: HTTP uploads use PUT
  // Streamed from the file, not held in memory: HttpFetch rewinds it when a Basic/Digest
  // challenge makes libcurl send the body again.
  std::error_code ec;
  const uint64_t size = fs::file_size(source, ec);
  if (ec || size > config.max_file_size) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": cannot read ", source);
    return Result(fault::kUploadFailure);
  }
  request.input_file = source;
  request.max_response_bytes = 64 * 1024;
  HttpResponse response;
  Status s = HttpFetch(request, &response);
  if (!s.ok()) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": ", s.ToString());
    return Result(fault::kUploadFailure);
  }
  if (uint32_t code = FaultForHttpStatus(response.status, false); code != 0) {
    Log(LogLevel::kWarning, kComponent, t.Describe(), ": HTTP ", response.status);
    return Result(code);
  }
  return Result(0, size);
}

}  // namespace

const FileTypeInfo* FindFileType(const std::string& file_type, bool download) {
  for (const FileTypeInfo& info : kFileTypes) {
    if (info.download != download) continue;
    if (file_type == info.file_type) return &info;
    // Upload instance form: "<type> <i>".
    const std::string prefix = std::string(info.file_type) + " ";
    if (!download && StartsWith(file_type, prefix.c_str())) {
      std::string rest = file_type.substr(prefix.size());
      if (!rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos) return &info;
    }
  }
  return nullptr;
}

bool CanHandle(const FileTypeInfo& info, const TransferConfig& config) {
  if (!(config.*(info.command)).empty()) return true;
  if (info.download) return info.store_dir != nullptr;  // firmware needs a handler
  return info.command == &TransferConfig::upload_config_command && config.write_config;
}

bool IsSupportedTransferUrl(const std::string& url) {
  return (StartsWith(url, "http://") || StartsWith(url, "https://")) && url.size() > 8;
}

Status CheckTransferUrl(const std::string& url, bool download, const TransferConfig& config) {
  if (!IsSupportedTransferUrl(url)) {
    return Status::Fault(fault::kUnsupportedTransferProtocol, "only http and https URLs");
  }
  // Anyone on the path reads what goes over plain http. 9013 (unsupported protocol for file
  // transfer) rather than 9001 or 9011: only the protocol is refused, and the ACS can send the
  // same Upload with an https URL.
  if (!download && !config.allow_plain_http_upload && StartsWith(url, "http://")) {
    return Status::Fault(fault::kUnsupportedTransferProtocol,
                         "uploads over plain http need transfers.allow_plain_http_upload");
  }
  return Status::Ok();
}

Status HandlerOutcome(int exit_status) {
  if (exit_status == 0) return Status::Ok();
  const std::string what = "handler exited " + std::to_string(exit_status);
  for (const ExitFault& e : kExitFaults) {
    if (e.exit_status == exit_status) return Status::Fault(e.fault_code, what);
  }
  return Status::Internal(what);
}

int RunHandler(const std::string& command, const std::string& arg, const Transfer& t) {
  // Everything the child needs is built before fork (only async-signal-safe calls after it).
  const std::string script = command + " \"$1\"";
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    if (!StartsWith(*e, "EDGECWMP_FILE_TYPE=") && !StartsWith(*e, "EDGECWMP_COMMAND_KEY=") &&
        !StartsWith(*e, "EDGECWMP_TARGET_FILE_NAME=")) {
      env_strings.emplace_back(*e);
    }
  }
  env_strings.push_back("EDGECWMP_FILE_TYPE=" + t.file_type);
  env_strings.push_back("EDGECWMP_COMMAND_KEY=" + t.command_key);
  env_strings.push_back("EDGECWMP_TARGET_FILE_NAME=" + t.target_file_name);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string sh = "/bin/sh", dash_c = "-c", name = "sh", a = arg;
  std::string body = script;
  char* argv[] = {sh.data(), dash_c.data(), body.data(), name.data(), a.data(), nullptr};
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    sigset_t none;  // the daemon blocks its signals for sigwait; the handler must not inherit that
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve("/bin/sh", argv, envp.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TransferResult ExecuteTransfer(const Transfer& t, const TransferConfig& config) {
  // Checked again here: a reload may have withdrawn allow_plain_http_upload since the request.
  if (Status s = CheckTransferUrl(t.url, t.is_download(), config); !s.ok()) {
    return Result(rpc::FaultCodeFor(s));
  }
  return t.is_download() ? RunDownload(t, config) : RunUpload(t, config);
}

}  // namespace edgecwmp::cwmp
