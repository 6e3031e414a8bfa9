// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/bulkdata/bulkdata_reporter.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>

#include "base/log.h"
#include "tr181/bulkdata/profile_config.h"
#include "tr181/bulkdata/report_schedule.h"
#include "tr181/bulkdata/retained_reports.h"

namespace edgecwmp::tr181::bulkdata {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
constexpr const char* kLog = "bulkdata";

// What starts a new schedule when it changes.
struct ScheduleKey {
  bool active = false;
  uint32_t interval = 0;
  std::optional<int64_t> time_reference;
  bool operator==(const ScheduleKey& o) const {
    return active == o.active && interval == o.interval && time_reference == o.time_reference;
  }
};

struct ProfileState {
  bool loaded = false;
  ScheduleKey key;
  int64_t next_report = kNever;
  std::vector<CollectedReport> undelivered;  // oldest first; the last may await a retry
  uint32_t attempt = 0;                      // retries made of the current transfer
  int64_t next_retry = kNever;
};

// RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char text[64];
  strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

}  // namespace

struct BulkDataReporter::Rep {
  const dm::DataModel* model;
  ReporterOptions options;
  std::map<uint32_t, ProfileState> profiles;
  bool swept = false;  // files of profiles that no longer exist removed

  std::string FileOf(uint32_t instance) const {
    if (options.state_dir.empty()) return "";
    return options.state_dir + "/bulkdata-" + std::to_string(instance) + ".txt";
  }

  void Persist(uint32_t instance, const std::vector<CollectedReport>& reports) const {
    const std::string file = FileOf(instance);
    if (file.empty()) return;
    const Status s = SaveRetainedReports(file, reports);
    if (!s.ok()) Log(LogLevel::kError, kLog, "profile ", instance, ": ", s.ToString());
  }

  void Load(uint32_t instance, ProfileState* state) const {
    state->loaded = true;
    const std::string file = FileOf(instance);
    if (file.empty()) return;
    std::string note;
    const Status s = LoadRetainedReports(file, &state->undelivered, &note);
    if (!s.ok()) Log(LogLevel::kError, kLog, "profile ", instance, ": ", s.ToString());
    if (!note.empty()) Log(LogLevel::kWarning, kLog, "profile ", instance, ": ", note);
  }

