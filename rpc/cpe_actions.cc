// SPDX-License-Identifier: GPL-2.0-or-later
#include "rpc/cpe_actions.h"

#include "rpc/faults.h"

namespace edgecwmp::rpc {

bool CpeActions::Supports(std::string_view /*method*/) const { return false; }

// What a CPE without the method answers (the agent overrides those it offers): TR-069 A.5.1 9000.
cwmp::CpeResponse CpeActions::Download(const cwmp::Download&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::Upload(const cwmp::Upload&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::ScheduleDownload(const cwmp::ScheduleDownload&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::CancelTransfer(const cwmp::CancelTransfer&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::GetQueuedTransfers(const cwmp::GetQueuedTransfers&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::GetAllQueuedTransfers(const cwmp::GetAllQueuedTransfers&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::ChangeDUState(const cwmp::ChangeDUState&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::SetVouchers(const cwmp::SetVouchers&) {
  return MakeFault(fault::kMethodNotSupported);
}
cwmp::CpeResponse CpeActions::GetOptions(const cwmp::GetOptions&) {
  return MakeFault(fault::kMethodNotSupported);
}

}  // namespace edgecwmp::rpc
