// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/netns.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace edgecwmp::testing {
namespace {

constexpr const char* kNetnsDir = "/run/netns";

// "<prefix><pid>..." of a process that no longer exists.
bool Stale(const std::string& name, const std::string& prefix) {
  if (name.rfind(prefix, 0) != 0) return false;
  const pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
  return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

std::string NetnsBase(const std::string& prefix) { return prefix + std::to_string(getpid()) + "-"; }

void DeleteStaleNetns(const std::string& prefix) {
  std::vector<std::string> stale;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(kNetnsDir, ec)) {
    const std::string name = entry.path().filename().string();
    if (Stale(name, prefix)) stale.push_back(name);
  }
  for (const std::string& name : stale) {
    (void)std::system(("ip netns del '" + name + "' >/dev/null 2>&1").c_str());
  }
}

ScopedNetns::ScopedNetns(const std::string& ns) {
  original_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  const int target = open((std::string(kNetnsDir) + "/" + ns).c_str(), O_RDONLY | O_CLOEXEC);
  ok_ = original_ >= 0 && target >= 0 && setns(target, CLONE_NEWNET) == 0;
  if (target >= 0) close(target);
}

ScopedNetns::~ScopedNetns() {
  if (original_ < 0) return;
  if (ok_ && setns(original_, CLONE_NEWNET) != 0) std::abort();  // never run on in the wrong one
  close(original_);
}

}  // namespace edgecwmp::testing
