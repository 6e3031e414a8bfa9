// SPDX-License-Identifier: GPL-2.0-or-later
// DataModel: the live tree of objects, instances, values and attributes over a Schema, with the
// operations a management protocol needs (get, atomic set, names, add/delete, attributes,
// value-change detection) and a one-line binding API for providers. It knows nothing of SOAP or
// HTTP. Thread-safe: every public call takes one internal (recursive) lock, so a provider callback
// may call back into the model.
#ifndef EDGECWMP_DATAMODEL_DATAMODEL_H_
#define EDGECWMP_DATAMODEL_DATAMODEL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "datamodel/persistence.h"
#include "datamodel/schema.h"
#include "datamodel/types.h"

namespace edgecwmp::dm {

// ---- Results ---------------------------------------------------------------------------------

struct ParameterValue {
  std::string name;   // full path
  std::string value;  // canonical text; "" for secret parameters
  Type type = Type::kString;
};

struct ParameterInfo {
  std::string name;  // a parameter, or an object path ending in '.'
  bool writable = false;
};

struct ParameterAttributes {
  std::string name;
  int notification = 0;                  // 0 off, 1 passive, 2 active
  std::vector<std::string> access_list;  // e.g. {"Subscriber"}
};

struct ParameterFault {
  std::string name;
  Status status;  // kInvalidName, kInvalidType, kInvalidValue, kNotWritable, ...
};

// ---- Requests --------------------------------------------------------------------------------

struct ParameterSet {
  std::string name;
  std::string value;
  // Optional declared type (e.g. from xsi:type). If set and different from the schema's type the
  // set fails with kInvalidType. Strings are lenient: any declared type is accepted for kString.
  bool has_type = false;
  Type type = Type::kString;
};

struct AttributeSet {
  std::string name;  // a parameter or a partial path (applies to every parameter below it)
  bool notification_change = false;
  int notification = 0;
  bool access_list_change = false;
  std::vector<std::string> access_list;
};

// Who is writing. kAcs enforces writability and suppresses value-change notification for the
// written parameters (TR-069 A.3.2.1 / 3.2.1: changes made by the ACS are not notified back);
// kLocal (an operator on the device, cwmpctl set) enforces writability like the ACS but its
// changes are notified like any other; kInternal bypasses writability (e.g. ParameterKey,
// ConnectionRequestURL set by the agent).
enum class Origin : uint8_t { kAcs, kInternal, kLocal };

// Whether a set or add/delete took effect now or will later (CWMP Status 0 / 1).
enum class Applied : uint8_t { kNow = 0, kLater = 1 };

// ---- Provider binding ------------------------------------------------------------------------

// Where a callback is, e.g. path "Device.DeviceInfo.ProcessStatus.Process.3.PID" with
// instances {3}. instances lists the instance numbers along the path, outermost first.
struct Context {
  const std::string& path;
  const std::vector<uint32_t>& instances;
};

using Getter = std::function<Status(const Context& ctx, std::string* value)>;
// Checks a value that already passed the schema; runs before anything is applied.
using Validator = std::function<Status(const Context& ctx, const std::string& value)>;
// Applies a validated value. May set *applied = kLater (defaults to kNow).
using Setter =
    std::function<Status(const Context& ctx, const std::string& value, Applied* applied)>;
// Lists a table's current instance numbers (ascending) for tables whose rows the system owns.
using InstanceLister = std::function<std::vector<uint32_t>(const Context& table)>;
// Called after the model picked |instance| for AddObject (ctx.path is the new "X.{n}." path);
// a failure undoes the add.
using Adder = std::function<Status(const Context& ctx, uint32_t instance, Applied* applied)>;
using Deleter = std::function<Status(const Context& ctx, Applied* applied)>;
// After a committed change of a stored parameter (from any origin), e.g. to reschedule Informs.
using Observer = std::function<void(const std::string& path, const std::string& value)>;

struct ParamBinding {
  Getter get;          // set: the value is live and never stored
  Validator validate;  // optional
  Setter set;          // set without get: stored value + side effect; with get: the only store
};

struct ObjectBinding {
  InstanceLister list;  // set: rows come from the system, not from storage
  Adder add;            // optional hook for stored tables, required for AddObject on listed ones
  Deleter del;
};

// Which values changed since they were last reported, for parameters whose Notification is not 0.
struct ValueChange {
  std::string name;
  std::string value;
  Type type = Type::kString;
  int notification = 0;  // 1 passive, 2 active
};

class DataModel {
 public:
  // |schema| must outlive the model. |storage| may be null (nothing persists).
  DataModel(const Schema* schema, Storage* storage);
  ~DataModel();
  DataModel(const DataModel&) = delete;
  DataModel& operator=(const DataModel&) = delete;

