// SPDX-License-Identifier: GPL-2.0-or-later
// soapcpp2 input: every CWMP message of urn:dslforum-org:cwmp-1-0…1-4 (TR-069 Amendment 6,
// Annex A; element order as in cwmp-1-2.xsd). soapcpp2 generates the serializers at build time
// (cwmp/protocol/CMakeLists.txt); the generated code is never committed. Conventions:
// - `_cwmp__X` is the body (or header) element cwmp:X; `cwmp__X` is the complex type X;
//   children are unqualified (elementForm unqualified), so member names are the element names.
// - SOAP-ENC arrays are wrapper classes: a std::vector of the item element plus an explicit
//   SOAP-ENC:arrayType attribute. gSOAP's own __ptr/__size arrays trust arrayType's size.
// - A trailing number after a member is its minOccurs (0 = optional, per the XSD).
// The namespace table is not generated from here: cwmp/protocol/codec.cc defines it.

// soapcpp2 syntax (//gsoap directives, @attributes, minOccurs numbers) is not C++ to format.
// clang-format off
//gsoap cwmp schema namespace: urn:dslforum-org:cwmp-1-0
//gsoap cwmp schema elementForm: unqualified
//gsoap cwmp schema attributeForm: unqualified

#import "stlvector.h"

typedef std::string xsd__QName;

// ---- Header (A.4.1) ----------------------------------------------------------------------------

// SessionTimeout and SupportedCWMPVersions carry mustUnderstand="0" (cwmp-1-3/1-4.xsd), which
// gSOAP only writes from an explicit attribute member.
class _cwmp__SessionTimeout {
 public:
  unsigned int __item;
  @std::string SOAP_ENV__mustUnderstand 0;
};
class _cwmp__SupportedCWMPVersions {
 public:
  std::string __item;
  @std::string SOAP_ENV__mustUnderstand 0;
};

struct SOAP_ENV__Header {
  mustUnderstand std::string *cwmp__ID 0;
  mustUnderstand bool *cwmp__HoldRequests 0;
  bool *cwmp__NoMoreRequests 0;
  _cwmp__SessionTimeout *cwmp__SessionTimeout 0;
  _cwmp__SupportedCWMPVersions *cwmp__SupportedCWMPVersions 0;
  mustUnderstand std::string *cwmp__UseCWMPVersion 0;
};

// ---- Fault (A.5) -------------------------------------------------------------------------------

class cwmp__SetParameterValuesFault {
 public:
  std::string ParameterName;
  unsigned int FaultCode;
  std::string FaultString 0;
};
class _cwmp__Fault {
 public:
  unsigned int FaultCode;
  std::string FaultString 0;
  std::vector<cwmp__SetParameterValuesFault> SetParameterValuesFault 0;
};
struct SOAP_ENV__Detail {
  _cwmp__Fault *cwmp__Fault 0;
  int __type;
  void *fault;
  _XML __any;
};

// ---- Shared types ------------------------------------------------------------------------------

