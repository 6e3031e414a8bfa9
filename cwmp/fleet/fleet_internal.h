// SPDX-License-Identifier: GPL-2.0-or-later
// Internal to the fleet engine: the state behind Fleet, shared by fleet.cc (scheduler, workers,
// connection-request listener) and fleet_session.cc (one CPE's session).
#ifndef EDGECWMP_CWMP_FLEET_FLEET_INTERNAL_H_
#define EDGECWMP_CWMP_FLEET_FLEET_INTERNAL_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cwmp/fleet/fleet.h"
#include "cwmp/fleet/virtual_cpe.h"
#include "cwmp/protocol/messages.h"
#include "cwmp/transport/digest_auth.h"
#include "cwmp/transport/http_server.h"

namespace edgecwmp::cwmp {
class Codec;
}  // namespace edgecwmp::cwmp

namespace edgecwmp::cwmp::fleet {

// What the session changed that the scheduler applies once it has ended.
struct SessionEffects {
  bool completed = false;
  bool inform_accepted = false;
  uint16_t delivered_events = 0;  // events the accepted Inform carried (cleared)
  size_t transfers_reported = 0;  // leading transfers whose TransferComplete was answered
  bool reboot = false, factory_reset = false;
  std::string reboot_key;
  bool schedule = false;
  uint32_t schedule_delay = 0;
  std::string schedule_key;
  std::vector<SimTransfer> new_transfers;
  std::unique_ptr<CpeDelta> delta;  // the CPE's delta after the session (set when it changed)
  uint32_t retry_after_seconds = 0;
  bool version_rejected = false;
};

struct Fleet::Rep {
  explicit Rep(FleetProfile p) : profile(std::move(p)) {}

  FleetProfile profile;
  FleetModel model;
  std::vector<SessionObserver*> observers;
  bool keep_bodies = false;
  std::vector<VirtualCpe> cpes;
  std::chrono::steady_clock::time_point epoch;
  std::atomic<int> version{4};  // highest cwmp minor the ACS accepted so far (fleet-wide)

  // Scheduler: (due_ms, index), earliest first; entries whose due_ms no longer matches the CPE's
  // are stale and skipped.
  using Due = std::pair<int64_t, uint64_t>;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue;
  mutable std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  std::vector<std::thread> workers;
  FleetCounters counters;

  std::unique_ptr<HttpServer> listener;
  std::unique_ptr<DigestAuthenticator> digest;
  std::string cr_base;  // "http://host:port/cr/"

  int64_t NowMs() const;
  void Schedule(uint64_t index);  // mu held: recompute due_ms and queue it
  void WorkerLoop();
  void Wake(uint64_t index);  // a connection request
  HttpReply OnConnectionRequest(const HttpRequest& request);
  void ChooseMisbehaviour();
  void AddDueEvents(VirtualCpe* cpe, uint64_t index, int64_t now);               // mu held
  void Finish(uint64_t index, uint16_t inform_events, SessionEffects* effects);  // mu held

  // fleet_session.cc: runs CPE |index|'s session with |inform_events| (mu not held).
  void RunSession(uint64_t index, uint16_t inform_events, Codec* codec, SessionEffects* effects);
};

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_FLEET_INTERNAL_H_
