// SPDX-License-Identifier: GPL-2.0-or-later
// The TR-143 tests this agent runs, bound to their objects of tr181/diagnostics.xml:
// Device.IP.Diagnostics.IPPing, TraceRoute (RouteHops table), DownloadDiagnostics and
// UploadDiagnostics (PerConnectionResult tables), UDPEchoDiagnostics (IndividualPacketResult
// table), ServerSelectionDiagnostics, and the name-resolution test of the IP network,
// Device.DNS.Diagnostics.NSLookupDiagnostics (Result table). An Interface input must name an
// object of the model that has a Name (e.g. Device.IP.Interface.1), else the SPV fails with 9007;
// "" lets routing choose.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_IP_DIAGNOSTICS_H_
#define EDGECWMP_TR181_DIAGNOSTICS_IP_DIAGNOSTICS_H_

#include "datamodel/datamodel.h"
#include "tr181/diagnostics/diagnostics.h"
#include "tr181/diagnostics/udp_echo_config.h"

namespace edgecwmp::tr181 {

// Call before DataModel::Load(); |model| and |diagnostics| must outlive each other's use.
// |echo_config| (optional) is bound to Device.IP.Diagnostics.UDPEchoConfig.
Status RegisterIpDiagnostics(dm::DataModel* model, Diagnostics* diagnostics,
                             UdpEchoConfig* echo_config = nullptr);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_IP_DIAGNOSTICS_H_
