// SPDX-License-Identifier: GPL-2.0-or-later
// Fleet: N virtual CPEs in one process over the agent's own engine — the codec, the session
// engine (cwmp/session/session.h), a DataModel per session over the fleet's one schema and the
// RPC dispatcher (rpc/). Each CPE has its own identity, events ("0 BOOTSTRAP" once, then "1 BOOT",
// "2 PERIODIC", "3 SCHEDULED", "6 CONNECTION REQUEST", "7 TRANSFER COMPLETE", M events), retry
// back-off (TR-069 3.2.1.1), periodic schedule with jitter, simulated transfers and a
// connection-request path on the fleet's one HTTP listener (/cr/<index>, the CPE's own Digest
// credentials). Boots ramp up at profile.boot_ramp per second.
//
// Memory: an idle CPE is a VirtualCpe (a few words) plus, only when the ACS changed something or
// a transfer is pending, a CpeExtra. Nothing is persisted (a restart is a new fleet); no fsync.
// Concurrency: profile.workers threads run sessions; one CPE never runs two sessions at once.
// Every finished session's transcript goes to the registered observers (from worker threads).
#ifndef EDGECWMP_CWMP_FLEET_FLEET_H_
#define EDGECWMP_CWMP_FLEET_FLEET_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cwmp/fleet/fleet_model.h"
#include "cwmp/fleet/profile.h"
#include "cwmp/fleet/session_transcript.h"

namespace edgecwmp::cwmp::fleet {

class CpeSession;

struct FleetCounters {
  uint64_t sessions = 0;             // sessions run (any outcome)
  uint64_t completed = 0;            // ended as TR-069 3.7.1.4 says
  uint64_t failed = 0;               // anything else (retried with back-off)
  uint64_t bootstrapped = 0;         // CPEs whose "0 BOOTSTRAP" Inform was accepted
  uint64_t connection_requests = 0;  // accepted on the listener
};

class Fleet {
 public:
  explicit Fleet(FleetProfile profile);
  ~Fleet();  // Stop()s
  Fleet(const Fleet&) = delete;
  Fleet& operator=(const Fleet&) = delete;

  // Before Start(): |observer| sees every finished session; it must outlive the fleet.
  void AddObserver(SessionObserver* observer);

  // Loads the data model, binds the connection-request listener, starts the workers; CPE i's
  // first session is due i / boot_ramp seconds later.
  Status Start();
  void Stop();  // idempotent; running sessions finish their current exchange

  const FleetProfile& profile() const;
  const FleetModel& model() const;
  CpeIdentity Identity(uint64_t index) const;
  std::string ConnectionRequestUrl(uint64_t index) const;  // after Start()
  // Whether CPE |index| plays the profile's misbehaviour number |which| (seeded choice of exactly
  // round(fraction · count) CPEs).
  bool Misbehaves(uint64_t index, size_t which) const;
  FleetCounters counters() const;

 private:
  friend class CpeSession;  // fleet_session.cc: one CPE's session over the Rep
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_FLEET_H_
