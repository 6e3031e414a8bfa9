// SPDX-License-Identifier: GPL-2.0-or-later
// Session scripts for the test ACS in a small line-based text form (test-acs --script FILE), and
// the demo script scripts/run shows. One command per line, '#' starts a comment, "..." quotes:
//
//   session                          start the script of the next session (implicit at the top)
//   discover [PATH]                  GetParameterNames(PATH, NextLevel 0) + GetParameterValues
//   gpn PATH [0|1]                   GetParameterNames
//   gpv NAME...                      GetParameterValues (split into chunks of 32)
//   spv NAME TYPE VALUE [...] [key=K]  SetParameterValues, TYPE like xsd:unsignedInt
//   gpa NAME...                      GetParameterAttributes
//   spa NAME NOTIFICATION            SetParameterAttributes (NotificationChange true)
//   add OBJECT. [KEY]                AddObject        delete OBJECT.N. [KEY]  DeleteObject
//   add-discovered [KEY]             AddObject on the first writable table discovery found
//   reboot [KEY]   factoryreset   getrpcmethods   scheduleinform DELAY [KEY]
//   download URL "FILETYPE" [SIZE]   Download as GenieACS sends it (empty credentials)
#ifndef EDGECWMP_TESTS_ACS_ACS_SCRIPT_H_
#define EDGECWMP_TESTS_ACS_ACS_SCRIPT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "tests/acs/test_acs.h"

namespace edgecwmp::acs {

// Parses `text` into one script per session. Errors name the line.
Status ParseScript(const std::string& text, std::vector<SessionScript>* out);

// The demo of scripts/run: discovery from "" (GetParameterNames + GetParameterValues),
// SetParameterValues of Device.DeviceInfo.ProvisioningCode, AddObject on a writable table the
// discovery found, then 204.
SessionScript DemoScript();
// scripts/run's second session: GetParameterValues of Device.X_EDGECWMP_EdgeX. (the demo's
// EdgeX devices, device services, profiles and telemetry).
SessionScript DemoEdgexScript();

// AddObject on the first writable multi-instance object among the names the session's
// GetParameterNamesResponses returned (a writable object whose parent has <Name>NumberOfEntries,
// or that already has numbered instances); nullopt when there is none.
RequestGenerator AddObjectOnDiscoveredTable(std::string parameter_key = "");
std::optional<std::string> FindWritableTable(const std::map<std::string, bool>& names);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_ACS_SCRIPT_H_
