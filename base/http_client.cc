// SPDX-License-Identifier: GPL-2.0-or-later
// libcurl plumbing shared by HttpSession and HttpFetch: a Transfer collects the final response's
// status line, headers and (size-capped) body through curl's callbacks; ApplyCommon sets the
// options both users need (timeouts, TLS, auth, the callbacks).
#include "base/http_client.h"

#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>

#include "base/http_headers.h"

namespace edgecwmp {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlList {
  curl_slist* list = nullptr;
  ~CurlList() { curl_slist_free_all(list); }
  void Add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

// Receives one transfer's output. A new status line (after a 401 challenge, a 100 Continue) starts
// the response over, so only the final response remains.
// True when a response's challenges offer Basic but no Digest.
bool OffersOnlyBasic(const std::vector<std::pair<std::string, std::string>>& headers) {
  bool basic = false;
  for (const auto& [name, value] : headers) {
    if (!boost::beast::iequals(name, "WWW-Authenticate")) continue;
    const std::string scheme = value.substr(0, value.find(' '));
    if (boost::beast::iequals(scheme, "Digest")) return false;
    basic = basic || boost::beast::iequals(scheme, "Basic");
  }
  return basic;
}

struct Transfer {
  size_t max_bytes = 0;
  size_t received = 0;
  bool too_large = false;
  std::string body;
  std::FILE* file = nullptr;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set per request: a 401 offering Basic but no Digest ends the transfer before curl answers it.
  bool refuse_basic_only = false;
  bool refused_basic = false;  // that happened

  void Restart() {
    headers.clear();
    body.clear();
    received = 0;
    if (file) {
      std::fflush(file);
      std::rewind(file);
      (void)!ftruncate(fileno(file), 0);  // a failure shows up as a short write later
    }
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    if (t->received + n > t->max_bytes) {
      t->too_large = true;
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->received += n;
    if (t->file) return std::fwrite(data, 1, n, t->file);
    t->body.append(data, n);
    return n;
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (line.rfind("HTTP/", 0) == 0) {
      t->Restart();
    } else if (line == "\r\n" || line == "\n") {
      // The end of a response's head: curl has not yet re-sent the request with credentials.
      if (t->refuse_basic_only && OffersOnlyBasic(t->headers)) {
        t->refused_basic = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
      }
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
      t->headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                              std::string(Trim(line.substr(colon + 1))));
    }
    return n;
  }
};

void ApplyTls(CURL* curl, const TlsClientOptions& tls) {
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, tls.verify ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, tls.verify ? 2L : 0L);
  if (!tls.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, tls.ca_file.c_str());
  if (!tls.ca_path.empty()) curl_easy_setopt(curl, CURLOPT_CAPATH, tls.ca_path.c_str());
  if (!tls.client_cert.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERT, tls.client_cert.c_str());
  if (!tls.client_key.empty()) curl_easy_setopt(curl, CURLOPT_SSLKEY, tls.client_key.c_str());
}

struct CommonOptions {
  const TlsClientOptions* tls;
  const std::string* user_agent;
  long connect_timeout_ms;
  long timeout_ms;
  size_t max_bytes;
};

void ApplyCommon(CURL* curl, const CommonOptions& o, Transfer* transfer, char* error_buffer) {
  transfer->max_bytes = o.max_bytes;
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, o.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, o.user_agent->c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // CWMP runs over HTTP/1.1 (TR-069 3.4); no HTTP/2 via ALPN on https URLs.
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, transfer);
  ApplyTls(curl, *o.tls);
}

// Credentials for the next request, answered only to a challenge in one of |schemes| (curl waits
// for the challenge, so a password never goes out unprompted); CURLAUTH_NONE sends none.
void ApplyCredentials(CURL* curl, unsigned long schemes, const std::string& username,
                      const std::string& password) {
  const bool send = schemes != CURLAUTH_NONE && !username.empty();
  if (send) curl_easy_setopt(curl, CURLOPT_HTTPAUTH, schemes);
  curl_easy_setopt(curl, CURLOPT_USERNAME, send ? username.c_str() : nullptr);
  curl_easy_setopt(curl, CURLOPT_PASSWORD, send ? password.c_str() : nullptr);
}

