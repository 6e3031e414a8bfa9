// SPDX-License-Identifier: GPL-2.0-or-later
// GetParameterValues (TR-069 A.3.2.2) and SetParameterValues (A.3.2.1).
#include <string_view>
#include <utility>

#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

namespace {

// The type the ACS declared with xsi:type, as a model type to enforce, or none.
// Enforced: a specific non-string type (xsd:boolean for an unsignedInt parameter → 9006).
// Not enforced: xsd:string, a missing or an unknown type. ACSs declare xsd:string when they do not
// know a parameter's type (GenieACS does for parameters it has not read yet), so rejecting
// "xsd:string 300" for an unsignedInt would break ordinary provisioning; the value itself is still
// checked against the parameter's own type, so "xsd:string abc" for an unsignedInt is 9006.
void DeclareType(std::string_view xsi_type, dm::ParameterSet* set) {
  dm::Type type;
  if (ParseXsdType(xsi_type, &type) && type != dm::Type::kString) {
    set->has_type = true;
    set->type = type;
  }
}

// Whether a per-parameter failure says the parameter itself is in error (name, type, value,
// writability, policy), as opposed to the CPE failing (internal error, resources).
bool IsParameterError(Error code) {
  switch (code) {
    case Error::kInvalidName:
    case Error::kNotFound:
    case Error::kInvalidType:
    case Error::kInvalidValue:
    case Error::kNotWritable:
    case Error::kRequestDenied:
      return true;
    default:
      return false;
  }
}

cwmp::Fault SetParameterValuesFault(const Status& status,
                                    const std::vector<dm::ParameterFault>& faults) {
  // A.3.2.1 / A.5.1: a fault caused by parameters in error is 9003 "Invalid arguments" with one
  // SetParameterValuesFault (name, code, string) per parameter in error. A failure of the CPE
  // itself (9002, or 9004 which A.5.1 forbids for parameters in error) is reported on its own.
  cwmp::Fault result = MakeFault(fault::kInvalidArguments);
  for (const dm::ParameterFault& f : faults) {
    if (!IsParameterError(f.status.code())) continue;
    uint32_t code = FaultCodeFor(f.status);
    result.set_parameter_values_faults.push_back({f.name, code, FaultString(code)});
  }
  if (result.set_parameter_values_faults.empty()) {
    return FaultFromStatus(faults.empty() ? status : faults.front().status);
  }
  return result;
}

}  // namespace

cwmp::CpeResponse HandleGetParameterValues(const HandlerContext& ctx,
                                           const cwmp::GetParameterValues& request) {
  const size_t limit = ctx.options.max_get_values_entries;
  cwmp::GetParameterValuesResponse response;
  std::vector<dm::ParameterValue> values;
  for (const std::string& name : request.parameter_names) {
    values.clear();
    // A full name or a partial path ("" = the whole tree); one bad name faults the whole RPC
    // (A.3.2.2: 9005). Secret parameters come back as "" (the model's job, A.3.2.2).
    Status s = ctx.model.GetValues(name, &values);
    if (!s.ok()) return FaultFromStatus(s);
    if (limit != 0 && response.parameter_list.size() + values.size() > limit) {
      return MakeFault(fault::kResourcesExceeded);
    }
    for (dm::ParameterValue& v : values) {
      response.parameter_list.push_back({std::move(v.name), std::move(v.value), XsdType(v.type)});
    }
  }
  return response;
}

cwmp::CpeResponse HandleSetParameterValues(const HandlerContext& ctx,
                                           const cwmp::SetParameterValues& request) {
  Status key = CheckParameterKey(ctx, request.parameter_key);
  if (!key.ok()) return FaultFromStatus(key);

  std::vector<dm::ParameterSet> sets;
  sets.reserve(request.parameter_list.size());
  for (const cwmp::ParameterValueStruct& p : request.parameter_list) {
    dm::ParameterSet set;
    set.name = p.name;
    set.value = p.value;
    DeclareType(p.type, &set);
    sets.push_back(std::move(set));
  }

  // A.3.2.1: all or nothing; the model validates every entry before committing any, and refuses
  // a name listed twice (9003).
  std::vector<dm::ParameterFault> faults;
  dm::Applied applied = dm::Applied::kNow;
  Status s = ctx.model.SetValues(sets, dm::Origin::kAcs, &faults, &applied);
  if (!s.ok()) return SetParameterValuesFault(s, faults);

  // ParameterKey changes if and only if the set succeeded (A.3.2.1). It is not ACS-writable, so
  // it is stored with internal origin right after the commit (one transaction would need a
  // per-entry origin in dm::ParameterSet). The key was validated up front, so only storage can
  // fail here, and the order fails safe: values applied with the old key make the ACS re-send
  // its (idempotent) configuration; a new key without the values could not happen.
  Status stored = StoreParameterKey(ctx, request.parameter_key);
  if (!stored.ok()) return MakeFault(fault::kInternalError);

  cwmp::SetParameterValuesResponse response;
  response.status = applied == dm::Applied::kLater ? 1 : 0;  // A.3.2.1 Status
  return response;
}

}  // namespace edgecwmp::rpc
