// SPDX-License-Identifier: GPL-2.0-or-later
// TransferManager against loopback file servers (HTTP, HTTPS with a generated PKI): each success
// and failure class with its TR-069 A.5.1 fault, handlers checking SHA-256 sums, uploads received
// byte for byte, ScheduleDownload windows, CancelTransfer, the queued-transfer lists, the queue
// limit, and persistence across a restart (CommandKey kept, firmware reported after the reboot,
// an interrupted transfer reported as failed).
#define BOOST_TEST_MODULE transfer_tests
#include <sys/stat.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <variant>

#include "base/time_util.h"
#include "cwmp/transfers/file_handlers.h"
#include "cwmp/transfers/transfer_queue.h"
#include "cwmp/transfers/transfers.h"
#include "rpc/faults.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"
#include "tests/support/wait_until.h"
#include "tests/transfers/file_server.h"
#include "tests/transfers/transfer_fixture.h"

namespace edgecwmp::cwmp {
namespace {

using testing::FileServer;
using testing::TempDir;

cwmp::Download Dl(const std::string& url, const std::string& type = "3 Vendor Configuration File",
                  uint32_t size = 0) {
  cwmp::Download d;
  d.command_key = "key-" + url.substr(url.rfind('/') + 1);
  d.file_type = type;
  d.url = url;
  d.file_size = size;
  return d;
}

BOOST_AUTO_TEST_CASE(vendor_config_is_fetched_stored_and_reported_once) {
  Fixture f;
  f.Start();
  FileServer server;
  BOOST_REQUIRE(server.Start());
  const std::string content = "<config>edge</config>\n";
  server.Put("/cfg.xml", content);
  cwmp::Download d = Dl(server.Url("/cfg.xml"), "3 Vendor Configuration File",
                        static_cast<uint32_t>(content.size()));
  CpeResponse r = f.manager->Download(d, Now());
  BOOST_REQUIRE(std::holds_alternative<DownloadResponse>(r));
  BOOST_CHECK_EQUAL(std::get<DownloadResponse>(r).status, 1);  // TransferComplete follows
  BOOST_REQUIRE(testing::WaitUntil([&] { return !f.manager->Completions().empty(); }));
  TransferCompletion c = f.manager->Completions().front();
  BOOST_CHECK_EQUAL(c.message.command_key, d.command_key);
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(c.message.fault.fault_string, "");
  BOOST_CHECK_EQUAL(std::string(c.method_event), "M Download");
  SysSeconds start, complete;
  BOOST_CHECK(ParseDateTime(c.message.start_time, &start).ok());
  BOOST_CHECK(ParseDateTime(c.message.complete_time, &complete).ok());
  BOOST_CHECK(IsAbsoluteTime(start));
  BOOST_CHECK(complete >= start);
  BOOST_CHECK_EQUAL(testing::ReadFile(f.config.state_dir + "/files/vendor-config/cfg.xml"),
                    content);
  BOOST_CHECK_GE(f.changes.load(), 1);
  BOOST_CHECK_EQUAL(f.manager->GetAllQueuedTransfers().transfer_list.size(), 1u);
  BOOST_CHECK_EQUAL(f.manager->GetAllQueuedTransfers().transfer_list[0].state, 3);
  f.manager->OnAnswered(c.id, true);
  BOOST_CHECK(f.manager->Completions().empty());
  BOOST_CHECK(f.manager->GetAllQueuedTransfers().transfer_list.empty());
}

BOOST_AUTO_TEST_CASE(each_failure_class_has_its_fault) {
  Fixture f;
  f.config.max_file_size = 4096;
  f.Start();
  FileServer open_server;
  FileServer auth_server("fw", "s3cret");
  BOOST_REQUIRE(open_server.Start() && auth_server.Start());
  open_server.Put("/small", std::string(100, 'a'));
  open_server.Put("/big", std::string(10000, 'b'));
  auth_server.Put("/private", "secret file");
  namespace fault = rpc::fault;

  BOOST_CHECK_EQUAL(f.DownloadFault(Dl(open_server.Url("/missing"))), fault::kFileAccessFailure);
  cwmp::Download wrong = Dl(auth_server.Url("/private"));
  wrong.username = "fw";
  wrong.password = "wrong";
  BOOST_CHECK_EQUAL(f.DownloadFault(wrong), fault::kFileTransferAuthFailure);
  cwmp::Download right = wrong;
  right.password = "s3cret";
  BOOST_CHECK_EQUAL(f.DownloadFault(right), 0u);
  // FileSize says more than arrives / less than arrives.
  BOOST_CHECK_EQUAL(
      f.DownloadFault(Dl(open_server.Url("/small"), "3 Vendor Configuration File", 200)),
      fault::kDownloadIncomplete);
  BOOST_CHECK_EQUAL(
      f.DownloadFault(Dl(open_server.Url("/small"), "3 Vendor Configuration File", 50)),
      fault::kFileCorrupted);
  // FileSize 0 (unknown) and the body over the limit; FileSize over the limit is refused at once.
  BOOST_CHECK_EQUAL(f.DownloadFault(Dl(open_server.Url("/big"))), fault::kFileTransferFailure);
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(
                        Dl(open_server.Url("/big"), "3 Vendor Configuration File", 10000), Now())),
                    fault::kResourcesExceeded);
  // Nothing listening.
  std::string dead_url;
  {
    FileServer gone;
    BOOST_REQUIRE(gone.Start());
    dead_url = gone.Url("/x");
  }
  BOOST_CHECK_EQUAL(f.DownloadFault(Dl(dead_url)), fault::kFileServerUnreachable);
}

