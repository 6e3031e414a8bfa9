// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/profile.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <functional>
#include <utility>

#include "base/file_io.h"

namespace edgecwmp::cwmp::fleet {

namespace {

// One {i...} placeholder's text for |index|, or false when |spec| (between the braces) is not one.
bool ExpandPlaceholder(std::string_view spec, uint64_t index, std::string* out) {
  char buf[64];
  if (spec == "i") {
    *out += std::to_string(index);
    return true;
  }
  if (spec == "i:mac") {
    std::snprintf(buf, sizeof(buf), "%02x:%02x:%02x", static_cast<unsigned>((index >> 16) & 0xff),
                  static_cast<unsigned>((index >> 8) & 0xff), static_cast<unsigned>(index & 0xff));
    *out += buf;
    return true;
  }
  if (spec.size() < 4 || spec.substr(0, 2) != "i:") return false;
  const char form = spec[2];
  if (form != '0' && form != 'x') return false;
  int width = 0;
  for (char c : spec.substr(3)) {
    if (c < '0' || c > '9' || width > 32) return false;
    width = width * 10 + (c - '0');
  }
  std::snprintf(buf, sizeof(buf), form == 'x' ? "%0*llx" : "%0*llu", width,
                static_cast<unsigned long long>(index));
  *out += buf;
  return true;
}

const std::pair<const char*, MisbehaviourKind> kMisbehaviourNames[] = {
    {"slow_answers", MisbehaviourKind::kSlowAnswers},
    {"drop_answer", MisbehaviourKind::kDropAnswer},
    {"fault", MisbehaviourKind::kFault},
    {"cut_connection", MisbehaviourKind::kCutConnection},
    {"missing_cookie", MisbehaviourKind::kMissingCookie},
    {"garbled_xml", MisbehaviourKind::kGarbledXml},
    {"wrong_id", MisbehaviourKind::kWrongId},
    {"refuse_transfer", MisbehaviourKind::kRefuseTransfer},
    {"reboot_storm", MisbehaviourKind::kRebootStorm},
};

const std::pair<const char*, GeneratorSpec::Kind> kGeneratorNames[] = {
    {"counter", GeneratorSpec::Kind::kCounter}, {"random_walk", GeneratorSpec::Kind::kRandomWalk},
    {"uptime", GeneratorSpec::Kind::kUptime},   {"enum", GeneratorSpec::Kind::kEnum},
    {"list", GeneratorSpec::Kind::kList},
};

Status Bad(const YAML::Node& node, const std::string& what) {
  return Status::InvalidArguments("profile line " + std::to_string(node.Mark().line + 1) + ": " +
                                  what);
}

// Reads node[key] into *out when present. yaml-cpp throws on a value of the wrong type; the
// caller turns that into a Status naming the line.
template <typename T>
void Read(const YAML::Node& node, const char* key, T* out) {
  if (node[key]) *out = node[key].as<T>();
}

void ReadIdentity(const YAML::Node& n, FleetProfile* p) {
  Read(n, "manufacturer", &p->manufacturer);
  Read(n, "oui", &p->oui);
  Read(n, "product_class", &p->product_class);
  Read(n, "serial", &p->serial);
  Read(n, "mac", &p->mac);
}

void ReadConnectionRequest(const YAML::Node& n, FleetProfile* p) {
  Read(n, "address", &p->cr_address);
  Read(n, "port", &p->cr_port);
  Read(n, "host", &p->cr_host);
  Read(n, "username", &p->cr_username);
  Read(n, "password", &p->cr_password);
}

void ReadTiming(const YAML::Node& n, FleetProfile* p) {
  Read(n, "periodic_interval", &p->periodic_interval);
  Read(n, "jitter", &p->jitter);
  Read(n, "boot_ramp", &p->boot_ramp);
  Read(n, "retry_min_wait", &p->retry_min_wait);
  Read(n, "retry_multiplier", &p->retry_multiplier);
  Read(n, "workers", &p->workers);
  Read(n, "http_timeout_ms", &p->http_timeout_ms);
}

Status ReadGenerator(const YAML::Node& n, GeneratorSpec* g) {
  if (!n.IsMap() || !n["kind"]) return Bad(n, "a generator needs a kind");
  const std::string kind = n["kind"].as<std::string>();
  bool known = false;
  for (const auto& [name, k] : kGeneratorNames) {
    if (kind == name) g->kind = k, known = true;
  }
  if (!known) return Bad(n, "unknown generator kind '" + kind + "'");
  Read(n, "start", &g->start);
  Read(n, "rate", &g->rate);
  Read(n, "step", &g->step);
  Read(n, "min", &g->min);
  Read(n, "max", &g->max);
  Read(n, "values", &g->values);
  const bool picks = g->kind == GeneratorSpec::Kind::kEnum || g->kind == GeneratorSpec::Kind::kList;
  if (picks && g->values.empty()) return Bad(n, kind + " needs values");
  if (g->min > g->max) return Bad(n, "min is above max");
  return Status::Ok();
}

Status ReadMisbehaviour(const YAML::Node& n, Misbehaviour* m) {
  if (!n.IsMap() || !n["kind"]) return Bad(n, "a misbehaviour needs a kind");
  const std::string kind = n["kind"].as<std::string>();
  bool known = false;
  for (const auto& [name, k] : kMisbehaviourNames) {
    if (kind == name) m->kind = k, known = true;
  }
  if (!known) return Bad(n, "unknown misbehaviour kind '" + kind + "'");
  Read(n, "fraction", &m->fraction);
  Read(n, "message", &m->message);
  Read(n, "rpc", &m->rpc);
  Read(n, "file_type", &m->file_type);
  Read(n, "code", &m->code);
  Read(n, "delay_ms", &m->delay_ms);
  Read(n, "after", &m->after);
  Read(n, "every", &m->every);
  if (m->fraction < 0 || m->fraction > 1) return Bad(n, "fraction must be within 0..1");
  if (m->kind == MisbehaviourKind::kFault && m->rpc.empty()) return Bad(n, "fault needs an rpc");
  if (m->kind == MisbehaviourKind::kRebootStorm && m->every == 0)
    return Bad(n, "every must be > 0");
  return Status::Ok();
}

Status ReadDatamodel(const YAML::Node& n, FleetProfile* p) {
  Read(n, "source", &p->datamodel_source);
  Read(n, "instances", &p->instances);
  Read(n, "values", &p->values);
  for (const auto& [table, rows] : p->instances) {
    if (table.empty() || table.back() != '.') return Bad(n, "table '" + table + "' must end in .");
  }
  return Status::Ok();
}

Status ReadTop(const YAML::Node& root, FleetProfile* p) {
  if (!root.IsMap()) return Bad(root, "a profile is a mapping");
  Read(root, "count", &p->count);
  Read(root, "seed", &p->seed);
  Read(root, "cwmp_version", &p->cwmp_version);
  if (const YAML::Node acs = root["acs"]) {
    Read(acs, "url", &p->acs_url);
    Read(acs, "username", &p->acs_username);
    Read(acs, "password", &p->acs_password);
  }
  if (root["identity"]) ReadIdentity(root["identity"], p);
  if (root["connection_request"]) ReadConnectionRequest(root["connection_request"], p);
  if (root["timing"]) ReadTiming(root["timing"], p);
  if (const YAML::Node t = root["transfers"]) {
    Read(t, "delay", &p->transfer_delay);
    Read(t, "fault", &p->transfer_fault);
  }
  if (root["datamodel"]) {
    if (Status s = ReadDatamodel(root["datamodel"], p); !s.ok()) return s;
  }
  for (const auto& entry : root["generators"]) {
    GeneratorSpec g;
    if (Status s = ReadGenerator(entry.second, &g); !s.ok()) return s;
    p->generators[entry.first.as<std::string>()] = std::move(g);
  }
  for (const auto& entry : root["misbehaviour"]) {
    Misbehaviour m;
    if (Status s = ReadMisbehaviour(entry, &m); !s.ok()) return s;
    p->misbehaviour.push_back(std::move(m));
  }
  if (p->workers == 0) return Bad(root, "timing.workers must be > 0");
  if (p->boot_ramp <= 0) return Bad(root, "timing.boot_ramp must be > 0");
  if (p->periodic_interval == 0) return Bad(root, "timing.periodic_interval must be > 0");
  if (p->jitter >= p->periodic_interval)
    return Bad(root, "timing.jitter must be below the interval");
  return Status::Ok();
}

}  // namespace

const char* MisbehaviourName(MisbehaviourKind kind) {
  for (const auto& [name, k] : kMisbehaviourNames) {
    if (k == kind) return name;
  }
  return "?";
}

std::string ExpandTemplate(std::string_view text, uint64_t index) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    const size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    if (!ExpandPlaceholder(text.substr(open + 1, close - open - 1), index, &out)) {
      out.append(text.substr(open, close - open + 1));
    }
    pos = close + 1;
  }
  if (pos < text.size()) out.append(text.substr(pos));
  return out;
}

Status ParseProfile(std::string_view yaml, FleetProfile* out) {
  FleetProfile profile;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (Status s = ReadTop(root, &profile); !s.ok()) return s;
  } catch (const YAML::Exception& e) {
    return Status::InvalidArguments("profile line " + std::to_string(e.mark.line + 1) + ": " +
                                    e.msg);
  }
  *out = std::move(profile);
  return Status::Ok();
}

Status LoadProfile(const std::string& path, FleetProfile* out) {
  std::string text;
  if (Status s = ReadFile(path, &text); !s.ok()) return s;
  Status s = ParseProfile(text, out);
  if (!s.ok()) return Status(s.code(), path + ": " + s.message());
  return s;
}

}  // namespace edgecwmp::cwmp::fleet
