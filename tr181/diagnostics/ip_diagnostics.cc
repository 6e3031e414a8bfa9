// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/ip_diagnostics.h"

#include <string>

#include "tr181/diagnostics/ip_ping.h"

namespace edgecwmp::tr181 {
namespace {

// "Device.IP.Interface.1" or "Device.IP.Interface.1." → the kernel name in its Name parameter.
bool InterfaceName(const dm::DataModel& model, std::string reference, std::string* name) {
  if (!reference.empty() && reference.back() == '.') reference.pop_back();
  return model.GetValue(reference + ".Name", name).ok() && !name->empty();
}

}  // namespace

Status RegisterIpDiagnostics(dm::DataModel* model, Diagnostics* diagnostics) {
  auto check_interface = [model](const dm::Context&, const std::string& value) {
    std::string name;
    if (value.empty() || InterfaceName(*model, value, &name)) return Status::Ok();
    return Status::InvalidValue(value + " is not an interface of this device");
  };
  auto device_of = [model](const std::string& reference) {
    std::string name;
    return reference.empty() || !InterfaceName(*model, reference, &name) ? std::string() : name;
  };
  DiagnosticSpec ping;
  ping.object = "Device.IP.Diagnostics.IPPing.";
  ping.run = IpPingRun(device_of);
  ping.validators["Interface"] = check_interface;
  return diagnostics->Register(model, std::move(ping));
}

}  // namespace edgecwmp::tr181
