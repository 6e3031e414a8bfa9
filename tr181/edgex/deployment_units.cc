// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/deployment_units.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <utility>

#include "base/fault_codes.h"
#include "base/file_io.h"
#include "base/log.h"
#include "tr181/binding_util.h"
#include "tr181/edgex/service_definition.h"

namespace edgecwmp::edgex {

namespace {

using rpc::DuOperationOutcome;
using Unit = DeploymentUnitRecord;
using namespace fault;  // the codes read as in TR-069 A.5.1
using tr181::TruncateUtf8;

constexpr const char* kDuTable = "Device.SoftwareModules.DeploymentUnit.{i}.";

// Dotted numeric comparison ("1.10" > "1.9"); non-numeric parts compare as text.
int CompareVersions(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    size_t ei = a.find('.', i), ej = b.find('.', j);
    if (ei == std::string::npos) ei = a.size();
    if (ej == std::string::npos) ej = b.size();
    std::string pa = i < a.size() ? a.substr(i, ei - i) : "0";
    std::string pb = j < b.size() ? b.substr(j, ej - j) : "0";
    bool na = !pa.empty() && std::all_of(pa.begin(), pa.end(), ::isdigit);
    bool nb = !pb.empty() && std::all_of(pb.begin(), pb.end(), ::isdigit);
    if (na && nb && pa.size() < 19 && pb.size() < 19) {
      long long x = std::stoll(pa), y = std::stoll(pb);
      if (x != y) return x < y ? -1 : 1;
    } else if (pa != pb) {
      return pa < pb ? -1 : 1;
    }
    i = ei + 1;
    j = ej + 1;
  }
  return 0;
}

DuOperationOutcome Failed(Status status) {
  DuOperationOutcome out;
  out.status = std::move(status);
  return out;
}
DuOperationOutcome Fail(uint32_t code, std::string message) {
  return Failed(Status::Fault(code, std::move(message)));
}

// |out| marked as the outcome of |operation| ("Install", "Update" or "Uninstall").
DuOperationOutcome Did(const char* operation, DuOperationOutcome out) {
  out.operation = operation;
  return out;
}

bool IsDefaultEnv(const std::string& ref) {
  return ref.empty() || ref == kExecEnvRef || ref == std::string(kExecEnvRef) + ".";
}

// 8-4-4-4-12 hexadecimal digits of the 128 bits |hi| |lo| (version and variant already set).
std::string FormatUuid(uint64_t hi, uint64_t lo) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32),
                unsigned((hi >> 16) & 0xFFFF), unsigned(hi & 0xFFFF), unsigned(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

// A random (RFC 9562 version 4) UUID.
std::string RandomUuid() {
  std::random_device rd;
  std::mt19937_64 gen((uint64_t(rd()) << 32) ^ rd());
  uint64_t hi = (gen() & ~0xF000ULL) | 0x4000ULL;
  uint64_t lo = (gen() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  return FormatUuid(hi, lo);
}

}  // namespace

std::string ServiceUuid(const std::string& name) {
  auto fnv = [&](uint64_t h) {
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
    return h;
  };
  uint64_t hi = fnv(14695981039346656037ULL), lo = fnv(0x6a09e667f3bcc908ULL);
  hi = (hi & ~0xF000ULL) | 0x8000ULL;                         // version 8
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC variant
  return FormatUuid(hi, lo);
}

bool IsUuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

struct DeploymentUnits::Rep {
  DeploymentUnitsOptions options;
  std::mutex op_mu;                   // one operation at a time
  std::mutex mu;                      // guards |units|; never held across executor or network calls
  std::map<std::string, Unit> units;  // by service name: ACS-installed and in-flight ones
  Executor* executor = nullptr;
  ProcessExecutor* process = nullptr;
  SoftwareModules* modules = nullptr;

  // The DU of |service|: its record, or the configured service's derived one.
  Unit UnitOf(const std::string& service) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = units.find(service);
    if (it != units.end()) return it->second;
    Unit u;
    u.uuid = ServiceUuid(service);
    u.vendor = options.vendor;
    u.description = "EdgeX service " + service;
    return u;
  }

  std::vector<std::string> Services() {
    std::vector<std::string> names;
    if (executor == nullptr || !executor->List(&names).ok()) names.clear();
    return names;
  }

  // The service whose DU has |uuid| ("" if none).
  std::string ServiceByUuid(const std::string& uuid) {
    std::string lowered = uuid;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), ::tolower);
    for (const std::string& name : Services()) {
      std::string u = UnitOf(name).uuid;
      std::transform(u.begin(), u.end(), u.begin(), ::tolower);
      if (u == lowered) return name;
    }
    return "";
  }

  std::string ServiceByUrl(const std::string& url) {
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [name, unit] : units) {
      if (unit.url == url) return name;
    }
    return "";
  }

  void SetStatus(const std::string& service, const char* status) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = units.find(service);
    if (it != units.end()) it->second.status = status;
  }

  Status Persist() {
    if (options.state_dir.empty()) return Status::Ok();
    std::map<std::string, Unit> snapshot;
    {
      std::lock_guard<std::mutex> lock(mu);
      snapshot = units;
    }
    return SaveInstalledUnits(options.state_dir, snapshot);
  }

  // Fills the parts of a successful outcome that describe |service|'s DU.
  void Describe(const std::string& service, DuOperationOutcome* out) {
    modules->Poll();  // re-lists: a new service gets its instance number now
    uint32_t instance = modules->InstanceOf(service);
    Unit unit = UnitOf(service);
    out->uuid = unit.uuid;
    out->version = unit.version;
    out->resolved = true;
    out->current_state = "Installed";
    if (instance != 0) {
      out->deployment_unit_ref = kDeploymentUnitPrefix + std::to_string(instance);
      out->execution_unit_refs.push_back(kExecutionUnitPrefix + std::to_string(instance));
    }
  }

  // Where an operation's definition comes from: GET the (resolved) URL, or a downloaded file.
  using Source = std::function<Status(const std::string& url, std::string* body)>;
  // The Source of a ChangeDUState operation: GET with the operation's credentials.
  Source Fetcher(const std::string& username, const std::string& password) const {
    DefinitionFetch fetch;
    fetch.allow_http = options.allow_http;
    fetch.username = username;
    fetch.password = password;
    fetch.ca_file = options.ca_file;
    fetch.ca_path = options.ca_path;
    fetch.timeout_ms = options.fetch_timeout_ms;
    fetch.max_bytes = options.max_definition_bytes;
    return [fetch](const std::string& url, std::string* body) {
      DefinitionFetch one = fetch;
      one.url = url;
      return FetchServiceDefinition(one, body);
    };
  }

  // Refusals and services kept from starting go to the agent's log (never with secrets).
  void Warn(const std::string& line) const { Log(LogLevel::kWarning, "edgex", line); }

  // Applies the policy to |d|'s service; false with the refusal in |out| (and the log).
  bool Vet(ServiceDefinition* d, DuOperationOutcome* out) const {
    Status s = ApplyServicePolicy(options.policy, &d->spec);
    if (s.ok()) return true;
    Warn("refused service definition " + d->spec.name + ": " + s.message());
    *out = Fail(s.code() == Error::kRequestDenied ? kRequestDenied : kInternalError, s.message());
    return false;
  }
  DuOperationOutcome Install(const std::string& url, const std::string& uuid,
                             const std::string& execution_env_ref, const Source& source);
  DuOperationOutcome Update(const std::string& uuid, const std::string& version,
                            const std::string& url, const Source& source);
  DuOperationOutcome Uninstall(const std::string& uuid, const std::string& version,
                               const std::string& execution_env_ref);

  // Checks common to every operation: a process supervisor to install into, and
  // |execution_env_ref| naming the one execution environment ("" = the default one).
  bool CanChange(DuOperationOutcome* out, const std::string& execution_env_ref = "") {
    if (executor == nullptr) {
      *out = Fail(kUnknownExecutionEnvironment, "no EdgeX execution environment is configured");
      return false;
    }
    if (process == nullptr) {
      *out = Fail(kDuEeMismatch, std::string("the ") + executor->kind() +
                                     " executor cannot run service definitions; install with " +
                                     executor->kind() + " itself");
      return false;
    }
    if (!IsDefaultEnv(execution_env_ref)) {
      *out = Fail(kUnknownExecutionEnvironment, "no execution environment " + execution_env_ref);
      return false;
    }
    return true;
  }

  // Checks common to Update and Uninstall of the service |name| that |ref| found ("" = none):
  // it has |version| ("" = any), the ACS installed it and no operation left it half done
  // (TR-069 A.4.1.10: else 9028, 9001, 9029). Fills |current| with its DU.
  bool CanModify(const std::string& name, const std::string& ref, const std::string& version,
                 Unit* current, DuOperationOutcome* out) {
    if (name.empty()) {
      *out = Fail(kUnknownDeploymentUnit, "no deployment unit " + ref);
      return false;
    }
    *current = UnitOf(name);
    if (!version.empty() && version != current->version) {
      *out = Fail(kUnknownDeploymentUnit,
                  "deployment unit " + current->uuid + " has no version " + version);
    } else if (!current->installed_by_acs) {
      *out = Fail(kRequestDenied, name + " is defined in the agent's configuration");
    } else if (current->status != "Installed") {
      *out = Fail(kInvalidDeploymentUnitState, name + " is " + current->status);
    } else {
      return true;
    }
    return false;
  }
};

