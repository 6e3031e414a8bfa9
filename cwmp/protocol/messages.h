// SPDX-License-Identifier: GPL-2.0-or-later
// The CWMP messages (TR-069 Amendment 6, Annex A) as plain C++ values: the vocabulary shared by
// the codec (cwmp/protocol/codec.h, which maps them to and from SOAP with gSOAP), the session
// engine and the RPC handlers (rpc/). Nothing here knows XML. Times are kept as the dateTime text.
#ifndef EDGECWMP_CWMP_PROTOCOL_MESSAGES_H_
#define EDGECWMP_CWMP_PROTOCOL_MESSAGES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace edgecwmp::cwmp {

// urn:dslforum-org:cwmp-1-<minor>
enum class Version : uint8_t { k1_0 = 0, k1_1 = 1, k1_2 = 2, k1_3 = 3, k1_4 = 4 };
const char* VersionNamespace(Version v);  // "urn:dslforum-org:cwmp-1-2"
const char* VersionName(Version v);       // "1.2"

inline constexpr const char* kUnknownTime = "0001-01-01T00:00:00Z";

// ---- Shared structures -----------------------------------------------------------------------

struct ParameterValueStruct {
  std::string name;
  std::string value;
  std::string type = "xsd:string";  // xsi:type as on the wire, e.g. "xsd:unsignedInt"
};

struct ParameterInfoStruct {
  std::string name;
  bool writable = false;
};

struct ParameterAttributeStruct {
  std::string name;
  int notification = 0;
  std::vector<std::string> access_list;
};

struct SetParameterAttributesStruct {
  std::string name;
  bool notification_change = false;
  int notification = 0;
  bool access_list_change = false;
  std::vector<std::string> access_list;
};

struct DeviceIdStruct {
  std::string manufacturer, oui, product_class, serial_number;
};

struct EventStruct {
  std::string event_code;  // "0 BOOTSTRAP", "M Reboot", ...
  std::string command_key;
};

struct FaultStruct {
  uint32_t fault_code = 0;  // 0 = success
  std::string fault_string;
};

// ---- ACS → CPE requests (A.3.2, A.3.3, A.4.1) --------------------------------------------------

struct GetRPCMethods {};
struct SetParameterValues {
  std::vector<ParameterValueStruct> parameter_list;
  std::string parameter_key;
};
struct GetParameterValues {
  std::vector<std::string> parameter_names;
};
struct GetParameterNames {
  std::string parameter_path;
  bool next_level = false;
};
struct SetParameterAttributes {
  std::vector<SetParameterAttributesStruct> parameter_list;
};
struct GetParameterAttributes {
  std::vector<std::string> parameter_names;
};
struct AddObject {
  std::string object_name;
  std::string parameter_key;
};
struct DeleteObject {
  std::string object_name;
  std::string parameter_key;
};
struct Reboot {
  std::string command_key;
};
struct Download {
  std::string command_key, file_type, url, username, password;
  uint32_t file_size = 0;
  std::string target_file_name;
  uint32_t delay_seconds = 0;
  std::string success_url, failure_url;
};
struct Upload {
  std::string command_key, file_type, url, username, password;
  uint32_t delay_seconds = 0;
};
struct FactoryReset {};
struct GetQueuedTransfers {};
struct GetAllQueuedTransfers {};
struct ScheduleInform {
  uint32_t delay_seconds = 0;
  std::string command_key;
};
struct SetVouchers {
  std::vector<std::string> voucher_list;
};  // base64 text
struct GetOptions {
  std::string option_name;
};
struct CancelTransfer {
  std::string command_key;
};
struct TimeWindowStruct {
  uint32_t window_start = 0, window_end = 0;
  // "1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation Needed"
  std::string window_mode;
  std::string user_message;
  int32_t max_retries = 0;
};
struct ScheduleDownload {
  std::string command_key, file_type, url, username, password;
  uint32_t file_size = 0;
  std::string target_file_name;
  std::vector<TimeWindowStruct> time_window_list;
};
struct InstallOpStruct {
  std::string url, uuid, username, password, execution_env_ref;
};
struct UpdateOpStruct {
  std::string uuid, version, url, username, password;
};
struct UninstallOpStruct {
  std::string uuid, version, execution_env_ref;
};
using DUOperation = std::variant<InstallOpStruct, UpdateOpStruct, UninstallOpStruct>;
struct ChangeDUState {
  std::vector<DUOperation> operations;
  std::string command_key;
};

