// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/fleet.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "base/log.h"
#include "cwmp/fleet/fleet_internal.h"
#include "cwmp/fleet/value_generator.h"
#include "cwmp/protocol/codec.h"
#include "cwmp/session/retry_policy.h"

namespace edgecwmp::cwmp::fleet {

namespace {

constexpr const char* kComponent = "fleet";
constexpr const char* kCrPath = "/cr/";

// A seeded offset in [-jitter, +jitter] seconds for the |n|-th period of CPE |index|.
int64_t JitterMs(const FleetProfile& p, uint64_t index, uint64_t n) {
  if (p.jitter == 0) return 0;
  const double u = Unit(MixAll({p.seed, index, n, 0x6a}));
  return static_cast<int64_t>((u * 2 - 1) * p.jitter * 1000);
}

int64_t PeriodMs(const FleetProfile& p, uint64_t index, uint64_t n) {
  return static_cast<int64_t>(p.periodic_interval) * 1000 + JitterMs(p, index, n);
}

}  // namespace

Fleet::Fleet(FleetProfile profile) : rep_(new Rep(std::move(profile))) {}

Fleet::~Fleet() { Stop(); }

void Fleet::AddObserver(SessionObserver* observer) {
  rep_->observers.push_back(observer);
  rep_->keep_bodies = rep_->keep_bodies || observer->NeedsBodies();
}

const FleetProfile& Fleet::profile() const { return rep_->profile; }
const FleetModel& Fleet::model() const { return rep_->model; }
CpeIdentity Fleet::Identity(uint64_t index) const { return IdentityOf(rep_->profile, index); }

std::string Fleet::ConnectionRequestUrl(uint64_t index) const {
  return rep_->cr_base + std::to_string(index);
}

bool Fleet::Misbehaves(uint64_t index, size_t which) const {
  return index < rep_->cpes.size() && which < 32 && (rep_->cpes[index].misbehaviour >> which) & 1;
}

FleetCounters Fleet::counters() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  return rep_->counters;
}

int64_t Fleet::Rep::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               epoch)
      .count();
}

// Exactly round(fraction · count) CPEs per misbehaviour: those with the smallest seeded keys.
void Fleet::Rep::ChooseMisbehaviour() {
  const size_t n = std::min<size_t>(profile.misbehaviour.size(), 32);
  std::vector<std::pair<uint64_t, uint64_t>> keys(cpes.size());
  for (size_t m = 0; m < n; ++m) {
    const auto chosen =
        static_cast<size_t>(std::llround(profile.misbehaviour[m].fraction * cpes.size()));
    for (uint64_t i = 0; i < cpes.size(); ++i) keys[i] = {MixAll({profile.seed, m, i, 0x3b}), i};
    std::partial_sort(keys.begin(), keys.begin() + chosen, keys.end());
    for (size_t k = 0; k < chosen; ++k) cpes[keys[k].second].misbehaviour |= 1u << m;
  }
}

Status Fleet::Start() {
  Rep& r = *rep_;
  if (Status s = r.model.Load(r.profile); !s.ok()) return s;
  const std::string& v = r.profile.cwmp_version;
  if (v.size() != 3 || v.compare(0, 2, "1.") != 0 || v[2] < '0' || v[2] > '4') {
    return Status::InvalidArguments("cwmp_version must be 1.0 .. 1.4, not " + v);
  }
  r.version = v[2] - '0';
  r.epoch = std::chrono::steady_clock::now();
  r.cpes = std::vector<VirtualCpe>(r.profile.count);
  r.ChooseMisbehaviour();
  DigestAuthOptions auth;
  auth.realm = "cwmpfleet";
  auth.max_tracked_nonces = 4096;
  r.digest = std::make_unique<DigestAuthenticator>(auth);
  HttpServerOptions http;
  http.address = r.profile.cr_address;
  http.port = r.profile.cr_port;
  http.max_connections = 256;
  http.idle_timeout_seconds = 10;
  http.header_timeout_ms = 5000;
  r.listener = std::make_unique<HttpServer>(
      http, [&r](const HttpRequest& request) { return r.OnConnectionRequest(request); });
  if (Status s = r.listener->Start(); !s.ok()) return s;
  const std::string host = r.profile.cr_host.empty() ? r.profile.cr_address : r.profile.cr_host;
  r.cr_base = "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
              std::to_string(r.listener->port()) + kCrPath;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    for (uint64_t i = 0; i < r.cpes.size(); ++i) {
      VirtualCpe& cpe = r.cpes[i];
      cpe.events = kEvBootstrap | kEvBoot;
      cpe.boot_ms = static_cast<int64_t>(static_cast<double>(i) * 1000.0 / r.profile.boot_ramp);
      cpe.periodic_due_ms = cpe.boot_ms + PeriodMs(r.profile, i, 0);
      r.Schedule(i);
    }
  }
  for (uint32_t w = 0; w < r.profile.workers; ++w) r.workers.emplace_back([&r] { r.WorkerLoop(); });
  Log(LogLevel::kInfo, kComponent, r.cpes.size(), " virtual CPEs, connection requests at ",
      r.cr_base, "<index>");
  return Status::Ok();
}

