// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/agent/agent_actions.h"

#include "base/time_util.h"

namespace edgecwmp::cwmp {

namespace {

int64_t NowUnix() { return NowSeconds().time_since_epoch().count(); }

}  // namespace

Status AgentActions::ScheduleInform(uint32_t delay_seconds, const std::string& command_key) {
  return p_.scheduler->ScheduleInform(delay_seconds, command_key, NowSeconds());
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

Status AgentActions::ServeOptionalMethods(rpc::Dispatcher* d) {
  TransferManager* t = p_.transfers;
  const Status served[] = {
      d->Serve<Download>([t](const Download& r) { return t->Download(r, NowUnix()); }),
      d->Serve<Upload>([t](const Upload& r) { return t->Upload(r, NowUnix()); }),
      d->Serve<ScheduleDownload>(
          [t](const ScheduleDownload& r) { return t->ScheduleDownload(r, NowUnix()); }),
      d->Serve<CancelTransfer>([t](const CancelTransfer& r) { return t->CancelTransfer(r); }),
      d->Serve<GetQueuedTransfers>(
          [t](const GetQueuedTransfers&) { return t->GetQueuedTransfers(); }),
      d->Serve<GetAllQueuedTransfers>(
          [t](const GetAllQueuedTransfers&) { return t->GetAllQueuedTransfers(); }),
  };
  for (const Status& s : served) {
    if (!s.ok()) return s;
  }
  if (!*p_.du_backend) return Status::Ok();  // ChangeDUState is not offered
  DuChangeManager* du = p_.du_changes;
  return d->Serve<ChangeDUState>([du](const ChangeDUState& r) { return du->ChangeDUState(r); });
}

}  // namespace edgecwmp::cwmp
