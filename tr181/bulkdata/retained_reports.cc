// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/retained_reports.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "base/record_file.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

constexpr const char* kHeader = "edgecwmp-bulkdata-retained 1";

}  // namespace

Status LoadRetainedReports(const std::string& path, std::vector<std::string>* reports,
                           std::string* note) {
  DecodedRecords decoded;
  Status s = LoadRecordFile(path, kHeader, &decoded, note);
  reports->clear();
  size_t dropped = 0;
  for (Record& record : decoded.records) {
    // Each goes verbatim into a Report array: only a JSON object may.
    if (record.size() == 1 && nlohmann::json::accept(record.front()) &&
        record.front().front() == '{') {
      reports->push_back(std::move(record.front()));
    } else {
      ++dropped;
    }
  }
  if (note == nullptr) return s;
  if (decoded.damaged) *note += decoded.problems;
  if (dropped > 0) {
    *note += (note->empty() ? "" : "; ") + std::to_string(dropped) +
             " retained report(s) dropped: not a JSON object";
  }
  return s;
}

Status SaveRetainedReports(const std::string& path, const std::vector<std::string>& reports) {
  if (reports.empty()) {
    if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
      return Status::Internal("cannot remove " + path + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }
  std::vector<Record> records;
  records.reserve(reports.size());
  for (const std::string& report : reports) records.push_back(Record{report});
  return SaveRecordFile(path, kHeader, records);
}

std::vector<std::string> NewestReports(std::vector<std::string> reports, int64_t limit) {
  const size_t keep = limit < 0 ? kMaxRetainedReports
                                : std::min<size_t>(static_cast<size_t>(limit), kMaxRetainedReports);
  if (reports.size() > keep) reports.erase(reports.begin(), reports.end() - keep);
  return reports;
}

}  // namespace edgecwmp::tr181::bulkdata
