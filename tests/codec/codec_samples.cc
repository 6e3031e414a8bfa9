// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/codec/codec_samples.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace edgecwmp::cwmp::testing {

namespace {

std::vector<ParameterValueStruct> Values() {
  return {
      {"Device.DeviceInfo.UpTime", "1234", "xsd:unsignedInt"},
      {"Device.ManagementServer.PeriodicInformEnable", "true", "xsd:boolean"},
      {"Device.ManagementServer.PeriodicInformTime", "2026-01-01T00:00:00.000Z", "xsd:dateTime"},
      {"Device.DeviceInfo.Description", "Gateway \xC3\xA9\xE2\x82\xAC <&>", "xsd:string"}};
}

}  // namespace

std::vector<AcsRequest> SampleAcsRequests() {
  SetParameterValues spv{Values(), "key-1"};
  GetParameterValues gpv{{"Device.DeviceInfo.", "Device.ManagementServer.URL"}};
  GetParameterNames gpn{"Device.", true};
  SetParameterAttributesStruct spa_struct{
      "Device.DeviceInfo.SoftwareVersion", true, 2, true, {"Subscriber"}};
  SetParameterAttributes spa{{spa_struct}};
  GetParameterAttributes gpa{{"Device.DeviceInfo.SoftwareVersion"}};
  Download download{
      "ck", "1 Firmware Upgrade Image", "http://127.0.0.1/fw.bin", "u", "p", 20, "", 5, "", ""};
  Upload upload{"ck", "1 Vendor Configuration File", "http://127.0.0.1/up", "", "", 0};
  ScheduleInform si{60, "ck"};
  SetVouchers sv{{"SGVsbG8="}};
  GetOptions go{"Option"};
  CancelTransfer ct{"ck"};
  ScheduleDownload sd{
      "ck", "1 Firmware Upgrade Image",          "http://127.0.0.1/fw.bin", "", "", 20,
      "",   {{0, 3600, "1 At Any Time", "", -1}}};
  ChangeDUState cds;
  cds.operations.emplace_back(InstallOpStruct{"http://127.0.0.1/du.ipk", "", "", "", ""});
  cds.operations.emplace_back(
      UpdateOpStruct{"c3b7b1a0-0000-4000-8000-000000000001", "2.0", "", "", ""});
  cds.operations.emplace_back(UninstallOpStruct{"c3b7b1a0-0000-4000-8000-000000000002", "", ""});
  cds.command_key = "ck";
  return {GetRPCMethods{},
          spv,
          gpv,
          gpn,
          spa,
          gpa,
          AddObject{"Device.IP.Interface.", "k"},
          DeleteObject{"Device.IP.Interface.2.", "k"},
          Reboot{"ck"},
          download,
          upload,
          FactoryReset{},
          GetQueuedTransfers{},
          GetAllQueuedTransfers{},
          si,
          sv,
          go,
          ct,
          sd,
          cds};
}

std::vector<AcsResponse> SampleAcsResponses() {
  Fault fault{8005, "Retry request", {}};
  return {InformResponse{1},
          GetRPCMethodsResponse{{"Inform", "GetRPCMethods", "TransferComplete"}},
          TransferCompleteResponse{},
          AutonomousTransferCompleteResponse{},
          DUStateChangeCompleteResponse{},
          AutonomousDUStateChangeCompleteResponse{},
          RequestDownloadResponse{},
          fault};
}

std::vector<CpeRequest> SampleCpeRequests() {
  Inform inform;
  inform.device_id = {"EdgeCo", "00D0B7", "EdgeGW", "VEC0001"};
  inform.event = {{"0 BOOTSTRAP", ""}, {"M Download", "ck"}};
  inform.current_time = "2026-11-25T03:58:15Z";
  inform.retry_count = 2;
  inform.parameter_list = Values();
  TransferComplete tc{
      "ck", {9010, "Download failed"}, "2026-11-25T04:00:00Z", "2026-11-25T04:00:05.250+01:00"};
  AutonomousTransferComplete atc;
  atc.transfer_url = "http://127.0.0.1/fw.bin";
  atc.file_type = "1 Firmware Upgrade Image";
  atc.file_size = 20;
  OpResultStruct result;
  result.uuid = "c3b7b1a0-0000-4000-8000-000000000001";
  result.deployment_unit_ref = "Device.SoftwareModules.DeploymentUnit.1";
  result.version = "1.0";
  result.current_state = "Installed";
  result.execution_unit_ref_list = "Device.SoftwareModules.ExecutionUnit.1";
  DUStateChangeComplete dscc{{result}, "ck"};
  AutonomousOpResultStruct auto_result;
  static_cast<OpResultStruct&>(auto_result) = result;
  auto_result.operation_performed = "Install";
  AutonomousDUStateChangeComplete adscc{{auto_result}};
  RequestDownload rd{"1 Firmware Upgrade Image", {{"Version", "2.0"}}};
  return {inform, GetRPCMethods{}, tc, atc, dscc, adscc, rd};
}

std::vector<CpeResponse> SampleCpeResponses() {
  GetParameterNamesResponse gpn{
      {{"Device.DeviceInfo.", false}, {"Device.Time.LocalTimeZone", true}}};
  GetParameterAttributesResponse gpa{{{"Device.DeviceInfo.SoftwareVersion", 2, {"Subscriber"}}}};
  GetQueuedTransfersResponse gqt{{{"ck", 2}}};
  GetAllQueuedTransfersResponse gaqt{{{"ck", 1, true, "1 Firmware Upgrade Image", 20, ""}}};
  Fault fault{9003,
              "Invalid arguments",
              {{"Device.Time.LocalTimeZone", 9007, "Invalid value"},
               {"Device.DeviceInfo.UpTime", 9008, "Not writable"}}};
  return {GetRPCMethodsResponse{{"GetRPCMethods", "GetParameterValues"}},
          SetParameterValuesResponse{1},
          GetParameterValuesResponse{Values()},
          gpn,
          SetParameterAttributesResponse{},
          gpa,
          AddObjectResponse{3, 0},
          DeleteObjectResponse{0},
          RebootResponse{},
          DownloadResponse{0, "2026-11-25T04:00:00Z", "2026-11-25T04:00:05Z"},
          UploadResponse{},
          FactoryResetResponse{},
          gqt,
          gaqt,
          ScheduleInformResponse{},
          SetVouchersResponse{},
          GetOptionsResponse{},
          CancelTransferResponse{},
          ScheduleDownloadResponse{},
          ChangeDUStateResponse{},
          fault};
}

std::string SharedDir() {
  const char* dir = std::getenv("EDGECWMP_SHARED_DIR");
  if (!dir) throw std::runtime_error("EDGECWMP_SHARED_DIR is not set");
  return dir;
}

std::string SourceDir() {
  const char* dir = std::getenv("EDGECWMP_SOURCE_DIR");
  if (!dir) throw std::runtime_error("EDGECWMP_SOURCE_DIR is not set");
  return dir;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> RecordedXml(const char* who) {
  std::vector<std::string> out;
  const std::string marker = std::string("-") + who + "-";
  for (const auto& e : std::filesystem::directory_iterator(SharedDir() + "/interop/genieacs")) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".xml" && name.find(marker) != std::string::npos) {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace edgecwmp::cwmp::testing
