// SPDX-License-Identifier: GPL-2.0-or-later
// Device2: the whole Device:2 base model in one call — binds DeviceInfo, ProcessStatus,
// ManagementServer and Time to the system — and a printable summary of a loaded model.
#ifndef EDGECWMP_TR181_DEVICE2_H_
#define EDGECWMP_TR181_DEVICE2_H_

#include <string>

#include "datamodel/datamodel.h"
#include "tr181/device_info.h"

namespace edgecwmp::tr181 {

// Binds every provider of the base model. |model|'s schema must hold device.xml (see
// definitions.h). Call before DataModel::Load() and before serving requests. Fails only on an
// invalid identity or an unusable state directory.
Status RegisterDevice2(dm::DataModel* model, const DeviceIdentity& identity);

// Object and parameter counts of the definitions and of the live tree, per top-level object.
std::string ModelSummary(const dm::DataModel& model);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DEVICE2_H_
