// SPDX-License-Identifier: GPL-2.0-or-later
// The requests an operator makes on the device through cwmpctl (cwmp/agent/local_requests.h), as
// the agent's main loop takes them: get, set, inform and status answered here, transfers and DU
// changes queued as autonomous ones (agent_autonomous.cc). Every answer is JSON; a secret is never
// in one (get reads it as "", as GetParameterValues does; status carries no credentials).
#include <nlohmann/json.hpp>

#include "base/log.h"
#include "cwmp/agent/agent_internal.h"
#include "rpc/value_types.h"

namespace edgecwmp::cwmp {

using namespace agent_internal;
using json = nlohmann::json;

namespace {

std::string Dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";  // never throws
}

json TimeOrNull(const std::optional<SysSeconds>& t) {
  return t ? json(FormatDateTime(*t)) : json(nullptr);
}

std::string FaultText(const Status& s) {
  const uint32_t code = rpc::FaultCodeFor(s);
  return std::to_string(code) + " " + rpc::FaultString(code) + ": " + s.message();
}

}  // namespace

LocalOutcome Agent::Rep::LocalGet(const LocalRequest& request) {
  json values = json::array();
  for (const std::string& name : request.names) {
    std::vector<dm::ParameterValue> found;
    // GetParameterValues' own read: partial paths expand, secrets read as "".
    if (Status s = model->GetValues(name, &found); !s.ok()) {
      return {"get", name + ": " + FaultText(s), ""};
    }
    for (const dm::ParameterValue& v : found) {
      values.push_back({{"name", v.name}, {"value", v.value}, {"type", rpc::XsdType(v.type)}});
    }
  }
  return {"get", "", Dump({{"values", values}})};
}

LocalOutcome Agent::Rep::LocalSet(const LocalRequest& request) {
  std::vector<dm::ParameterSet> sets;
  std::string names;
  for (const auto& [name, value] : request.values) {
    sets.push_back({name, value});
    names += (names.empty() ? "" : ", ") + name;  // never the values: one may be a password
  }
  std::vector<dm::ParameterFault> faults;
  dm::Applied applied = dm::Applied::kNow;
  // Checked as the ACS's SetParameterValues is (all or nothing, writability, types), but the
  // change is the device's own: the next value-change poll reports it where notified.
  Status s = model->SetValues(sets, dm::Origin::kLocal, &faults, &applied);
  if (!s.ok()) {
    std::string why;
    for (const dm::ParameterFault& f : faults) {
      why += (why.empty() ? "" : "; ") + f.name + ": " + FaultText(f.status);
    }
    return {"set " + names, why.empty() ? FaultText(s) : why, ""};
  }
  wake = true;  // the poll right after this runs now
  return {"set " + names, "",
          Dump({{"applied", applied == dm::Applied::kNow ? "now" : "after a reboot"}})};
}

LocalOutcome Agent::Rep::LocalInform() {
  // The operator asks what an ACS's connection request asks: a session now, back-off or not.
  scheduler.ConnectionRequest(NowSeconds());
  return {"inform", "", Dump({{"session", "requested"}})};
}

