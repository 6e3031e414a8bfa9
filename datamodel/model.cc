// SPDX-License-Identifier: GPL-2.0-or-later
// Tree mechanics: building nodes from the schema and stored state, resolving concrete paths,
// syncing system-owned tables, snapshots for persistence.
#include "datamodel/model.h"

#include <algorithm>
#include <functional>

#include "base/log.h"
#include "datamodel/path.h"

namespace edgecwmp::dm::internal {

void Model::Warn(const std::string& text) const { Log(LogLevel::kWarning, "datamodel", text); }

void Model::Init(const Schema* s, Storage* st) {
  schema = s;
  storage = st;
  for (const ObjectDef* def : schema->objects()) {
    DefInfo& info = defs[def];
    info.def = def;
    info.params.resize(def->params.size());
    info.counts_slot.assign(def->params.size(), -1);
    static const std::string kSuffix = "NumberOfEntries";
    for (size_t i = 0; i < def->params.size(); ++i) {
      const std::string& name = def->params[i].name;
      if (name.size() <= kSuffix.size() ||
          name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
        continue;
      }
      std::string table = name.substr(0, name.size() - kSuffix.size());
      for (size_t c = 0; c < def->children.size(); ++c) {
        if (def->children[c]->multi_instance && def->children[c]->name == table) {
          info.counts_slot[i] = static_cast<int>(c);
        }
      }
    }
  }
  // Search hints, children before parents.
  std::function<void(const ObjectDef*)> mark = [&](const ObjectDef* def) {
    DefInfo& info = defs[def];
    for (const ParamDef& p : def->params) {
      if (p.forced_inform) info.forced_inform_below = true;
      if (p.active_notify == ActiveNotify::kForceEnabled) info.force_enabled_below = true;
    }
    for (const ObjectDef* c : def->children) {
      mark(c);
      info.forced_inform_below |= defs[c].forced_inform_below;
      info.force_enabled_below |= defs[c].force_enabled_below;
    }
  };
  if (schema->root()) mark(schema->root());
}

std::unique_ptr<Node> Model::MakeNode(DefInfo* info, Node* parent, uint32_t instance,
                                      const std::string& path, const StoredState* state) {
  auto node = std::make_unique<Node>();
  node->info = info;
  node->parent = parent;
  node->instance = instance;
  const ObjectDef& def = *info->def;
  node->values.reserve(def.params.size());
  for (const ParamDef& p : def.params) {
    node->values.push_back(p.default_value);
    if (!state) continue;
    std::string full = path + p.name;
    auto it = unclaimed_values.find(full);
    if (it == unclaimed_values.end()) continue;
    std::string canonical;
    Status s = p.Validate(it->second, &canonical);
    if (s.ok()) {
      node->values.back() = std::move(canonical);
    } else {
      Warn("stored value of " + full + " is invalid (" + s.message() + "); using the default");
    }
    unclaimed_values.erase(it);
  }
  node->slots.resize(def.children.size());
  for (size_t c = 0; c < def.children.size(); ++c) {
    const ObjectDef* child = def.children[c];
    DefInfo* child_info = Info(child);
    if (!child->multi_instance) {
      node->slots[c].single = MakeNode(child_info, node.get(), 0, path + child->name + ".", state);
      continue;
    }
    if (child_info->listed() || !state) continue;  // listed rows appear on first sync
    auto rows = state->instances.find(path + child->name + ".");
    if (rows == state->instances.end()) continue;
    std::vector<uint32_t> numbers = rows->second;
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    for (uint32_t n : numbers) {
      if (n == 0) continue;
      node->slots[c].rows.push_back(
          MakeNode(child_info, node.get(), n, RowPrefix(path, *child, n), state));
    }
  }
  return node;
}

void Model::Build(StoredState* state) {
  root.reset();
  if (!schema->root()) return;
  unclaimed_values = std::move(state->values);
  state->values.clear();
  root = MakeNode(Info(schema->root()), nullptr, 0, schema->root()->name + ".", state);
}

std::string Model::PathOf(const Node* node) {
  std::vector<const Node*> chain;
  for (const Node* n = node; n; n = n->parent) chain.push_back(n);
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    path += (*it)->def().name;
    path += '.';
    if ((*it)->instance) {
      path += std::to_string((*it)->instance);
      path += '.';
    }
  }
  return path;
}

