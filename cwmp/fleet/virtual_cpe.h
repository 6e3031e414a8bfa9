// SPDX-License-Identifier: GPL-2.0-or-later
// VirtualCpe: the whole per-CPE state of a fleet, kept small on purpose — pending events as bits,
// times as milliseconds on the fleet's clock, and a CpeExtra allocated only while there is
// something beyond the profile to remember (an ACS change, a transfer, command keys).
#ifndef EDGECWMP_CWMP_FLEET_VIRTUAL_CPE_H_
#define EDGECWMP_CWMP_FLEET_VIRTUAL_CPE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cwmp/fleet/fleet_model.h"
#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp::fleet {

// Pending Inform events, one bit each (TR-069 3.7.1.5).
enum EventBit : uint16_t {
  kEvBootstrap = 1 << 0,          // "0 BOOTSTRAP"
  kEvBoot = 1 << 1,               // "1 BOOT"
  kEvPeriodic = 1 << 2,           // "2 PERIODIC"
  kEvScheduled = 1 << 3,          // "3 SCHEDULED" + "M ScheduleInform"
  kEvValueChange = 1 << 4,        // "4 VALUE CHANGE"
  kEvConnectionRequest = 1 << 5,  // "6 CONNECTION REQUEST"
  kEvTransferComplete = 1 << 6,   // "7 TRANSFER COMPLETE" + "M Download"/"M Upload"
  kEvReboot = 1 << 7,             // "M Reboot"
};

// A Download or Upload the fleet pretends to carry out.
struct SimTransfer {
  bool download = true;
  std::string command_key;
  uint32_t fault_code = 0;
  int64_t start_ms = 0;
  int64_t due_ms = 0;  // when it completes (its TransferComplete is then due)
};

struct CpeExtra {
  CpeDelta delta;
  std::string reboot_key, schedule_key;
  int64_t schedule_due_ms = 0;  // 0: no ScheduleInform pending
  std::vector<SimTransfer> transfers;
  bool empty() const {
    return delta.empty() && reboot_key.empty() && schedule_key.empty() && schedule_due_ms == 0 &&
           transfers.empty();
  }
};

struct VirtualCpe {
  int64_t boot_ms = 0;          // fleet clock at the last boot
  int64_t periodic_due_ms = 0;  // next "2 PERIODIC"
  int64_t retry_due_ms = 0;     // 0: no retry pending
  int64_t due_ms = 0;           // next session attempt (the scheduler's key)
  uint32_t sessions = 0;        // sessions attempted
  uint32_t retry_count = 0;     // Inform.RetryCount of the next attempt
  uint32_t misbehaviour = 0;    // bit n: plays the profile's misbehaviour n
  uint16_t events = 0;          // EventBit
  bool busy = false;            // a worker runs its session now
  std::unique_ptr<CpeExtra> extra;

  CpeExtra* Extra() {
    if (!extra) extra = std::make_unique<CpeExtra>();
    return extra.get();
  }
  void TrimExtra() {
    if (extra && extra->empty()) extra.reset();
  }
};

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_VIRTUAL_CPE_H_
