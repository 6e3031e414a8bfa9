// SPDX-License-Identifier: GPL-2.0-or-later
// DeviceInfo: binds Device.DeviceInfo. (identity, UpTime, FirstUseDate) and its MemoryStatus. to
// the system. The identity comes from the daemon's configuration; every field left empty takes an
// embedded default, so the agent runs with no configuration at all.
#ifndef EDGECWMP_TR181_DEVICE_INFO_H_
#define EDGECWMP_TR181_DEVICE_INFO_H_

#include <string>

#include "base/status.h"
#include "datamodel/datamodel.h"

namespace edgecwmp::tr181 {

inline constexpr const char* kDefaultManufacturer = "EdgeCWMP";
// A locally administered value (U/L bit set), so it collides with no IEEE-assigned vendor:
// deployments set their own OUI in the configuration.
inline constexpr const char* kDefaultManufacturerOUI = "02EDC0";
inline constexpr const char* kDefaultProductClass = "EdgeXGateway";
inline constexpr const char* kDefaultModelName = "EdgeCWMP Gateway";
inline constexpr const char* kDefaultDescription =
    "EdgeX Foundry gateway managed over TR-069 by edgecwmp";
// TR-106 3.2 Unknown Time.
inline constexpr const char* kUnknownTime = "0001-01-01T00:00:00Z";

struct DeviceIdentity {
  std::string manufacturer;      // default kDefaultManufacturer
  std::string manufacturer_oui;  // six upper-case hex digits; default kDefaultManufacturerOUI
  std::string product_class;     // default kDefaultProductClass
  std::string serial_number;     // default: derived from /etc/machine-id (DerivedSerialNumber)
  std::string model_name;        // default kDefaultModelName
  std::string description;       // default kDefaultDescription
  std::string hardware_version;  // default: the machine architecture (uname -m)
  std::string software_version;  // default: the edgecwmp version
  // Where FirstUseDate is recorded (file "first_use_date"); empty: reported as Unknown Time.
  std::string state_dir;
};

// |configured| with every empty field defaulted and the OUI upper-cased; an OUI that is not six
// hex digits or a value longer than TR-181 allows is kInvalidValue.
Status ResolveIdentity(const DeviceIdentity& configured, DeviceIdentity* resolved);

// 16 upper-case hex digits of SHA-256("edgecwmp:" + machine-id): stable per machine without
// disclosing the machine id itself (machine-id(5)). Falls back to the host name.
std::string DerivedSerialNumber();

// The date of the first start, recorded in |state_dir| on the first call and read back after.
Status RecordFirstUse(const std::string& state_dir, std::string* date);

// Binds Device.DeviceInfo. and Device.DeviceInfo.MemoryStatus. (|identity| already resolved).
Status BindDeviceInfo(dm::DataModel* model, const DeviceIdentity& identity);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DEVICE_INFO_H_
