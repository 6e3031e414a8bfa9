// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transfers/transfers.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "base/log.h"
#include "base/time_util.h"
#include "cwmp/session/event_queue.h"
#include "cwmp/transfers/transfer_queue.h"
#include "rpc/faults.h"

namespace edgecwmp::cwmp {

namespace {

constexpr const char* kComponent = "transfers";
namespace fault = rpc::fault;

// TR-069 A.3.2.8 / A.4.1.5 / A.4.1.7 argument sizes.
constexpr size_t kMaxCommandKey = 32;
constexpr size_t kMaxUrl = 256;
constexpr size_t kMaxCredential = 256;
constexpr size_t kMaxTargetFileName = 256;
constexpr size_t kMaxAnnounceUrl = 1024;  // A.3.3.2 AnnounceURL string(1024)

int64_t NowUnix() { return NowSeconds().time_since_epoch().count(); }

bool WindowModeSupported(const std::string& mode) {
  // TR-069 A.4.1.7 WindowMode. "4 Confirmation Needed" needs a user to confirm: refused.
  return mode == "1 At Any Time" || mode == "2 Immediately" || mode == "3 When Idle";
}

Fault MakeFault(uint32_t code) { return rpc::MakeFault(code); }

// ScheduleDownload retries (TR-069 A.4.1.7 MaxRetries: retries "within the time window" after a
// failure). -1 lets the CPE choose: kCpeChosenRetries.
constexpr int32_t kCpeChosenRetries = 3;
constexpr int64_t kMaxRetryBackoff = 300;  // seconds
constexpr const char* kWhenIdle = "3 When Idle";

uint32_t MaxAttempts(const TransferWindow& w) {
  return 1 + static_cast<uint32_t>(w.max_retries < 0 ? kCpeChosenRetries : w.max_retries);
}

// Where a ScheduleDownload can start next: the first window that is not over and has attempts
// left, at its start or after the retry back-off (not_before), whichever is later; none left:
// nullopt.
struct Slot {
  size_t window;
  int64_t when;
};
std::optional<Slot> NextSlot(const Transfer& t, int64_t now) {
  for (size_t i = 0; i < t.windows.size(); ++i) {
    const TransferWindow& w = t.windows[i];
    if (w.attempts >= MaxAttempts(w)) continue;
    const int64_t when = std::max(w.start, t.not_before);
    if (std::max(when, now) < w.end) return Slot{i, when};
  }
  return std::nullopt;
}

// The default "idle" of "3 When Idle": the 1-minute load average below the number of CPUs
// (unreadable: idle, as before this rule existed).
bool SystemIdle() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  if (!(in >> load)) return true;
  return load < std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

struct TransferManager::Core {
  std::mutex mu;
  std::condition_variable cv;
  TransferConfig config;
  TransferQueue queue;
  std::function<void()> on_change;
  bool stop = false;
  bool busy = false;
  bool reboot_request = false;
  std::thread worker;

