// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/network/system_facts.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace edgecwmp::tr181::network {
namespace {

namespace fs = std::filesystem;

std::string FirstLine(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

bool ReadInt(const fs::path& file, long long* value) {
  std::ifstream in(file);
  return static_cast<bool>(in >> *value);
}

// Sorted entries of |dir| whose name starts with |prefix| (none when |dir| is absent).
std::vector<fs::path> Entries(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int32_t Celsius(long long millidegrees) { return static_cast<int32_t>(millidegrees / 1000); }

}  // namespace

uint32_t LinkSpeedMbps(const std::string& ifname) {
  long long speed = 0;
  // Reading speed of a link without carrier fails (EINVAL) or gives -1: unknown.
  if (!ReadInt(fs::path("/sys/class/net") / ifname / "speed", &speed) || speed < 0) return 0;
  return static_cast<uint32_t>(std::min<long long>(speed, UINT32_MAX));
}

std::string LinkDuplexMode(const std::string& ifname) {
  const std::string duplex = FirstLine(fs::path("/sys/class/net") / ifname / "duplex");
  if (duplex == "full") return "Full";
  if (duplex == "half") return "Half";
  return "Auto";
}

std::vector<TemperatureSensor> ReadTemperatureSensors() {
  std::vector<TemperatureSensor> out;
  long long value = 0;
  for (const fs::path& zone : Entries("/sys/class/thermal", "thermal_zone")) {
    if (!ReadInt(zone / "temp", &value)) continue;
    out.push_back({(zone / "temp").string(), FirstLine(zone / "type"), Celsius(value)});
  }
  for (const fs::path& chip : Entries("/sys/class/hwmon", "hwmon")) {
    for (const fs::path& input : Entries(chip, "temp")) {
      const std::string file = input.filename().string();
      const size_t suffix = file.rfind("_input");
      if (suffix == std::string::npos || suffix + 6 != file.size()) continue;
      if (!ReadInt(input, &value)) continue;
      std::string label = FirstLine(chip / (file.substr(0, suffix) + "_label"));
      std::string name = FirstLine(chip / "name");
      name += " " + (label.empty() ? file.substr(0, suffix) : label);
      out.push_back({input.string(), name, Celsius(value)});
    }
  }
  return out;
}

std::vector<std::string> ReadDnsServers(const std::string& resolv_conf) {
  std::vector<std::string> out;
  std::ifstream in(resolv_conf);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string keyword, server;
    if (!(words >> keyword >> server) || keyword != "nameserver") continue;
    // A scoped IPv6 server ("fe80::1%eth0") names its interface: the address is before the '%'.
    server = server.substr(0, server.find('%'));
    if (std::find(out.begin(), out.end(), server) == out.end()) out.push_back(server);
  }
  return out;
}

std::string DefaultResolvConf() {
  const char* resolved = "/run/systemd/resolve/resolv.conf";
  std::error_code ec;
  return fs::exists(resolved, ec) ? resolved : "/etc/resolv.conf";
}

uint32_t MaxTcpWindowSize() {
  std::ifstream in("/proc/sys/net/ipv4/tcp_rmem");
  long long min = 0, def = 0, max = 0;
  if (!(in >> min >> def >> max) || max < 0) return 0;
  return static_cast<uint32_t>(std::min<long long>(max, UINT32_MAX));
}

std::string TcpImplementations() {
  std::istringstream names(FirstLine("/proc/sys/net/ipv4/tcp_available_congestion_control"));
  std::string name, out;
  // Only these two have a TR-181 name; cubic, bbr ... are modern algorithms TR-181 cannot name.
  while (names >> name) {
    const char* tr181 = name == "reno" ? "New Reno" : name == "vegas" ? "Vegas" : nullptr;
    if (tr181 != nullptr) out += (out.empty() ? "" : ",") + std::string(tr181);
  }
  return out;
}

uint32_t ProcessorCount() {
  const long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<uint32_t>(n) : 0;
}

std::string ProcessorArchitecture() {
  utsname u{};
  if (uname(&u) != 0) return "";
  const std::string machine = u.machine;
  if (machine == "x86_64") return "x86_64";
  if (machine.size() == 4 && machine[0] == 'i' && machine.compare(2, 2, "86") == 0) return "i386";
  if (machine.rfind("arm", 0) == 0 || machine == "aarch64") return "arm";
  if (machine.rfind("ppc", 0) == 0) return "powerpc";
  if (machine == "mips") return "mipseb";
  if (machine.rfind("mips", 0) == 0) return "mipsel";
  if (machine == "m68k") return "m68k";
  return machine;  // no TR-181 name: the kernel's own
}

}  // namespace edgecwmp::tr181::network
