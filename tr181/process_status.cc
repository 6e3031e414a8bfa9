// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/process_status.h"

#include <memory>
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

}  // namespace

Status BindProcessStatus(dm::DataModel* model) {
  auto meter = std::make_shared<CpuUsageMeter>();
  model->BindParameter("Device.DeviceInfo.ProcessStatus.CPUUsage",
                       LiveValue([meter](std::string* value) {
                         uint32_t percent = 0;
                         if (!meter->Percent(&percent)) {
                           return Status::Internal("cannot read /proc/stat");
                         }
                         *value = std::to_string(percent);
                         return Status::Ok();
                       }));

  BindListedTable(model, kProcessTable, "Device.DeviceInfo.ProcessStatus.ProcessNumberOfEntries",
                  [](const dm::Context&) { return ListPids(); });

  for (const auto& column : kColumns) {
    dm::ParamBinding binding;
    binding.get = [read = column.read](const dm::Context& ctx, std::string* value) {
      ProcessInfo info;
      const uint32_t pid = ctx.instances.empty() ? 0 : ctx.instances.back();
      if (!ReadProcess(pid, &info)) {
        // The process ended between listing and reading: report the row as a dead process
        // rather than fail the whole GetParameterValues.
        info.pid = pid;
        info.state = 'X';
      }
      *value = read(info);
      return Status::Ok();
    };
    model->BindParameter(std::string(kProcessTable) + column.name, std::move(binding));
  }
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