DeploymentUnits::DeploymentUnits(DeploymentUnitsOptions options) : rep_(std::make_shared<Rep>()) {
  rep_->options = std::move(options);
}

DeploymentUnits::~DeploymentUnits() = default;

Status DeploymentUnits::LoadInstalled(std::vector<ServiceSpec>* specs, std::string* warning) {
  specs->clear();
  Rep& r = *rep_;
  std::map<std::string, Unit> loaded;
  LoadInstalledUnits(r.options.state_dir, &loaded, specs, warning);
  // The policy may have changed since the install (this is how existing installs meet a new
  // allow-list): a refused service keeps its DU but does not run.
  for (ServiceSpec& spec : *specs) {
    Status s = ApplyServicePolicy(r.options.policy, &spec);
    if (s.ok()) continue;
    spec.refused = "not started: " + s.message();
    r.Warn("installed service " + spec.name + " is " + spec.refused);
  }
  std::lock_guard<std::mutex> lock(r.mu);
  for (auto& [name, unit] : loaded) {
    if (unit.uuid.empty()) unit.uuid = ServiceUuid(name);
    r.units[name] = std::move(unit);
  }
  return Status::Ok();
}

void DeploymentUnits::Attach(Executor* executor, ProcessExecutor* process,
                             SoftwareModules* modules) {
  std::lock_guard<std::mutex> op(rep_->op_mu);  // not while an operation runs
  rep_->executor = executor;
  rep_->process = process;
  rep_->modules = modules;
}

