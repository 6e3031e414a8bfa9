// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/mqtt_subscriber.h"

#include <mosquitto.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include "base/log.h"

namespace edgecwmp::edgex {

namespace {

constexpr const char* kComponent = "edgex";
constexpr const char* kSystemCaPath = "/etc/ssl/certs";  // when neither ca_file nor ca_path

void InitLibraryOnce() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });  // process-wide; never cleaned up
}

bool ParsePort(const std::string& text, uint16_t* port) {
  if (text.empty() || text.size() > 5 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return false;
  }
  unsigned long value = std::stoul(text);
  if (value == 0 || value > 65535) return false;
  *port = static_cast<uint16_t>(value);
  return true;
}

}  // namespace

Status ParseMqttUrl(const std::string& url, MqttUrl* out) {
  *out = MqttUrl();
  std::string rest;
  if (url.rfind("mqtt://", 0) == 0) {
    rest = url.substr(7);
    out->port = 1883;
  } else if (url.rfind("mqtts://", 0) == 0) {
    rest = url.substr(8);
    out->port = 8883;
    out->tls = true;
  } else {
    return Status::InvalidArguments(
        "MQTT broker URL must be mqtt://host[:port] or "
        "mqtts://host[:port]");
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.find_first_of("@/?#") != std::string::npos) {
    return Status::InvalidArguments(
        "MQTT broker URL: only host[:port] (credentials are separate options)");
  }
  size_t colon = rest.rfind(':');
  bool bracketed = !rest.empty() && rest.front() == '[';
  if (colon != std::string::npos && (!bracketed || rest[colon - 1] == ']')) {
    if (!ParsePort(rest.substr(colon + 1), &out->port)) {
      return Status::InvalidArguments("MQTT broker URL: bad port");
    }
    rest.resize(colon);
  }
  if (bracketed) {
    if (rest.size() < 3 || rest.back() != ']') {
      return Status::InvalidArguments("MQTT broker URL: bad host");
    }
    rest = rest.substr(1, rest.size() - 2);
  }
  if (rest.empty()) return Status::InvalidArguments("MQTT broker URL: no host");
  out->host = rest;
  return Status::Ok();
}

struct MqttSubscriber::Rep {
  MqttSubscriberOptions options;
  MessageHandler on_message;
  StateHandler on_state;
  MqttUrl url;
  mosquitto* client = nullptr;
  // libmosquitto's thread reconnects by itself only once a first connect got under way: a
  // broker refusing that first one (nothing listening yet) is retried by |starter|.
  std::thread starter;
  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  bool loop_running = false;  // guarded by mu
  bool connected = false;     // client thread only: log transitions, not every retry

  static Rep* Of(void* user) { return static_cast<Rep*>(user); }

  static void OnConnect(mosquitto* client, void* user, int rc) {
    Rep* r = Of(user);
    if (rc != 0) {  // refused (bad credentials, client id): libmosquitto retries with back-off
      Log(LogLevel::kWarning, kComponent, "telemetry broker ", r->options.url,
          " refused the connection: ", mosquitto_connack_string(rc));
      return;
    }
    int sub = mosquitto_subscribe(client, nullptr, r->options.topic_filter.c_str(), 0);
    if (sub != MOSQ_ERR_SUCCESS) {
      Log(LogLevel::kWarning, kComponent, "telemetry: subscribe failed: ", mosquitto_strerror(sub));
      mosquitto_disconnect(client);  // reconnect and try again rather than sit deaf
      return;
    }
  }

  // Connected counts from the broker's SUBACK: from then on nothing published is missed.
  static void OnSubscribe(mosquitto*, void* user, int, int, const int*) {
    Rep* r = Of(user);
    r->connected = true;
    Log(LogLevel::kInfo, kComponent, "telemetry: connected to ", r->options.url, ", subscribed to ",
        r->options.topic_filter);
    if (r->on_state) r->on_state(State::kConnected);
  }

  static void OnDisconnect(mosquitto*, void* user, int rc) {
    Rep* r = Of(user);
    if (r->connected) {
      Log(rc == 0 ? LogLevel::kInfo : LogLevel::kWarning, kComponent,
          "telemetry: disconnected from ", r->options.url, rc == 0 ? "" : ": ",
          rc == 0 ? "" : mosquitto_strerror(rc), rc == 0 ? "" : "; reconnecting");
    }
    r->connected = false;
    if (r->on_state) r->on_state(State::kConnecting);
  }

