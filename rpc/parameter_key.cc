// SPDX-License-Identifier: GPL-2.0-or-later
// ParameterKey handling shared by SetParameterValues, AddObject and DeleteObject: TR-069 A.3.2.1
// and A.3.2.6/A.3.2.7 say the CPE sets ParameterKey to the argument if and only if the RPC
// completes successfully.
#include <string_view>

#include "datamodel/schema.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

namespace {

// The schema definition of a parameter at a concrete path without instance numbers (the
// ParameterKey lives in a single-instance object), or nullptr.
const dm::ParamDef* FindDef(const dm::Schema& schema, std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  const dm::ObjectDef* object = schema.FindObject(path.substr(0, dot + 1));
  return object == nullptr ? nullptr : object->FindParam(path.substr(dot + 1));
}

// The model's ParameterKey parameter, or nullptr when none is configured or the loaded model
// lacks it (then the key is only length-checked and not stored).
const dm::ParamDef* ParameterKeyDef(const HandlerContext& ctx) {
  if (ctx.options.parameter_key_path.empty()) return nullptr;
  return FindDef(ctx.model.schema(), ctx.options.parameter_key_path);
}

}  // namespace

Status CheckParameterKey(const HandlerContext& ctx, const std::string& key) {
  if (key.size() > kMaxKeyLength) {
    return Status::InvalidArguments("ParameterKey longer than 32 characters");
  }
  const dm::ParamDef* def = ParameterKeyDef(ctx);
  if (def != nullptr) {
    std::string canonical;
    Status s = def->Validate(key, &canonical);
    if (!s.ok()) return Status::InvalidArguments("ParameterKey: " + s.message());
  }
  return Status::Ok();
}

Status StoreParameterKey(const HandlerContext& ctx, const std::string& key) {
  if (ParameterKeyDef(ctx) == nullptr) return Status::Ok();
  return ctx.model.SetValue(ctx.options.parameter_key_path, key, dm::Origin::kInternal);
}

}  // namespace edgecwmp::rpc