Status DeploymentUnits::Bind(dm::DataModel* model) {
  std::shared_ptr<Rep> rep = rep_;
  if (rep->modules == nullptr) return Status::Internal("edgex: deployment units not attached");
  // A DU has its service's ExecutionUnit number: both tables read the same cached listing, so
  // reading a row costs no executor call per column.
  EDGECWMP_RETURN_IF_ERROR(tr181::BindListedTable(
      model, kDuTable, "Device.SoftwareModules.DeploymentUnitNumberOfEntries",
      [rep](const dm::Context&) {
        return rep->modules ? rep->modules->Instances() : std::vector<uint32_t>();
      }));

  using Read = std::function<std::string(const std::string& service, const Unit& u, uint32_t n)>;
  const std::vector<std::pair<const char*, Read>> columns = {
      {"UUID", [](const std::string&, const Unit& u, uint32_t) { return u.uuid; }},
      {"DUID", [](const std::string& s, const Unit&, uint32_t) { return TruncateUtf8(s, 64); }},
      {"Name", [](const std::string& s, const Unit&, uint32_t) { return TruncateUtf8(s, 256); }},
      {"Status", [](const std::string&, const Unit& u, uint32_t) { return u.status; }},
      {"Resolved", [](const std::string&, const Unit&, uint32_t) { return std::string("true"); }},
      {"URL",
       [](const std::string&, const Unit& u, uint32_t) { return TruncateUtf8(u.url, 2048); }},
      {"Description", [](const std::string&, const Unit& u,
                         uint32_t) { return TruncateUtf8(u.description, 256); }},
      {"Vendor",
       [](const std::string&, const Unit& u, uint32_t) { return TruncateUtf8(u.vendor, 128); }},
      {"Version",
       [](const std::string&, const Unit& u, uint32_t) { return TruncateUtf8(u.version, 32); }},
      {"ExecutionUnitList",
       [](const std::string&, const Unit&, uint32_t n) {
         return std::string(kExecutionUnitPrefix) + std::to_string(n);
       }},
      {"ExecutionEnvRef",
       [](const std::string&, const Unit&, uint32_t) { return std::string(kExecEnvRef); }},
  };
  for (const auto& [name, read] : columns) {
    dm::ParamBinding binding;
    binding.get = [rep, read = read](const dm::Context& ctx, std::string* value) {
      uint32_t n = ctx.instances.empty() ? 0 : ctx.instances.front();
      std::string service = rep->modules ? rep->modules->ServiceAt(n) : "";
      if (service.empty()) return Status::InvalidName(ctx.path + ": no such deployment unit");
      *value = read(service, rep->UnitOf(service), n);
      return Status::Ok();
    };
    EDGECWMP_RETURN_IF_ERROR(
        model->BindParameter(std::string(kDuTable) + name, std::move(binding)));
  }
  return Status::Ok();
}

