// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/messages.h"

namespace edgecwmp::cwmp {

const char* VersionNamespace(Version v) {
  switch (v) {
    case Version::k1_0: return "urn:dslforum-org:cwmp-1-0";
    case Version::k1_1: return "urn:dslforum-org:cwmp-1-1";
    case Version::k1_2: return "urn:dslforum-org:cwmp-1-2";
    case Version::k1_3: return "urn:dslforum-org:cwmp-1-3";
    case Version::k1_4: return "urn:dslforum-org:cwmp-1-4";
  }
  return "urn:dslforum-org:cwmp-1-0";
}

const char* VersionName(Version v) {
  switch (v) {
    case Version::k1_0: return "1.0";
    case Version::k1_1: return "1.1";
    case Version::k1_2: return "1.2";
    case Version::k1_3: return "1.3";
    case Version::k1_4: return "1.4";
  }
  return "1.0";
}

namespace {

// Each message struct's wire name, resolved through the variant's alternative type.
template <typename T> constexpr const char* NameOf();
#define EDGECWMP_NAME(T) template <> constexpr const char* NameOf<T>() { return #T; }
EDGECWMP_NAME(GetRPCMethods) EDGECWMP_NAME(SetParameterValues) EDGECWMP_NAME(GetParameterValues)
EDGECWMP_NAME(GetParameterNames) EDGECWMP_NAME(SetParameterAttributes)
EDGECWMP_NAME(GetParameterAttributes) EDGECWMP_NAME(AddObject) EDGECWMP_NAME(DeleteObject)
EDGECWMP_NAME(Reboot) EDGECWMP_NAME(Download) EDGECWMP_NAME(Upload) EDGECWMP_NAME(FactoryReset)
EDGECWMP_NAME(GetQueuedTransfers) EDGECWMP_NAME(GetAllQueuedTransfers)
EDGECWMP_NAME(ScheduleInform) EDGECWMP_NAME(SetVouchers) EDGECWMP_NAME(GetOptions)
EDGECWMP_NAME(CancelTransfer) EDGECWMP_NAME(ScheduleDownload) EDGECWMP_NAME(ChangeDUState)
EDGECWMP_NAME(GetRPCMethodsResponse) EDGECWMP_NAME(SetParameterValuesResponse)
EDGECWMP_NAME(GetParameterValuesResponse) EDGECWMP_NAME(GetParameterNamesResponse)
EDGECWMP_NAME(SetParameterAttributesResponse) EDGECWMP_NAME(GetParameterAttributesResponse)
EDGECWMP_NAME(AddObjectResponse) EDGECWMP_NAME(DeleteObjectResponse)
EDGECWMP_NAME(RebootResponse) EDGECWMP_NAME(DownloadResponse) EDGECWMP_NAME(UploadResponse)
EDGECWMP_NAME(FactoryResetResponse) EDGECWMP_NAME(GetQueuedTransfersResponse)
EDGECWMP_NAME(GetAllQueuedTransfersResponse) EDGECWMP_NAME(ScheduleInformResponse)
EDGECWMP_NAME(SetVouchersResponse) EDGECWMP_NAME(GetOptionsResponse)
EDGECWMP_NAME(CancelTransferResponse) EDGECWMP_NAME(ScheduleDownloadResponse)
EDGECWMP_NAME(ChangeDUStateResponse) EDGECWMP_NAME(Fault) EDGECWMP_NAME(Inform)
EDGECWMP_NAME(TransferComplete) EDGECWMP_NAME(AutonomousTransferComplete)
EDGECWMP_NAME(DUStateChangeComplete) EDGECWMP_NAME(AutonomousDUStateChangeComplete)
EDGECWMP_NAME(RequestDownload) EDGECWMP_NAME(InformResponse)
EDGECWMP_NAME(TransferCompleteResponse) EDGECWMP_NAME(AutonomousTransferCompleteResponse)
EDGECWMP_NAME(DUStateChangeCompleteResponse) EDGECWMP_NAME(AutonomousDUStateChangeCompleteResponse)
EDGECWMP_NAME(RequestDownloadResponse)
#undef EDGECWMP_NAME

template <typename Variant>
const char* VariantName(const Variant& v) {
  return std::visit([](const auto& m) { return NameOf<std::decay_t<decltype(m)>>(); }, v);
}

}  // namespace

const char* MessageName(const AcsRequest& m) { return VariantName(m); }
const char* MessageName(const CpeResponse& m) { return VariantName(m); }
const char* MessageName(const CpeRequest& m) { return VariantName(m); }
const char* MessageName(const AcsResponse& m) { return VariantName(m); }

}  // namespace edgecwmp::cwmp
