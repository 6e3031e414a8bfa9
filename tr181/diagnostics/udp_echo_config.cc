// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/udp_echo_config.h"

#include <chrono>
#include <utility>
#include <vector>

#include "tr181/diagnostics/http_throughput.h"

namespace edgecwmp::tr181 {
namespace {

constexpr const char* kConfig = "Device.IP.Diagnostics.UDPEchoConfig.";

std::string Time(int64_t us) {
  if (us == 0) return "0001-01-01T00:00:00Z";
  return FormatMicroDateTime(WallTime(std::chrono::microseconds(us)));
}

}  // namespace

Status UdpEchoConfig::Register(dm::DataModel* model,
                               std::function<std::string(const std::string&)> interface_name) {
  model_ = model;
  interface_name_ = std::move(interface_name);
  using Counter = std::function<std::string(const UdpEchoServer&)>;
  const std::vector<std::pair<const char*, Counter>> counters = {
      {"PacketsReceived",
       [](const UdpEchoServer& s) { return std::to_string(s.packets_received()); }},
      {"PacketsResponded",
       [](const UdpEchoServer& s) { return std::to_string(s.packets_responded()); }},
      {"BytesReceived", [](const UdpEchoServer& s) { return std::to_string(s.bytes_received()); }},
      {"BytesResponded",
       [](const UdpEchoServer& s) { return std::to_string(s.bytes_responded()); }},
      {"TimeFirstPacketReceived", [](const UdpEchoServer& s) { return Time(s.first_packet_us()); }},
      {"TimeLastPacketReceived", [](const UdpEchoServer& s) { return Time(s.last_packet_us()); }},
  };
  for (const auto& [name, read] : counters) {
    const std::string idle = std::string(name).rfind("Time", 0) == 0 ? Time(0) : "0";
    EDGECWMP_RETURN_IF_ERROR(model->BindParameter(
        std::string(kConfig) + name,
        dm::ParamBinding{[this, read = read, idle](const dm::Context&, std::string* value) {
                           std::lock_guard<std::mutex> lock(mu_);
                           *value = server_ ? read(*server_) : idle;
                           return Status::Ok();
                         },
                         nullptr, nullptr}));
  }
  return Status::Ok();
}

void UdpEchoConfig::Apply() {
  auto get = [this](const char* name) {
    std::string value;
    // Unreadable reads as unset, which leaves the responder off.
    if (!model_->GetValue(std::string(kConfig) + name, &value).ok()) return std::string();
    return value;
  };
  const std::string enable = get("Enable"), interface = get("Interface");
  const std::string source = get("SourceIPAddress"), port = get("UDPPort");
  const std::string echo_plus = get("EchoPlusEnabled");
  const std::string inputs = enable + "|" + interface + "|" + source + "|" + port + "|" + echo_plus;
  std::lock_guard<std::mutex> lock(mu_);
  if (inputs == applied_) return;
  applied_ = inputs;
  server_.reset();
  const bool on = enable == "true" || enable == "1";
  if (!on || port.empty() || port == "0") return;
  UdpEchoServerOptions options;
  options.device = interface_name_(interface);
  options.port = static_cast<uint16_t>(std::stoul(port));
  options.echo_plus = echo_plus == "true" || echo_plus == "1";
  options.allowed_source = source;
  server_ = std::make_unique<UdpEchoServer>(options);
  if (!server_->ok()) server_.reset();
}

}  // namespace edgecwmp::tr181