  // Removes the files of profiles deleted while the agent was down (once, at the first step).
  void Sweep(const std::vector<uint32_t>& live) {
    if (swept || options.state_dir.empty()) return;
    swept = true;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(options.state_dir, ec)) {
      const std::string name = entry.path().filename().string();
      unsigned instance = 0;
      char tail[8] = {};
      if (std::sscanf(name.c_str(), "bulkdata-%u.%4s", &instance, tail) != 2 ||
          std::string(tail) != "txt" || FileOf(instance) != entry.path().string()) {
        continue;
      }
      if (std::find(live.begin(), live.end(), instance) == live.end()) Persist(instance, {});
    }
  }

  std::string Url(const ProfileConfig& c) const {
    std::string url = c.url;
    for (const auto& [name, reference] : c.uri_parameters) {
      if (reference.empty()) continue;
      std::string value;
      if (!model->GetValue(reference, &value).ok()) value.clear();
      url += url.find('?') == std::string::npos ? '?' : '&';
      url += UrlEncode(name.empty() ? reference : name) + "=" + UrlEncode(value);
    }
    return url;
  }

  // One transfer of every undelivered report; true when the collector answered 2xx.
  bool Send(uint32_t instance, const ProfileConfig& c, const std::vector<CollectedReport>& reports,
            int64_t now) const {
    HttpFetchRequest request;
    request.method = c.method;
    request.url = Url(c);
    request.body = EncodeTransfer(reports, c.format, c.timestamp);
    request.headers = {{"Content-Type", "application/json; charset=UTF-8"},
                       {"BBF-Report-Format", JsonFormatName(c.format)}};
    if (c.use_date_header) request.headers.emplace_back("Date", HttpDate(now));
    request.username = c.username;
    request.password = c.password;
    request.tls = options.tls;
    request.timeout_ms = options.timeout_ms;
    request.connect_timeout_ms = std::min(options.timeout_ms, 10000L);
    HttpResponse response;
    const Status s = HttpFetch(request, &response);
    const bool ok = s.ok() && response.status >= 200 && response.status < 300;
    if (!ok) {
      // Neither the URL (it may carry credentials) nor the password is logged.
      Log(LogLevel::kWarning, kLog, "profile ", instance, ": ", reports.size(),
          " report(s) not delivered: ",
          s.ok() ? "HTTP status " + std::to_string(response.status) : s.ToString());
    }
    return ok;
  }

  // Keeps what may be retained and stops retrying.
  void GiveUp(uint32_t instance, const ProfileConfig& c, ProfileState* state) const {
    state->undelivered = NewestReports(std::move(state->undelivered), c.retained_limit);
    state->attempt = 0;
    state->next_retry = kNever;
    Persist(instance, state->undelivered);
  }

  void Transmit(uint32_t instance, const ProfileConfig& c, ProfileState* state, int64_t now) {
    if (Send(instance, c, state->undelivered, now)) {
      state->undelivered.clear();
      state->attempt = 0;
      state->next_retry = kNever;
      Persist(instance, state->undelivered);
      return;
    }
    if (c.retry_enable) {
      const auto [low, high] =
          RetryWaitBounds(c.retry_min_wait, c.retry_multiplier, ++state->attempt);
      const int64_t at = now + (options.pick ? options.pick(low, high) : low);
      if (at < state->next_report) {
        state->next_retry = at;
        return;
      }
    }
    GiveUp(instance, c, state);
  }

  void Report(uint32_t instance, const ProfileConfig& c, ProfileState* state, int64_t now) {
    if (state->next_retry != kNever) GiveUp(instance, c, state);  // the interval ran out
    state->undelivered.push_back(CollectedReport{now, CollectParameters(*model, c.parameters)});
    // Written before the transfer: a crash during it loses no report that may be retained.
    Persist(instance, NewestReports(state->undelivered, c.retained_limit));
    state->next_report = NextReportTime(now, c.reporting_interval, c.time_reference, now);
    Transmit(instance, c, state, now);
  }

  void StepProfile(uint32_t instance, bool service_enabled, int64_t now) {
    ProfileState& state = profiles[instance];
    if (!state.loaded) Load(instance, &state);
    const ProfileConfig c = ReadProfile(*model, instance);
    const ScheduleKey key{service_enabled && c.enable && !c.url.empty(), c.reporting_interval,
                          c.time_reference};
    if (!(key == state.key)) {
      state.key = key;
      if (state.next_retry != kNever) GiveUp(instance, c, &state);
      state.next_report =
          key.active ? NextReportTime(now, c.reporting_interval, c.time_reference, now) : kNever;
    }
    if (!key.active) return;
    if (now >= state.next_report) {
      Report(instance, c, &state, now);
    } else if (now >= state.next_retry) {
      Transmit(instance, c, &state, now);
    }
  }
};

BulkDataReporter::BulkDataReporter(const dm::DataModel* model, ReporterOptions options)
    : rep_(std::make_unique<Rep>()) {
  rep_->model = model;
  rep_->options = std::move(options);
  if (!rep_->options.pick) {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    rep_->options.pick = [engine](int64_t low, int64_t high) {
      return std::uniform_int_distribution<int64_t>(low, std::max(low, high))(*engine);
    };
  }
}

BulkDataReporter::~BulkDataReporter() = default;

void BulkDataReporter::Step(int64_t now) {
  std::string enabled;
  const bool service_enabled =
      rep_->model->GetValue(kBulkDataEnable, &enabled).ok() && enabled == "true";
  const std::vector<uint32_t> live = ListProfiles(*rep_->model);
  rep_->Sweep(live);
  for (auto it = rep_->profiles.begin(); it != rep_->profiles.end();) {
    if (std::find(live.begin(), live.end(), it->first) != live.end()) {
      ++it;
      continue;
    }
    rep_->Persist(it->first, {});  // a deleted profile's reports go with it
    it = rep_->profiles.erase(it);
  }
  for (uint32_t instance : live) rep_->StepProfile(instance, service_enabled, now);
}

int64_t BulkDataReporter::NextDue() const {
  int64_t due = kNever;
  for (const auto& [instance, state] : rep_->profiles) {
    due = std::min({due, state.next_report, state.next_retry});
  }
  return due;
}

size_t BulkDataReporter::Undelivered(uint32_t instance) const {
  const auto it = rep_->profiles.find(instance);
  return it == rep_->profiles.end() ? 0 : it->second.undelivered.size();
}

}  // namespace edgecwmp::tr181::bulkdata
