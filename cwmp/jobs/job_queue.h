// SPDX-License-Identifier: GPL-2.0-or-later
// JobQueue: the persisted queue that the agent's background jobs — file transfers
// (cwmp/transfers/) and DU changes (cwmp/du/) — live in from the moment they are accepted until
// the ACS has answered the report of their result. One format for both: a record file
// (base/record_file.h: crash-safe, temp file + fsync + rename after every change) whose records
// are {id, the job as one JSON object}. A queue may also read one older format (a device upgraded
// in the field keeps what it owes the ACS); such a file is rewritten in the current format.
// Loading never fails on damage: an undecodable record is dropped and the warning says so.
// Not thread-safe: the owning manager guards it with its lock.
#ifndef EDGECWMP_CWMP_JOBS_JOB_QUEUE_H_
#define EDGECWMP_CWMP_JOBS_JOB_QUEUE_H_

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/record_file.h"
#include "base/status.h"

namespace edgecwmp::cwmp {

// How a queue's jobs are written and read. |Job| has a `uint64_t id` member.
template <typename Job>
struct JobFormat {
  std::string header;  // names the content and version
  std::function<nlohmann::json(const Job&)> to_json;
  std::function<bool(const nlohmann::json&, Job*)> from_json;  // false: undecodable
  // An older format still read: its header, and a reader of its records (none: empty header).
  std::string legacy_header;
  std::function<bool(const Record&, Job*)> from_legacy;
};

// The records of a job file and what loading it found (job_queue.cc; not template code).
struct JobFile {
  std::vector<Record> records;  // as stored; legacy ones when |legacy|
  bool legacy = false;          // the file has |legacy_header|: rewrite it in the current format
  bool damaged = false;         // anything was wrong: rewrite it
  std::string warning;          // human-readable, empty when nothing was wrong
};
Status LoadJobFile(const std::string& path, const std::string& header,
                   const std::string& legacy_header, JobFile* out);
// A current-format record: {id, json}. False when it is not one.
bool SplitJobRecord(const Record& record, uint64_t* id, nlohmann::json* body);
Record JobRecord(uint64_t id, const nlohmann::json& body);

template <typename Job>
class JobQueue {
 public:
  explicit JobQueue(JobFormat<Job> format) : format_(std::move(format)) {}

  // Loads |path|. |recover| sees every job loaded and returns true when it changed it (a job that
  // a crash cut off gets its result); the file is then rewritten. Error only when the file exists
  // but cannot be read, or the rewrite fails.
  Status Open(const std::string& path, const std::function<bool(Job*)>& recover,
              std::string* warning) {
    path_ = path;
    jobs_.clear();
    JobFile file;
    Status s = LoadJobFile(path, format_.header, format_.legacy_header, &file);
    if (!s.ok()) return s;
    bool rewrite = file.legacy || file.damaged;
    size_t undecodable = 0;
    for (const Record& r : file.records) {
      Job job;
      if (!Decode(r, file.legacy, &job)) {
        ++undecodable;
        continue;
      }
      if (recover && recover(&job)) rewrite = true;
      next_id_ = std::max(next_id_, job.id + 1);
      jobs_.push_back(std::move(job));
    }
    if (undecodable != 0) {
      rewrite = true;
      file.warning += (file.warning.empty() ? "" : "; ") + std::to_string(undecodable) +
                      " undecodable record(s) dropped";
    }
    if (warning) *warning = file.warning;
    return rewrite ? Persist() : Status::Ok();
  }

  // Adds |job| with the next id and persists; on failure the queue is as before.
  Status Add(Job job, uint64_t* id = nullptr) {
    job.id = next_id_++;
    if (id) *id = job.id;
    jobs_.push_back(std::move(job));
    Status s = Persist();
    if (!s.ok()) jobs_.pop_back();
    return s;
  }
  // Replaces the job with the same id and persists; NotFound when it is gone.
  Status Update(const Job& job) {
    for (auto& existing : jobs_) {
      if (existing.id != job.id) continue;
      existing = job;
      return Persist();
    }
    return Status::NotFound("job " + std::to_string(job.id) + " is gone");
  }
  Status Remove(uint64_t id) {
    auto it = std::find_if(jobs_.begin(), jobs_.end(), [id](const Job& j) { return j.id == id; });
    if (it == jobs_.end()) return Status::NotFound("no job " + std::to_string(id));
    jobs_.erase(it);
    return Persist();
  }
  Status Wipe() {
    jobs_.clear();
    return Persist();
  }

  const std::vector<Job>& jobs() const { return jobs_; }  // oldest first
  const Job* Find(uint64_t id) const {
    for (const auto& j : jobs_) {
      if (j.id == id) return &j;
    }
    return nullptr;
  }
  size_t size() const { return jobs_.size(); }

 private:
  bool Decode(const Record& r, bool legacy, Job* job) const {
    if (legacy) return format_.from_legacy && format_.from_legacy(r, job);
    nlohmann::json body;
    if (!SplitJobRecord(r, &job->id, &body)) return false;
    try {
      return job->id != 0 && format_.from_json(body, job);
    } catch (const std::exception&) {  // json type errors, an unknown kind
      return false;
    }
  }
  Status Persist() const {
    if (path_.empty()) return Status::Ok();
    std::vector<Record> records;
    records.reserve(jobs_.size());
    for (const Job& j : jobs_) records.push_back(JobRecord(j.id, format_.to_json(j)));
    return SaveRecordFile(path_, format_.header, records);
  }

  JobFormat<Job> format_;
  std::string path_;
  std::vector<Job> jobs_;
  uint64_t next_id_ = 1;
};

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_JOBS_JOB_QUEUE_H_
