// SPDX-License-Identifier: GPL-2.0-or-later
// Autonomous transfers (TR-069 A.3.3.2 AutonomousTransferComplete) through the TransferManager
// against loopback file servers: downloads stored and uploads received byte for byte, reported as
// AutonomousTransferComplete and never as TransferComplete; failures and request-time refusals
// with their A.5.1 faults; the queued-transfer lists and CancelTransfer (A.4.1.8-A.4.1.10);
// persistence across a restart, a reboot after firmware, a crash mid-transfer; and queue files
// written before autonomous transfers existed.
#define BOOST_TEST_MODULE autonomous_transfer_tests

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <string>

#include "base/log.h"
#include "base/record_file.h"
#include "cwmp/transfers/transfer_queue.h"
#include "rpc/faults.h"
#include "tests/support/stderr_capture.h"
#include "tests/transfers/transfer_fixture.h"

namespace edgecwmp::cwmp {
namespace {

using testing::FileServer;
namespace fault = rpc::fault;

AutonomousTransferRequest AutoDownload(const std::string& url,
                                       const std::string& type = "3 Vendor Configuration File") {
  AutonomousTransferRequest r;
  r.file_type = type;
  r.url = url;
  return r;
}

using testing::StderrCapture;

BOOST_AUTO_TEST_CASE(autonomous_download_is_stored_and_reported_as_autonomous) {
  ServedFixture f("/auto.cfg", "<config>autonomous</config>\n");
  AutonomousTransferRequest r = AutoDownload(f.server.Url("/auto.cfg"));
  r.target_file_name = "chosen.cfg";
  r.announce_url = "http://239.0.0.1/announce";
  BOOST_REQUIRE(f.manager->RequestAutonomous(r).ok());
  AutonomousTransferCompletion c = f.FinishAutonomous();
  const AutonomousTransferComplete& m = c.message;
  BOOST_CHECK_EQUAL(m.announce_url, r.announce_url);
  BOOST_CHECK_EQUAL(m.transfer_url, r.url);
  BOOST_CHECK(m.is_download);
  BOOST_CHECK_EQUAL(m.file_type, "3 Vendor Configuration File");
  BOOST_CHECK_EQUAL(m.file_size, 28u);  // FileSize 0 was asked for: the bytes received
  BOOST_CHECK_EQUAL(m.target_file_name, "chosen.cfg");
  BOOST_CHECK_EQUAL(m.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(m.fault.fault_string, "");
  SysSeconds start, complete;
  BOOST_CHECK(ParseDateTime(m.start_time, &start).ok());
  BOOST_CHECK(ParseDateTime(m.complete_time, &complete).ok());
  BOOST_CHECK(IsAbsoluteTime(start));
  BOOST_CHECK(complete >= start);
  BOOST_CHECK_EQUAL(testing::ReadFile(f.config.state_dir + "/files/vendor-config/chosen.cfg"),
                    "<config>autonomous</config>\n");
  BOOST_CHECK_GE(f.changes.load(), 1);
  BOOST_CHECK(f.manager->Completions().empty());  // never a TransferComplete
  // Listed by GetAllQueuedTransfers (empty CommandKey) until answered, never by GetQueued.
  BOOST_CHECK(f.manager->GetQueuedTransfers().transfer_list.empty());
  auto all = f.manager->GetAllQueuedTransfers().transfer_list;
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_CHECK_EQUAL(all[0].command_key, "");
  BOOST_CHECK_EQUAL(all[0].state, 3);
  BOOST_CHECK(all[0].is_download);
  f.manager->OnAnswered(c.id, true);
  BOOST_CHECK(f.manager->AutonomousCompletions().empty());
  BOOST_CHECK(f.manager->GetAllQueuedTransfers().transfer_list.empty());
  f.manager.reset();
  f.Start();
  BOOST_CHECK(f.manager->AutonomousCompletions().empty());  // forgotten for good
}

BOOST_AUTO_TEST_CASE(autonomous_upload_sends_the_file) {
  Fixture f;
  FileServer server("up", "upload-secret");
  BOOST_REQUIRE(server.Start());
  const std::string log = "autonomous log line\n";
  testing::WriteFile(f.dir.File("agent.log"), log);
  f.config.upload_log_command = "cp " + f.dir.File("agent.log");
  f.config.allow_plain_http_upload = true;
  f.Start();
  AutonomousTransferRequest r;
  r.is_download = false;
  r.file_type = "4 Vendor Log File";
  r.url = server.Url("/logs/agent.log");
  r.username = "up";
  r.password = "upload-secret";
  BOOST_REQUIRE(f.manager->RequestAutonomous(r).ok());
  AutonomousTransferCompletion c = f.FinishAutonomous();
  BOOST_CHECK_EQUAL(server.Uploaded("/logs/agent.log"), log);
  BOOST_CHECK(!c.message.is_download);
  BOOST_CHECK_EQUAL(c.message.transfer_url, r.url);
  BOOST_CHECK_EQUAL(c.message.file_type, "4 Vendor Log File");
  BOOST_CHECK_EQUAL(c.message.file_size, log.size());
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
  BOOST_CHECK(f.manager->Completions().empty());
}

BOOST_AUTO_TEST_CASE(autonomous_failures_carry_their_fault_and_logs_no_password) {
  Fixture f;
  FileServer server("fw", "never-logged-pw");
  BOOST_REQUIRE(server.Start());
  server.Put("/present", "x");
  f.Start();
  SetLogLevel(LogLevel::kDebug);
  StderrCapture capture(f.dir.File("stderr.txt"));
  AutonomousTransferRequest missing = AutoDownload(server.Url("/missing"));
  missing.username = "fw";
  missing.password = "never-logged-pw";
  missing.file_size = 123;
  BOOST_REQUIRE(f.manager->RequestAutonomous(missing).ok());
  AutonomousTransferCompletion c = f.FinishAutonomous();
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, fault::kFileAccessFailure);  // HTTP 404
  BOOST_CHECK(!c.message.fault.fault_string.empty());
  BOOST_CHECK_EQUAL(c.message.file_size, 123u);  // nothing received: the size asked for
  f.manager->OnAnswered(c.id, false);            // refused by the ACS: dropped, logged
  AutonomousTransferRequest wrong = AutoDownload(server.Url("/present"));
  wrong.username = "fw";
  wrong.password = "wrong-never-logged";
  BOOST_REQUIRE(f.manager->RequestAutonomous(wrong).ok());
  BOOST_CHECK_EQUAL(f.FinishAutonomous().message.fault.fault_code, fault::kFileTransferAuthFailure);
  const std::string logged = capture.Stop();
  SetLogLevel(LogLevel::kInfo);
  BOOST_CHECK(logged.find("autonomous Download") != std::string::npos);  // it did log
  BOOST_CHECK(logged.find("never-logged-pw") == std::string::npos);
  BOOST_CHECK(logged.find("wrong-never-logged") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(autonomous_requests_are_vetted_like_download_and_upload) {
  Fixture f;
  f.config.max_file_size = 4096;
  f.config.max_queued = 1;
  f.Start();
  BOOST_CHECK_EQUAL(
      rpc::FaultCodeFor(f.manager->RequestAutonomous(AutoDownload("ftp://127.0.0.1/x"))),
      fault::kUnsupportedTransferProtocol);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(
                        AutoDownload("http://127.0.0.1/x", "4 Tone File"))),
                    fault::kFileTransferFailure);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(
                        AutoDownload("http://127.0.0.1/x", "1 Firmware Upgrade Image"))),
                    fault::kFileTransferFailure);  // no firmware handler configured
  AutonomousTransferRequest big = AutoDownload("http://127.0.0.1/x");
  big.file_size = 5000;
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(big)),
                    fault::kResourcesExceeded);
  AutonomousTransferRequest long_name = AutoDownload("http://127.0.0.1/x");
  long_name.target_file_name = std::string(257, 'n');
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(long_name)),
                    fault::kInvalidArguments);
  AutonomousTransferRequest log_upload;
  log_upload.is_download = false;
  log_upload.file_type = "4 Vendor Log File";  // no upload source configured
  log_upload.url = "https://127.0.0.1/up";
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(log_upload)),
                    fault::kUploadFailure);
  log_upload.url = "http://127.0.0.1/up";  // an upload over plain http is refused first
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(log_upload)),
                    fault::kUnsupportedTransferProtocol);
  log_upload.url = "file:///etc/passwd";
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(f.manager->RequestAutonomous(log_upload)),
                    fault::kUnsupportedTransferProtocol);
  // Nothing refused was queued.
  BOOST_CHECK(f.manager->GetAllQueuedTransfers().transfer_list.empty());
  BOOST_CHECK(f.manager->AutonomousCompletions().empty());
  // The queue limit counts autonomous transfers too.
  cwmp::Download later;
  later.command_key = "later";
  later.file_type = "3 Vendor Configuration File";
  later.url = "http://127.0.0.1/later";
  later.delay_seconds = 3600;
  BOOST_REQUIRE_EQUAL(FaultOf(f.manager->Download(later, Now())), 0u);
  BOOST_CHECK_EQUAL(
      rpc::FaultCodeFor(f.manager->RequestAutonomous(AutoDownload("http://127.0.0.1/x"))),
      fault::kResourcesExceeded);
}

