// SPDX-License-Identifier: GPL-2.0-or-later
// CpeActions: what the required RPC handlers ask of the agent beyond the data model — schedule
// an Inform, reboot or factory-reset once the session has ended. The session engine (cwmp/)
// implements it. Optional methods (transfers, ChangeDUState, ...) are not here: the agent hands
// the handlers of those it offers to Dispatcher::Serve, the one place that says what is served.
#ifndef EDGECWMP_RPC_CPE_ACTIONS_H_
#define EDGECWMP_RPC_CPE_ACTIONS_H_

#include <cstdint>
#include <string>

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
};

}  // namespace edgecwmp::rpc

#endif  // EDGECWMP_RPC_CPE_ACTIONS_H_
