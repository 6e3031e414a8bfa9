// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/codec/alloc_probe.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<bool> g_tracking{false};
std::atomic<size_t> g_largest{0};
}  // namespace

void* operator new(size_t n) {
  if (g_tracking.load(std::memory_order_relaxed) && n > g_largest.load(std::memory_order_relaxed)) {
    g_largest.store(n, std::memory_order_relaxed);
  }
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace edgecwmp::testing {

void StartAllocProbe() {
  g_largest = 0;
  g_tracking = true;
}

size_t StopAllocProbe() {
  g_tracking = false;
  return g_largest.load();
}

}  // namespace edgecwmp::testing
