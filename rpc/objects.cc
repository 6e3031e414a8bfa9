// SPDX-License-Identifier: GPL-2.0-or-later
// AddObject (TR-069 A.3.2.6) and DeleteObject (A.3.2.7).
#include <string>
#include <string_view>

#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

namespace {

bool EndsWithDot(std::string_view path) { return !path.empty() && path.back() == '.'; }

// "X.Y.<n>." with a decimal instance number (alias-based addressing is not offered).
bool IsInstancePath(std::string_view path) {
  if (!EndsWithDot(path)) return false;
  path.remove_suffix(1);
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == path.size()) return false;
  for (char c : path.substr(dot + 1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A.3.2.6 / A.3.2.7 allow only 9001–9005 (and 9004 for AddObject). A table the ACS may not
// add to or delete from is not a valid ObjectName for these methods: 9005, not 9008 (9008 is
// SetParameterValues' "non-writable parameter").
cwmp::Fault ObjectFault(const Status& s) {
  if (s.code() == Error::kNotWritable) return MakeFault(fault::kInvalidParameterName);
  return FaultFromStatus(s);
}

}  // namespace

cwmp::CpeResponse HandleAddObject(const HandlerContext& ctx, const cwmp::AddObject& request) {
  Status key = CheckParameterKey(ctx, request.parameter_key);
  if (!key.ok()) return FaultFromStatus(key);
  // A.3.2.6: ObjectName is the table's path and MUST end with a dot.
  if (!EndsWithDot(request.object_name)) return MakeFault(fault::kInvalidParameterName);

  uint32_t instance = 0;
  dm::Applied applied = dm::Applied::kNow;
  Status s = ctx.model.AddObject(request.object_name, dm::Origin::kAcs, &instance, &applied);
  if (!s.ok()) return ObjectFault(s);

  // ParameterKey only on success (A.3.2.6). Should storing it fail, the add is undone so the
  // fault leaves the model as it was (the instance number stays consumed, as after any delete).
  if (!StoreParameterKey(ctx, request.parameter_key).ok()) {
    dm::Applied ignored;
    // Best effort: 9002 goes to the ACS either way, and a row that cannot be removed is no worse
    // than one whose ParameterKey did not follow (the ACS re-reads the table after a fault).
    (void)ctx.model.DeleteObject(request.object_name + std::to_string(instance) + ".",
                                 dm::Origin::kInternal, &ignored);
    return MakeFault(fault::kInternalError);
  }

  cwmp::AddObjectResponse response;
  response.instance_number = instance;
  response.status = applied == dm::Applied::kLater ? 1 : 0;
  return response;
}

cwmp::CpeResponse HandleDeleteObject(const HandlerContext& ctx, const cwmp::DeleteObject& request) {
  Status key = CheckParameterKey(ctx, request.parameter_key);
  if (!key.ok()) return FaultFromStatus(key);
  // A.3.2.7: ObjectName is one instance's path and MUST end with a dot.
  if (!IsInstancePath(request.object_name)) return MakeFault(fault::kInvalidParameterName);

  dm::Applied applied = dm::Applied::kNow;
  Status s = ctx.model.DeleteObject(request.object_name, dm::Origin::kAcs, &applied);
  if (!s.ok()) return ObjectFault(s);

  // ParameterKey only on success (A.3.2.7); a deletion cannot be undone, so a failure here is
  // reported as an internal error after the fact.
  if (!StoreParameterKey(ctx, request.parameter_key).ok()) {
    return MakeFault(fault::kInternalError);
  }

  cwmp::DeleteObjectResponse response;
  response.status = applied == dm::Applied::kLater ? 1 : 0;
  return response;
}

}  // namespace edgecwmp::rpc