BOOST_AUTO_TEST_CASE(https_is_verified_against_the_configured_ca) {
  Fixture f;
  testing::TestPki pki;
  std::string error;
  BOOST_REQUIRE(::mkdir(f.dir.File("pki").c_str(), 0700) == 0);
  BOOST_REQUIRE_MESSAGE(testing::GenerateTestPki(f.dir.File("pki"), &pki, &error), error);
  FileServer server("", "", pki.server_cert, pki.server_key);
  BOOST_REQUIRE(server.Start());
  server.Put("/web.tgz", "web content");
  f.config.tls.ca_file = pki.other_ca_cert;
  f.config.tls.verify = false;  // even a config saying so does not turn verification off
  f.Start();
  BOOST_CHECK_EQUAL(f.DownloadFault(Dl(server.Url("/web.tgz"), "2 Web Content")),
                    rpc::fault::kFileServerUnreachable);
  BOOST_CHECK_EQUAL(server.gets(), 0);
  f.config.tls.ca_file = pki.ca_cert;
  f.manager->Reload(f.config);
  BOOST_CHECK_EQUAL(f.DownloadFault(Dl(server.Url("/web.tgz"), "2 Web Content")), 0u);
  BOOST_CHECK_EQUAL(testing::ReadFile(f.config.state_dir + "/files/web-content/web.tgz"),
                    "web content");
}