bool DeploymentUnits::DownloadNeedsHttps() const { return !rep_->options.allow_http; }

// TR-069 A.4.1.10 InstallOpStruct.
DuOperationOutcome DeploymentUnits::Install(const std::string& url, const std::string& uuid,
                                            const std::string& username,
                                            const std::string& password,
                                            const std::string& execution_env_ref) {
  return Did("Install",
             rep_->Install(url, uuid, execution_env_ref, rep_->Fetcher(username, password)));
}

DuOperationOutcome DeploymentUnits::Rep::Install(const std::string& url, const std::string& uuid,
                                                 const std::string& execution_env_ref,
                                                 const Source& source) {
  Rep& r = *this;
  std::lock_guard<std::mutex> op(r.op_mu);
  DuOperationOutcome out;
  if (!r.CanChange(&out, execution_env_ref)) return out;
  std::string id = uuid;
  if (id.empty()) {  // the CPE makes one (TR-069 A.4.1.10 InstallOpStruct UUID)
    id = RandomUuid();
  } else if (!IsUuid(id)) {
    return Fail(kInvalidUuidFormat, "UUID " + id + " is not 8-4-4-4-12 hexadecimal digits");
  }
  if (!r.ServiceByUuid(id).empty()) {
    return Fail(kDuplicateDeploymentUnit, "a deployment unit " + id + " exists");
  }
  size_t installed = 0;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    for (const auto& entry : r.units) installed += entry.second.installed_by_acs ? 1 : 0;
  }
  if (installed >= r.options.max_installed) {
    return Fail(kSystemResourcesExceeded, "at most " + std::to_string(r.options.max_installed) +
                                              " deployment units can be installed");
  }
  std::string body;
  if (Status s = source(url, &body); !s.ok()) return Failed(s);
  ServiceDefinition d;
  if (Status s = ParseServiceDefinition(body, &d); !s.ok()) return Failed(s);
  if (!r.Vet(&d, &out)) return out;
  const std::string name = d.spec.name;
  std::vector<std::string> existing = r.Services();
  if (std::find(existing.begin(), existing.end(), name) != existing.end()) {
    return Fail(kDuplicateDeploymentUnit, "a service " + name + " is already installed");
  }
  Unit u;
  u.uuid = id;
  u.url = url;
  u.version = d.version;
  u.description = d.description.empty() ? "EdgeX service " + name : d.description;
  u.vendor = d.vendor.empty() ? r.options.vendor : d.vendor;
  u.installed_by_acs = true;
  u.status = "Installing";
  u.definition = d.object;
  {
    std::lock_guard<std::mutex> lock(r.mu);
    r.units[name] = u;
  }
  bool autostart = d.spec.autostart;
  Status s = r.process->Add(std::move(d.spec));
  if (s.ok()) {
    r.SetStatus(name, "Installed");
    s = r.Persist();
    // Best effort: a service left behind is in no persisted list, so no later start runs it.
    if (!s.ok()) (void)r.process->Remove(name);
  }
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(r.mu);
    r.units.erase(name);
    return Fail(kInternalError, s.message());
  }
  if (autostart) (void)r.process->Start(name);  // a failure shows as the EU's FailureOnStart
  r.Describe(name, &out);
  return out;
}

// TR-069 A.4.1.10 UpdateOpStruct.
DuOperationOutcome DeploymentUnits::Update(const std::string& uuid, const std::string& version,
                                           const std::string& url, const std::string& username,
                                           const std::string& password) {
  return Did("Update", rep_->Update(uuid, version, url, rep_->Fetcher(username, password)));
}