  static void OnMessage(mosquitto*, void* user, const mosquitto_message* message) {
    Rep* r = Of(user);
    if (!r->on_message || message->topic == nullptr) return;
    std::string_view payload(static_cast<const char*>(message->payload),
                             message->payload == nullptr ? 0 : message->payloadlen);
    r->on_message(message->topic, payload);
  }

  Status Configure() {
    if (!options.username.empty()) {
      int rc =
          mosquitto_username_pw_set(client, options.username.c_str(),
                                    options.password.empty() ? nullptr : options.password.c_str());
      if (rc != MOSQ_ERR_SUCCESS) return Status::InvalidArguments("MQTT user name not accepted");
    }
    if (url.tls) {
      const char* ca_file = options.ca_file.empty() ? nullptr : options.ca_file.c_str();
      const char* ca_path = options.ca_path.empty() ? nullptr : options.ca_path.c_str();
      if (ca_file == nullptr && ca_path == nullptr) ca_path = kSystemCaPath;
      int rc = mosquitto_tls_set(client, ca_file, ca_path, nullptr, nullptr, nullptr);
      if (rc != MOSQ_ERR_SUCCESS) {
        return Status::InvalidArguments(std::string("MQTT TLS: ") + mosquitto_strerror(rc));
      }
    }
    mosquitto_connect_callback_set(client, &Rep::OnConnect);
    mosquitto_disconnect_callback_set(client, &Rep::OnDisconnect);
    mosquitto_subscribe_callback_set(client, &Rep::OnSubscribe);
    mosquitto_message_callback_set(client, &Rep::OnMessage);
    mosquitto_reconnect_delay_set(
        client, std::max(1u, options.reconnect_min_seconds),
        std::max(options.reconnect_min_seconds, options.reconnect_max_seconds), true);
    return Status::Ok();
  }

  // Until the first connect is under way (or stopping): connect, else wait the back-off.
  void FirstConnect() {
    unsigned delay = std::max(1u, options.reconnect_min_seconds);
    const unsigned max_delay = std::max(delay, options.reconnect_max_seconds);
    bool warned = false;
    std::unique_lock<std::mutex> lock(mu);
    while (!stopping) {
      int rc = mosquitto_connect_async(client, url.host.c_str(), url.port,
                                       std::max(5, options.keepalive_seconds));
      if (rc == MOSQ_ERR_SUCCESS) {
        rc = mosquitto_loop_start(client);
        if (rc == MOSQ_ERR_SUCCESS) {
          loop_running = true;
          return;
        }
      }
      if (!warned) {
        Log(LogLevel::kWarning, kComponent, "telemetry broker ", options.url,
            " not reachable: ", rc == MOSQ_ERR_ERRNO ? "connection failed" : mosquitto_strerror(rc),
            "; retrying");
        warned = true;
      }
      cv.wait_for(lock, std::chrono::seconds(delay), [this] { return stopping; });
      delay = std::min(max_delay, delay * 2);
    }
  }
};

MqttSubscriber::MqttSubscriber(MqttSubscriberOptions options, MessageHandler on_message,
                               StateHandler on_state)
    : rep_(std::make_unique<Rep>()) {
  rep_->options = std::move(options);
  rep_->on_message = std::move(on_message);
  rep_->on_state = std::move(on_state);
}

MqttSubscriber::~MqttSubscriber() {
  Rep& r = *rep_;
  if (r.client == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    r.stopping = true;
  }
  r.cv.notify_all();
  if (r.starter.joinable()) r.starter.join();
  if (r.loop_running) {
    mosquitto_disconnect(r.client);
    mosquitto_loop_stop(r.client, false);  // wakes a back-off wait, joins the thread
  }
  mosquitto_destroy(r.client);
}

Status MqttSubscriber::Start() {
  Rep& r = *rep_;
  if (r.client != nullptr) return Status::Internal("MQTT subscriber started twice");
  EDGECWMP_RETURN_IF_ERROR(ParseMqttUrl(r.options.url, &r.url));
  if (r.options.topic_filter.empty()) return Status::InvalidArguments("MQTT: no topic");
  InitLibraryOnce();
  const char* id = r.options.client_id.empty() ? nullptr : r.options.client_id.c_str();
  r.client = mosquitto_new(id, true, &r);
  if (r.client == nullptr) return Status::Internal("MQTT: cannot create a client");
  EDGECWMP_RETURN_IF_ERROR(r.Configure());
  r.starter = std::thread([&r] { r.FirstConnect(); });
  return Status::Ok();
}

}  // namespace edgecwmp::edgex
