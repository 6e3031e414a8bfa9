// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/edgex_module.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include "base/file_io.h"
#include "base/log.h"
#include "tr181/definitions.h"
#include "tr181/edgex/deployment_units.h"
#include "tr181/edgex/docker_executor.h"
#include "tr181/edgex/edgex_client.h"
#include "tr181/edgex/edgex_devices.h"
#include "tr181/edgex/edgex_telemetry.h"
#include "tr181/edgex/metadata_client.h"
#include "tr181/edgex/mqtt_subscriber.h"
#include "tr181/edgex/process_executor.h"
#include "tr181/edgex/service_config.h"
#include "tr181/edgex/service_policy.h"
#include "tr181/edgex/software_modules.h"
#include "tr181/edgex/systemd_executor.h"

namespace edgecwmp::edgex {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kComponent = "edgex";  // in the agent's log
constexpr const char* kDemoProgram = "edgex-demo-service";
constexpr const char* kDemoPlaceholder = "${EDGECWMP_DEMO_SERVICE}";

bool IsExecutable(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && access(path.c_str(), X_OK) == 0;
}

std::string Trim(std::string text) {
  auto space = [](unsigned char ch) { return std::isspace(ch) != 0; };
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), space));
  text.erase(std::find_if_not(text.rbegin(), text.rend(), space).base(), text.end());
  return text;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item = Trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// The process executor's services, with the demo program's path put in for its placeholder, and
// the REST base URLs the services file gives ("url" of an entry).
Status LoadServices(const EdgexConfig& c, std::vector<ServiceSpec>* specs,
                    std::map<std::string, std::string>* urls, std::string* file) {
  *file = c.services_file.empty() ? DemoServicesFile(c.definitions_dir) : c.services_file;
  if (file->empty()) {
    return Status::NotFound("edgex: no services_file and no embedded demo-services.json found");
  }
  std::string text;
  if (!ReadFile(*file, &text).ok()) return Status::NotFound("edgex: cannot read " + *file);
  Status s = ParseServiceSpecs(text, specs, urls);
  if (!s.ok()) return Status::InvalidArguments(*file + ": " + s.message());
  std::string program;
  for (ServiceSpec& spec : *specs) {
    for (std::string& arg : spec.argv) {
      size_t at = arg.find(kDemoPlaceholder);
      if (at == std::string::npos) continue;
      if (program.empty()) program = DemoServiceProgram(c.demo_service);
      if (program.empty()) {
        return Status::NotFound(std::string("edgex: ") + kDemoProgram +
                                " not found (set edgex.demo_service)");
      }
      arg.replace(at, std::string(kDemoPlaceholder).size(), program);
    }
  }
  return Status::Ok();
}

// "<service>=<url>" or "<service>=<port>" (then on service_host, or 127.0.0.1).
Status ParseServiceUrl(const EdgexConfig& c, const std::string& entry,
                       std::map<std::string, std::string>* urls) {
  size_t eq = entry.find('=');
  std::string name = Trim(entry.substr(0, eq));
  std::string target = eq == std::string::npos ? "" : Trim(entry.substr(eq + 1));
  if (name.empty() || target.empty()) {
    return Status::InvalidArguments("edgex.service_url: expected <service>=<url or port>, not " +
                                    entry);
  }
  if (std::all_of(target.begin(), target.end(),
                  [](unsigned char ch) { return std::isdigit(ch); })) {
    target = "http://" + (c.service_host.empty() ? std::string("127.0.0.1") : c.service_host) +
             ":" + target;
  }
  while (!target.empty() && target.back() == '/') target.pop_back();
  (*urls)[name] = target;
  return Status::Ok();
}

// An allowed_commands entry must be absolute (a relative one would depend on the agent's working
// directory); a service_user that does not exist only keeps installed services from running.
Status CheckServicePolicy(const EdgexConfig& c) {
  for (const std::string& entry : c.allowed_commands) {
    for (const std::string& path : SplitList(entry)) {
      if (path.front() != '/') {
        return Status::InvalidArguments("edgex.allowed_commands: not an absolute path: " + path);
      }
    }
  }
  if (!c.service_group.empty() && c.service_user.empty()) {
    return Status::InvalidArguments("edgex.service_group needs edgex.service_user");
  }
  return Status::Ok();
}

// edgex.token, or edgex.token_file's content when set.
Status BearerToken(const EdgexConfig& c, std::string* token) {
  *token = c.token;
  if (c.token_file.empty()) return Status::Ok();
  if (!ReadFile(c.token_file, token).ok()) {
    return Status::NotFound("edgex: cannot read token_file " + c.token_file);
  }
  *token = Trim(*token);
  return Status::Ok();
}

}  // namespace

