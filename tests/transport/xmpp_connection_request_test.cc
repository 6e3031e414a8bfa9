// SPDX-License-Identifier: GPL-2.0-or-later
// The Annex K answer to an XMPP connectionRequest (cwmp/transport/xmpp_connection_request.h):
// which sender is allowed, which credentials match, and the order of the checks. The client
// itself is tested through a real prosody in tests/e2e/e2e_xmpp_tests.cc.
#define BOOST_TEST_MODULE xmpp_connection_request_tests
#include <boost/test/unit_test.hpp>

#include "cwmp/transport/xmpp_connection_request.h"

namespace edgecwmp::cwmp {
namespace {

const std::pair<std::string, std::string> kCredentials{"cr-user", "cr-secret"};

XmppAnswer Answer(const std::string& from, const std::string& user, const std::string& password,
                  const std::vector<std::string>& allowed, bool admitted = true) {
  return AnswerConnectionRequest(from, user, password, allowed, kCredentials, admitted);
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_allowed_list_admits_any_sender) {
  BOOST_TEST(JidAllowed("anyone@example.net/x", {}));
  BOOST_TEST((Answer("anyone@example.net/x", "cr-user", "cr-secret", {}) == XmppAnswer::kResult));
}

BOOST_AUTO_TEST_CASE(bare_entry_admits_every_resource_full_entry_only_itself) {
  const std::vector<std::string> allowed = {"acs@example.net", "ops@example.net/console"};
  BOOST_TEST(JidAllowed("acs@example.net/node-1", allowed));
  BOOST_TEST(JidAllowed("acs@example.net", allowed));
  BOOST_TEST(JidAllowed("ACS@Example.NET/node-2", allowed));  // local part and domain: no case
  BOOST_TEST(JidAllowed("ops@example.net/console", allowed));
  BOOST_TEST(!JidAllowed("ops@example.net/Console", allowed));  // resource: exact
  BOOST_TEST(!JidAllowed("ops@example.net/other", allowed));
  BOOST_TEST(!JidAllowed("ops@example.net", allowed));
  BOOST_TEST(!JidAllowed("acs@example.org/node-1", allowed));
  BOOST_TEST(!JidAllowed("xacs@example.net", allowed));
  BOOST_TEST(!JidAllowed("", allowed));
}

BOOST_AUTO_TEST_CASE(wrong_credentials_are_not_authorized) {
  const std::vector<std::string> allowed = {"acs@example.net"};
  BOOST_TEST(
      (Answer("acs@example.net/a", "cr-user", "wrong", allowed) == XmppAnswer::kNotAuthorized));
  BOOST_TEST(
      (Answer("acs@example.net/a", "other", "cr-secret", allowed) == XmppAnswer::kNotAuthorized));
  BOOST_TEST((Answer("acs@example.net/a", "", "", allowed) == XmppAnswer::kNotAuthorized));
  BOOST_TEST((Answer("acs@example.net/a", "cr-user", "cr-secret", allowed) == XmppAnswer::kResult));
}

// A sender that may not ask is refused before its credentials are looked at, so it cannot use
// the answers to guess them.
BOOST_AUTO_TEST_CASE(unlisted_sender_is_service_unavailable_whatever_the_credentials) {
  const std::vector<std::string> allowed = {"acs@example.net"};
  BOOST_TEST((Answer("evil@example.net/a", "cr-user", "cr-secret", allowed) ==
              XmppAnswer::kServiceUnavailable));
  BOOST_TEST((Answer("evil@example.net/a", "cr-user", "wrong", allowed) ==
              XmppAnswer::kServiceUnavailable));
}

BOOST_AUTO_TEST_CASE(request_beyond_the_budget_is_service_unavailable) {
  BOOST_TEST((Answer("acs@example.net/a", "cr-user", "cr-secret", {}, false) ==
              XmppAnswer::kServiceUnavailable));
  // Bad credentials stay not-authorized: the budget is only spent on valid requests.
  BOOST_TEST(
      (Answer("acs@example.net/a", "cr-user", "wrong", {}, false) == XmppAnswer::kNotAuthorized));
}

}  // namespace edgecwmp::cwmp