BOOST_AUTO_TEST_CASE(request_time_faults) {
  Fixture f;
  f.config.max_queued = 2;
  f.Start();
  namespace fault = rpc::fault;
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(Dl("ftp://127.0.0.1/x"), Now())),
                    fault::kUnsupportedTransferProtocol);
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(Dl("file:///etc/passwd"), Now())),
                    fault::kUnsupportedTransferProtocol);
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(Dl("http://127.0.0.1/x", "4 Tone File"), Now())),
                    fault::kFileTransferFailure);
  // Firmware needs a configured handler.
  BOOST_CHECK_EQUAL(
      FaultOf(f.manager->Download(Dl("http://127.0.0.1/x", "1 Firmware Upgrade Image"), Now())),
      fault::kFileTransferFailure);
  cwmp::Download long_key = Dl("http://127.0.0.1/x");
  long_key.command_key = std::string(33, 'k');
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(long_key, Now())), fault::kInvalidArguments);
  cwmp::Upload log;
  log.file_type = "4 Vendor Log File";
  log.url = "https://127.0.0.1/up";
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Upload(log, Now())), fault::kUploadFailure);  // no source
  // Uploads carry the configuration or logs: not over plain http unless allowed.
  cwmp::Upload config = log;
  config.file_type = "3 Vendor Configuration File";
  config.url = "http://127.0.0.1/up";
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Upload(config, Now())), fault::kUnsupportedTransferProtocol);
  log.url = config.url;
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Upload(log, Now())), fault::kUnsupportedTransferProtocol);
  // The queue limit.
  cwmp::Download later = Dl("http://127.0.0.1/later");
  later.delay_seconds = 3600;
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(later, Now())), 0u);
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(later, Now())), 0u);
  BOOST_CHECK_EQUAL(FaultOf(f.manager->Download(later, Now())), fault::kResourcesExceeded);
}

BOOST_AUTO_TEST_CASE(handler_exit_status_maps_to_faults) {
  BOOST_CHECK(HandlerOutcome(0).ok());
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(10)), 9010u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(11)), 9011u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(12)), 9012u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(16)), 9016u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(17)), 9017u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(18)), 9018u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(19)), 9019u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(1)), 9002u);
  BOOST_CHECK_EQUAL(rpc::FaultCodeFor(HandlerOutcome(-1)), 9002u);
  Transfer t;
  t.file_type = "2 Web Content";
  t.command_key = "k'; rm -rf /";
  TempDir dir("edgecwmp-handler");
  // The ACS's strings reach the handler only through the environment.
  BOOST_CHECK_EQUAL(
      RunHandler("test \"$EDGECWMP_COMMAND_KEY\" = \"k'; rm -rf /\" && exit 16; exit 1 #",
                 dir.File("x"), t),
      16);
}

BOOST_AUTO_TEST_CASE(firmware_handler_checks_sha256_and_reports_after_the_reboot) {
  Fixture f;
  FileServer server;
  BOOST_REQUIRE(server.Start());
  const std::string image = "EDGE-FIRMWARE-IMAGE-2.0\n" + std::string(3000, 'z');
  server.Put("/fw.bin", image);
  server.Put("/bad.bin", image + "tampered");
  const std::string script = f.dir.File("install-fw.sh");
  testing::WriteFile(script, "#!/bin/sh\n[ \"$(sha256sum \"$1\" | cut -d' ' -f1)\" = \"" +
                                 testing::Sha256Hex(image) + "\" ] || exit 18\ncp \"$1\" " +
                                 f.dir.File("installed.bin") + "\n");
  f.config.firmware_command = "sh " + script;
  f.Start();
  // A checksum mismatch is 9018 and no reboot.
  BOOST_CHECK_EQUAL(f.DownloadFault(Dl(server.Url("/bad.bin"), "1 Firmware Upgrade Image")),
                    rpc::fault::kFileCorrupted);
  BOOST_CHECK(!f.manager->TakeRebootRequest());

  cwmp::Download d =
      Dl(server.Url("/fw.bin"), "1 Firmware Upgrade Image", static_cast<uint32_t>(image.size()));
  BOOST_REQUIRE(std::holds_alternative<DownloadResponse>(f.manager->Download(d, Now())));
  BOOST_REQUIRE(
      testing::WaitUntil([&] { return f.manager->TakeRebootRequest(); }, std::chrono::seconds(20)));
  BOOST_CHECK_EQUAL(testing::ReadFile(f.dir.File("installed.bin")), image);
  BOOST_CHECK(f.manager->Completions().empty());  // reported after the reboot, not before
  // The "reboot": a new manager on the same state.
  f.manager.reset();
  f.Start();
  auto completions = f.manager->Completions();
  BOOST_REQUIRE_EQUAL(completions.size(), 1u);
  BOOST_CHECK_EQUAL(completions[0].message.command_key, d.command_key);
  BOOST_CHECK_EQUAL(completions[0].message.fault.fault_code, 0u);
  BOOST_CHECK(!f.manager->TakeRebootRequest());
}

