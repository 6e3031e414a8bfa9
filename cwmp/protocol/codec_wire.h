// SPDX-License-Identifier: GPL-2.0-or-later
// Internal to the codec (included by codec*.cc only, after soapH.h): which gSOAP class carries
// each message of cwmp/protocol/messages.h, and one field list per message that serves both
// directions. `Fields(f, wire, msg)` names each pair once; the functor `f` copies wire→msg
// (FromWire) or msg→wire (ToWire), so no mapping is written twice.
#ifndef EDGECWMP_CWMP_PROTOCOL_CODEC_WIRE_H_
#define EDGECWMP_CWMP_PROTOCOL_CODEC_WIRE_H_

#include <string>
#include <utility>
#include <vector>

#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp::wire {

// ---- message ↔ gSOAP body element ----------------------------------------------------------------

template <typename M> struct WireOf;
#define EDGECWMP_WIRE(M)                                 \
  template <> struct WireOf<M> {                         \
    using type = _cwmp__##M;                             \
    static constexpr const char* kTag = "cwmp:" #M;      \
  };
EDGECWMP_CWMP_MESSAGE_LIST(EDGECWMP_WIRE)
#undef EDGECWMP_WIRE

// ---- SOAP-ENC array wrappers: their item vector and the arrayType written for them -----------------

inline auto& Items(cwmp__ParameterValueList& w) { return w.ParameterValueStruct; }
inline auto& Items(cwmp__ParameterInfoList& w) { return w.ParameterInfoStruct; }
inline auto& Items(cwmp__SetParameterAttributesList& w) { return w.SetParameterAttributesStruct; }
inline auto& Items(cwmp__ParameterAttributeList& w) { return w.ParameterAttributeStruct; }
inline auto& Items(cwmp__EventList& w) { return w.EventStruct; }
inline auto& Items(cwmp__TransferList& w) { return w.QueuedTransferStruct; }
inline auto& Items(cwmp__AllTransferList& w) { return w.AllQueuedTransferStruct; }
inline auto& Items(cwmp__TimeWindowList& w) { return w.TimeWindowStruct; }
inline auto& Items(cwmp__FileTypeArg& w) { return w.ArgStruct; }
inline auto& Items(cwmp__OptionList& w) { return w.OptionStruct; }
inline auto& Items(cwmp__StringList& w) { return w.string_; }
inline auto& Items(cwmp__VoucherList& w) { return w.base64; }
inline const char* ItemType(const cwmp__ParameterValueList&) { return "cwmp:ParameterValueStruct"; }
inline const char* ItemType(const cwmp__ParameterInfoList&) { return "cwmp:ParameterInfoStruct"; }
inline const char* ItemType(const cwmp__SetParameterAttributesList&) {
  return "cwmp:SetParameterAttributesStruct";
}
inline const char* ItemType(const cwmp__ParameterAttributeList&) {
  return "cwmp:ParameterAttributeStruct";
}
inline const char* ItemType(const cwmp__EventList&) { return "cwmp:EventStruct"; }
inline const char* ItemType(const cwmp__TransferList&) { return "cwmp:QueuedTransferStruct"; }
inline const char* ItemType(const cwmp__AllTransferList&) { return "cwmp:AllQueuedTransferStruct"; }
inline const char* ItemType(const cwmp__TimeWindowList&) { return "cwmp:TimeWindowStruct"; }
inline const char* ItemType(const cwmp__FileTypeArg&) { return "cwmp:ArgStruct"; }
inline const char* ItemType(const cwmp__OptionList&) { return "cwmp:OptionStruct"; }
inline const char* ItemType(const cwmp__StringList&) { return "xsd:string"; }
inline const char* ItemType(const cwmp__VoucherList&) { return "SOAP-ENC:base64"; }

// ---- field lists (element order is the XSD's; gSOAP keeps it on output) ----------------------------

