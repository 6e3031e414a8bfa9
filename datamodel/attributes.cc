// SPDX-License-Identifier: GPL-2.0-or-later
// DataModel: parameter attributes (TR-069 A.3.2.4/A.3.2.5), value-change detection for notified
// parameters (TR-069 3.2.1) and forced-inform values.
#include <set>

#include "datamodel/datamodel.h"
#include "datamodel/model.h"

namespace edgecwmp::dm {

using internal::Model;
using internal::Node;
using internal::Target;

namespace {

bool IsKnownAccessor(const std::string& who) {
  return who == "Subscriber";  // the only entity TR-069 A.3.2.4 defines
}

struct AttrChange {
  std::string path;
  Node* node;
  size_t index;
  std::vector<uint32_t> inst;
  const AttributeSet* set;
  bool change_notification;  // false for forceEnabled parameters under a partial path
};

// Calls fn(node, index, path, instances) for each parameter satisfying |want|, visiting only the
// subtrees whose DefInfo::*|below| hint says they hold some.
template <typename Want, typename Fn>
void WalkFlagged(Model* m, bool internal::DefInfo::*below, Want&& want, Fn&& fn) {
  if (!m->root || !(m->root->info->*below)) return;
  std::string prefix = Model::PathOf(m->root.get());
  std::vector<uint32_t> inst;
  m->ForEachParam(
      m->root.get(), &prefix, &inst,
      [&](Node* node, size_t i, const std::string& path, const std::vector<uint32_t>& instances) {
        if (want(node->def().params[i])) fn(node, i, path, instances);
      },
      below);
}

}  // namespace

Status DataModel::GetAttributes(std::string_view path,
                                std::vector<ParameterAttributes>* out) const {
  internal::Operation op(rep_.get());
  out->clear();
  Target t;
  Status s = rep_->Resolve(path, &t);
  if (!s.ok()) return s;
  rep_->ForEachTargetParam(
      t, [&](Node* node, size_t i, const std::string& name, const std::vector<uint32_t>&) {
        const ParamDef& def = node->def().params[i];
        ParameterAttributes a;
        a.name = name;
        a.notification = rep_->Notification(name, def);
        auto it = rep_->attributes.find(name);
        if (it != rep_->attributes.end()) a.access_list = it->second.access_list;
        out->push_back(std::move(a));
      });
  return Status::Ok();
}

Status DataModel::SetAttributes(const std::vector<AttributeSet>& sets) {
  internal::Operation op(rep_.get());
  // Validate every entry before changing anything.
  std::vector<AttrChange> changes;
  for (const AttributeSet& set : sets) {
    Target t;
    Status s = rep_->Resolve(set.name, &t);
    if (!s.ok()) return s;
    if (set.notification_change && (set.notification < 0 || set.notification > 2)) {
      return Status::InvalidArguments(set.name + ": notification must be 0, 1 or 2");
    }
    if (set.access_list_change) {
      for (const std::string& who : set.access_list) {
        if (!IsKnownAccessor(who)) {
          return Status::InvalidArguments(set.name + ": unknown access list entry " + who);
        }
      }
    }
    const bool single = t.kind == Target::kParam;
    Status rejected;
    rep_->ForEachTargetParam(
        t, [&](Node* node, size_t i, const std::string& name, const std::vector<uint32_t>& inst) {
          const ParamDef& def = node->def().params[i];
          bool change_notification = set.notification_change;
          if (change_notification && rejected.ok()) {
            // TR-106: forceEnabled parameters are always active; canDeny ones may refuse active.
            if (def.active_notify == ActiveNotify::kForceEnabled) {
              if (single && set.notification != 2) {
                rejected = Status::NotificationRejected(name + ": notification is always active");
              }
              change_notification = false;
            } else if (def.active_notify == ActiveNotify::kCanDeny && set.notification == 2) {
              rejected = Status::NotificationRejected(name + ": active notification is denied");
            }
          }
          if (!change_notification && !set.access_list_change) return;
          changes.push_back(AttrChange{name, node, i, inst, &set, change_notification});
        });
    if (!rejected.ok()) return rejected;
  }
  for (const AttrChange& c : changes) {
    StoredState::Attr& attr = rep_->attributes[c.path];
    if (c.change_notification) attr.notification = c.set->notification;
    if (c.set->access_list_change) attr.access_list = c.set->access_list;
    const ParamDef& def = c.node->def().params[c.index];
    if (rep_->Notification(c.path, def) != 0) {
      std::string value;
      if (rep_->ReadParam(c.node, c.index, c.path, c.inst, &value).ok()) {
        rep_->baseline[c.path] = value;
        rep_->reported[c.path] = value;  // persisted below: notification starts from here
      }
    } else {
      rep_->baseline.erase(c.path);
      rep_->reported.erase(c.path);
    }
    if (attr.notification == 0 && attr.access_list.empty()) rep_->attributes.erase(c.path);
  }
  return rep_->Persist();
}

std::vector<ValueChange> DataModel::CollectValueChanges() {
  internal::Operation op(rep_.get());
  std::vector<ValueChange> out;
  std::set<std::string> seen;
  auto check = [&](Node* node, size_t i, const std::string& name,
                   const std::vector<uint32_t>& inst) {
    const ParamDef& def = node->def().params[i];
    int notification = rep_->Notification(name, def);
    if (notification == 0 || !seen.insert(name).second) return;
    std::string value;
    if (!rep_->ReadParam(node, i, name, inst, &value).ok()) return;
    auto it = rep_->baseline.find(name);
    if (it == rep_->baseline.end()) {
      rep_->baseline.emplace(name, std::move(value));  // first sight: nothing to compare with
      return;
    }
    if (it->second == value) return;
    it->second = value;
    out.push_back(ValueChange{name, def.secret ? std::string() : value, def.type, notification});
  };
  // forceEnabled parameters first, in tree order.
  WalkFlagged(
      rep_.get(), &internal::DefInfo::force_enabled_below,
      [](const ParamDef& p) { return p.active_notify == ActiveNotify::kForceEnabled; }, check);
  // Parameters the ACS (or the agent) asked to be notified about.
  std::vector<std::string> notified;
  for (const auto& [path, attr] : rep_->attributes) {
    if (attr.notification != 0) notified.push_back(path);
  }
  for (const std::string& path : notified) {
    Target t;
    if (!rep_->Resolve(path, &t).ok() || t.kind != Target::kParam) continue;
    check(t.node, t.index, path, Model::InstancesOf(t.node));
  }
  return out;
}

std::vector<ParameterValue> DataModel::ForcedInformValues() const {
  internal::Operation op(rep_.get());
  std::vector<ParameterValue> out;
  WalkFlagged(
      rep_.get(), &internal::DefInfo::forced_inform_below,
      [](const ParamDef& p) { return p.forced_inform; },
      [&](Node* node, size_t i, const std::string& name, const std::vector<uint32_t>& inst) {
        const ParamDef& p = node->def().params[i];
        ParameterValue pv{name, std::string(), p.type};
        // Forced parameters go in every Inform; one that cannot be read goes with "".
        if (!p.secret) (void)rep_->ReadParam(node, i, name, inst, &pv.value);
        out.push_back(std::move(pv));
      });
  return out;
}

}  // namespace edgecwmp::dm
