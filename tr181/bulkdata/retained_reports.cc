// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/retained_reports.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/record_file.h"
#include "datamodel/types.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

constexpr const char* kHeader = "edgecwmp-bulkdata-retained 1";

Record ToRecord(const CollectedReport& report) {
  Record record{std::to_string(report.collection_time)};
  for (const ReportItem& item : report.items) {
    record.push_back(item.name);
    record.push_back(dm::TypeName(item.type));
    record.push_back(item.value);
  }
  return record;
}

bool FromRecord(const Record& record, CollectedReport* report) {
  const std::string& time = record.front();
  if (record.size() % 3 != 1 || time.empty() ||
      time.find_first_not_of("-0123456789") != std::string::npos) {
    return false;
  }
  report->collection_time = std::strtoll(time.c_str(), nullptr, 10);
  for (size_t i = 1; i < record.size(); i += 3) {
    ReportItem item{record[i], record[i + 2]};
    if (!dm::ParseTypeName(record[i + 1], &item.type)) return false;
    report->items.push_back(std::move(item));
  }
  return true;
}

}  // namespace

Status LoadRetainedReports(const std::string& path, std::vector<CollectedReport>* reports,
                           std::string* note) {
  DecodedRecords decoded;
  Status s = LoadRecordFile(path, kHeader, &decoded, note);
  reports->clear();
  size_t dropped = 0;
  for (const Record& record : decoded.records) {
    CollectedReport report;
    if (FromRecord(record, &report)) {
      reports->push_back(std::move(report));
    } else {
      ++dropped;
    }
  }
  if (note == nullptr) return s;
  if (decoded.damaged) *note += decoded.problems;
  if (dropped > 0) {
    *note += (note->empty() ? "" : "; ") + std::to_string(dropped) +
             " retained report(s) dropped: not a report";
  }
  return s;
}

Status SaveRetainedReports(const std::string& path, const std::vector<CollectedReport>& reports) {
  if (reports.empty()) {
    if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
      return Status::Internal("cannot remove " + path + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }
  std::vector<Record> records;
  records.reserve(reports.size());
  for (const CollectedReport& report : reports) records.push_back(ToRecord(report));
  return SaveRecordFile(path, kHeader, records);
}

std::vector<CollectedReport> NewestReports(std::vector<CollectedReport> reports, int64_t limit) {
  const size_t keep = limit < 0 ? kMaxRetainedReports
                                : std::min<size_t>(static_cast<size_t>(limit), kMaxRetainedReports);
  if (reports.size() > keep) reports.erase(reports.begin(), reports.end() - keep);
  return reports;
}

}  // namespace edgecwmp::tr181::bulkdata