#define EDGECWMP_NO_FIELDS(M) \
  template <typename F> void Fields(F&, _cwmp__##M&, M&) {}
EDGECWMP_NO_FIELDS(GetRPCMethods) EDGECWMP_NO_FIELDS(FactoryReset)
EDGECWMP_NO_FIELDS(GetQueuedTransfers) EDGECWMP_NO_FIELDS(GetAllQueuedTransfers)
EDGECWMP_NO_FIELDS(SetParameterAttributesResponse) EDGECWMP_NO_FIELDS(RebootResponse)
EDGECWMP_NO_FIELDS(FactoryResetResponse) EDGECWMP_NO_FIELDS(ScheduleInformResponse)
EDGECWMP_NO_FIELDS(SetVouchersResponse) EDGECWMP_NO_FIELDS(CancelTransferResponse)
EDGECWMP_NO_FIELDS(ScheduleDownloadResponse) EDGECWMP_NO_FIELDS(ChangeDUStateResponse)
EDGECWMP_NO_FIELDS(TransferCompleteResponse) EDGECWMP_NO_FIELDS(AutonomousTransferCompleteResponse)
EDGECWMP_NO_FIELDS(DUStateChangeCompleteResponse)
EDGECWMP_NO_FIELDS(AutonomousDUStateChangeCompleteResponse)
EDGECWMP_NO_FIELDS(RequestDownloadResponse)
#undef EDGECWMP_NO_FIELDS

// GetOptionsResponse: options are not supported, the list is always empty (messages.h).
template <typename F> void Fields(F&, _cwmp__GetOptionsResponse&, GetOptionsResponse&) {}

template <typename F> void Fields(F& f, cwmp__ParameterValueStruct& w, ParameterValueStruct& m) {
  f(w.Name, m.name);
  f(w.Value.__item, m.value);
  f(w.Value.xsi__type, m.type);
}
template <typename F> void Fields(F& f, cwmp__ParameterInfoStruct& w, ParameterInfoStruct& m) {
  f(w.Name, m.name);
  f(w.Writable, m.writable);
}
template <typename F>
void Fields(F& f, cwmp__SetParameterAttributesStruct& w, SetParameterAttributesStruct& m) {
  f(w.Name, m.name);
  f(w.NotificationChange, m.notification_change);
  f(w.Notification, m.notification);
  f(w.AccessListChange, m.access_list_change);
  f(w.AccessList, m.access_list);
}
template <typename F>
void Fields(F& f, cwmp__ParameterAttributeStruct& w, ParameterAttributeStruct& m) {
  f(w.Name, m.name);
  f(w.Notification, m.notification);
  f(w.AccessList, m.access_list);
}
template <typename F> void Fields(F& f, cwmp__DeviceIdStruct& w, DeviceIdStruct& m) {
  f(w.Manufacturer, m.manufacturer);
  f(w.OUI, m.oui);
  f(w.ProductClass, m.product_class);
  f(w.SerialNumber, m.serial_number);
}
template <typename F> void Fields(F& f, cwmp__EventStruct& w, EventStruct& m) {
  f(w.EventCode, m.event_code);
  f(w.CommandKey, m.command_key);
}
template <typename F> void Fields(F& f, cwmp__FaultStruct& w, FaultStruct& m) {
  f(w.FaultCode, m.fault_code);
  f(w.FaultString, m.fault_string);
}
template <typename F> void Fields(F& f, cwmp__QueuedTransferStruct& w, QueuedTransferStruct& m) {
  f(w.CommandKey, m.command_key);
  f(w.State, m.state);
}
template <typename F>
void Fields(F& f, cwmp__AllQueuedTransferStruct& w, AllQueuedTransferStruct& m) {
  f(w.CommandKey, m.command_key);
  f(w.State, m.state);
  f(w.IsDownload, m.is_download);
  f(w.FileType, m.file_type);
  f(w.FileSize, m.file_size);
  f(w.TargetFileName, m.target_file_name);
}
template <typename F> void Fields(F& f, cwmp__TimeWindowStruct& w, TimeWindowStruct& m) {
  f(w.WindowStart, m.window_start);
  f(w.WindowEnd, m.window_end);
  f(w.WindowMode, m.window_mode);
  f(w.UserMessage, m.user_message);
  f(w.MaxRetries, m.max_retries);
}
template <typename F>
void Fields(F& f, cwmp__ArgStruct& w, std::pair<std::string, std::string>& m) {
  f(w.Name, m.first);
  f(w.Value, m.second);
}
template <typename F, typename W, typename M> void OpResultFields(F& f, W& w, M& m) {
  f(w.UUID, m.uuid);
  f(w.DeploymentUnitRef, m.deployment_unit_ref);
  f(w.Version, m.version);
  f(w.CurrentState, m.current_state);
  f(w.Resolved, m.resolved);
  f(w.ExecutionUnitRefList, m.execution_unit_ref_list);
  f(w.StartTime, m.start_time);
  f(w.CompleteTime, m.complete_time);
  f(w.Fault, m.fault);
}
template <typename F> void Fields(F& f, cwmp__OpResultStruct& w, OpResultStruct& m) {
  OpResultFields(f, w, m);
}
template <typename F>
void Fields(F& f, cwmp__AutonOpResultStruct& w, AutonomousOpResultStruct& m) {
  OpResultFields(f, w, m);
  f(w.OperationPerformed, m.operation_performed);
}
template <typename F> void Fields(F& f, cwmp__InstallOpStruct& w, InstallOpStruct& m) {
  f(w.URL, m.url);
  f(w.UUID, m.uuid);
  f(w.Username, m.username);
  f(w.Password, m.password);
  f(w.ExecutionEnvRef, m.execution_env_ref);
}
template <typename F> void Fields(F& f, cwmp__UpdateOpStruct& w, UpdateOpStruct& m) {
  f(w.UUID, m.uuid);
  f(w.Version, m.version);
  f(w.URL, m.url);
  f(w.Username, m.username);
  f(w.Password, m.password);
}
template <typename F> void Fields(F& f, cwmp__UninstallOpStruct& w, UninstallOpStruct& m) {
  f(w.UUID, m.uuid);
  f(w.Version, m.version);
  f(w.ExecutionEnvRef, m.execution_env_ref);
}

// ACS → CPE requests.
template <typename F> void Fields(F& f, _cwmp__SetParameterValues& w, SetParameterValues& m) {
  f(w.ParameterList, m.parameter_list);
  f(w.ParameterKey, m.parameter_key);
}
template <typename F> void Fields(F& f, _cwmp__GetParameterValues& w, GetParameterValues& m) {
  f(w.ParameterNames, m.parameter_names);
}
template <typename F> void Fields(F& f, _cwmp__GetParameterNames& w, GetParameterNames& m) {
  f(w.ParameterPath, m.parameter_path);
  f(w.NextLevel, m.next_level);
}
template <typename F>
void Fields(F& f, _cwmp__SetParameterAttributes& w, SetParameterAttributes& m) {
  f(w.ParameterList, m.parameter_list);
}
template <typename F>
void Fields(F& f, _cwmp__GetParameterAttributes& w, GetParameterAttributes& m) {
  f(w.ParameterNames, m.parameter_names);
}
template <typename F> void Fields(F& f, _cwmp__AddObject& w, AddObject& m) {
  f(w.ObjectName, m.object_name);
  f(w.ParameterKey, m.parameter_key);
}
template <typename F> void Fields(F& f, _cwmp__DeleteObject& w, DeleteObject& m) {
  f(w.ObjectName, m.object_name);
  f(w.ParameterKey, m.parameter_key);
}
template <typename F> void Fields(F& f, _cwmp__Reboot& w, Reboot& m) {
  f(w.CommandKey, m.command_key);
}
template <typename F> void Fields(F& f, _cwmp__Download& w, Download& m) {
  f(w.CommandKey, m.command_key);
  f(w.FileType, m.file_type);
  f(w.URL, m.url);
  f(w.Username, m.username);
  f(w.Password, m.password);
  f(w.FileSize, m.file_size);
  f(w.TargetFileName, m.target_file_name);
  f(w.DelaySeconds, m.delay_seconds);
  f(w.SuccessURL, m.success_url);
  f(w.FailureURL, m.failure_url);
}
template <typename F> void Fields(F& f, _cwmp__Upload& w, Upload& m) {
  f(w.CommandKey, m.command_key);
  f(w.FileType, m.file_type);
  f(w.URL, m.url);
  f(w.Username, m.username);
  f(w.Password, m.password);
  f(w.DelaySeconds, m.delay_seconds);
}
template <typename F> void Fields(F& f, _cwmp__ScheduleInform& w, ScheduleInform& m) {
  f(w.DelaySeconds, m.delay_seconds);
  f(w.CommandKey, m.command_key);
}
template <typename F> void Fields(F& f, _cwmp__SetVouchers& w, SetVouchers& m) {
  f(w.VoucherList, m.voucher_list);
}
template <typename F> void Fields(F& f, _cwmp__GetOptions& w, GetOptions& m) {
  f(w.OptionName, m.option_name);
}
template <typename F> void Fields(F& f, _cwmp__CancelTransfer& w, CancelTransfer& m) {
  f(w.CommandKey, m.command_key);
}
template <typename F> void Fields(F& f, _cwmp__ScheduleDownload& w, ScheduleDownload& m) {
  f(w.CommandKey, m.command_key);
  f(w.FileType, m.file_type);
  f(w.URL, m.url);
  f(w.Username, m.username);
  f(w.Password, m.password);
  f(w.FileSize, m.file_size);
  f(w.TargetFileName, m.target_file_name);
  f(w.TimeWindowList, m.time_window_list);
}
template <typename F> void Fields(F& f, _cwmp__ChangeDUState& w, ChangeDUState& m) {
  f(w.Operations, m.operations);
  f(w.CommandKey, m.command_key);
}

// CPE → ACS responses (and GetRPCMethodsResponse, which both sides send).
template <typename F>
void Fields(F& f, _cwmp__GetRPCMethodsResponse& w, GetRPCMethodsResponse& m) {
  f(w.MethodList, m.method_list);
}
template <typename F>
void Fields(F& f, _cwmp__SetParameterValuesResponse& w, SetParameterValuesResponse& m) {
  f(w.Status, m.status);
}
template <typename F>
void Fields(F& f, _cwmp__GetParameterValuesResponse& w, GetParameterValuesResponse& m) {
  f(w.ParameterList, m.parameter_list);
}
template <typename F>
void Fields(F& f, _cwmp__GetParameterNamesResponse& w, GetParameterNamesResponse& m) {
  f(w.ParameterList, m.parameter_list);
}
template <typename F>
void Fields(F& f, _cwmp__GetParameterAttributesResponse& w, GetParameterAttributesResponse& m) {
  f(w.ParameterList, m.parameter_list);
}
template <typename F> void Fields(F& f, _cwmp__AddObjectResponse& w, AddObjectResponse& m) {
  f(w.InstanceNumber, m.instance_number);
  f(w.Status, m.status);
}
template <typename F> void Fields(F& f, _cwmp__DeleteObjectResponse& w, DeleteObjectResponse& m) {
  f(w.Status, m.status);
}
template <typename F, typename W, typename M> void TransferResponseFields(F& f, W& w, M& m) {
  f(w.Status, m.status);
  f(w.StartTime, m.start_time);
  f(w.CompleteTime, m.complete_time);
}
template <typename F> void Fields(F& f, _cwmp__DownloadResponse& w, DownloadResponse& m) {
  TransferResponseFields(f, w, m);
}
template <typename F> void Fields(F& f, _cwmp__UploadResponse& w, UploadResponse& m) {
  TransferResponseFields(f, w, m);
}
template <typename F>
void Fields(F& f, _cwmp__GetQueuedTransfersResponse& w, GetQueuedTransfersResponse& m) {
  f(w.TransferList, m.transfer_list);
}
template <typename F>
void Fields(F& f, _cwmp__GetAllQueuedTransfersResponse& w, GetAllQueuedTransfersResponse& m) {
  f(w.TransferList, m.transfer_list);
}

// CPE → ACS requests.
template <typename F> void Fields(F& f, _cwmp__Inform& w, Inform& m) {
  f(w.DeviceId, m.device_id);
  f(w.Event, m.event);
  f(w.MaxEnvelopes, m.max_envelopes);
  f(w.CurrentTime, m.current_time);
  f(w.RetryCount, m.retry_count);
  f(w.ParameterList, m.parameter_list);
}
template <typename F> void Fields(F& f, _cwmp__TransferComplete& w, TransferComplete& m) {
  f(w.CommandKey, m.command_key);
  f(w.FaultStruct, m.fault);
  f(w.StartTime, m.start_time);
  f(w.CompleteTime, m.complete_time);
}
template <typename F>
void Fields(F& f, _cwmp__AutonomousTransferComplete& w, AutonomousTransferComplete& m) {
  f(w.AnnounceURL, m.announce_url);
  f(w.TransferURL, m.transfer_url);
  f(w.IsDownload, m.is_download);
  f(w.FileType, m.file_type);
  f(w.FileSize, m.file_size);
  f(w.TargetFileName, m.target_file_name);
  f(w.FaultStruct, m.fault);
  f(w.StartTime, m.start_time);
  f(w.CompleteTime, m.complete_time);
}
template <typename F>
void Fields(F& f, _cwmp__DUStateChangeComplete& w, DUStateChangeComplete& m) {
  f(w.Results, m.results);
  f(w.CommandKey, m.command_key);
}
template <typename F>
void Fields(F& f, _cwmp__AutonomousDUStateChangeComplete& w, AutonomousDUStateChangeComplete& m) {
  f(w.Results, m.results);
}
template <typename F> void Fields(F& f, _cwmp__RequestDownload& w, RequestDownload& m) {
  f(w.FileType, m.file_type);
  f(w.FileTypeArg, m.file_type_arg);
}

// ACS → CPE responses.
template <typename F> void Fields(F& f, _cwmp__InformResponse& w, InformResponse& m) {
  f(w.MaxEnvelopes, m.max_envelopes);
}

}  // namespace edgecwmp::cwmp::wire

#endif  // EDGECWMP_CWMP_PROTOCOL_CODEC_WIRE_H_