  void Notify() {
    if (on_change) on_change();
  }
  void WorkerLoop();
  // One look at the queue: what to run now, when to look again, what ran out of windows.
  struct Survey {
    std::optional<Transfer> due;       // the earliest due transfer
    std::optional<size_t> due_window;  // its ScheduleDownload window
    std::optional<int64_t> next_due;   // when the next queued one is due
    std::vector<Transfer> expired;     // ScheduleDownloads with no window left
  };
  struct Start {
    int64_t when;
    std::optional<size_t> window;
  };
  Survey SurveyQueue(int64_t now);
  std::optional<Start> StartOf(const Transfer& t, int64_t now, std::optional<bool>* idle);
  void ExpireWindows(Transfer t);
  // Runs |t| with |lock| released, then records its result (or its retry).
  void RunUnlocked(Transfer t, std::optional<size_t> window, std::unique_lock<std::mutex>* lock);
  // Finishes |t| with |result| (mu held).
  void Complete(Transfer t, TransferResult result) {
    t.state = TransferState::kCompleted;
    t.fault = std::move(result.fault);
    t.bytes_transferred = result.bytes;
    t.complete_time = NowDateTime();
    t.reboot_pending = result.reboot && t.fault.fault_code == 0;
    if (t.reboot_pending) reboot_request = true;
    Status s = queue.Update(t);
    if (!s.ok() && s.code() != Error::kNotFound) {
      Log(LogLevel::kError, kComponent, "cannot persist transfer result: ", s.ToString());
    }
    Log(t.fault.fault_code == 0 ? LogLevel::kInfo : LogLevel::kWarning, kComponent, t.Describe(),
        " finished: ",
        t.fault.fault_code == 0 ? std::string("success")
                                : std::to_string(t.fault.fault_code) + " " + t.fault.fault_string,
        t.reboot_pending ? " (reboot)" : "");
    Notify();
  }
  // A ScheduleDownload attempt in window |i| failed: its result is kept (reported if it was the
  // last attempt) and the download queued again after a back-off that leaves room for the
  // window's remaining attempts; NextSlot then decides where it goes (mu held).
  void Retry(Transfer t, size_t i, TransferResult result) {
    TransferWindow& w = t.windows[i];
    ++w.attempts;
    const int64_t now = NowUnix();
    const int64_t left = static_cast<int64_t>(MaxAttempts(w)) - w.attempts;
    t.state = TransferState::kQueued;
    t.fault = std::move(result.fault);
    t.bytes_transferred = result.bytes;
    t.not_before = now + std::clamp<int64_t>((w.end - now) / (std::max<int64_t>(left, 0) + 1), 1,
                                             kMaxRetryBackoff);
    Status s = queue.Update(t);
    if (!s.ok() && s.code() != Error::kNotFound) {
      Log(LogLevel::kError, kComponent, "cannot persist: ", s.ToString());
    }
    Log(LogLevel::kWarning, kComponent, t.Describe(), " attempt ", w.attempts,
        " failed: ", t.fault.fault_code, left > 0 ? " (retried in this window)" : "");
    cv.notify_all();
  }
  // Common request-time checks and the enqueue; returns the fault code or 0.
  Status Accept(Transfer t) {
    std::lock_guard<std::mutex> lock(mu);
    if (queue.size() >= config.max_queued) {
      return Status::ResourcesExceeded("transfer queue full (TR-069 A.5.1)");
    }
    Status s = queue.Add(std::move(t));
    if (!s.ok()) {
      Log(LogLevel::kError, kComponent, "cannot persist the transfer queue: ", s.ToString());
      return Status::Internal("cannot persist the transfer queue");
    }
    cv.notify_all();
    return Status::Ok();
  }
};

// The worker: one transfer at a time, the earliest due first; sleeps until the next one is due
// or the queue changes.
void TransferManager::Core::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mu);
  while (!stop) {
    Survey survey = SurveyQueue(NowUnix());
    for (Transfer& t : survey.expired) ExpireWindows(std::move(t));
    if (survey.due) {
      RunUnlocked(*survey.due, survey.due_window, &lock);
      continue;
    }
    if (survey.next_due) {
      using Clock = std::chrono::system_clock;
      cv.wait_until(lock, Clock::time_point(std::chrono::seconds(*survey.next_due)));
    } else {
      cv.wait(lock);
    }
  }
}

// When queued transfer |t| may start (|now| or earlier: due), and in which ScheduleDownload
// window; nullopt: a ScheduleDownload with no window left. |idle| caches the idle check.
std::optional<TransferManager::Core::Start> TransferManager::Core::StartOf(
    const Transfer& t, int64_t now, std::optional<bool>* idle) {
  if (t.kind != TransferKind::kScheduleDownload) return Start{t.not_before, std::nullopt};
  std::optional<Slot> slot = NextSlot(t, now);
  if (!slot) return std::nullopt;
  int64_t when = slot->when;
  const TransferWindow& w = t.windows[slot->window];
  if (when <= now && w.mode == kWhenIdle) {
    if (!*idle) *idle = config.is_idle ? config.is_idle() : SystemIdle();
    // Not idle: look again later, at the latest when the window closes.
    if (!**idle) when = std::min<int64_t>(now + std::max(config.idle_poll_seconds, 1u), w.end);
  }
  return Start{when, slot->window};
}

TransferManager::Core::Survey TransferManager::Core::SurveyQueue(int64_t now) {
  Survey out;
  int64_t due_when = 0;
  std::optional<bool> idle;  // asked at most once per pass
  for (const Transfer& t : queue.transfers()) {
    if (t.state != TransferState::kQueued) continue;
    std::optional<Start> start = StartOf(t, now, &idle);
    if (!start) {
      out.expired.push_back(t);
    } else if (start->when > now) {
      if (!out.next_due || start->when < *out.next_due) out.next_due = start->when;
    } else if (!out.due || start->when < due_when) {
      out.due = t;
      due_when = start->when;
      out.due_window = start->window;
    }
  }
  return out;
}

