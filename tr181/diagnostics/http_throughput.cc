// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/http_throughput.h"

#include <curl/curl.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "tr181/diagnostics/net_util.h"

namespace edgecwmp::tr181 {
namespace {

// One transfer: its handle, what it still has to send, what it received.
struct Transfer {
  CURL* easy = nullptr;
  const ThroughputRequest* request = nullptr;
  uint64_t to_send = 0;
  WallTime started;
  std::optional<WallTime> stopped;  // a time-based test ended it before its end
  uint64_t unsent = 0;  // an upload stopped so: bytes still in the socket, not yet acknowledged
  curl_socket_t fd = CURL_SOCKET_BAD;  // its connection (FORBID_REUSE: one per transfer)
  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
  }
};

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

size_t Generate(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = static_cast<size_t>(std::min<uint64_t>(size * count, t->to_send));
  std::fill(buffer, buffer + n, 'x');
  t->to_send -= n;
  return n;
}

int ConfigureSocket(void* user, curl_socket_t fd, curlsocktype) {
  auto* transfer = static_cast<Transfer*>(user);
  transfer->fd = fd;
  const ThroughputRequest* request = transfer->request;
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length);
  SetDscp(fd, local.ss_family == AF_INET6 ? AF_INET6 : AF_INET, request->dscp);
  const int priority = static_cast<int>(request->ethernet_priority);
  setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &priority, sizeof priority);
  return CURL_SOCKOPT_OK;
}

// IP-layer bytes of every interface but loopback: (received, sent).
std::pair<uint64_t, uint64_t> InterfaceBytes() {
  std::ifstream in("/proc/net/dev");
  std::string line;
  uint64_t rx = 0, tx = 0;
  while (std::getline(in, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    name.erase(0, name.find_first_not_of(' '));
    if (name == "lo") continue;
    std::istringstream fields(line.substr(colon + 1));
    uint64_t v[9] = {};
    for (uint64_t& f : v) fields >> f;
    rx += v[0];
    tx += v[8];
  }
  return {rx, tx};
}

std::unique_ptr<Transfer> NewTransfer(const ThroughputRequest& request) {
  auto t = std::make_unique<Transfer>();
  t->easy = curl_easy_init();
  if (t->easy == nullptr) return nullptr;
  t->request = &request;
  t->to_send = request.upload_bytes;
  CURL* e = t->easy;
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);  // TR-143: each connection is its own
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 30000L);
  // A stalled server ends the test instead of holding it forever.
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, ConfigureSocket);
  curl_easy_setopt(e, CURLOPT_SOCKOPTDATA, t.get());
  if (request.protocol == "IPv4") curl_easy_setopt(e, CURLOPT_IPRESOLVE, CURL_IPRESOLVE_V4);
  if (request.protocol == "IPv6") curl_easy_setopt(e, CURLOPT_IPRESOLVE, CURL_IPRESOLVE_V6);
  const std::string interface = "if!" + request.device;
  if (!request.device.empty()) curl_easy_setopt(e, CURLOPT_INTERFACE, interface.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, Discard);
  if (request.upload) {
    curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
    // Time based: a chunked body with no end; the test stops it.
    if (request.duration_s > 0) t->to_send = UINT64_MAX;
    curl_easy_setopt(
        e, CURLOPT_INFILESIZE_LARGE,
        request.duration_s > 0 ? curl_off_t{-1} : static_cast<curl_off_t>(request.upload_bytes));
    curl_easy_setopt(e, CURLOPT_READFUNCTION, Generate);
    curl_easy_setopt(e, CURLOPT_READDATA, t.get());
  }
  return t;
}

std::string StateOf(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "Error_CannotResolveHostName";
    case CURLE_COULDNT_CONNECT:
      return "Error_InitConnectionFailed";
    case CURLE_OPERATION_TIMEDOUT:
      return "Error_Timeout";
    case CURLE_GOT_NOTHING:
      return "Error_NoResponse";
    case CURLE_PARTIAL_FILE:
      return "Error_IncorrectSize";
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return "Error_Other";
    default:
      return "Error_TransferFailed";
  }
}

WallTime At(const Transfer& t, CURLINFO what) {
  curl_off_t us = 0;
  curl_easy_getinfo(t.easy, what, &us);
  return t.started + std::chrono::microseconds(us);
}

ConnectionTimes TimesOf(const Transfer& t, bool upload) {
  ConnectionTimes c;
  c.tcp_open_request = At(t, CURLINFO_NAMELOOKUP_TIME_T);
  c.tcp_open_response = At(t, CURLINFO_CONNECT_TIME_T);
  c.rom = At(t, CURLINFO_PRETRANSFER_TIME_T);
  c.bom = upload ? c.rom : At(t, CURLINFO_STARTTRANSFER_TIME_T);
  c.eom = t.stopped ? *t.stopped : At(t, CURLINFO_TOTAL_TIME_T);
  curl_off_t body = 0;
  long headers = 0;
  if (upload) {
    curl_easy_getinfo(t.easy, CURLINFO_SIZE_UPLOAD_T, &body);
    curl_easy_getinfo(t.easy, CURLINFO_REQUEST_SIZE, &headers);
  } else {
    curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &body);
    curl_easy_getinfo(t.easy, CURLINFO_HEADER_SIZE, &headers);
  }
  c.test_bytes = static_cast<uint64_t>(body) + static_cast<uint64_t>(headers);
  c.test_bytes -= std::min(c.test_bytes, t.unsent);
  return c;
}

