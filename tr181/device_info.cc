// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/device_info.h"

#include <openssl/evp.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "base/file_io.h"
#include "base/time_util.h"
#include "tr181/binding_util.h"
#include "tr181/proc_reader.h"

#ifndef EDGECWMP_VERSION
#define EDGECWMP_VERSION "0.0.0"
#endif

namespace edgecwmp::tr181 {
namespace {

constexpr const char* kFirstUseFile = "first_use_date";

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (in) std::getline(in, line);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return std::string();
  }
  static const char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

Status CheckLength(const char* what, const std::string& value, size_t max) {
  if (value.size() > max) {
    return Status::InvalidValue(std::string("DeviceInfo.") + what + " longer than " +
                                std::to_string(max) + " characters");
  }
  return Status::Ok();
}

void Default(std::string* field, const std::string& fallback) {
  if (field->empty()) *field = fallback;
}

}  // namespace

std::string DerivedSerialNumber() {
  std::string id = ReadFirstLine("/etc/machine-id");
  if (id.empty()) id = ReadFirstLine("/var/lib/dbus/machine-id");
  if (id.empty()) {
    char host[256] = {0};
    if (gethostname(host, sizeof(host) - 1) == 0) id = host;
  }
  if (id.empty()) id = "unknown";
  return Sha256Hex("edgecwmp:" + id).substr(0, 16);
}

Status ResolveIdentity(const DeviceIdentity& configured, DeviceIdentity* resolved) {
  DeviceIdentity r = configured;
  Default(&r.manufacturer, kDefaultManufacturer);
  Default(&r.manufacturer_oui, kDefaultManufacturerOUI);
  Default(&r.product_class, kDefaultProductClass);
  Default(&r.model_name, kDefaultModelName);
  Default(&r.description, kDefaultDescription);
  Default(&r.software_version, EDGECWMP_VERSION);
  if (r.serial_number.empty()) r.serial_number = DerivedSerialNumber();
  if (r.hardware_version.empty()) {
    struct utsname name;
    r.hardware_version = uname(&name) == 0 ? name.machine : "unknown";
  }
  for (char& c : r.manufacturer_oui)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // TR-181 ManufacturerOUI: exactly six hex digits, pattern [0-9A-F]{6}.
  if (r.manufacturer_oui.size() != 6 ||
      r.manufacturer_oui.find_first_not_of("0123456789ABCDEF") != std::string::npos) {
    return Status::InvalidValue("DeviceInfo.ManufacturerOUI must be six hex digits, got \"" +
                                configured.manufacturer_oui + "\"");
  }
  const struct {
    const char* name;
    const std::string& value;
    size_t max;
  } kLimits[] = {
      {"Manufacturer", r.manufacturer, 64},       {"ProductClass", r.product_class, 64},
      {"SerialNumber", r.serial_number, 64},      {"ModelName", r.model_name, 64},
      {"Description", r.description, 256},        {"HardwareVersion", r.hardware_version, 64},
      {"SoftwareVersion", r.software_version, 64}};
  for (const auto& limit : kLimits) {
    Status status = CheckLength(limit.name, limit.value, limit.max);
    if (!status.ok()) return status;
  }
  *resolved = std::move(r);
  return Status::Ok();
}

Status RecordFirstUse(const std::string& state_dir, std::string* date) {
  if (state_dir.empty()) {
    *date = kUnknownTime;
    return Status::Ok();
  }
  const std::string path = state_dir + "/" + kFirstUseFile;
  std::string recorded = ReadFirstLine(path);
  std::string canonical;
  if (!recorded.empty() && dm::Canonicalize(dm::Type::kDateTime, recorded, &canonical).ok()) {
    *date = canonical;
    return Status::Ok();
  }
  // First start, or a damaged record: (re)record now rather than refuse to start.
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  const std::string now = NowDateTime();
  Status status = WriteFileAtomic(path, now + "\n");
  if (!status.ok()) return status;
  *date = now;
  return Status::Ok();
}

Status BindDeviceInfo(dm::DataModel* model, const DeviceIdentity& id) {
  std::string first_use;
  Status status = RecordFirstUse(id.state_dir, &first_use);
  if (!status.ok()) return status;

  const std::string base = "Device.DeviceInfo.";
  const struct {
    const char* name;
    const std::string& value;
  } kIdentity[] = {{"Manufacturer", id.manufacturer},
                   {"ManufacturerOUI", id.manufacturer_oui},
                   {"ModelName", id.model_name},
                   {"Description", id.description},
                   {"ProductClass", id.product_class},
                   {"SerialNumber", id.serial_number},
                   {"HardwareVersion", id.hardware_version},
                   {"SoftwareVersion", id.software_version},
                   {"FirstUseDate", first_use}};
  for (const auto& field : kIdentity)
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(base + field.name, ConstantValue(field.value)));

  EDGECWMP_RETURN_IF_ERROR(
      model->BindParameter(base + "UpTime", LiveValue([](std::string* value) {
                             uint64_t seconds = 0;
                             if (!ReadUptimeSeconds(&seconds)) {
                               return Status::Internal("cannot read /proc/uptime");
                             }
                             *value = std::to_string(seconds > UINT32_MAX ? UINT32_MAX : seconds);
                             return Status::Ok();
                           })));
  // Free reports MemAvailable: what processes can still get, which on Linux is the meaningful
  // reading of TR-181's "free physical memory currently available" (MemFree omits the page cache).
  const struct {
    const char* name;
    uint64_t MemInfo::*field;
  } kMemory[] = {{"MemoryStatus.Total", &MemInfo::total_kib},
                 {"MemoryStatus.Free", &MemInfo::available_kib}};
  for (const auto& entry : kMemory) {
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
        base + entry.name, LiveValue([field = entry.field](std::string* value) {
          MemInfo info;
          if (!ReadMemInfo(&info)) return Status::Internal("cannot read /proc/meminfo");
          const uint64_t kib = info.*field;
          *value = std::to_string(kib > UINT32_MAX ? UINT32_MAX : kib);
          return Status::Ok();
        })));
  }
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
