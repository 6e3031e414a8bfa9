// SPDX-License-Identifier: GPL-2.0-or-later
// Network module: binds tr181/network.xml — Device.IP., Device.Ethernet., Device.InterfaceStack.,
// Device.DNS.Client., Device.Routing., Device.DeviceInfo.{Processor, TemperatureStatus,
// NetworkProperties} — to the live system: one netlink dump (net_snapshot.h) serves every
// getter for |refresh_ms|, so a GetParameterValues of Device.IP. or one value-change poll costs
// one dump, not one per parameter. Rows are numbered by instance_registry.h (an interface keeps
// its number while it exists). Every value is read-only: a SetParameterValues is refused with
// 9008, because the OS's network manager owns the network (README, "Network").
#ifndef EDGECWMP_TR181_NETWORK_NETWORK_MODULE_H_
#define EDGECWMP_TR181_NETWORK_NETWORK_MODULE_H_

#include <cstdint>
#include <string>

#include <boost/program_options/options_description.hpp>

#include "base/status.h"
#include "datamodel/datamodel.h"

namespace edgecwmp::tr181::network {

// Every [network] option; NetworkOptions() names, defaults and documents them.
struct NetworkConfig {
  std::string resolv_conf;     // "" = DefaultResolvConf() (system_facts.h)
  uint32_t refresh_ms = 1000;  // how long one netlink dump answers the getters
  // Where the instance numbers are kept across restarts (<state_dir>/network_instances.txt);
  // "" = numbered afresh at every start. Not a [network] option: cwmpd passes [agent] state_dir.
  std::string state_dir;
};

// The [network] section as boost::program_options, bound to |config| (which must outlive it).
boost::program_options::options_description NetworkOptions(NetworkConfig* config);

// Binds every network object; |model|'s schema must hold tr181/network.xml. Call before
// DataModel::Load(). The bindings keep their own state alive (no object to keep).
Status BindNetwork(dm::DataModel* model, const NetworkConfig& config);

}  // namespace edgecwmp::tr181::network

#endif  // EDGECWMP_TR181_NETWORK_NETWORK_MODULE_H_
