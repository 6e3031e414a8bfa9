// SPDX-License-Identifier: GPL-2.0-or-later
// DataModel: values, names and objects. Attributes and notifications are in attributes.cc.
#include "datamodel/datamodel.h"

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "datamodel/model.h"
#include "datamodel/path.h"
#include "datamodel/persistence.h"

namespace edgecwmp::dm {

using internal::Model;
using internal::Node;
using internal::Target;

namespace {

// Splits "Device.X.{i}.Name" into the object template and the parameter name.
bool SplitParamTemplate(std::string_view path, std::string_view* object, std::string_view* name) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == path.size()) return false;
  *object = path.substr(0, dot + 1);
  *name = path.substr(dot + 1);
  return true;
}

// Whether a concrete |path| starts with |prefix|, where "{i}" in the prefix matches any instance.
bool PrefixMatches(std::string_view prefix, std::string_view path) {
  size_t p = 0, q = 0;
  while (p < prefix.size()) {
    if (prefix.compare(p, 3, "{i}") == 0) {
      size_t start = q;
      while (q < path.size() && path[q] >= '0' && path[q] <= '9') ++q;
      if (q == start) return false;
      p += 3;
      continue;
    }
    if (q >= path.size() || prefix[p] != path[q]) return false;
    ++p;
    ++q;
  }
  return true;
}

// Whether the schema marks the parameter at concrete |path| secret; a path it does not know
// counts as secret (what cannot be classified does not leave the device).
bool SecretOrUnknown(const Schema& schema, const std::string& path) {
  std::string template_path;
  for (size_t start = 0; start <= path.size();) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    const std::string_view segment(path.data() + start, dot - start);
    uint32_t instance = 0;
    template_path += ParseInstanceNumber(segment, &instance) ? "{i}" : std::string(segment);
    if (dot == path.size()) break;
    template_path += '.';
    start = dot + 1;
  }
  std::string_view object, name;
  if (!SplitParamTemplate(template_path, &object, &name)) return true;
  const ObjectDef* def = schema.FindObject(object);
  const ParamDef* param = def ? def->FindParam(name) : nullptr;
  return !param || param->secret;
}

}  // namespace

DataModel::DataModel(const Schema* schema, Storage* storage) : rep_(new Rep) {
  rep_->Init(schema, storage);
  StoredState empty;
  rep_->Build(&empty);
}

DataModel::~DataModel() = default;

const Schema& DataModel::schema() const { return *rep_->schema; }

Status DataModel::Load(LoadSource* source) {
  internal::Operation op(rep_.get());
  StoredState state;
  if (source) *source = LoadSource::kNothingStored;
  if (rep_->storage) {
    std::string warning;
    Status s = rep_->storage->Load(&state, &warning, source);
    if (!s.ok()) return s;
    if (!warning.empty()) rep_->Warn(warning);
  }
  rep_->attributes = state.attributes;
  rep_->next_instance = state.next_instance;
  rep_->baseline.clear();
  rep_->reported.clear();
  rep_->Build(&state);
  rep_->loaded = true;
  // What the ACS last heard of is the baseline: a value that changed while the agent was not
  // running is reported by the first CollectValueChanges. Parameters gone since are forgotten.
  for (const auto& [path, value] : state.reported) {
    Target t;
    if (!rep_->Resolve(path, &t).ok() || t.kind != Target::kParam) continue;
    rep_->baseline[path] = value;
    rep_->reported[path] = value;
  }
  // Other notified parameters start from their current values.
  for (const auto& [path, attr] : rep_->attributes) {
    Target t;
    if (attr.notification == 0 || rep_->baseline.count(path) != 0 ||
        !rep_->Resolve(path, &t).ok() || t.kind != Target::kParam) {
      continue;
    }
    std::string value;
    std::vector<uint32_t> inst = Model::InstancesOf(t.node);
    if (rep_->ReadParam(t.node, t.index, path, inst, &value).ok()) rep_->baseline[path] = value;
  }
  return Status::Ok();
}

