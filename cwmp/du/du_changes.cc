// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/du/du_changes.h"

#include <algorithm>
#include <condition_variable>
#include <iterator>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "base/record_file.h"
#include "base/time_util.h"
#include "rpc/faults.h"

namespace edgecwmp::cwmp {

namespace {

using json = nlohmann::json;

constexpr const char* kComponent = "du";
constexpr const char* kHeader = "edgecwmp-du-changes 1";
constexpr size_t kMaxCommandKey = 32;   // TR-069 A.4.1.10: CommandKey string(32)
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
    return {{"op", "install"}, {"url", i->url}, {"uuid", i->uuid}, {"username", i->username},
            {"password", i->password}, {"ee", i->execution_env_ref}};
  }
  if (auto* u = std::get_if<UpdateOpStruct>(&op)) {
    return {{"op", "update"}, {"uuid", u->uuid}, {"version", u->version}, {"url", u->url},
            {"username", u->username}, {"password", u->password}};
  }
  const auto& x = std::get<UninstallOpStruct>(op);
  return {{"op", "uninstall"}, {"uuid", x.uuid}, {"version", x.version}, {"ee", x.execution_env_ref}};
}

DUOperation OpFromJson(const json& j) {
  std::string kind = j.value("op", "");
  auto s = [&](const char* key) { return j.value(key, ""); };
  if (kind == "install") return InstallOpStruct{s("url"), s("uuid"), s("username"), s("password"), s("ee")};
  if (kind == "update") return UpdateOpStruct{s("uuid"), s("version"), s("url"), s("username"), s("password")};
  if (kind == "uninstall") return UninstallOpStruct{s("uuid"), s("version"), s("ee")};
  throw std::runtime_error("unknown operation");
}

