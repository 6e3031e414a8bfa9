// SPDX-License-Identifier: GPL-2.0-or-later
// bench_session: the time from a connection request to the end of a 5-RPC session
// (GetParameterValues, SetParameterValues, GetParameterNames, AddObject, DeleteObject) between
// the real cwmpd daemon and the test ACS over loopback, median of 20 sessions per series, next
// to a bare HTTP round trip (libcurl GET to an HttpServer on loopback, new connection and
// keep-alive). Figures only: timing depends on the machine, so nothing here passes or fails.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cwmp/transport/http_server.h"
#include "tests/acs/test_acs.h"
#include "tests/e2e/agent_process.h"
#include "tests/support/temp_dir.h"

namespace {

using namespace edgecwmp;  // NOLINT
using Clock = std::chrono::steady_clock;

constexpr int kSessions = 20;
constexpr int kRoundTrips = 200;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

// Median milliseconds of a GET round trip; |reuse| keeps one handle (and its connection).
double HttpRoundTrip(const std::string& url, bool reuse) {
  std::vector<double> times;
  CURL* shared = reuse ? curl_easy_init() : nullptr;
  for (int i = 0; i < kRoundTrips; ++i) {
    CURL* h = reuse ? shared : curl_easy_init();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Discard);
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
    const auto t0 = Clock::now();
    const CURLcode rc = curl_easy_perform(h);
    const auto t1 = Clock::now();
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (rc == CURLE_OK && status == 200) times.push_back(Millis(t1 - t0));
    if (!reuse) curl_easy_cleanup(h);
  }
  if (shared) curl_easy_cleanup(shared);
  return Median(times);
}

acs::SessionScript FiveRpcs(int i, const std::string& gpv_name) {
  const std::string table = "Device.ManagementServer.InformParameter.";
  cwmp::SetParameterValues spv;
  spv.parameter_list = {
      {"Device.Time.LocalTimeZone", "CET-" + std::to_string(i % 12), "xsd:string"}};
  spv.parameter_key = "bench-" + std::to_string(i);
  return {
      cwmp::GetParameterValues{{gpv_name}},
      spv,
      cwmp::GetParameterNames{"Device.ManagementServer.", true},
      cwmp::AddObject{table, ""},
      acs::RequestGenerator(
          [table](const acs::SessionRecord& s) -> std::optional<cwmp::AcsRequest> {
            const auto& last = s.exchanges.back();
            const auto* added =
                last.response ? std::get_if<cwmp::AddObjectResponse>(&*last.response) : nullptr;
            if (!added) return std::nullopt;
            return cwmp::DeleteObject{table + std::to_string(added->instance_number) + ".", ""};
          }),
  };
}

}  // namespace

int main() {
  if (std::getenv("EDGECWMP_BINARY_DIR") == nullptr)
    setenv("EDGECWMP_BINARY_DIR", EDGECWMP_BENCH_BINARY_DIR, 1);
  curl_global_init(CURL_GLOBAL_DEFAULT);

  // Bare HTTP round trip.
  cwmp::HttpServer server({}, [](const cwmp::HttpRequest&) {
    cwmp::HttpReply r;
    r.body = "ok";
    return r;
  });
  if (!server.Start().ok()) {
    std::fprintf(stderr, "bench_session: cannot start the HTTP server\n");
    return 1;
  }
  const std::string plain_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  const double new_connection = HttpRoundTrip(plain_url, false);
  const double keep_alive = HttpRoundTrip(plain_url, true);
  server.Stop();

  // 5-RPC sessions triggered by connection requests.
  acs::TestAcs acs;
  if (!acs.Start().ok()) return 1;
  testing::TempDir dir("edgecwmp-bench");
  e2e::AgentSettings settings;
  settings.acs_url = acs.url();
  e2e::AgentProcess agent(dir.path(), settings);
  if (!agent.Start() || !acs.WaitForSessions(1, std::chrono::seconds(30))) {
    std::fprintf(stderr, "bench_session: the agent did not boot:\n%s", agent.Log().c_str());
    return 1;
  }
  // Two series: a GetParameterValues of one parameter, and of Device.DeviceInfo. (which reads
  // the process table from /proc for ProcessStatus.Process.{i}).
  struct Series {
    std::string gpv_name;
    std::vector<double> times;
    size_t rpcs = 0;
  } series[] = {{"Device.DeviceInfo.SoftwareVersion", {}, 0}, {"Device.DeviceInfo.", {}, 0}};
  bool ok = true;
  for (auto& run : series) {
    for (int i = 0; i < kSessions && ok; ++i) {
      const size_t before = acs.EndedSessionCount();
      acs.QueueSession(FiveRpcs(i, run.gpv_name));
      const auto t0 = Clock::now();
      const auto cr =
          acs::SendConnectionRequest(agent.cr_url(), settings.cr_username, settings.cr_password);
      if (!cr.success || !acs.WaitForSessions(before + 1, std::chrono::seconds(30))) {
        std::fprintf(stderr, "bench_session: session %d failed (%s)\n", i, cr.error.c_str());
        ok = false;
        break;
      }
      run.times.push_back(Millis(Clock::now() - t0));
      run.rpcs += acs.Sessions().back().exchanges.size();
    }
  }
  agent.Terminate();
  const size_t violations = acs.Violations().size();

  std::printf("bare HTTP GET round trip, loopback, new connection:    %8.3f ms (median of %d)\n",
              new_connection, kRoundTrips);
  std::printf("bare HTTP GET round trip, loopback, keep-alive:        %8.3f ms (median of %d)\n",
              keep_alive, kRoundTrips);
  for (const auto& run : series) {
    std::printf(
        "5-RPC session, connection request to 204 (cwmpd):      %8.3f ms (median of %zu, "
        "%zu RPCs, GPV %s)\n",
        Median(run.times), run.times.size(), run.rpcs, run.gpv_name.c_str());
  }
  std::printf("test ACS violations: %zu\n", violations);
  curl_global_cleanup();
  return ok && violations == 0 ? 0 : 1;
}
