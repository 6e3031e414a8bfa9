// SPDX-License-Identifier: GPL-2.0-or-later
// RecordFile: a small crash-safe text file of records (rows of strings) for the agent's queues.
// Format: a header line naming the content and version; one line per record, "R", the fields
// (tab, newline, CR and '%' percent-escaped) and an FNV-1a checksum, tab-separated; "END <count>".
// Saved with WriteFileAtomic (base/file_io.h: temp file, fsync, rename). Loading never fails on
// damage: every intact record is kept, the rest is dropped and the returned warning says what
// happened.
#ifndef EDGECWMP_BASE_RECORD_FILE_H_
#define EDGECWMP_BASE_RECORD_FILE_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace edgecwmp {

// A record has at least one field (an empty one reads back as {""}).
using Record = std::vector<std::string>;

std::string EncodeRecords(const std::string& header, const std::vector<Record>& records);

struct DecodedRecords {
  std::vector<Record> records;  // the intact records, in file order
  bool damaged = false;         // anything at all was wrong (rewrite the file)
  std::string problems;         // human-readable, empty when !damaged
};
DecodedRecords DecodeRecords(const std::string& header, const std::string& data);

// Reads |path|. A missing file is an empty, undamaged result. A stale |path|.tmp (a write that a
// crash interrupted; the committed file is the truth) is removed and mentioned in |note|.
// Error only when the file exists but cannot be read at all — then |out| is empty and damaged.
Status LoadRecordFile(const std::string& path, const std::string& header, DecodedRecords* out,
                      std::string* note);
Status SaveRecordFile(const std::string& path, const std::string& header,
                      const std::vector<Record>& records);

}  // namespace edgecwmp

#endif  // EDGECWMP_BASE_RECORD_FILE_H_
