// SPDX-License-Identifier: GPL-2.0-or-later
// One virtual CPE's session: its model for the session, its Inform, the TransferCompletes due,
// the RPC dispatcher (with the CPE's scripted faults), the wire (session_wire.h), and what the
// session changed (SessionEffects), which the scheduler applies afterwards.
#include <algorithm>
#include <set>
#include <utility>

#include "base/log.h"
#include "base/time_util.h"
#include "cwmp/fleet/fleet_internal.h"
#include "cwmp/fleet/session_wire.h"
#include "cwmp/protocol/codec.h"
#include "cwmp/session/session.h"
#include "rpc/dispatcher.h"
#include "rpc/value_types.h"

namespace edgecwmp::cwmp::fleet {

namespace {

constexpr const char* kComponent = "fleet";

// The RPCs' requests to the CPE beyond the model, collected for after the session.
class SessionActions : public rpc::CpeActions {
 public:
  explicit SessionActions(SessionEffects* e) : e_(e) {}
  Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key) override {
    e_->schedule = true;
    e_->schedule_delay = delay_seconds;
    e_->schedule_key = command_key;
    return Status::Ok();
  }
  Status RebootAfterSession(const std::string& command_key) override {
    e_->reboot = true;
    e_->reboot_key = command_key;
    return Status::Ok();
  }
  Status FactoryResetAfterSession() override {
    e_->factory_reset = true;
    return Status::Ok();
  }

 private:
  SessionEffects* e_;
};

std::vector<uint32_t> RowsOf(const dm::DataModel& model, const std::string& table) {
  std::vector<dm::ParameterInfo> names;
  std::vector<uint32_t> rows;
  if (!model.GetNames(table, true, &names).ok()) return rows;
  for (const auto& n : names) {
    std::string rest = n.name.substr(table.size());
    if (!rest.empty() && rest.back() == '.') rest.pop_back();
    if (!rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos) {
      rows.push_back(static_cast<uint32_t>(std::stoul(rest)));
    }
  }
  return rows;
}

template <typename Map>
void ErasePrefix(Map* map, const std::string& prefix) {
  for (auto it = map->lower_bound(prefix); it != map->end() && it->first.rfind(prefix, 0) == 0;) {
    it = map->erase(it);
  }
}

// Folds an ACS change that succeeded into the CPE's delta (what it keeps between sessions).
void RecordChange(const AcsRequest& request, const dm::DataModel& model,
                  const std::string& parameter_key, CpeDelta* delta) {
  auto keep = [&](const std::string& path) {
    std::string value;
    if (model.GetValue(path, &value).ok()) delta->values[path] = value;
  };
  if (const auto* spv = std::get_if<SetParameterValues>(&request)) {
    for (const auto& p : spv->parameter_list) keep(p.name);
    keep(parameter_key);
  } else if (const auto* add = std::get_if<AddObject>(&request)) {
    delta->instances[add->object_name] = RowsOf(model, add->object_name);
    keep(parameter_key);
  } else if (const auto* del = std::get_if<DeleteObject>(&request)) {
    std::string table = del->object_name.substr(0, del->object_name.size() - 1);
    table = table.substr(0, table.rfind('.') + 1);
    delta->instances[table] = RowsOf(model, table);
    ErasePrefix(&delta->values, del->object_name);
    ErasePrefix(&delta->instances, del->object_name);
    keep(parameter_key);
  } else if (const auto* spa = std::get_if<SetParameterAttributes>(&request)) {
    for (const auto& a : spa->parameter_list) {
      if (a.notification_change) delta->notifications[a.name] = a.notification;
    }
  }
}

bool Changes(const AcsRequest& r) {
  return std::holds_alternative<SetParameterValues>(r) || std::holds_alternative<AddObject>(r) ||
         std::holds_alternative<DeleteObject>(r) ||
         std::holds_alternative<SetParameterAttributes>(r);
}

// The FileType of a transfer request, "" for any other.
std::string FileTypeOf(const AcsRequest& r) {
  if (const auto* d = std::get_if<Download>(&r)) return d->file_type;
  if (const auto* u = std::get_if<Upload>(&r)) return u->file_type;
  return "";
}

bool IsTransfer(const AcsRequest& r) {
  return std::holds_alternative<Download>(r) || std::holds_alternative<Upload>(r);
}

}  // namespace

