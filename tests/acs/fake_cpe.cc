// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/fake_cpe.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace edgecwmp::acs {

namespace {

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  if (line.compare(0, 5, "HTTP/") == 0) headers->clear();  // a new response (after a 401)
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*headers)[name] = value;
  }
  return size * n;
}

}  // namespace

FakeCpe::FakeCpe(std::string url) : url_(std::move(url)), curl_(curl_easy_init()) {}

FakeCpe::~FakeCpe() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

void FakeCpe::UseCaFile(const std::string& path) {
  curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_CAINFO, path.c_str());
}

void FakeCpe::UseCurlAuth(const std::string& username, const std::string& password) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC | CURLAUTH_DIGEST);
  curl_easy_setopt(c, CURLOPT_USERNAME, username.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
}

HttpResult FakeCpe::Post(const std::string& body, bool send_cookie,
                         const std::string& authorization) {
  CURL* c = static_cast<CURL*>(curl_);
  HttpResult result;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: text/xml; charset=\"utf-8\"");
  headers = curl_slist_append(headers, "Expect:");
  if (send_cookie && !cookie_.empty())
    headers = curl_slist_append(headers, ("Cookie: session=" + cookie_).c_str());
  if (!authorization.empty())
    headers = curl_slist_append(headers, ("Authorization: " + authorization).c_str());
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) throw std::runtime_error(std::string("POST: ") + curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  std::string set_cookie = result.Header("set-cookie");
  if (set_cookie.compare(0, 8, "session=") == 0)
    cookie_ = set_cookie.substr(8, set_cookie.find(';') - 8);
  return result;
}

std::string Recording(const std::string& name) {
  const char* dir = std::getenv("EDGECWMP_SHARED_DIR");
  std::string path = std::string(dir ? dir : "../shared") + "/interop/genieacs/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string WithId(const std::string& xml, const std::string& id) {
  size_t open = xml.find("<cwmp:ID");
  if (open == std::string::npos) return xml;
  size_t start = xml.find('>', open) + 1;
  size_t end = xml.find("</cwmp:ID>", start);
  return xml.substr(0, start) + id + xml.substr(end);
}

std::string IdOf(const std::string& xml) {
  size_t open = xml.find("<cwmp:ID");
  if (open == std::string::npos) return "";
  size_t start = xml.find('>', open) + 1;
  return xml.substr(start, xml.find("</cwmp:ID>", start) - start);
}

}  // namespace edgecwmp::acs
