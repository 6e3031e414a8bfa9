// SPDX-License-Identifier: GPL-2.0-or-later
// UDP echo of TR-143 (Appendix A, UDP Echo Plus). The client (Device.IP.Diagnostics.
// UDPEchoDiagnostics) sends NumberOfRepetitions datagrams of DataBlockSize bytes, one every
// InterTransmissionTime, each waiting up to Timeout for its echo; the first 20 bytes carry the
// Echo Plus header (TestGenSN, TestRespSN, TestRespRcvTimeStamp, TestRespReplyTimeStamp,
// TestRespReplyFailureCount; big endian, time stamps in microseconds) that an Echo Plus server
// fills in. UdpEchoServer is such a server (IPv4; the tests' responder; not yet bound to
// Device.IP.Diagnostics.UDPEchoConfig).
#ifndef EDGECWMP_TR181_DIAGNOSTICS_UDP_ECHO_H_
#define EDGECWMP_TR181_DIAGNOSTICS_UDP_ECHO_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tr181/diagnostics/cancel_token.h"
#include "tr181/diagnostics/diagnostics.h"

namespace edgecwmp::tr181 {

struct UdpEchoRequest {
  std::string host;
  uint16_t port = 7;
  std::string device;
  std::string protocol = "Any";
  uint32_t repetitions = 1;
  uint32_t timeout_ms = 1000;
  uint32_t data_block_size = 24;  // at least the 20-byte Echo Plus header is sent
  uint32_t dscp = 0;
  uint32_t inter_transmission_ms = 1000;
};

struct UdpEchoPacket {
  bool success = false;
  std::chrono::system_clock::time_point sent, received;
  uint32_t gen_sn = 0, resp_sn = 0, resp_rcv_us = 0, resp_reply_us = 0, resp_failures = 0;
};

struct UdpEchoResult {
  std::string state = "Complete";  // or Error_CannotResolveHostName, Error_Internal, Error_Other
  std::string address_used;
  uint32_t success = 0, failure = 0;
  uint64_t average_us = 0, minimum_us = 0, maximum_us = 0;
  std::vector<UdpEchoPacket> packets;
};

UdpEchoResult RunUdpEcho(const UdpEchoRequest& request, const CancelToken& cancel);

DiagnosticRun UdpEchoRun(std::function<std::string(const std::string&)> interface_name);

struct UdpEchoServerOptions {
  std::string address;  // "" = any IPv4 address
  std::string device;   // kernel interface to listen on; "" = all
  uint16_t port = 7;
  bool echo_plus = true;       // fill in the Echo Plus header
  std::string allowed_source;  // "" = any; else only this source address is answered
};

class UdpEchoServer {
 public:
  explicit UdpEchoServer(const UdpEchoServerOptions& options);
  ~UdpEchoServer();  // stops the thread
  UdpEchoServer(const UdpEchoServer&) = delete;
  UdpEchoServer& operator=(const UdpEchoServer&) = delete;
  bool ok() const { return fd_ >= 0; }
  uint32_t packets_received() const { return received_; }
  uint32_t packets_responded() const { return responded_; }
  uint32_t bytes_received() const { return bytes_received_; }
  uint32_t bytes_responded() const { return bytes_responded_; }
  // Microseconds since the epoch; 0 before the first packet.
  int64_t first_packet_us() const { return first_us_; }
  int64_t last_packet_us() const { return last_us_; }

 private:
  void Serve();
  int fd_ = -1;
  UdpEchoServerOptions options_;
  CancelToken stop_;
  std::atomic<uint32_t> received_{0}, responded_{0}, failures_{0};
  std::atomic<uint32_t> bytes_received_{0}, bytes_responded_{0};
  std::atomic<int64_t> first_us_{0}, last_us_{0};
  std::thread thread_;
};

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_DIAGNOSTICS_UDP_ECHO_H_
