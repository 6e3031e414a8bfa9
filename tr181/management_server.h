// SPDX-License-Identifier: GPL-2.0-or-later
// ManagementServer: the Device.ManagementServer. parameters the CWMP engine reads and writes, by
// name, plus one typed snapshot of them. The values themselves are stored by the data model (with
// the defaults of device.xml); the engine writes the read-only ones (ParameterKey,
// ConnectionRequestURL) with dm::Origin::kInternal and watches changes with DataModel::Observe.
#ifndef EDGECWMP_TR181_MANAGEMENT_SERVER_H_
#define EDGECWMP_TR181_MANAGEMENT_SERVER_H_

#include <cstdint>
#include <string>

#include "datamodel/datamodel.h"

namespace edgecwmp::tr181 {

namespace ms {
inline constexpr const char* kPrefix = "Device.ManagementServer.";
inline constexpr const char* kEnableCWMP = "Device.ManagementServer.EnableCWMP";
inline constexpr const char* kURL = "Device.ManagementServer.URL";
inline constexpr const char* kUsername = "Device.ManagementServer.Username";
inline constexpr const char* kPassword = "Device.ManagementServer.Password";
inline constexpr const char* kScheduleReboot = "Device.ManagementServer.ScheduleReboot";
inline constexpr const char* kDelayReboot = "Device.ManagementServer.DelayReboot";
inline constexpr const char* kPeriodicInformEnable = "Device.ManagementServer.PeriodicInformEnable";
inline constexpr const char* kPeriodicInformInterval =
    "Device.ManagementServer.PeriodicInformInterval";
inline constexpr const char* kPeriodicInformTime = "Device.ManagementServer.PeriodicInformTime";
inline constexpr const char* kParameterKey = "Device.ManagementServer.ParameterKey";
inline constexpr const char* kConnectionRequestURL = "Device.ManagementServer.ConnectionRequestURL";
inline constexpr const char* kConnectionRequestUsername =
    "Device.ManagementServer.ConnectionRequestUsername";
inline constexpr const char* kConnectionRequestPassword =
    "Device.ManagementServer.ConnectionRequestPassword";
inline constexpr const char* kUpgradesManaged = "Device.ManagementServer.UpgradesManaged";
inline constexpr const char* kUDPConnectionRequestAddress =
    "Device.ManagementServer.UDPConnectionRequestAddress";
inline constexpr const char* kSTUNEnable = "Device.ManagementServer.STUNEnable";
inline constexpr const char* kSTUNServerAddress = "Device.ManagementServer.STUNServerAddress";
inline constexpr const char* kSTUNServerPort = "Device.ManagementServer.STUNServerPort";
inline constexpr const char* kSTUNUsername = "Device.ManagementServer.STUNUsername";
inline constexpr const char* kSTUNPassword = "Device.ManagementServer.STUNPassword";
inline constexpr const char* kSTUNMaximumKeepAlivePeriod =
    "Device.ManagementServer.STUNMaximumKeepAlivePeriod";
inline constexpr const char* kSTUNMinimumKeepAlivePeriod =
    "Device.ManagementServer.STUNMinimumKeepAlivePeriod";
inline constexpr const char* kNATDetected = "Device.ManagementServer.NATDetected";
inline constexpr const char* kDefaultActiveNotificationThrottle =
    "Device.ManagementServer.DefaultActiveNotificationThrottle";
inline constexpr const char* kCWMPRetryMinimumWaitInterval =
    "Device.ManagementServer.CWMPRetryMinimumWaitInterval";
inline constexpr const char* kCWMPRetryIntervalMultiplier =
    "Device.ManagementServer.CWMPRetryIntervalMultiplier";
inline constexpr const char* kAliasBasedAddressing = "Device.ManagementServer.AliasBasedAddressing";
inline constexpr const char* kInstanceMode = "Device.ManagementServer.InstanceMode";
inline constexpr const char* kHeartbeatEnable = "Device.ManagementServer.HeartbeatPolicy.Enable";
inline constexpr const char* kHeartbeatReportingInterval =
    "Device.ManagementServer.HeartbeatPolicy.ReportingInterval";
inline constexpr const char* kHeartbeatInitiationTime =
    "Device.ManagementServer.HeartbeatPolicy.InitiationTime";
}  // namespace ms

// A typed snapshot of Device.ManagementServer. (secrets in clear: never log this struct).
struct ManagementServerSettings {
  bool enable_cwmp = true;
  std::string url;
  std::string username;
  std::string password;
  std::string schedule_reboot;  // dateTime; Unknown Time = none
  int32_t delay_reboot = -1;
  bool periodic_inform_enable = true;
  uint32_t periodic_inform_interval = 3600;
  std::string periodic_inform_time;  // dateTime; Unknown Time = arbitrary phase
  std::string parameter_key;
  std::string connection_request_url;
  std::string connection_request_username;
  std::string connection_request_password;
  bool upgrades_managed = false;
  uint32_t default_active_notification_throttle = 0;
  uint32_t retry_minimum_wait_interval = 5;   // TR-069 3.2.1.1 m
  uint32_t retry_interval_multiplier = 2000;  // TR-069 3.2.1.1 k (per mille)
  bool alias_based_addressing = false;
  bool heartbeat_enable = false;
  uint32_t heartbeat_reporting_interval = 60;
  std::string heartbeat_initiation_time;
};

// Reads every field from |model| (which must hold device.xml).
Status ReadManagementServer(const dm::DataModel& model, ManagementServerSettings* settings);

// Sets the notification attributes TR-181 enables by default ("forceDefaultEnabled": active
// notification on ConnectionRequestURL, which the definition format cannot express), on
// UDPConnectionRequestAddress, so that a changed NAT binding reaches the ACS at once (the ACS
// SHOULD enable it, TR-069 Annex G; a device behind a NAT is unreachable until it does), and,
// with tr181/xmpp.xml, on ConnReqJabberID. Call on
// first start and after a factory reset only: afterwards the ACS may change them.
Status ApplyFactoryNotifications(dm::DataModel* model);

// Binds what the system owns under Device.ManagementServer. (the ManageableDevice table, empty
// until TR-111 device association exists) and the checks beyond the schema: URL must be an
// absolute http or https URL (TR-069 3.4.1: the ACS is reached over HTTP), anything else is
// kInvalidValue (9007) — a file: or ftp: URL would point the agent at no ACS at all.

Status BindManagementServer(dm::DataModel* model);

// Whether |url| is an absolute http:// or https:// URL with a host (scheme case-insensitive),
// free of spaces and control characters.
bool IsAcsUrl(const std::string& url);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_MANAGEMENT_SERVER_H_
