// SPDX-License-Identifier: GPL-2.0-or-later
// EdgexDevices: binds the vendor object Device.X_EDGECWMP_EdgeX. (tr181/edgex/edgex.xml) to
// core-metadata: Device.{i} (the field devices), DeviceService.{i} and DeviceProfile.{i}, with
// their NumberOfEntries. Reads come from the snapshot the last Poll() took (three list calls, one
// page each up to the client's page_limit; never a call per device), so a GetParameterValues
// costs EdgeX nothing. Instance numbers are given by name at first sight and never change while
// the agent runs. Setting AdminState of a device or device service PATCHes core-metadata and
// succeeds only when core-metadata accepted it. Poll() reports, through on_change, when a
// device's OperatingState or AdminState (or a service's AdminState) changed, so the agent can
// send an active notification (4 VALUE CHANGE).
#ifndef EDGECWMP_TR181_EDGEX_EDGEX_DEVICES_H_
#define EDGECWMP_TR181_EDGEX_EDGEX_DEVICES_H_

#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "datamodel/datamodel.h"
#include "tr181/edgex/metadata_client.h"

namespace edgecwmp::edgex {

class EdgexDevices {
 public:
  // |client| must outlive this object and every binding made by Bind().
  EdgexDevices(const MetadataClient* client, std::function<void()> on_change);
  ~EdgexDevices();

  Status Bind(dm::DataModel* model);

  // Re-reads the three lists; on a failure the previous snapshot stays and the Status is returned.
  Status Poll();

 private:
  struct Rep;
  std::shared_ptr<Rep> rep_;
};

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_EDGEX_DEVICES_H_
