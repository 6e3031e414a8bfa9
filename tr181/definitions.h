// SPDX-License-Identifier: GPL-2.0-or-later
// Definitions: where the Device:2 XML definitions (tr181/*.xml, tr181/edgex/*.xml) are found and
// in which order they load. Search order for the directory, first that holds device.xml wins:
//   1. the |dir| argument, when not empty (then the only candidate: a wrong one is "");
//   2. $EDGECWMP_DEFINITIONS_DIR;
//   3. <directory of the running executable>/../share/edgecwmp/tr181 (a relocated install);
//   4. the source tree's tr181/ (compiled in, for build-tree binaries and tests);
//   5. the configured install directory (<prefix>/share/edgecwmp/tr181).
// Load order inside it: device.xml, the other *.xml sorted by name, then edgex/*.xml sorted, so
// every parent object is defined before the files that extend it.
#ifndef EDGECWMP_TR181_DEFINITIONS_H_
#define EDGECWMP_TR181_DEFINITIONS_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "datamodel/schema.h"

namespace edgecwmp::tr181 {

// The directory per the search order above, or "" when none holds device.xml.
std::string DefinitionsDir(const std::string& dir = "");

// The definition files to load, in load order; empty when no directory is found.
std::vector<std::string> DefinitionFiles(const std::string& dir = "");

// Loads every definition file into |schema|. |loaded| (optional) receives the file list.
Status LoadDefinitions(dm::Schema* schema, const std::string& dir = "",
                       std::vector<std::string>* loaded = nullptr);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DEFINITIONS_H_
