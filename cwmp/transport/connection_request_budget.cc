// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/connection_request_budget.h"

#include <algorithm>
#include <chrono>

namespace edgecwmp::cwmp {

ConnectionRequestBudget::ConnectionRequestBudget(ConnectionRequestBudgetOptions options)
    : options_(std::move(options)) {
  if (!options_.now_ms) {
    options_.now_ms = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::steady_clock::now().time_since_epoch())
                                      .count());
    };
  }
  tokens_ = options_.burst;
  last_ms_ = options_.now_ms();
}

void ConnectionRequestBudget::RefillLocked() {
  const int64_t now = options_.now_ms();
  if (now <= last_ms_) return;  // a clock that stands still (or steps back) adds nothing
  tokens_ = std::min<double>(options_.burst,
                             tokens_ + (now - last_ms_) * options_.refill_per_second / 1000.0);
  last_ms_ = now;
}

bool ConnectionRequestBudget::TryTake() {
  std::lock_guard<std::mutex> lock(mu_);
  RefillLocked();
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

uint32_t ConnectionRequestBudget::available() {
  std::lock_guard<std::mutex> lock(mu_);
  RefillLocked();
  return static_cast<uint32_t>(tokens_);
}

}  // namespace edgecwmp::cwmp
