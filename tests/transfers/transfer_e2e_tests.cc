// SPDX-License-Identifier: GPL-2.0-or-later
// The real cwmpd against the test ACS (GenieACS-strict) and loopback file servers: the recorded
// GenieACS Download (081) of a firmware image checked by a SHA-256 handler, the reboot and the
// TransferComplete after it; kill -9 in the middle of a download → the failure reported after the
// restart; Upload, ScheduleDownload, CancelTransfer and the queued-transfer lists through the
// ACS; Reboot and FactoryReset.
#define BOOST_TEST_MODULE transfer_e2e_tests
#include <sys/stat.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "cwmp/protocol/codec.h"
#include "tests/acs/test_acs.h"
#include "tests/e2e/e2e_support.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"

namespace edgecwmp::cwmp {
namespace {

using acs::SessionRecord;
constexpr std::chrono::seconds kWait(30);

struct Harness : e2e::AgentFixture {
  testing::FileServer files;

  explicit Harness(std::map<std::string, std::string> extra = {})
      : e2e::AgentFixture({}, Settings(std::move(extra))) {
    BOOST_REQUIRE(files.Start());
    StartAgent();
    RequireSessions(1, kWait);  // the boot session
  }
  static e2e::AgentSettings Settings(std::map<std::string, std::string> extra) {
    e2e::AgentSettings settings;
    settings.extra = std::move(extra);
    settings.extra["inform.periodic_enable"] = "false";
    return settings;
  }
  void Kick() {
    auto r = acs::SendAcceptedConnectionRequest(agent->cr_url(), agent->settings().cr_username,
                                                agent->settings().cr_password);
    BOOST_REQUIRE_MESSAGE(r.success, "connection request failed: " << r.error);
  }
  // The first TransferComplete the CPE sent with |key|, and the session that carried it.
  std::optional<std::pair<SessionRecord, TransferComplete>> TransferCompleteFor(
      const std::string& key) {
    const auto sessions = acs.Sessions();
    for (const auto& [number, tc] : acs::CpeRequestsOf<TransferComplete>(sessions)) {
      if (tc.command_key == key) return std::make_pair(sessions[number - 1], tc);
    }
    return std::nullopt;
  }
  std::optional<std::pair<SessionRecord, TransferComplete>> WaitTransferComplete(
      const std::string& key) {
    acs.WaitUntil(
        [&](const std::vector<SessionRecord>& sessions) {
          for (const auto& [number, tc] : acs::CpeRequestsOf<TransferComplete>(sessions)) {
            if (tc.command_key == key && sessions[number - 1].end != acs::SessionEnd::kRunning) {
              return true;
            }
          }
          return false;
        },
        kWait);
    return TransferCompleteFor(key);
  }
  size_t TransferCompleteCount(const std::string& key) {
    const auto all = acs::CpeRequestsOf<TransferComplete>(acs.Sessions());
    return static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](const auto& request) {
      return request.second.command_key == key;
    }));
  }
  // The CPE's answer to the first ACS request named |method| ("Download", ...).
  std::optional<CpeResponse> AnswerTo(const std::string& method) {
    for (const auto& s : acs.Sessions()) {
      for (const acs::Exchange* e : s.ExchangesOf(method)) {
        if (e->answered && e->response) return e->response;
      }
    }
    return std::nullopt;
  }
  bool WaitAnswer(const std::string& method) {
    return acs.WaitUntil(
        [&](const std::vector<SessionRecord>& sessions) {
          for (const auto& s : sessions) {
            for (const acs::Exchange* e : s.ExchangesOf(method)) {
              if (e->answered) return true;
            }
          }
          return false;
        },
        kWait);
  }
};