// Ends |t| at |end| for a time-based test. What an upload handed to its socket but the server has
// not acknowledged (the send queue) was not sent yet: it is not counted.
void Stop(Transfer* t, WallTime end) {
  t->stopped = end;
  int queued = 0;
  if (t->request->upload && t->fd != CURL_SOCKET_BAD && ioctl(t->fd, SIOCOUTQ, &queued) == 0 &&
      queued > 0) {
    t->unsent = static_cast<uint64_t>(queued);
  }
}

// Test-file bytes moved so far over every transfer.
uint64_t Progress(const std::vector<std::unique_ptr<Transfer>>& transfers) {
  uint64_t sum = 0;
  for (const auto& t : transfers) {
    curl_off_t n = 0;
    curl_easy_getinfo(t->easy,
                      t->request->upload ? CURLINFO_SIZE_UPLOAD_T : CURLINFO_SIZE_DOWNLOAD_T, &n);
    sum += static_cast<uint64_t>(n);
  }
  return sum;
}

// Takes the IncrementalResult samples of a time-based test as its loop turns.
class IncrementSampler {
 public:
  explicit IncrementSampler(const ThroughputRequest& request) : request_(request) {}

  void Tick(const std::vector<std::unique_ptr<Transfer>>& transfers, std::vector<Increment>* rows) {
    if (request_.duration_s == 0 || request_.interval_s == 0) return;
    const WallTime now = std::chrono::system_clock::now();
    const uint64_t progress = Progress(transfers);
    if (!next_edge_) {
      if (progress == 0) return;  // BOM: the first byte of the test file moved
      next_edge_ = now + std::chrono::seconds(request_.offset_s);
    }
    if (now < *next_edge_) return;
    const auto [received, sent] = InterfaceBytes();
    if (open_) {
      open_->end = now;
      open_->test_bytes = progress - open_->test_bytes;
      open_->total_bytes_received = received - open_->total_bytes_received;
      open_->total_bytes_sent = sent - open_->total_bytes_sent;
      rows->push_back(*open_);
    }
    open_ = Increment{now, now, progress, received, sent};  // counters at the start, for now
    *next_edge_ += std::chrono::seconds(request_.interval_s);
  }

 private:
  const ThroughputRequest& request_;
  std::optional<WallTime> next_edge_;
  std::optional<Increment> open_;  // the row being measured: its start values
};

// Ends every transfer; "" when all completed with a 2xx answer (or ran for a time-based test's
// duration), else the first error's state.
std::string RunAll(CURLM* multi, std::vector<std::unique_ptr<Transfer>>* transfers,
                   const CancelToken& cancel, std::vector<Increment>* increments) {
  const ThroughputRequest& request = *transfers->front()->request;
  const WallTime start = std::chrono::system_clock::now();
  for (auto& t : *transfers) {
    t->started = start;
    curl_multi_add_handle(multi, t->easy);
  }
  IncrementSampler sampler(request);
  const bool time_based = request.duration_s > 0;
  const WallTime end = start + std::chrono::seconds(request.duration_s);
  int running = static_cast<int>(transfers->size());
  while (running > 0 && !cancel.canceled()) {
    if (time_based && std::chrono::system_clock::now() >= end) {
      for (auto& t : *transfers) Stop(t.get(), end);
      return "";
    }
    sampler.Tick(*transfers, increments);
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      if (msg->data.result != CURLE_OK) return StateOf(msg->data.result);
      long status = 0;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      if (status < 200 || status > 299) return "Error_NoResponse";
    }
    if (running == 0) break;
    curl_waitfd wake{cancel.fd(), CURL_WAIT_POLLIN, 0};
    curl_multi_poll(multi, &wake, cancel.fd() >= 0 ? 1 : 0, time_based ? 100 : 1000, nullptr);
  }
  return "";
}

ConnectionTimes Combine(const std::vector<ConnectionTimes>& all) {
  ConnectionTimes total = all.front();
  total.test_bytes = 0;
  for (const ConnectionTimes& c : all) {
    total.tcp_open_request = std::min(total.tcp_open_request, c.tcp_open_request);
    total.tcp_open_response = std::min(total.tcp_open_response, c.tcp_open_response);
    total.rom = std::min(total.rom, c.rom);
    total.bom = std::min(total.bom, c.bom);
    total.eom = std::max(total.eom, c.eom);
    total.test_bytes += c.test_bytes;
  }
  return total;
}

}  // namespace

std::string FormatMicroDateTime(WallTime t) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(us.count() / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long>(us.count() % 1000000));
  return text;
}