Status DataModel::BindParameter(std::string_view path_template, ParamBinding binding) {
  internal::Operation op(rep_.get());
  std::string_view object, name;
  const ObjectDef* def = nullptr;
  const ParamDef* param = nullptr;
  if (SplitParamTemplate(path_template, &object, &name)) {
    def = rep_->schema->FindObject(object);
    if (def) param = def->FindParam(name);
  }
  if (!param) {
    return Status::InvalidName("cannot bind " + std::string(path_template) +
                               ": no such parameter in the schema");
  }
  rep_->Info(def)->params[static_cast<size_t>(param - def->params.data())] = std::move(binding);
  return Status::Ok();
}

Status DataModel::BindObject(std::string_view path_template, ObjectBinding binding) {
  internal::Operation op(rep_.get());
  std::string path(path_template);
  // Accept a table as "X.{i}." or "X.".
  const ObjectDef* def = rep_->schema->FindObject(path);
  if (!def) def = rep_->schema->FindObject(path + "{i}.");
  if (!def) return Status::InvalidName("cannot bind " + path + ": no such object in the schema");
  rep_->Info(def)->object = std::move(binding);
  return Status::Ok();
}

void DataModel::Observe(std::string_view path_prefix, Observer observer) {
  internal::Operation op(rep_.get());
  rep_->observers.emplace_back(std::string(path_prefix), std::move(observer));
}

// ---- Values ------------------------------------------------------------------------------------

Status DataModel::GetValues(std::string_view path, std::vector<ParameterValue>* out) const {
  internal::Operation op(rep_.get());
  out->clear();
  Target t;
  Status s = rep_->Resolve(path, &t);
  if (!s.ok()) return s;
  if (t.kind == Target::kParam) {
    const ParamDef& def = t.node->def().params[t.index];
    ParameterValue pv;
    pv.name = std::string(path);
    pv.type = def.type;
    std::vector<uint32_t> inst = Model::InstancesOf(t.node);
    s = rep_->ReadParam(t.node, t.index, pv.name, inst, &pv.value);
    if (!s.ok()) return s;
    if (def.secret) pv.value.clear();  // TR-069 A.3.2.2: passwords read back empty
    out->push_back(std::move(pv));
    return Status::Ok();
  }
  // A partial path: a provider failing for one parameter must not hide all the others.
  rep_->ForEachTargetParam(
      t, [&](Node* node, size_t i, const std::string& name, const std::vector<uint32_t>& inst) {
        const ParamDef& def = node->def().params[i];
        out->emplace_back();
        ParameterValue& pv = out->back();
        pv.name = name;
        pv.type = def.type;
        if (def.secret) return;
        if (!rep_->ReadParam(node, i, name, inst, &pv.value).ok()) pv.value.clear();
      });
  return Status::Ok();
}

Status DataModel::ExportConfiguration(std::string* xml) const {
  internal::Operation op(rep_.get());
  StoredState state = rep_->Snapshot();
  // The baseline of notified parameters holds values too.
  for (auto* values : {&state.values, &state.reported}) {
    for (auto it = values->begin(); it != values->end();) {
      it = SecretOrUnknown(*rep_->schema, it->first) ? values->erase(it) : std::next(it);
    }
  }
  *xml = SerializeState(state);
  return Status::Ok();
}

Status DataModel::GetValue(std::string_view path, std::string* value) const {
  internal::Operation op(rep_.get());
  Target t;
  Status s = rep_->Resolve(path, &t);
  if (!s.ok()) return s;
  if (t.kind != Target::kParam)
    return Status::InvalidName(std::string(path) + " is not a parameter");
  std::string name(path);
  std::vector<uint32_t> inst = Model::InstancesOf(t.node);
  return rep_->ReadParam(t.node, t.index, name, inst, value);
}

