// SPDX-License-Identifier: GPL-2.0-or-later
// Internal to the datamodel library: the in-memory tree behind DataModel. Each concrete object is
// a Node holding its parameters' stored values in a vector indexed like ObjectDef::params, and
// one Slot per child definition (a single object, or the ascending rows of a table). Attributes
// and notification baselines are sparse maps keyed by full path; paths are built only on output.
#ifndef EDGECWMP_DATAMODEL_MODEL_H_
#define EDGECWMP_DATAMODEL_MODEL_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "datamodel/datamodel.h"
#include "datamodel/persistence.h"

namespace edgecwmp::dm::internal {

// What the model knows about one ObjectDef besides the schema: bindings and search hints.
struct DefInfo {
  const ObjectDef* def = nullptr;
  std::vector<ParamBinding> params;  // indexed like def->params
  ObjectBinding object;
  // For "<Table>NumberOfEntries" parameters (TR-106 naming), the slot of the table they count;
  // -1 otherwise. Without a getter such a parameter reads the live row count.
  std::vector<int> counts_slot;      // indexed like def->params
  bool forced_inform_below = false;  // this object or a descendant has forcedInform params
  bool force_enabled_below = false;  // ... activeNotify="forceEnabled" params
  bool listed() const { return static_cast<bool>(object.list); }
};

struct Node;

struct Slot {
  std::unique_ptr<Node> single;
  std::vector<std::unique_ptr<Node>> rows;  // ascending instance numbers
  uint64_t synced_epoch = 0;                // listed tables: the operation that last synced
};

struct Node {
  DefInfo* info = nullptr;
  Node* parent = nullptr;
  uint32_t instance = 0;            // 0 unless a table row
  std::vector<std::string> values;  // stored values (unused for parameters with a getter)
  std::vector<Slot> slots;          // indexed like def->children

  const ObjectDef& def() const { return *info->def; }
};

// A resolved concrete path.
struct Target {
  enum Kind { kRoot, kObject, kTable, kParam } kind = kRoot;
  Node* node = nullptr;  // kObject: the object; kTable: the table's parent; kParam: the owner
  size_t index = 0;      // kTable: slot; kParam: parameter index
};

// Everything the public DataModel holds; operations are spread over datamodel.cc (values,
// names, objects), attributes.cc (attributes, notifications) and model.cc (tree mechanics).
struct Model {
  const Schema* schema = nullptr;
  Storage* storage = nullptr;
  mutable std::recursive_mutex mu;
  std::unordered_map<const ObjectDef*, DefInfo> defs;
  std::unique_ptr<Node> root;
  std::vector<std::pair<std::string, Observer>> observers;
  std::map<std::string, StoredState::Attr> attributes;    // full path → non-default attrs
  std::unordered_map<std::string, std::string> baseline;  // full path → last reported value
  std::map<std::string, std::string> reported;    // the baseline as last committed (persisted)
  std::map<std::string, uint32_t> next_instance;  // table path → next number
  std::map<std::string, std::string> unclaimed_values;  // restored, for rows not yet seen
  // Each public call is one operation (nested calls from providers included): a listed table is
  // synced at most once per operation, so rows being visited or planned for a set are never
  // freed underneath the caller.
  uint64_t epoch = 0;
  int depth = 0;
  // Saving before Load() would replace the stored state with defaults; until then nothing is saved.
  bool loaded = false;

  // ---- model.cc ----
  void Init(const Schema* s, Storage* st);
  // Rebuilds the whole tree from |state| (values, instances); consumes state.values.
  void Build(StoredState* state);
  std::unique_ptr<Node> MakeNode(DefInfo* info, Node* parent, uint32_t instance,
                                 const std::string& path, const StoredState* state);
  DefInfo* Info(const ObjectDef* def) { return &defs.at(def); }

  Status Resolve(std::string_view path, Target* target);
  // Brings a listed table's rows in line with its lister, once per operation (no-op for stored
  // tables).
  void SyncTable(Node* parent, size_t slot);
  static std::string PathOf(const Node* node);  // "Device.X.3."
  static std::vector<uint32_t> InstancesOf(const Node* node);
  static std::string RowPrefix(const std::string& parent_path, const ObjectDef& table,
                               uint32_t instance) {
    return parent_path + table.name + "." + std::to_string(instance) + ".";
  }