using AcsRequest =
    std::variant<GetRPCMethods, SetParameterValues, GetParameterValues, GetParameterNames,
                 SetParameterAttributes, GetParameterAttributes, AddObject, DeleteObject, Reboot,
                 Download, Upload, FactoryReset, GetQueuedTransfers, GetAllQueuedTransfers,
                 ScheduleInform, SetVouchers, GetOptions, CancelTransfer, ScheduleDownload,
                 ChangeDUState>;

// ---- CPE → ACS responses -----------------------------------------------------------------------

struct GetRPCMethodsResponse {
  std::vector<std::string> method_list;
};
struct SetParameterValuesResponse {
  int status = 0;
};
struct GetParameterValuesResponse {
  std::vector<ParameterValueStruct> parameter_list;
};
struct GetParameterNamesResponse {
  std::vector<ParameterInfoStruct> parameter_list;
};
struct SetParameterAttributesResponse {};
struct GetParameterAttributesResponse {
  std::vector<ParameterAttributeStruct> parameter_list;
};
struct AddObjectResponse {
  uint32_t instance_number = 0;
  int status = 0;
};
struct DeleteObjectResponse {
  int status = 0;
};
struct RebootResponse {};
struct DownloadResponse {
  int status = 1;  // 0 done, 1 not yet (TransferComplete follows)
  std::string start_time = kUnknownTime, complete_time = kUnknownTime;
};
struct UploadResponse {
  int status = 1;
  std::string start_time = kUnknownTime, complete_time = kUnknownTime;
};
struct FactoryResetResponse {};
struct QueuedTransferStruct {
  std::string command_key;
  int state = 1;  // 1 not yet started, 2 in progress, 3 completed
};
struct GetQueuedTransfersResponse {
  std::vector<QueuedTransferStruct> transfer_list;
};
struct AllQueuedTransferStruct {
  std::string command_key;
  int state = 1;
  bool is_download = true;
  std::string file_type;
  uint32_t file_size = 0;
  std::string target_file_name;
};
struct GetAllQueuedTransfersResponse {
  std::vector<AllQueuedTransferStruct> transfer_list;
};
struct ScheduleInformResponse {};
struct SetVouchersResponse {};
struct GetOptionsResponse {};  // options are not supported: the list is always empty
struct CancelTransferResponse {};
struct ScheduleDownloadResponse {};
struct ChangeDUStateResponse {};

struct SetParameterValuesFaultStruct {
  std::string parameter_name;
  uint32_t fault_code = 0;
  std::string fault_string;
};
// A CWMP fault (A.5): the SOAP Fault whose detail is cwmp:Fault. Used in both directions.
struct Fault {
  uint32_t fault_code = 0;
  std::string fault_string;
  std::vector<SetParameterValuesFaultStruct> set_parameter_values_faults;
  // SOAP faultcode: "Client" for 9000–9799 caused by the request itself, "Server" otherwise.
  bool client_fault() const {
    return fault_code != 8002 && fault_code != 9002 && fault_code != 9004;
  }
};

using CpeResponse =
    std::variant<GetRPCMethodsResponse, SetParameterValuesResponse, GetParameterValuesResponse,
                 GetParameterNamesResponse, SetParameterAttributesResponse,
                 GetParameterAttributesResponse, AddObjectResponse, DeleteObjectResponse,
                 RebootResponse, DownloadResponse, UploadResponse, FactoryResetResponse,
                 GetQueuedTransfersResponse, GetAllQueuedTransfersResponse, ScheduleInformResponse,
                 SetVouchersResponse, GetOptionsResponse, CancelTransferResponse,
                 ScheduleDownloadResponse, ChangeDUStateResponse, Fault>;

// ---- CPE → ACS requests (A.3.3) ----------------------------------------------------------------

struct Inform {
  DeviceIdStruct device_id;
  std::vector<EventStruct> event;
  uint32_t max_envelopes = 1;
  std::string current_time;
  uint32_t retry_count = 0;
  std::vector<ParameterValueStruct> parameter_list;
};
struct TransferComplete {
  std::string command_key;
  FaultStruct fault;
  std::string start_time = kUnknownTime, complete_time = kUnknownTime;
};
struct AutonomousTransferComplete {
  std::string announce_url, transfer_url;
  bool is_download = true;
  std::string file_type;
  uint32_t file_size = 0;
  std::string target_file_name;
  FaultStruct fault;
  std::string start_time = kUnknownTime, complete_time = kUnknownTime;
};
struct OpResultStruct {
  std::string uuid, deployment_unit_ref, version, current_state;  // Installed|Uninstalled|Failed
  bool resolved = true;
  std::string execution_unit_ref_list;  // comma-separated paths
  std::string start_time = kUnknownTime, complete_time = kUnknownTime;
  FaultStruct fault;
};
struct DUStateChangeComplete {
  std::vector<OpResultStruct> results;
  std::string command_key;
};
struct AutonomousOpResultStruct : OpResultStruct {
  std::string operation_performed;  // Install|Update|Uninstall
};
struct AutonomousDUStateChangeComplete {
  std::vector<AutonomousOpResultStruct> results;
};
struct RequestDownload {
  std::string file_type;
  std::vector<std::pair<std::string, std::string>> file_type_arg;
};