BOOST_AUTO_TEST_CASE(genieacs_firmware_download_reboots_and_reports_after_the_boot) {
  // GenieACS's recorded Download (081): FileSize 20, everything optional empty.
  const std::string image = "EDGEX-FW-2.0-IMAGE!\n";
  BOOST_REQUIRE_EQUAL(image.size(), 20u);
  testing::TempDir scripts("edgecwmp-fw");
  const std::string installed = scripts.File("installed");
  const std::string script = scripts.File("install.sh");
  testing::WriteFile(script, "[ \"$(sha256sum \"$1\" | cut -d' ' -f1)\" = \"" +
                                 testing::Sha256Hex(image) +
                                 "\" ] || exit 18\n"
                                 "printf '%s' \"$EDGECWMP_FILE_TYPE\" > " +
                                 installed + "\n");
  Harness h({{"transfers.firmware_command", "sh " + script}});
  h.files.Put("/fw.bin", image);

  Codec codec;
  AcsEnvelope env;
  DecodeError err;
  BOOST_REQUIRE(codec.DecodeAcs(e2e::Recording("081-download-acs-Download.xml"), &env, &err).ok());
  cwmp::Download download = std::get<cwmp::Download>(std::get<AcsRequest>(env.body));
  BOOST_CHECK_EQUAL(download.target_file_name, "");
  BOOST_CHECK_EQUAL(download.file_size, 20u);
  download.url = h.files.Url("/fw.bin");  // GenieACS's file server → ours
  h.acs.Queue(download);
  h.Kick();
  BOOST_REQUIRE(h.WaitAnswer("Download"));
  auto answer = h.AnswerTo("Download");
  BOOST_REQUIRE(answer && std::holds_alternative<DownloadResponse>(*answer));
  BOOST_CHECK_EQUAL(std::get<DownloadResponse>(*answer).status, 1);  // as recording 082

  auto tc = h.WaitTransferComplete(download.command_key);
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  const SessionRecord& s = tc->first;
  BOOST_CHECK(s.HasEvent("1 BOOT"));  // after the reboot
  BOOST_CHECK(s.HasEvent("7 TRANSFER COMPLETE"));
  BOOST_CHECK(s.HasEvent("M Download"));
  BOOST_CHECK_EQUAL(tc->second.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(tc->second.fault.fault_string, "");
  BOOST_CHECK_NE(tc->second.start_time, kUnknownTime);
  BOOST_CHECK_EQUAL(testing::ReadFile(installed), "1 Firmware Upgrade Image");
  BOOST_CHECK(h.agent->Running());  // the same process, re-executed
  // Answered once: never sent again.
  h.Kick();
  BOOST_REQUIRE(h.acs.WaitForSessions(s.number + 1, kWait));
  BOOST_CHECK_EQUAL(h.TransferCompleteCount(download.command_key), 1u);
  auto last = h.acs.Session(static_cast<int>(h.acs.SessionCount()));
  BOOST_REQUIRE(last);
  BOOST_CHECK(!last->HasEvent("7 TRANSFER COMPLETE"));
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(kill_during_a_download_reports_the_failure_after_restart) {
  Harness h;
  testing::StallServer stall;
  BOOST_REQUIRE(stall.Start());
  cwmp::Download d;
  d.command_key = "stalled-1";
  d.file_type = "3 Vendor Configuration File";
  d.url = stall.Url("/big.cfg");
  h.acs.Queue(d);
  h.Kick();
  BOOST_REQUIRE(h.WaitAnswer("Download"));
  BOOST_REQUIRE(testing::WaitUntil([&] { return stall.connected(); }, kWait));
  h.agent->Kill();
  BOOST_REQUIRE(h.agent->Start());
  auto tc = h.WaitTransferComplete("stalled-1");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(tc->second.fault.fault_code, 9017u);
  BOOST_CHECK(tc->first.HasEvent("1 BOOT"));
  BOOST_CHECK(tc->first.HasEvent("M Download"));
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(upload_schedule_cancel_and_queue_lists_through_the_acs) {
  testing::TempDir logs("edgecwmp-log");
  std::string log_bytes;
  for (int i = 0; i < 200; ++i) log_bytes += "2026-11-25 edgex event " + std::to_string(i) + "\n";
  testing::WriteFile(logs.File("agent.log"), log_bytes);
  Harness h({{"transfers.upload_log_command", "cp " + logs.File("agent.log")},
             {"transfers.allow_plain_http_upload", "true"}});
  testing::FileServer locked("fs", "pw");
  BOOST_REQUIRE(locked.Start());
  locked.Put("/cfg", "x");
  h.files.Put("/sched.cfg", "scheduled config");

  cwmp::Upload up;
  up.command_key = "log-up";
  up.file_type = "4 Vendor Log File";
  up.url = h.files.Url("/upload/agent.log");
  cwmp::Download later;
  later.command_key = "later";
  later.file_type = "3 Vendor Configuration File";
  later.url = h.files.Url("/sched.cfg");
  later.delay_seconds = 3600;
  cwmp::ScheduleDownload sd;
  sd.command_key = "sched";
  sd.file_type = "3 Vendor Configuration File";
  sd.url = h.files.Url("/sched.cfg");
  sd.time_window_list = {{0, 600, "1 At Any Time", "", 0}};
  cwmp::Download badauth;
  badauth.command_key = "badauth";
  badauth.file_type = "3 Vendor Configuration File";
  badauth.url = locked.Url("/cfg");
  badauth.username = "fs";
  badauth.password = "nope";
  h.acs.QueueSession({GetRPCMethods{}, up, later, sd, badauth, GetAllQueuedTransfers{},
                      CancelTransfer{"later"}, GetQueuedTransfers{}});
  h.Kick();
  BOOST_REQUIRE(h.WaitAnswer("GetQueuedTransfers"));

  auto methods = h.AnswerTo("GetRPCMethods");
  BOOST_REQUIRE(methods && std::holds_alternative<GetRPCMethodsResponse>(*methods));
  const auto& list = std::get<GetRPCMethodsResponse>(*methods).method_list;
  for (const char* m : {"Download", "Upload", "ScheduleDownload", "CancelTransfer",
                        "GetQueuedTransfers", "GetAllQueuedTransfers"}) {
    BOOST_CHECK_MESSAGE(std::find(list.begin(), list.end(), m) != list.end(), m);
  }
  auto all = h.AnswerTo("GetAllQueuedTransfers");
  BOOST_REQUIRE(all && std::holds_alternative<GetAllQueuedTransfersResponse>(*all));
  bool later_listed = false;
  for (const auto& t : std::get<GetAllQueuedTransfersResponse>(*all).transfer_list) {
    if (t.command_key == "later") later_listed = t.state == 1 && t.is_download;
  }
  BOOST_CHECK(later_listed);
  auto cancel = h.AnswerTo("CancelTransfer");
  BOOST_REQUIRE(cancel);
  BOOST_CHECK(std::holds_alternative<CancelTransferResponse>(*cancel));
  auto queued = h.AnswerTo("GetQueuedTransfers");
  BOOST_REQUIRE(queued && std::holds_alternative<GetQueuedTransfersResponse>(*queued));
  for (const auto& t : std::get<GetQueuedTransfersResponse>(*queued).transfer_list) {
    BOOST_CHECK_NE(t.command_key, "later");
  }

  auto up_tc = h.WaitTransferComplete("log-up");
  BOOST_REQUIRE_MESSAGE(up_tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(up_tc->second.fault.fault_code, 0u);
  BOOST_CHECK(up_tc->first.HasEvent("M Upload"));
  BOOST_CHECK(h.files.Uploaded("/upload/agent.log") == log_bytes);
  auto sd_tc = h.WaitTransferComplete("sched");
  BOOST_REQUIRE(sd_tc);
  BOOST_CHECK_EQUAL(sd_tc->second.fault.fault_code, 0u);
  BOOST_CHECK(sd_tc->first.HasEvent("M ScheduleDownload"));
  auto bad_tc = h.WaitTransferComplete("badauth");
  BOOST_REQUIRE(bad_tc);
  BOOST_CHECK_EQUAL(bad_tc->second.fault.fault_code, 9012u);
  BOOST_CHECK(!h.TransferCompleteFor("later"));
  BOOST_CHECK_EQUAL(testing::ReadFile(h.agent->state_dir() + "/files/vendor-config/sched.cfg"),
                    "scheduled config");
  BOOST_CHECK(h.acs.Violations().empty());
}

BOOST_AUTO_TEST_CASE(https_trusts_only_acs_ca_file_and_each_failure_is_reported) {
  testing::TempDir pki_dir("edgecwmp-pki");
  testing::TestPki pki, stranger;
  std::string error;
  BOOST_REQUIRE(::mkdir(pki_dir.File("a").c_str(), 0700) == 0 &&
                ::mkdir(pki_dir.File("b").c_str(), 0700) == 0);
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.File("a"), &pki, &error), error);
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.File("b"), &stranger, &error), error);
  Harness h({{"acs.ca_file", pki.ca_cert}, {"transfers.max_file_size", "4096"}});
  testing::FileServer trusted("", "", pki.server_cert, pki.server_key);
  testing::FileServer untrusted("", "", stranger.server_cert, stranger.server_key);
  BOOST_REQUIRE(trusted.Start() && untrusted.Start());
  trusted.Put("/web.tgz", "web bundle");
  untrusted.Put("/web.tgz", "web bundle");
  h.files.Put("/big.cfg", std::string(5000, 'b'));
  h.files.Put("/short.cfg", "short");
  auto download = [](const std::string& key, const std::string& url, uint32_t size = 0) {
    cwmp::Download d;
    d.command_key = key;
    d.file_type =
        key == "ok-tls" || key == "bad-tls" ? "2 Web Content" : "3 Vendor Configuration File";
    d.url = url;
    d.file_size = size;
    return d;
  };
  h.acs.QueueSession(
      {download("ok-tls", trusted.Url("/web.tgz")), download("bad-tls", untrusted.Url("/web.tgz")),
       download("missing", h.files.Url("/nothing")), download("too-big", h.files.Url("/big.cfg")),
       download("size-lie", h.files.Url("/short.cfg"), 500),
       download("ftp", "ftp://127.0.0.1/x.cfg")});
  h.Kick();
  BOOST_REQUIRE(h.WaitAnswer("Download"));
  const std::map<std::string, uint32_t> expected = {
      {"ok-tls", 0}, {"bad-tls", 9015}, {"missing", 9016}, {"too-big", 9010}, {"size-lie", 9017}};
  for (const auto& [key, code] : expected) {
    auto tc = h.WaitTransferComplete(key);
    BOOST_REQUIRE_MESSAGE(tc, key << ": no TransferComplete; agent log:\n" << h.agent->Log());
    BOOST_CHECK_MESSAGE(tc->second.fault.fault_code == code,
                        key << ": " << tc->second.fault.fault_code << " != " << code);
  }
  BOOST_CHECK_EQUAL(untrusted.gets(), 0);
  // ftp:// is refused in the DownloadResponse's place (9013), with no TransferComplete.
  bool ftp_faulted = false;
  for (const auto& s : h.acs.Sessions()) {
    for (const acs::Exchange* e : s.ExchangesOf("Download")) {
      if (std::get<cwmp::Download>(e->request).command_key == "ftp") {
        ftp_faulted = e->fault_code && *e->fault_code == 9013;
      }
    }
  }
  BOOST_CHECK(ftp_faulted);
  BOOST_CHECK(!h.TransferCompleteFor("ftp"));
  BOOST_CHECK(h.acs.Violations().empty());
}

