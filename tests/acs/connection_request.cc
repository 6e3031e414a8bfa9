// SPDX-License-Identifier: GPL-2.0-or-later
// The ACS side of a Connection Request (TR-069 3.2.2), as GenieACS 1.2.16 sends it.
#include <curl/curl.h>

#include <thread>

#include "tests/acs/test_acs.h"

namespace edgecwmp::acs {

namespace {

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

}  // namespace

ConnectionRequestResult SendConnectionRequest(const std::string& url, const std::string& username,
                                              const std::string& password,
                                              std::chrono::milliseconds timeout) {
  ConnectionRequestResult result;
  if (url.compare(0, 7, "http://") != 0) {
    result.error = "only http:// connection request URLs are supported";  // as GenieACS
    return result;
  }
  CURL* curl = curl_easy_init();
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_PROXY, "");  // never through a proxy from the environment
  if (!username.empty() || !password.empty()) {
    // Probe first, then answer whichever challenge the CPE sends (GenieACS: Basic or Digest).
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC | CURLAUTH_DIGEST);
    curl_easy_setopt(curl, CURLOPT_USERNAME, username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.http_status);
    result.success = result.http_status == 200 || result.http_status == 204;
    if (!result.success) result.error = "HTTP " + std::to_string(result.http_status);
  } else {
    result.error = curl_easy_strerror(rc);
  }
  curl_easy_cleanup(curl);
  return result;
}

ConnectionRequestResult SendAcceptedConnectionRequest(const std::string& url,
                                                      const std::string& username,
                                                      const std::string& password,
                                                      std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    ConnectionRequestResult result = SendConnectionRequest(url, username, password);
    const bool busy = result.http_status == 503 || result.http_status == 0;
    if (result.success || !busy || std::chrono::steady_clock::now() >= until) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace edgecwmp::acs
