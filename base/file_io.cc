// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace edgecwmp {
namespace {

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

Status MakePrivateDir(const std::string& dir, bool* tightened) {
  if (tightened) *tightened = false;
  if (dir.empty()) return Status::Internal("empty state directory");
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return Status::Internal(Errno(part));
  }
  struct stat st;
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::Internal(dir + " is not a directory");
  }
  if ((st.st_mode & 07777) == 0700) return Status::Ok();
  if (chmod(dir.c_str(), 0700) != 0) return Status::Internal(Errno("chmod " + dir));
  // A directory mkdir just made under a strange umask (e.g. 0777 -> 0000) is not "tightened".
  if (tightened) *tightened = (st.st_mode & 0077) != 0;
  return Status::Ok();
}

Status FsyncDir(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::Internal(Errno(dir));
  int rc = fsync(fd);
  close(fd);
  return rc == 0 ? Status::Ok() : Status::Internal(Errno("fsync " + dir));
}

Status WriteAndSync(const std::string& path, const std::string& data) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal(Errno(path));
  // A leftover temp file keeps its old mode through O_CREAT; 0600 it is, whatever was there.
  if (fchmod(fd, 0600) != 0) {
    Status s = Status::Internal(Errno("chmod " + path));
    close(fd);
    return s;
  }
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Status::Internal(Errno("write " + path));
      close(fd);
      return s;
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) {
    Status s = Status::Internal(Errno("fsync " + path));
    close(fd);
    return s;
  }
  if (close(fd) != 0) return Status::Internal(Errno("close " + path));
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, const std::string& data) {
  std::string tmp = path + ".tmp";
  Status s = WriteAndSync(tmp, data);
  if (!s.ok()) {
    unlink(tmp.c_str());
    return s;
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    s = Status::Internal(Errno("rename " + tmp));
    unlink(tmp.c_str());
    return s;
  }
  return FsyncDir(DirOf(path));
}

Status ReadFile(const std::string& path, std::string* data) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno == ENOENT ? Status::NotFound(path + ": no such file")
                           : Status::Internal(Errno(path));
  }
  data->clear();
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Status::Internal(Errno("read " + path));
      close(fd);
      return s;
    }
    if (n == 0) break;
    data->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return Status::Ok();
}

}  // namespace edgecwmp
