// SPDX-License-Identifier: GPL-2.0-or-later
// The EdgeX REST client against loopback doubles serving core-keeper-v4.yaml's JSON shapes.
#define BOOST_TEST_MODULE edgex_client
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include "tests/edgex/edgex_double.h"
#include "tr181/edgex/edgex_client.h"

namespace edgecwmp::edgex {
namespace {

using test::EdgexDouble;
using test::EdgexDoubleOptions;

std::map<std::string, std::string> AsMap(const ConfigEntries& entries) {
  return std::map<std::string, std::string>(entries.begin(), entries.end());
}

EdgexClientOptions ClientFor(const EdgexDouble& registry) {
  EdgexClientOptions options;
  options.registry_url = registry.base_url();
  return options;
}

BOOST_AUTO_TEST_CASE(RegistryParsesCoreKeepersExample) {
  EdgexDouble keeper{EdgexDoubleOptions()};
  BOOST_REQUIRE(keeper.Start().ok());
  EdgexClient client(ClientFor(keeper));
  std::vector<Registration> services;
  Status st = client.ListRegistrations(&services);
  BOOST_REQUIRE_MESSAGE(st.ok(), st.message());
  BOOST_CHECK(keeper.requests() == std::vector<std::string>{"GET /api/v3/registry/all"});
  BOOST_REQUIRE_EQUAL(services.size(), 2u);
  const Registration& command = services[0];
  BOOST_CHECK_EQUAL(command.service_id, "core-command");
  BOOST_CHECK_EQUAL(command.status, "UP");
  BOOST_CHECK_EQUAL(command.host, "edgex-core-command");
  BOOST_CHECK_EQUAL(command.port, 59882);
  BOOST_CHECK_EQUAL(command.health_path, "/api/v3/ping");
  BOOST_CHECK_EQUAL(command.health_interval, "10s");
  BOOST_CHECK_EQUAL(command.last_connected_ms, 1657871042216);
  BOOST_CHECK_EQUAL(services[1].service_id, "core-data");
  BOOST_CHECK_EQUAL(services[1].port, 59880);
  BOOST_CHECK_EQUAL(client.BaseUrl(services[1]), "http://edgex-core-data:59880");
}

BOOST_AUTO_TEST_CASE(ConsulAgentServicesForOlderReleases) {
  EdgexDoubleOptions options;
  options.consul_services_json = R"({
    "core-data": {"Kind": "", "ID": "core-data", "Service": "core-data", "Tags": [], "Meta": {},
                  "Port": 59880, "Address": "edgex-core-data",
                  "Weights": {"Passing": 1, "Warning": 1}, "EnableTagOverride": false,
                  "Datacenter": "dc1"},
    "core-metadata": {"Kind": "", "ID": "core-metadata", "Service": "core-metadata", "Tags": [],
                      "Meta": {}, "Port": 59881, "Address": "edgex-core-metadata",
                      "Weights": {"Passing": 1, "Warning": 1}, "EnableTagOverride": false,
                      "Datacenter": "dc1"}})";
  EdgexDouble consul(options);
  BOOST_REQUIRE(consul.Start().ok());
  EdgexClientOptions client_options = ClientFor(consul);
  client_options.registry = RegistryKind::kConsul;
  client_options.service_host_override = "127.0.0.1";
  EdgexClient client(client_options);
  std::vector<Registration> services;
  BOOST_REQUIRE(client.ListRegistrations(&services).ok());
  BOOST_CHECK(consul.requests() == std::vector<std::string>{"GET /v1/agent/services"});
  BOOST_REQUIRE_EQUAL(services.size(), 2u);
  BOOST_CHECK_EQUAL(services[1].service_id, "core-metadata");
  BOOST_CHECK_EQUAL(services[1].host, "edgex-core-metadata");
  BOOST_CHECK_EQUAL(services[1].port, 59881);
  BOOST_CHECK_EQUAL(services[1].status, "");
  BOOST_CHECK_EQUAL(client.BaseUrl(services[1]), "http://127.0.0.1:59881");
}

