// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzzes the parser of EdgeX service definitions, the JSON documents an ACS installs services
// from (tr181/edgex/service_definition.h): any body gives a definition or fault 9018 with a reason.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tr181/edgex/service_definition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  edgecwmp::edgex::ServiceDefinition definition;
  edgecwmp::Status s = edgecwmp::edgex::ParseServiceDefinition(body, &definition);
  if (!s.ok() && (s.fault_code() != 9018 || s.message().empty())) std::abort();
  return 0;
}