// A Value whose xsi:type varies: the text plus the type as a QName (prefix-normalized on input).
class cwmp__Value {
 public:
  std::string __item;
  @xsd__QName *xsi__type 0;  // left out when empty
};
class cwmp__ParameterValueStruct {
 public:
  std::string Name;
  cwmp__Value Value;
};
class cwmp__ParameterValueList {
 public:
  std::vector<cwmp__ParameterValueStruct> ParameterValueStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
// ParameterNames, MethodList, AccessList: arrays of xsd:string.
class cwmp__StringList {
 public:
  std::vector<std::string> string_ 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__VoucherList {
 public:
  std::vector<std::string> base64 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__ParameterInfoStruct {
 public:
  std::string Name;
  bool Writable;
};
class cwmp__ParameterInfoList {
 public:
  std::vector<cwmp__ParameterInfoStruct> ParameterInfoStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__SetParameterAttributesStruct {
 public:
  std::string Name;
  bool NotificationChange;
  int Notification;
  bool AccessListChange;
  cwmp__StringList AccessList;
};
class cwmp__SetParameterAttributesList {
 public:
  std::vector<cwmp__SetParameterAttributesStruct> SetParameterAttributesStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__ParameterAttributeStruct {
 public:
  std::string Name;
  int Notification;
  cwmp__StringList AccessList;
};
class cwmp__ParameterAttributeList {
 public:
  std::vector<cwmp__ParameterAttributeStruct> ParameterAttributeStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__DeviceIdStruct {
 public:
  std::string Manufacturer;
  std::string OUI;
  std::string ProductClass;
  std::string SerialNumber;
};
class cwmp__EventStruct {
 public:
  std::string EventCode;
  std::string CommandKey;
};
class cwmp__EventList {
 public:
  std::vector<cwmp__EventStruct> EventStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
// TransferCompleteFaultStruct and DeploymentUnitFaultStruct have the same shape.
class cwmp__FaultStruct {
 public:
  unsigned int FaultCode;
  std::string FaultString 0;
};
class cwmp__QueuedTransferStruct {
 public:
  std::string CommandKey;
  int State;
};
class cwmp__TransferList {
 public:
  std::vector<cwmp__QueuedTransferStruct> QueuedTransferStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__AllQueuedTransferStruct {
 public:
  std::string CommandKey;
  int State;
  bool IsDownload;
  std::string FileType;
  unsigned int FileSize;
  std::string TargetFileName;
};
class cwmp__AllTransferList {
 public:
  std::vector<cwmp__AllQueuedTransferStruct> AllQueuedTransferStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__TimeWindowStruct {
 public:
  unsigned int WindowStart;
  unsigned int WindowEnd;
  std::string WindowMode;
  std::string UserMessage;
  int MaxRetries;
};
class cwmp__TimeWindowList {
 public:
  std::vector<cwmp__TimeWindowStruct> TimeWindowStruct 1:2;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__ArgStruct {
 public:
  std::string Name;
  std::string Value;
};
class cwmp__FileTypeArg {
 public:
  std::vector<cwmp__ArgStruct> ArgStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
class cwmp__OptionStruct {
 public:
  std::string OptionName;
  unsigned int VoucherSN;
  unsigned int State;
  std::string Mode;
  std::string StartDate;
  std::string *ExpirationDate 0;
  bool IsTransferable;
};
class cwmp__OptionList {
 public:
  std::vector<cwmp__OptionStruct> OptionStruct 0;
  @std::string SOAP_ENC__arrayType 0;
};
// ChangeDUState's Operations: elements of the abstract OperationStruct, the concrete kind given by
// xsi:type (gSOAP's class derivation reads and writes it).
class cwmp__OperationStruct {
 public:
};
// Optional elements are pointers: an empty value is left out (an empty UUID fails the XSD).
class cwmp__InstallOpStruct : public cwmp__OperationStruct {
 public:
  std::string URL;
  std::string *UUID 0;
  std::string *Username 0;
  std::string *Password 0;
  std::string *ExecutionEnvRef 0;
};
class cwmp__UpdateOpStruct : public cwmp__OperationStruct {
 public:
  std::string *UUID 0;
  std::string *Version 0;
  std::string *URL 0;
  std::string *Username 0;
  std::string *Password 0;
};
class cwmp__UninstallOpStruct : public cwmp__OperationStruct {
 public:
  std::string UUID;
  std::string *Version 0;
  std::string *ExecutionEnvRef 0;
};
class cwmp__OpResultStruct {
 public:
  std::string UUID;
  std::string DeploymentUnitRef;
  std::string Version;
  std::string CurrentState;
  bool Resolved;
  std::string ExecutionUnitRefList;
  std::string StartTime;
  std::string CompleteTime;
  cwmp__FaultStruct Fault;
};
class cwmp__AutonOpResultStruct {
 public:
  std::string UUID;
  std::string DeploymentUnitRef;
  std::string Version;
  std::string CurrentState;
  bool Resolved;
  std::string ExecutionUnitRefList;
  std::string StartTime;
  std::string CompleteTime;
  cwmp__FaultStruct Fault;
  std::string OperationPerformed;
};

// ---- ACS → CPE requests (A.3.2, A.4.1) ---------------------------------------------------------

class _cwmp__GetRPCMethods { public: };
class _cwmp__SetParameterValues {
 public:
  cwmp__ParameterValueList ParameterList;
  std::string ParameterKey;
};
class _cwmp__GetParameterValues { public: cwmp__StringList ParameterNames; };
class _cwmp__GetParameterNames {
 public:
  std::string ParameterPath;
  bool NextLevel;
};
class _cwmp__SetParameterAttributes { public: cwmp__SetParameterAttributesList ParameterList; };
class _cwmp__GetParameterAttributes { public: cwmp__StringList ParameterNames; };
class _cwmp__AddObject {
 public:
  std::string ObjectName;
  std::string ParameterKey;
};
class _cwmp__DeleteObject {
 public:
  std::string ObjectName;
  std::string ParameterKey;
};
class _cwmp__Reboot { public: std::string CommandKey; };
class _cwmp__Download {
 public:
  std::string CommandKey;
  std::string FileType;
  std::string URL;
  std::string Username;
  std::string Password;
  unsigned int FileSize;
  std::string TargetFileName;
  unsigned int DelaySeconds;
  std::string SuccessURL;
  std::string FailureURL;
};
class _cwmp__Upload {
 public:
  std::string CommandKey;
  std::string FileType;
  std::string URL;
  std::string Username;
  std::string Password;
  unsigned int DelaySeconds;
};
class _cwmp__FactoryReset { public: };
class _cwmp__GetQueuedTransfers { public: };
class _cwmp__GetAllQueuedTransfers { public: };
class _cwmp__ScheduleInform {
 public:
  unsigned int DelaySeconds;
  std::string CommandKey;
};
class _cwmp__SetVouchers { public: cwmp__VoucherList VoucherList; };
class _cwmp__GetOptions { public: std::string OptionName; };
class _cwmp__CancelTransfer { public: std::string CommandKey; };
class _cwmp__ScheduleDownload {
 public:
  std::string CommandKey;
  std::string FileType;
  std::string URL;
  std::string Username;
  std::string Password;
  unsigned int FileSize;
  std::string TargetFileName;
  cwmp__TimeWindowList TimeWindowList;
};
class _cwmp__ChangeDUState {
 public:
  std::vector<cwmp__OperationStruct*> Operations 1;
  std::string CommandKey 0;
};

// ---- CPE → ACS responses -----------------------------------------------------------------------

class _cwmp__GetRPCMethodsResponse { public: cwmp__StringList MethodList; };
class _cwmp__SetParameterValuesResponse { public: int Status; };
class _cwmp__GetParameterValuesResponse { public: cwmp__ParameterValueList ParameterList; };
class _cwmp__GetParameterNamesResponse { public: cwmp__ParameterInfoList ParameterList; };
class _cwmp__SetParameterAttributesResponse { public: };
class _cwmp__GetParameterAttributesResponse { public: cwmp__ParameterAttributeList ParameterList; };
class _cwmp__AddObjectResponse {
 public:
  unsigned int InstanceNumber;
  int Status;
};
class _cwmp__DeleteObjectResponse { public: int Status; };
class _cwmp__RebootResponse { public: };
class _cwmp__DownloadResponse {
 public:
  int Status;
  std::string StartTime;
  std::string CompleteTime;
};
class _cwmp__UploadResponse {
 public:
  int Status;
  std::string StartTime;
  std::string CompleteTime;
};
class _cwmp__FactoryResetResponse { public: };
class _cwmp__GetQueuedTransfersResponse { public: cwmp__TransferList TransferList; };
class _cwmp__GetAllQueuedTransfersResponse { public: cwmp__AllTransferList TransferList; };
class _cwmp__ScheduleInformResponse { public: };
class _cwmp__SetVouchersResponse { public: };
class _cwmp__GetOptionsResponse { public: cwmp__OptionList OptionList; };
class _cwmp__CancelTransferResponse { public: };
class _cwmp__ScheduleDownloadResponse { public: };
class _cwmp__ChangeDUStateResponse { public: };

// ---- CPE → ACS requests (A.3.3, A.4.2) ---------------------------------------------------------

class _cwmp__Inform {
 public:
  cwmp__DeviceIdStruct DeviceId;
  cwmp__EventList Event;
  unsigned int MaxEnvelopes;
  std::string CurrentTime;
  unsigned int RetryCount;
  cwmp__ParameterValueList ParameterList;
};
class _cwmp__TransferComplete {
 public:
  std::string CommandKey;
  cwmp__FaultStruct FaultStruct;
  std::string StartTime;
  std::string CompleteTime;
};
class _cwmp__AutonomousTransferComplete {
 public:
  std::string AnnounceURL;
  std::string TransferURL;
  bool IsDownload;
  std::string FileType;
  unsigned int FileSize;
  std::string TargetFileName;
  cwmp__FaultStruct FaultStruct;
  std::string StartTime;
  std::string CompleteTime;
};
class _cwmp__DUStateChangeComplete {
 public:
  std::vector<cwmp__OpResultStruct> Results 1;
  std::string CommandKey 0;
};
class _cwmp__AutonomousDUStateChangeComplete {
 public:
  std::vector<cwmp__AutonOpResultStruct> Results 1;
};
class _cwmp__RequestDownload {
 public:
  std::string FileType;
  cwmp__FileTypeArg FileTypeArg;
};

// ---- ACS → CPE responses -----------------------------------------------------------------------

class _cwmp__InformResponse { public: unsigned int MaxEnvelopes; };
class _cwmp__TransferCompleteResponse { public: };
class _cwmp__AutonomousTransferCompleteResponse { public: };
class _cwmp__DUStateChangeCompleteResponse { public: };
class _cwmp__AutonomousDUStateChangeCompleteResponse { public: };
class _cwmp__RequestDownloadResponse { public: };
