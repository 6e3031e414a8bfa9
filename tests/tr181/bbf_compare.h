// SPDX-License-Identifier: GPL-2.0-or-later
// BbfModel: the facts of the Broadband Forum's TR-181 CWMP XML that the project's definitions
// must agree with (shape, access, base type, lengths, ranges, enumerations, inform and notify
// flags, hidden values), and CompareWithBbf, which lists every disagreement of a loaded Schema.
#ifndef EDGECWMP_TESTS_TR181_BBF_COMPARE_H_
#define EDGECWMP_TESTS_TR181_BBF_COMPARE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "datamodel/schema.h"

namespace edgecwmp::tr181::testing {

struct BbfParam {
  std::string type;         // base type after resolving dataType references, e.g. "unsignedInt"
  std::string access;       // readOnly | readWrite | writeOnceReadOnly
  uint32_t max_length = 0;  // 0 = none (for lists: the whole list's length)
  bool list = false;
  bool forced_inform = false;
  std::string active_notify;  // "" (normal) | canDeny | forceEnabled | forceDefaultEnabled
  bool hidden = false;        // hidden or secured: read back as ""
  std::vector<std::string> enumeration;
  std::vector<std::pair<int64_t, int64_t>> ranges;  // inclusive; empty = the type's range
};

struct BbfObject {
  std::string access;
  bool multi_instance = false;
  std::map<std::string, BbfParam> params;
};

class BbfModel {
 public:
  // |model_xml| is tr-181-2-17-0-cwmp-full.xml, |types_xml| tr-106-types.xml. "" on success,
  // else what went wrong.
  std::string Load(const std::string& model_xml, const std::string& types_xml);
  const BbfObject* Find(const std::string& path) const;
  size_t object_count() const { return objects_.size(); }

 private:
  std::map<std::string, BbfObject> objects_;
};

// Every standard (non-X_) object and parameter of |schema| checked against |bbf|; each element
// names the path and the disagreement. Empty = the definitions agree.
std::vector<std::string> CompareWithBbf(const dm::Schema& schema, const BbfModel& bbf);

}  // namespace edgecwmp::tr181::testing

#endif  // EDGECWMP_TESTS_TR181_BBF_COMPARE_H_
