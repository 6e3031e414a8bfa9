// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes parameter path parsing (datamodel/path.h) and what the RPCs do with an ACS-given path on
// the real TR-181 model: GetParameterValues / GetParameterNames / GetParameterAttributes, and
// SetParameterValues with a value (which goes through the type parsers). Input: the path, then
// optionally '\n' and a value. A path SplitPath accepts must consist of valid segments.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "datamodel/datamodel.h"
#include "datamodel/path.h"
#include "datamodel/schema.h"
#include "tr181/definitions.h"

namespace {

namespace dm = edgecwmp::dm;

void CheckSplit(std::string_view path) {
  dm::SplitResult split;
  if (!dm::SplitPath(path, &split).ok()) return;
  for (std::string_view segment : split.segments) {
    uint32_t number = 0;
    if (!dm::IsNameSegment(segment) && !dm::ParseInstanceNumber(segment, &number)) std::abort();
  }
  std::vector<std::string_view> template_segments;
  dm::SplitTemplatePath(path, &template_segments);
}

dm::DataModel& Model() {
  static dm::Schema* schema = [] {
    auto* s = new dm::Schema;
    if (!edgecwmp::tr181::LoadDefinitions(s).ok()) std::abort();
    return s;
  }();
  static dm::DataModel* model = [] {
    auto* m = new dm::DataModel(schema, nullptr);
    m->SetWarningSink([](const std::string&) {});
    if (!m->Load().ok()) std::abort();
    return m;
  }();
  return *model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string path(input.substr(0, newline));
  CheckSplit(path);

  dm::DataModel& model = Model();
  std::vector<dm::ParameterValue> values;
  model.GetValues(path, &values);
  std::vector<dm::ParameterInfo> names;
  model.GetNames(path, true, &names);
  model.GetNames(path, false, &names);
  std::vector<dm::ParameterAttributes> attributes;
  model.GetAttributes(path, &attributes);
  if (newline != std::string_view::npos) {
    std::vector<dm::ParameterSet> sets{{path, std::string(input.substr(newline + 1))}};
    std::vector<dm::ParameterFault> faults;
    dm::Applied applied;
    model.SetValues(sets, dm::Origin::kAcs, &faults, &applied);
  }
  return 0;
}
