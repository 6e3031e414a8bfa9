// SPDX-License-Identifier: GPL-2.0-or-later
// Loader of the project's XML definitions (format in schema.h) and the per-parameter checks.
#include "datamodel/schema.h"

#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>

#include "datamodel/path.h"

namespace edgecwmp::dm {
namespace {

bool IsIntegerType(Type t) {
  return t == Type::kInt || t == Type::kUnsignedInt || t == Type::kLong || t == Type::kUnsignedLong;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Parses a canonical integer as int64, saturating unsignedLong values above INT64_MAX.
int64_t ToInt64(const std::string& canonical) {
  if (!canonical.empty() && canonical[0] == '-')
    return std::strtoll(canonical.c_str(), nullptr, 10);
  unsigned long long v = std::strtoull(canonical.c_str(), nullptr, 10);
  return v > static_cast<unsigned long long>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(v);
}

Status CheckItem(const ParamDef& def, std::string_view item, std::string* out) {
  Status s = Canonicalize(def.type, item, out);
  if (!s.ok()) return s;
  if (IsIntegerType(def.type) && !def.ranges.empty()) {
    int64_t v = ToInt64(*out);
    bool in_range = false;
    for (const Range& r : def.ranges) {
      if (v >= r.min && v <= r.max) in_range = true;
    }
    if (!in_range)
      return Status::InvalidValue(def.name + ": " + *out + " is outside the allowed range");
  }
  if (!def.enumeration.empty()) {
    bool found = false;
    for (const std::string& e : def.enumeration) {
      if (e == *out) found = true;
    }
    if (!found)
      return Status::InvalidValue(def.name + ": \"" + *out + "\" is not an allowed value");
  }
  return Status::Ok();
}

}  // namespace

Status ParamDef::Validate(std::string_view value, std::string* out) const {
  std::string canonical;
  if (!list) {
    Status s = CheckItem(*this, value, &canonical);
    if (!s.ok()) return s;
  } else {
    // TR-106 3.2.3: comma-separated list; whitespace around items is not significant.
    size_t start = 0;
    while (!value.empty() && start <= value.size()) {
      size_t comma = value.find(',', start);
      std::string_view item = value.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      std::string one;
      Status s = CheckItem(*this, item, &one);
      if (!s.ok()) return s;
      if (start != 0) canonical += ',';
      canonical += one;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  if (max_length != 0 && Utf8Length(canonical) > max_length) {
    return Status::InvalidValue(name + ": longer than " + std::to_string(max_length) +
                                " characters");
  }
  *out = std::move(canonical);
  return Status::Ok();
}

const ParamDef* ObjectDef::FindParam(std::string_view param_name) const {
  for (const ParamDef& p : params) {
    if (p.name == param_name) return &p;
  }
  return nullptr;
}

struct Schema::Rep {
  std::vector<std::unique_ptr<ObjectDef>> objects;
  std::unordered_map<std::string, ObjectDef*> by_path;
  ObjectDef* root = nullptr;
  size_t param_count = 0;
};

Schema::Schema() : rep_(new Rep) {}
Schema::~Schema() = default;

const ObjectDef* Schema::root() const { return rep_->root; }

const ObjectDef* Schema::FindObject(std::string_view template_path) const {
  auto it = rep_->by_path.find(std::string(template_path));
  return it == rep_->by_path.end() ? nullptr : it->second;
}

size_t Schema::object_count() const { return rep_->objects.size(); }
size_t Schema::param_count() const { return rep_->param_count; }

std::vector<const ObjectDef*> Schema::objects() const {
  std::vector<const ObjectDef*> out;
  out.reserve(rep_->objects.size());
  for (const auto& o : rep_->objects) out.push_back(o.get());
  return out;
}

Status Schema::LoadFile(const std::string& xml_path) {
  std::ifstream in(xml_path, std::ios::binary);
  if (!in) return Status::NotFound(xml_path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return LoadString(text.str(), xml_path);
}

namespace {

// Reads the definitions of one file; |origin| prefixes every error.
class Loader {
 public:
  Loader(const std::string& origin, std::string_view xml) : origin_(origin), xml_(xml) {}

  Status Fail(const pugi::xml_node& node, const std::string& what) const {
    std::string where =
        origin_ + ":" + std::to_string(LineOf(node.offset_debug())) + ": <" + node.name();
    for (const char* key : {"path", "name"}) {
      pugi::xml_attribute a = node.attribute(key);
      if (a) where += std::string(" ") + key + "=\"" + a.value() + "\"";
    }
    return Status::InvalidArguments(where + ">: " + what);
  }

  size_t LineOf(ptrdiff_t offset) const {
    size_t line = 1;
    for (ptrdiff_t i = 0; i < offset && static_cast<size_t>(i) < xml_.size(); ++i) {
      if (xml_[static_cast<size_t>(i)] == '\n') ++line;
    }
    return line;
  }

  Status ParseBool(const pugi::xml_node& node, const char* key, bool* out) const {
    pugi::xml_attribute a = node.attribute(key);
    if (!a) return Status::Ok();
    std::string v = a.value();
    if (v == "true" || v == "1") {
      *out = true;
    } else if (v == "false" || v == "0") {
      *out = false;
    } else {
      return Fail(node, std::string(key) + " must be true or false");
    }
    return Status::Ok();
  }

  Status ParseAccess(const pugi::xml_node& node, bool* writable) const {
    pugi::xml_attribute a = node.attribute("access");
    if (!a) return Status::Ok();
    std::string v = a.value();
    if (v == "readWrite") {
      *writable = true;
    } else if (v == "readOnly") {
      *writable = false;
    } else {
      return Fail(node, "access must be readOnly or readWrite, not \"" + v + "\"");
    }
    return Status::Ok();
  }

  Status ParseBound(const pugi::xml_node& node, Type type, std::string_view text,
                    int64_t* out) const {
    std::string canonical;
    Type bound_type = type == Type::kUnsignedLong ? Type::kUnsignedLong : Type::kLong;
    Status s = Canonicalize(bound_type, text, &canonical);
    if (!s.ok()) return Fail(node, "bad range bound \"" + std::string(text) + "\"");
    *out = ToInt64(canonical);
    return Status::Ok();
  }

  Status ParseParam(const pugi::xml_node& node, ParamDef* p) const {
    p->name = node.attribute("name").value();
    if (p->name.empty()) return Fail(node, "missing name");
    if (!IsNameSegment(p->name)) return Fail(node, "invalid name");
    pugi::xml_attribute type = node.attribute("type");
    if (!type) return Fail(node, "missing type");
    if (!ParseTypeName(type.value(), &p->type)) {
      return Fail(node, std::string("unknown type \"") + type.value() + "\"");
    }
    Status s = ParseAccess(node, &p->writable);
    if (s.ok()) s = ParseBool(node, "secret", &p->secret);
    if (s.ok()) s = ParseBool(node, "forcedInform", &p->forced_inform);
    if (s.ok()) s = ParseBool(node, "list", &p->list);
    if (!s.ok()) return s;
    if (pugi::xml_attribute a = node.attribute("maxLength")) {
      std::string n;
      if (!Canonicalize(Type::kUnsignedInt, a.value(), &n).ok()) {
        return Fail(node, "maxLength must be an unsigned integer");
      }
      p->max_length = static_cast<uint32_t>(std::stoul(n));
    }
    if (pugi::xml_attribute a = node.attribute("activeNotify")) {
      std::string v = a.value();
      if (v == "normal") {
        p->active_notify = ActiveNotify::kNormal;
      } else if (v == "canDeny") {
        p->active_notify = ActiveNotify::kCanDeny;
      } else if (v == "forceEnabled") {
        p->active_notify = ActiveNotify::kForceEnabled;
      } else {
        return Fail(node, "activeNotify must be normal, canDeny or forceEnabled");
      }
    }
    pugi::xml_attribute min = node.attribute("min"), max = node.attribute("max"),
                        range = node.attribute("range");
    if ((min || max || range) && !IsIntegerType(p->type)) {
      return Fail(node, "min/max/range need an integer type");
    }
    if (min || max) {
      Range r;
      if (min && !(s = ParseBound(node, p->type, min.value(), &r.min)).ok()) return s;
      if (max && !(s = ParseBound(node, p->type, max.value(), &r.max)).ok()) return s;
      if (r.min > r.max) return Fail(node, "min is greater than max");
      p->ranges.push_back(r);
    }
    if (range) {
      std::string_view text = range.value();
      while (!text.empty()) {
        size_t comma = text.find(',');
        std::string_view one = text.substr(0, comma);
        size_t colon = one.find(':');
        if (colon == std::string_view::npos) return Fail(node, "range needs min:max pairs");
        Range r;
        if (colon > 0 && !(s = ParseBound(node, p->type, one.substr(0, colon), &r.min)).ok()) {
          return s;
        }
        if (colon + 1 < one.size() &&
            !(s = ParseBound(node, p->type, one.substr(colon + 1), &r.max)).ok()) {
          return s;
        }
        if (r.min > r.max) return Fail(node, "range min is greater than max");
        p->ranges.push_back(r);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
      }
    }
    for (pugi::xml_node e : node.children("enumeration")) {
      std::string v;
      if (!Canonicalize(p->type, e.text().get(), &v).ok()) {
        return Fail(node, std::string("enumeration value \"") + e.text().get() +
                              "\" does not match the type");
      }
      p->enumeration.push_back(v);
    }
    if (pugi::xml_attribute d = node.attribute("default")) {
      std::string canonical;
      Status v = p->Validate(d.value(), &canonical);
      if (!v.ok()) return Fail(node, "bad default: " + v.message());
      p->default_value = canonical;
    } else {
      // A value every type accepts, so an unset parameter still reads as its type.
      switch (p->type) {
        case Type::kInt:
        case Type::kUnsignedInt:
        case Type::kLong:
        case Type::kUnsignedLong:
          p->default_value = p->list ? "" : "0";
          break;
        case Type::kBoolean:
          p->default_value = p->list ? "" : "false";
          break;
        case Type::kDateTime:
          p->default_value = p->list ? "" : "0001-01-01T00:00:00Z";
          break;
        default:
          break;
      }
    }
    return Status::Ok();
  }

 private:
  const std::string& origin_;
  std::string_view xml_;
};

Status LoadObjectInto(const Loader& loader, const pugi::xml_node& node,
                      std::vector<std::unique_ptr<ObjectDef>>* objects,
                      std::unordered_map<std::string, ObjectDef*>* by_path, ObjectDef** root,
                      size_t* param_count) {
  std::string path = node.attribute("path").value();
  if (path.empty()) return loader.Fail(node, "missing path");
  std::vector<std::string_view> segments;
  if (!SplitTemplatePath(path, &segments)) return loader.Fail(node, "malformed path");
  bool multi = segments.back() == "{i}";
  if (multi && segments.size() < 2) return loader.Fail(node, "a table needs a name");
  size_t name_index = multi ? segments.size() - 2 : segments.size() - 1;
  if (segments[name_index] == "{i}") return loader.Fail(node, "malformed path");

  ObjectDef* obj = nullptr;
  auto existing = by_path->find(path);
  if (existing != by_path->end()) {
    obj = existing->second;  // a later file extends an object (e.g. vendor parameters)
  } else {
    auto def = std::make_unique<ObjectDef>();
    def->path = path;
    def->name = std::string(segments[name_index]);
    def->multi_instance = multi;
    if (name_index == 0) {
      if (*root != nullptr) return loader.Fail(node, "a second root object");
      if (multi) return loader.Fail(node, "the root cannot be a table");
    } else {
      std::string parent_path;
      for (size_t i = 0; i < name_index; ++i) {
        parent_path.append(segments[i]);
        parent_path += '.';
      }
      auto parent = by_path->find(parent_path);
      if (parent == by_path->end()) {
        return loader.Fail(node, "parent object " + parent_path + " is not defined before it");
      }
      // "X." and "X.{i}." cannot both be objects: the table "X." is implied by "X.{i}.".
      std::string sibling = parent_path + def->name + (multi ? "." : ".{i}.");
      if (by_path->count(sibling)) return loader.Fail(node, "conflicts with " + sibling);
      def->parent = parent->second;
      parent->second->children.push_back(def.get());
    }
    obj = def.get();
    objects->push_back(std::move(def));
    (*by_path)[path] = obj;
    if (name_index == 0) *root = obj;
  }
  Status s = loader.ParseAccess(node, &obj->writable);
  if (!s.ok()) return s;
  if (pugi::xml_attribute a = node.attribute("maxEntries")) {
    std::string v = a.value();
    if (v == "unbounded") {
      obj->max_entries = 0;
    } else {
      std::string n;
      if (!Canonicalize(Type::kUnsignedInt, v, &n).ok() || n == "0") {
        return loader.Fail(node, "maxEntries must be a positive number or unbounded");
      }
      obj->max_entries = static_cast<uint32_t>(std::stoul(n));
    }
    if (!multi) return loader.Fail(node, "maxEntries on a single-instance object");
  }
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (std::string(child.name()) != "parameter") {
      if (std::string(child.name()) == "description") continue;
      return loader.Fail(child, "unexpected element");
    }
    ParamDef p;
    s = loader.ParseParam(child, &p);
    if (!s.ok()) return s;
    if (obj->FindParam(p.name)) return loader.Fail(child, "duplicate parameter");
    for (const ObjectDef* c : obj->children) {
      if (c->name == p.name) return loader.Fail(child, "same name as a child object");
    }
    obj->params.push_back(std::move(p));
    ++*param_count;
  }
  return Status::Ok();
}

}  // namespace

Status Schema::LoadString(std::string_view xml, const std::string& origin) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  Loader loader(origin, xml);
  if (!parsed) {
    return Status::InvalidArguments(origin + ":" + std::to_string(loader.LineOf(parsed.offset)) +
                                    ": XML error: " + parsed.description());
  }
  pugi::xml_node top = doc.document_element();
  if (std::string(top.name()) != "datamodel") {
    return loader.Fail(top, "expected <datamodel> as the document element");
  }
  // A file loads completely or not at all: remember what to restore if it fails half-way.
  struct Saved {
    ObjectDef* def;
    bool writable;
    uint32_t max_entries;
    size_t params, children;
  };
  std::vector<Saved> saved;
  saved.reserve(rep_->objects.size());
  for (const auto& o : rep_->objects) {
    saved.push_back(
        Saved{o.get(), o->writable, o->max_entries, o->params.size(), o->children.size()});
  }
  const size_t object_count = rep_->objects.size(), param_count = rep_->param_count;
  ObjectDef* const root = rep_->root;
  auto rollback = [&](Status s) {
    for (size_t i = object_count; i < rep_->objects.size(); ++i) {
      rep_->by_path.erase(rep_->objects[i]->path);
    }
    rep_->objects.resize(object_count);
    for (const Saved& o : saved) {
      o.def->writable = o.writable;
      o.def->max_entries = o.max_entries;
      o.def->params.resize(o.params);
      o.def->children.resize(o.children);
    }
    rep_->param_count = param_count;
    rep_->root = root;
    return s;
  };
  for (pugi::xml_node node : top.children()) {
    if (node.type() != pugi::node_element) continue;
    if (std::string(node.name()) == "description") continue;
    if (std::string(node.name()) != "object") {
      return rollback(loader.Fail(node, "unexpected element"));
    }
    Status s = LoadObjectInto(loader, node, &rep_->objects, &rep_->by_path, &rep_->root,
                              &rep_->param_count);
    if (!s.ok()) return rollback(s);
  }
  return Status::Ok();
}

}  // namespace edgecwmp::dm
