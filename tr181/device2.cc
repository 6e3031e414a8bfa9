// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/device2.h"

#include <map>
#include <sstream>
#include <vector>

#include "tr181/binding_util.h"
#include "tr181/device_time.h"
#include "tr181/management_server.h"
#include "tr181/process_status.h"
#include "tr181/vendor.h"
#include "tr181/xmpp.h"

namespace edgecwmp::tr181 {
namespace {

// "Device.DeviceInfo.ProcessStatus.Process.{i}." → "Device.DeviceInfo."; "Device." → "Device.".
std::string TopLevel(const std::string& path) {
  const size_t first = path.find('.');
  const size_t second = first == std::string::npos ? first : path.find('.', first + 1);
  return second == std::string::npos ? path : path.substr(0, second + 1);
}

struct Counts {
  size_t objects = 0;
  size_t tables = 0;
  size_t params = 0;
  size_t writable = 0;
  size_t forced = 0;
  size_t secret = 0;
};

}  // namespace

Status RegisterDevice2(dm::DataModel* model, const DeviceIdentity& identity) {
  DeviceIdentity resolved;
  Status status = ResolveIdentity(identity, &resolved);
  if (!status.ok()) return status;
  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter("Device.RootDataModelVersion", ConstantValue(kRootDataModelVersion)));
  using Binder = Status (*)(dm::DataModel*);
  status = BindDeviceInfo(model, resolved);
  for (Binder bind : {&BindProcessStatus, &BindManagementServer, &BindTime, &BindXmpp}) {
    if (!status.ok()) return status;
    status = bind(model);
  }
  return status;
}

std::string ModelSummary(const dm::DataModel& model) {
  const dm::Schema& schema = model.schema();
  Counts total;
  std::map<std::string, Counts> per_top;  // sorted by path for a stable print
  for (const dm::ObjectDef* object : schema.objects()) {
    Counts& top = per_top[TopLevel(object->path)];
    for (Counts* c : {&total, &top}) {
      ++c->objects;
      c->tables += object->multi_instance ? 1 : 0;
      for (const dm::ParamDef& param : object->params) {
        ++c->params;
        c->writable += param.writable ? 1 : 0;
        c->forced += param.forced_inform ? 1 : 0;
        c->secret += param.secret ? 1 : 0;
      }
    }
  }
  std::string version;
  if (!model.GetValue("Device.RootDataModelVersion", &version).ok()) version = "?";

  std::ostringstream out;
  out << "Device:2 data model, RootDataModelVersion " << version << "\n"
      << "  definitions: " << total.objects << " objects (" << total.tables << " multi-instance), "
      << total.params << " parameters (" << total.writable << " writable, " << total.forced
      << " forced inform, " << total.secret << " secret)\n"
      << "  live tree:   " << model.parameter_count() << " parameters\n";
  for (const auto& [path, counts] : per_top) {
    size_t live = 0;
    std::vector<dm::ParameterInfo> names;
    // The root's own line counts its own parameters only, not the whole tree below it.
    const bool root = schema.root() != nullptr && path == schema.root()->path;
    if (model.GetNames(path, /*next_level=*/root, &names).ok()) {
      for (const dm::ParameterInfo& info : names) live += info.name.back() != '.' ? 1 : 0;
    }
    out << "  " << path << ": " << counts.objects << " objects, " << counts.params
        << " parameter definitions, " << live << " live parameters\n";
  }
  return out.str();
}

}  // namespace edgecwmp::tr181