BOOST_AUTO_TEST_CASE(upload_sends_exactly_the_file) {
  Fixture f;
  FileServer server("up", "pw");
  BOOST_REQUIRE(server.Start());
  std::string log;
  for (int i = 0; i < 500; ++i) log += "line " + std::to_string(i) + " \t\x01\xff\n";
  testing::WriteFile(f.dir.File("agent.log"), log);
  f.config.upload_log_command = "cp " + f.dir.File("agent.log");
  f.config.allow_plain_http_upload = true;
  f.Start();
  cwmp::Upload u;
  u.command_key = "log-1";
  u.file_type = "4 Vendor Log File";
  u.url = server.Url("/uploads/log.txt");
  u.username = "up";
  u.password = "pw";
  CpeResponse r = f.manager->Upload(u, Now());
  BOOST_REQUIRE(std::holds_alternative<UploadResponse>(r));
  TransferCompletion c = f.Finish();
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(std::string(c.method_event), "M Upload");
  BOOST_CHECK(server.Uploaded("/uploads/log.txt") == log);
  u.password = "bad";
  BOOST_REQUIRE(std::holds_alternative<UploadResponse>(f.manager->Upload(u, Now())));
  BOOST_CHECK_EQUAL(f.Finish().message.fault.fault_code, rpc::fault::kFileTransferAuthFailure);
}

BOOST_AUTO_TEST_CASE(schedule_download_windows_cancel_and_queue_listing) {
  ServedFixture f("/sched.cfg", "scheduled");
  cwmp::ScheduleDownload sd;
  sd.command_key = "sched";
  sd.file_type = "3 Vendor Configuration File";
  sd.url = f.server.Url("/sched.cfg");
  sd.time_window_list = {{0, 3600, "1 At Any Time", "", -1}};
  auto bad = sd;
  bad.time_window_list[0].window_mode = "4 Confirmation Needed";
  BOOST_CHECK_EQUAL(FaultOf(f.manager->ScheduleDownload(bad, Now())), 9003u);
  bad.time_window_list = {{0, 10, "1 At Any Time", "", 0}, {5, 20, "2 Immediately", "", 0}};
  BOOST_CHECK_EQUAL(FaultOf(f.manager->ScheduleDownload(bad, Now())), 9003u);  // overlap
  bad.time_window_list = {{0, 10, "1 At Any Time", "", 0},
                          {20, 30, "1 At Any Time", "", 0},
                          {40, 50, "1 At Any Time", "", 0}};
  BOOST_CHECK_EQUAL(FaultOf(f.manager->ScheduleDownload(bad, Now())), 9003u);  // three
  BOOST_REQUIRE(
      std::holds_alternative<ScheduleDownloadResponse>(f.manager->ScheduleDownload(sd, Now())));
  TransferCompletion c = f.Finish();
  BOOST_CHECK_EQUAL(c.message.fault.fault_code, 0u);
  BOOST_CHECK_EQUAL(std::string(c.method_event), "M ScheduleDownload");

  // A queued download can be cancelled; it is then forgotten without a TransferComplete.
  cwmp::Download later = Dl(f.server.Url("/sched.cfg"));
  later.command_key = "later";
  later.delay_seconds = 3600;
  BOOST_REQUIRE(std::holds_alternative<DownloadResponse>(f.manager->Download(later, Now())));
  cwmp::Upload up;
  up.command_key = "up-later";
  up.file_type = "3 Vendor Configuration File";
  up.url = "https://127.0.0.1/up";  // (plain http uploads are refused by default)
  up.delay_seconds = 3600;
  BOOST_REQUIRE(std::holds_alternative<UploadResponse>(f.manager->Upload(up, Now())));
  auto all = f.manager->GetAllQueuedTransfers().transfer_list;
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_CHECK_EQUAL(all[0].command_key, "later");
  BOOST_CHECK_EQUAL(all[0].state, 1);
  BOOST_CHECK(all[0].is_download);
  BOOST_CHECK_EQUAL(all[0].file_type, "3 Vendor Configuration File");
  BOOST_CHECK(!all[1].is_download);
  BOOST_CHECK_EQUAL(f.manager->GetQueuedTransfers().transfer_list.size(), 1u);  // downloads only
  BOOST_CHECK_EQUAL(FaultOf(f.manager->CancelTransfer({"nope"})), 9003u);
  BOOST_CHECK(std::holds_alternative<CancelTransferResponse>(f.manager->CancelTransfer({"later"})));
  BOOST_CHECK_EQUAL(f.manager->GetAllQueuedTransfers().transfer_list.size(), 1u);
  BOOST_CHECK(f.manager->Completions().empty());
}

