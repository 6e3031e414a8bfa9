// SPDX-License-Identifier: GPL-2.0-or-later
// ParseServiceSpecs: the process supervisor's services from JSON, for the agent's configuration:
//
//   {"services": [{"name": "core-data", "command": ["/usr/bin/core-data", "-cp"],
//                  "env": {"EDGEX_SECURITY_SECRET_STORE": "false"}, "workdir": "/opt/edgex",
//                  "autostart": true, "restart": "on-failure",
//                  "backoff_ms": 1000, "backoff_max_ms": 30000, "stop_timeout_ms": 10000}]}
//
// Only "name" and "command" are required; the rest default as in ServiceSpec. Errors name the
// offending service and field.
#ifndef EDGECWMP_TR181_EDGEX_SERVICE_CONFIG_H_
#define EDGECWMP_TR181_EDGEX_SERVICE_CONFIG_H_

#include <string>
#include <vector>

#include "tr181/edgex/process_executor.h"

namespace edgecwmp::edgex {

Status ParseServiceSpecs(const std::string& json_text, std::vector<ServiceSpec>* out);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_SERVICE_CONFIG_H_