// A "3 Vendor Configuration File" upload is produced from the data model without any secret
// parameter's value (the config's and the ACS's passwords alike), and only over https unless
// transfers.allow_plain_http_upload says otherwise (9013 in the UploadResponse's place).
BOOST_AUTO_TEST_CASE(configuration_upload_carries_no_secret_and_needs_https) {
  testing::TempDir pki_dir("edgecwmp-pki");
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(pki_dir.path(), &pki, &error), error);
  Harness h({{"acs.ca_file", pki.ca_cert},
             {"acs.username", "acs-user"},
             {"acs.password", "config-S3cret-acs"}});
  testing::FileServer receiver("", "", pki.server_cert, pki.server_key);
  BOOST_REQUIRE(receiver.Start());
  cwmp::SetParameterValues spv;
  spv.parameter_list = {
      {"Device.ManagementServer.Password", "spv-S3cret-acs", "xsd:string"},
      {"Device.ManagementServer.PeriodicInformInterval", "4242", "xsd:unsignedInt"}};
  spv.parameter_key = "before-upload";
  cwmp::Upload tls_upload;
  tls_upload.command_key = "cfg-tls";
  tls_upload.file_type = "3 Vendor Configuration File";
  tls_upload.url = receiver.Url("/cfg.xml");
  cwmp::Upload plain_upload = tls_upload;
  plain_upload.command_key = "cfg-plain";
  plain_upload.url = h.files.Url("/cfg.xml");
  cwmp::Upload plain_log = tls_upload;
  plain_log.command_key = "log-plain";
  plain_log.file_type = "4 Vendor Log File";
  plain_log.url = h.files.Url("/log.txt");
  h.acs.QueueSession({spv, tls_upload, plain_upload, plain_log});
  h.Kick();

  auto tc = h.WaitTransferComplete("cfg-tls");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(tc->second.fault.fault_code, 0u);
  const std::string uploaded = receiver.Uploaded("/cfg.xml");
  BOOST_CHECK(uploaded.find("Device.ManagementServer.PeriodicInformInterval") != std::string::npos);
  BOOST_CHECK(uploaded.find("4242") != std::string::npos);
  for (const char* secret : {"config-S3cret-acs", "spv-S3cret-acs", "cr-secret"}) {
    BOOST_CHECK_MESSAGE(uploaded.find(secret) == std::string::npos, secret << " was uploaded");
  }
  BOOST_CHECK(uploaded.find("Device.ManagementServer.Password") == std::string::npos);
  BOOST_CHECK(uploaded.find("Device.ManagementServer.ConnectionRequestPassword") ==
              std::string::npos);
  // Plain http: refused in the UploadResponse's place, nothing sent, no TransferComplete.
  std::map<std::string, uint32_t> refused;
  for (const auto& s : h.acs.Sessions()) {
    for (const acs::Exchange* e : s.ExchangesOf("Upload")) {
      const auto* f = e->response ? std::get_if<cwmp::Fault>(&*e->response) : nullptr;
      refused[std::get<cwmp::Upload>(e->request).command_key] = f ? f->fault_code : 0;
    }
  }
  BOOST_CHECK_EQUAL(refused["cfg-plain"], 9013u);
  BOOST_CHECK_EQUAL(refused["log-plain"], 9013u);
  BOOST_CHECK(!h.TransferCompleteFor("cfg-plain"));
  BOOST_CHECK(h.files.Uploaded("/cfg.xml").empty());
  BOOST_CHECK(h.acs.Violations().empty());
}

