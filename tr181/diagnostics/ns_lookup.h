// SPDX-License-Identifier: GPL-2.0-or-later
// NS lookup (TR-143 / Device.DNS.Diagnostics.NSLookupDiagnostics): NumberOfRepetitions A and AAAA
// queries for HostName through libresolv (res_nquery), sent to DNSServer (an IPv4 address or a
// name resolved first; "" = the system's resolver configuration), one Result row per repetition.
// The Interface input is not applied (libresolv cannot bind its socket): routing chooses.
#ifndef EDGECWMP_TR181_DIAGNOSTICS_NS_LOOKUP_H_
#define EDGECWMP_TR181_DIAGNOSTICS_NS_LOOKUP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tr181/diagnostics/cancel_token.h"
#include "tr181/diagnostics/diagnostics.h"

namespace edgecwmp::tr181 {

struct NsLookupRequest {
  std::string host_name;
  std::string dns_server;      // "" = /etc/resolv.conf
  uint32_t timeout_ms = 5000;  // per query (libresolv counts whole seconds: rounded up)
  uint32_t repetitions = 1;
};

struct NsLookupAnswer {
  // Success, Error_DNSServerNotAvailable, Error_HostNameNotResolved, Error_Timeout, Error_Other.
  std::string status = "Success";
  std::string answer_type = "None";  // None | Authoritative | NonAuthoritative
  std::string host_name_returned;    // the name the addresses belong to (after CNAMEs)
  std::vector<std::string> addresses;
  std::string dns_server_ip;
  uint32_t response_ms = 0;
};

struct NsLookupResult {
  std::string state = "Complete";  // or Error_DNSServerNotResolved, Error_Internal
  std::vector<NsLookupAnswer> answers;
  uint32_t success = 0;
};

NsLookupResult RunNsLookup(const NsLookupRequest& request, const CancelToken& cancel);

// The NSLookupDiagnostics object's run function (results "Result.<n>.<Name>").
DiagnosticRun NsLookupRun();

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_NS_LOOKUP_H_
