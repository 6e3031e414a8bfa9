// SPDX-License-Identifier: GPL-2.0-or-later
// ServiceManager: what cwmpd tells systemd (sd_notify). Every call is a no-op when the process was
// not started by systemd (no $NOTIFY_SOCKET) or the build has no libsystemd, so cwmpd runs the
// same by hand, under another supervisor or in a container.
#ifndef EDGECWMP_CWMP_DAEMON_SERVICE_MANAGER_H_
#define EDGECWMP_CWMP_DAEMON_SERVICE_MANAGER_H_

#include <chrono>
#include <string>

namespace edgecwmp::cwmp {

// READY=1: the agent started (definitions loaded, listener bound); `systemctl start` returns.
void NotifyReady();
// STOPPING=1 / RELOADING=1 ... READY=1, so `systemctl status` shows what the daemon does.
void NotifyStopping();
void NotifyStatus(const std::string& status);
// The interval at which WATCHDOG=1 must be sent (half of WatchdogSec=), or 0 when the service
// manager set no watchdog for this process.
std::chrono::seconds WatchdogPingInterval();
void NotifyWatchdog();

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_DAEMON_SERVICE_MANAGER_H_
