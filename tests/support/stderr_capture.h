// SPDX-License-Identifier: GPL-2.0-or-later
// StderrCapture: everything written to file descriptor 2 (where the agent's Log writes) goes to
// a file while it lives; Text() returns what was written so far, Stop() restores stderr and
// returns all of it.
#ifndef EDGECWMP_TESTS_SUPPORT_STDERR_CAPTURE_H_
#define EDGECWMP_TESTS_SUPPORT_STDERR_CAPTURE_H_

#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <string>

#include "tests/support/temp_dir.h"

namespace edgecwmp::testing {

class StderrCapture {
 public:
  explicit StderrCapture(const std::string& path) : path_(path) {
    std::fflush(stderr);
    saved_ = dup(2);
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    BOOST_REQUIRE(saved_ >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
  }
  ~StderrCapture() { Stop(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  std::string Text() const {
    std::fflush(stderr);
    return ReadFile(path_);
  }

  std::string Stop() {
    if (saved_ >= 0) {
      std::fflush(stderr);
      dup2(saved_, 2);
      close(saved_);
      saved_ = -1;
    }
    return ReadFile(path_);
  }

 private:
  std::string path_;
  int saved_ = -1;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_STDERR_CAPTURE_H_
