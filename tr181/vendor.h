// SPDX-License-Identifier: GPL-2.0-or-later
// The names edgecwmp owns in Device:2: the data-model version it implements and the one vendor
// prefix every vendor-specific object or parameter carries (TR-106 3.3: "X_<VENDOR>_").
#ifndef EDGECWMP_TR181_VENDOR_H_
#define EDGECWMP_TR181_VENDOR_H_

namespace edgecwmp::tr181 {

// Device.RootDataModelVersion: TR-181 Issue 2 Amendment 17.
inline constexpr const char* kRootDataModelVersion = "2.17";
// Prefix of every edgecwmp vendor extension, e.g. "Device.X_EDGECWMP_Foo".
inline constexpr const char* kVendorPrefix = "X_EDGECWMP_";

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_VENDOR_H_
