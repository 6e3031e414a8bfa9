// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/transport/udp_connection_request.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <cstdlib>

#include "cwmp/transport/digest_auth.h"

namespace edgecwmp::cwmp {

namespace {

constexpr size_t kMaxDatagram = 2048;  // GenieACS's are ~200 bytes; anything larger is not one

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 percent-decoding ('+' stays '+': GenieACS encodes with encodeURIComponent).
bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

bool AllDigits(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The query of "GET <uri> HTTP/1.1" on the first line.
bool RequestQuery(std::string_view datagram, std::string_view* query) {
  const size_t eol = datagram.find("\r\n");
  if (eol == std::string_view::npos) return false;
  std::string_view line = datagram.substr(0, eol);
  if (line.substr(0, 4) != "GET ") return false;
  line.remove_prefix(4);
  const size_t space = line.find(' ');
  if (space == std::string_view::npos || line.substr(space) != " HTTP/1.1") return false;
  std::string_view uri = line.substr(0, space);
  const size_t q = uri.find('?');
  if (q == std::string_view::npos) return false;
  *query = uri.substr(q + 1);
  return true;
}

}  // namespace

Status ParseUdpConnectionRequest(std::string_view datagram, UdpConnectionRequest* out) {
  if (datagram.size() > kMaxDatagram) return Status::InvalidValue("UDP request too long");
  std::string_view query;
  if (!RequestQuery(datagram, &query)) return Status::InvalidValue("not an HTTP/1.1 GET");
  *out = UdpConnectionRequest{};
  struct Field {
    const char* name;
    std::string* value;
    bool seen;
  } fields[] = {{"ts", &out->ts, false},
                {"id", &out->id, false},
                {"un", &out->un, false},
                {"cn", &out->cn, false},
                {"sig", &out->sig, false}};
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    for (Field& f : fields) {
      if (pair.substr(0, eq) != f.name) continue;
      // A repeated argument is ambiguous (which one was signed?): refuse it.
      if (f.seen || !PercentDecode(pair.substr(eq + 1), f.value)) {
        return Status::InvalidValue("bad UDP request argument");
      }
      f.seen = true;
    }
  }
  for (const Field& f : fields) {
    if (!f.seen) return Status::InvalidValue(std::string("UDP request without ") + f.name);
  }
  if (!AllDigits(out->ts)) return Status::InvalidValue("UDP request ts is not a number");
  return Status::Ok();
}

std::string UdpConnectionRequestSignature(const UdpConnectionRequest& request,
                                          const std::string& password) {
  const std::string text = request.ts + request.id + request.un + request.cn;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha1(), password.data(), static_cast<int>(password.size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &n);
  return Hex(mac, n);
}

std::string FormatUdpConnectionRequest(const UdpConnectionRequest& request, const std::string& host,
                                       uint16_t port) {
  const std::string authority = host + ":" + std::to_string(port);
  return "GET http://" + authority + "?ts=" + request.ts + "&id=" + request.id +
         "&un=" + request.un + "&cn=" + request.cn + "&sig=" + request.sig +
         " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
}

const char* UdpVerdictName(UdpVerdict verdict) {
  switch (verdict) {
    case UdpVerdict::kAccept:
      return "accepted";
    case UdpVerdict::kMalformed:
      return "malformed";
    case UdpVerdict::kWrongUser:
      return "wrong user name";
    case UdpVerdict::kBadSignature:
      return "bad signature";
    case UdpVerdict::kStale:
      return "ts outside the freshness window";
    case UdpVerdict::kReplay:
      return "id already accepted";
    case UdpVerdict::kTooMany:
      return "too many remembered ids";
  }
  return "?";
}

UdpConnectionRequestValidator::UdpConnectionRequestValidator(
    UdpConnectionRequestValidatorOptions options)
    : options_(options) {}

void UdpConnectionRequestValidator::Forget(int64_t now_unix) {
  for (auto it = seen_.begin(); it != seen_.end();) {
    if (std::llabs(now_unix - it->second) > options_.freshness_window_seconds) {
      it = seen_.erase(it);
    } else {
      ++it;
    }
  }
}

UdpVerdict UdpConnectionRequestValidator::Check(std::string_view datagram,
                                                const std::string& username,
                                                const std::string& password, int64_t now_unix) {
  UdpConnectionRequest request;
  if (!ParseUdpConnectionRequest(datagram, &request).ok()) return UdpVerdict::kMalformed;
  if (!SafeEquals(request.un, username)) return UdpVerdict::kWrongUser;
  std::string sig = request.sig;
  for (char& c : sig) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!SafeEquals(sig, UdpConnectionRequestSignature(request, password))) {
    return UdpVerdict::kBadSignature;
  }
  const int64_t ts = std::strtoll(request.ts.c_str(), nullptr, 10);
  if (std::llabs(now_unix - ts) > options_.freshness_window_seconds) return UdpVerdict::kStale;
  if (seen_.count(request.id)) return UdpVerdict::kReplay;
  if (seen_.size() >= options_.max_remembered_ids) Forget(now_unix);  // only when full: cheap
  if (seen_.size() >= options_.max_remembered_ids) return UdpVerdict::kTooMany;
  seen_.emplace(request.id, ts);
  return UdpVerdict::kAccept;
}

}  // namespace edgecwmp::cwmp