namespace {

struct PlannedSet {
  std::string name;
  Node* node = nullptr;
  size_t index = 0;
  std::vector<uint32_t> inst;
  std::string value;      // canonical new value
  std::string old_value;  // for rollback
};

// TR-069 A.3.2.1: the same parameter more than once is 9003.
Status CheckNoDuplicates(const std::vector<ParameterSet>& sets) {
  std::unordered_set<std::string_view> seen;
  for (const ParameterSet& set : sets) {
    if (!seen.insert(set.name).second) {
      return Status::InvalidArguments(set.name + " appears more than once");
    }
  }
  return Status::Ok();
}

// Whether |set| may be applied as asked: a writable parameter, of the type given, with a valid
// value; fills |out| with what applying it needs.
Status PlanOne(Model* m, const ParameterSet& set, Origin origin, PlannedSet* out) {
  Target t;
  Status s = m->Resolve(set.name, &t);
  if (s.ok() && t.kind != Target::kParam) {
    s = Status::InvalidName(set.name + " is not a parameter");
  }
  if (!s.ok()) return s;
  const ParamDef& def = t.node->def().params[t.index];
  const ParamBinding& b = Model::Binding(t.node, t.index);
  if ((origin != Origin::kInternal && !def.writable) || (b.get && !b.set)) {
    return Status::NotWritable(set.name + " is not writable");
  }
  if (set.has_type && def.type != Type::kString && set.type != def.type) {
    return Status::InvalidType(set.name + " is " + TypeName(def.type) + ", not " +
                               TypeName(set.type));
  }
  out->name = set.name;
  out->node = t.node;
  out->index = t.index;
  out->inst = Model::InstancesOf(t.node);
  s = def.Validate(set.value, &out->value);
  if (s.ok() && b.validate) s = b.validate(Context{out->name, out->inst}, out->value);
  return s;
}

// Sets plan[0..count) back to their old values, last first.
void Undo(Model* m, std::vector<PlannedSet>* plan, size_t count) {
  for (size_t j = count; j-- > 0;) {
    PlannedSet& q = (*plan)[j];
    const ParamBinding& qb = Model::Binding(q.node, q.index);
    Applied ignored;
    Status undone = qb.set ? qb.set(Context{q.name, q.inst}, q.old_value, &ignored) : Status::Ok();
    // Only the code: a setter's message may quote the (possibly secret) value.
    if (!undone.ok()) m->Warn("could not undo " + q.name + ": " + ErrorName(undone.code()));
    if (!qb.get) q.node->values[q.index] = q.old_value;
  }
}

// Applies |plan| in order; a setter failing part-way undoes what was applied before it and is
// the result. |stored_change|: a stored (not provider-backed) value changed.
Status Apply(Model* m, std::vector<PlannedSet>* plan, Applied* applied, bool* stored_change,
             std::vector<ParameterFault>* faults) {
  for (size_t k = 0; k < plan->size(); ++k) {
    PlannedSet& p = (*plan)[k];
    const ParamBinding& b = Model::Binding(p.node, p.index);
    // Unreadable: the undo sets "" back, which setters take as "nothing to undo".
    (void)m->ReadParam(p.node, p.index, p.name, p.inst, &p.old_value);
    if (b.set) {
      Applied a = Applied::kNow;
      Status s = b.set(Context{p.name, p.inst}, p.value, &a);
      if (!s.ok()) {
        Undo(m, plan, k);
        faults->push_back(ParameterFault{p.name, s});
        return s;
      }
      if (a == Applied::kLater && applied) *applied = Applied::kLater;
    }
    if (!b.get) {
      *stored_change |= p.node->values[p.index] != p.value;
      p.node->values[p.index] = p.value;
    }
  }
  return Status::Ok();
}

// Changes made by the ACS are not notified back to it (TR-069 3.2.1): they become the baseline
// and what the ACS was told. True when that changed the stored state.
bool RecordAsReported(Model* m, const std::vector<PlannedSet>& plan) {
  bool stored_change = false;
  for (const PlannedSet& p : plan) {
    const ParamDef& def = p.node->def().params[p.index];
    if (m->Notification(p.name, def) == 0) continue;
    std::string now;
    if (!m->ReadParam(p.node, p.index, p.name, p.inst, &now).ok()) continue;
    m->baseline[p.name] = now;
    // The ACS knows the value it set, also after a restart.
    auto [it, inserted] = m->reported.try_emplace(p.name, now);
    if (inserted || it->second != now) {
      it->second = now;
      stored_change = true;
    }
  }
  return stored_change;
}

void NotifyObservers(const Model& m, const std::vector<PlannedSet>& plan) {
  for (const PlannedSet& p : plan) {
    if (p.old_value == p.value) continue;  // rewriting the same value is not a change
    for (const auto& [prefix, observer] : m.observers) {
      if (PrefixMatches(prefix, p.name)) observer(p.name, p.value);
    }
  }
}

}  // namespace

