// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/daemon/service_manager.h"

#ifdef EDGECWMP_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <cstdint>

namespace edgecwmp::cwmp {
namespace {

void Notify(const std::string& state) {
#ifdef EDGECWMP_HAVE_SYSTEMD
  sd_notify(0, state.c_str());
#else
  (void)state;
#endif
}

}  // namespace

void NotifyReady() { Notify("READY=1\nSTATUS=running"); }
void NotifyStopping() { Notify("STOPPING=1"); }
void NotifyStatus(const std::string& status) { Notify("STATUS=" + status); }
void NotifyWatchdog() { Notify("WATCHDOG=1"); }

std::chrono::seconds WatchdogPingInterval() {
#ifdef EDGECWMP_HAVE_SYSTEMD
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    // systemd's advice (sd_watchdog_enabled(3)): ping at half the timeout.
    return std::chrono::seconds(usec / 2 / 1000000);
  }
#endif
  return std::chrono::seconds(0);
}

}  // namespace edgecwmp::cwmp
