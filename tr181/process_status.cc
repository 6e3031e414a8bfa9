// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/process_status.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "tr181/binding_util.h"
#include "tr181/proc_reader.h"

namespace edgecwmp::tr181 {
namespace {

constexpr const char* kProcessTable = "Device.DeviceInfo.ProcessStatus.Process.{i}.";

using ProcessField = std::string (*)(const ProcessInfo&);

// One row per column of Process.{i}.: the parameter and how it reads from ProcessInfo.
const struct {
  const char* name;
  ProcessField read;
} kColumns[] = {
    {"PID", [](const ProcessInfo& p) { return std::to_string(p.pid); }},
    {"Command", [](const ProcessInfo& p) { return p.command; }},
    {"Size",
     [](const ProcessInfo& p) {
       return std::to_string(p.size_kib > UINT32_MAX ? UINT32_MAX : p.size_kib);
     }},
    {"Priority", [](const ProcessInfo& p) { return std::to_string(p.priority); }},
    {"CPUTime",
     [](const ProcessInfo& p) {
       return std::to_string(p.cpu_time_ms > UINT32_MAX ? UINT32_MAX : p.cpu_time_ms);
     }},
    {"State", [](const ProcessInfo& p) { return std::string(ProcessStateName(p.state)); }},
};

// GetParameterValues reads a row's columns one after the other (row by row), and each column
// wants the same /proc reading: the last one is reused for a moment instead of read six times.
class LastRow {
 public:
  ProcessInfo Read(uint32_t pid) {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (valid_ && info_.pid == pid && now - read_at_ < std::chrono::milliseconds(500)) return info_;
    if (!ReadProcess(pid, &info_)) {
      // The process ended between listing and reading: report the row as a dead process
      // rather than fail the whole GetParameterValues.
      info_ = ProcessInfo();
      info_.pid = pid;
      info_.state = 'X';
    }
    valid_ = true;
    read_at_ = now;
    return info_;
  }

 private:
  std::mutex mu_;
  bool valid_ = false;
  ProcessInfo info_;
  std::chrono::steady_clock::time_point read_at_;
};

}  // namespace

Status BindProcessStatus(dm::DataModel* model) {
  auto meter = std::make_shared<CpuUsageMeter>();
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
      "Device.DeviceInfo.ProcessStatus.CPUUsage", LiveValue([meter](std::string* value) {
        uint32_t percent = 0;
        if (!meter->Percent(&percent)) {
          return Status::Internal("cannot read /proc/stat");
        }
        *value = std::to_string(percent);
        return Status::Ok();
      })));

  EDGECWMP_RETURN_IF_ERROR(BindListedTable(model, kProcessTable,
                                           "Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries",
                                           [](const dm::Context&) { return ListPids(); }));

  auto last_row = std::make_shared<LastRow>();
  for (const auto& column : kColumns) {
    dm::ParamBinding binding;
    binding.get = [read = column.read, last_row](const dm::Context& ctx, std::string* value) {
      *value = read(last_row->Read(ctx.instances.empty() ? 0 : ctx.instances.back()));
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(
        model->BindParameter(std::string(kProcessTable) + column.name, std::move(binding)));
  }
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
