// SPDX-License-Identifier: GPL-2.0-or-later
// edgex-demo-service: a stand-in for one EdgeX service, for the agent's embedded demo and tests.
// It runs until SIGTERM and answers, on its address and port, what every EdgeX 3.x/4.x service
// answers (../shared/edgex/README.md): GET /api/v3/ping, /api/v3/version, /api/v3/config, with
// EdgeX's JSON shapes. One request per connection, one at a time: it is a demo, not a server.
// If its port is taken it keeps running without the API (and says so), so the supervisor still
// has a real process to start, stop and restart. It ends by itself when its parent (the agent's
// supervisor) is gone, so that a killed agent leaves no demo services behind.
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

// False once this process was re-parented: the supervisor that started it died.
bool ParentAlive(pid_t parent) { return getppid() == parent; }

void Serve(const Options& o, int listener, pid_t parent) {
  while (ParentAlive(parent)) {
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
