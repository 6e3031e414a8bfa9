// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/du/du_changes.h"

#include <algorithm>
#include <condition_variable>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "base/time_util.h"
#include "cwmp/jobs/job_queue.h"
#include "cwmp/session/event_queue.h"
#include "rpc/faults.h"

namespace edgecwmp::cwmp {

namespace {

using json = nlohmann::json;

constexpr const char* kComponent = "du";
constexpr const char* kHeader = "edgecwmp-du-changes 1";
constexpr size_t kMaxCommandKey = 32;  // TR-069 A.4.1.10: CommandKey string(32)
constexpr size_t kMaxOperations = 16;
constexpr size_t kMaxRequests = 8;
constexpr size_t kMaxRecorded = 64;  // RecordAutonomous: a hard bound, well above kMaxRequests

// One accepted ChangeDUState, or autonomous DU change, and what became of its operations so far.
struct Request {
  uint64_t id = 0;
  bool autonomous = false;  // reported by AutonomousDUStateChangeComplete, not announced by 11
  std::string command_key;
  std::vector<DUOperation> operations;
  std::vector<OpResultStruct> results;  // one per finished operation, in order
  bool running = false;                 // operation results.size() has been started
  bool done() const { return results.size() == operations.size(); }
};

// TR-069 A.4.2.2 OperationPerformed (cwmp-1-2.xsd DeploymentUnitOperationType), in DUOperation's
// alternative order.
constexpr const char* kOperationPerformed[] = {"Install", "Update", "Uninstall"};
static_assert(std::variant_size_v<DUOperation> == std::size(kOperationPerformed));

const char* OperationPerformed(const DUOperation& op) { return kOperationPerformed[op.index()]; }

// The operation a change the backend made by itself stands for: only its kind and DU are known.
bool OperationFor(const AutonomousOpResultStruct& r, DUOperation* out) {
  if (r.operation_performed == "Install") {
    InstallOpStruct op;
    op.uuid = r.uuid;
    *out = op;
  } else if (r.operation_performed == "Update") {
    UpdateOpStruct op;
    op.uuid = r.uuid;
    op.version = r.version;
    *out = op;
  } else if (r.operation_performed == "Uninstall") {
    UninstallOpStruct op;
    op.uuid = r.uuid;
    op.version = r.version;
    *out = op;
  } else {
    return false;
  }
  return true;
}

// For log lines.
std::string Describe(const Request& r) {
  if (r.autonomous) return "autonomous DU change " + std::to_string(r.id);
  return "ChangeDUState \"" + r.command_key + "\"";
}

json OpToJson(const DUOperation& op) {
  if (auto* i = std::get_if<InstallOpStruct>(&op)) {
    return {{"op", "install"},         {"url", i->url},           {"uuid", i->uuid},
            {"username", i->username}, {"password", i->password}, {"ee", i->execution_env_ref}};
  }
  if (auto* u = std::get_if<UpdateOpStruct>(&op)) {
    return {{"op", "update"}, {"uuid", u->uuid},         {"version", u->version},
            {"url", u->url},  {"username", u->username}, {"password", u->password}};
  }
  const auto& x = std::get<UninstallOpStruct>(op);
  return {
      {"op", "uninstall"}, {"uuid", x.uuid}, {"version", x.version}, {"ee", x.execution_env_ref}};
}

DUOperation OpFromJson(const json& j) {
  std::string kind = j.value("op", "");
  auto s = [&](const char* key) { return j.value(key, ""); };
  if (kind == "install")
    return InstallOpStruct{s("url"), s("uuid"), s("username"), s("password"), s("ee")};
  if (kind == "update")
    return UpdateOpStruct{s("uuid"), s("version"), s("url"), s("username"), s("password")};
  if (kind == "uninstall") return UninstallOpStruct{s("uuid"), s("version"), s("ee")};
  throw std::runtime_error("unknown operation");
}

json ResultToJson(const OpResultStruct& r) {
  return {{"uuid", r.uuid},
          {"ref", r.deployment_unit_ref},
          {"version", r.version},
          {"state", r.current_state},
          {"resolved", r.resolved},
          {"eus", r.execution_unit_ref_list},
          {"start", r.start_time},
          {"complete", r.complete_time},
          {"code", r.fault.fault_code},
          {"string", r.fault.fault_string}};
}

OpResultStruct ResultFromJson(const json& j) {
  OpResultStruct r;
  r.uuid = j.value("uuid", "");
  r.deployment_unit_ref = j.value("ref", "");
  r.version = j.value("version", "");
  r.current_state = j.value("state", "Failed");
  r.resolved = j.value("resolved", false);
  r.execution_unit_ref_list = j.value("eus", "");
  r.start_time = j.value("start", kUnknownTime);
  r.complete_time = j.value("complete", kUnknownTime);
  r.fault.fault_code = j.value("code", 0u);
  r.fault.fault_string = j.value("string", "");
  return r;
}

json ToJson(const Request& r) {
  json ops = json::array(), results = json::array();
  for (const auto& op : r.operations) ops.push_back(OpToJson(op));
  for (const auto& res : r.results) results.push_back(ResultToJson(res));
  return {{"key", r.command_key},
          {"ops", ops},
          {"results", results},
          {"running", r.running},
          {"autonomous", r.autonomous}};
}

bool FromJson(const json& j, Request* out) {
  out->command_key = j.at("key").get<std::string>();
  for (const json& op : j.at("ops")) out->operations.push_back(OpFromJson(op));
  for (const json& res : j.at("results")) out->results.push_back(ResultFromJson(res));
  out->running = j.value("running", false);
  out->autonomous = j.value("autonomous", false);  // absent in records from before A.4.2.2
  return !out->operations.empty() && out->results.size() <= out->operations.size();
}

// The records have always been one JSON object per request: files of every version load.
JobFormat<Request> Format() { return {kHeader, ToJson, FromJson, "", nullptr}; }

// The operation's UUID as the request gave it (for a result whose backend never answered).
std::string UuidOf(const DUOperation& op) {
  return std::visit([](const auto& o) { return o.uuid; }, op);
}

OpResultStruct Run(rpc::DeploymentUnitBackend* backend, const DUOperation& op) {
  OpResultStruct result;
  result.start_time = NowDateTime();
  rpc::DuOperationOutcome o;
  if (auto* i = std::get_if<InstallOpStruct>(&op)) {
    o = backend->Install(i->url, i->uuid, i->username, i->password, i->execution_env_ref);
  } else if (auto* u = std::get_if<UpdateOpStruct>(&op)) {
    o = backend->Update(u->uuid, u->version, u->url, u->username, u->password);
  } else {
    const auto& x = std::get<UninstallOpStruct>(op);
    o = backend->Uninstall(x.uuid, x.version, x.execution_env_ref);
  }
  const std::string start = result.start_time;
  result = OpResultFromOutcome(o, UuidOf(op));
  result.start_time = start;
  result.complete_time = NowDateTime();
  return result;
}

// An operation found running at start-up was cut off by a crash or kill -9: it failed.
bool CompleteInterrupted(Request* r) {
  if (!r->running || r->done()) return false;
  OpResultStruct cut;
  cut.uuid = UuidOf(r->operations[r->results.size()]);
  cut.current_state = "Failed";
  cut.resolved = false;
  cut.fault.fault_code = rpc::fault::kInternalError;
  cut.fault.fault_string = std::string(rpc::FaultString(rpc::fault::kInternalError)) +
                           ": interrupted by an agent restart";
  r->results.push_back(std::move(cut));
  r->running = false;
  return true;
}

// For the log line of a finished operation.
std::string Progress(const Request& r) {
  const OpResultStruct& last = r.results.back();
  return Describe(r) + " operation " + std::to_string(r.results.size()) + "/" +
         std::to_string(r.operations.size()) + ": " + last.current_state +
         (last.fault.fault_code ? " fault " + std::to_string(last.fault.fault_code) : "");
}
}  // namespace

OpResultStruct OpResultFromOutcome(const rpc::DuOperationOutcome& o,
                                   const std::string& fallback_uuid) {
  OpResultStruct result;
  result.uuid = o.uuid.empty() ? fallback_uuid : o.uuid;
  result.deployment_unit_ref = o.deployment_unit_ref;
  result.version = o.version;
  result.current_state = o.current_state;
  result.resolved = o.resolved;
  for (const auto& ref : o.execution_unit_refs) {
    result.execution_unit_ref_list += (result.execution_unit_ref_list.empty() ? "" : ",") + ref;
  }
  if (!o.status.ok()) {
    result.fault.fault_code = rpc::FaultCodeFor(o.status);
    // The standard string, then the detail (never a credential: backends do not put them there).
    const char* standard = rpc::FaultString(result.fault.fault_code);
    const std::string& detail = o.status.message();
    result.fault.fault_string =
        std::string(standard) + (detail.empty() ? "" : (*standard ? ": " : "") + detail);
  }
  return result;
}

struct DuChangeManager::Core {
  std::string path;
  std::function<void()> on_change;
  mutable std::mutex mu;
  std::condition_variable cv;
  JobQueue<Request> queue{Format()};
  bool stopping = false;
  std::mutex backend_mu;                          // held while the backend runs an operation
  rpc::DeploymentUnitBackend* backend = nullptr;  // guarded by mu and backend_mu
  std::thread worker;