json ResultToJson(const OpResultStruct& r) {
  return {{"uuid", r.uuid}, {"ref", r.deployment_unit_ref}, {"version", r.version},
          {"state", r.current_state}, {"resolved", r.resolved}, {"eus", r.execution_unit_ref_list},
          {"start", r.start_time}, {"complete", r.complete_time},
          {"code", r.fault.fault_code}, {"string", r.fault.fault_string}};
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

Record ToRecord(const Request& r) {
  json ops = json::array(), results = json::array();
  for (const auto& op : r.operations) ops.push_back(OpToJson(op));
  for (const auto& res : r.results) results.push_back(ResultToJson(res));
  json j = {{"key", r.command_key}, {"ops", ops}, {"results", results}, {"running", r.running},
            {"autonomous", r.autonomous}};
  return {std::to_string(r.id), j.dump()};
}

bool FromRecord(const Record& rec, Request* out) {
  if (rec.size() != 2) return false;
  try {
    out->id = std::stoull(rec[0]);
    json j = json::parse(rec[1]);
    out->command_key = j.at("key").get<std::string>();
    for (const json& op : j.at("ops")) out->operations.push_back(OpFromJson(op));
    for (const json& res : j.at("results")) out->results.push_back(ResultFromJson(res));
    out->running = j.value("running", false);
    out->autonomous = j.value("autonomous", false);  // absent in records from before A.4.2.2
    return !out->operations.empty() && out->results.size() <= out->operations.size();
  } catch (const std::exception&) {
    return false;
  }
}

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
  std::vector<Request> requests;
  uint64_t next_id = 1;
  bool stopping = false;
  std::mutex backend_mu;  // held while the backend runs an operation
  rpc::DeploymentUnitBackend* backend = nullptr;  // guarded by mu and backend_mu
  std::thread worker;

  // With mu held. A failure is logged here; the queue in memory stays the truth for this run,
  // so the worker and the session carry on (a crash then loses what was not saved).
  Status Persist() const {
    std::vector<Record> records;
    for (const auto& r : requests) records.push_back(ToRecord(r));
    Status s = SaveRecordFile(path, kHeader, records);
    if (!s.ok()) Log(LogLevel::kError, kComponent, "cannot save ", path, ": ", s.ToString());
    return s;
  }

  // With mu held. Both kinds of request share the limits, the worker and the backend.
  Status CheckRoom() const {
    if (requests.size() >= kMaxRequests) {
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
    r.id = next_id++;
    requests.push_back(std::move(r));
    if (!Persist().ok()) {
      requests.pop_back();
      return Status::Internal("cannot save " + path);
    }
    cv.notify_all();
    return Status::Ok();
  }
  std::vector<const Request*> Finished(bool autonomous) const {
    std::vector<const Request*> out;
    for (const auto& r : requests) {
      if (r.autonomous == autonomous && r.done()) out.push_back(&r);
    }
    return out;
  }

  Request* Next() {  // with mu held
    for (auto& r : requests) {
      if (!r.done()) return &r;
    }
    return nullptr;
  }

  void Work() {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      cv.wait(lock, [this] { return stopping || (backend != nullptr && Next() != nullptr); });
      if (stopping) return;
      Request* r = Next();
      const uint64_t id = r->id;
      const DUOperation op = r->operations[r->results.size()];
      r->running = true;
      (void)Persist();  // a crash from here on reports this operation as interrupted
      std::unique_lock<std::mutex> busy(backend_mu);
      rpc::DeploymentUnitBackend* b = backend;
      lock.unlock();
      OpResultStruct result = b ? Run(b, op) : OpResultStruct();
      busy.unlock();
      lock.lock();
      if (b == nullptr) continue;  // detached meanwhile: the operation waits for a backend
      bool finished = false;
      for (auto& req : requests) {
        if (req.id != id) continue;
        req.results.push_back(std::move(result));
        req.running = false;
        finished = req.done();
        Log(LogLevel::kInfo, kComponent, Describe(req), " operation ",
            req.results.size(), "/", req.operations.size(), ": ",
            req.results.back().current_state,
            req.results.back().fault.fault_code ? " fault " + std::to_string(req.results.back().fault.fault_code) : "");
      }
      (void)Persist();  // logged inside
      if (finished && on_change) {
        lock.unlock();
        on_change();
        lock.lock();
      }
    }
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
  DecodedRecords decoded;
  std::string note;
  Status s = LoadRecordFile(c.path, kHeader, &decoded, &note);
  if (!s.ok()) return s;
  std::lock_guard<std::mutex> lock(c.mu);
  bool rewrite = decoded.damaged;
  for (const Record& rec : decoded.records) {
    Request r;
    if (!FromRecord(rec, &r)) {
      rewrite = true;
      continue;
    }
    if (r.running && !r.done()) {  // cut off by a crash or kill -9
      OpResultStruct cut;
      cut.uuid = UuidOf(r.operations[r.results.size()]);
      cut.current_state = "Failed";
      cut.resolved = false;
      cut.fault.fault_code = rpc::fault::kInternalError;
      cut.fault.fault_string = std::string(rpc::FaultString(rpc::fault::kInternalError)) +
                               ": interrupted by an agent restart";
      r.results.push_back(std::move(cut));
      r.running = false;
      rewrite = true;
    }
    c.next_id = std::max(c.next_id, r.id + 1);
    c.requests.push_back(std::move(r));
  }
  if (warning != nullptr) {
    *warning = note;
    if (decoded.damaged) *warning += (warning->empty() ? "" : "; ") + decoded.problems;
  }
  if (rewrite) (void)c.Persist();  // logged inside; the next change rewrites it again
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
    if (c.requests.size() >= kMaxRecorded) {
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

void DuChangeManager::OnAnswered(uint64_t id, bool accepted) {
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  for (auto it = c.requests.begin(); it != c.requests.end(); ++it) {
    if (it->id != id) continue;
    if (!accepted) {
      Log(LogLevel::kWarning, kComponent, "the ACS refused the completion of ", Describe(*it),
          "; dropped");
    }
    c.requests.erase(it);
    (void)c.Persist();  // logged inside; unsaved, the completion is sent again after a restart
    return;
  }
}

Status DuChangeManager::Wipe() {
  Core& c = *core_;
  std::lock_guard<std::mutex> lock(c.mu);
  c.requests.clear();
  return c.Persist();
}

bool RaiseDuChangeEvents(const DuChangeManager& du, EventQueue* events) {
  bool raised = false;
  for (const auto& c : du.Completions()) {
    if (events->Contains(kEventMChangeDuState, c.message.command_key)) continue;
    Status s = events->Add(kEventMChangeDuState, c.message.command_key);
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, "event M ChangeDUState: ", s.ToString());
    raised = true;
  }
  if (raised && !events->Contains(kEventDuStateChangeComplete)) {
    Status s = events->Add(kEventDuStateChangeComplete);
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, "event 11: ", s.ToString());
  }
  return raised;
}

std::vector<DuCompletion> AnnouncedDuCompletions(const DuChangeManager& du, const Inform& inform) {
  std::vector<DuCompletion> out;
  bool carries_11 = false;
  for (const auto& e : inform.event) carries_11 = carries_11 || e.event_code == kEventDuStateChangeComplete;
  if (!carries_11) return out;
  for (auto& c : du.Completions()) {
    for (const auto& e : inform.event) {
      if (e.event_code == kEventMChangeDuState && e.command_key == c.message.command_key) {
        out.push_back(std::move(c));
        break;
      }
    }
  }
  return out;
}

}  // namespace edgecwmp::cwmp