BOOST_AUTO_TEST_CASE(PingVersionConfigOfARegisteredService) {
  EdgexDoubleOptions data_options;
  data_options.service_name = "core-data";
  data_options.version = "4.0.1";
  data_options.config_json =
      R"({"Service": {"Host": "edgex-core-data", "Port": 59880, "StartupMsg": "core data"},
          "Writeable": {"LogLevel": "INFO", "PersistData": true}})";
  EdgexDouble data(data_options);
  BOOST_REQUIRE(data.Start().ok());
  EdgexDoubleOptions keeper_options;
  keeper_options.registry_json = test::CoreDataRegistryJson(data.port());
  EdgexDouble keeper(keeper_options);
  BOOST_REQUIRE(keeper.Start().ok());

  EdgexClientOptions options = ClientFor(keeper);
  options.service_host_override = "127.0.0.1";
  EdgexClient client(options);
  std::vector<Registration> services;
  BOOST_REQUIRE(client.ListRegistrations(&services).ok());
  BOOST_REQUIRE_EQUAL(services.size(), 1u);
  std::string base = client.BaseUrl(services[0]);
  BOOST_CHECK_EQUAL(base, data.base_url());

  PingInfo ping;
  BOOST_REQUIRE(client.Ping(base, &ping).ok());
  BOOST_CHECK_EQUAL(ping.api_version, "v3");
  BOOST_CHECK_EQUAL(ping.service_name, "core-data");
  BOOST_CHECK_EQUAL(ping.timestamp, "Mon, 02 Jan 2006 15:04:05 MST");
  VersionInfo version;
  BOOST_REQUIRE(client.Version(base, &version).ok());
  BOOST_CHECK_EQUAL(version.version, "4.0.1");
  BOOST_CHECK_EQUAL(version.service_name, "core-data");
  ConfigEntries config;
  BOOST_REQUIRE(client.Config(base, &config).ok());
  BOOST_CHECK((config == ConfigEntries{{"Service.Host", "edgex-core-data"},
                                       {"Service.Port", "59880"},
                                       {"Service.StartupMsg", "core data"},
                                       {"Writeable.LogLevel", "INFO"},
                                       {"Writeable.PersistData", "true"}}));
  BOOST_CHECK(
      (data.requests() ==
       std::vector<std::string>{"GET /api/v3/ping", "GET /api/v3/version", "GET /api/v3/config"}));
}

BOOST_AUTO_TEST_CASE(ConfigExampleIsFlattenedWithSecretsRedacted) {
  EdgexDouble keeper{EdgexDoubleOptions()};
  BOOST_REQUIRE(keeper.Start().ok());
  EdgexClient client(ClientFor(keeper));
  ConfigEntries entries;
  BOOST_REQUIRE(client.Config(keeper.base_url(), &entries).ok());
  BOOST_CHECK_EQUAL(entries.size(), 27u);
  BOOST_CHECK(std::is_sorted(entries.begin(), entries.end()));
  auto config = AsMap(entries);
  BOOST_CHECK_EQUAL(config["Service.Port"], "59890");
  BOOST_CHECK_EQUAL(config["Service.CheckInterval"], "10s");
  BOOST_CHECK_EQUAL(config["Service.SeverBindAddr"], "");
  BOOST_CHECK_EQUAL(config["Databases.Primary.Port"], "6379");
  BOOST_CHECK_EQUAL(config["Databases.Primary.Password"], "<redacted>");
  BOOST_CHECK_EQUAL(config["SecretStore.Authentication.AuthToken"], "");  // unset stays visible
  BOOST_CHECK_EQUAL(config["SecretStore.TokenFile"],
                    "/tmp/edgex/secrets/core-metadata/secrets-token.json");
  BOOST_CHECK_EQUAL(config["Writeable.LogLevel"], "INFO");

  EdgexClientOptions plain = ClientFor(keeper);
  plain.redact_secrets = false;
  BOOST_REQUIRE(EdgexClient(plain).Config(keeper.base_url(), &entries).ok());
  BOOST_CHECK_EQUAL(AsMap(entries)["Databases.Primary.Password"], "password");
}