// TR-069 A.4.1.7: no window left. Reported: the last attempt's fault, or 9020 when the download
// never got to start (every window passed, or a "When Idle" one never was).
void TransferManager::Core::ExpireWindows(Transfer t) {
  TransferResult result;
  result.fault = t.fault;
  result.bytes = t.bytes_transferred;
  if (result.fault.fault_code == 0) {
    result.fault = {fault::kTimeWindowsExceeded, rpc::FaultString(fault::kTimeWindowsExceeded)};
  }
  Complete(std::move(t), std::move(result));
}

void TransferManager::Core::RunUnlocked(Transfer t, std::optional<size_t> window,
                                        std::unique_lock<std::mutex>* lock) {
  t.state = TransferState::kInProgress;
  t.start_time = NowDateTime();
  // Persisted before the first byte: a crash from here on is reported after the restart.
  Status s = queue.Update(t);
  if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot persist: ", s.ToString());
  TransferConfig snapshot = config;
  busy = true;
  lock->unlock();
  Log(LogLevel::kInfo, kComponent, t.Describe(), " started");
  TransferResult result = ExecuteTransfer(t, snapshot);
  lock->lock();
  busy = false;
  if (!queue.Find(t.id)) return;  // wiped meanwhile
  if (window && result.fault.fault_code != 0) {
    Retry(std::move(t), *window, std::move(result));
  } else {
    Complete(std::move(t), std::move(result));
  }
}

TransferManager::TransferManager(TransferConfig config, std::function<void()> on_change)
    : core_(std::make_shared<Core>()) {
  core_->config = std::move(config);
  core_->on_change = std::move(on_change);
}

TransferManager::~TransferManager() {
  bool join = false;
  {
    std::lock_guard<std::mutex> lock(core_->mu);
    core_->stop = true;
    core_->on_change = nullptr;
    join = !core_->busy;
  }
  core_->cv.notify_all();
  if (!core_->worker.joinable()) return;
  // A transfer in flight is not waited for (it may take minutes): the worker owns a reference to
  // the core and ends on its own; the queue already says "in progress" for the next start.
  if (join) {
    core_->worker.join();
  } else {
    core_->worker.detach();
  }
}

Status TransferManager::Start(std::string* warning) {
  std::lock_guard<std::mutex> lock(core_->mu);
  Status s = core_->queue.Open(core_->config.state_dir, warning);
  if (!s.ok()) return s;
  for (Transfer t : core_->queue.transfers()) {
    if (!t.reboot_pending) continue;
    t.reboot_pending = false;  // this is the boot after the firmware was applied
    s = core_->queue.Update(t);
    if (!s.ok()) return s;
  }
  std::shared_ptr<Core> core = core_;
  core_->worker = std::thread([core] { core->WorkerLoop(); });
  return Status::Ok();
}

// The checks and fields Download, Upload and ScheduleDownload share (TR-069 A.3.2.8, A.4.1.5,
// A.4.1.7): argument sizes, the URL's scheme, a file type this agent can handle, the size limit.
// Returns OK and fills |t|'s common fields, or the fault to answer with.
Status TransferManager::Vet(const TransferFields& f, TransferKind kind, Transfer* t) const {
  const bool download = kind != TransferKind::kUpload;
  if (f.command_key.size() > kMaxCommandKey || f.url.size() > kMaxUrl ||
      f.username.size() > kMaxCredential || f.password.size() > kMaxCredential ||
      f.target_file_name.size() > kMaxTargetFileName) {
    return Status::InvalidArguments("an argument exceeds its TR-069 size");
  }
  TransferConfig config;
  {
    std::lock_guard<std::mutex> lock(core_->mu);
    config = core_->config;
  }
  EDGECWMP_RETURN_IF_ERROR(CheckTransferUrl(f.url, download, config));
  const FileTypeInfo* info = FindFileType(f.file_type, download);
  const bool in_process = download && config.file_appliers.count(f.file_type) != 0;
  if (!in_process && (!info || !CanHandle(*info, config))) {
    return Status::Fault(download ? fault::kFileTransferFailure : fault::kUploadFailure,
                         "FileType " + f.file_type + " cannot be handled");
  }
  if (f.file_size > config.max_file_size) {
    return Status::ResourcesExceeded("FileSize over transfers.max_file_size");
  }
  t->kind = kind;
  t->command_key = f.command_key;
  t->file_type = f.file_type;
  t->url = f.url;
  t->username = f.username;
  t->password = f.password;
  t->file_size = f.file_size;
  t->target_file_name = f.target_file_name;  // GenieACS sends it empty: the URL names the file
  return Status::Ok();
}

