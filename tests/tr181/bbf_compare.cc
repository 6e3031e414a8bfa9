// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/tr181/bbf_compare.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <pugixml.hpp>

#include "datamodel/types.h"

namespace edgecwmp::tr181::testing {
namespace {

const char* const kBaseTypes[] = {"string",  "int",      "unsignedInt", "long",      "unsignedLong",
                                  "boolean", "dateTime", "base64",      "hexBinary", "decimal"};

bool IsBaseType(const char* name) {
  return std::any_of(std::begin(kBaseTypes), std::end(kBaseTypes),
                     [name](const char* t) { return std::strcmp(t, name) == 0; });
}

// The DM Schema elements are namespaced by prefix in some files (dm:document) and not in others.
const char* Local(const pugi::xml_node& node) {
  const char* name = node.name();
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

int64_t ParseBound(const char* text, int64_t fallback) {
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  return end == text ? fallback : static_cast<int64_t>(v);
}

// Facets of a type element (<string>, <unsignedInt>, <dataType ref>...): the first maxLength,
// ranges and enumerations found win, so the most derived definition is applied first.
void CollectFacets(const pugi::xml_node& type, BbfParam* param) {
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::vector<std::string> enums;
  uint32_t max_length = 0;
  for (pugi::xml_node facet : type.children()) {
    const char* name = Local(facet);
    if (std::strcmp(name, "size") == 0 && facet.attribute("maxLength")) {
      max_length = max_length ? max_length : facet.attribute("maxLength").as_uint();
    } else if (std::strcmp(name, "range") == 0) {
      ranges.emplace_back(ParseBound(facet.attribute("minInclusive").value(), INT64_MIN),
                          ParseBound(facet.attribute("maxInclusive").value(), INT64_MAX));
    } else if (std::strcmp(name, "enumeration") == 0) {
      enums.emplace_back(facet.attribute("value").value());
    }
  }
  if (param->max_length == 0) param->max_length = max_length;
  if (param->ranges.empty()) param->ranges = ranges;
  if (param->enumeration.empty()) param->enumeration = enums;
}

class TypeResolver {
 public:
  void Add(const pugi::xml_node& root) {
    for (pugi::xml_node node : root.children()) {
      if (std::strcmp(Local(node), "dataType") == 0 && node.attribute("name")) {
        types_.emplace(node.attribute("name").value(), node);  // first definition wins
      }
    }
  }

  // Follows |name|'s base chain to a base type, applying facets on the way.
  bool Resolve(const std::string& name, BbfParam* param, int depth = 0) const {
    auto it = types_.find(name);
    if (it == types_.end() || depth > 16) return false;
    for (pugi::xml_node child : it->second.children()) {
      if (IsBaseType(Local(child))) {
        CollectFacets(child, param);
        param->type = Local(child);
        return true;
      }
    }
    CollectFacets(it->second, param);
    const char* base = it->second.attribute("base").value();
    return *base != '\0' && Resolve(base, param, depth + 1);
  }

 private:
  std::map<std::string, pugi::xml_node> types_;
};

bool ParseSyntax(const pugi::xml_node& syntax, const TypeResolver& resolver, BbfParam* param) {
  param->hidden = syntax.attribute("hidden").as_bool() || syntax.attribute("secured").as_bool();
  for (pugi::xml_node child : syntax.children()) {
    const char* name = Local(child);
    if (std::strcmp(name, "list") == 0) {
      param->list = true;
      // A list's own <size> bounds the whole comma-separated string; item sizes do not.
      for (pugi::xml_node size : child.children()) {
        if (std::strcmp(Local(size), "size") == 0 && size.attribute("maxLength")) {
          param->max_length = size.attribute("maxLength").as_uint();
        }
      }
    } else if (IsBaseType(name)) {
      const uint32_t list_length = param->max_length;
      CollectFacets(child, param);
      if (param->list) param->max_length = list_length;
      param->type = name;
      return true;
    } else if (std::strcmp(name, "dataType") == 0) {
      const uint32_t list_length = param->max_length;
      CollectFacets(child, param);
      // <dataType ref="X"/> names a type; <dataType base="X"> derives one in place.
      const char* named =
          child.attribute("ref") ? child.attribute("ref").value() : child.attribute("base").value();
      const bool ok = resolver.Resolve(named, param);
      if (param->list) param->max_length = list_length;
      return ok;
    }
  }
  return false;
}

bool IsVendorName(const std::string& path) {
  return path.rfind("X_", 0) == 0 || path.find(".X_") != std::string::npos;
}

std::pair<int64_t, int64_t> TypeBounds(dm::Type type) {
  switch (type) {
    case dm::Type::kInt:
      return {INT32_MIN, INT32_MAX};
    case dm::Type::kUnsignedInt:
      return {0, UINT32_MAX};
    case dm::Type::kLong:
      return {INT64_MIN, INT64_MAX};
    case dm::Type::kUnsignedLong:
      return {0, INT64_MAX};
    default:
      return {INT64_MIN, INT64_MAX};
  }
}

std::string RangeText(std::pair<int64_t, int64_t> r) {
  return "[" + std::to_string(r.first) + ".." + std::to_string(r.second) + "]";
}

const char* ActiveNotifyName(dm::ActiveNotify notify) {
  switch (notify) {
    case dm::ActiveNotify::kCanDeny:
      return "canDeny";
    case dm::ActiveNotify::kForceEnabled:
      return "forceEnabled";
    default:
      return "normal";
  }
}

void CompareParam(const std::string& path, const dm::ParamDef& mine, const BbfParam& bbf,
                  std::vector<std::string>* out) {
  auto fail = [&](const std::string& what) { out->push_back(path + ": " + what); };
  const std::string type = dm::TypeName(mine.type);
  if (type != bbf.type) fail("type " + type + ", BBF has " + bbf.type);
  const bool bbf_writable = bbf.access != "readOnly";
  if (mine.writable != bbf_writable) {
    fail(std::string("access ") + (mine.writable ? "readWrite" : "readOnly") + ", BBF has " +
         bbf.access);
  }
  if (bbf.max_length != 0 && (mine.max_length == 0 || mine.max_length > bbf.max_length)) {
    fail("maxLength " + (mine.max_length ? std::to_string(mine.max_length) : "unlimited") +
         ", BBF allows at most " + std::to_string(bbf.max_length));
  }
  if (mine.list != bbf.list)
    fail(std::string("list=") + (mine.list ? "true" : "false") + ", BBF " +
         (bbf.list ? "is" : "is not") + " a list");
  if (mine.forced_inform != bbf.forced_inform) {
    fail(std::string("forcedInform=") + (mine.forced_inform ? "true" : "false") + ", BBF says " +
         (bbf.forced_inform ? "true" : "false"));
  }
  const std::string notify = ActiveNotifyName(mine.active_notify);
  if ((notify == "forceEnabled") != (bbf.active_notify == "forceEnabled") ||
      (notify == "canDeny" && bbf.active_notify != "canDeny")) {
    fail("activeNotify " + notify + ", BBF has " +
         (bbf.active_notify.empty() ? std::string("normal") : bbf.active_notify));
  }
  if (mine.secret != bbf.hidden) {
    fail(std::string("secret=") + (mine.secret ? "true" : "false") + ", BBF " +
         (bbf.hidden ? "hides" : "does not hide") + " the value");
  }
  if (!bbf.enumeration.empty()) {
    if (mine.enumeration.empty()) fail("no enumeration, BBF restricts the values");
    for (const std::string& value : mine.enumeration) {
      if (std::find(bbf.enumeration.begin(), bbf.enumeration.end(), value) ==
          bbf.enumeration.end()) {
        fail("enumeration value \"" + value + "\" not in BBF");
      }
    }
  }
  if (!bbf.ranges.empty()) {
    const auto bounds = TypeBounds(mine.type);
    std::vector<std::pair<int64_t, int64_t>> my_ranges;
    for (const dm::Range& r : mine.ranges) my_ranges.emplace_back(r.min, r.max);
    if (my_ranges.empty()) my_ranges.push_back(bounds);
    for (auto r : my_ranges) {
      r = {std::max(r.first, bounds.first), std::min(r.second, bounds.second)};
      const bool inside = std::any_of(bbf.ranges.begin(), bbf.ranges.end(), [&](auto b) {
        return r.first >= std::max(b.first, bounds.first) &&
               r.second <= std::min(b.second, bounds.second);
      });
      if (!inside) fail("range " + RangeText(r) + " exceeds the BBF ranges");
    }
  }
}

}  // namespace

std::string BbfModel::Load(const std::string& model_xml, const std::string& types_xml) {
  pugi::xml_document model_doc, types_doc;
  pugi::xml_parse_result parsed = model_doc.load_file(model_xml.c_str());
  if (!parsed) return model_xml + ": " + parsed.description();
  parsed = types_doc.load_file(types_xml.c_str());
  if (!parsed) return types_xml + ": " + parsed.description();
  TypeResolver resolver;
  pugi::xml_node document = model_doc.document_element();
  resolver.Add(document);
  resolver.Add(types_doc.document_element());

  for (pugi::xml_node model : document.children()) {
    if (std::strcmp(Local(model), "model") != 0) continue;
    for (pugi::xml_node object : model.children()) {
      if (std::strcmp(Local(object), "object") != 0 || !object.attribute("name")) continue;
      const std::string path = object.attribute("name").value();
      BbfObject& entry = objects_[path];
      entry.access = object.attribute("access").value();
      entry.multi_instance = path.size() >= 4 && path.compare(path.size() - 4, 4, "{i}.") == 0;
      for (pugi::xml_node param : object.children()) {
        if (std::strcmp(Local(param), "parameter") != 0) continue;
        BbfParam p;
        p.access = param.attribute("access").value();
        p.forced_inform = param.attribute("forcedInform").as_bool();
        p.active_notify = param.attribute("activeNotify").value();
        if (p.active_notify == "normal") p.active_notify.clear();
        if (!ParseSyntax(param.child("syntax"), resolver, &p)) {
          return path + param.attribute("name").value() + ": unresolvable syntax";
        }
        entry.params[param.attribute("name").value()] = std::move(p);
      }
    }
  }
  return objects_.empty() ? model_xml + ": no objects" : std::string();
}

const BbfObject* BbfModel::Find(const std::string& path) const {
  auto it = objects_.find(path);
  return it == objects_.end() ? nullptr : &it->second;
}

std::vector<std::string> CompareWithBbf(const dm::Schema& schema, const BbfModel& bbf) {
  std::vector<std::string> out;
  for (const dm::ObjectDef* object : schema.objects()) {
    if (IsVendorName(object->path)) continue;
    const BbfObject* theirs = bbf.Find(object->path);
    if (theirs == nullptr) {
      // The same object with the other shape: "X.{i}." for "X." or the reverse.
      const std::string other = object->multi_instance
                                    ? object->path.substr(0, object->path.size() - 4)
                                    : object->path + "{i}.";
      out.push_back(object->path + (bbf.Find(other) != nullptr
                                        ? ": wrong shape, TR-181 2.17 defines " + other
                                        : std::string(": object not in TR-181 2.17")));
      continue;
    }
    const bool bbf_writable = theirs->access == "readWrite";
    if (object->writable != bbf_writable) {
      out.push_back(object->path + ": access " + (object->writable ? "readWrite" : "readOnly") +
                    ", BBF has " + theirs->access);
    }
    for (const dm::ParamDef& param : object->params) {
      if (IsVendorName(param.name)) continue;
      const std::string path = object->path + param.name;
      auto it = theirs->params.find(param.name);
      if (it == theirs->params.end()) {
        out.push_back(path + ": parameter not in TR-181 2.17");
        continue;
      }
      CompareParam(path, param, it->second, &out);
    }
  }
  return out;
}

}  // namespace edgecwmp::tr181::testing
