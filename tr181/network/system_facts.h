// SPDX-License-Identifier: GPL-2.0-or-later
// SystemFacts: the few non-netlink readings the network model needs, from /sys, /proc and a
// resolv.conf — Ethernet speed and duplex, temperature sensors, DNS servers, TCP properties and
// the processors. Each call reads the files anew; none caches.
#ifndef EDGECWMP_TR181_NETWORK_SYSTEM_FACTS_H_
#define EDGECWMP_TR181_NETWORK_SYSTEM_FACTS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace edgecwmp::tr181::network {

// /sys/class/net/<name>/speed in Mbit/s (0 when the kernel does not know, e.g. link down) and
// /sys/class/net/<name>/duplex as TR-181 DuplexMode (Full, Half; Auto while not negotiated).
uint32_t LinkSpeedMbps(const std::string& ifname);
std::string LinkDuplexMode(const std::string& ifname);

struct TemperatureSensor {
  std::string key;   // the file read, stable while the sensor exists
  std::string name;  // thermal zone type or hwmon chip name + label
  int32_t celsius = 0;
};
// /sys/class/thermal/thermal_zone*/temp and /sys/class/hwmon/hwmon*/temp*_input, in that order.
std::vector<TemperatureSensor> ReadTemperatureSensors();

// The nameserver lines of |resolv_conf|, in file order, without duplicates.
std::vector<std::string> ReadDnsServers(const std::string& resolv_conf);
// systemd-resolved's list of upstream servers when it runs (/run/systemd/resolve/resolv.conf:
// /etc/resolv.conf then names only its 127.0.0.53 stub), otherwise /etc/resolv.conf.
std::string DefaultResolvConf();

// The largest TCP receive window the kernel may use (net.ipv4.tcp_rmem max), in bytes.
uint32_t MaxTcpWindowSize();
// TR-181 names of the congestion-control algorithms available (Linux "reno" is New Reno).
std::string TcpImplementations();

// The processors the kernel runs on (online CPUs) and their TR-181 Architecture.
uint32_t ProcessorCount();
std::string ProcessorArchitecture();

}  // namespace edgecwmp::tr181::network

#endif  // EDGECWMP_TR181_NETWORK_SYSTEM_FACTS_H_
