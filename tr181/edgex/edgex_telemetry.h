// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexTelemetry: the latest value of every EdgeX service metric seen on the message bus, as
// Device.X_EDGECWMP_EdgeX.Telemetry.{i}. (tr181/edgex/edgex.xml): one row per service and metric,
// numbered by "<service>/<metric>" at first sight and never renumbered while the agent runs, with
// TelemetryNumberOfEntries, TelemetryStatus (Disabled, Connecting, Connected) and
// TelemetryDiscarded (messages ignored as malformed). Handle() takes one message (from the MQTT
// client thread); a malformed one is logged as a warning, counted and changes nothing else. The
// values are not actively notified: counters move all the time (activeNotify="canDeny").
#ifndef EDGECWMP_TR181_EDGEX_EDGEX_TELEMETRY_H_
#define EDGECWMP_TR181_EDGEX_EDGEX_TELEMETRY_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "datamodel/datamodel.h"

namespace edgecwmp::edgex {

class EdgexTelemetry {
 public:
  enum class BrokerState { kDisabled, kConnecting, kConnected };

  // |topic_prefix|: where services publish, without a trailing '/' ("edgex/telemetry").
  explicit EdgexTelemetry(std::string topic_prefix);
  ~EdgexTelemetry();

  Status Bind(dm::DataModel* model);
  void Handle(std::string_view topic, std::string_view payload);
  void SetBrokerState(BrokerState state);  // shown as TelemetryStatus

 private:
  struct Rep;
  std::shared_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_EDGEX_TELEMETRY_H_