Status DataModel::SetValues(const std::vector<ParameterSet>& sets, Origin origin,
                            std::vector<ParameterFault>* faults, Applied* applied) {
  internal::Operation op(rep_.get());
  std::vector<ParameterFault> local_faults;
  if (!faults) faults = &local_faults;
  faults->clear();
  if (applied) *applied = Applied::kNow;
  Status s = CheckNoDuplicates(sets);
  if (!s.ok()) return s;
  // Phase 1: validate everything; nothing is touched.
  std::vector<PlannedSet> plan;
  plan.reserve(sets.size());
  for (const ParameterSet& set : sets) {
    s = PlanOne(rep_.get(), set, origin, &plan.emplace_back());
    if (s.ok()) continue;
    plan.pop_back();
    faults->push_back(ParameterFault{set.name, std::move(s)});
  }
  if (!faults->empty()) {
    if (faults->size() == 1) return (*faults)[0].status;
    return Status::InvalidArguments(std::to_string(faults->size()) + " parameters rejected");
  }
  // Phase 2: apply.
  bool stored_change = false;
  s = Apply(rep_.get(), &plan, applied, &stored_change, faults);
  if (!s.ok()) return s;
  // Phase 3: what the ACS set is what it knows.
  if (origin == Origin::kAcs && RecordAsReported(rep_.get(), plan)) stored_change = true;
  // Rewriting an identical state would only cost an fsync.
  const Status saved = stored_change ? rep_->Persist() : Status::Ok();
  NotifyObservers(*rep_, plan);
  return saved;  // the values are in effect either way, so observers heard of them
}

Status DataModel::SetValue(std::string_view path, std::string_view value, Origin origin) {
  std::vector<ParameterSet> sets(1);
  sets[0].name = std::string(path);
  sets[0].value = std::string(value);
  std::vector<ParameterFault> faults;
  return SetValues(sets, origin, &faults, nullptr);
}

// ---- Names --------------------------------------------------------------------------------------

namespace {

// Appends |node|'s own parameters and objects and, if |recurse|, everything below them.
void ListNames(Model* m, Node* node, const std::string& path, bool recurse,
               std::vector<ParameterInfo>* out) {
  const ObjectDef& def = node->def();
  for (const ParamDef& p : def.params) out->push_back(ParameterInfo{path + p.name, p.writable});
  for (size_t c = 0; c < def.children.size(); ++c) {
    const ObjectDef& child = *def.children[c];
    std::string child_path = path + child.name + ".";
    if (!child.multi_instance) {
      out->push_back(ParameterInfo{child_path, false});
      if (recurse) ListNames(m, node->slots[c].single.get(), child_path, true, out);
      continue;
    }
    // A table is writable when AddObject is allowed, a row when DeleteObject is (A.3.2.3).
    out->push_back(ParameterInfo{child_path, child.writable});
    if (!recurse) continue;
    m->SyncTable(node, c);
    for (const auto& row : node->slots[c].rows) {
      std::string row_path = child_path + std::to_string(row->instance) + ".";
      out->push_back(ParameterInfo{row_path, child.writable});
      ListNames(m, row.get(), row_path, true, out);
    }
  }
}

}  // namespace