BOOST_AUTO_TEST_CASE(queued_lists_and_cancel_see_only_what_they_should) {
  Fixture f;
  FileServer server;
  BOOST_REQUIRE(server.Start());
  server.Put("/web.tgz", "web");
  server.Put("/cfg", "cfg");
  // A web content handler that holds the worker until the test lets it go.
  const std::string started = f.dir.File("started"), release = f.dir.File("release");
  f.config.web_content_command =
      "touch " + started + "; while [ ! -e " + release + " ]; do sleep 0.05; done; true";
  f.Start();
  BOOST_REQUIRE(
      f.manager->RequestAutonomous(AutoDownload(server.Url("/web.tgz"), "2 Web Content")).ok());
  BOOST_REQUIRE(testing::WaitUntil([&] { return ::access(started.c_str(), F_OK) == 0; }));
  BOOST_REQUIRE(f.manager->RequestAutonomous(AutoDownload(server.Url("/cfg"))).ok());
  // Only autonomous transfers queued: invisible to GetQueuedTransfers and CancelTransfer.
  BOOST_CHECK(f.manager->GetQueuedTransfers().transfer_list.empty());
  BOOST_CHECK_EQUAL(FaultOf(f.manager->CancelTransfer({""})), fault::kInvalidArguments);
  auto all = f.manager->GetAllQueuedTransfers().transfer_list;
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_CHECK_EQUAL(all[0].command_key, "");
  BOOST_CHECK_EQUAL(all[0].state, 2);  // in progress
  BOOST_CHECK_EQUAL(all[0].file_type, "2 Web Content");
  BOOST_CHECK_EQUAL(all[1].command_key, "");
  BOOST_CHECK_EQUAL(all[1].state, 1);  // queued behind it
  // An ACS download with an empty CommandKey: listed and cancellable, the autonomous one stays.
  cwmp::Download acs;
  acs.file_type = "3 Vendor Configuration File";
  acs.url = server.Url("/cfg");
  acs.delay_seconds = 3600;
  BOOST_REQUIRE_EQUAL(FaultOf(f.manager->Download(acs, Now())), 0u);
  auto queued = f.manager->GetQueuedTransfers().transfer_list;
  BOOST_REQUIRE_EQUAL(queued.size(), 1u);
  BOOST_CHECK_EQUAL(queued[0].command_key, "");
  BOOST_CHECK_EQUAL(f.manager->GetAllQueuedTransfers().transfer_list.size(), 3u);
  BOOST_CHECK(std::holds_alternative<CancelTransferResponse>(f.manager->CancelTransfer({""})));
  BOOST_CHECK_EQUAL(f.manager->GetAllQueuedTransfers().transfer_list.size(), 2u);
  BOOST_CHECK(f.manager->GetQueuedTransfers().transfer_list.empty());
  // Let both autonomous downloads finish; each reported once, oldest first.
  testing::WriteFile(release, "");
  BOOST_REQUIRE(testing::WaitUntil([&] { return f.manager->AutonomousCompletions().size() == 2; },
                                   std::chrono::seconds(20)));
  auto done = f.manager->AutonomousCompletions();
  BOOST_CHECK_EQUAL(done[0].message.file_type, "2 Web Content");
  BOOST_CHECK_EQUAL(done[0].message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(done[1].message.file_type, "3 Vendor Configuration File");
  BOOST_CHECK(f.manager->Completions().empty());
}

BOOST_AUTO_TEST_CASE(autonomous_results_survive_restart_reboot_and_crash) {
  Fixture f;
  FileServer server;
  BOOST_REQUIRE(server.Start());
  const std::string image = "EDGE-FIRMWARE-3.0";
  server.Put("/fw.bin", image);
  server.Put("/cfg", "cfg");
  f.config.firmware_command = "cp \"$1\" " + f.dir.File("installed.bin") + "; true";
  f.Start();
  // A finished result outlives a restart with every field.
  BOOST_REQUIRE(f.manager->RequestAutonomous(AutoDownload(server.Url("/cfg"))).ok());
  AutonomousTransferCompletion before = f.FinishAutonomous();
  f.manager.reset();
  f.Start();
  auto after = f.manager->AutonomousCompletions();
  BOOST_REQUIRE_EQUAL(after.size(), 1u);
  BOOST_CHECK_EQUAL(after[0].id, before.id);
  BOOST_CHECK_EQUAL(after[0].message.transfer_url, before.message.transfer_url);
  BOOST_CHECK_EQUAL(after[0].message.file_size, 3u);
  BOOST_CHECK_EQUAL(after[0].message.start_time, before.message.start_time);
  BOOST_CHECK_EQUAL(after[0].message.complete_time, before.message.complete_time);
  BOOST_CHECK(f.manager->Completions().empty());
  f.manager->OnAnswered(after[0].id, true);

  // Firmware: the device reboots first and reports after the new boot.
  AutonomousTransferRequest fw = AutoDownload(server.Url("/fw.bin"), "1 Firmware Upgrade Image");
  fw.file_size = static_cast<uint32_t>(image.size());
  BOOST_REQUIRE(f.manager->RequestAutonomous(fw).ok());
  BOOST_REQUIRE(
      testing::WaitUntil([&] { return f.manager->TakeRebootRequest(); }, std::chrono::seconds(20)));
  BOOST_CHECK_EQUAL(testing::ReadFile(f.dir.File("installed.bin")), image);
  BOOST_CHECK(f.manager->AutonomousCompletions().empty());
  f.manager.reset();
  f.Start();
  auto rebooted = f.manager->AutonomousCompletions();
  BOOST_REQUIRE_EQUAL(rebooted.size(), 1u);
  BOOST_CHECK_EQUAL(rebooted[0].message.file_type, "1 Firmware Upgrade Image");
  BOOST_CHECK_EQUAL(rebooted[0].message.fault.fault_code, 0u);
  BOOST_CHECK(f.manager->Completions().empty());
  f.manager->OnAnswered(rebooted[0].id, true);
  f.manager.reset();

  // A crash (kill -9) mid-transfer: the queue says "in progress" at the next start.
  {
    TransferQueue q;
    BOOST_REQUIRE(q.Open(f.config.state_dir).ok());
    Transfer t;
    t.autonomous = true;
    t.file_type = "3 Vendor Configuration File";
    t.url = server.Url("/cfg");
    t.state = TransferState::kInProgress;
    BOOST_REQUIRE(q.Add(t).ok());
    t.kind = TransferKind::kUpload;
    BOOST_REQUIRE(q.Add(t).ok());
  }
  f.Start();
  auto cut = f.manager->AutonomousCompletions();
  BOOST_REQUIRE_EQUAL(cut.size(), 2u);
  BOOST_CHECK(cut[0].message.is_download);
  BOOST_CHECK_EQUAL(cut[0].message.fault.fault_code, fault::kDownloadIncomplete);
  BOOST_CHECK(!cut[1].message.is_download);
  BOOST_CHECK_EQUAL(cut[1].message.fault.fault_code, fault::kUploadFailure);
  BOOST_CHECK(f.manager->Completions().empty());
}

BOOST_AUTO_TEST_CASE(queue_files_from_before_autonomous_transfers_still_load) {
  testing::TempDir dir("edgecwmp-tq-v1");
  // Two records exactly as the agent wrote them before (16 fields, no autonomous ones).
  const std::vector<Record> v1 = {
      {"4", "0", "3", "old-done", "3 Vendor Configuration File", "http://127.0.0.1/a", "u", "p\tw",
       "a.cfg", "10", "1700000000", "", "0 ", "2026-11-20T10:00:00Z", "2026-11-20T10:00:05Z", "0"},
      {"7", "1", "2", "old-cut", "4 Vendor Log File", "http://127.0.0.1/up", "", "", "", "0",
       "1700000000", "", "0 ", "2026-11-20T10:01:00Z", "0001-01-01T00:00:00Z", "0"}};
  BOOST_REQUIRE(
      testing::WriteFile(dir.File("transfers.txt"), EncodeRecords("edgecwmp-transfers 1", v1)));
  TransferConfig config;
  config.state_dir = dir.path();
  TransferManager m(config, nullptr);
  std::string warning;
  BOOST_REQUIRE(m.Start(&warning).ok());
  BOOST_CHECK_EQUAL(warning, "");
  BOOST_CHECK(m.AutonomousCompletions().empty());
  auto c = m.Completions();
  BOOST_REQUIRE_EQUAL(c.size(), 2u);
  BOOST_CHECK_EQUAL(c[0].id, 4u);
  BOOST_CHECK_EQUAL(c[0].message.command_key, "old-done");
  BOOST_CHECK_EQUAL(c[0].message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(c[0].message.start_time, "2026-11-20T10:00:00Z");
  BOOST_CHECK_EQUAL(c[1].message.command_key, "old-cut");
  BOOST_CHECK_EQUAL(std::string(c[1].method_event), "M Upload");
  BOOST_CHECK_EQUAL(c[1].message.fault.fault_code, fault::kUploadFailure);  // was in progress
  // Listed as the ACS's (GetQueuedTransfers shows downloads the ACS asked for).
  auto queued = m.GetQueuedTransfers().transfer_list;
  BOOST_REQUIRE_EQUAL(queued.size(), 1u);
  BOOST_CHECK_EQUAL(queued[0].command_key, "old-done");
  // A new transfer gets an id above the old ones.
  TransferQueue q;
  BOOST_REQUIRE(q.Open(dir.path()).ok());
  Transfer t;
  uint64_t id = 0;
  BOOST_REQUIRE(q.Add(t, &id).ok());
  BOOST_CHECK_EQUAL(id, 8u);
}

// A field that is not UTF-8 (found by the persisted-state fuzzer) must not stop the queue from
// opening: the JSON rewrite once threw, which would stop the agent at every start.
BOOST_AUTO_TEST_CASE(an_old_queue_file_with_bytes_that_are_not_utf8_still_opens) {
  testing::TempDir dir("edgecwmp-tq-latin1");
  const std::vector<Record> v1 = {{"4", "0", "3", "caf\xe9", "3 Vendor Configuration File",
                                   "http://127.0.0.1/\x92", "u", "p", "a.cfg", "10", "1700000000",
                                   "", "0 ", "2026-11-20T10:00:00Z", "2026-11-20T10:00:05Z", "0"}};
  BOOST_REQUIRE(
      testing::WriteFile(dir.File("transfers.txt"), EncodeRecords("edgecwmp-transfers 1", v1)));
  TransferQueue q;
  BOOST_REQUIRE(q.Open(dir.path()).ok());
  TransferQueue reopened;  // the rewritten file loads too
  BOOST_REQUIRE(reopened.Open(dir.path()).ok());
  Transfer t;
  uint64_t id = 0;
  BOOST_REQUIRE(reopened.Add(t, &id).ok());
  BOOST_CHECK_EQUAL(id, 5u);
}

// The positional format of the last release (19 fields) is still read after an upgrade, and the
// file is rewritten as one JSON object per transfer: the owed TransferComplete is not lost.
BOOST_AUTO_TEST_CASE(queue_files_of_the_positional_format_load_and_are_rewritten) {
  testing::TempDir dir("edgecwmp-tq-positional");
  const std::vector<Record> positional = {
      {"5", "0", "3", "fw-done", "1 Firmware Upgrade Image", "http://127.0.0.1/fw.bin", "u", "p\tw",
       "", "2048", "1700000000", "", "9010 Download failure: bad image", "2026-11-20T10:00:00Z",
       "2026-11-20T10:00:05Z", "0", "0", "", "1024"},
      {"6", "0", "3", "", "3 Vendor Configuration File", "http://127.0.0.1/a.cfg", "", "", "", "0",
       "1700000000", "", "0 ", "2026-11-20T10:01:00Z", "2026-11-20T10:01:02Z", "0", "1",
       "http://127.0.0.1/announce", "77"},
      {"9", "2", "1", "sched", "3 Vendor Configuration File", "http://127.0.0.1/s.cfg", "", "", "",
       "0", "4000000000", "4000000000,4000000600,3 When Idle,-1,1", "0 ", "0001-01-01T00:00:00Z",
       "0001-01-01T00:00:00Z", "0", "0", "", "0"}};
  BOOST_REQUIRE(testing::WriteFile(dir.File("transfers.txt"),
                                   EncodeRecords("edgecwmp-transfers 1", positional)));
  for (int pass = 0; pass < 2; ++pass) {  // as read from the old file, then from the rewrite
    TransferQueue q;
    std::string warning;
    BOOST_REQUIRE(q.Open(dir.path(), &warning).ok());
    BOOST_CHECK_EQUAL(warning, "");
    BOOST_REQUIRE_EQUAL(q.size(), 3u);
    const Transfer& fw = q.transfers()[0];
    BOOST_CHECK_EQUAL(fw.id, 5u);
    BOOST_CHECK_EQUAL(fw.command_key, "fw-done");
    BOOST_CHECK_EQUAL(fw.password, "p\tw");
    BOOST_CHECK_EQUAL(fw.file_size, 2048u);
    BOOST_CHECK_EQUAL(fw.fault.fault_code, 9010u);
    BOOST_CHECK_EQUAL(fw.fault.fault_string, "Download failure: bad image");
    BOOST_CHECK_EQUAL(fw.complete_time, "2026-11-20T10:00:05Z");
    BOOST_CHECK_EQUAL(fw.bytes_transferred, 1024u);
    const Transfer& cfg = q.transfers()[1];
    BOOST_CHECK(cfg.autonomous);
    BOOST_CHECK_EQUAL(cfg.announce_url, "http://127.0.0.1/announce");
    BOOST_CHECK_EQUAL(cfg.bytes_transferred, 77u);
    const Transfer& sched = q.transfers()[2];
    BOOST_CHECK(sched.kind == TransferKind::kScheduleDownload);
    BOOST_CHECK(sched.state == TransferState::kQueued);
    BOOST_REQUIRE_EQUAL(sched.windows.size(), 1u);
    BOOST_CHECK_EQUAL(sched.windows[0].end, 4000000600);
    BOOST_CHECK_EQUAL(sched.windows[0].mode, "3 When Idle");
    BOOST_CHECK_EQUAL(sched.windows[0].max_retries, -1);
    BOOST_CHECK_EQUAL(sched.windows[0].attempts, 1u);
    const std::string text = testing::ReadFile(dir.File("transfers.txt"));
    BOOST_CHECK_EQUAL(text.substr(0, text.find('\n')), "edgecwmp-transfers 2");
  }
  // The TransferComplete owed before the upgrade is still owed.
  TransferConfig config;
  config.state_dir = dir.path();
  TransferManager m(config, nullptr);
  BOOST_REQUIRE(m.Start().ok());
  auto owed = m.Reports();
  BOOST_REQUIRE_EQUAL(owed.size(), 1u);
  BOOST_CHECK_EQUAL(owed[0].command_key, "fw-done");
  BOOST_CHECK_EQUAL(std::string(owed[0].method_event), "M Download");
  BOOST_CHECK_EQUAL(m.AutonomousCompletions().size(), 1u);
}

}  // namespace
}  // namespace edgecwmp::cwmp
