// SPDX-License-Identifier: GPL-2.0-or-later
// TempDir: a fresh directory under /tmp (or $TMPDIR) that is removed, with everything in it, when
// the object goes out of scope.
#ifndef EDGECWMP_TESTS_SUPPORT_TEMP_DIR_H_
#define EDGECWMP_TESTS_SUPPORT_TEMP_DIR_H_

#include <string>

namespace edgecwmp::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "edgecwmp");  // aborts the test if mkdtemp fails
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Whole-file helpers for tests; ReadFile returns "" when the file is missing.
std::string ReadFile(const std::string& path);
bool WriteFile(const std::string& path, const std::string& contents);

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_TEMP_DIR_H_
