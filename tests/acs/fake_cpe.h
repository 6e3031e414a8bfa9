// SPDX-License-Identifier: GPL-2.0-or-later
// FakeCpe: the CPE side of the test ACS's own tests, a libcurl client on one easy handle (so one
// keep-alive TCP connection unless told otherwise) that keeps the session cookie by hand so a
// test can choose to leave it out.
#ifndef EDGECWMP_TESTS_ACS_FAKE_CPE_H_
#define EDGECWMP_TESTS_ACS_FAKE_CPE_H_

#include <map>
#include <string>

namespace edgecwmp::acs {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, last value wins
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

class FakeCpe {
 public:
  explicit FakeCpe(std::string url);
  ~FakeCpe();
  FakeCpe(const FakeCpe&) = delete;
  FakeCpe& operator=(const FakeCpe&) = delete;

  // POSTs `body` (text/xml; empty = the empty POST). Sends the stored session cookie when
  // `send_cookie`; stores a Set-Cookie session=... it gets back. `authorization` is sent as is.
  HttpResult Post(const std::string& body, bool send_cookie = true,
                  const std::string& authorization = "");
  // Verifies an https ACS against this CA file (PEM).
  void UseCaFile(const std::string& path);
  // Lets libcurl answer Basic/Digest challenges itself on this handle.
  void UseCurlAuth(const std::string& username, const std::string& password);

  const std::string& cookie() const { return cookie_; }

 private:
  std::string url_;
  void* curl_;
  std::string cookie_;
};

// A file of ../shared/interop/genieacs (EDGECWMP_SHARED_DIR).
std::string Recording(const std::string& name);

// Replaces the text of the first <cwmp:ID ...>…</cwmp:ID> of `xml` with `id`.
std::string WithId(const std::string& xml, const std::string& id);
// The text of the first cwmp:ID of `xml`.
std::string IdOf(const std::string& xml);

}  // namespace edgecwmp::acs

#endif  // EDGECWMP_TESTS_ACS_FAKE_CPE_H_