po::options_description EdgexOptions(EdgexConfig* c) {
  po::options_description d(
      "EdgeX services (Device.SoftwareModules.; changes take effect at start)");
  // clang-format off
  d.add_options()
      ("edgex.executor", po::value(&c->executor)->default_value(c->executor),
       "who runs the EdgeX services: process (the agent's own supervisor), docker, systemd, or "
       "none (no Device.SoftwareModules. rows)")
      ("edgex.services_file", po::value(&c->services_file),
       "process executor: JSON file of the services, {\"services\": [{\"name\", \"command\": "
       "[argv], \"url\": REST base URL, \"env\", \"workdir\", \"autostart\", \"restart\": "
       "never|on-failure|always, \"backoff_ms\", \"backoff_max_ms\", \"stop_timeout_ms\"}]} "
       "(empty: the embedded demo services, tr181/edgex/demo-services.json)")
      ("edgex.demo_service", po::value(&c->demo_service),
       "path of the edgex-demo-service program that ${EDGECWMP_DEMO_SERVICE} stands for in a "
       "services file (empty: searched beside the agent and in the build tree)")
      ("edgex.docker_socket", po::value(&c->docker_socket)->default_value(c->docker_socket),
       "docker executor: unix socket of the Docker Engine API")
      ("edgex.docker_name_prefix",
       po::value(&c->docker_name_prefix)->default_value(c->docker_name_prefix),
       "docker executor: a service is the container named <prefix><service>")
      ("edgex.docker_label", po::value(&c->docker_label),
       "docker executor: find a service's container by this label (e.g. "
       "com.docker.compose.service) instead of by name")
      ("edgex.systemctl", po::value(&c->systemctl)->default_value(c->systemctl),
       "systemd executor: the systemctl program")
      ("edgex.systemd_unit", po::value(&c->systemd_unit)->default_value(c->systemd_unit),
       "systemd executor: unit name of a service, %s = the service name")
      ("edgex.systemd_services", po::value(&c->systemd_services),
       "systemd executor: comma-separated services to manage (empty: every unit matching "
       "systemd_unit)")
      ("edgex.registry", po::value(&c->registry)->default_value(c->registry),
       "where EdgeX services register: core-keeper (EdgeX 3.1+), consul (older releases) or none")
      ("edgex.registry_url", po::value(&c->registry_url)->default_value(c->registry_url),
       "base URL of core-keeper (port 59890) or Consul (port 8500)")
      ("edgex.service_host", po::value(&c->service_host),
       "reach registered services on this host instead of the registered one (e.g. localhost "
       "when the agent runs on the Docker host)")
      ("edgex.service_url", po::value(&c->service_urls)->composing(),
       "<service>=<base URL or port> of a service's REST API (ping, version, config), used "
       "instead of the registry; repeatable")
      ("edgex.token", po::value(&c->token),
       "secure mode: bearer token (API gateway JWT) sent to EdgeX services (never logged)")
      ("edgex.token_file", po::value(&c->token_file),
       "secure mode: read the bearer token from this file (wins over token)")
      ("edgex.timeout_ms", po::value(&c->timeout_ms)->default_value(c->timeout_ms),
       "milliseconds one EdgeX REST request may take")
      ("edgex.poll_interval",
       po::value(&c->poll_interval_seconds)->default_value(c->poll_interval_seconds),
       "seconds between two checks of every service's state and health, so that a service that "
       "dies or is stopped outside the agent is noticed")
      ("edgex.metadata_url", po::value(&c->metadata_url),
       "base URL of core-metadata (port 59881) whose devices, device services and device "
       "profiles Device.X_EDGECWMP_EdgeX. shows (empty: no such object rows, except with the "
       "embedded demo services, whose core-metadata is used)")
      ("edgex.device_poll_interval",
       po::value(&c->device_poll_interval_seconds)
           ->default_value(c->device_poll_interval_seconds),
       "seconds between two reads of core-metadata's device, device service and device profile "
       "lists (one request each while they fit in a page of 200), so that a device going DOWN "
       "is noticed and actively notified; until core-metadata first answers, every 0.5 s for "
       "the first 10 s")
      ("edgex.telemetry_broker", po::value(&c->telemetry_broker),
       "MQTT broker of the EdgeX message bus, mqtt://host[:port] (1883) or mqtts://host[:port] "
       "(8883), whose service metrics (ADR 0006: <topic_prefix>/<service>/<metric>, a "
       "dtos.Metric JSON) Device.X_EDGECWMP_EdgeX.Telemetry. shows; reconnects with a back-off "
       "of 1 to 30 seconds (empty: telemetry off)")
      ("edgex.telemetry_client_id", po::value(&c->telemetry_client_id),
       "MQTT client id (empty: one the MQTT library makes up)")
      ("edgex.telemetry_user", po::value(&c->telemetry_user),
       "MQTT user name (empty: none)")
      ("edgex.telemetry_password", po::value(&c->telemetry_password),
       "MQTT password (never logged)")
      ("edgex.telemetry_topic_prefix",
       po::value(&c->telemetry_topic_prefix)->default_value(c->telemetry_topic_prefix),
       "the services' Writable.Telemetry.PublishTopicPrefix; <prefix>/# is subscribed")
      ("edgex.telemetry_ca_file", po::value(&c->telemetry_ca_file),
       "mqtts: CA certificates (PEM) the broker's certificate is checked against (empty: the "
       "system's trust store)")
      ("edgex.allowed_commands", po::value(&c->allowed_commands)->composing(),
       "process executor: the programs a service the ACS installs (Download of \"X 02EDC0 EdgeX "
       "Service Definition\", ChangeDUState) may run: absolute paths, comma-separated or "
       "repeated; an entry ending in / allows that directory tree. The command is resolved "
       "(PATH, .., symlinks) before the check. Empty: the ACS can install no service that runs "
       "(9001), and one installed earlier whose command is not listed is not started")
      ("edgex.service_user", po::value(&c->service_user),
       "process executor: run the services the ACS installs as this user (empty: as the agent; "
       "a user that does not exist: they do not run). Services from services_file are not "
       "affected")
      ("edgex.service_group", po::value(&c->service_group),
       "process executor: group for service_user (empty: the user's primary group)")
      ("edgex.allow_http_definitions",
       po::value(&c->allow_http_definitions)->default_value(c->allow_http_definitions),
       "also fetch service definitions over plain http (default: https only, http is 9013)");
  // clang-format on
  return d;
}

