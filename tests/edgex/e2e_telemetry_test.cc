// SPDX-License-Identifier: GPL-2.0-or-later
// End to end: the real cwmpd with [edgex] telemetry_broker on a real mosquitto the test starts on
// loopback, driven by the GenieACS-strict test ACS. An operator's story: the gateway's EdgeX
// services publish their metrics (dtos.Metric on edgex/telemetry/<service>/<metric>), and the
// ACS sees the counters move with GetParameterValues; a malformed message is ignored and loses
// nothing; the broker's password appears neither in the log nor in any parameter.
#define BOOST_TEST_MODULE edgex_telemetry_e2e
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "tests/edgex/e2e_cwmpd.h"
#include "tests/support/mosquitto_broker.h"
#include "tests/support/mqtt_publisher.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"

namespace edgecwmp::edgex::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kRoot = "Device.X_EDGECWMP_EdgeX.";
constexpr const char* kPassword = "mqtt-s3cret-pw";

struct Fixture {
  testing::TempDir broker_dir;
  testing::MosquittoBroker broker{broker_dir.path()};
  testing::MqttPublisher publisher;
  std::unique_ptr<CwmpdUnderTest> cwmpd;

  Fixture() {
    std::string error;
    BOOST_REQUIRE_MESSAGE(broker.Start(&error), error);
    BOOST_REQUIRE_MESSAGE(publisher.Connect(broker.port(), &error), error);
    cwmpd = std::make_unique<CwmpdUnderTest>(
        "executor = none\ntelemetry_broker = " + broker.url() +
        "\ntelemetry_client_id = gateway-1\ntelemetry_user = edgecwmp\ntelemetry_password = " +
        kPassword + "\n");
    BOOST_REQUIRE_MESSAGE(cwmpd->Start(&error), error);
  }
  ~Fixture() {
    for (const std::string& v : cwmpd->acs().Violations()) BOOST_TEST_MESSAGE("violation: " << v);
    BOOST_TEST_MESSAGE("cwmpd log:\n" << cwmpd->Log() << "\nbroker log:\n" << broker.Log());
  }

  void Publish(const std::string& service, const std::string& metric, int64_t count) {
    std::string error;
    BOOST_REQUIRE_MESSAGE(
        publisher.Publish(
            "edgex/telemetry/" + service + "/" + metric,
            testing::EdgexMetricJson(service, metric, "counter-count", count, 1700000000000000000),
            &error),
        error);
  }
  // The whole vendor object in one GetParameterValues (a partial path), as an ACS reads it.
  std::map<std::string, std::string> Edgex() { return cwmpd->Values({kRoot}); }
  // Until the ACS reads |value| at Device.X_EDGECWMP_EdgeX.|name| (one session per try).
  bool AcsSees(const std::string& name, const std::string& value) {
    return testing::WaitUntil([&] { return Edgex()[kRoot + name] == value; }, 30s, 200ms);
  }
};

BOOST_FIXTURE_TEST_CASE(telemetry_counters_move_in_tr181_as_the_broker_publishes, Fixture) {
  BOOST_REQUIRE(AcsSees("TelemetryStatus", "Connected"));
  Publish("core-data", "EventsPersisted", 5);
  Publish("core-data", "ReadingsPersisted", 50);
  BOOST_REQUIRE(AcsSees("Telemetry.2.Value", "50"));
  std::map<std::string, std::string> v = Edgex();
  BOOST_TEST(v[std::string(kRoot) + "TelemetryNumberOfEntries"] == "2");
  BOOST_TEST(v[std::string(kRoot) + "Telemetry.1.ServiceName"] == "core-data");
  BOOST_TEST(v[std::string(kRoot) + "Telemetry.1.MetricName"] == "EventsPersisted");
  BOOST_TEST(v[std::string(kRoot) + "Telemetry.1.Value"] == "5");

  Publish("core-data", "EventsPersisted", 9);  // the counter moves
  BOOST_REQUIRE(AcsSees("Telemetry.1.Value", "9"));

  // A malformed message on the same topic: ignored with a warning, nothing else changes.
  std::string error;
  BOOST_REQUIRE_MESSAGE(
      publisher.Publish("edgex/telemetry/core-data/EventsPersisted", "{\"name\":", &error), error);
  BOOST_REQUIRE(AcsSees("TelemetryDiscarded", "1"));
  v = Edgex();
  BOOST_TEST(v[std::string(kRoot) + "Telemetry.1.Value"] == "9");
  BOOST_TEST(v[std::string(kRoot) + "Telemetry.2.Value"] == "50");
  BOOST_TEST(cwmpd->Log().find("ignored a message on edgex/telemetry/core-data/EventsPersisted") !=
             std::string::npos);
  Publish("core-data", "EventsPersisted", 10);
  BOOST_REQUIRE(AcsSees("Telemetry.1.Value", "10"));

  // The broker saw our client id and user; the password is nowhere the ACS or a log reader sees.
  BOOST_TEST(broker.Log().find("as gateway-1") != std::string::npos);
  BOOST_TEST(broker.Log().find("u'edgecwmp'") != std::string::npos);
  BOOST_TEST(cwmpd->Log().find(kPassword) == std::string::npos);
  for (const auto& [name, value] : Edgex()) BOOST_TEST(value.find(kPassword) == std::string::npos);
  BOOST_TEST(cwmpd->acs().Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::edgex::test