  // With mu held. A failure is logged here; the queue in memory stays the truth for this run,
  // so the worker and the session carry on (a crash then loses what was not saved).
  Status Save(const Request& r) {
    Status s = queue.Update(r);
    if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot save ", path, ": ", s.ToString());
    return s;
  }

  // With mu held. Both kinds of request share the limits, the worker and the backend.
  Status CheckRoom() const {
    if (queue.size() >= kMaxRequests) {
      return Status::ResourcesExceeded(std::to_string(kMaxRequests) +
                                       " DU change requests unanswered");
    }
    return Status::Ok();
  }
  Status Admit(size_t operation_count) const {
    if (operation_count == 0 || operation_count > kMaxOperations) {
      return Status::InvalidArguments("a DU change request takes 1 to " +
                                      std::to_string(kMaxOperations) + " operations");
    }
    if (backend == nullptr) return Status::RequestDenied("no deployment unit backend");
    return CheckRoom();
  }
  Status Enqueue(Request r) {
    Status s = queue.Add(std::move(r));
    if (!s.ok()) {
      Log(LogLevel::kError, kComponent, "cannot save ", path, ": ", s.ToString());
      return Status::Internal("cannot save " + path);
    }
    cv.notify_all();
    return Status::Ok();
  }
  std::vector<const Request*> Finished(bool autonomous) const {
    std::vector<const Request*> out;
    for (const auto& r : queue.jobs()) {
      if (r.autonomous == autonomous && r.done()) out.push_back(&r);
    }
    return out;
  }

