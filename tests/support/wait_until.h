// SPDX-License-Identifier: GPL-2.0-or-later
// WaitUntil: polls a condition until it holds or a generous deadline passes. Tests wait with it
// instead of sleeping a fixed time, and never assert on elapsed time.
#ifndef EDGECWMP_TESTS_SUPPORT_WAIT_UNTIL_H_
#define EDGECWMP_TESTS_SUPPORT_WAIT_UNTIL_H_

#include <chrono>
#include <functional>
#include <thread>

namespace edgecwmp::testing {

// True as soon as pred() is true; false when timeout passed first.
inline bool WaitUntil(const std::function<bool()>& pred,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      std::chrono::milliseconds poll = std::chrono::milliseconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return pred();
    std::this_thread::sleep_for(poll);
  }
}

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_WAIT_UNTIL_H_