// Parses url with curl's parser; null when it does not parse.
std::unique_ptr<CURLU, void (*)(CURLU*)> ParseUrl(const std::string& url) {
  std::unique_ptr<CURLU, void (*)(CURLU*)> u(curl_url(), &curl_url_cleanup);
  if (u && curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) u.reset();
  return u;
}

std::string UrlPart(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* text = nullptr;
  std::string value;
  if (curl_url_get(u, part, &text, flags) == CURLUE_OK && text) value = text;
  curl_free(text);
  return value;
}

// "scheme://host:port" (RFC 6454 origin), lower-cased, the scheme's default port filled in; ""
// when url does not parse (and then matches nothing).
std::string Origin(const std::string& url) {
  auto u = ParseUrl(url);
  if (!u) return "";
  std::string origin = UrlPart(u.get(), CURLUPART_SCHEME) + "://" +
                       UrlPart(u.get(), CURLUPART_HOST) + ":" +
                       UrlPart(u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return origin;
}

// url without user name and password: curl writes the credentials in use into the redirect URL
// it resolves from a relative Location, and a URL gets logged.
std::string WithoutUserInfo(const std::string& url) {
  auto u = ParseUrl(url);
  if (!u) return url;
  curl_url_set(u.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(u.get(), CURLUPART_PASSWORD, nullptr, 0);
  return UrlPart(u.get(), CURLUPART_URL);
}

// Runs the transfer and turns its outcome into a Status plus the filled response.
Status Perform(CURL* curl, Transfer* transfer, const char* error_buffer, HttpResponse* out) {
  transfer->Restart();
  transfer->too_large = false;
  CURLcode rc = curl_easy_perform(curl);
  if (transfer->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    return Status::ResourcesExceeded("HTTP response larger than " +
                                     std::to_string(transfer->max_bytes) + " bytes refused");
  }
  if (rc != CURLE_OK) {
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
    return Status::Internal("HTTP transfer failed: " + detail);
  }
  *out = HttpResponse{};
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->status);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  if (effective) out->effective_url = WithoutUserInfo(effective);
  out->headers = std::move(transfer->headers);
  out->body = std::move(transfer->body);
  out->content_type = out->Header("Content-Type");
  std::string connection = out->Header("Connection");
  out->connection_close = connection.find("close") != std::string::npos ||
                          connection.find("Close") != std::string::npos;
  std::string retry_after = out->Header("Retry-After");
  if (!retry_after.empty()) {
    out->retry_after_seconds =
        ParseRetryAfter(retry_after, static_cast<int64_t>(std::time(nullptr)));
  }
  return Status::Ok();
}

bool IsSessionRedirect(long status) {
  return status == 301 || status == 302 || status == 307;  // TR-069 3.4.5
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const { return FindHeader(headers, name); }

std::optional<uint32_t> ParseRetryAfter(std::string_view value, int64_t now_unix) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  bool digits = true;
  for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (digits) {
    if (value.size() > 9) return UINT32_MAX;
    return static_cast<uint32_t>(std::stoul(std::string(value)));
  }
  time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return std::nullopt;
  int64_t delta = static_cast<int64_t>(when) - now_unix;
  if (delta < 0) delta = 0;
  if (delta > UINT32_MAX) delta = UINT32_MAX;
  return static_cast<uint32_t>(delta);
}

// ---------------------------------------------------------------------------------------------
// HttpSession

struct HttpSession::Rep {
  HttpClientConfig config;
  std::string acs_origin;
  std::string url;
  int redirects = 0;
  long connections = 0;
  CURL* curl = nullptr;
  Transfer transfer;
  char error_buffer[CURL_ERROR_SIZE] = {};

  // TR-069 3.4.5 redirects may lead anywhere: the ACS credentials go to acs.url's origin only, and
  // Basic (the password in clear text) only over https unless the operator allowed it.
  unsigned long SchemesFor(const std::string& target) const {
    const std::string origin = Origin(target);
    if (origin.empty() || origin != acs_origin) return CURLAUTH_NONE;
    return CURLAUTH_BASIC | CURLAUTH_DIGEST;
  }
  // Over plain http Basic would put the password on the wire in clear text. Asking curl for
  // Digest alone is no answer: it then picks Digest before any challenge and probes with an empty
  // POST, which an ACS that wants no authentication (GenieACS's default) rejects as an empty
  // message without a session. So curl keeps both schemes and the head of a Basic-only 401 stops
  // the transfer before curl can answer it.
  bool RefusesBasic(const std::string& target) const {
    return !config.allow_basic_over_http && Origin(target).rfind("https:", 0) != 0;
  }
};

HttpSession::HttpSession(HttpClientConfig config) : rep_(new Rep) {
  GlobalInit();
  rep_->config = std::move(config);
  rep_->url = rep_->config.url;
  rep_->acs_origin = Origin(rep_->config.url);
  rep_->curl = curl_easy_init();
  CURL* curl = rep_->curl;
  if (!curl) return;
  const HttpClientConfig& c = rep_->config;
  ApplyCommon(
      curl,
      {&c.tls, &c.user_agent, c.connect_timeout_ms, c.request_timeout_ms, c.max_response_bytes},
      &rep_->transfer, rep_->error_buffer);
  curl_easy_setopt(curl, CURLOPT_COOKIEFILE, "");  // in-memory cookie engine for this session
  curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 0L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are ours (TR-069 3.4.5)
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
}

HttpSession::~HttpSession() {
  if (rep_->curl) curl_easy_cleanup(rep_->curl);
}

const std::string& HttpSession::url() const { return rep_->url; }
int HttpSession::redirects() const { return rep_->redirects; }
long HttpSession::connections_opened() const { return rep_->connections; }

std::vector<std::pair<std::string, std::string>> HttpSession::cookies() const {
  std::vector<std::pair<std::string, std::string>> out;
  curl_slist* list = nullptr;
  if (!rep_->curl || curl_easy_getinfo(rep_->curl, CURLINFO_COOKIELIST, &list) != CURLE_OK) {
    return out;
  }
  // Netscape cookie-file lines: domain, subdomains, path, secure, expiry, name, value (tabs).
  for (curl_slist* l = list; l; l = l->next) {
    std::vector<std::string> fields;
    std::string_view line = l->data;
    for (size_t start = 0;;) {
      const size_t tab = line.find('\t', start);
      fields.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields.size() >= 7) out.emplace_back(fields[5], fields[6]);
  }
  curl_slist_free_all(list);
  return out;
}

Status HttpSession::Post(std::string_view body, HttpResponse* out, std::string_view soap_action) {
  Rep& r = *rep_;
  if (!r.curl) return Status::Internal("curl_easy_init failed");
  CURL* curl = r.curl;
  // TR-069 3.4.1: a SOAP envelope travels as text/xml with a SOAPAction header; the empty POST
  // carries neither. "Expect:" keeps curl from waiting for a 100 Continue.
  CurlList headers;
  headers.Add("Expect:");
  if (body.empty()) {
    headers.Add("Content-Type:");  // drop curl's default form type
  } else {
    headers.Add("Content-Type: text/xml; charset=\"utf-8\"");
    if (soap_action.empty()) {
      headers.Add("SOAPAction;");  // curl syntax for a header with an empty value
    } else {
      headers.Add("SOAPAction: \"" + std::string(soap_action) + "\"");
    }
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));

  for (;;) {
    curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
    const unsigned long schemes = r.SchemesFor(r.url);
    ApplyCredentials(curl, schemes, r.config.username, r.config.password);
    r.transfer.refuse_basic_only = schemes != CURLAUTH_NONE && r.RefusesBasic(r.url);
    r.transfer.refused_basic = false;
    r.error_buffer[0] = '\0';
    Status status = Perform(curl, &r.transfer, r.error_buffer, out);
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    r.connections += connects;
    if (r.transfer.refused_basic) {
      return Status::RequestDenied(
          "the ACS at " + Origin(r.url) + " offers only HTTP Basic authentication, which over " +
          "plain http would send the ACS password in clear text; use an https acs.url, enable " +
          "Digest on the ACS, or set [acs] allow_basic_over_http = true to accept the risk");
    }
    if (!status.ok()) return status;
    if (!IsSessionRedirect(out->status)) return status;
    // TR-069 3.4.5: follow 301/302/307 within this session, re-sending the same POST; the new URL
    // holds for the rest of the session only and never changes ManagementServer.URL.
    char* location = nullptr;
    curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
    if (!location || !*location) return status;  // a 3xx without Location is just a response
    if (r.redirects >= r.config.max_redirects) {
      return Status::Internal("too many HTTP redirects (" + std::to_string(r.redirects) + ")");
    }
    ++r.redirects;
    r.url = WithoutUserInfo(location);
  }
}

