// SPDX-License-Identifier: GPL-2.0-or-later
// edgex-demo-service: a stand-in for one EdgeX service, for the agent's embedded demo and tests.
// It runs until SIGTERM and answers, on its address and port, what every EdgeX 3.x/4.x service
// answers (../shared/edgex/README.md): GET /api/v3/ping, /api/v3/version, /api/v3/config, with
// EdgeX's JSON shapes. One request per connection, one at a time: it is a demo, not a server.
// If its port is taken it keeps running without the API (and says so), so the supervisor still
// has a real process to start, stop and restart. It ends by itself when its parent (the agent's
// supervisor) is gone, so that a killed agent leaves no demo services behind.
// As core-metadata it also lists a device-virtual's example devices, its device service and
// profiles (GET /api/v3/{device,deviceservice,deviceprofile}/all, core-metadata-v4.yaml's
// shapes). With EDGECWMP_DEMO_MQTT_BROKER=host:port in its environment, core-data and
// device-virtual publish growing counters every second as EdgeX telemetry (ADR 0006: a dtos.Metric
// in the message bus envelope on edgex/telemetry/<service>/<metric>).
//
//   edgex-demo-service --service core-data --port 59880 [--address 127.0.0.1] [--version 4.0.0]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <mosquitto.h>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

struct Options {
  std::string service = "demo-service";
  std::string address = "127.0.0.1";
  int port = 0;
  std::string version = "4.0.0";
};

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i], value = argv[i + 1];
    if (key == "--service") {
      o->service = value;
    } else if (key == "--address") {
      o->address = value;
    } else if (key == "--port") {
      o->port = std::atoi(value.c_str());
    } else if (key == "--version") {
      o->version = value;
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && o->port > 0 && o->port < 65536;
}

// EdgeX formats timestamps with Go's time.UnixDate.
std::string UnixDate() {
  char text[64];
  time_t now = time(nullptr);
  struct tm tm;
  localtime_r(&now, &tm);
  strftime(text, sizeof text, "%a %b %e %H:%M:%S %Z %Y", &tm);
  return text;
}

// The service's configuration, shaped like an EdgeX service's (Writable, Service, Clients, ...).
json Config(const Options& o) {
  return {
      {"Writable",
       {{"LogLevel", "INFO"},
        {"InsecureSecrets",
         {{"DB",
           {{"SecretName", "redisdb"}, {"SecretData", {{"username", ""}, {"password", ""}}}}}}},
        {"Telemetry", {{"Interval", "30s"}}}}},
      {"Service",
       {{"Host", o.address},
        {"Port", o.port},
        {"StartupMsg", "This is the " + o.service + " demo service of edgecwmp"},
        {"HealthCheckInterval", "10s"},
        {"RequestTimeout", "5s"},
        {"MaxRequestSize", 0},
        {"MaxResultCount", 1024}}},
      {"Registry", {{"Host", "localhost"}, {"Port", 59890}, {"Type", "keeper"}}},
      {"Database", {{"Host", "localhost"}, {"Port", 6379}, {"Timeout", "5s"}, {"Type", "redisdb"}}},
  };
}

// device-virtual's example devices as core-metadata lists them (abridged).
json MetadataList(const std::string& path) {
  static const char* const kDevices[] = {"Random-Boolean-Device", "Random-Integer-Device",
                                         "Random-UnsignedInteger-Device", "Random-Float-Device"};
  json items = json::array();
  const char* key = "";
  if (path == "/api/v3/device/all") {
    key = "devices";
    for (const char* name : kDevices) {
      items.push_back({{"name", name},
                       {"adminState", "UNLOCKED"},
                       {"operatingState", "UP"},
                       {"labels", {"device-virtual-example"}},
                       {"serviceName", "device-virtual"},
                       {"profileName", name}});
    }
  } else if (path == "/api/v3/deviceservice/all") {
    key = "services";
    items.push_back({{"name", "device-virtual"},
                     {"adminState", "UNLOCKED"},
                     {"baseAddress", "http://127.0.0.1:59900"}});
  } else if (path == "/api/v3/deviceprofile/all") {
    key = "profiles";
    for (const char* name : kDevices) {
      items.push_back({{"name", name}, {"manufacturer", "IOTech"}, {"model", "Device-Virtual-01"}});
    }
  } else {
    return nullptr;
  }
  return {{"apiVersion", "v3"}, {"statusCode", 200}, {"totalCount", items.size()}, {key, items}};
}

std::string Respond(const Options& o, const std::string& request) {
  std::string line = request.substr(0, request.find("\r\n"));
  std::string method = line.substr(0, line.find(' '));
  std::string path = line.size() > method.size() + 1 ? line.substr(method.size() + 1) : "";
  path = path.substr(0, path.find(' '));
  path = path.substr(0, path.find('?'));
  int status = 200;
  json body;
  if (method != "GET") {
    status = 405;
    body = {{"apiVersion", "v3"}, {"message", "only GET is served"}, {"statusCode", 405}};
  } else if (path == "/api/v3/ping") {
    body = {{"apiVersion", "v3"}, {"timestamp", UnixDate()}, {"serviceName", o.service}};
  } else if (path == "/api/v3/version") {
    body = {{"apiVersion", "v3"}, {"version", o.version}, {"serviceName", o.service}};
  } else if (path == "/api/v3/config") {
    body = {{"apiVersion", "v3"}, {"serviceName", o.service}, {"config", Config(o)}};
  } else if (json list = o.service == "core-metadata" ? MetadataList(path) : nullptr;
             !list.is_null()) {
    body = std::move(list);
  } else {
    status = 404;
    body = {{"apiVersion", "v3"}, {"message", "no route " + path}, {"statusCode", 404}};
  }
  std::string text = body.dump();
  const char* reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Method Not Allowed";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
         "\r\nConnection: close\r\n\r\n" + text;
}

