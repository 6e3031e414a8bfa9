// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/cancel_token.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace edgecwmp::tr181 {

CancelToken::CancelToken() : fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

CancelToken::~CancelToken() {
  if (fd_ >= 0) close(fd_);
}

void CancelToken::Cancel() {
  canceled_ = true;
  const uint64_t one = 1;
  if (fd_ >= 0 && write(fd_, &one, sizeof(one)) < 0) {
    // The counter cannot overflow with a single writer; canceled_ is set either way.
  }
}

}  // namespace edgecwmp::tr181