std::string DemoServicesFile(const std::string& definitions_dir) {
  std::string dir = tr181::DefinitionsDir(definitions_dir);
  if (dir.empty()) return "";
  fs::path file = fs::path(dir) / "edgex" / "demo-services.json";
  std::error_code ec;
  return fs::is_regular_file(file, ec) ? file.string() : "";
}

std::string DemoServiceProgram(const std::string& configured) {
  if (!configured.empty()) return IsExecutable(configured) ? configured : "";
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("EDGECWMP_DEMO_SERVICE"); env != nullptr && *env) {
    candidates.emplace_back(env);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path() / kDemoProgram);
    candidates.push_back(exe.parent_path().parent_path() / "libexec/edgecwmp" / kDemoProgram);
  }
#ifdef EDGECWMP_DEMO_SERVICE_BUILD_PATH
  candidates.emplace_back(EDGECWMP_DEMO_SERVICE_BUILD_PATH);
#endif
#ifdef EDGECWMP_DEMO_SERVICE_INSTALL_PATH
  candidates.emplace_back(EDGECWMP_DEMO_SERVICE_INSTALL_PATH);
#endif
  for (const fs::path& candidate : candidates) {
    if (IsExecutable(candidate)) return candidate.string();
  }
  return "";
}

struct EdgexModule::Rep {
  EdgexConfig config;
  std::mutex callback_mu;
  std::function<void(const std::string&)> callback;
  std::unique_ptr<Executor> executor;
  ProcessExecutor* process = nullptr;  // executor, when it is the process supervisor
  std::unique_ptr<EdgexClient> client;
  std::unique_ptr<SoftwareModules> modules;
  std::unique_ptr<DeploymentUnits> units;
  std::mutex poll_mu;
  std::condition_variable poll_cv;
  bool stopping = false;
  std::thread poller;
  std::unique_ptr<MetadataClient> metadata;
  std::unique_ptr<EdgexDevices> devices;
  std::thread device_poller;
  std::unique_ptr<EdgexTelemetry> telemetry;
  std::unique_ptr<MqttSubscriber> telemetry_client;  // destroyed before telemetry

  void Changed(const std::string& service) {
    std::lock_guard<std::mutex> lock(callback_mu);
    if (callback) callback(service);
  }