// Whatever the umask, the state directory and everything the agent puts in it (the model, the
// queues, partial downloads, stored files) is the agent's alone: 0700 directories, 0600 files;
// a state directory an older version left 0755 is tightened at start.
BOOST_AUTO_TEST_CASE(state_is_private_whatever_the_umask) {
  struct Umask {
    mode_t old = ::umask(0);
    ~Umask() { ::umask(old); }
  } open_umask;
  Harness h;
  h.StopAgent();
  BOOST_REQUIRE(::chmod(h.agent->state_dir().c_str(), 0755) == 0);
  h.StartAgent();
  h.RequireSessions(2, kWait);
  h.files.Put("/site.cfg", "site configuration");
  cwmp::Download d;
  d.command_key = "private";
  d.file_type = "3 Vendor Configuration File";
  d.url = h.files.Url("/site.cfg");
  h.acs.Queue(d);
  h.Kick();
  auto tc = h.WaitTransferComplete("private");
  BOOST_REQUIRE_MESSAGE(tc, "no TransferComplete; agent log:\n" << h.agent->Log());
  BOOST_CHECK_EQUAL(tc->second.fault.fault_code, 0u);
  const std::string stored = h.agent->state_dir() + "/files/vendor-config/site.cfg";
  BOOST_REQUIRE_EQUAL(testing::ReadFile(stored), "site configuration");

  namespace fs = std::filesystem;
  std::string wrong;
  size_t checked = 0;
  auto check = [&](const fs::path& p) {
    struct stat st;
    BOOST_REQUIRE(::lstat(p.c_str(), &st) == 0);
    const mode_t want = S_ISDIR(st.st_mode) ? 0700 : 0600;
    if ((st.st_mode & 07777) != want) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      wrong += p.string() + " " + mode + "\n";
    }
    ++checked;
  };
  check(h.agent->state_dir());
  for (const auto& entry : fs::recursive_directory_iterator(h.agent->state_dir())) {
    check(entry.path());
  }
  BOOST_CHECK_MESSAGE(wrong.empty(), "not private:\n" << wrong);
  BOOST_CHECK_GE(checked, 8u);  // dir, datamodel/, its files, queues, files/, vendor-config/, ...
  BOOST_CHECK(h.agent->Log().find("permissions of " + h.agent->state_dir()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reboot_and_factory_reset) {
  Harness h;
  h.acs.Queue(Reboot{"rb-7"});
  h.Kick();
  bool rebooted = h.acs.WaitUntil(
      [](const std::vector<SessionRecord>& sessions) {
        for (const auto& s : sessions) {
          if (s.HasEvent("M Reboot") && s.HasEvent("1 BOOT")) return true;
        }
        return false;
      },
      kWait);
  BOOST_REQUIRE_MESSAGE(rebooted, h.agent->Log());
  for (const auto& s : h.acs.Sessions()) {
    if (!s.inform || !s.HasEvent("M Reboot")) continue;
    for (const auto& e : s.inform->event) {
      if (e.event_code == "M Reboot") BOOST_CHECK_EQUAL(e.command_key, "rb-7");
    }
  }
  const size_t before = h.acs.SessionCount();
  h.acs.Queue(FactoryReset{});
  h.Kick();
  bool bootstrapped = h.acs.WaitUntil(
      [before](const std::vector<SessionRecord>& sessions) {
        for (size_t i = before; i < sessions.size(); ++i) {
          if (sessions[i].HasEvent("0 BOOTSTRAP")) return true;
        }
        return false;
      },
      kWait);
  BOOST_CHECK_MESSAGE(bootstrapped, h.agent->Log());
  BOOST_CHECK(h.acs.Violations().empty());
}

}  // namespace
}  // namespace edgecwmp::cwmp