void Fleet::Stop() {
  Rep& r = *rep_;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    r.stopping = true;
  }
  r.cv.notify_all();
  for (std::thread& t : r.workers) t.join();
  r.workers.clear();
  if (r.listener) r.listener->Stop();
}

void Fleet::Rep::Schedule(uint64_t index) {
  VirtualCpe& cpe = cpes[index];
  int64_t due = cpe.periodic_due_ms;
  if (cpe.retry_due_ms != 0) {
    due = std::min(due, cpe.retry_due_ms);
  } else if (cpe.events != 0) {
    due = std::min(due, cpe.boot_ms);  // pending events go at once (after the boot ramp)
  }
  if (cpe.extra) {
    if (cpe.extra->schedule_due_ms) due = std::min(due, cpe.extra->schedule_due_ms);
    for (const SimTransfer& t : cpe.extra->transfers) due = std::min(due, t.due_ms);
  }
  for (size_t m = 0; m < profile.misbehaviour.size() && m < 32; ++m) {
    if ((cpe.misbehaviour >> m & 1) &&
        profile.misbehaviour[m].kind == MisbehaviourKind::kRebootStorm) {
      due = std::min(due, cpe.boot_ms + int64_t{profile.misbehaviour[m].every} * 1000);
    }
  }
  cpe.due_ms = due;
  queue.emplace(due, index);
  cv.notify_one();
}

// The events whose time has come: the period, a ScheduleInform, a finished transfer, a reboot of
// a storm.
void Fleet::Rep::AddDueEvents(VirtualCpe* cpe, uint64_t index, int64_t now) {
  if (now >= cpe->periodic_due_ms) {
    cpe->events |= kEvPeriodic;
    while (cpe->periodic_due_ms <= now) {
      cpe->periodic_due_ms += PeriodMs(profile, index, cpe->sessions + 1);
    }
  }
  if (cpe->extra && cpe->extra->schedule_due_ms && now >= cpe->extra->schedule_due_ms) {
    cpe->events |= kEvScheduled;
    cpe->extra->schedule_due_ms = 0;
  }
  if (cpe->extra) {
    for (const SimTransfer& t : cpe->extra->transfers) {
      if (now >= t.due_ms) cpe->events |= kEvTransferComplete;
    }
  }
  for (size_t m = 0; m < profile.misbehaviour.size() && m < 32; ++m) {
    const Misbehaviour& b = profile.misbehaviour[m];
    if ((cpe->misbehaviour >> m & 1) && b.kind == MisbehaviourKind::kRebootStorm &&
        now >= cpe->boot_ms + int64_t{b.every} * 1000) {
      cpe->boot_ms = now;
      cpe->events |= kEvBoot;
    }
  }
}

void Fleet::Rep::WorkerLoop() {
  Codec codec;
  std::unique_lock<std::mutex> lock(mu);
  while (!stopping) {
    if (queue.empty()) {
      cv.wait(lock);
      continue;
    }
    const auto [due, index] = queue.top();
    VirtualCpe& cpe = cpes[index];
    if (due != cpe.due_ms) {
      queue.pop();  // stale: rescheduled since
      continue;
    }
    const int64_t now = NowMs();
    if (due > now) {
      cv.wait_for(lock, std::chrono::milliseconds(due - now));
      continue;
    }
    queue.pop();
    if (cpe.busy) continue;  // its worker reschedules it when the session ends
    AddDueEvents(&cpe, index, now);
    if (cpe.events == 0) {
      Schedule(index);
      continue;
    }
    cpe.busy = true;
    cpe.retry_due_ms = 0;
    const uint16_t inform_events = cpe.events;
    ++counters.sessions;
    lock.unlock();
    SessionEffects effects;
    RunSession(index, inform_events, &codec, &effects);
    lock.lock();
    Finish(index, inform_events, &effects);
  }
}

