// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/binding_util.h"

#include <cstdlib>
#include <utility>
#include <vector>

namespace edgecwmp::tr181 {

dm::ParamBinding LiveValue(std::function<Status(std::string* value)> read) {
  dm::ParamBinding binding;
  binding.get = [read = std::move(read)](const dm::Context&, std::string* value) {
    return read(value);
  };
  return binding;
}

dm::ParamBinding ConstantValue(std::string value) {
  dm::ParamBinding binding;
  binding.get = [value = std::move(value)](const dm::Context&, std::string* out) {
    *out = value;
    return Status::Ok();
  };
  return binding;
}

Status BindListedTable(dm::DataModel* model, std::string_view table_template,
                       std::string_view count_param, dm::InstanceLister lister) {
  // "X.Y.{i}." → the table path "X.Y." the lister is asked about.
  std::string table(table_template);
  constexpr std::string_view kInstance = "{i}.";
  if (table.size() > kInstance.size() &&
      table.compare(table.size() - kInstance.size(), kInstance.size(), kInstance) == 0) {
    table.resize(table.size() - kInstance.size());
  }
  EDGECWMP_RETURN_IF_ERROR(
      model->BindObject(table_template, dm::ObjectBinding{lister, nullptr, nullptr}));
  return model->BindParameter(count_param, LiveValue([table, lister](std::string* value) {
                                const std::vector<uint32_t> no_instances;
                                const dm::Context ctx{table, no_instances};
                                *value = std::to_string(lister(ctx).size());
                                return Status::Ok();
                              }));
}

std::string TruncateUtf8(std::string text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // Each character starts at a byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      text.resize(i);
      break;
    }
  }
  return text;
}

std::string ReadValue(const dm::DataModel& model, const std::string& path) {
  std::string value;
  if (!model.GetValue(path, &value).ok()) return "";
  return value;
}

uint32_t ReadUnsigned(const dm::DataModel& model, const std::string& path, uint32_t fallback) {
  const std::string v = ReadValue(model, path);
  return v.empty() ? fallback : static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
}

}  // namespace edgecwmp::tr181
