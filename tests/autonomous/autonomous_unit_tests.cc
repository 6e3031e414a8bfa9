// SPDX-License-Identifier: GPL-2.0-or-later
// The pieces of autonomous reporting that need no daemon: the ACS's policies
// (cwmp/agent/autonomous_policy.h) read from the real tr181/device.xml model and applied to
// completions, what the ACS listed in GetRPCMethods (cwmp/agent/acs_methods.h), and the local
// request files cwmpctl writes for cwmpd (cwmp/agent/local_requests.h).
#define BOOST_TEST_MODULE autonomous_unit_tests
#include <sys/stat.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "cwmp/agent/acs_methods.h"
#include "cwmp/agent/agent_state.h"
#include "cwmp/agent/autonomous_policy.h"
#include "cwmp/agent/local_requests.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait_until.h"
#include "tests/tr181/test_support.h"

namespace edgecwmp::cwmp {
namespace {

constexpr const char* kAtcPolicy = "Device.ManagementServer.AutonomousTransferCompletePolicy.";
constexpr const char* kDuPolicy = "Device.ManagementServer.DUStateChangeComplPolicy.";

AutonomousTransferComplete Transfer(bool download, const std::string& file_type, uint32_t fault) {
  AutonomousTransferComplete c;
  c.is_download = download;
  c.file_type = file_type;
  c.fault.fault_code = fault;
  return c;
}

AutonomousOpResultStruct DuResult(const std::string& operation, uint32_t fault) {
  AutonomousOpResultStruct r;
  r.operation_performed = operation;
  r.fault.fault_code = fault;
  return r;
}

BOOST_AUTO_TEST_CASE(policies_are_off_by_default_and_report_everything_once_enabled) {
  tr181::testing::Device2Fixture device;
  dm::DataModel& model = device.model();
  TransferReportPolicy t = ReadTransferReportPolicy(model);
  BOOST_CHECK(!t.enable);
  BOOST_CHECK(!Reports(t, Transfer(true, "1 Firmware Upgrade Image", 0)));
  DuReportPolicy d = ReadDuReportPolicy(model);
  BOOST_CHECK(!d.enable);
  BOOST_CHECK(!Reports(d, DuResult("Install", 0)));

  BOOST_REQUIRE(model.SetValue(std::string(kAtcPolicy) + "Enable", "true").ok());
  BOOST_REQUIRE(model.SetValue(std::string(kDuPolicy) + "Enable", "1").ok());
  t = ReadTransferReportPolicy(model);
  d = ReadDuReportPolicy(model);
  for (const char* type : {"1 Firmware Upgrade Image", "2 Web Content",
                           "3 Vendor Configuration File", "X 02EDC0 EdgeX Service Configuration"}) {
    BOOST_CHECK_MESSAGE(Reports(t, Transfer(true, type, 0)), type);
    BOOST_CHECK_MESSAGE(Reports(t, Transfer(true, type, 9010)), type);
  }
  BOOST_CHECK(Reports(t, Transfer(false, "4 Vendor Log File", 0)));
  BOOST_CHECK(!Reports(t, Transfer(true, "X 001122 Something Else", 0)));
  for (const char* op : {"Install", "Update", "Uninstall"}) {
    BOOST_CHECK_MESSAGE(Reports(d, DuResult(op, 0)), op);
    BOOST_CHECK_MESSAGE(Reports(d, DuResult(op, 9028)), op);
  }
  // 9002 is not in TR-181's FaultCodeFilter enumeration: never reported.
  BOOST_CHECK(!Reports(d, DuResult("Install", 9002)));
}

BOOST_AUTO_TEST_CASE(transfer_filters_follow_tr181) {
  TransferReportPolicy p;
  p.enable = true;
  p.file_types = {"3 Vendor Configuration File", "1 Firmware Upgrade Image"};
  BOOST_CHECK(Reports(p, Transfer(true, "1 Firmware Upgrade Image", 0)));
  BOOST_CHECK(!Reports(p, Transfer(true, "2 Web Content", 0)));
  // An Upload's instance number (TR-069 A.4.1.5) does not hide the type; other suffixes do.
  BOOST_CHECK(Reports(p, Transfer(false, "3 Vendor Configuration File 2", 0)));
  BOOST_CHECK(!Reports(p, Transfer(false, "3 Vendor Configuration File x", 0)));
  BOOST_CHECK(!Reports(p, Transfer(false, "3 Vendor Configuration Files", 0)));

  p.transfer_type = "Upload";
  BOOST_CHECK(!Reports(p, Transfer(true, "1 Firmware Upgrade Image", 0)));
  BOOST_CHECK(Reports(p, Transfer(false, "3 Vendor Configuration File", 0)));
  p.transfer_type = "Download";
  BOOST_CHECK(!Reports(p, Transfer(false, "3 Vendor Configuration File", 0)));

  p.transfer_type = "Both";
  p.result_type = "Failure";
  BOOST_CHECK(!Reports(p, Transfer(true, "1 Firmware Upgrade Image", 0)));
  BOOST_CHECK(Reports(p, Transfer(true, "1 Firmware Upgrade Image", 9016)));
  p.result_type = "Success";
  BOOST_CHECK(Reports(p, Transfer(true, "1 Firmware Upgrade Image", 0)));
  BOOST_CHECK(!Reports(p, Transfer(true, "1 Firmware Upgrade Image", 9016)));

  p.result_type = "Both";
  p.file_types.clear();  // TR-181: types omitted from the list MUST NOT be reported
  BOOST_CHECK(!Reports(p, Transfer(true, "1 Firmware Upgrade Image", 0)));
}

BOOST_AUTO_TEST_CASE(du_filters_follow_tr181) {
  DuReportPolicy p;
  p.enable = true;
  p.operations = {"Install", "Uninstall"};
  p.fault_codes = {9028};
  BOOST_CHECK(Reports(p, DuResult("Install", 0)));
  BOOST_CHECK(!Reports(p, DuResult("Update", 0)));
  BOOST_CHECK(Reports(p, DuResult("Uninstall", 9028)));
  BOOST_CHECK(!Reports(p, DuResult("Uninstall", 9029)));
  p.result_type = "Success";
  BOOST_CHECK(!Reports(p, DuResult("Uninstall", 9028)));
  p.result_type = "Failure";
  BOOST_CHECK(!Reports(p, DuResult("Install", 0)));
  p.result_type = "Both";
  p.fault_codes.clear();  // "empty means that failed autonomous state changes will not be sent"
  BOOST_CHECK(!Reports(p, DuResult("Uninstall", 9028)));
  BOOST_CHECK(Reports(p, DuResult("Uninstall", 0)));

  AutonomousDUStateChangeComplete c;
  c.results = {DuResult("Install", 0), DuResult("Update", 0), DuResult("Uninstall", 9028)};
  c.results[0].uuid = "a";
  AutonomousDUStateChangeComplete kept = Filter(p, c);
  BOOST_REQUIRE_EQUAL(kept.results.size(), 1u);
  BOOST_CHECK_EQUAL(kept.results[0].uuid, "a");
  p.enable = false;
  BOOST_CHECK(Filter(p, c).results.empty());
}

BOOST_AUTO_TEST_CASE(local_requests_round_trip) {
  LocalRequest download;
  download.transfer.is_download = true;
  download.transfer.url = "https://127.0.0.1:8443/fw.bin";
  download.transfer.file_type = "1 Firmware Upgrade Image";
  download.transfer.target_file_name = "fw.bin";
  download.transfer.file_size = 1234;
  download.transfer.username = "u";
  download.transfer.password = "p";
  LocalRequest back;
  BOOST_REQUIRE(DecodeLocalRequest(EncodeLocalRequest(download), &back).ok());
  BOOST_CHECK(back.kind == LocalRequestKind::kTransfer);
  BOOST_CHECK(back.transfer.is_download);
  BOOST_CHECK_EQUAL(back.transfer.url, download.transfer.url);
  BOOST_CHECK_EQUAL(back.transfer.file_type, download.transfer.file_type);
  BOOST_CHECK_EQUAL(back.transfer.target_file_name, "fw.bin");
  BOOST_CHECK_EQUAL(back.transfer.file_size, 1234u);
  BOOST_CHECK_EQUAL(back.transfer.password, "p");

  LocalRequest update;
  update.kind = LocalRequestKind::kDuChange;
  update.operation = UpdateOpStruct{"6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b", "2.0",
                                    "http://127.0.0.1/x.json", "", ""};
  BOOST_REQUIRE(DecodeLocalRequest(EncodeLocalRequest(update), &back).ok());
  BOOST_CHECK(back.kind == LocalRequestKind::kDuChange);
  const auto* u = std::get_if<UpdateOpStruct>(&back.operation);
  BOOST_REQUIRE(u != nullptr);
  BOOST_CHECK_EQUAL(u->uuid, "6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b");
  BOOST_CHECK_EQUAL(u->version, "2.0");

  LocalRequest get;
  get.kind = LocalRequestKind::kGet;
  get.names = {"Device.DeviceInfo.", "Device.ManagementServer.URL"};
  BOOST_REQUIRE(DecodeLocalRequest(EncodeLocalRequest(get), &back).ok());
  BOOST_CHECK(back.kind == LocalRequestKind::kGet);
  BOOST_CHECK(back.names == get.names);

  LocalRequest set;
  set.kind = LocalRequestKind::kSet;
  set.values = {{"Device.DeviceInfo.ProvisioningCode", "P \"1\""}, {"Device.X.Y", ""}};
  BOOST_REQUIRE(DecodeLocalRequest(EncodeLocalRequest(set), &back).ok());
  BOOST_CHECK(back.kind == LocalRequestKind::kSet);
  BOOST_CHECK(back.values == set.values);

  for (LocalRequestKind kind : {LocalRequestKind::kInform, LocalRequestKind::kStatus}) {
    LocalRequest bare;
    bare.kind = kind;
    BOOST_REQUIRE(DecodeLocalRequest(EncodeLocalRequest(bare), &back).ok());
    BOOST_CHECK(back.kind == kind);
  }

  for (const char* bad : {"{\"kind\": \"get\"}", "{\"kind\": \"get\", \"names\": [1]}",
                          "{\"kind\": \"get\", \"names\": \"Device.\"}", "{\"kind\": \"set\"}",
                          "{\"kind\": \"set\", \"values\": [{\"name\": \"Device.X\"}]}",
                          "{\"kind\": \"set\", \"values\": [{\"name\": \"X\", \"value\": 1}]}"}) {
    BOOST_CHECK_MESSAGE(DecodeLocalRequest(bad, &back).code() == Error::kInvalidArguments, bad);
  }

  for (const char* bad : {"", "[]", "{\"kind\": \"format\"}", "{\"kind\": \"download\"}",
                          "{\"kind\": \"download\", \"url\": \"http://127.0.0.1/\", "
                          "\"file_type\": \"2 Web Content\", \"file_size\": \"12\"}",
                          "{\"kind\": \"uninstall\"}", "{\"kind\": 3}", "{\"kind\": \"install\""}) {
    BOOST_CHECK_MESSAGE(DecodeLocalRequest(bad, &back).code() == Error::kInvalidArguments, bad);
  }
}

BOOST_AUTO_TEST_CASE(the_request_directory_queues_in_order_and_ends_requests) {
  testing::TempDir dir("edgecwmp-local-requests");
  std::atomic<int> wakes{0};
  LocalRequestWatcher watcher(dir.path(), [&] { ++wakes; });
  BOOST_REQUIRE(watcher.Start().ok());

  LocalRequest r;
  r.transfer.url = "http://127.0.0.1/a";
  r.transfer.file_type = "2 Web Content";
  std::string first, second;
  BOOST_REQUIRE(SubmitLocalRequest(dir.path(), r, &first).ok());
  r.transfer.url = "http://127.0.0.1/b";
  BOOST_REQUIRE(SubmitLocalRequest(dir.path(), r, &second).ok());
  BOOST_CHECK(testing::WaitUntil([&] { return wakes.load() > 0; }));
  // Credentials may be inside: only the owner may enter the directory.
  struct stat st {};
  BOOST_REQUIRE_EQUAL(::stat(LocalRequestDir(dir.path()).c_str(), &st), 0);
  BOOST_CHECK_EQUAL(st.st_mode & 0777, 0700u);
  testing::WriteFile(LocalRequestDir(dir.path()) + "/zz-broken.json", "{nope");
  testing::WriteFile(LocalRequestDir(dir.path()) + "/ignored.json.tmp", "{}");

  auto pending = PendingLocalRequests(dir.path());
  BOOST_REQUIRE_EQUAL(pending.size(), 3u);
  BOOST_CHECK_EQUAL(pending[0].name, first);
  BOOST_CHECK_EQUAL(pending[0].request.transfer.url, "http://127.0.0.1/a");
  BOOST_CHECK_EQUAL(pending[1].name, second);
  BOOST_CHECK(pending[0].decoded.ok() && pending[1].decoded.ok());
  BOOST_CHECK(!pending[2].decoded.ok());

  std::string reason;
  BOOST_CHECK(LocalRequestStatus(dir.path(), first, &reason) == LocalRequestState::kWaiting);
  FinishLocalRequest(dir.path(), first, "");
  FinishLocalRequest(dir.path(), second, "9013 Unsupported protocol for file transfer");
  BOOST_CHECK(LocalRequestStatus(dir.path(), first, &reason) == LocalRequestState::kTaken);
  BOOST_CHECK(LocalRequestStatus(dir.path(), second, &reason) == LocalRequestState::kRejected);
  BOOST_CHECK_EQUAL(reason, "9013 Unsupported protocol for file transfer");
  BOOST_CHECK_EQUAL(PendingLocalRequests(dir.path()).size(), 1u);  // the broken one
  // A rejection is read once.
  BOOST_CHECK(LocalRequestStatus(dir.path(), second, &reason) == LocalRequestState::kTaken);
}

BOOST_AUTO_TEST_CASE(an_answered_request_leaves_its_reply_until_read) {
  testing::TempDir dir("edgecwmp-local-requests");
  LocalRequest status;
  status.kind = LocalRequestKind::kStatus;
  std::string name;
  BOOST_REQUIRE(SubmitLocalRequest(dir.path(), status, &name).ok());
  FinishLocalRequest(dir.path(), name, "", "{\"acs_url\": \"http://127.0.0.1/\"}\n");
  // The reply is not a request the daemon would take again.
  BOOST_CHECK(PendingLocalRequests(dir.path()).empty());
  std::string reply;
  BOOST_CHECK(LocalRequestStatus(dir.path(), name, &reply) == LocalRequestState::kAnswered);
  BOOST_CHECK_EQUAL(reply, "{\"acs_url\": \"http://127.0.0.1/\"}\n");
  BOOST_CHECK(LocalRequestStatus(dir.path(), name, &reply) == LocalRequestState::kTaken);
}

BOOST_AUTO_TEST_CASE(optional_requests_go_only_where_the_acs_listed_them) {
  testing::TempDir dir;
  const std::string genieacs = "http://acs.example/", other = "https://acs2.example/cwmp";
  {
    AgentState state;
    BOOST_REQUIRE(state.Open(dir.path()).ok());
    BOOST_CHECK(!AcsMethodsKnown(state, genieacs));
    BOOST_CHECK(AcsSupports(state, genieacs, "AutonomousTransferComplete") == AcsSupport::kUnknown);
    BOOST_CHECK(AcsSupports(state, genieacs, "TransferComplete") == AcsSupport::kListed);
    BOOST_REQUIRE(
        RecordAcsMethods(&state, genieacs, {"Inform", "GetRPCMethods", "TransferComplete"}).ok());
    BOOST_REQUIRE(RecordAcsMethods(&state, other, {}).ok());  // a fault: required ones only
  }
  AgentState state;  // as after a restart
  BOOST_REQUIRE(state.Open(dir.path()).ok());
  BOOST_CHECK(AcsMethodsKnown(state, genieacs));
  for (const char* method :
       {"AutonomousTransferComplete", "AutonomousDUStateChangeComplete", "RequestDownload"}) {
    BOOST_CHECK(AcsSupports(state, genieacs, method) == AcsSupport::kNotListed);
    BOOST_CHECK(AcsSupports(state, other, method) == AcsSupport::kNotListed);
  }
  BOOST_CHECK(AcsSupports(state, genieacs, "GetRPCMethods") == AcsSupport::kListed);
  BOOST_CHECK(AcsSupports(state, other, "DUStateChangeComplete") == AcsSupport::kListed);
  BOOST_CHECK(AcsMethodsKnown(state, other));
  BOOST_CHECK(!AcsMethodsKnown(state, "http://acs3.example/"));
}

}  // namespace
}  // namespace edgecwmp::cwmp
