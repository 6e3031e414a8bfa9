// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/acs_describe.h"

#include <variant>

namespace edgecwmp::acs {

namespace {

using namespace edgecwmp::cwmp;  // NOLINT: the message vocabulary

constexpr size_t kListed = 12;  // list items shown before "... (N more)"

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

std::string More(size_t total) {
  return total > kListed ? "\n      ... (" + std::to_string(total - kListed) + " more)" : "";
}

std::string Names(const std::vector<std::string>& names) {
  std::string out = std::to_string(names.size()) + " name(s)";
  for (size_t i = 0; i < names.size() && i < kListed; ++i) out += "\n      " + names[i];
  return out + More(names.size());
}

std::string Values(const std::vector<ParameterValueStruct>& list) {
  std::string out = std::to_string(list.size()) + " value(s)";
  for (size_t i = 0; i < list.size() && i < kListed; ++i)
    out += "\n      " + list[i].name + " = " + Quote(list[i].value) + " (" + list[i].type + ")";
  return out + More(list.size());
}

std::string Detail(const AcsRequest& r) {
  if (auto* m = std::get_if<GetParameterNames>(&r))
    return "ParameterPath " + Quote(m->parameter_path) + " NextLevel " +
           (m->next_level ? "true" : "false");
  if (auto* m = std::get_if<GetParameterValues>(&r)) return Names(m->parameter_names);
  if (auto* m = std::get_if<GetParameterAttributes>(&r)) return Names(m->parameter_names);
  if (auto* m = std::get_if<SetParameterValues>(&r))
    return "ParameterKey " + Quote(m->parameter_key) + ", " + Values(m->parameter_list);
  if (auto* m = std::get_if<AddObject>(&r)) return Quote(m->object_name);
  if (auto* m = std::get_if<DeleteObject>(&r)) return Quote(m->object_name);
  if (auto* m = std::get_if<Reboot>(&r)) return "CommandKey " + Quote(m->command_key);
  if (auto* m = std::get_if<Download>(&r)) return m->file_type + " from " + m->url;
  if (auto* m = std::get_if<ScheduleInform>(&r))
    return "in " + std::to_string(m->delay_seconds) + " s, CommandKey " + Quote(m->command_key);
  return "";
}

std::string Detail(const CpeResponse& r) {
  if (auto* m = std::get_if<GetParameterNamesResponse>(&r)) {
    std::string out = std::to_string(m->parameter_list.size()) + " name(s)";
    for (size_t i = 0; i < m->parameter_list.size() && i < kListed; ++i)
      out += "\n      " + m->parameter_list[i].name +
             (m->parameter_list[i].writable ? "  (writable)" : "");
    return out + More(m->parameter_list.size());
  }
  if (auto* m = std::get_if<GetParameterValuesResponse>(&r)) return Values(m->parameter_list);
  if (auto* m = std::get_if<SetParameterValuesResponse>(&r))
    return "Status " + std::to_string(m->status);
  if (auto* m = std::get_if<AddObjectResponse>(&r))
    return "InstanceNumber " + std::to_string(m->instance_number) + ", Status " +
           std::to_string(m->status);
  if (auto* m = std::get_if<DeleteObjectResponse>(&r)) return "Status " + std::to_string(m->status);
  if (auto* m = std::get_if<GetRPCMethodsResponse>(&r)) return Names(m->method_list);
  if (auto* m = std::get_if<Fault>(&r)) {
    std::string out = std::to_string(m->fault_code) + " " + Quote(m->fault_string);
    for (const auto& f : m->set_parameter_values_faults)
      out += "\n      " + f.parameter_name + ": " + std::to_string(f.fault_code) + " " +
             Quote(f.fault_string);
    return out;
  }
  return "";
}

std::string Detail(const CpeRequest& r) {
  if (auto* m = std::get_if<TransferComplete>(&r))
    return "CommandKey " + Quote(m->command_key) + ", FaultCode " +
           std::to_string(m->fault.fault_code);
  if (auto* m = std::get_if<AutonomousTransferComplete>(&r)) return m->transfer_url;
  if (auto* m = std::get_if<Inform>(&r)) {
    std::string out;
    for (const auto& e : m->event) out += (out.empty() ? "" : ", ") + e.event_code;
    return "events [" + out + "], " + Values(m->parameter_list);
  }
  return "";
}

template <typename Variant>
std::string Join(const Variant& v) {
  std::string detail = Detail(v);
  return std::string(MessageName(v)) + (detail.empty() ? "" : " " + detail);
}

}  // namespace

std::string Describe(const AcsRequest& request) { return Join(request); }
std::string Describe(const CpeResponse& response) { return Join(response); }
std::string Describe(const CpeRequest& request) { return Join(request); }

}  // namespace edgecwmp::acs