// TR-069 A.3.2.3: NextLevel false → the named object or parameter itself plus everything below
// it; NextLevel true → only the next level below the named object (for "" that is the root
// object); a parameter name with NextLevel true is an invalid argument (9003).
Status DataModel::GetNames(std::string_view path, bool next_level,
                           std::vector<ParameterInfo>* out) const {
  internal::Operation op(rep_.get());
  out->clear();
  Target t;
  Status s = rep_->Resolve(path, &t);
  if (!s.ok()) return s;
  Model* m = rep_.get();
  switch (t.kind) {
    case Target::kRoot: {
      std::string root_path = Model::PathOf(t.node);
      out->push_back(ParameterInfo{root_path, false});
      if (!next_level) ListNames(m, t.node, root_path, true, out);
      return Status::Ok();
    }
    case Target::kParam:
      if (next_level) {
        return Status::InvalidArguments("NextLevel is true for the parameter " + std::string(path));
      }
      out->push_back(ParameterInfo{std::string(path), t.node->def().params[t.index].writable});
      return Status::Ok();
    case Target::kObject: {
      std::string own(path);
      if (!next_level) {
        bool row = t.node->instance != 0;
        out->push_back(ParameterInfo{own, row && t.node->def().writable});
      }
      ListNames(m, t.node, own, !next_level, out);
      return Status::Ok();
    }
    case Target::kTable: {
      const ObjectDef& table = *t.node->def().children[t.index];
      std::string own(path);
      if (!next_level) out->push_back(ParameterInfo{own, table.writable});
      rep_->SyncTable(t.node, t.index);
      for (const auto& row : t.node->slots[t.index].rows) {
        std::string row_path = own + std::to_string(row->instance) + ".";
        out->push_back(ParameterInfo{row_path, table.writable});
        if (!next_level) ListNames(m, row.get(), row_path, true, out);
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// ---- Objects -----------------------------------------------------------------------------------

Status DataModel::AddObject(std::string_view table, Origin origin, uint32_t* instance,
                            Applied* applied) {
  internal::Operation op(rep_.get());
  if (applied) *applied = Applied::kNow;
  Target t;
  Status s = rep_->Resolve(table, &t);
  if (!s.ok()) return s;
  if (t.kind != Target::kTable) {
    return Status::InvalidName(std::string(table) + " is not a multi-instance object");
  }
  const ObjectDef& def = *t.node->def().children[t.index];
  internal::DefInfo* info = rep_->Info(&def);
  if (origin != Origin::kInternal && !def.writable) {
    return Status::NotWritable(std::string(table) + " does not allow AddObject");
  }
  if (info->listed() && !info->object.add) {
    return Status::NotWritable(std::string(table) + " rows are owned by the system");
  }
  rep_->SyncTable(t.node, t.index);
  auto& rows = t.node->slots[t.index].rows;
  if (def.max_entries != 0 && rows.size() >= def.max_entries) {
    return Status::ResourcesExceeded(std::string(table) + " already has " +
                                     std::to_string(def.max_entries) + " entries");
  }
  std::string table_path(table);
  uint32_t& counter = rep_->next_instance[table_path];
  const uint32_t saved_counter = counter;
  uint32_t n = std::max<uint32_t>(counter, 1);
  if (!rows.empty()) n = std::max(n, rows.back()->instance + 1);
  if (n == 0 || n == UINT32_MAX) return Status::ResourcesExceeded("instance numbers exhausted");
  counter = n + 1;
  std::string row_path = table_path + std::to_string(n) + ".";
  std::vector<uint32_t> inst = Model::InstancesOf(t.node);
  inst.push_back(n);
  rows.push_back(rep_->MakeNode(info, t.node, n, row_path, nullptr));
  Applied a = Applied::kNow;
  if (info->object.add) {
    s = info->object.add(Context{row_path, inst}, n, &a);
    if (!s.ok()) {
      auto it =
          std::find_if(rows.begin(), rows.end(), [n](const auto& r) { return r->instance == n; });
      if (it != rows.end()) rows.erase(it);
      rep_->next_instance[table_path] = saved_counter;
      if (saved_counter == 0) rep_->next_instance.erase(table_path);
      return s;
    }
  }
  *instance = n;
  if (applied) *applied = a;
  return rep_->Persist();
}

Status DataModel::DeleteObject(std::string_view instance_path, Origin origin, Applied* applied) {
  internal::Operation op(rep_.get());
  if (applied) *applied = Applied::kNow;
  Target t;
  Status s = rep_->Resolve(instance_path, &t);
  if (!s.ok()) return s;
  if (t.kind != Target::kObject || t.node->instance == 0) {
    return Status::InvalidName(std::string(instance_path) + " is not an object instance");
  }
  const ObjectDef& def = t.node->def();
  internal::DefInfo* info = t.node->info;
  if (origin != Origin::kInternal && !def.writable) {
    return Status::NotWritable(std::string(instance_path) + " does not allow DeleteObject");
  }
  if (info->listed() && !info->object.del) {
    return Status::NotWritable(std::string(instance_path) + " is owned by the system");
  }
  std::string path(instance_path);
  std::vector<uint32_t> inst = Model::InstancesOf(t.node);
  Applied a = Applied::kNow;
  if (info->object.del) {
    s = info->object.del(Context{path, inst}, &a);
    if (!s.ok()) return s;
  }
  Node* parent = t.node->parent;
  size_t slot = 0;
  while (parent->def().children[slot] != &def) ++slot;
  auto& rows = parent->slots[slot].rows;
  const uint32_t n = t.node->instance;
  rows.erase(
      std::find_if(rows.begin(), rows.end(), [n](const auto& r) { return r->instance == n; }));
  // Forget everything stored below the row; its number is never handed out again.
  auto erase_prefix = [&path](auto& map) {
    for (auto it = map.lower_bound(path);
         it != map.end() && it->first.compare(0, path.size(), path) == 0;) {
      it = map.erase(it);
    }
  };
  erase_prefix(rep_->attributes);
  erase_prefix(rep_->next_instance);
  erase_prefix(rep_->unclaimed_values);
  erase_prefix(rep_->reported);
  for (auto it = rep_->baseline.begin(); it != rep_->baseline.end();) {
    it = it->first.compare(0, path.size(), path) == 0 ? rep_->baseline.erase(it) : std::next(it);
  }
  if (applied) *applied = a;
  return rep_->Persist();
}

Status DataModel::CommitReportedValues() {
  internal::Operation op(rep_.get());
  std::map<std::string, std::string> now(rep_->baseline.begin(), rep_->baseline.end());
  if (now == rep_->reported) return Status::Ok();  // no write: flash wears
  // Unsaved, the old baseline stays, so the next call writes again instead of finding no news.
  std::swap(rep_->reported, now);
  Status saved = rep_->Persist();
  if (!saved.ok()) std::swap(rep_->reported, now);
  return saved;
}

Status DataModel::FactoryReset() {
  internal::Operation op(rep_.get());
  rep_->attributes.clear();
  rep_->baseline.clear();
  rep_->reported.clear();
  rep_->next_instance.clear();
  StoredState empty;
  rep_->Build(&empty);
  if (rep_->storage) return rep_->storage->Wipe();
  return Status::Ok();
}

size_t DataModel::parameter_count() const {
  internal::Operation op(rep_.get());
  if (!rep_->root) return 0;
  size_t n = 0;
  std::string prefix = Model::PathOf(rep_->root.get());
  std::vector<uint32_t> inst;
  rep_->ForEachParam(
      rep_->root.get(), &prefix, &inst,
      [&n](Node*, size_t, const std::string&, const std::vector<uint32_t>&) { ++n; });
  return n;
}

}  // namespace edgecwmp::dm