// The session's outcome on the CPE: events delivered, retries, reboots, transfers, the delta.
void Fleet::Rep::Finish(uint64_t index, uint16_t inform_events, SessionEffects* e) {
  VirtualCpe& cpe = cpes[index];
  cpe.busy = false;
  ++cpe.sessions;
  const int64_t now = NowMs();
  if (e->inform_accepted) {
    cpe.events &= ~(e->delivered_events & ~kEvTransferComplete);
    if (inform_events & kEvBootstrap) ++counters.bootstrapped;
    if (inform_events & kEvReboot && cpe.extra) cpe.extra->reboot_key.clear();
    if (inform_events & kEvScheduled && cpe.extra) cpe.extra->schedule_key.clear();
  }
  if (e->transfers_reported && cpe.extra) {
    auto& t = cpe.extra->transfers;
    t.erase(t.begin(), t.begin() + static_cast<long>(std::min(e->transfers_reported, t.size())));
    bool more = false;
    for (const SimTransfer& s : t) more = more || now >= s.due_ms;
    if (!more) cpe.events &= ~kEvTransferComplete;
  }
  if (e->delta) cpe.Extra()->delta = std::move(*e->delta);
  for (SimTransfer& t : e->new_transfers) cpe.Extra()->transfers.push_back(std::move(t));
  if (e->schedule) {
    cpe.Extra()->schedule_due_ms = now + int64_t{e->schedule_delay} * 1000;
    cpe.extra->schedule_key = e->schedule_key;
  }
  if (e->completed) {
    ++counters.completed;
    cpe.retry_count = 0;
    if (e->factory_reset) {
      cpe.extra.reset();
      cpe.events |= kEvBootstrap | kEvBoot;
      cpe.boot_ms = now;
    } else if (e->reboot) {
      cpe.Extra()->reboot_key = e->reboot_key;
      cpe.events |= kEvBoot | kEvReboot;
      cpe.boot_ms = now;
    }
  } else {
    ++counters.failed;
    ++cpe.retry_count;
    std::mt19937 rng(static_cast<uint32_t>(MixAll({profile.seed, index, cpe.sessions, 0x7e})));
    uint32_t wait =
        WaitSeconds(cpe.retry_count, profile.retry_min_wait, profile.retry_multiplier, rng);
    // A version refused is tried again at once, one version lower (as the agent does).
    if (e->version_rejected) wait = 0;
    cpe.retry_due_ms = now + int64_t{std::max(wait, e->retry_after_seconds)} * 1000;
  }
  cpe.TrimExtra();
  if (!stopping) Schedule(index);
}

void Fleet::Rep::Wake(uint64_t index) {
  std::lock_guard<std::mutex> lock(mu);
  ++counters.connection_requests;
  VirtualCpe& cpe = cpes[index];
  cpe.events |= kEvConnectionRequest;
  cpe.retry_due_ms = 0;  // TR-069 3.2.2: a connection request starts a session now
  if (cpe.boot_ms > NowMs()) cpe.boot_ms = NowMs();
  if (!cpe.busy && !stopping) Schedule(index);
}

HttpReply Fleet::Rep::OnConnectionRequest(const HttpRequest& request) {
  HttpReply reply;
  reply.status = 404;
  std::string path = request.target.substr(0, request.target.find('?'));
  if (path.compare(0, std::string(kCrPath).size(), kCrPath) != 0) return reply;
  const std::string number = path.substr(std::string(kCrPath).size());
  if (number.empty() || number.size() > 19 ||
      number.find_first_not_of("0123456789") != std::string::npos) {
    return reply;
  }
  const uint64_t index = std::stoull(number);
  if (index >= cpes.size()) return reply;
  const std::string user = ExpandTemplate(profile.cr_username, index);
  const std::string password = ExpandTemplate(profile.cr_password, index);
  if (!user.empty() || !password.empty()) {
    const AuthResult auth = digest->Check(request.method, request.target,
                                          request.Header("Authorization"), user, password);
    if (auth != AuthResult::kOk) {
      reply.status = 401;
      for (std::string& c : digest->Challenges(auth == AuthResult::kStale)) {
        reply.headers.emplace_back("WWW-Authenticate", std::move(c));
      }
      return reply;
    }
  }
  Wake(index);
  reply.status = 200;
  return reply;
}

}  // namespace edgecwmp::cwmp::fleet