// One session attempt's inputs, and the hooks the session engine calls.
class CpeSession {
 public:
  CpeSession(Fleet::Rep* fleet, uint64_t index, uint16_t events, SessionEffects* effects)
      : f_(*fleet),
        index_(index),
        cpe_(fleet->cpes[index]),
        events_(events),
        e_(effects),
        id_(IdentityOf(fleet->profile, index)),
        actions_(effects) {
    for (size_t m = 0; m < f_.profile.misbehaviour.size() && m < 32; ++m) {
      if (cpe_.misbehaviour >> m & 1) mine_.push_back(&f_.profile.misbehaviour[m]);
    }
    if (cpe_.extra) delta_ = cpe_.extra->delta;
  }

  void Run(Codec* codec) {
    seconds_since_boot_ =
        static_cast<uint64_t>(std::max<int64_t>(0, f_.NowMs() - cpe_.boot_ms)) / 1000;
    Status s = f_.model.Materialize(id_, delta_, f_.cr_base + std::to_string(index_),
                                    &seconds_since_boot_, &model_);
    if (!s.ok()) {
      Log(LogLevel::kError, kComponent, id_.device_id(), ": no model: ", s.ToString());
      return;
    }
    rpc::Options options;
    options.parameter_key_path = f_.model.root() + "ManagementServer.ParameterKey";
    rpc::Dispatcher dispatcher(model_.get(), &actions_, options);
    ServeTransfers(&dispatcher);
    SessionPlan plan;
    plan.inform = BuildInform();
    PlanTransferCompletes(&plan);
    SessionHooks hooks = Hooks(dispatcher, options.parameter_key_path);
    for (;;) {
      plan.version = static_cast<Version>(f_.version.load());
      SessionTranscript transcript;
      transcript.cpe_id = id_.device_id();
      SessionWire wire(HttpConfig(), mine_, f_.keep_bodies, &transcript);
      hooks.post = [&wire](std::string_view body, HttpResponse* out) {
        return wire.Post(body, out);
      };
      SessionResult result = RunSession(plan, nullptr, codec, hooks);
      transcript.completed = result.outcome == SessionOutcome::kCompleted;
      for (SessionObserver* o : f_.observers) o->OnSession(transcript);
      e_->completed = transcript.completed;
      e_->retry_after_seconds = result.retry_after_seconds.value_or(0);
      if (result.outcome != SessionOutcome::kVersionRejected || plan.version <= Version::k1_0) {
        if (!transcript.completed) {
          Log(LogLevel::kDebug, kComponent, id_.device_id(), ": session failed (",
              SessionOutcomeName(result.outcome), "): ", result.detail);
        }
        break;
      }
      int expected = static_cast<int>(plan.version);
      f_.version.compare_exchange_strong(expected, expected - 1);
    }
    if (changed_) e_->delta = std::make_unique<CpeDelta>(std::move(delta_));
  }

 private:
  HttpClientConfig HttpConfig() const {
    HttpClientConfig c;
    c.url = f_.profile.acs_url;
    c.username = f_.profile.acs_username;
    c.password = f_.profile.acs_password;
    c.request_timeout_ms = f_.profile.http_timeout_ms;
    c.connect_timeout_ms = f_.profile.http_timeout_ms;
    c.user_agent = "cwmpfleet";
    return c;
  }

  Inform BuildInform() {
    Inform inform;
    inform.device_id.manufacturer = ExpandTemplate(f_.profile.manufacturer, index_);
    inform.device_id.oui = id_.oui;
    inform.device_id.product_class = id_.product_class;
    inform.device_id.serial_number = id_.serial;
    inform.current_time = NowDateTime();
    inform.retry_count = cpe_.retry_count;
    const CpeExtra* x = cpe_.extra.get();
    auto add = [&](uint16_t bit, const char* code, const char* method = nullptr,
                   const std::string* key = nullptr) {
      if (!(events_ & bit)) return;
      inform.event.push_back({code, ""});
      if (method) inform.event.push_back({method, key ? *key : ""});
    };
    static const std::string kNone;
    add(kEvBootstrap, "0 BOOTSTRAP");
    add(kEvBoot, "1 BOOT");
    add(kEvPeriodic, "2 PERIODIC");
    add(kEvScheduled, "3 SCHEDULED", "M ScheduleInform", x ? &x->schedule_key : &kNone);
    add(kEvConnectionRequest, "6 CONNECTION REQUEST");
    add(kEvTransferComplete, "7 TRANSFER COMPLETE");
    add(kEvReboot, "M Reboot", nullptr);
    if (events_ & kEvReboot) inform.event.back().command_key = x ? x->reboot_key : "";
    for (const dm::ParameterValue& p : model_->ForcedInformValues()) {
      inform.parameter_list.push_back({p.name, p.value, rpc::XsdType(p.type)});
    }
    return inform;
  }

