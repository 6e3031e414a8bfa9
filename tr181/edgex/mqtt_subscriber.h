// SPDX-License-Identifier: GPL-2.0-or-later
// MqttSubscriber: a libmosquitto client that keeps one subscription alive. Start() connects in the
// background and returns at once; the client thread delivers every message on the subscribed
// topic filter to on_message, and, when the broker goes away or refuses it, reconnects with an
// exponential back-off (reconnect_min .. reconnect_max seconds) and subscribes again, so a broker
// outage loses only the messages published while it lasted. Clean session, QoS 0: EdgeX publishes
// telemetry at QoS 0 and only the latest value of each metric matters. The password is given to
// libmosquitto and never logged. The destructor disconnects and joins the client thread.
#ifndef EDGECWMP_TR181_EDGEX_MQTT_SUBSCRIBER_H_
#define EDGECWMP_TR181_EDGEX_MQTT_SUBSCRIBER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace edgecwmp::edgex {

// mqtt://host[:port] (1883) or mqtts://host[:port] (8883; TLS, the server's certificate checked
// against ca_file/ca_path, else the system's trust store). No user info: credentials are options.
struct MqttUrl {
  std::string host;
  uint16_t port = 0;
  bool tls = false;
};
Status ParseMqttUrl(const std::string& url, MqttUrl* out);

struct MqttSubscriberOptions {
  std::string url;
  std::string client_id;  // "" = one libmosquitto makes up
  std::string username;   // "" = none
  std::string password;   // secret: never logged
  std::string ca_file, ca_path;
  std::string topic_filter;  // e.g. "edgex/telemetry/#"
  int keepalive_seconds = 30;
  unsigned reconnect_min_seconds = 1;
  unsigned reconnect_max_seconds = 30;
};

class MqttSubscriber {
 public:
  enum class State { kConnecting, kConnected };
  using MessageHandler = std::function<void(std::string_view topic, std::string_view payload)>;
  using StateHandler = std::function<void(State)>;

  // Both handlers are called on the client thread and must not block for long.
  MqttSubscriber(MqttSubscriberOptions options, MessageHandler on_message, StateHandler on_state);
  ~MqttSubscriber();
  MqttSubscriber(const MqttSubscriber&) = delete;
  MqttSubscriber& operator=(const MqttSubscriber&) = delete;

  // A bad URL or option is InvalidArguments; an unreachable broker is not an error (retried).
  Status Start();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_MQTT_SUBSCRIBER_H_
