// SPDX-License-Identifier: GPL-2.0-or-later
// EdgeX telemetry: the metric parser on EdgeX's documented shapes (bare dtos.Metric, inside the
// message bus envelope as JSON and as base64), and Device.X_EDGECWMP_EdgeX.Telemetry. bound on a
// real data model, fed by the MQTT subscriber from a real mosquitto on loopback that a publisher
// client writes to as EdgeX services do; the broker stops and comes back.
#define BOOST_TEST_MODULE edgex_telemetry
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <memory>

#include "datamodel/datamodel.h"
#include "datamodel/schema.h"
#include "tests/support/mosquitto_broker.h"
#include "tests/support/mqtt_publisher.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tr181/edgex/edgex_telemetry.h"
#include "tr181/edgex/mqtt_subscriber.h"
#include "tr181/edgex/telemetry_metric.h"

namespace edgecwmp::edgex {
namespace {

using namespace std::chrono_literals;
using testing::EdgexMetricJson;

constexpr const char* kPrefix = "edgex/telemetry";
constexpr int64_t kNs = 1700000000123456789;  // 2023-11-14T22:13:20Z

BOOST_AUTO_TEST_CASE(ParsesABareMetric) {
  TelemetryMetric m;
  Status st = ParseTelemetryMessage(
      kPrefix, "edgex/telemetry/core-data/EventsPersisted",
      EdgexMetricJson("core-data", "EventsPersisted", "counter-count", 42, kNs), &m);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  BOOST_CHECK_EQUAL(m.service, "core-data");
  BOOST_CHECK_EQUAL(m.name, "EventsPersisted");
  BOOST_REQUIRE_EQUAL(m.fields.size(), 1u);
  BOOST_CHECK_EQUAL(m.fields[0].first, "counter-count");
  BOOST_CHECK_EQUAL(m.fields[0].second, "42");
  BOOST_REQUIRE_EQUAL(m.tags.size(), 1u);
  BOOST_CHECK_EQUAL(m.tags[0].second, "core-data");
  BOOST_CHECK_EQUAL(m.timestamp_ns, kNs);
}

BOOST_AUTO_TEST_CASE(ParsesTheEnvelopeWithJsonOrBase64Payload) {
  // A timer metric: several fields of several types.
  const std::string metric =
      R"({"apiVersion":"v3","name":"PipelineProcessingTime","fields":[)"
      R"({"name":"timer-count","value":3},{"name":"timer-mean","value":0.25},)"
      R"({"name":"timer-max","value":1e-3}],"timestamp":1})";
  const std::string topic = "edgex/telemetry/app-rules-engine/PipelineProcessingTime";
  TelemetryMetric m;
  const std::string json_envelope =
      R"({"apiVersion":"v3","correlationID":"c","contentType":"application/json","payload":)" +
      metric + "}";
  BOOST_REQUIRE(ParseTelemetryMessage(kPrefix, topic, json_envelope, &m).ok());
  BOOST_CHECK_EQUAL(m.service, "app-rules-engine");
  BOOST_REQUIRE_EQUAL(m.fields.size(), 3u);
  BOOST_CHECK_EQUAL(m.fields[1].second, "0.25");
  BOOST_CHECK_EQUAL(m.fields[2].second, "0.001");
  // The same metric base64-encoded, as EdgeX 3.0 sends the envelope's payload.
  const std::string base64 =
      "eyJhcGlWZXJzaW9uIjoidjMiLCJuYW1lIjoiUGlwZWxpbmVQcm9jZXNzaW5nVGltZSIsImZpZWxkcyI6W3sibmFtZSI6"
      "InRpbWVyLWNvdW50IiwidmFsdWUiOjN9XSwidGltZXN0YW1wIjoxfQ==";
  BOOST_REQUIRE(ParseTelemetryMessage(kPrefix, topic,
                                      R"({"apiVersion":"v3","payload":")" + base64 + R"("})", &m)
                    .ok());
  BOOST_REQUIRE_EQUAL(m.fields.size(), 1u);
  BOOST_CHECK_EQUAL(m.fields[0].second, "3");
}

BOOST_AUTO_TEST_CASE(RejectsWhatIsNotAMetric) {
  const std::string good = EdgexMetricJson("core-data", "EventsPersisted", "counter-count", 1, 1);
  const std::string topic = "edgex/telemetry/core-data/EventsPersisted";
  struct Case {
    std::string topic, payload;
  };
  for (const Case& c : std::vector<Case>{
           {topic, "not json"},
           {topic, "[1,2]"},
           {topic, R"({"name":"EventsPersisted","timestamp":1})"},              // no fields
           {topic, R"({"name":"EventsPersisted","fields":[],"timestamp":1})"},  // empty
           {topic,
            R"({"name":"EventsPersisted","fields":[{"name":"c","value":{}}],"timestamp":1})"},
           {topic, R"({"name":"EventsPersisted","fields":[{"name":"c","value":1}]})"},
           {topic, R"({"payload":"%%%"})"},
           {"edgex/telemetry/core-data/ReadingsPersisted", good},  // name differs from the topic
           {"edgex/telemetry/core-data", good},
           {"edgex/telemetry/core-data/EventsPersisted/extra", good},
           {"other/core-data/EventsPersisted", good},
       }) {
    TelemetryMetric m;
    Status st = ParseTelemetryMessage(kPrefix, c.topic, c.payload, &m);
    BOOST_CHECK_MESSAGE(st.code() == Error::kInvalidArguments, c.topic << " " << c.payload);
  }
}

BOOST_AUTO_TEST_CASE(BrokerUrls) {
  MqttUrl url;
  BOOST_REQUIRE(ParseMqttUrl("mqtt://localhost", &url).ok());
  BOOST_CHECK_EQUAL(url.port, 1883);
  BOOST_CHECK(!url.tls);
  BOOST_REQUIRE(ParseMqttUrl("mqtts://broker.example:8884/", &url).ok());
  BOOST_CHECK_EQUAL(url.host, "broker.example");
  BOOST_CHECK_EQUAL(url.port, 8884);
  BOOST_CHECK(url.tls);
  BOOST_REQUIRE(ParseMqttUrl("mqtt://[::1]:1884", &url).ok());
  BOOST_CHECK_EQUAL(url.host, "::1");
  for (const char* bad : {"http://h", "mqtt://", "mqtt://h:0", "mqtt://h:99999",
                          "mqtt://user:secret@h", "mqtt://h/topic", "tcp://h:1883"}) {
    BOOST_CHECK_MESSAGE(!ParseMqttUrl(bad, &url).ok(), bad);
  }
}

struct BrokerFixture {
  testing::TempDir dir;
  testing::MosquittoBroker broker{dir.path()};
  dm::Schema schema;
  std::unique_ptr<dm::DataModel> model;
  EdgexTelemetry telemetry{kPrefix};
  std::unique_ptr<MqttSubscriber> subscriber;
  testing::MqttPublisher publisher;

