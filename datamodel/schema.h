// SPDX-License-Identifier: GPL-2.0-or-later
// Schema: the static shape of a data model (objects, parameters, their types and rules), loaded
// from the project's XML definitions. Immutable once loaded; the tree (datamodel.h) holds values.
//
// Definition format (tr181/*.xml), one <object> per object, full path, "{i}" for instances:
//
//   <datamodel name="Device:2.17">
//     <object path="Device.ManagementServer." access="readOnly">
//       <parameter name="PeriodicInformInterval" type="unsignedInt" access="readWrite"
//                  min="1" default="86400"/>
//       <parameter name="Password" type="string" maxLength="256" access="readWrite"
//                  secret="true"/>
//       <parameter name="ParameterKey" type="string" maxLength="32" forcedInform="true"
//                  activeNotify="canDeny"/>
//     </object>
//     <object path="Device.SoftwareModules.ExecutionUnit.{i}." access="readOnly"
//             minEntries="0" maxEntries="unbounded">
//       <parameter name="RequestedState" type="string" access="readWrite">
//         <enumeration>Idle</enumeration><enumeration>Active</enumeration>
//       </parameter>
//     </object>
//   </datamodel>
//
// Attributes: access readOnly|readWrite (on a table: readWrite = AddObject/DeleteObject allowed);
// type one of types.h; maxLength (strings, base64, hexBinary: characters); min/max (numbers,
// inclusive; several ranges as range="0:10,20:30"); default; list="true" (comma-separated list,
// maxLength counts the whole string); forcedInform="true" (always in Inform); activeNotify
// normal|canDeny|forceEnabled (TR-106: canDeny lets the CPE refuse active notification → 9009);
// secret="true" (read back as "", TR-069 A.3.2.2 for passwords). An object's parent must be
// defined before it; a parent of "X.{i}." is the table "X." which is implicit.
#ifndef EDGECWMP_DATAMODEL_SCHEMA_H_
#define EDGECWMP_DATAMODEL_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "datamodel/types.h"

namespace edgecwmp::dm {

enum class ActiveNotify : uint8_t { kNormal, kCanDeny, kForceEnabled };

struct Range {
  // Stored wide enough for every integer type; unsignedLong beyond INT64_MAX uses max_u.
  int64_t min = INT64_MIN;
  int64_t max = INT64_MAX;
};

struct ParamDef {
  std::string name;  // last segment, e.g. "PeriodicInformInterval"
  Type type = Type::kString;
  bool writable = false;
  bool secret = false;
  bool forced_inform = false;
  bool list = false;
  ActiveNotify active_notify = ActiveNotify::kNormal;
  uint32_t max_length = 0;               // 0 = unlimited
  std::vector<Range> ranges;             // empty = type's full range
  std::vector<std::string> enumeration;  // empty = any value
  std::string default_value;

  // Type, length, range and enumeration checks; canonical value to |out|.
  Status Validate(std::string_view value, std::string* out) const;
};

struct ObjectDef {
  std::string path;  // template, e.g. "Device.SoftwareModules.ExecutionUnit.{i}."
  std::string name;  // last segment, e.g. "ExecutionUnit" (the table name for multi-instance)
  bool multi_instance = false;  // path ends in ".{i}."
  bool writable = false;        // tables: AddObject/DeleteObject allowed
  uint32_t max_entries = 0;     // 0 = unbounded
  const ObjectDef* parent = nullptr;
  std::vector<ParamDef> params;            // in definition order
  std::vector<const ObjectDef*> children;  // in definition order

  const ParamDef* FindParam(std::string_view name) const;
};

class Schema {
 public:
  Schema();
  ~Schema();
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  // Adds the definitions in |xml_path| (several files may be loaded, e.g. tr181/device.xml then
  // tr181/edgex/edgex.xml). Errors name the file and the offending element.
  Status LoadFile(const std::string& xml_path);
  Status LoadString(std::string_view xml, const std::string& origin = "<string>");

  const ObjectDef* root() const;  // "Device." (nullptr before any load)
  // Looks up a template path ("Device.X.{i}.") as written in the definitions.
  const ObjectDef* FindObject(std::string_view template_path) const;
  size_t object_count() const;
  size_t param_count() const;
  std::vector<const ObjectDef*> objects() const;  // definition order

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace edgecwmp::dm

#endif  // EDGECWMP_DATAMODEL_SCHEMA_H_
