// SPDX-License-Identifier: GPL-2.0-or-later
// HTTP throughput tests of TR-143 (Device.IP.Diagnostics.DownloadDiagnostics: GET of a URL;
// UploadDiagnostics: PUT of a generated body) over one or more parallel TCP connections, with
// libcurl's per-transfer timings turned into TR-143's time stamps:
//   TCPOpenRequestTime  the SYN is sent (name resolution done)
//   TCPOpenResponseTime the connection is established (SYN-ACK received)
//   ROMTime             the request (GET / PUT) is sent
//   BOMTime             download: first byte of the response received; upload: = ROMTime, the
//                       first byte of the file follows the request at once
//   EOMTime             download: last byte received; upload: the server's final response received
// Over several connections the object's times are the earliest ROM/BOM/TCPOpen and the latest
// EOM (TR-181). A time-based test (TR-143 4.3, duration_s > 0) stops every transfer duration_s
// seconds after the first request and is Complete then (EOM = the stop; an upload sends a chunked
// body without end); with interval_s > 0 it also measures increments: from the first byte of the
// test (BOM) + offset_s, one row per whole interval (a partial last one is dropped), each from
// the samples taken at its edges, at most 100 ms late. Total bytes are the IP-layer counters of
// every interface but loopback, read before the first request and after the last byte (the test's
// namespace carries only the test).
#ifndef EDGECWMP_TR181_DIAGNOSTICS_HTTP_THROUGHPUT_H_
#define EDGECWMP_TR181_DIAGNOSTICS_HTTP_THROUGHPUT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tr181/diagnostics/cancel_token.h"
#include "tr181/diagnostics/diagnostics.h"

namespace edgecwmp::tr181 {

using WallTime = std::chrono::system_clock::time_point;

struct ThroughputRequest {
  bool upload = false;
  std::string url;
  std::string device;            // kernel interface name; "" = as routed
  std::string protocol = "Any";  // Any | IPv4 | IPv6
  uint32_t dscp = 0;
  uint32_t ethernet_priority = 0;  // SO_PRIORITY: the VLAN PCP where an egress map says so
  uint32_t connections = 1;
  uint64_t upload_bytes = 0;  // per connection (TestFileLength); ignored when time based
  uint32_t duration_s = 0;    // TimeBasedTestDuration; 0 = until the file is transferred
  uint32_t interval_s = 0;    // TimeBasedTestMeasurementInterval; 0 = no increments
  uint32_t offset_s = 0;      // TimeBasedTestMeasurementOffset
};

// One IncrementalResult row.
struct Increment {
  WallTime start, end;
  uint64_t test_bytes = 0;  // of the test file, every connection (body bytes)
  uint64_t total_bytes_received = 0, total_bytes_sent = 0;  // IP layer
};

struct ConnectionTimes {
  WallTime tcp_open_request, tcp_open_response, rom, bom, eom;
  uint64_t test_bytes = 0;  // response (download) or request (upload) bytes incl. headers
};

struct ThroughputResult {
  // Complete, Error_CannotResolveHostName, Error_InitConnectionFailed, Error_NoResponse (no or a
  // non-2xx HTTP answer), Error_TransferFailed, Error_IncorrectSize, Error_Timeout, Error_Internal.
  std::string state = "Complete";
  std::string address_used;
  std::vector<ConnectionTimes> connections;
  ConnectionTimes total;  // the object's times and TestBytes over every connection
  uint64_t total_bytes_received = 0, total_bytes_sent = 0;
  std::vector<Increment> increments;  // time-based tests with a measurement interval
};

// Blocks until every transfer ended, one failed, or |cancel| fired (result then discarded).
ThroughputResult RunThroughput(const ThroughputRequest& request, const CancelToken& cancel);

// xsd:dateTime with microseconds, UTC: "2026-12-06T22:50:01.123456Z".
std::string FormatMicroDateTime(WallTime t);

// The DownloadDiagnostics / UploadDiagnostics object's run function.
DiagnosticRun ThroughputRun(bool upload,
                            std::function<std::string(const std::string&)> interface_name);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_HTTP_THROUGHPUT_H_