  BrokerFixture() {
    const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
    BOOST_REQUIRE_MESSAGE(source != nullptr, "EDGECWMP_SOURCE_DIR is not set (run through ctest)");
    for (const char* file : {"/tr181/device.xml", "/tr181/edgex/edgex.xml"}) {
      Status st = schema.LoadFile(std::string(source) + file);
      BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
    }
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    BOOST_REQUIRE(telemetry.Bind(model.get()).ok());
    BOOST_REQUIRE(model->Load().ok());
  }
  ~BrokerFixture() { subscriber.reset(); }  // before the telemetry it feeds

  void StartBroker() {
    std::string error;
    BOOST_REQUIRE_MESSAGE(broker.Start(&error), error);
  }
  void Subscribe() {
    MqttSubscriberOptions options;
    options.url = broker.url();
    options.topic_filter = std::string(kPrefix) + "/#";
    options.reconnect_max_seconds = 2;
    subscriber = std::make_unique<MqttSubscriber>(
        options, [this](std::string_view t, std::string_view p) { telemetry.Handle(t, p); },
        [this](MqttSubscriber::State s) {
          telemetry.SetBrokerState(s == MqttSubscriber::State::kConnected
                                       ? EdgexTelemetry::BrokerState::kConnected
                                       : EdgexTelemetry::BrokerState::kConnecting);
        });
    telemetry.SetBrokerState(EdgexTelemetry::BrokerState::kConnecting);
    BOOST_REQUIRE(subscriber->Start().ok());
  }
  void Publish(const std::string& service, const std::string& metric, int64_t count) {
    Raw(std::string(kPrefix) + "/" + service + "/" + metric,
        EdgexMetricJson(service, metric, "counter-count", count, kNs));
  }
  void Raw(const std::string& topic, const std::string& payload) {
    std::string error;
    BOOST_REQUIRE_MESSAGE(publisher.Publish(topic, payload, &error), error);
  }
  void ConnectPublisher() {
    std::string error;
    BOOST_REQUIRE_MESSAGE(publisher.Connect(broker.port(), &error), error);
  }
  std::string Get(const std::string& name) {
    std::string value;
    Status st = model->GetValue("Device.X_EDGECWMP_EdgeX." + name, &value);
    return st.ok() ? value : "<" + st.message() + ">";
  }
  bool Becomes(const std::string& name, const std::string& value) {
    return testing::WaitUntil([&] { return Get(name) == value; }, 20s);
  }
};

BOOST_FIXTURE_TEST_CASE(CountersMoveAsTheBrokerPublishes, BrokerFixture) {
  BOOST_CHECK_EQUAL(Get("TelemetryStatus"), "Disabled");
  StartBroker();
  Subscribe();
  BOOST_REQUIRE(Becomes("TelemetryStatus", "Connected"));
  ConnectPublisher();
  BOOST_CHECK_EQUAL(Get("TelemetryNumberOfEntries"), "0");
  Publish("core-data", "EventsPersisted", 3);
  BOOST_REQUIRE(Becomes("Telemetry.1.Value", "3"));
  BOOST_CHECK_EQUAL(Get("Telemetry.1.ServiceName"), "core-data");
  BOOST_CHECK_EQUAL(Get("Telemetry.1.MetricName"), "EventsPersisted");
  BOOST_CHECK_EQUAL(Get("Telemetry.1.Fields"), "counter-count=3");
  BOOST_CHECK_EQUAL(Get("Telemetry.1.Tags"), "service=core-data");
  BOOST_CHECK_EQUAL(Get("Telemetry.1.Timestamp"), "2023-11-14T22:13:20Z");
  Publish("core-data", "ReadingsPersisted", 30);
  BOOST_REQUIRE(Becomes("Telemetry.2.Value", "30"));
  Publish("core-data", "EventsPersisted", 7);  // the same row moves: instance numbers are stable
  BOOST_REQUIRE(Becomes("Telemetry.1.Value", "7"));
  BOOST_CHECK_EQUAL(Get("Telemetry.1.Updates"), "2");
  BOOST_CHECK_EQUAL(Get("Telemetry.2.MetricName"), "ReadingsPersisted");
  BOOST_CHECK_EQUAL(Get("TelemetryNumberOfEntries"), "2");
}

BOOST_FIXTURE_TEST_CASE(MalformedPayloadIsIgnoredAndLosesNothing, BrokerFixture) {
  StartBroker();
  Subscribe();
  BOOST_REQUIRE(Becomes("TelemetryStatus", "Connected"));
  ConnectPublisher();
  Publish("device-virtual", "ReadingsSent", 5);
  BOOST_REQUIRE(Becomes("Telemetry.1.Value", "5"));
  Raw("edgex/telemetry/device-virtual/ReadingsSent", R"({"name":"ReadingsSent","fields":"x"})");
  Raw("edgex/telemetry/device-virtual/ReadingsSent", "\xff\xfe garbage");
  BOOST_REQUIRE(Becomes("TelemetryDiscarded", "2"));
  BOOST_CHECK_EQUAL(Get("Telemetry.1.Value"), "5");
  BOOST_CHECK_EQUAL(Get("TelemetryNumberOfEntries"), "1");
  Publish("device-virtual", "ReadingsSent", 6);  // the subscription still works
  BOOST_REQUIRE(Becomes("Telemetry.1.Value", "6"));
}

BOOST_FIXTURE_TEST_CASE(ReconnectsAfterABrokerOutageKeepingTheLatestValues, BrokerFixture) {
  Subscribe();  // the broker is not there yet
  BOOST_CHECK_EQUAL(Get("TelemetryStatus"), "Connecting");
  StartBroker();
  BOOST_REQUIRE(Becomes("TelemetryStatus", "Connected"));
  ConnectPublisher();
  Publish("core-data", "EventsPersisted", 10);
  BOOST_REQUIRE(Becomes("Telemetry.1.Value", "10"));

  broker.Stop();
  BOOST_REQUIRE(Becomes("TelemetryStatus", "Connecting"));
  BOOST_CHECK_EQUAL(Get("Telemetry.1.Value"), "10");  // the latest value stays

  StartBroker();  // same port
  BOOST_REQUIRE(Becomes("TelemetryStatus", "Connected"));
  testing::MqttPublisher again;
  std::string error;
  BOOST_REQUIRE_MESSAGE(again.Connect(broker.port(), &error), error);
  BOOST_REQUIRE_MESSAGE(
      again.Publish("edgex/telemetry/core-data/EventsPersisted",
                    EdgexMetricJson("core-data", "EventsPersisted", "counter-count", 11, kNs),
                    &error),
      error);
  BOOST_REQUIRE(Becomes("Telemetry.1.Value", "11"));
  BOOST_CHECK_EQUAL(Get("TelemetryNumberOfEntries"), "1");
}

// Without edgex.telemetry_broker the module binds nothing: the definitions' defaults show.
BOOST_AUTO_TEST_CASE(TelemetryOffReadsDisabled) {
  const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
  BOOST_REQUIRE_MESSAGE(source != nullptr, "EDGECWMP_SOURCE_DIR is not set (run through ctest)");
  dm::Schema schema;
  for (const char* file : {"/tr181/device.xml", "/tr181/edgex/edgex.xml"}) {
    BOOST_REQUIRE(schema.LoadFile(std::string(source) + file).ok());
  }
  dm::DataModel model(&schema, nullptr);
  BOOST_REQUIRE(model.Load().ok());
  std::string value;
  BOOST_REQUIRE(model.GetValue("Device.X_EDGECWMP_EdgeX.TelemetryStatus", &value).ok());
  BOOST_CHECK_EQUAL(value, "Disabled");
  BOOST_REQUIRE(model.GetValue("Device.X_EDGECWMP_EdgeX.TelemetryNumberOfEntries", &value).ok());
  BOOST_CHECK_EQUAL(value, "0");
}

}  // namespace
}  // namespace edgecwmp::edgex