std::vector<uint32_t> Model::InstancesOf(const Node* node) {
  std::vector<uint32_t> out;
  for (const Node* n = node; n; n = n->parent) {
    if (n->instance) out.push_back(n->instance);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

void Model::SyncTable(Node* parent, size_t slot) {
  const ObjectDef* table = parent->def().children[slot];
  DefInfo* info = Info(table);
  if (!info->listed()) return;
  if (parent->slots[slot].synced_epoch == epoch) return;
  parent->slots[slot].synced_epoch = epoch;
  std::string parent_path = PathOf(parent);
  std::string table_path = parent_path + table->name + ".";
  std::vector<uint32_t> parent_inst = InstancesOf(parent);
  Context ctx{table_path, parent_inst};
  std::vector<uint32_t> wanted = info->object.list(ctx);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  auto& rows = parent->slots[slot].rows;
  bool same = rows.size() == wanted.size();
  for (size_t i = 0; same && i < rows.size(); ++i) same = rows[i]->instance == wanted[i];
  if (same) return;
  std::vector<std::unique_ptr<Node>> next;
  next.reserve(wanted.size());
  size_t old = 0;
  StoredState none;
  for (uint32_t n : wanted) {
    if (n == 0) continue;
    while (old < rows.size() && rows[old]->instance < n) ++old;
    if (old < rows.size() && rows[old]->instance == n) {
      next.push_back(std::move(rows[old++]));
    } else {
      next.push_back(MakeNode(info, parent, n, RowPrefix(parent_path, *table, n), &none));
    }
  }
  rows = std::move(next);
}

Status Model::Resolve(std::string_view path, Target* target) {
  SplitResult split;
  Status s = SplitPath(path, &split);
  if (!s.ok()) return s;
  if (!root) return Status::InvalidName("the data model is empty");
  const auto& seg = split.segments;
  if (seg.empty()) {
    *target = Target{Target::kRoot, root.get(), 0};
    return Status::Ok();
  }
  auto unknown = [&]() { return Status::InvalidName("no such name: " + std::string(path)); };
  if (seg[0] != root->def().name) return unknown();
  Node* node = root.get();
  size_t i = 1;
  while (i < seg.size()) {
    const bool last = i + 1 == seg.size();
    const ObjectDef& def = node->def();
    size_t c = 0;
    while (c < def.children.size() && def.children[c]->name != seg[i]) ++c;
    if (c == def.children.size()) {
      const ParamDef* p = last && !split.partial ? def.FindParam(seg[i]) : nullptr;
      if (!p) return unknown();
      *target = Target{Target::kParam, node, static_cast<size_t>(p - def.params.data())};
      return Status::Ok();
    }
    if (!def.children[c]->multi_instance) {
      node = node->slots[c].single.get();
      ++i;
      continue;
    }
    if (last) {
      if (!split.partial) return unknown();
      *target = Target{Target::kTable, node, c};
      return Status::Ok();
    }
    uint32_t n = 0;
    if (!ParseInstanceNumber(seg[i + 1], &n)) {
      return Status::InvalidName("expected an instance number after " + std::string(seg[i]) +
                                 " in " + std::string(path));
    }
    SyncTable(node, c);
    const auto& rows = node->slots[c].rows;
    auto it = std::lower_bound(
        rows.begin(), rows.end(), n,
        [](const std::unique_ptr<Node>& r, uint32_t v) { return r->instance < v; });
    if (it == rows.end() || (*it)->instance != n) return unknown();
    node = it->get();
    i += 2;
  }
  if (!split.partial) return unknown();  // an object named without its trailing '.'
  *target = Target{Target::kObject, node, 0};
  return Status::Ok();
}

Status Model::ReadParam(Node* node, size_t index, const std::string& path,
                        const std::vector<uint32_t>& inst, std::string* value) {
  const ParamBinding& b = Binding(node, index);
  if (!b.get) {
    const int slot = node->info->counts_slot[index];
    if (slot >= 0) {
      SyncTable(node, static_cast<size_t>(slot));
      *value = std::to_string(node->slots[static_cast<size_t>(slot)].rows.size());
    } else {
      *value = node->values[index];
    }
    return Status::Ok();
  }
  Context ctx{path, inst};
  return b.get(ctx, value);
}

int Model::Notification(const std::string& path, const ParamDef& def) const {
  if (def.active_notify == ActiveNotify::kForceEnabled) return 2;
  auto it = attributes.find(path);
  return it == attributes.end() ? 0 : it->second.notification;
}

StoredState Model::Snapshot() {
  StoredState state;
  state.attributes = attributes;
  state.next_instance = next_instance;
  state.reported = reported;
  // Values of rows not present now (listed tables) are kept for when they come back.
  state.values = unclaimed_values;
  if (!root) return state;
  std::function<void(Node*, const std::string&)> walk = [&](Node* node, const std::string& path) {
    const ObjectDef& def = node->def();
    for (size_t i = 0; i < def.params.size(); ++i) {
      if (HasGetter(node, i) || node->values[i] == def.params[i].default_value) continue;
      state.values[path + def.params[i].name] = node->values[i];
    }
    for (size_t c = 0; c < def.children.size(); ++c) {
      const ObjectDef& child = *def.children[c];
      if (!child.multi_instance) {
        walk(node->slots[c].single.get(), path + child.name + ".");
        continue;
      }
      // Rows of listed tables come from the system; their numbers are not ours to store.
      const auto& rows = node->slots[c].rows;
      if (!defs.at(&child).listed() && !rows.empty()) {
        auto& list = state.instances[path + child.name + "."];
        for (const auto& row : rows) list.push_back(row->instance);
      }
      for (const auto& row : rows) walk(row.get(), RowPrefix(path, child, row->instance));
    }
  };
  walk(root.get(), PathOf(root.get()));
  return state;
}

Status Model::Persist() {
  if (!storage) return Status::Ok();
  if (!loaded) {
    Warn("a change before DataModel::Load() is not saved");
    return Status::Ok();
  }
  Status s = storage->Save(Snapshot());
  if (s.ok()) return s;
  Warn("could not save the data model state: " + s.ToString());
  return Status::Internal("applied but not saved: " + s.message());
}

}  // namespace edgecwmp::dm::internal