using CpeRequest =
    std::variant<Inform, GetRPCMethods, TransferComplete, AutonomousTransferComplete,
                 DUStateChangeComplete, AutonomousDUStateChangeComplete, RequestDownload>;

// ---- ACS → CPE responses -----------------------------------------------------------------------

struct InformResponse {
  uint32_t max_envelopes = 1;
};
struct TransferCompleteResponse {};
struct AutonomousTransferCompleteResponse {};
struct DUStateChangeCompleteResponse {};
struct AutonomousDUStateChangeCompleteResponse {};
struct RequestDownloadResponse {};

using AcsResponse =
    std::variant<InformResponse, GetRPCMethodsResponse, TransferCompleteResponse,
                 AutonomousTransferCompleteResponse, DUStateChangeCompleteResponse,
                 AutonomousDUStateChangeCompleteResponse, RequestDownloadResponse, Fault>;

// ---- Envelope ----------------------------------------------------------------------------------

struct Header {
  std::optional<std::string> id;                       // cwmp:ID (mustUnderstand="1")
  std::optional<bool> hold_requests;                   // cwmp:HoldRequests
  std::optional<bool> no_more_requests;                // cwmp:NoMoreRequests (deprecated)
  std::optional<uint32_t> session_timeout;             // cwmp:SessionTimeout (1-4)
  std::optional<std::string> supported_cwmp_versions;  // "1.0,1.1,1.2,1.3,1.4"
  std::optional<std::string> use_cwmp_version;
};

// Whatever the ACS may send in an HTTP response body.
using AcsBody = std::variant<AcsRequest, AcsResponse>;
struct AcsEnvelope {
  Version version = Version::k1_0;
  Header header;
  AcsBody body;
};

// Whatever the CPE may send in an HTTP request body.
using CpeBody = std::variant<CpeRequest, CpeResponse>;
struct CpeEnvelope {
  Version version = Version::k1_0;
  Header header;
  CpeBody body;
};

// Every CWMP message struct above except Fault, once: X(Name) for each. MessageName
// (messages.cc) and the codec's gSOAP mapping (codec_wire.h) are generated from this one list.
// clang-format off
#define EDGECWMP_CWMP_MESSAGE_LIST(X) \
    X(GetRPCMethods) X(SetParameterValues) X(GetParameterValues) X(GetParameterNames) \
    X(SetParameterAttributes) X(GetParameterAttributes) X(AddObject) X(DeleteObject) X(Reboot) \
    X(Download) X(Upload) X(FactoryReset) X(GetQueuedTransfers) X(GetAllQueuedTransfers) \
    X(ScheduleInform) X(SetVouchers) X(GetOptions) X(CancelTransfer) X(ScheduleDownload) \
    X(ChangeDUState) X(GetRPCMethodsResponse) X(SetParameterValuesResponse) \
    X(GetParameterValuesResponse) X(GetParameterNamesResponse) X(SetParameterAttributesResponse) \
    X(GetParameterAttributesResponse) X(AddObjectResponse) X(DeleteObjectResponse) \
    X(RebootResponse) X(DownloadResponse) X(UploadResponse) X(FactoryResetResponse) \
    X(GetQueuedTransfersResponse) X(GetAllQueuedTransfersResponse) X(ScheduleInformResponse) \
    X(SetVouchersResponse) X(GetOptionsResponse) X(CancelTransferResponse) \
    X(ScheduleDownloadResponse) X(ChangeDUStateResponse) X(Inform) X(TransferComplete) \
    X(AutonomousTransferComplete) X(DUStateChangeComplete) X(AutonomousDUStateChangeComplete) \
    X(RequestDownload) X(InformResponse) X(TransferCompleteResponse) \
    X(AutonomousTransferCompleteResponse) X(DUStateChangeCompleteResponse) \
    X(AutonomousDUStateChangeCompleteResponse) X(RequestDownloadResponse)
// clang-format on

// The name of a message as it appears on the wire ("GetParameterValues", "Fault", ...).
const char* MessageName(const AcsRequest& m);
const char* MessageName(const CpeResponse& m);
const char* MessageName(const CpeRequest& m);
const char* MessageName(const AcsResponse& m);

}  // namespace edgecwmp::cwmp

#endif  // EDGECWMP_CWMP_PROTOCOL_MESSAGES_H_