  Status MakeExecutor(std::map<std::string, std::string>* urls);
  void PollLoop();
  void DevicePollLoop();
  // Binds Device.X_EDGECWMP_EdgeX. to core-metadata at |url|; starts the poller unless told not.
  Status BindDevices(dm::DataModel* model, const std::string& url, bool start_poller = true);
  // Polls until core-metadata answers or |first_answer_wait| passed, then starts the poller.
  void StartDevicePoller(std::chrono::milliseconds first_answer_wait);
  Status BindTelemetry(dm::DataModel* model);
};

Status EdgexModule::Rep::MakeExecutor(std::map<std::string, std::string>* urls) {
  const EdgexConfig& c = config;
  if (c.executor == "process") {
    std::vector<ServiceSpec> specs;
    std::string file;
    Status s = LoadServices(c, &specs, urls, &file);
    if (!s.ok()) return s;
    std::vector<ServiceSpec> installed;  // by earlier ChangeDUStates
    std::string warning;
    Status loaded = units->LoadInstalled(&installed, &warning);
    if (!loaded.ok()) {
      Log(LogLevel::kWarning, kComponent, "services installed by the ACS: " + loaded.ToString());
    }
    if (!warning.empty()) Log(LogLevel::kWarning, kComponent, warning);
    for (ServiceSpec& spec : installed) {
      bool taken = std::any_of(specs.begin(), specs.end(),
                               [&](const ServiceSpec& other) { return other.name == spec.name; });
      if (taken) {
        Log(LogLevel::kWarning, kComponent, "installed service ", spec.name,
            " clashes with a configured one; skipped");
        continue;
      }
      specs.push_back(std::move(spec));
    }
    Log(LogLevel::kInfo, kComponent, "process supervisor: ", specs.size(), " services from ", file);
    auto supervisor = std::make_unique<ProcessExecutor>(std::move(specs));
    process = supervisor.get();
    executor = std::move(supervisor);
  } else if (c.executor == "docker") {
    DockerOptions o;
    o.socket_path = c.docker_socket;
    o.name_prefix = c.docker_name_prefix;
    o.service_label = c.docker_label;
    o.request_timeout_ms = static_cast<long>(c.timeout_ms) + 2000;
    executor = std::make_unique<DockerExecutor>(std::move(o));
  } else if (c.executor == "systemd") {
    SystemdOptions o;
    o.systemctl = c.systemctl;
    o.unit_template = c.systemd_unit;
    o.services = SplitList(c.systemd_services);
    executor = std::make_unique<SystemdExecutor>(std::move(o));
  } else {
    return Status::InvalidArguments(
        "edgex.executor must be process, docker, systemd or none, not " + c.executor);
  }
  return Status::Ok();
}

void EdgexModule::Rep::PollLoop() {
  const auto interval = std::chrono::seconds(std::max<uint32_t>(1, config.poll_interval_seconds));
  std::unique_lock<std::mutex> lock(poll_mu);
  while (!stopping) {
    lock.unlock();
    modules->Poll();
    lock.lock();
    poll_cv.wait_for(lock, interval, [this] { return stopping; });
  }
}

void EdgexModule::Rep::DevicePollLoop() {
  const auto interval =
      std::chrono::seconds(std::max<uint32_t>(1, config.device_poll_interval_seconds));
  // core-metadata often starts with the agent (the embedded demo, a boot): until its first
  // answer, retry every half second for 10 seconds before falling back to the interval.
  constexpr auto kStartupRetry = std::chrono::milliseconds(500);
  int startup_retries = 20;
  std::unique_lock<std::mutex> lock(poll_mu);
  bool reachable = true;
  while (!stopping) {
    lock.unlock();
    Status st = devices->Poll();
    if (st.ok()) startup_retries = 0;
    bool starting = startup_retries > 0;
    if (st.ok() != reachable && !starting) {  // log the transitions only, not every failed poll
      reachable = st.ok();
      Log(reachable ? LogLevel::kInfo : LogLevel::kWarning, kComponent,
          reachable ? "core-metadata reachable again" : "core-metadata: " + st.ToString());
    }
    lock.lock();
    poll_cv.wait_for(lock, starting ? kStartupRetry : interval, [this] { return stopping; });
    if (starting) --startup_retries;
  }
}

