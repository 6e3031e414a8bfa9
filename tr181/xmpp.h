// SPDX-License-Identifier: GPL-2.0-or-later
// Xmpp: Device.XMPP. (tr181/xmpp.xml) and the ManagementServer parameters that pick the XMPP
// connection for connection requests (TR-069 Annex K), read into one typed snapshot. The values
// are stored by the data model; the XMPP client reports its state through the read-only ones
// (Status, JabberID, TLSEstablished, LastChangeDate, ConnReqJabberID) with dm::Origin::kInternal.
#ifndef EDGECWMP_TR181_XMPP_H_
#define EDGECWMP_TR181_XMPP_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "datamodel/datamodel.h"

namespace edgecwmp::tr181 {

namespace xmpp {
inline constexpr const char* kPrefix = "Device.XMPP.";
inline constexpr const char* kConnectionTable = "Device.XMPP.Connection.";
inline constexpr const char* kConnReqXMPPConnection =
    "Device.ManagementServer.ConnReqXMPPConnection";
inline constexpr const char* kConnReqAllowedJabberIDs =
    "Device.ManagementServer.ConnReqAllowedJabberIDs";
inline constexpr const char* kConnReqJabberID = "Device.ManagementServer.ConnReqJabberID";
}  // namespace xmpp

struct XmppServerEntry {
  std::string address;
  uint16_t port = 5222;
  uint32_t priority = 0;
  int64_t weight = -1;  // -1 = vendor-specific
};

// The connection ConnReqXMPPConnection names (secrets in clear: never log this struct).
struct XmppConnectionSettings {
  std::string row;  // "Device.XMPP.Connection.<n>." ("" = none selected or no such row)
  bool enable = false;
  std::string username, password, domain, resource;
  std::string algorithm = "DNS-SRV";     // ServerConnectAlgorithm
  std::vector<XmppServerEntry> servers;  // enabled Server rows, lowest Priority first (stable)
  int64_t keep_alive_interval = -1;      // -1 = the CPE chooses
  uint32_t connect_attempts = 16;
  uint32_t retry_initial_interval = 60;
  uint32_t retry_multiplier = 2000;
  uint32_t retry_max_interval = 30720;
  bool use_tls = false;

  bool operator==(const XmppConnectionSettings& o) const;
  bool operator!=(const XmppConnectionSettings& o) const { return !(*this == o); }
};

// Reads the row ConnReqXMPPConnection names; settings->row stays "" when it names none.
Status ReadXmppConnection(const dm::DataModel& model, XmppConnectionSettings* settings);

// The ConnReqAllowedJabberIDs list, split.
std::vector<std::string> ReadAllowedJabberIDs(const dm::DataModel& model);

// The order in which to try |servers| (TR-181 Server.{i}.Priority / Weight, RFC 2782): by
// ascending Priority; within one Priority, repeatedly the next one drawn at random with a chance
// proportional to its Weight (Weight 0 only gets a small chance, ahead of none when all are 0;
// -1, vendor-specific, counts as 1).
std::vector<XmppServerEntry> OrderXmppServers(std::vector<XmppServerEntry> servers,
                                              std::mt19937* random);

// Checks ConnReqXMPPConnection: "" or the path of an existing Device.XMPP.Connection.{i}. row
// (with or without the final dot), else kInvalidValue (9007).
Status BindXmpp(dm::DataModel* model);

// Factory default: adds Device.XMPP.Connection.<n> for |jid| (user@domain[/resource]) and points
// ConnReqXMPPConnection at it. |server| is host[:port] ("" = DNS-SRV). kInvalidArguments for a
// JID without user or domain.
struct XmppSeed {
  std::string jid, password, server, allowed_jids;
  bool use_tls = true;
};
Status SeedXmppConnection(dm::DataModel* model, const XmppSeed& seed);

}  // namespace edgecwmp::tr181

#endif  // EDGECWMP_TR181_XMPP_H_
