// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/executor.h"

#include <utility>

namespace edgecwmp::edgex {

const char* ServiceStatusName(ServiceStatus status) {
  switch (status) {
    case ServiceStatus::kIdle:
      return "Idle";
    case ServiceStatus::kStarting:
      return "Starting";
    case ServiceStatus::kActive:
      return "Active";
    case ServiceStatus::kStopping:
      return "Stopping";
  }
  return "Idle";
}

void StatusTracker::SetCallback(StateCallback callback) {
  std::lock_guard<std::mutex> lock(mu_);
  callback_ = std::move(callback);
}

void StatusTracker::Observe(const std::string& service, ServiceStatus status) {
  StateCallback callback;
  ServiceStatus from = status;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = last_.find(service);
    if (it == last_.end()) {
      last_.emplace(service, status);
      return;
    }
    if (it->second == status) return;
    from = it->second;
    it->second = status;
    callback = callback_;
  }
  if (callback) callback(service, from, status);
}

}  // namespace edgecwmp::edgex
