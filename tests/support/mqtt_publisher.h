// SPDX-License-Identifier: GPL-2.0-or-later
// MqttPublisher: a libmosquitto client a test publishes with, as an EdgeX service would. Publish()
// returns once the broker acknowledged the message (QoS 1), so a test knows it is on the broker.
#ifndef EDGECWMP_TESTS_SUPPORT_MQTT_PUBLISHER_H_
#define EDGECWMP_TESTS_SUPPORT_MQTT_PUBLISHER_H_

#include <cstdint>
#include <memory>
#include <string>

namespace edgecwmp::testing {

class MqttPublisher {
 public:
  MqttPublisher();
  ~MqttPublisher();
  MqttPublisher(const MqttPublisher&) = delete;
  MqttPublisher& operator=(const MqttPublisher&) = delete;

  bool Connect(uint16_t port, std::string* error);  // 127.0.0.1:port
  bool Publish(const std::string& topic, const std::string& payload, std::string* error);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// An EdgeX service's metric as go-mod-core-contracts' dtos.Metric: one field, the service tag.
std::string EdgexMetricJson(const std::string& service, const std::string& name,
                            const std::string& field, int64_t value, int64_t timestamp_ns);

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_SUPPORT_MQTT_PUBLISHER_H_
