// SPDX-License-Identifier: GPL-2.0-or-later
// Device.IP.Diagnostics.UDPEchoConfig: the UDP Echo Plus responder (udp_echo.h) the ACS turns on
// for a UDPEchoDiagnostics run from elsewhere. Its inputs are stored like any writable parameter;
// Apply() (after Load and after each session, so one SPV's values are taken together) starts,
// restarts or stops the responder when they changed. UDPPort 0 or a port that cannot be bound
// leaves it stopped. The counters restart with the responder.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_UDP_ECHO_CONFIG_H_
#define EDGECWMP_TR181_DIAGNOSTICS_UDP_ECHO_CONFIG_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "datamodel/datamodel.h"
#include "tr181/diagnostics/udp_echo.h"

namespace edgecwmp::tr181 {

class UdpEchoConfig {
 public:
  // Binds the counters; call before DataModel::Load(); |model| must outlive this object.
  // |interface_name| maps the Interface reference to a kernel name ("" when empty).
  Status Register(dm::DataModel* model,
                  std::function<std::string(const std::string&)> interface_name);
  void Apply();

 private:
  std::function<std::string(const std::string&)> interface_name_;
  dm::DataModel* model_ = nullptr;
  std::mutex mu_;
  std::string applied_;  // the inputs the running responder (or none) was made from
  std::unique_ptr<UdpEchoServer> server_;
};

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_UDP_ECHO_CONFIG_H_