BOOST_AUTO_TEST_CASE(FlattenArraysNullsAndEmptyObjects) {
  Status st;
  ConfigEntries entries = FlattenJson(
      R"({"Clients": {"core-metadata": {"Port": 59881}}, "Topics": ["a", "b"], "Empty": {},
          "Nothing": null, "Ratio": 0.5, "Secret": {"ApiSecret": "x"}})",
      true, &st);
  BOOST_REQUIRE(st.ok());
  BOOST_CHECK((entries == ConfigEntries{{"Clients.core-metadata.Port", "59881"},
                                        {"Empty", ""},
                                        {"Nothing", ""},
                                        {"Ratio", "0.5"},
                                        {"Secret.ApiSecret", "<redacted>"},
                                        {"Topics.0", "a"},
                                        {"Topics.1", "b"}}));
  FlattenJson("{not json", true, &st);
  BOOST_CHECK(st.code() == Error::kCorruption);
}

BOOST_AUTO_TEST_CASE(SecureModeSendsTheBearerToken) {
  EdgexDoubleOptions options;
  options.token = "eyJhbGciOiJFUzM4NCJ9.test.jwt";
  EdgexDouble keeper(options);
  BOOST_REQUIRE(keeper.Start().ok());

  EdgexClient anonymous(ClientFor(keeper));
  PingInfo ping;
  Status st = anonymous.Ping(keeper.base_url(), &ping);
  BOOST_CHECK(st.code() == Error::kRequestDenied);
  BOOST_CHECK_NE(st.message().find("401"), std::string::npos);

  EdgexClientOptions wrong = ClientFor(keeper);
  wrong.bearer_token = "wrong-token-value";
  st = EdgexClient(wrong).Ping(keeper.base_url(), &ping);
  BOOST_CHECK(st.code() == Error::kRequestDenied);
  BOOST_CHECK_EQUAL(st.message().find("wrong-token-value"), std::string::npos);  // never shown

  EdgexClientOptions secure = ClientFor(keeper);
  secure.bearer_token = options.token;
  EdgexClient client(secure);
  BOOST_REQUIRE(client.Ping(keeper.base_url(), &ping).ok());
  std::vector<Registration> services;
  BOOST_REQUIRE(client.ListRegistrations(&services).ok());
  auto headers = keeper.authorization_headers();
  BOOST_REQUIRE_EQUAL(headers.size(), 4u);
  BOOST_CHECK_EQUAL(headers[0], "");
  BOOST_CHECK_EQUAL(headers[2], "Bearer " + options.token);
  BOOST_CHECK_EQUAL(headers[3], "Bearer " + options.token);
}

BOOST_AUTO_TEST_CASE(AServiceThatIsDownIsAStatus) {
  EdgexDouble gone{EdgexDoubleOptions()};
  BOOST_REQUIRE(gone.Start().ok());
  std::string url = gone.base_url();
  gone.Stop();  // nothing listens on the port any more: connection refused
  EdgexClientOptions options;
  options.registry_url = url;
  EdgexClient client(options);
  PingInfo ping;
  Status st = client.Ping(url, &ping);
  BOOST_CHECK(!st.ok());
  BOOST_CHECK_NE(st.message().find(url + "/api/v3/ping"), std::string::npos);
  std::vector<Registration> services;
  BOOST_CHECK(!client.ListRegistrations(&services).ok());

  // A peer that accepts connections but never answers: the timeout ends the call.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_REQUIRE_EQUAL(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  BOOST_REQUIRE_EQUAL(listen(listener, 4), 0);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::string silent = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  options.timeout_ms = 300;
  st = EdgexClient(options).Ping(silent, &ping);
  close(listener);
  BOOST_CHECK(!st.ok());
  BOOST_CHECK_NE(st.message().find("timed out"), std::string::npos);
}

BOOST_AUTO_TEST_CASE(UnknownPathIsNotFound) {
  EdgexDouble keeper{EdgexDoubleOptions()};
  BOOST_REQUIRE(keeper.Start().ok());
  EdgexClientOptions options = ClientFor(keeper);
  options.registry_url = keeper.base_url() + "/nowhere";
  std::vector<Registration> services;
  Status st = EdgexClient(options).ListRegistrations(&services);
  BOOST_CHECK(st.code() == Error::kNotFound);
  BOOST_CHECK_NE(st.message().find("Not Found"), std::string::npos);
}

}  // namespace
}  // namespace edgecwmp::edgex
