// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/agent_actions.h"

#include "base/time_util.h"

namespace edgecwmp::cwmp {

namespace {

int64_t NowUnix() { return NowSeconds().time_since_epoch().count(); }

}  // namespace

Status AgentActions::ScheduleInform(uint32_t delay_seconds, const std::string& command_key) {
  p_.scheduler->ScheduleInform(delay_seconds, command_key, NowSeconds());
  return Status::Ok();
}

Status AgentActions::RebootAfterSession(const std::string& command_key) {
  // TR-069 A.3.2.9: M Reboot is persisted now so it survives the reboot and rides the next
  // Inform together with 1 BOOT.
  Status s = p_.events->Add(kEventMReboot, command_key);
  if (!s.ok()) return s;
  p_.after_session->reboot = true;
  return Status::Ok();
}

Status AgentActions::FactoryResetAfterSession() {
  p_.after_session->factory_reset = true;
  return Status::Ok();
}

bool AgentActions::Supports(std::string_view method) const {
  return method == "Download" || method == "Upload" || method == "ScheduleDownload" ||
         method == "CancelTransfer" || method == "GetQueuedTransfers" ||
         method == "GetAllQueuedTransfers" || (method == "ChangeDUState" && *p_.du_backend);
}

CpeResponse AgentActions::ChangeDUState(const cwmp::ChangeDUState& r) {
  return p_.du_changes->ChangeDUState(r);
}

CpeResponse AgentActions::Download(const cwmp::Download& r) {
  return p_.transfers->Download(r, NowUnix());
}

CpeResponse AgentActions::Upload(const cwmp::Upload& r) {
  return p_.transfers->Upload(r, NowUnix());
}

CpeResponse AgentActions::ScheduleDownload(const cwmp::ScheduleDownload& r) {
  return p_.transfers->ScheduleDownload(r, NowUnix());
}

CpeResponse AgentActions::CancelTransfer(const cwmp::CancelTransfer& r) {
  return p_.transfers->CancelTransfer(r);
}

CpeResponse AgentActions::GetQueuedTransfers(const cwmp::GetQueuedTransfers&) {
  return p_.transfers->GetQueuedTransfers();
}

CpeResponse AgentActions::GetAllQueuedTransfers(const cwmp::GetAllQueuedTransfers&) {
  return p_.transfers->GetAllQueuedTransfers();
}

}  // namespace edgecwmp::cwmp
