// SPDX-License-Identifier: GPL-2.0-or-later
// FleetModel: the ONE schema a fleet shares and what every CPE starts with (rows, values), and
// the per-CPE CpeDelta — only what the ACS changed on that CPE. A session's DataModel is built
// from the two when the session starts and dropped when it ends, so an idle CPE holds no tree.
//
// The schema is our TR-181 definitions (tr181/*.xml) or one imported from a captured
// GetParameterValuesResponse (any root, TR-098's InternetGatewayDevice. included): each name's
// instance numbers become "{i}" templates, xsd types become schema types, every parameter and
// table is writable (a dump does not say), and the dump's rows and values are the start state.
#ifndef EDGECWMP_CWMP_FLEET_FLEET_MODEL_H_
#define EDGECWMP_CWMP_FLEET_FLEET_MODEL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cwmp/fleet/profile.h"
#include "datamodel/datamodel.h"
#include "datamodel/schema.h"

namespace edgecwmp::cwmp::fleet {

// What the ACS changed on one CPE (SetParameterValues, AddObject, DeleteObject,
// SetParameterAttributes), replayed over the profile's start state at each session.
struct CpeDelta {
  std::map<std::string, std::string> values;               // path → value
  std::map<std::string, std::vector<uint32_t>> instances;  // table "X.Y." → rows now
  std::map<std::string, int> notifications;                // path (or partial) → 0/1/2
  bool empty() const { return values.empty() && instances.empty() && notifications.empty(); }
};

// Who one CPE is: the expanded identity templates.
struct CpeIdentity {
  uint64_t index = 0;
  std::string oui, product_class, serial, mac;
  std::string device_id() const { return oui + "-" + product_class + "-" + serial; }
};
CpeIdentity IdentityOf(const FleetProfile& profile, uint64_t index);

// The schema text (definition format of datamodel/schema.h) and the start state of a
// GetParameterValuesResponse envelope.
struct ImportedModel {
  std::string schema_xml;
  std::map<std::string, std::vector<uint32_t>> instances;  // table "X.Y." → rows
  std::map<std::string, std::string> values;               // path → value
};
Status ImportGpvDump(std::string_view envelope_xml, ImportedModel* out);

class FleetModel {
 public:
  // Loads the schema and start state the profile names (tr181 or a dump file path).
  Status Load(const FleetProfile& profile);

  const dm::Schema& schema() const { return schema_; }
  const std::string& root() const { return root_; }  // "Device." or "InternetGatewayDevice."
  size_t start_values() const { return values_.size(); }

  // A CPE's model for one session: start rows and values, identity, generators (reading
  // |seconds_since_boot|), then |delta|. The connection-request URL is |cr_url|.
  Status Materialize(const CpeIdentity& id, const CpeDelta& delta, const std::string& cr_url,
                     const uint64_t* seconds_since_boot, std::unique_ptr<dm::DataModel>* out) const;

 private:
  Status ApplyRows(dm::DataModel* model, const std::string& table,
                   const std::vector<uint32_t>& rows) const;
  Status BindGenerators(dm::DataModel* model, uint64_t cpe,
                        const uint64_t* seconds_since_boot) const;

  const FleetProfile* profile_ = nullptr;
  dm::Schema schema_;
  std::string root_;
  std::map<std::string, std::vector<uint32_t>> instances_;
  std::map<std::string, std::string> values_;  // templates ({i}, {serial}, {mac})
};

// The template path of a concrete one: instance numbers become "{i}".
std::string TemplateOf(std::string_view path);

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_FLEET_MODEL_H_
