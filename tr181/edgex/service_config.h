// SPDX-License-Identifier: GPL-2.0-or-later
// ParseServiceSpecs: the process supervisor's services from JSON, for the agent's configuration:
//
//   {"services": [{"name": "core-data", "command": ["/usr/bin/core-data", "-cp"],
//                  "env": {"EDGEX_SECURITY_SECRET_STORE": "false"}, "workdir": "/opt/edgex",
//                  "autostart": true, "restart": "on-failure",
//                  "backoff_ms": 1000, "backoff_max_ms": 30000, "stop_timeout_ms": 10000,
//                  "url": "http://127.0.0.1:59880"}]}
//
// Only "name" and "command" are required; the rest default as in ServiceSpec. "url" (the
// service's REST base URL) is not the supervisor's business: it is read, and must be a string,
// only when |urls| is given, which receives it by service name. Errors name the offending service
// and field.
#ifndef EDGECWMP_TR181_EDGEX_SERVICE_CONFIG_H_
#define EDGECWMP_TR181_EDGEX_SERVICE_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tr181/edgex/process_executor.h"

namespace edgecwmp::edgex {

Status ParseServiceSpecs(const std::string& json_text, std::vector<ServiceSpec>* out,
                         std::map<std::string, std::string>* urls = nullptr);
// The same from a parsed document.
Status ParseServiceSpecsJson(const nlohmann::json& doc, std::vector<ServiceSpec>* out,
                             std::map<std::string, std::string>* urls = nullptr);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_SERVICE_CONFIG_H_