  const Request* Next() const {  // with mu held
    for (const auto& r : queue.jobs()) {
      if (!r.done()) return &r;
    }
    return nullptr;
  }

  // The worker: waits for a request with an operation to run and a backend, runs the operation
  // without the lock, records its result; one operation at a time.
  void Work() {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      cv.wait(lock, [this] { return stopping || (backend != nullptr && Next() != nullptr); });
      if (stopping) return;
      Request r = *Next();
      r.running = true;
      (void)Save(r);  // logged inside; a crash from here on reports it as interrupted
      std::optional<OpResultStruct> result = RunUnlocked(r.operations[r.results.size()], &lock);
      if (!result) continue;  // detached meanwhile: the operation waits for a backend
      if (Finish(r.id, std::move(*result)) && on_change) {
        lock.unlock();
        on_change();
        lock.lock();
      }
    }
  }
  // Runs |op| on the backend with |lock| (on mu) released; nullopt when there is no backend.
  std::optional<OpResultStruct> RunUnlocked(const DUOperation& op,
                                            std::unique_lock<std::mutex>* lock) {
    std::unique_lock<std::mutex> busy(backend_mu);
    rpc::DeploymentUnitBackend* b = backend;
    lock->unlock();
    std::optional<OpResultStruct> result;
    if (b) result = Run(b, op);
    busy.unlock();
    lock->lock();
    return result;
  }
  // Records the result of request |id|'s running operation; true when the request is done.
  bool Finish(uint64_t id, OpResultStruct result) {
    const Request* current = queue.Find(id);
    if (!current) return false;  // answered or wiped meanwhile
    Request r = *current;
    r.results.push_back(std::move(result));
    r.running = false;
    Log(LogLevel::kInfo, kComponent, Progress(r));
    (void)Save(r);  // logged inside
    return r.done();
  }
};

DuChangeManager::DuChangeManager(std::string state_dir, std::function<void()> on_change)
    : core_(std::make_shared<Core>()) {
  core_->path = state_dir + "/du_changes.txt";
  core_->on_change = std::move(on_change);
}

DuChangeManager::~DuChangeManager() {
  {
    std::lock_guard<std::mutex> lock(core_->mu);
    core_->stopping = true;
  }
  core_->cv.notify_all();
  if (core_->worker.joinable()) core_->worker.join();
}

Status DuChangeManager::Start(std::string* warning) {
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  Status s = c.queue.Open(c.path, CompleteInterrupted, warning);
  if (!s.ok()) return s;
  std::shared_ptr<Core> core = core_;
  c.worker = std::thread([core] { core->Work(); });
  return Status::Ok();
}

