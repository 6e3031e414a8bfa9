// SPDX-License-Identifier: GPL-2.0-or-later
// Crash-safe file primitives shared by every component that persists (the data model, the
// agent's queues and records, the EdgeX state): a file is written whole to |path|.tmp, fsynced
// and renamed over |path|, and the directory fsynced, so a crash leaves the old or the new file,
// never a torn one.
#ifndef EDGECWMP_BASE_FILE_IO_H_
#define EDGECWMP_BASE_FILE_IO_H_

#include <string>

#include "base/status.h"

namespace edgecwmp {

// Writes |data| to |path| atomically: |path|.tmp, fsync, rename, fsync(dir). The file is 0600
// whatever the umask: state may hold secrets and is the agent's alone.
Status WriteFileAtomic(const std::string& path, const std::string& data);
// Reads the whole of |path|; NotFound when it does not exist, Internal on any other error.
Status ReadFile(const std::string& path, std::string* data);

// Writes and fsyncs |path| in place (no rename): the first half of an atomic replace whose
// caller renames itself (e.g. to keep a backup).
Status WriteAndSync(const std::string& path, const std::string& data);
// Creates |dir| and its missing parents 0700 and narrows an existing |dir| to 0700, whatever the
// umask; *tightened (if not null) is set when an existing |dir| had a wider mode. Internal when
// |dir| cannot be made or is not a directory.
Status MakePrivateDir(const std::string& dir, bool* tightened = nullptr);
// fsync of a directory, so that a rename into it is durable.
Status FsyncDir(const std::string& dir);

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_FILE_IO_H_
