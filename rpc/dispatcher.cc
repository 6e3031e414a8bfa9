// SPDX-License-Identifier: GPL-2.0-or-later
#include "rpc/dispatcher.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <type_traits>
#include <utility>
#include <variant>

#include "rpc/faults.h"
#include "rpc/handlers.h"

namespace edgecwmp::rpc {

namespace {

using Handler = cwmp::CpeResponse (*)(const HandlerContext&, const cwmp::AcsRequest&);

// Index of alternative T in cwmp::AcsRequest (compile-time).
template <typename T, size_t I = 0>
constexpr size_t RequestIndex() {
  static_assert(I < std::variant_size_v<cwmp::AcsRequest>, "not an AcsRequest alternative");
  if constexpr (std::is_same_v<T, std::variant_alternative_t<I, cwmp::AcsRequest>>) {
    return I;
  } else {
    return RequestIndex<T, I + 1>();
  }
}

// A method the agent implements itself (rpc/*.cc).
template <typename Req, cwmp::CpeResponse (*F)(const HandlerContext&, const Req&)>
cwmp::CpeResponse Own(const HandlerContext& ctx, const cwmp::AcsRequest& request) {
  return F(ctx, std::get<Req>(request));
}

// A method CpeActions implements (optional methods: transfers, software modules, ...).
template <typename Req, cwmp::CpeResponse (CpeActions::*M)(const Req&)>
cwmp::CpeResponse Delegate(const HandlerContext& ctx, const cwmp::AcsRequest& request) {
  return (ctx.actions.*M)(std::get<Req>(request));
}

struct Method {
  const char* name;  // as on the wire (cwmp::MessageName)
  size_t index;      // alternative of cwmp::AcsRequest
  Handler handle;
  bool optional;     // served only when CpeActions::Supports(name)
};

#define EDGECWMP_OWN(T, F) #T, RequestIndex<cwmp::T>(), &Own<cwmp::T, F>, false
#define EDGECWMP_DELEGATE(T) \
  #T, RequestIndex<cwmp::T>(), &Delegate<cwmp::T, &CpeActions::T>, true

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
    {EDGECWMP_DELEGATE(Download)},
    {EDGECWMP_DELEGATE(Upload)},
    {EDGECWMP_OWN(FactoryReset, HandleFactoryReset)},
    {EDGECWMP_DELEGATE(GetQueuedTransfers)},
    {EDGECWMP_DELEGATE(GetAllQueuedTransfers)},
    {EDGECWMP_OWN(ScheduleInform, HandleScheduleInform)},
    {EDGECWMP_DELEGATE(SetVouchers)},
    {EDGECWMP_DELEGATE(GetOptions)},
    {EDGECWMP_DELEGATE(CancelTransfer)},
    {EDGECWMP_DELEGATE(ScheduleDownload)},
    {EDGECWMP_DELEGATE(ChangeDUState)},
};

#undef EDGECWMP_OWN
#undef EDGECWMP_DELEGATE

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
    : model_(model), actions_(actions), options_(std::move(options)) {}

bool Dispatcher::Serves(const char* method, bool optional) const {
  // GetRPCMethods is required of every CPE (TR-069 A.3.1.1) and cannot be switched off.
  if (std::strcmp(method, "GetRPCMethods") != 0 &&
      std::find(options_.disabled_methods.begin(), options_.disabled_methods.end(), method) !=
          options_.disabled_methods.end()) {
    return false;
  }
  return !optional || actions_->Supports(method);
}

std::vector<std::string> Dispatcher::SupportedMethods() const {
  std::vector<std::string> out;
  for (const Method& m : kMethods) {
    if (Serves(m.name, m.optional)) out.emplace_back(m.name);
  }
  return out;
}

cwmp::CpeResponse Dispatcher::Handle(const cwmp::AcsRequest& request) const {
  const Method* method = FindMethod(request.index());
  if (method == nullptr || !Serves(method->name, method->optional)) {
    return MakeFault(fault::kMethodNotSupported);  // TR-069 A.5.1 9000
  }
  HandlerContext ctx{*model_, *actions_, options_, *this};
  return method->handle(ctx, request);
}

}  // namespace edgecwmp::rpc
