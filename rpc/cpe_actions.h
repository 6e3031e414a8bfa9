// SPDX-License-Identifier: GPL-2.0-or-later
// CpeActions: what the RPC handlers ask of the agent beyond the data model — schedule an Inform,
// reboot or factory-reset once the session has ended, and the transfer / software-module /
// voucher / option methods. The session engine (cwmp/) implements it. The optional methods have
// a default that answers 9000 "Method not supported"; an implementation that really handles one
// overrides it AND returns true from Supports() for its name, so GetRPCMethods lists only what
// works.
#ifndef EDGECWMP_RPC_CPE_ACTIONS_H_
#define EDGECWMP_RPC_CPE_ACTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cwmp/protocol/messages.h"
#include "base/status.h"

namespace edgecwmp::rpc {

class CpeActions {
 public:
  virtual ~CpeActions() = default;

  // ---- Required (the RPC answers with success only if these return OK) ----

  // A one-time Inform with "3 SCHEDULED" and "M ScheduleInform" <command_key> after
  // |delay_seconds| (> 0; checked by the handler). TR-069 A.4.1.2.
  virtual Status ScheduleInform(uint32_t delay_seconds, const std::string& command_key) = 0;
  // Reboot once the current session has ended; the Inform after it carries "1 BOOT" and
  // "M Reboot" <command_key> (the implementation's job). TR-069 A.3.2.9.
  virtual Status RebootAfterSession(const std::string& command_key) = 0;
  // Factory reset once the current session has ended (then "0 BOOTSTRAP"). TR-069 A.4.1.6.
  virtual Status FactoryResetAfterSession() = 0;

  // ---- Optional methods ----

  // Whether the optional method |method| ("Download", "Upload", "ScheduleDownload",
  // "CancelTransfer", "GetQueuedTransfers", "GetAllQueuedTransfers", "ChangeDUState",
  // "SetVouchers", "GetOptions") is really implemented. Default: none.
  virtual bool Supports(std::string_view method) const;

  // Each answers with its response or a cwmp::Fault. Defaults: Fault 9000.
  virtual cwmp::CpeResponse Download(const cwmp::Download& request);
  virtual cwmp::CpeResponse Upload(const cwmp::Upload& request);
  virtual cwmp::CpeResponse ScheduleDownload(const cwmp::ScheduleDownload& request);
  virtual cwmp::CpeResponse CancelTransfer(const cwmp::CancelTransfer& request);
  virtual cwmp::CpeResponse GetQueuedTransfers(const cwmp::GetQueuedTransfers& request);
  virtual cwmp::CpeResponse GetAllQueuedTransfers(const cwmp::GetAllQueuedTransfers& request);
  virtual cwmp::CpeResponse ChangeDUState(const cwmp::ChangeDUState& request);
  virtual cwmp::CpeResponse SetVouchers(const cwmp::SetVouchers& request);
  virtual cwmp::CpeResponse GetOptions(const cwmp::GetOptions& request);
};

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_CPE_ACTIONS_H_
