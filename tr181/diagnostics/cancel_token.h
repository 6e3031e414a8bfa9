// SPDX-License-Identifier: GPL-2.0-or-later
// CancelToken: tells a running diagnostic to stop. Cancel() is thread-safe; a test waiting on a
// socket polls fd() beside it, so cancelling wakes it at once instead of at its next timeout.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_CANCEL_TOKEN_H_
#define EDGECWMP_TR181_DIAGNOSTICS_CANCEL_TOKEN_H_

#include <atomic>

namespace edgecwmp::tr181 {

class CancelToken {
 public:
  CancelToken();  // an eventfd; fd() is -1 when none could be made (then only canceled() works)
  ~CancelToken();
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  void Cancel();
  bool canceled() const { return canceled_.load(); }
  int fd() const { return fd_; }  // readable once canceled

 private:
  int fd_ = -1;
  std::atomic<bool> canceled_{false};
};

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_CANCEL_TOKEN_H_
