// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/report_schedule.h"

#include <algorithm>
#include <cmath>

namespace edgecwmp::tr181::bulkdata {

int64_t NextReportTime(int64_t now, uint32_t interval, std::optional<int64_t> time_reference,
                       int64_t start) {
  const int64_t step = std::max<int64_t>(interval, 1);
  const int64_t phase = time_reference.value_or(start);
  // Floor division, so that a reference after |now| works the same as one before it.
  int64_t k = (now - phase) / step;
  if ((now - phase) % step < 0) --k;
  return phase + (k + 1) * step;
}

std::pair<int64_t, int64_t> RetryWaitBounds(uint32_t min_wait, uint32_t multiplier,
                                            uint32_t attempt) {
  constexpr double kCap = 86400;
  const double m = std::max<uint32_t>(min_wait, 1);
  const double k = std::max<uint32_t>(multiplier, 1000) / 1000.0;
  const uint32_t n = std::max<uint32_t>(attempt, 1);
  const double low = std::min(kCap, m * std::pow(k, n - 1));
  const double high = std::min(kCap, m * std::pow(k, n));
  return {static_cast<int64_t>(low), static_cast<int64_t>(high)};
}

}  // namespace edgecwmp::tr181::bulkdata