// The demo's telemetry: every second, the service's counters (none for other services) grow.
class Telemetry {
 public:
  explicit Telemetry(const std::string& service) : service_(service) {
    if (service == "core-data") metrics_ = {"EventsPersisted", "ReadingsPersisted"};
    if (service == "device-virtual") metrics_ = {"EventsSent", "ReadingsSent"};
    const char* broker = std::getenv("EDGECWMP_DEMO_MQTT_BROKER");
    if (broker == nullptr || *broker == '\0' || metrics_.empty()) return;
    std::string address = broker;
    size_t colon = address.rfind(':');
    int port = colon == std::string::npos ? 1883 : std::atoi(address.c_str() + colon + 1);
    mosquitto_lib_init();
    client_ = mosquitto_new(nullptr, true, nullptr);
    if (client_ == nullptr) return;
    mosquitto_reconnect_delay_set(client_, 1, 5, true);
    if (mosquitto_connect_async(client_, address.substr(0, colon).c_str(), port, 30) !=
            MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(client_) != MOSQ_ERR_SUCCESS) {
      std::fprintf(stderr, "%s: no MQTT broker at %s; no telemetry\n", service.c_str(), broker);
      mosquitto_destroy(client_);
      client_ = nullptr;
      return;
    }
    std::fprintf(stderr, "%s: telemetry to mqtt://%s/edgex/telemetry/%s/\n", service.c_str(),
                 broker, service.c_str());
  }
  ~Telemetry() {
    if (client_ == nullptr) return;
    mosquitto_disconnect(client_);
    mosquitto_loop_stop(client_, false);
    mosquitto_destroy(client_);
  }

  void PublishIfDue() {
    if (client_ == nullptr || time(nullptr) < next_) return;
    next_ = time(nullptr) + 1;
    ++count_;
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    for (size_t i = 0; i < metrics_.size(); ++i) {
      json metric = {
          {"apiVersion", "v3"},
          {"name", metrics_[i]},
          {"fields", {{{"name", "counter-count"}, {"value", count_ * (i == 0 ? 1 : 3)}}}},
          {"tags", {{{"name", "service"}, {"value", service_}}}},
          {"timestamp", int64_t{now.tv_sec} * 1000000000 + now.tv_nsec}};
      json envelope = {{"apiVersion", "v3"}, {"correlationID", ""},
                       {"requestID", ""},    {"errorCode", 0},
                       {"payload", metric},  {"contentType", "application/json"}};
      std::string topic = "edgex/telemetry/" + service_ + "/" + metrics_[i];
      std::string text = envelope.dump();
      mosquitto_publish(client_, nullptr, topic.c_str(), static_cast<int>(text.size()), text.data(),
                        0, false);
    }
  }

 private:
  std::string service_;
  std::vector<std::string> metrics_;
  mosquitto* client_ = nullptr;
  time_t next_ = 0;
  long count_ = 0;
};

// False once this process was re-parented: the supervisor that started it died.
bool ParentAlive(pid_t parent) { return getppid() == parent; }

void Serve(const Options& o, int listener, pid_t parent) {
  Telemetry telemetry(o.service);
  while (ParentAlive(parent)) {
    telemetry.PublishIfDue();
    pollfd ready{listener, POLLIN, 0};
    if (poll(&ready, 1, 1000) <= 0) continue;
    int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    timeval timeout{2, 0};  // a client that sends nothing does not hold the service for long
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
      ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<size_t>(n));
    }
    if (request.find("\r\n\r\n") != std::string::npos) {
      std::string response = Respond(o, request);
      size_t sent = 0;
      while (sent < response.size()) {
        ssize_t n = send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
    }
    close(fd);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const pid_t parent = getppid();
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::fprintf(stderr, "usage: %s --service NAME --port N [--address 127.0.0.1] [--version V]\n",
                 argv[0]);
    return 2;
  }
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(o.port));
  if (inet_pton(AF_INET, o.address.c_str(), &addr.sin_addr) != 1) {
    std::fprintf(stderr, "%s: bad address %s\n", o.service.c_str(), o.address.c_str());
    return 2;
  }
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      listen(listener, 16) == 0) {
    std::fprintf(stderr, "%s: EdgeX API on http://%s:%d/api/v3/\n", o.service.c_str(),
                 o.address.c_str(), o.port);
    Serve(o, listener, parent);
    return 0;
  }
  // Most often a real EdgeX on the same host holds the port (EdgeX uses 59880-59900): say which
  // port and how the demo moves away from it.
  std::fprintf(stderr,
               "%s: cannot listen on %s:%d (%s; an EdgeX on this host?); running without the "
               "API. Give the demo other ports with edgex.services_file (a copy of "
               "demo-services.json with other ports; scripts/run picks free ones), or manage "
               "the real EdgeX with edgex.executor = docker or systemd\n",
               o.service.c_str(), o.address.c_str(), o.port, std::strerror(errno));
  close(listener);
  while (ParentAlive(parent)) sleep(1);  // until SIGTERM
  return 0;
}
