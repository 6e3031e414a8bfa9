// SPDX-License-Identifier: GPL-2.0-or-later
// IPPing on a real network (tests/diagnostics/ping_lab.h): the RTT reflects a 50 ms link delay,
// 100% loss shows as failures, an unknown name is Error_CannotResolveHostName, ICMPv6 echoes to
// ::1 are answered; and the DiagnosticsState machine of TR-181 over the real DataModel: only
// Requested / Canceled may be written, inputs set in the same SPV as Requested (in either order)
// do not cancel it, an input set afterwards resets the state to None, Canceled stops a test in
// progress without a report.
#define BOOST_TEST_MODULE diagnostics_ip_ping_tests
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "datamodel/datamodel.h"
#include "tests/diagnostics/ping_lab.h"
#include "tests/support/wait_until.h"
#include "tr181/definitions.h"
#include "tr181/diagnostics/ip_diagnostics.h"
#include "tr181/diagnostics/ip_ping.h"

using namespace edgecwmp;  // NOLINT
using edgecwmp::testing::PingLab;
using edgecwmp::testing::ScopedNetns;

namespace {

constexpr const char* kPing = "Device.IP.Diagnostics.IPPing.";

tr181::PingResult PingFromCpe(const PingLab& lab, tr181::PingRequest request) {
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  tr181::CancelToken never;
  return tr181::RunPing(request, never);
}

tr181::PingRequest ToServer(uint32_t repetitions, uint32_t timeout_ms) {
  tr181::PingRequest request;
  request.host = testing::kServerAddress;
  request.repetitions = repetitions;
  request.timeout_ms = timeout_ms;
  return request;
}

// Echoes to the host's own ::1 (no namespace needed) with ProtocolVersion |protocol|.
tr181::PingResult PingIpv6Loopback(const std::string& protocol, uint32_t repetitions) {
  tr181::PingRequest request;
  request.host = "::1";
  request.protocol = protocol;
  request.repetitions = repetitions;
  request.timeout_ms = 2000;
  tr181::CancelToken never;
  return tr181::RunPing(request, never);
}

// The agent's model with the diagnostics bound, as cwmpd has it.
struct Model {
  Model() {
    const char* source = std::getenv("EDGECWMP_SOURCE_DIR");
    BOOST_REQUIRE(source != nullptr);
    BOOST_REQUIRE(tr181::LoadDefinitions(&schema, std::string(source) + "/tr181").ok());
    model = std::make_unique<dm::DataModel>(&schema, nullptr);
    diagnostics = std::make_unique<tr181::Diagnostics>([this] { ++completions; });
    BOOST_REQUIRE(tr181::RegisterIpDiagnostics(model.get(), diagnostics.get()).ok());
    BOOST_REQUIRE(model->Load().ok());
  }
  ~Model() { diagnostics.reset(); }  // joins the workers before the model goes
  Status Set(const std::vector<std::pair<std::string, std::string>>& values) {
    std::vector<dm::ParameterSet> sets;
    for (const auto& [name, value] : values) sets.push_back({kPing + name, value});
    dm::Applied applied;
    return model->SetValues(sets, dm::Origin::kAcs, nullptr, &applied);
  }
  std::string Get(const std::string& name) {
    std::string value;
    BOOST_REQUIRE(model->GetValue(kPing + name, &value).ok());
    return value;
  }
  bool WaitForState(const std::string& state) {
    return testing::WaitUntil([&] { return Get("DiagnosticsState") == state; },
                              std::chrono::seconds(20));
  }

  dm::Schema schema;
  std::unique_ptr<dm::DataModel> model;
  std::atomic<int> completions{0};
  std::unique_ptr<tr181::Diagnostics> diagnostics;
};

}  // namespace

BOOST_AUTO_TEST_CASE(average_rtt_reflects_the_netem_delay) {
  PingLab lab(std::chrono::milliseconds(50));
  const tr181::PingResult r = PingFromCpe(lab, ToServer(4, 2000));
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 4u);
  BOOST_TEST(r.failure == 0u);
  BOOST_TEST(r.address_used == testing::kCpeAddress);
  // The server's delay is the ground truth; the bound is generous, it is not a timing of the test.
  BOOST_TEST(r.average_us >= 40000u);
  BOOST_TEST(r.average_us <= 500000u);
  BOOST_TEST(r.minimum_us <= r.average_us);
  BOOST_TEST(r.maximum_us >= r.average_us);
}