void DuChangeManager::SetBackend(rpc::DeploymentUnitBackend* backend) {
  Core& c = *core_;
  std::scoped_lock both(c.mu, c.backend_mu);  // waits for the operation in flight
  c.backend = backend;
  c.cv.notify_all();
}

// TR-069 A.4.1.10: the response only acknowledges; the results go in DUStateChangeComplete.
CpeResponse DuChangeManager::ChangeDUState(const cwmp::ChangeDUState& request) {
  if (request.command_key.size() > kMaxCommandKey) {
    return rpc::MakeFault(rpc::fault::kInvalidArguments);
  }
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  Status s = c.Admit(request.operations.size());
  // Without a backend the agent does not support the RPC at all.
  if (s.code() == Error::kRequestDenied) return rpc::MakeFault(rpc::fault::kMethodNotSupported);
  if (!s.ok()) return rpc::FaultFromStatus(s);
  Request r;
  r.command_key = request.command_key;
  r.operations = request.operations;
  s = c.Enqueue(std::move(r));
  if (!s.ok()) return rpc::FaultFromStatus(s);
  return ChangeDUStateResponse{};
}

// TR-069 A.4.2.2: changes not asked for by the ACS are reported by AutonomousDUStateChangeComplete.
Status DuChangeManager::RequestAutonomous(const std::vector<DUOperation>& operations) {
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  Status s = c.Admit(operations.size());
  if (!s.ok()) return s;
  Request r;
  r.autonomous = true;
  r.operations = operations;
  return c.Enqueue(std::move(r));
}

Status DuChangeManager::RecordAutonomous(const AutonomousOpResultStruct& result) {
  Request r;
  r.autonomous = true;
  r.operations.emplace_back();
  if (!OperationFor(result, &r.operations.back())) {
    return Status::InvalidArguments("OperationPerformed \"" + result.operation_performed +
                                    "\" is not Install, Update or Uninstall");
  }
  r.results.push_back(static_cast<const OpResultStruct&>(result));  // the kind is the operation's
  Core& c = *core_;
  {
    // Not subject to kMaxRequests: the change has happened and would otherwise go unreported;
    // what bounds these is the transfer queue the Downloads that cause them come through.
    std::lock_guard<std::mutex> lock(c.mu);
    if (c.queue.size() >= kMaxRecorded) {
      return Status::ResourcesExceeded(std::to_string(kMaxRecorded) + " DU changes unanswered");
    }
    Status s = c.Enqueue(std::move(r));
    if (!s.ok()) return s;
  }
  if (c.on_change) c.on_change();
  return Status::Ok();
}

std::vector<DuCompletion> DuChangeManager::Completions() const {
  std::lock_guard<std::mutex> lock(core_->mu);
  std::vector<DuCompletion> out;
  for (const Request* r : core_->Finished(false)) {
    DuCompletion c;
    c.id = r->id;
    c.message.command_key = r->command_key;
    c.message.results = r->results;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<AutonomousDuCompletion> DuChangeManager::AutonomousCompletions() const {
  std::lock_guard<std::mutex> lock(core_->mu);
  std::vector<AutonomousDuCompletion> out;
  for (const Request* r : core_->Finished(true)) {
    AutonomousDuCompletion c;
    c.id = r->id;
    for (size_t i = 0; i < r->results.size(); ++i) {
      AutonomousOpResultStruct a;
      static_cast<OpResultStruct&>(a) = r->results[i];
      a.operation_performed = OperationPerformed(r->operations[i]);
      c.message.results.push_back(std::move(a));
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<JobReport> DuChangeManager::Reports() const {
  std::vector<JobReport> out;
  for (auto& c : Completions()) {
    std::string key = c.message.command_key;
    out.push_back({c.id, kEventDuStateChangeComplete, kEventMChangeDuState, std::move(key),
                   CpeRequestKind::kDuStateChangeComplete, std::move(c.message)});
  }
  return out;
}

void DuChangeManager::OnAnswered(uint64_t id, bool accepted) {
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  const Request* r = c.queue.Find(id);
  if (!r) return;
  if (!accepted) {
    Log(LogLevel::kWarning, kComponent, "the ACS refused the completion of ", Describe(*r),
        "; dropped");
  }
  Status s = c.queue.Remove(id);
  if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot save ", c.path, ": ", s.ToString());
}

Status DuChangeManager::Wipe() {
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  return c.queue.Wipe();
}

}  // namespace edgecwmp::cwmp