  // TR-069 A.3.3.1: each finished transfer's TransferComplete, announced with its M event.
  void PlanTransferCompletes(SessionPlan* plan) {
    if (!(events_ & kEvTransferComplete) || !cpe_.extra) return;
    const int64_t now = f_.NowMs();
    for (const SimTransfer& t : cpe_.extra->transfers) {
      if (t.due_ms > now) break;
      plan->inform.event.push_back({t.download ? "M Download" : "M Upload", t.command_key});
      TransferComplete tc;
      tc.command_key = t.command_key;
      tc.fault.fault_code = t.fault_code;
      if (t.fault_code) tc.fault.fault_string = "simulated transfer failure";
      tc.start_time = tc.complete_time = NowDateTime();
      plan->requests.push_back(CpeRequest{tc});
    }
  }

  void ServeTransfers(rpc::Dispatcher* d) {
    auto start = [this](bool download, const std::string& key) {
      SimTransfer t;
      t.download = download;
      t.command_key = key;
      t.fault_code = f_.profile.transfer_fault;
      t.start_ms = f_.NowMs();
      t.due_ms = t.start_ms + int64_t{f_.profile.transfer_delay} * 1000;
      e_->new_transfers.push_back(std::move(t));
    };
    (void)d->Serve<Download>([start](const Download& r) {
      start(true, r.command_key);
      return CpeResponse{DownloadResponse{}};
    });
    (void)d->Serve<Upload>([start](const Upload& r) {
      start(false, r.command_key);
      return CpeResponse{UploadResponse{}};
    });
  }

  // The CPE's scripted fault for |request|, if it has one.
  std::optional<Fault> ScriptedFault(const AcsRequest& request) const {
    for (const Misbehaviour* m : mine_) {
      const bool refuse = m->kind == MisbehaviourKind::kRefuseTransfer && IsTransfer(request);
      const bool fault = m->kind == MisbehaviourKind::kFault && m->rpc == MessageName(request) &&
                         (m->file_type.empty() || m->file_type == FileTypeOf(request));
      if (refuse || fault) return Fault{m->code, "scripted fault (cwmpfleet)", {}};
    }
    return std::nullopt;
  }

  SessionHooks Hooks(const rpc::Dispatcher& dispatcher, const std::string& parameter_key) {
    SessionHooks hooks;
    hooks.inform_accepted = [this] {
      e_->inform_accepted = true;
      e_->delivered_events = events_;
    };
    hooks.request_answered = [this](size_t index, const AcsResponse& answer) {
      if (index == e_->transfers_reported && !std::holds_alternative<Fault>(answer)) {
        ++e_->transfers_reported;
      }
    };
    hooks.handle = [this, &dispatcher, parameter_key](const AcsRequest& request) {
      if (auto fault = ScriptedFault(request)) return CpeResponse{*fault};
      CpeResponse response = dispatcher.Handle(request);
      if (!std::holds_alternative<Fault>(response) && Changes(request)) {
        RecordChange(request, *model_, parameter_key, &delta_);
        changed_ = true;
      }
      return response;
    };
    return hooks;
  }

  Fleet::Rep& f_;
  uint64_t index_;
  const VirtualCpe& cpe_;
  uint16_t events_;
  SessionEffects* e_;
  CpeIdentity id_;
  SessionActions actions_;
  std::vector<const Misbehaviour*> mine_;
  CpeDelta delta_;
  bool changed_ = false;
  uint64_t seconds_since_boot_ = 0;
  std::unique_ptr<dm::DataModel> model_;
};

void Fleet::Rep::RunSession(uint64_t index, uint16_t inform_events, Codec* codec,
                            SessionEffects* effects) {
  CpeSession(this, index, inform_events, effects).Run(codec);
}

}  // namespace edgecwmp::cwmp::fleet
