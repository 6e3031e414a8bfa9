// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/diagnostics/ns_lookup.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "tr181/diagnostics/net_util.h"

namespace edgecwmp::tr181 {
namespace {

using Clock = std::chrono::steady_clock;

// Adds the A / AAAA records of one answer to |answer|; false when it does not parse.
bool ParseAnswer(const unsigned char* message, int length, NsLookupAnswer* answer) {
  ns_msg handle;
  if (ns_initparse(message, length, &handle) < 0) return false;
  answer->answer_type = ns_msg_getflag(handle, ns_f_aa) ? "Authoritative" : "NonAuthoritative";
  for (int i = 0; i < ns_msg_count(handle, ns_s_an); ++i) {
    ns_rr rr;
    if (ns_parserr(&handle, ns_s_an, i, &rr) < 0) return false;
    char text[INET6_ADDRSTRLEN] = {};
    const int family = ns_rr_type(rr) == ns_t_a      ? AF_INET
                       : ns_rr_type(rr) == ns_t_aaaa ? AF_INET6
                                                     : 0;
    if (family == 0) continue;  // CNAMEs: the address records name the final host
    if (inet_ntop(family, ns_rr_rdata(rr), text, sizeof text) == nullptr) continue;
    answer->host_name_returned = ns_rr_name(rr);
    if (answer->addresses.size() < 10) answer->addresses.push_back(text);  // maxItems 10
  }
  return true;
}

// Points |state| at |server| alone. False when the server is neither an IPv4 address nor a name.
bool UseServer(const std::string& server, res_state state, std::string* server_ip) {
  if (server.empty()) {
    if (state->nscount > 0)
      *server_ip = AddressText(reinterpret_cast<const sockaddr*>(&state->nsaddr_list[0]));
    return true;
  }
  sockaddr_storage address{};
  socklen_t length = 0;
  if (!ResolveHost(server, "IPv4", &address, &length)) return false;
  auto* in = reinterpret_cast<sockaddr_in*>(&address);
  in->sin_port = htons(NS_DEFAULTPORT);
  state->nscount = 1;
  std::memcpy(&state->nsaddr_list[0], in, sizeof *in);
  *server_ip = AddressText(reinterpret_cast<const sockaddr*>(in));
  return true;
}

NsLookupAnswer QueryOnce(res_state state, const std::string& host) {
  NsLookupAnswer answer;
  unsigned char buffer[NS_PACKETSZ * 4];
  const Clock::time_point start = Clock::now();
  bool any = false;
  int last_error = 0;
  bool timed_out = false;
  for (int type : {int{ns_t_a}, int{ns_t_aaaa}}) {
    errno = 0;
    const int length = res_nquery(state, host.c_str(), ns_c_in, type, buffer, sizeof buffer);
    if (length < 0) {
      last_error = state->res_h_errno;
      timed_out = errno == ETIMEDOUT;
      continue;
    }
    any = ParseAnswer(buffer, length, &answer) || any;
  }
  answer.response_ms = static_cast<uint32_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
  if (!answer.addresses.empty()) return answer;
  answer.answer_type = any ? answer.answer_type : "None";
  if (any || last_error == HOST_NOT_FOUND || last_error == NO_DATA) {
    answer.status = "Error_HostNameNotResolved";
  } else if (last_error == TRY_AGAIN) {
    // No answer in time, or an answer that refused (SERVFAIL, REFUSED, port unreachable).
    answer.status = timed_out ? "Error_Timeout" : "Error_DNSServerNotAvailable";
  } else {
    answer.status = "Error_Other";
  }
  return answer;
}

}  // namespace

NsLookupResult RunNsLookup(const NsLookupRequest& request, const CancelToken& cancel) {
  NsLookupResult result;
  struct __res_state state;
  std::memset(&state, 0, sizeof state);
  if (res_ninit(&state) != 0) {
    result.state = "Error_Internal";
    return result;
  }
  std::string server_ip;
  if (!UseServer(request.dns_server, &state, &server_ip)) {
    res_nclose(&state);
    result.state = "Error_DNSServerNotResolved";
    return result;
  }
  state.retrans = static_cast<int>((request.timeout_ms + 999) / 1000);
  state.retry = 1;
  state.options &= ~RES_DNSRCH;  // the name as given, no search-list suffixes
  for (uint32_t n = 0; n < request.repetitions && !cancel.canceled(); ++n) {
    NsLookupAnswer answer = QueryOnce(&state, request.host_name);
    answer.dns_server_ip = server_ip;
    if (answer.status == "Success") ++result.success;
    result.answers.push_back(std::move(answer));
  }
  res_nclose(&state);
  return result;
}

DiagnosticRun NsLookupRun() {
  return [](const DiagnosticValues& in, const CancelToken& cancel) {
    NsLookupRequest request;
    request.host_name = in.at("HostName");
    request.dns_server = in.at("DNSServer");
    request.timeout_ms = static_cast<uint32_t>(std::stoul(in.at("Timeout")));
    request.repetitions = static_cast<uint32_t>(std::stoul(in.at("NumberOfRepetitions")));
    const NsLookupResult r = RunNsLookup(request, cancel);
    DiagnosticOutcome out;
    out.state = r.state;
    if (r.state != "Complete") return out;
    out.results["SuccessCount"] = std::to_string(r.success);
    out.results["ResultNumberOfEntries"] = std::to_string(r.answers.size());
    for (size_t i = 0; i < r.answers.size(); ++i) {
      const NsLookupAnswer& a = r.answers[i];
      const std::string row = "Result." + std::to_string(i + 1) + ".";
      std::string addresses;
      for (const std::string& address : a.addresses) {
        addresses += (addresses.empty() ? "" : ",") + address;
      }
      out.results[row + "Status"] = a.status;
      out.results[row + "AnswerType"] = a.answer_type;
      out.results[row + "HostNameReturned"] = a.host_name_returned;
      out.results[row + "IPAddresses"] = addresses;
      out.results[row + "DNSServerIP"] = a.dns_server_ip;
      out.results[row + "ResponseTime"] = std::to_string(a.response_ms);
    }
    return out;
  };
}

}  // namespace edgecwmp::tr181
