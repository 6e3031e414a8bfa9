// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/jobs/job_queue.h"

#include <cstdlib>
#include <fstream>

namespace edgecwmp::cwmp {

Status LoadJobFile(const std::string& path, const std::string& header,
                   const std::string& legacy_header, JobFile* out) {
  *out = JobFile();
  std::string first_line;
  {
    std::ifstream in(path);
    std::getline(in, first_line);
  }
  out->legacy = !legacy_header.empty() && first_line == legacy_header;
  DecodedRecords decoded;
  std::string note;
  Status s = LoadRecordFile(path, out->legacy ? legacy_header : header, &decoded, &note);
  if (!s.ok()) return s;
  out->records = std::move(decoded.records);
  out->damaged = decoded.damaged;
  out->warning = note;
  if (decoded.damaged) out->warning += (out->warning.empty() ? "" : "; ") + decoded.problems;
  return Status::Ok();
}

bool SplitJobRecord(const Record& record, uint64_t* id, nlohmann::json* body) {
  if (record.size() != 2 || record[0].empty()) return false;
  char* end = nullptr;
  *id = std::strtoull(record[0].c_str(), &end, 10);
  if (*end != '\0') return false;
  *body = nlohmann::json::parse(record[1], nullptr, /*allow_exceptions=*/false);
  return body->is_object();
}

Record JobRecord(uint64_t id, const nlohmann::json& body) {
  // A string from an older file or an ACS may hold bytes that are not UTF-8; dump() would throw
  // (and a throw while opening the queue would stop the agent at every start). Such bytes are
  // written as U+FFFD instead: the job is kept, the odd character is not.
  return {std::to_string(id), body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

}  // namespace edgecwmp::cwmp