  // Restores stored values, attributes and instances from storage (defaults where absent).
  // |source| (if not null) says where they came from: kLost means a state had been stored but
  // could not be read back, so the model holds defaults where it held the owner's values.
  Status Load(LoadSource* source = nullptr);

  const Schema& schema() const;

  // Bindings take template paths ("Device.X.{i}.Y"); call them before serving requests. A path
  // the schema lacks is kInvalidName naming it, and the caller's start-up fails: a provider
  // bound to a typo would otherwise leave the real parameter silently unprovided.
  Status BindParameter(std::string_view path_template, ParamBinding binding);
  Status BindObject(std::string_view path_template, ObjectBinding binding);
  void Observe(std::string_view path_prefix, Observer observer);

  // ---- Operations (paths are concrete; "" is the root; a partial path ends in '.') ----

  // Full name → one value; partial path → every parameter below it, in tree order.
  Status GetValues(std::string_view path, std::vector<ParameterValue>* out) const;
  // Convenience for internal readers (secret values are returned in clear).
  Status GetValue(std::string_view path, std::string* value) const;

  // Validates every entry first; on any failure nothing changes and |faults| lists each bad one.
  // Duplicate names are rejected (kInvalidArguments). On success commits all, persists once.
  // Here and in AddObject, DeleteObject, SetAttributes and CommitReportedValues: a change that is
  // in effect but could not be saved is kInternal, so no one is told it will survive a restart.
  Status SetValues(const std::vector<ParameterSet>& sets, Origin origin,
                   std::vector<ParameterFault>* faults, Applied* applied);
  Status SetValue(std::string_view path, std::string_view value, Origin origin = Origin::kInternal);

  // TR-069 A.3.2.3 semantics, including the empty path and NextLevel on a parameter (9003).
  Status GetNames(std::string_view path, bool next_level, std::vector<ParameterInfo>* out) const;

  // |table| is "X.Y." (a multi-instance object's path without the instance). Instance numbers
  // grow and are never reused until FactoryReset().
  Status AddObject(std::string_view table, Origin origin, uint32_t* instance, Applied* applied);
  Status DeleteObject(std::string_view instance_path, Origin origin, Applied* applied);

  Status GetAttributes(std::string_view path, std::vector<ParameterAttributes>* out) const;
  Status SetAttributes(const std::vector<AttributeSet>& sets);  // atomic, like SetValues

  // Compares current values of notified parameters with the last reported ones. Returns the
  // changes and makes the new values the baseline. After a restart the first call compares with
  // the baseline last committed, so changes made while the agent was down are returned.
  std::vector<ValueChange> CollectValueChanges();
  // The ACS has now heard of every change CollectValueChanges returned (the Inform carrying them
  // was accepted): the baseline is persisted, when it differs from what was, for the next start.
  Status CommitReportedValues();

  // The stored state in Storage's file format without the value of any secret parameter (nor of a
  // stored value the schema no longer knows): what may leave the device as its configuration.
  Status ExportConfiguration(std::string* xml) const;

  // Forced-inform parameters (schema forcedInform), in tree order.
  std::vector<ParameterValue> ForcedInformValues() const;

  // Drops every stored value, attribute and instance (and the instance counters).
  Status FactoryReset();

  size_t parameter_count() const;  // concrete parameters in the tree now

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::dm

#endif  // EDGECWMP_DATAMODEL_DATAMODEL_H_
