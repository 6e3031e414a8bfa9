// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/support/mqtt_publisher.h"

#include <mosquitto.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

namespace edgecwmp::testing {

struct MqttPublisher::Rep {
  mosquitto* client = nullptr;
  bool loop = false;
  std::mutex mu;
  std::condition_variable cv;
  std::set<int> acknowledged;  // message ids the broker has PUBACKed

  static void OnPublish(mosquitto*, void* user, int mid) {
    Rep* r = static_cast<Rep*>(user);
    std::lock_guard<std::mutex> lock(r->mu);
    r->acknowledged.insert(mid);
    r->cv.notify_all();
  }
};

MqttPublisher::MqttPublisher() : rep_(std::make_unique<Rep>()) {
  mosquitto_lib_init();
  rep_->client = mosquitto_new(nullptr, true, rep_.get());
  if (rep_->client != nullptr) mosquitto_publish_callback_set(rep_->client, &Rep::OnPublish);
}

MqttPublisher::~MqttPublisher() {
  if (rep_->client == nullptr) return;
  if (rep_->loop) {
    mosquitto_disconnect(rep_->client);
    mosquitto_loop_stop(rep_->client, false);
  }
  mosquitto_destroy(rep_->client);
}

bool MqttPublisher::Connect(uint16_t port, std::string* error) {
  if (rep_->client == nullptr) {
    *error = "mosquitto_new failed";
    return false;
  }
  int rc = mosquitto_connect(rep_->client, "127.0.0.1", port, 30);
  if (rc == MOSQ_ERR_SUCCESS && !rep_->loop) rc = mosquitto_loop_start(rep_->client);
  if (rc != MOSQ_ERR_SUCCESS) {
    *error = std::string("publisher: ") + mosquitto_strerror(rc);
    return false;
  }
  rep_->loop = true;
  return true;
}

bool MqttPublisher::Publish(const std::string& topic, const std::string& payload,
                            std::string* error) {
  int mid = 0;
  int rc = mosquitto_publish(rep_->client, &mid, topic.c_str(), static_cast<int>(payload.size()),
                             payload.data(), 1, false);
  if (rc != MOSQ_ERR_SUCCESS) {
    *error = std::string("publish: ") + mosquitto_strerror(rc);
    return false;
  }
  std::unique_lock<std::mutex> lock(rep_->mu);
  if (!rep_->cv.wait_for(lock, std::chrono::seconds(10),
                         [&] { return rep_->acknowledged.count(mid) != 0; })) {
    *error = "publish: no PUBACK";
    return false;
  }
  return true;
}

std::string EdgexMetricJson(const std::string& service, const std::string& name,
                            const std::string& field, int64_t value, int64_t timestamp_ns) {
  return R"({"apiVersion":"v3","name":")" + name + R"(","fields":[{"name":")" + field +
         R"(","value":)" + std::to_string(value) + R"(}],"tags":[{"name":"service","value":")" +
         service + R"("}],"timestamp":)" + std::to_string(timestamp_ns) + "}";
}

}  // namespace edgecwmp::testing