BOOST_AUTO_TEST_CASE(completed_transfer_cannot_be_cancelled_and_survives_restart) {
  ServedFixture f("/a", "a");
  cwmp::Download d = Dl(f.server.Url("/a"));
  d.command_key = "persist-me";
  BOOST_REQUIRE(std::holds_alternative<DownloadResponse>(f.manager->Download(d, Now())));
  BOOST_REQUIRE(testing::WaitUntil([&] { return !f.manager->Completions().empty(); }));
  BOOST_CHECK_EQUAL(FaultOf(f.manager->CancelTransfer({"persist-me"})), 9021u);
  f.manager.reset();
  f.Start();
  auto c = f.manager->Completions();
  BOOST_REQUIRE_EQUAL(c.size(), 1u);
  BOOST_CHECK_EQUAL(c[0].message.command_key, "persist-me");
  // The ACS refused the TransferComplete (a Fault, as GenieACS answers what it does not know):
  // dropped for good, not retried forever.
  f.manager->OnAnswered(c[0].id, false);
  BOOST_CHECK(f.manager->Completions().empty());
  f.manager.reset();
  f.Start();
  BOOST_CHECK(f.manager->Completions().empty());
}

BOOST_AUTO_TEST_CASE(interrupted_and_missed_transfers_are_reported_as_failed) {
  TempDir dir("edgecwmp-tq");
  {
    TransferQueue q;
    BOOST_REQUIRE(q.Open(dir.path()).ok());
    Transfer t;
    t.command_key = "cut";
    t.file_type = "3 Vendor Configuration File";
    t.url = "http://127.0.0.1/x";
    t.password = "tab\tand\nnewline";
    t.state = TransferState::kInProgress;
    BOOST_REQUIRE(q.Add(t).ok());
    Transfer s = t;
    s.command_key = "window";
    s.kind = TransferKind::kScheduleDownload;
    s.state = TransferState::kQueued;
    s.windows = {{Now() - 100, Now() - 50, "1 At Any Time"}};
    BOOST_REQUIRE(q.Add(s).ok());
  }
  TransferConfig config;
  config.state_dir = dir.path();
  TransferManager m(config, nullptr);
  BOOST_REQUIRE(m.Start().ok());
  BOOST_REQUIRE(testing::WaitUntil([&] { return m.Completions().size() == 2; }));
  auto c = m.Completions();
  BOOST_CHECK_EQUAL(c[0].message.command_key, "cut");
  BOOST_CHECK_EQUAL(c[0].message.fault.fault_code, rpc::fault::kDownloadIncomplete);
  BOOST_CHECK_EQUAL(c[1].message.command_key, "window");
  BOOST_CHECK_EQUAL(c[1].message.fault.fault_code, rpc::fault::kTimeWindowsExceeded);
}

}  // namespace
}  // namespace edgecwmp::cwmp
