// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/codec/alloc_probe.h"

#include <atomic>
#include <cstdlib>
#include <new>

// Every replaceable form of operator new and delete but the aligned ones goes through the probe:
// gSOAP allocates with new (std::nothrow), and a program that replaces some forms only hands
// memory from one allocator to the other's free (AddressSanitizer: alloc-dealloc-mismatch).
// The aligned forms stay the library's, new and delete alike.

namespace {
std::atomic<bool> g_tracking{false};
std::atomic<size_t> g_largest{0};

void* Allocate(size_t n) noexcept {
  if (g_tracking.load(std::memory_order_relaxed) && n > g_largest.load(std::memory_order_relaxed)) {
    g_largest.store(n, std::memory_order_relaxed);
  }
  return std::malloc(n ? n : 1);
}

void* AllocateOrThrow(size_t n) {
  if (void* p = Allocate(n)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(size_t n) { return AllocateOrThrow(n); }
void* operator new[](size_t n) { return AllocateOrThrow(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

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