ThroughputResult RunThroughput(const ThroughputRequest& request, const CancelToken& cancel) {
  ThroughputResult result;
  std::vector<std::unique_ptr<Transfer>> transfers;
  for (uint32_t i = 0; i < std::max(1u, request.connections); ++i) {
    transfers.push_back(NewTransfer(request));
    if (transfers.back() == nullptr) {
      result.state = "Error_Internal";
      return result;
    }
  }
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) {
    result.state = "Error_Internal";
    return result;
  }
  const auto before = InterfaceBytes();
  const std::string failed = RunAll(multi, &transfers, cancel, &result.increments);
  const auto after = InterfaceBytes();
  for (auto& t : transfers) curl_multi_remove_handle(multi, t->easy);
  curl_multi_cleanup(multi);
  if (!failed.empty()) {
    result.state = failed;
    return result;
  }
  char* local = nullptr;
  curl_easy_getinfo(transfers.front()->easy, CURLINFO_LOCAL_IP, &local);
  result.address_used = local != nullptr ? local : "";
  for (const auto& t : transfers) result.connections.push_back(TimesOf(*t, request.upload));
  result.total = Combine(result.connections);
  result.total_bytes_received = after.first - before.first;
  result.total_bytes_sent = after.second - before.second;
  return result;
}

DiagnosticRun ThroughputRun(bool upload,
                            std::function<std::string(const std::string&)> interface_name) {
  return [upload, interface_name](const DiagnosticValues& in, const CancelToken& cancel) {
    ThroughputRequest request;
    request.upload = upload;
    request.url = in.at(upload ? "UploadURL" : "DownloadURL");
    request.device = interface_name(in.at("Interface"));
    request.protocol = in.at("ProtocolVersion");
    request.dscp = static_cast<uint32_t>(std::stoul(in.at("DSCP")));
    request.ethernet_priority = static_cast<uint32_t>(std::stoul(in.at("EthernetPriority")));
    request.connections = static_cast<uint32_t>(std::stoul(in.at("NumberOfConnections")));
    if (upload) request.upload_bytes = std::stoull(in.at("TestFileLength"));
    request.duration_s = static_cast<uint32_t>(std::stoul(in.at("TimeBasedTestDuration")));
    request.interval_s =
        static_cast<uint32_t>(std::stoul(in.at("TimeBasedTestMeasurementInterval")));
    request.offset_s = static_cast<uint32_t>(std::stoul(in.at("TimeBasedTestMeasurementOffset")));
    const ThroughputResult r = RunThroughput(request, cancel);
    DiagnosticOutcome out;
    out.state = r.state;
    // UploadDiagnostics names a transfer that broke off differently (its FTP heritage).
    if (upload && (r.state == "Error_TransferFailed" || r.state == "Error_IncorrectSize")) {
      out.state = "Error_NoTransferComplete";
    }
    if (r.state != "Complete") return out;
    const std::string test_bytes = upload ? "TestBytesSent" : "TestBytesReceived";
    auto put = [&out, &test_bytes](const std::string& prefix, const ConnectionTimes& c) {
      out.results[prefix + "ROMTime"] = FormatMicroDateTime(c.rom);
      out.results[prefix + "BOMTime"] = FormatMicroDateTime(c.bom);
      out.results[prefix + "EOMTime"] = FormatMicroDateTime(c.eom);
      out.results[prefix + "TCPOpenRequestTime"] = FormatMicroDateTime(c.tcp_open_request);
      out.results[prefix + "TCPOpenResponseTime"] = FormatMicroDateTime(c.tcp_open_response);
      out.results[prefix + test_bytes] = std::to_string(c.test_bytes);
    };
    put("", r.total);
    out.results["IPAddressUsed"] = r.address_used;
    out.results["TotalBytesReceived"] = std::to_string(r.total_bytes_received);
    out.results["TotalBytesSent"] = std::to_string(r.total_bytes_sent);
    out.results["IncrementalResultNumberOfEntries"] = std::to_string(r.increments.size());
    for (size_t i = 0; i < r.increments.size(); ++i) {
      const Increment& row = r.increments[i];
      const std::string prefix = "IncrementalResult." + std::to_string(i + 1) + ".";
      out.results[prefix + test_bytes] = std::to_string(row.test_bytes);
      out.results[prefix + "TotalBytesReceived"] = std::to_string(row.total_bytes_received);
      out.results[prefix + "TotalBytesSent"] = std::to_string(row.total_bytes_sent);
      out.results[prefix + "StartTime"] = FormatMicroDateTime(row.start);
      out.results[prefix + "EndTime"] = FormatMicroDateTime(row.end);
    }
    const std::string& per_connection = in.at("EnablePerConnectionResults");
    if (per_connection != "true" && per_connection != "1") return out;
    out.results["PerConnectionResultNumberOfEntries"] = std::to_string(r.connections.size());
    for (size_t i = 0; i < r.connections.size(); ++i) {
      put("PerConnectionResult." + std::to_string(i + 1) + ".", r.connections[i]);
    }
    return out;
  };
}

}  // namespace edgecwmp::tr181
