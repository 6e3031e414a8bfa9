// SPDX-License-Identifier: GPL-2.0-or-later
// ParseTelemetryMessage: one EdgeX telemetry message, as EdgeX 3.x/4.x services publish it on the
// message bus (ADR 0006 "Metrics Collection"; go-mod-core-contracts dtos.Metric): the topic is
// <prefix>/<service>/<metric> and the payload a Metric,
//   {"apiVersion": "v3", "name": "EventsPersisted",
//    "fields": [{"name": "counter-count", "value": 7}],
//    "tags": [{"name": "service", "value": "core-data"}], "timestamp": <ns since 1970>}
// either bare or inside the message bus's MessageEnvelope ({"apiVersion", "correlationID",
// "contentType": "application/json", "payload": the Metric as JSON, or its bytes in base64 as
// EdgeX 3.0 and EDGEX_MSG_BASE64_PAYLOAD=true send it}). A message of any other shape is
// InvalidArguments with the reason, so that the caller can ignore it and keep everything else.
#ifndef EDGECWMP_TR181_EDGEX_TELEMETRY_METRIC_H_
#define EDGECWMP_TR181_EDGEX_TELEMETRY_METRIC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace edgecwmp::edgex {

struct TelemetryMetric {
  std::string service;  // from the topic
  std::string name;     // the Metric's name (the topic's last level)
  // name → value as text: integers exactly, other numbers with up to 15 significant digits,
  // booleans true/false, strings as sent. In the order sent.
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::pair<std::string, std::string>> tags;
  int64_t timestamp_ns = 0;
};

// |prefix| is the subscribed prefix without a trailing '/' (e.g. "edgex/telemetry").
Status ParseTelemetryMessage(std::string_view prefix, std::string_view topic,
                             std::string_view payload, TelemetryMetric* out);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_TELEMETRY_METRIC_H_