CpeResponse TransferManager::Download(const cwmp::Download& r, int64_t now_unix) {
  Transfer t;
  Status s = Vet(
      {r.command_key, r.file_type, r.url, r.username, r.password, r.file_size, r.target_file_name},
      TransferKind::kDownload, &t);
  if (!s.ok()) return rpc::FaultFromStatus(s);
  t.not_before = now_unix + r.delay_seconds;
  if (s = core_->Accept(std::move(t)); !s.ok()) return rpc::FaultFromStatus(s);
  return DownloadResponse{};  // Status 1: a TransferComplete follows (A.3.2.8)
}

CpeResponse TransferManager::Upload(const cwmp::Upload& r, int64_t now_unix) {
  Transfer t;
  Status s = Vet({r.command_key, r.file_type, r.url, r.username, r.password, 0, ""},
                 TransferKind::kUpload, &t);
  if (!s.ok()) return rpc::FaultFromStatus(s);
  t.not_before = now_unix + r.delay_seconds;
  if (s = core_->Accept(std::move(t)); !s.ok()) return rpc::FaultFromStatus(s);
  return UploadResponse{};
}

Status TransferManager::RequestAutonomous(const AutonomousTransferRequest& r) {
  // The checks Download / Upload make, without a CommandKey (A.3.3.2 has none).
  static const std::string kNoCommandKey;
  if (r.announce_url.size() > kMaxAnnounceUrl) {
    return Status::InvalidArguments("AnnounceURL exceeds its TR-069 size");
  }
  Transfer t;
  const TransferKind kind = r.is_download ? TransferKind::kDownload : TransferKind::kUpload;
  EDGECWMP_RETURN_IF_ERROR(Vet({kNoCommandKey, r.file_type, r.url, r.username, r.password,
                                r.is_download ? r.file_size : 0, r.target_file_name},
                               kind, &t));
  t.autonomous = true;
  t.announce_url = r.announce_url;
  t.not_before = NowUnix();
  return core_->Accept(std::move(t));
}

CpeResponse TransferManager::ScheduleDownload(const cwmp::ScheduleDownload& r, int64_t now_unix) {
  // TR-069 A.4.1.7: one or two windows, in order, not overlapping, each with a known mode and
  // MaxRetries -1 (the CPE chooses) or more.
  if (r.time_window_list.empty() || r.time_window_list.size() > 2) {
    return MakeFault(fault::kInvalidArguments);
  }
  std::vector<TransferWindow> windows;
  for (const auto& w : r.time_window_list) {
    if (w.window_end < w.window_start || !WindowModeSupported(w.window_mode) ||
        w.max_retries < -1 ||
        (!windows.empty() && now_unix + w.window_start < windows.back().end)) {
      return MakeFault(fault::kInvalidArguments);
    }
    windows.push_back(
        {now_unix + w.window_start, now_unix + w.window_end, w.window_mode, w.max_retries, 0});
  }
  Transfer t;
  Status s = Vet(
      {r.command_key, r.file_type, r.url, r.username, r.password, r.file_size, r.target_file_name},
      TransferKind::kScheduleDownload, &t);
  if (!s.ok()) return rpc::FaultFromStatus(s);
  t.not_before = windows.front().start;
  t.windows = std::move(windows);
  if (s = core_->Accept(std::move(t)); !s.ok()) return rpc::FaultFromStatus(s);
  return ScheduleDownloadResponse{};
}

CpeResponse TransferManager::CancelTransfer(const cwmp::CancelTransfer& r) {
  // TR-069 A.4.1.8: only a transfer not yet started can be cancelled (else 9021); a cancelled
  // transfer is forgotten without a TransferComplete.
  std::lock_guard<std::mutex> lock(core_->mu);
  std::vector<uint64_t> cancel;
  bool found = false, started = false;
  for (const Transfer& t : core_->queue.transfers()) {
    // Autonomous transfers have no CommandKey the ACS could name ("" is not theirs).
    if (t.autonomous || t.command_key != r.command_key) continue;
    found = true;
    if (t.state == TransferState::kQueued) {
      cancel.push_back(t.id);
    } else {
      started = true;
    }
  }
  if (!found) return MakeFault(fault::kInvalidArguments);
  if (started) return MakeFault(fault::kCancelNotPermitted);
  for (uint64_t id : cancel) {
    Status s = core_->queue.Remove(id);
    if (!s.ok()) return MakeFault(fault::kInternalError);
  }
  Log(LogLevel::kInfo, kComponent, "transfer '", r.command_key, "' cancelled");
  core_->cv.notify_all();
  return CancelTransferResponse{};
}