LocalOutcome Agent::Rep::LocalStatus() {
  const SysSeconds now = NowSeconds();
  const tr181::ManagementServerSettings ms = ManagementServer(*model);
  json status;
  status["acs_url"] = ms.url;
  if (last_session) {
    const LastSession& l = *last_session;
    status["last_session"] = {{"ended", FormatDateTime(l.ended)},
                              {"outcome", l.outcome},
                              {"detail", l.detail},
                              {"url", l.url},
                              {"events", l.events},
                              {"acs_requests", l.acs_request_counts}};
  } else {
    status["last_session"] = nullptr;
  }
  status["next_session"] = TimeOrNull(scheduler.NextWake(now));
  status["next_periodic_inform"] = TimeOrNull(scheduler.next_periodic());
  status["retry_count"] = scheduler.retry_count();
  const std::string xmpp_row = Value(Ms("ConnReqXMPPConnection"));
  status["connection_request"] = {
      {"url", connection_requests ? connection_requests->url() : ""},
      {"http", connection_requests != nullptr},
      {"udp", udp_connection_requests != nullptr},
      {"udp_address", Value(Ms("UDPConnectionRequestAddress"))},
      {"xmpp", !xmpp_row.empty()},
      {"xmpp_jabber_id", Value(Ms("ConnReqJabberID"))},
      {"xmpp_status", xmpp_row.empty() ? "" : Value(xmpp_row + ".Status")}};
  json pending = json::array();
  for (const EventStruct& e : events.Pending()) {
    pending.push_back(e.command_key.empty() ? e.event_code : e.event_code + " " + e.command_key);
  }
  status["pending_events"] = pending;
  json queued = json::array();
  for (const AllQueuedTransferStruct& t : transfers->GetAllQueuedTransfers().transfer_list) {
    queued.push_back({{"command_key", t.command_key},
                      {"direction", t.is_download ? "download" : "upload"},
                      {"file_type", t.file_type},
                      {"state", t.state == 1   ? "waiting"
                                : t.state == 2 ? "in progress"
                                               : "done"}});
  }
  status["queued_transfers"] = queued;
  status["services"] = ServiceStates();
  return {"status", "", Dump(status)};
}

// Device.SoftwareModules.ExecutionUnit.{i}. as [{"name", "status"}] (the EdgeX services, with the
// EdgeX module); empty when the model has no ExecutionUnits.
nlohmann::json Agent::Rep::ServiceStates() {
  json services = json::array();
  std::vector<dm::ParameterValue> values;
  if (!model->GetValues("Device.SoftwareModules.ExecutionUnit.", &values).ok()) return services;
  std::map<std::string, json> by_row;  // "Device....ExecutionUnit.3." → its entry
  std::vector<std::string> order;
  for (const dm::ParameterValue& v : values) {
    const size_t dot = v.name.rfind('.');
    const std::string row = v.name.substr(0, dot + 1), field = v.name.substr(dot + 1);
    if (field != "Name" && field != "Status" && field != "Version") continue;
    if (!by_row.count(row)) order.push_back(row);
    by_row[row][field == "Name" ? "name" : field == "Status" ? "status" : "version"] = v.value;
  }
  for (const std::string& row : order) services.push_back(by_row[row]);
  return services;
}

void Agent::Rep::TakeLocalRequests() {
  for (const PendingLocalRequest& p : PendingLocalRequests(config.state_dir)) {
    LocalOutcome o;
    if (!p.decoded.ok()) {
      o = {"request", p.decoded.message(), ""};
    } else {
      switch (p.request.kind) {
        case LocalRequestKind::kGet:
          o = LocalGet(p.request);
          break;
        case LocalRequestKind::kSet:
          o = LocalSet(p.request);
          break;
        case LocalRequestKind::kInform:
          o = LocalInform();
          break;
        case LocalRequestKind::kStatus:
          o = LocalStatus();
          break;
        case LocalRequestKind::kTransfer:
        case LocalRequestKind::kDuChange:
          o.rejection = QueueAutonomous(p.request, &o.what);
          break;
      }
    }
    if (!o.rejection.empty()) {
      Log(LogLevel::kWarning, kComponent, "local request ", p.name, " (", o.what,
          ") rejected: ", o.rejection);
    } else if (p.request.kind == LocalRequestKind::kGet ||
               p.request.kind == LocalRequestKind::kStatus) {
      Log(LogLevel::kDebug, kComponent, "local request ", p.name, ": ", o.what);  // reads only
    } else {
      Log(LogLevel::kInfo, kComponent, "local request ", p.name, ": ", o.what, " done");
    }
    FinishLocalRequest(config.state_dir, p.name, o.rejection, o.reply);
  }
}

}  // namespace edgecwmp::cwmp