  // The current value (getter or stored). |inst| are the instances along |path|.
  Status ReadParam(Node* node, size_t index, const std::string& path,
                   const std::vector<uint32_t>& inst, std::string* value);
  static bool HasGetter(const Node* node, size_t index) {
    return static_cast<bool>(node->info->params[index].get);
  }
  static const ParamBinding& Binding(const Node* node, size_t index) {
    return node->info->params[index];
  }

  // Calls fn(node, index, path, instances) for every parameter at and below |node| in tree
  // order; |prefix| is node's path. With |below|, skips the child subtrees whose DefInfo hint
  // says they hold no parameter of interest.
  template <typename Fn>
  void ForEachParam(Node* node, std::string* prefix, std::vector<uint32_t>* inst, Fn&& fn,
                    bool DefInfo::*below = nullptr);
  // As ForEachParam, for a target that names a parameter, an object, a table or the root.
  template <typename Fn>
  void ForEachTargetParam(const Target& t, Fn&& fn);

  int Notification(const std::string& path, const ParamDef& def) const;

  StoredState Snapshot();
  // Saves the state (no storage: nothing to do). Before Load() nothing is saved (a warning: the
  // state on disk has not been read yet and must not be overwritten). A failed save is warned
  // about and returned as kInternal: the change is in effect but would not survive a restart.
  Status Persist();
  void Warn(const std::string& text) const;  // to the agent's log (base/log.h)
};

// The lock and epoch of one public call.
class Operation {
 public:
  explicit Operation(Model* m) : m_(m), lock_(m->mu) {
    if (m_->depth++ == 0) ++m_->epoch;
  }
  ~Operation() { --m_->depth; }
  Operation(const Operation&) = delete;
  Operation& operator=(const Operation&) = delete;

 private:
  Model* m_;
  std::lock_guard<std::recursive_mutex> lock_;
};

template <typename Fn>
void Model::ForEachParam(Node* node, std::string* prefix, std::vector<uint32_t>* inst, Fn&& fn,
                         bool DefInfo::*below) {
  const ObjectDef& def = node->def();
  const size_t base = prefix->size();
  for (size_t i = 0; i < def.params.size(); ++i) {
    prefix->append(def.params[i].name);
    fn(node, i, static_cast<const std::string&>(*prefix),
       static_cast<const std::vector<uint32_t>&>(*inst));
    prefix->resize(base);
  }
  for (size_t c = 0; c < def.children.size(); ++c) {
    const ObjectDef& child = *def.children[c];
    if (below != nullptr && !(Info(&child)->*below)) continue;
    if (!child.multi_instance) {
      prefix->append(child.name);
      prefix->push_back('.');
      ForEachParam(node->slots[c].single.get(), prefix, inst, fn, below);
      prefix->resize(base);
      continue;
    }
    SyncTable(node, c);
    for (const auto& row : node->slots[c].rows) {
      prefix->append(child.name);
      prefix->push_back('.');
      prefix->append(std::to_string(row->instance));
      prefix->push_back('.');
      inst->push_back(row->instance);
      ForEachParam(row.get(), prefix, inst, fn, below);
      inst->pop_back();
      prefix->resize(base);
    }
  }
}

template <typename Fn>
void Model::ForEachTargetParam(const Target& t, Fn&& fn) {
  switch (t.kind) {
    case Target::kParam: {
      std::string path = PathOf(t.node) + t.node->def().params[t.index].name;
      std::vector<uint32_t> inst = InstancesOf(t.node);
      fn(t.node, t.index, static_cast<const std::string&>(path),
         static_cast<const std::vector<uint32_t>&>(inst));
      return;
    }
    case Target::kRoot:
    case Target::kObject: {
      std::string prefix = PathOf(t.node);
      std::vector<uint32_t> inst = InstancesOf(t.node);
      ForEachParam(t.node, &prefix, &inst, fn);
      return;
    }
    case Target::kTable: {
      std::string parent_path = PathOf(t.node);
      std::vector<uint32_t> inst = InstancesOf(t.node);
      const ObjectDef& table = *t.node->def().children[t.index];
      SyncTable(t.node, t.index);
      for (const auto& row : t.node->slots[t.index].rows) {
        std::string prefix = RowPrefix(parent_path, table, row->instance);
        inst.push_back(row->instance);
        ForEachParam(row.get(), &prefix, &inst, fn);
        inst.pop_back();
      }
      return;
    }
  }
}

}  // namespace edgecwmp::dm::internal

namespace edgecwmp::dm {
// The public class's state is the model itself (one definition for all its translation units).
struct DataModel::Rep : internal::Model {};
}  // namespace edgecwmp::dm

#endif  // EDGECWMP_DATAMODEL_MODEL_H_