Status EdgexModule::Rep::BindDevices(dm::DataModel* model, const std::string& url,
                                     bool start_poller) {
  MetadataClientOptions options;
  options.base_url = url;
  std::string token;
  EDGECWMP_RETURN_IF_ERROR(BearerToken(config, &token));
  options.bearer_token = token;
  options.timeout_ms = static_cast<long>(std::max<uint32_t>(100, config.timeout_ms));
  options.connect_timeout_ms = std::min<long>(1000, options.timeout_ms);
  metadata = std::make_unique<MetadataClient>(std::move(options));
  devices = std::make_unique<EdgexDevices>(metadata.get(), [this] { Changed("core-metadata"); });
  Status s = devices->Bind(model);
  if (!s.ok()) return s;
  if (start_poller) StartDevicePoller(std::chrono::milliseconds(0));
  return Status::Ok();
}

void EdgexModule::Rep::StartDevicePoller(std::chrono::milliseconds first_answer_wait) {
  const auto deadline = std::chrono::steady_clock::now() + first_answer_wait;
  std::unique_lock<std::mutex> lock(poll_mu);
  while (std::chrono::steady_clock::now() < deadline && !stopping) {
    lock.unlock();
    bool answered = devices->Poll().ok();
    lock.lock();
    if (answered) break;
    poll_cv.wait_for(lock, std::chrono::milliseconds(50), [this] { return stopping; });
  }
  device_poller = std::thread([this] { DevicePollLoop(); });
}

Status EdgexModule::Rep::BindTelemetry(dm::DataModel* model) {
  const EdgexConfig& c = config;
  std::string prefix = c.telemetry_topic_prefix;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (prefix.empty() || prefix.find_first_of("#+") != std::string::npos) {
    return Status::InvalidArguments("edgex.telemetry_topic_prefix must be a topic, not " +
                                    c.telemetry_topic_prefix);
  }
  if (c.telemetry_broker.empty()) {  // nothing bound: TelemetryStatus shows its default, Disabled
    Log(LogLevel::kInfo, kComponent, "telemetry off (no edgex.telemetry_broker)");
    return Status::Ok();
  }
  telemetry = std::make_unique<EdgexTelemetry>(prefix);
  EDGECWMP_RETURN_IF_ERROR(telemetry->Bind(model));
  MqttSubscriberOptions options;
  options.url = c.telemetry_broker;
  options.client_id = c.telemetry_client_id;
  options.username = c.telemetry_user;
  options.password = c.telemetry_password;
  options.ca_file = c.telemetry_ca_file;
  options.topic_filter = prefix + "/#";
  EdgexTelemetry* sink = telemetry.get();
  telemetry_client = std::make_unique<MqttSubscriber>(
      std::move(options),
      [sink](std::string_view topic, std::string_view payload) { sink->Handle(topic, payload); },
      [sink](MqttSubscriber::State state) {
        sink->SetBrokerState(state == MqttSubscriber::State::kConnected
                                 ? EdgexTelemetry::BrokerState::kConnected
                                 : EdgexTelemetry::BrokerState::kConnecting);
      });
  telemetry->SetBrokerState(EdgexTelemetry::BrokerState::kConnecting);
  Status s = telemetry_client->Start();
  if (!s.ok()) return Status::InvalidArguments("edgex.telemetry_broker: " + s.message());
  return Status::Ok();
}

EdgexModule::EdgexModule(EdgexConfig config) : rep_(std::make_unique<Rep>()) {
  rep_->config = std::move(config);
  const EdgexConfig& c = rep_->config;
  DeploymentUnitsOptions units;
  units.state_dir = c.state_dir;
  for (const std::string& entry : c.allowed_commands) {
    for (std::string& path : SplitList(entry)) units.policy.allowed_commands.push_back(path);
  }
  units.policy.user = c.service_user;
  units.policy.group = c.service_group;
  units.allow_http = c.allow_http_definitions;
  units.ca_file = c.ca_file;  // a definition comes from where firmware does: the ACS's trust
  units.ca_path = c.ca_path;
  rep_->units = std::make_unique<DeploymentUnits>(std::move(units));
}

rpc::DeploymentUnitBackend* EdgexModule::deployment_units() { return rep_->units.get(); }

EdgexModule::~EdgexModule() {
  {
    std::lock_guard<std::mutex> lock(rep_->poll_mu);
    rep_->stopping = true;
  }
  rep_->poll_cv.notify_all();
  if (rep_->poller.joinable()) rep_->poller.join();
  if (rep_->device_poller.joinable()) rep_->device_poller.join();
  rep_->telemetry_client.reset();  // joins the MQTT thread before its sink goes
  rep_->units->Attach(nullptr, nullptr, nullptr);
  rep_->modules.reset();   // detaches from the executor's state callback
  rep_->executor.reset();  // the process supervisor stops its services
}