BOOST_AUTO_TEST_CASE(lost_echoes_are_failures) {
  PingLab lab(std::chrono::milliseconds(0), /*answer=*/false);
  const tr181::PingResult r = PingFromCpe(lab, ToServer(3, 200));
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 0u);
  BOOST_TEST(r.failure == 3u);
  BOOST_TEST(r.average_us == 0u);
  BOOST_TEST(r.minimum_us == 0u);
}

BOOST_AUTO_TEST_CASE(an_unknown_name_cannot_be_resolved) {
  PingLab lab(std::chrono::milliseconds(0));
  tr181::PingRequest request = ToServer(1, 200);
  request.host = "no-such-host.invalid";
  BOOST_TEST(PingFromCpe(lab, request).state == "Error_CannotResolveHostName");
}

BOOST_AUTO_TEST_CASE(only_requested_and_canceled_may_be_written) {
  Model m;
  BOOST_TEST(m.Get("DiagnosticsState") == "None");
  for (const char* value : {"None", "Complete", "Error_Internal"}) {
    BOOST_TEST((m.Set({{"DiagnosticsState", value}}).code() == Error::kInvalidValue), value);
  }
  BOOST_TEST(m.Get("DiagnosticsState") == "None");
  BOOST_TEST((m.Set({{"Interface", "Device.IP.Interface.99"}}).code() == Error::kInvalidValue));
}

BOOST_AUTO_TEST_CASE(requested_runs_after_start_and_an_input_change_resets_it) {
  PingLab lab(std::chrono::milliseconds(50));
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  Model m;
  // DiagnosticsState before the inputs in the SPV: the inputs must not cancel the request.
  BOOST_REQUIRE(m.Set({{"DiagnosticsState", "Requested"},
                       {"Host", testing::kServerAddress},
                       {"NumberOfRepetitions", "2"}})
                    .ok());
  BOOST_TEST(m.Get("DiagnosticsState") == "Requested");
  m.diagnostics->StartRequested();
  BOOST_REQUIRE(m.WaitForState("Complete"));
  BOOST_TEST(m.completions.load() == 1);
  BOOST_TEST(m.Get("SuccessCount") == "2");
  BOOST_TEST(m.Get("FailureCount") == "0");
  BOOST_TEST(std::stoul(m.Get("AverageResponseTime")) >= 40u);
  BOOST_TEST(m.Get("IPAddressUsed") == testing::kCpeAddress);
  // TR-181: modifying an input after the test sets the state to None.
  BOOST_REQUIRE(m.Set({{"DSCP", "8"}}).ok());
  BOOST_TEST(m.Get("DiagnosticsState") == "None");
  BOOST_TEST(m.completions.load() == 1);
}

BOOST_AUTO_TEST_CASE(canceled_stops_a_test_in_progress_without_a_report) {
  PingLab lab(std::chrono::milliseconds(0), /*answer=*/false);
  ScopedNetns inside(lab.cpe);
  BOOST_REQUIRE(inside.ok());
  Model m;
  BOOST_REQUIRE(m.Set({{"Host", testing::kServerAddress},
                       {"NumberOfRepetitions", "50"},
                       {"Timeout", "10000"},
                       {"DiagnosticsState", "Requested"}})
                    .ok());
  m.diagnostics->StartRequested();
  BOOST_REQUIRE(m.Set({{"DiagnosticsState", "Canceled"}}).ok());
  BOOST_TEST(m.Get("DiagnosticsState") == "None");
  m.diagnostics.reset();  // joins the worker: it ended (cancelled, not after 500 s)
  BOOST_TEST(m.completions.load() == 0);
}

// IPv6 (ProtocolVersion IPv6): ICMPv6 echoes to the host's own ::1, answered by its kernel.
BOOST_AUTO_TEST_CASE(ipv6_echoes_to_the_loopback_are_answered) {
  const tr181::PingResult r = PingIpv6Loopback("IPv6", 3);
  BOOST_TEST(r.state == "Complete");
  BOOST_TEST(r.success == 3u);
  BOOST_TEST(r.failure == 0u);
  BOOST_TEST(r.address_used == "::1");
  BOOST_TEST(r.minimum_us <= r.average_us);
  BOOST_TEST(r.maximum_us >= r.average_us);
}

// An IPv6 literal asked over IPv4 has no IPv4 address.
BOOST_AUTO_TEST_CASE(an_ipv6_address_asked_over_ipv4_cannot_be_resolved) {
  BOOST_TEST(PingIpv6Loopback("IPv4", 1).state == "Error_CannotResolveHostName");
}