DuOperationOutcome DeploymentUnits::Rep::Update(const std::string& uuid, const std::string& version,
                                                const std::string& url, const Source& fetch) {
  Rep& r = *this;
  std::lock_guard<std::mutex> op(r.op_mu);
  DuOperationOutcome out;
  if (!r.CanChange(&out)) return out;
  if (!uuid.empty() && !IsUuid(uuid)) {
    return Fail(kInvalidUuidFormat, "UUID " + uuid + " is malformed");
  }
  // An empty UUID names the DU by the URL it was installed from.
  const std::string name = uuid.empty() ? r.ServiceByUrl(url) : r.ServiceByUuid(uuid);
  Unit current;
  if (!r.CanModify(name, uuid.empty() ? url : uuid, version, &current, &out)) return out;
  const std::string source = url.empty() ? current.url : url;
  std::string body;
  if (Status s = fetch(source, &body); !s.ok()) return Failed(s);
  ServiceDefinition d;
  if (Status s = ParseServiceDefinition(body, &d); !s.ok()) return Failed(s);
  if (d.version.empty()) {
    return Fail(kDuUpdateVersionNotSpecified, "the new definition has no version");
  }
  if (d.version == current.version) {
    return Fail(kDuUpdateVersionExists, "version " + d.version + " is installed");
  }
  if (!current.version.empty() && CompareVersions(d.version, current.version) < 0) {
    return Fail(kDuUpdateDowngradeNotPermitted, d.version + " is older than " + current.version);
  }
  if (!r.Vet(&d, &out)) return out;
  d.spec.name = name;  // an update never renames the service (its EU keeps its number)
  d.object["name"] = name;
  ServiceState state;
  bool was_running = r.executor->Inspect(name, &state).ok() && state.status != ServiceStatus::kIdle;
  bool start = was_running || d.spec.autostart;
  r.SetStatus(name, "Updating");
  Status s = r.process->Remove(name);
  if (s.ok()) s = r.process->Add(std::move(d.spec));
  if (!s.ok()) {
    r.SetStatus(name, "Installed");
    return Fail(kInternalError, s.message());
  }
  {
    std::lock_guard<std::mutex> lock(r.mu);
    Unit& u = r.units[name];
    u.url = source;
    u.version = d.version;
    if (!d.description.empty()) u.description = d.description;
    if (!d.vendor.empty()) u.vendor = d.vendor;
    u.definition = d.object;
    u.status = "Installed";
  }
  s = r.Persist();
  if (start) (void)r.process->Start(name);  // a failure shows as the EU's FailureOnStart
  r.Describe(name, &out);
  if (!s.ok()) {  // running, but not remembered across a restart: say so
    out.status = Status::Fault(kInternalError, "updated but not persisted: " + s.message());
  }
  return out;
}

// A service definition delivered by Download (kServiceDefinitionFileType): Install, or Update
// when the ACS installed a service of that name (the usual version rules apply). A file that is
// not a definition fails as an Install.
DuOperationOutcome DeploymentUnits::InstallFromFile(const std::string& path,
                                                    const std::string& url) {
  Rep& r = *rep_;
  std::string body;
  ServiceDefinition d;
  if (!ReadFile(path, &body).ok()) {
    return Did("Install", Fail(kInternalError, "cannot read " + path));
  }
  Status s = CheckDefinitionSize(body, r.options.max_definition_bytes);
  if (s.ok()) s = ParseServiceDefinition(body, &d);
  if (!s.ok()) return Did("Install", Failed(s));
  auto from_file = [&body](const std::string&, std::string* out) {
    *out = body;
    return Status::Ok();
  };
  Unit current = r.UnitOf(d.spec.name);
  if (current.installed_by_acs) return Did("Update", r.Update(current.uuid, "", url, from_file));
  return Did("Install", r.Install(url, "", "", from_file));
}

// TR-069 A.4.1.10 UninstallOpStruct.
DuOperationOutcome DeploymentUnits::Uninstall(const std::string& uuid, const std::string& version,
                                              const std::string& execution_env_ref) {
  return Did("Uninstall", rep_->Uninstall(uuid, version, execution_env_ref));
}

DuOperationOutcome DeploymentUnits::Rep::Uninstall(const std::string& uuid,
                                                   const std::string& version,
                                                   const std::string& execution_env_ref) {
  Rep& r = *this;
  std::lock_guard<std::mutex> op(r.op_mu);
  DuOperationOutcome out;
  if (!r.CanChange(&out, execution_env_ref)) return out;
  if (!IsUuid(uuid)) return Fail(kInvalidUuidFormat, "UUID " + uuid + " is malformed");
  const std::string name = r.ServiceByUuid(uuid);
  Unit current;
  if (!r.CanModify(name, uuid, version, &current, &out)) return out;
  uint32_t instance = r.modules->InstanceOf(name);
  r.SetStatus(name, "Uninstalling");
  Status s = r.process->Remove(name);
  if (!s.ok()) {
    r.SetStatus(name, "Installed");
    return Fail(kInternalError, s.message());
  }
  {
    std::lock_guard<std::mutex> lock(r.mu);
    r.units.erase(name);
  }
  s = r.Persist();
  r.modules->Poll();
  out.uuid = current.uuid;
  out.version = current.version;
  out.resolved = true;
  out.current_state = "Uninstalled";
  if (instance != 0) out.deployment_unit_ref = kDeploymentUnitPrefix + std::to_string(instance);
  if (!s.ok()) {
    out.status = Status::Fault(kInternalError, "removed but not persisted: " + s.message());
  }
  return out;
}

}  // namespace edgecwmp::edgex