GetQueuedTransfersResponse TransferManager::GetQueuedTransfers() const {
  // TR-069 A.4.1.9: the downloads the ACS asked for (not autonomous ones).
  std::lock_guard<std::mutex> lock(core_->mu);
  GetQueuedTransfersResponse out;
  for (const Transfer& t : core_->queue.transfers()) {
    if (t.is_download() && !t.autonomous) {
      out.transfer_list.push_back({t.command_key, static_cast<int>(t.state)});
    }
  }
  return out;
}

GetAllQueuedTransfersResponse TransferManager::GetAllQueuedTransfers() const {
  // TR-069 A.4.1.10: downloads and uploads, "whether or not they were requested by the ACS"
  // (autonomous ones with an empty CommandKey).
  std::lock_guard<std::mutex> lock(core_->mu);
  GetAllQueuedTransfersResponse out;
  for (const Transfer& t : core_->queue.transfers()) {
    AllQueuedTransferStruct s;
    s.command_key = t.command_key;
    s.state = static_cast<int>(t.state);
    s.is_download = t.is_download();
    s.file_type = t.file_type;
    s.file_size = t.file_size;
    s.target_file_name = t.target_file_name;
    out.transfer_list.push_back(std::move(s));
  }
  return out;
}

std::vector<TransferCompletion> TransferManager::Completions() const {
  std::lock_guard<std::mutex> lock(core_->mu);
  std::vector<TransferCompletion> out;
  for (const Transfer& t : core_->queue.transfers()) {
    if (t.autonomous || t.state != TransferState::kCompleted || t.reboot_pending) continue;
    TransferCompletion c;
    c.id = t.id;
    c.method_event = t.method_event();
    // TR-069 A.3.3.2: CommandKey, FaultStruct (0 and "" on success), StartTime, CompleteTime.
    c.message.command_key = t.command_key;
    c.message.fault = t.fault;
    c.message.start_time = t.start_time;
    c.message.complete_time = t.complete_time;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<AutonomousTransferCompletion> TransferManager::AutonomousCompletions() const {
  std::lock_guard<std::mutex> lock(core_->mu);
  std::vector<AutonomousTransferCompletion> out;
  for (const Transfer& t : core_->queue.transfers()) {  // in id order: oldest first
    if (!t.autonomous || t.state != TransferState::kCompleted || t.reboot_pending) continue;
    AutonomousTransferCompletion c;
    c.id = t.id;
    // TR-069 A.3.3.2 AutonomousTransferComplete.
    AutonomousTransferComplete& m = c.message;
    m.announce_url = t.announce_url;
    m.transfer_url = t.url;
    m.is_download = t.is_download();
    m.file_type = t.file_type;
    // What went over the wire when known; else what a download was asked to fetch.
    uint64_t size =
        t.bytes_transferred != 0 ? t.bytes_transferred : (t.is_download() ? t.file_size : 0);
    m.file_size = static_cast<uint32_t>(std::min<uint64_t>(size, UINT32_MAX));
    m.target_file_name = t.target_file_name;
    m.fault = t.fault;
    m.start_time = t.start_time;
    m.complete_time = t.complete_time;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<JobReport> TransferManager::Reports() const {
  std::vector<JobReport> out;
  for (auto& c : Completions()) {
    std::string key = c.message.command_key;
    out.push_back({c.id, kEventTransferComplete, c.method_event, std::move(key),
                   CpeRequestKind::kTransferComplete, std::move(c.message)});
  }
  return out;
}

void TransferManager::OnAnswered(uint64_t id, bool accepted) {
  std::lock_guard<std::mutex> lock(core_->mu);
  const Transfer* t = core_->queue.Find(id);
  if (!t) return;
  if (!accepted) {
    Log(LogLevel::kWarning, kComponent, "the ACS refused the report of ", t->Describe(),
        ": dropped");
  }
  Status s = core_->queue.Remove(id);
  if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot persist: ", s.ToString());
}

bool TransferManager::TakeRebootRequest() {
  std::lock_guard<std::mutex> lock(core_->mu);
  return std::exchange(core_->reboot_request, false);
}

void TransferManager::Reload(const TransferConfig& config) {
  std::lock_guard<std::mutex> lock(core_->mu);
  const std::string state_dir = core_->config.state_dir;
  core_->config = config;
  core_->config.state_dir = state_dir;
}

Status TransferManager::Wipe() {
  std::lock_guard<std::mutex> lock(core_->mu);
  std::error_code ec;
  std::filesystem::remove_all(core_->config.state_dir + "/files", ec);
  std::filesystem::remove_all(core_->config.state_dir + "/downloads", ec);
  return core_->queue.Wipe();
}

}  // namespace edgecwmp::cwmp
