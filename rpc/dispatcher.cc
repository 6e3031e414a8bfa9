// SPDX-License-Identifier: GPL-2.0-or-later
#include "rpc/dispatcher.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <utility>

#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

namespace {

using OwnHandler = cwmp::CpeResponse (*)(const HandlerContext&, const cwmp::AcsRequest&);

// A method the agent implements itself (rpc/*.cc).
template <typename Req, cwmp::CpeResponse (*F)(const HandlerContext&, const Req&)>
cwmp::CpeResponse Own(const HandlerContext& ctx, const cwmp::AcsRequest& request) {
  return F(ctx, std::get<Req>(request));
}

struct Method {
  const char* name;   // as on the wire (cwmp::MessageName)
  size_t index;       // alternative of cwmp::AcsRequest
  OwnHandler handle;  // nullptr: optional, served by the handler given to Dispatcher::Serve
};

#define EDGECWMP_OWN(T, F) #T, RequestIndex < cwmp::T>(), &Own < cwmp::T, F>
#define EDGECWMP_OPTIONAL(T) #T, RequestIndex < cwmp::T>(), nullptr

// Every ACS→CPE method of TR-069 Amendment 6 (A.3.1, A.3.2, A.4.1), in GetRPCMethods order.
constexpr Method kMethods[] = {
    {EDGECWMP_OWN(GetRPCMethods, HandleGetRPCMethods)},
    {EDGECWMP_OWN(SetParameterValues, HandleSetParameterValues)},
    {EDGECWMP_OWN(GetParameterValues, HandleGetParameterValues)},
    {EDGECWMP_OWN(GetParameterNames, HandleGetParameterNames)},
    {EDGECWMP_OWN(SetParameterAttributes, HandleSetParameterAttributes)},
    {EDGECWMP_OWN(GetParameterAttributes, HandleGetParameterAttributes)},
    {EDGECWMP_OWN(AddObject, HandleAddObject)},
    {EDGECWMP_OWN(DeleteObject, HandleDeleteObject)},
    {EDGECWMP_OWN(Reboot, HandleReboot)},
    {EDGECWMP_OPTIONAL(Download)},
    {EDGECWMP_OPTIONAL(Upload)},
    {EDGECWMP_OWN(FactoryReset, HandleFactoryReset)},
    {EDGECWMP_OPTIONAL(GetQueuedTransfers)},
    {EDGECWMP_OPTIONAL(GetAllQueuedTransfers)},
    {EDGECWMP_OWN(ScheduleInform, HandleScheduleInform)},
    {EDGECWMP_OPTIONAL(SetVouchers)},
    {EDGECWMP_OPTIONAL(GetOptions)},
    {EDGECWMP_OPTIONAL(CancelTransfer)},
    {EDGECWMP_OPTIONAL(ScheduleDownload)},
    {EDGECWMP_OPTIONAL(ChangeDUState)},
};

#undef EDGECWMP_OWN
#undef EDGECWMP_OPTIONAL

static_assert(std::size(kMethods) == std::variant_size_v<cwmp::AcsRequest>,
              "every AcsRequest alternative needs a row in kMethods");

const Method* FindMethod(size_t index) {
  for (const Method& m : kMethods) {
    if (m.index == index) return &m;
  }
  return nullptr;
}

}  // namespace

Dispatcher::Dispatcher(dm::DataModel* model, CpeActions* actions, Options options)
    : model_(model),
      actions_(actions),
      options_(std::move(options)),
      optional_(std::variant_size_v<cwmp::AcsRequest>) {}

Status Dispatcher::ServeAt(size_t request_index, Handler handler) {
  const Method* method = FindMethod(request_index);
  if (method == nullptr || method->handle != nullptr) {
    return Status::InvalidArguments(std::string(method ? method->name : "?") +
                                    " is not an optional method");
  }
  optional_[request_index] = std::move(handler);
  return Status::Ok();
}

bool Dispatcher::Serves(const char* method, size_t request_index) const {
  // GetRPCMethods is required of every CPE (TR-069 A.3.1.1) and cannot be switched off.
  if (std::strcmp(method, "GetRPCMethods") != 0 &&
      std::find(options_.disabled_methods.begin(), options_.disabled_methods.end(), method) !=
          options_.disabled_methods.end()) {
    return false;
  }
  return FindMethod(request_index)->handle != nullptr ||
         static_cast<bool>(optional_[request_index]);
}

std::vector<std::string> Dispatcher::SupportedMethods() const {
  std::vector<std::string> out;
  for (const Method& m : kMethods) {
    if (Serves(m.name, m.index)) out.emplace_back(m.name);
  }
  return out;
}

cwmp::CpeResponse Dispatcher::Handle(const cwmp::AcsRequest& request) const {
  const Method* method = FindMethod(request.index());
  if (method == nullptr || !Serves(method->name, method->index)) {
    return MakeFault(fault::kMethodNotSupported);  // TR-069 A.5.1 9000
  }
  if (method->handle == nullptr) return optional_[method->index](request);
  HandlerContext ctx{*model_, *actions_, options_, *this};
  return method->handle(ctx, request);
}

}  // namespace edgecwmp::rpc
