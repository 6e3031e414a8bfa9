// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/management_server.h"

#include <strings.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "tr181/binding_util.h"

namespace edgecwmp::tr181 {
namespace {

using S = ManagementServerSettings;

const struct {
  const char* path;
  std::string S::*field;
} kStrings[] = {
    {ms::kURL, &S::url},
    {ms::kUsername, &S::username},
    {ms::kPassword, &S::password},
    {ms::kScheduleReboot, &S::schedule_reboot},
    {ms::kPeriodicInformTime, &S::periodic_inform_time},
    {ms::kParameterKey, &S::parameter_key},
    {ms::kConnectionRequestURL, &S::connection_request_url},
    {ms::kConnectionRequestUsername, &S::connection_request_username},
    {ms::kConnectionRequestPassword, &S::connection_request_password},
    {ms::kHeartbeatInitiationTime, &S::heartbeat_initiation_time},
};

const struct {
  const char* path;
  bool S::*field;
} kBooleans[] = {
    {ms::kEnableCWMP, &S::enable_cwmp},
    {ms::kPeriodicInformEnable, &S::periodic_inform_enable},
    {ms::kUpgradesManaged, &S::upgrades_managed},
    {ms::kAliasBasedAddressing, &S::alias_based_addressing},
    {ms::kHeartbeatEnable, &S::heartbeat_enable},
};

const struct {
  const char* path;
  uint32_t S::*field;
} kUnsigned[] = {
    {ms::kPeriodicInformInterval, &S::periodic_inform_interval},
    {ms::kDefaultActiveNotificationThrottle, &S::default_active_notification_throttle},
    {ms::kCWMPRetryMinimumWaitInterval, &S::retry_minimum_wait_interval},
    {ms::kCWMPRetryIntervalMultiplier, &S::retry_interval_multiplier},
    {ms::kHeartbeatReportingInterval, &S::heartbeat_reporting_interval},
};

}  // namespace

Status ReadManagementServer(const dm::DataModel& model, ManagementServerSettings* settings) {
  S s;
  std::string value;
  for (const auto& entry : kStrings) {
    Status status = model.GetValue(entry.path, &(s.*entry.field));
    if (!status.ok()) return status;
  }
  for (const auto& entry : kBooleans) {
    Status status = model.GetValue(entry.path, &value);
    if (!status.ok()) return status;
    s.*entry.field = value == "true" || value == "1";
  }
  // The model only holds values that passed the schema, so these parse.
  for (const auto& entry : kUnsigned) {
    Status status = model.GetValue(entry.path, &value);
    if (!status.ok()) return status;
    s.*entry.field = static_cast<uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
  }
  Status status = model.GetValue(ms::kDelayReboot, &value);
  if (!status.ok()) return status;
  s.delay_reboot = static_cast<int32_t>(std::strtol(value.c_str(), nullptr, 10));
  *settings = std::move(s);
  return Status::Ok();
}

Status ApplyFactoryNotifications(dm::DataModel* model) {
  // TR-069 Annex G.2.1: the ACS learns a new NAT binding (UDPConnectionRequestAddress) at once,
  // as it learns a new ConnectionRequestURL or, over XMPP, a new ConnReqJabberID.
  std::vector<dm::AttributeSet> active;
  const dm::ObjectDef* object = model->schema().FindObject(ms::kPrefix);
  for (const char* name :
       {"ConnectionRequestURL", "UDPConnectionRequestAddress", "ConnReqJabberID"}) {
    if (!object || !object->FindParam(name)) continue;  // ConnReqJabberID: with tr181/xmpp.xml
    dm::AttributeSet a;
    a.name = std::string(ms::kPrefix) + name;
    a.notification_change = true;
    a.notification = 2;
    active.push_back(a);
  }
  return model->SetAttributes(active);
}

bool IsAcsUrl(const std::string& url) {
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  for (const char* scheme : {"http://", "https://"}) {
    const size_t n = std::strlen(scheme);
    if (url.size() <= n || strncasecmp(url.c_str(), scheme, n) != 0) continue;
    const std::string authority = url.substr(n, url.find_first_of("/?#", n) - n);
    const std::string host = authority.substr(authority.rfind('@') + 1);  // npos + 1 = 0
    return !host.empty() && host[0] != ':';
  }
  return false;
}

Status BindManagementServer(dm::DataModel* model) {
  dm::ParamBinding url;
  url.validate = [](const dm::Context& ctx, const std::string& value) {
    if (IsAcsUrl(value)) return Status::Ok();
    return Status::InvalidValue(ctx.path + ": not an http or https URL");
  };
  EDGECWMP_RETURN_IF_ERROR(model->BindParameter(ms::kURL, std::move(url)));
  EDGECWMP_RETURN_IF_ERROR(
      BindListedTable(model, "Device.ManagementServer.ManageableDevice.{i}.",
                      "Device.ManagementServer.ManageableDeviceNumberOfEntries",
                      [](const dm::Context&) { return std::vector<uint32_t>(); }));
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
