// SPDX-License-Identifier: GPL-2.0-or-later
// Path syntax (TR-106 3.6 / TR-069 A.2.2.1): names are dot-separated segments, each a name
// ([A-Za-z_][A-Za-z0-9_-]*) or an instance number (1..4294967295, no leading zero); a partial
// path ends in '.', the empty path is the root. Only syntax lives here; the tree resolves names.
#ifndef EDGECWMP_DATAMODEL_PATH_H_
#define EDGECWMP_DATAMODEL_PATH_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace edgecwmp::dm {

bool IsNameSegment(std::string_view segment);
bool ParseInstanceNumber(std::string_view segment, uint32_t* number);

struct SplitResult {
  std::vector<std::string_view> segments;  // views into the input
  bool partial = false;                    // "" or ends in '.'
};

// Splits a concrete path; kInvalidName for empty segments, bad characters or spaces.
Status SplitPath(std::string_view path, SplitResult* out);

// Splits a definition path such as "Device.X.{i}.": must end in '.', segments are names or "{i}".
bool SplitTemplatePath(std::string_view path, std::vector<std::string_view>* segments);

}  // namespace edgecwmp::dm

#endif  // EDGECWMP_DATAMODEL_PATH_H_
