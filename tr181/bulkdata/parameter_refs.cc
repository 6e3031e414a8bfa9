// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/parameter_refs.h"

#include <algorithm>
#include <set>

#include "datamodel/path.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

// A reference split into its segments, with where it may start being read from the model.
struct Pattern {
  std::vector<std::string> segments;
  bool object = false;  // ends in '.': everything below matches
  std::string root;     // the longest wildcard-free object path to read ("X.Y.")

  explicit Pattern(const std::string& reference)
      : segments(NameSegments(reference)), object(!reference.empty() && reference.back() == '.') {
    const size_t star = std::find(segments.begin(), segments.end(), "*") - segments.begin();
    const size_t fixed = star < segments.size() ? star : (object ? segments.size() : 0);
    for (size_t i = 0; i < fixed; ++i) root += segments[i] + ".";
  }

  // True when |path| matches; *suffix then holds the instance numbers the "*" matched and, for
  // an object, the path below it, each segment preceded by '.'.
  bool Match(const std::string& path, std::string* suffix) const {
    const std::vector<std::string> got = NameSegments(path);
    if (object ? got.size() <= segments.size() : got.size() != segments.size()) return false;
    suffix->clear();
    for (size_t i = 0; i < segments.size(); ++i) {
      uint32_t instance = 0;
      if (segments[i] == "*") {
        if (!dm::ParseInstanceNumber(got[i], &instance)) return false;
        *suffix += "." + got[i];
      } else if (segments[i] != got[i]) {
        return false;
      }
    }
    for (size_t i = segments.size(); i < got.size(); ++i) *suffix += "." + got[i];
    return true;
  }
};

struct Selected {
  std::string path;
  ReportItem item;
};

// Every parameter |ref| selects, with its path and its name in the report.
std::vector<Selected> Resolve(const dm::DataModel& model, const ParameterRef& ref) {
  std::vector<Selected> selected;
  const Pattern pattern(ref.reference);
  std::vector<dm::ParameterValue> values;
  // A plain parameter path is read alone; anything else from its wildcard-free root.
  const std::string read = pattern.root.empty() ? ref.reference : pattern.root;
  if (!model.GetValues(read, &values).ok()) return selected;
  for (dm::ParameterValue& v : values) {
    std::string suffix;
    if (!pattern.Match(v.name, &suffix)) continue;
    std::string name = ref.name.empty() ? v.name : ref.name + suffix;
    selected.push_back(Selected{v.name, ReportItem{std::move(name), std::move(v.value), v.type}});
  }
  return selected;
}

}  // namespace

Status CheckReference(std::string_view reference) {
  if (reference.empty()) return Status::Ok();
  const std::vector<std::string> segments = NameSegments(reference);
  bool ok = reference.rfind("Device.", 0) == 0 && reference.find("..") == std::string::npos;
  for (size_t i = 0; ok && i < segments.size(); ++i) {
    uint32_t instance = 0;
    ok = segments[i] == "*"
             ? i >= 2
             : dm::IsNameSegment(segments[i]) || dm::ParseInstanceNumber(segments[i], &instance);
  }
  if (ok) return Status::Ok();
  return Status::InvalidValue("a BulkData Reference is a Device. path, \"*\" for instances");
}

std::vector<ReportItem> CollectParameters(const dm::DataModel& model,
                                          const std::vector<ParameterRef>& refs) {
  std::set<std::string> skip;  // excluded, then also already reported
  for (const ParameterRef& ref : refs) {
    if (!ref.exclude || ref.reference.empty()) continue;
    for (const Selected& s : Resolve(model, ref)) skip.insert(s.path);
  }
  std::vector<ReportItem> items;
  for (const ParameterRef& ref : refs) {
    if (ref.exclude || ref.reference.empty()) continue;
    for (Selected& s : Resolve(model, ref)) {
      if (skip.insert(s.path).second) items.push_back(std::move(s.item));
    }
  }
  return items;
}

}  // namespace edgecwmp::tr181::bulkdata