void EdgexModule::SetChangeCallback(std::function<void(const std::string& service)> callback) {
  std::lock_guard<std::mutex> lock(rep_->callback_mu);
  rep_->callback = std::move(callback);
}

const char* EdgexModule::executor_kind() const {
  return rep_->executor ? rep_->executor->kind() : "";
}

Status EdgexModule::Bind(dm::DataModel* model) {
  Rep& r = *rep_;
  const EdgexConfig& c = r.config;
  if (r.modules || r.devices || r.telemetry) return Status::Internal("edgex: bound twice");
  EDGECWMP_RETURN_IF_ERROR(r.BindTelemetry(model));  // EdgeX's bus, whoever runs its services
  if (!c.metadata_url.empty()) {  // devices are EdgeX's, whoever runs its services
    EDGECWMP_RETURN_IF_ERROR(r.BindDevices(model, c.metadata_url));
  }
  if (c.executor == "none") return Status::Ok();
  if (c.registry != "core-keeper" && c.registry != "consul" && c.registry != "none") {
    return Status::InvalidArguments("edgex.registry must be core-keeper, consul or none, not " +
                                    c.registry);
  }
  Status s = CheckServicePolicy(c);
  if (!s.ok()) return s;
  RunAs run_as;
  if (!c.service_user.empty()) {
    Status user = LookUpRunAs(c.service_user, c.service_group, &run_as);
    if (!user.ok()) {
      Log(LogLevel::kWarning, kComponent, "edgex.service_user: ", user.message(),
          "; services the ACS installs will not run");
    }
  }
  std::map<std::string, std::string> urls;
  s = r.MakeExecutor(&urls);
  if (!s.ok()) return s;
  for (const std::string& entry : c.service_urls) {
    s = ParseServiceUrl(c, entry, &urls);
    if (!s.ok()) return s;
  }
  // The embedded demo: its core-metadata lists device-virtual's example devices.
  auto demo_metadata = urls.find("core-metadata");
  const bool demo_devices = c.metadata_url.empty() && c.executor == "process" &&
                            c.services_file.empty() && demo_metadata != urls.end();
  if (demo_devices) EDGECWMP_RETURN_IF_ERROR(r.BindDevices(model, demo_metadata->second, false));

  EdgexClientOptions client;
  client.registry = c.registry == "consul" ? RegistryKind::kConsul : RegistryKind::kCoreKeeper;
  client.registry_url = c.registry_url;
  client.service_host_override = c.service_host;
  client.timeout_ms = static_cast<long>(std::max<uint32_t>(100, c.timeout_ms));
  client.connect_timeout_ms = std::min<long>(1000, client.timeout_ms);
  s = BearerToken(c, &client.bearer_token);
  if (!s.ok()) return s;
  r.client = std::make_unique<EdgexClient>(std::move(client));

  SoftwareModulesOptions options;
  options.edgex = r.client.get();
  options.service_urls = std::move(urls);
  options.use_registry = c.registry != "none";
  if (!c.state_dir.empty()) options.instances_file = c.state_dir + "/edgex-instances.txt";
  Rep* rep = rep_.get();
  options.on_change = [rep](const std::string& service) { rep->Changed(service); };
  r.modules = std::make_unique<SoftwareModules>(r.executor.get(), std::move(options));
  s = r.modules->Bind(model);
  if (!s.ok()) return s;
  r.units->Attach(r.executor.get(), r.process, r.modules.get());
  s = r.units->Bind(model);
  if (!s.ok()) return s;

  if (r.process != nullptr) {
    s = r.process->StartAutostart();  // a failure shows as FailureOnAutoStart, not a dead agent
    if (!s.ok()) Log(LogLevel::kWarning, kComponent, "autostart: " + s.ToString());
  }
  std::vector<std::string> services;
  if (r.executor->List(&services).ok()) {
    std::string names;
    for (const std::string& name : services) names += (names.empty() ? "" : ", ") + name;
    Log(LogLevel::kInfo, kComponent, r.executor->kind(), " executor manages: ", names);
  } else {
    Log(LogLevel::kWarning, kComponent, r.executor->kind(), " executor: cannot list services yet");
  }
  r.modules->Poll();  // the baseline the poller compares with
  r.poller = std::thread([rep] { rep->PollLoop(); });
  if (demo_devices) r.StartDevicePoller(std::chrono::seconds(2));  // devices in the first Inform
  return Status::Ok();
}

}  // namespace edgecwmp::edgex
