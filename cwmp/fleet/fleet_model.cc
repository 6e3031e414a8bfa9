// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/fleet_model.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <utility>

#include <pugixml.hpp>

#include "base/file_io.h"
#include "cwmp/fleet/value_generator.h"
#include "cwmp/protocol/codec.h"
#include "tr181/definitions.h"

namespace edgecwmp::cwmp::fleet {

namespace {

// Parameters every CWMP CPE lists in each Inform (TR-098 and TR-181 names, below the root).
const char* const kForcedInform[] = {
    "DeviceSummary",
    "RootDataModelVersion",
    "DeviceInfo.SpecVersion",
    "DeviceInfo.HardwareVersion",
    "DeviceInfo.SoftwareVersion",
    "DeviceInfo.ProvisioningCode",
    "ManagementServer.ParameterKey",
    "ManagementServer.ConnectionRequestURL",
};

bool IsNumber(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "xsd:unsignedInt" → "unsignedInt"; what the schema does not know reads as string.
std::string SchemaType(std::string_view xsi_type) {
  if (size_t colon = xsi_type.find(':'); colon != std::string_view::npos) {
    xsi_type = xsi_type.substr(colon + 1);
  }
  if (xsi_type == "base64Binary") return "base64";
  dm::Type type;
  return dm::ParseTypeName(xsi_type, &type) ? std::string(xsi_type) : "string";
}

struct ImportedObject {
  bool table = false;
  std::vector<std::pair<std::string, std::string>> params;  // name, type
  std::set<std::string> seen;
};

// Adds |path|'s objects (every prefix ending in '.') and rows to |objects| and |rows|.
void NoteObjects(const std::string& path, std::vector<std::string>* order,
                 std::map<std::string, ImportedObject>* objects,
                 std::map<std::string, std::set<uint32_t>>* rows) {
  size_t dot = 0;
  while ((dot = path.find('.', dot)) != std::string::npos) {
    const std::string prefix = path.substr(0, dot + 1);
    ++dot;
    const size_t start = prefix.rfind('.', prefix.size() - 2);
    const std::string segment =
        prefix.substr(start == std::string::npos ? 0 : start + 1, prefix.size() - 1 - (start + 1));
    const std::string tmpl = TemplateOf(prefix);
    // "X." of a table "X.{i}." is implicit in the schema: only its rows are objects.
    const size_t next = path.find('.', dot);
    if (next != std::string::npos && IsNumber(path.substr(dot, next - dot))) continue;
    if (IsNumber(segment)) {
      (*rows)[prefix.substr(0, start + 1)].insert(static_cast<uint32_t>(std::stoul(segment)));
    }
    if (objects->count(tmpl) == 0) {
      order->push_back(tmpl);
      (*objects)[tmpl].table = IsNumber(segment);
    }
  }
}

bool IsForced(const std::string& root, const std::string& tmpl, const std::string& name) {
  for (const char* forced : kForcedInform) {
    if (tmpl + name == root + forced) return true;
  }
  return false;
}

// {serial} and {mac} in a start value.
std::string ExpandIdentity(std::string v, const CpeIdentity& id) {
  const std::pair<std::string_view, const std::string*> keys[] = {{"{serial}", &id.serial},
                                                                  {"{mac}", &id.mac}};
  for (const auto& [key, with] : keys) {
    for (size_t at; (at = v.find(key)) != std::string::npos;) v.replace(at, key.size(), *with);
  }
  return v;
}

}  // namespace

std::string TemplateOf(std::string_view path) {
  std::string out;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t dot = path.find('.', pos);
    std::string_view seg = path.substr(pos, dot == std::string_view::npos ? dot : dot - pos);
    out += IsNumber(seg) ? std::string("{i}") : std::string(seg);
    if (dot == std::string_view::npos) break;
    out += '.';
    pos = dot + 1;
  }
  return out;
}

CpeIdentity IdentityOf(const FleetProfile& p, uint64_t index) {
  CpeIdentity id;
  id.index = index;
  id.oui = ExpandTemplate(p.oui, index);
  id.product_class = ExpandTemplate(p.product_class, index);
  id.serial = ExpandTemplate(p.serial, index);
  id.mac = ExpandTemplate(p.mac, index);
  return id;
}

Status ImportGpvDump(std::string_view envelope_xml, ImportedModel* out) {
  Codec codec(CodecLimits{16 * 1024 * 1024, 1000000, 64 * 1024});
  CpeEnvelope env;
  DecodeError err;
  if (!codec.DecodeCpe(envelope_xml, &env, &err).ok()) {
    return Status::InvalidArguments("not a CWMP envelope: " + err.detail);
  }
  const auto* response = std::get_if<CpeResponse>(&env.body);
  const auto* gpv = response ? std::get_if<GetParameterValuesResponse>(response) : nullptr;
  if (gpv == nullptr || gpv->parameter_list.empty()) {
    return Status::InvalidArguments("not a GetParameterValuesResponse with parameters");
  }
  std::vector<std::string> order;
  std::map<std::string, ImportedObject> objects;
  std::map<std::string, std::set<uint32_t>> rows;
  ImportedModel model;
  for (const ParameterValueStruct& p : gpv->parameter_list) {
    const size_t dot = p.name.rfind('.');
    if (dot == std::string::npos || dot + 1 == p.name.size()) {
      return Status::InvalidArguments("not a parameter name: " + p.name);
    }
    NoteObjects(p.name.substr(0, dot + 1), &order, &objects, &rows);
    ImportedObject& obj = objects[TemplateOf(p.name.substr(0, dot + 1))];
    const std::string name = p.name.substr(dot + 1);
    if (obj.seen.insert(name).second) obj.params.emplace_back(name, SchemaType(p.type));
    model.values[p.name] = p.value;
  }
  const std::string root = order.front();
  // pugixml writes the definitions (and escapes whatever the dump's names hold).
  pugi::xml_document doc;
  pugi::xml_node datamodel = doc.append_child("datamodel");
  datamodel.append_attribute("name") = "imported";
  for (const std::string& tmpl : order) {
    const ImportedObject& obj = objects[tmpl];
    pugi::xml_node o = datamodel.append_child("object");
    o.append_attribute("path") = tmpl.c_str();
    o.append_attribute("access") = obj.table ? "readWrite" : "readOnly";
    if (obj.table) {
      o.append_attribute("minEntries") = "0";
      o.append_attribute("maxEntries") = "unbounded";
    }
    for (const auto& [name, type] : obj.params) {
      pugi::xml_node p = o.append_child("parameter");
      p.append_attribute("name") = name.c_str();
      p.append_attribute("type") = type.c_str();
      p.append_attribute("access") = "readWrite";
      if (IsForced(root, tmpl, name)) p.append_attribute("forcedInform") = "true";
    }
  }
  std::ostringstream xml;
  doc.save(xml, "", pugi::format_raw);
  model.schema_xml = xml.str();
  for (const auto& [table, numbers] : rows) {
    model.instances[table] = std::vector<uint32_t>(numbers.begin(), numbers.end());
  }
  *out = std::move(model);
  return Status::Ok();
}

Status FleetModel::Load(const FleetProfile& profile) {
  profile_ = &profile;
  if (profile.datamodel_source == "tr181") {
    if (Status s = tr181::LoadDefinitions(&schema_); !s.ok()) return s;
    instances_.clear();
    for (const auto& [table, count] : profile.instances) {
      for (uint32_t i = 1; i <= count; ++i) instances_[table].push_back(i);
    }
  } else {
    std::string xml;
    if (Status s = ReadFile(profile.datamodel_source, &xml); !s.ok()) return s;
    ImportedModel imported;
    if (Status s = ImportGpvDump(xml, &imported); !s.ok()) {
      return Status(s.code(), profile.datamodel_source + ": " + s.message());
    }
    if (Status s = schema_.LoadString(imported.schema_xml, profile.datamodel_source); !s.ok()) {
      return s;
    }
    instances_ = std::move(imported.instances);
    values_ = std::move(imported.values);
  }
  if (schema_.root() == nullptr) return Status::InvalidArguments("the data model has no root");
  root_ = schema_.root()->path;
  for (const auto& [path, value] : profile.values) values_[path] = value;
  return Status::Ok();
}

Status FleetModel::ApplyRows(dm::DataModel* model, const std::string& table,
                             const std::vector<uint32_t>& rows) const {
  // Rows are recreated by adding up to the highest and deleting the gaps (and the extras of the
  // start state): the numbers the ACS saw stay the numbers it sees.
  std::vector<dm::ParameterInfo> names;
  std::set<uint32_t> present;
  if (model->GetNames(table, true, &names).ok()) {
    for (const auto& n : names) {
      std::string_view rest = std::string_view(n.name).substr(table.size());
      if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
      if (IsNumber(rest)) present.insert(static_cast<uint32_t>(std::stoul(std::string(rest))));
    }
  }
  const uint32_t highest = rows.empty() ? 0 : *std::max_element(rows.begin(), rows.end());
  uint32_t added = present.empty() ? 0 : *present.rbegin();
  while (added < highest) {
    dm::Applied applied;
    if (Status s = model->AddObject(table, dm::Origin::kInternal, &added, &applied); !s.ok()) {
      return s;
    }
    present.insert(added);
  }
  const std::set<uint32_t> wanted(rows.begin(), rows.end());
  for (uint32_t n : present) {
    if (wanted.count(n)) continue;
    dm::Applied applied;
    if (Status s =
            model->DeleteObject(table + std::to_string(n) + ".", dm::Origin::kInternal, &applied);
        !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

Status FleetModel::BindGenerators(dm::DataModel* model, uint64_t cpe,
                                  const uint64_t* seconds_since_boot) const {
  for (const auto& [path, spec] : profile_->generators) {
    const GeneratorSpec* g = &spec;
    const uint64_t seed = profile_->seed;
    dm::ParamBinding binding;
    binding.get = [g, seed, cpe, seconds_since_boot](const dm::Context& ctx, std::string* value) {
      *value = GenerateValue(*g, seed, cpe, ctx.path, *seconds_since_boot);
      return Status::Ok();
    };
    if (Status s = model->BindParameter(TemplateOf(path), std::move(binding)); !s.ok()) return s;
  }
  return Status::Ok();
}

Status FleetModel::Materialize(const CpeIdentity& id, const CpeDelta& delta,
                               const std::string& cr_url, const uint64_t* seconds_since_boot,
                               std::unique_ptr<dm::DataModel>* out) const {
  auto model = std::make_unique<dm::DataModel>(&schema_, nullptr);
  if (Status s = BindGenerators(model.get(), id.index, seconds_since_boot); !s.ok()) return s;
  for (const auto& [table, rows] : instances_) {
    if (Status s = ApplyRows(model.get(), table, rows); !s.ok()) return s;
  }
  for (const auto& [table, rows] : delta.instances) {
    if (Status s = ApplyRows(model.get(), table, rows); !s.ok()) return s;
  }
  auto set = [&](const std::string& path, const std::string& value) {
    // A start value the model refuses (a dump's odd value, a row the ACS deleted) is left out.
    (void)model->SetValue(path, value, dm::Origin::kInternal);
  };
  for (const auto& [path, tmpl] : values_) {
    set(path, ExpandIdentity(ExpandTemplate(tmpl, id.index), id));
  }
  set(root_ + "DeviceInfo.Manufacturer", ExpandTemplate(profile_->manufacturer, id.index));
  set(root_ + "DeviceInfo.ManufacturerOUI", id.oui);
  set(root_ + "DeviceInfo.ProductClass", id.product_class);
  set(root_ + "DeviceInfo.SerialNumber", id.serial);
  set(root_ + "ManagementServer.ConnectionRequestURL", cr_url);
  set(root_ + "ManagementServer.ConnectionRequestUsername",
      ExpandTemplate(profile_->cr_username, id.index));
  set(root_ + "ManagementServer.ConnectionRequestPassword",
      ExpandTemplate(profile_->cr_password, id.index));
  set(root_ + "ManagementServer.PeriodicInformInterval",
      std::to_string(profile_->periodic_interval));
  set(root_ + "ManagementServer.PeriodicInformEnable", "true");
  for (const auto& [path, value] : delta.values) set(path, value);
  for (const auto& [path, notification] : delta.notifications) {
    dm::AttributeSet a;
    a.name = path;
    a.notification_change = true;
    a.notification = notification;
    (void)model->SetAttributes({a});
  }
  *out = std::move(model);
  return Status::Ok();
}

}  // namespace edgecwmp::cwmp::fleet
