// SPDX-License-Identifier: GPL-2.0-or-later
// bench_network: the cost of GetParameterValues("Device.IP.") over this machine's network
// (tr181/network), with the module's snapshot cache (one netlink dump answers every parameter
// for refresh_ms) and without it (refresh_ms = 0: a dump per parameter, what a naive provider
// costs). Figures only: they depend on the machine and its number of interfaces.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "datamodel/datamodel.h"
#include "tr181/definitions.h"
#include "tr181/network/network_module.h"

namespace {

using namespace edgecwmp;  // NOLINT

constexpr int kRuns = 21;

// Median wall time of a GPV of |path| in microseconds; |values| gets the parameter count.
double MedianGpvMicros(uint32_t refresh_ms, const char* path, size_t* values) {
  dm::Schema schema;
  if (!tr181::LoadDefinitions(&schema).ok()) {
    std::fprintf(stderr, "no definitions\n");
    std::exit(1);
  }
  dm::DataModel model(&schema, nullptr);
  tr181::network::NetworkConfig config;
  config.refresh_ms = refresh_ms;
  if (!tr181::network::BindNetwork(&model, config).ok() || !model.Load().ok()) std::exit(1);
  std::vector<double> times;
  for (int i = 0; i < kRuns; ++i) {
    std::vector<dm::ParameterValue> out;
    // Let a short refresh period expire, so that this GPV starts with a fresh dump.
    std::this_thread::sleep_for(std::chrono::milliseconds(refresh_ms == 1 ? 2 : 0));
    const auto start = std::chrono::steady_clock::now();
    if (!model.GetValues(path, &out).ok()) std::exit(1);
    times.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    *values = out.size();
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  size_t values = 0;
  // A 1 ms refresh period, expired before each GPV: each GPV takes one fresh dump.
  const double per_gpv = MedianGpvMicros(1, "Device.IP.", &values);
  const double cached = MedianGpvMicros(60000, "Device.IP.", &values);
  const double per_param = MedianGpvMicros(0, "Device.IP.", &values);
  std::printf("GPV Device.IP. (%zu values), median of %d:\n", values, kRuns);
  std::printf("  one netlink dump per GPV (refresh 1 ms):   %9.0f us\n", per_gpv);
  std::printf("  served from the cached dump:               %9.0f us\n", cached);
  std::printf("  one dump per parameter (refresh 0, naive): %9.0f us\n", per_param);
  return 0;
}