// ---------------------------------------------------------------------------------------------
// HttpFetch

namespace {

size_t ReadFromFile(char* buffer, size_t size, size_t count, void* user) {
  return std::fread(buffer, 1, size * count, static_cast<std::FILE*>(user));
}

// libcurl rewinds the body when an auth challenge (Digest, or Basic after a 401) makes it send
// the request again; without this an upload from a file to a protected server fails.
int SeekInFile(void* user, curl_off_t offset, int origin) {
  return std::fseek(static_cast<std::FILE*>(user), static_cast<long>(offset), origin) == 0
             ? CURL_SEEKFUNC_OK
             : CURL_SEEKFUNC_FAIL;
}

struct FileCloser {
  std::FILE* file = nullptr;
  ~FileCloser() {
    if (file) std::fclose(file);
  }
};

}  // namespace

Status HttpFetch(const HttpFetchRequest& request, HttpResponse* response) {
  GlobalInit();
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("curl_easy_init failed");
  struct Cleanup {
    CURL* c;
    ~Cleanup() { curl_easy_cleanup(c); }
  } cleanup{curl};

  Transfer transfer;
  char error_buffer[CURL_ERROR_SIZE] = {};
  ApplyCommon(curl,
              {&request.tls, &request.user_agent, request.connect_timeout_ms, request.timeout_ms,
               request.max_response_bytes},
              &transfer, error_buffer);
  ApplyCredentials(curl, CURLAUTH_BASIC | CURLAUTH_DIGEST, request.username, request.password);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  if (!request.unix_socket_path.empty()) {
    curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, request.unix_socket_path.c_str());
  }
  const char* protocols = request.https_only ? "https" : "http,https";
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols);
  if (request.follow_redirects) {
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(request.max_redirects));
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
    // curl sends the credentials only to the first URL's scheme, host and port; never elsewhere.
    curl_easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
  }

  CurlList headers;
  headers.Add("Expect:");
  for (const auto& [key, value] : request.headers) {
    headers.Add(value.empty() ? key + ";" : key + ": " + value);
  }
  if (!request.bearer_token.empty()) headers.Add("Authorization: Bearer " + request.bearer_token);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);

  FileCloser input;
  if (!request.input_file.empty()) {
    input.file = std::fopen(request.input_file.c_str(), "rb");
    if (!input.file) return Status::NotFound("cannot open " + request.input_file);
    struct stat st {};
    if (fstat(fileno(input.file), &st) != 0) return Status::Internal("stat " + request.input_file);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadFromFile);
    curl_easy_setopt(curl, CURLOPT_READDATA, input.file);
    curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, &SeekInFile);
    curl_easy_setopt(curl, CURLOPT_SEEKDATA, input.file);
    if (request.method == "PUT") {
      curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(st.st_size));
    } else {
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(st.st_size));
      if (request.method != "POST") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      }
    }
  } else if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    if (request.method != "POST") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (request.method == "POST" || !request.body.empty()) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    }
  }

  FileCloser output;
  if (!request.output_file.empty()) {
    output.file = std::fopen(request.output_file.c_str(), "wb");
    if (!output.file) return Status::Internal("cannot create " + request.output_file);
    transfer.file = output.file;
  }
  Status status = Perform(curl, &transfer, error_buffer, response);
  if (output.file) {
    bool flushed = std::fflush(output.file) == 0 && !std::ferror(output.file);
    std::fclose(output.file);
    output.file = nullptr;
    if (status.ok() && !flushed) status = Status::Internal("write failed: " + request.output_file);
    if (!status.ok()) std::remove(request.output_file.c_str());
  }
  return status;
}

std::string UrlEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace edgecwmp
