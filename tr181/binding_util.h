// SPDX-License-Identifier: GPL-2.0-or-later
// Small helpers the Device:2 providers share to keep each binding one line: a live read-only
// value, a system-owned table bound together with its NumberOfEntries parameter, and a value cut
// to its parameter's maxLength.
#ifndef EDGECWMP_TR181_BINDING_UTIL_H_
#define EDGECWMP_TR181_BINDING_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "datamodel/datamodel.h"

namespace edgecwmp::tr181 {

// A read-only value computed on every read (never stored).
dm::ParamBinding LiveValue(std::function<Status(std::string* value)> read);
// A read-only value fixed at registration.
dm::ParamBinding ConstantValue(std::string value);

// Binds |table_template| ("X.Y.{i}.") to |lister| and |count_param| (its NumberOfEntries, full
// path) to the number of rows the lister reports. The table's parent must not be multi-instance.
Status BindListedTable(dm::DataModel* model, std::string_view table_template,
                       std::string_view count_param, dm::InstanceLister lister);

// The value at |path|, or "" when it is absent or unreadable (the caller's default then applies).
std::string ReadValue(const dm::DataModel& model, const std::string& path);
// The unsigned value at |path|, or |fallback| when it reads as "".
uint32_t ReadUnsigned(const dm::DataModel& model, const std::string& path, uint32_t fallback);

// |text| cut to at most |max_chars| characters. TR-106 counts a string(N)'s length in characters
// and the value must stay UTF-8 (it goes into SOAP XML), so a multi-byte character is never split.
std::string TruncateUtf8(std::string text, size_t max_chars);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_BINDING_UTIL_H_
