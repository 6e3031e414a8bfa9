// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/fleet/genieacs_recordings.h"

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "base/file_io.h"
#include "base/http_headers.h"
#include "cwmp/fleet/acs_conformance.h"

namespace edgecwmp::cwmp::fleet::testing {

namespace {

// "NNN-<scenario>-<cpe|acs>-<what>.<ext>" split up; side "" for files of neither side.
struct RecordingName {
  std::string scenario, side, extension;
};

RecordingName Split(const std::string& file) {
  RecordingName n;
  n.extension = file.substr(file.rfind('.') + 1);
  const std::string rest = file.substr(file.find('-') + 1);
  for (const char* side : {"cpe", "acs"}) {
    const size_t at = rest.find(std::string("-") + side + "-");
    if (at != std::string::npos) {
      n.scenario = rest.substr(0, at);
      n.side = side;
      return n;
    }
  }
  // "106-nosession-empty-post-400.http": the answer to a session-less empty POST.
  n.scenario = rest.substr(0, rest.find("-empty-post"));
  return n;
}

struct HttpFile {
  long status = 0;
  HeaderList headers;
  std::string body;
};

// "HTTP 200\nName: value\n...\n\nbody"; false for anything else (e.g. a recorded GET).
bool ParseHttpFile(const std::string& text, HttpFile* out) {
  if (text.compare(0, 5, "HTTP ") != 0) return false;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  out->status = std::strtol(line.c_str() + 5, nullptr, 10);
  while (std::getline(in, line) && !line.empty() && line != "\r") {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    out->headers.emplace_back(line.substr(0, colon),
                              line.substr(line.find_first_not_of(' ', colon + 1)));
  }
  std::ostringstream body;
  body << in.rdbuf();
  out->body = body.str();
  return true;
}

HeaderList WithoutSessionHeaders(const HeaderList& headers) {
  HeaderList out;
  for (const auto& [name, value] : headers) {
    if (name != "Set-Cookie" && name != "Content-Length" && name != "Date") {
      out.emplace_back(name, value);
    }
  }
  return out;
}

// Builds one session's transcript file by file.
class SessionBuilder {
 public:
  explicit SessionBuilder(std::string scenario) { session_.scenario = std::move(scenario); }

  void CpePost(const std::string& body) {
    HttpExchange e;
    e.request_body = body;
    e.cpe_message = CwmpMessageName(body);
    e.request_headers = RequestHeaders(true);
    if (e.cpe_message == "Inform") session_.transcript.cpe_id = DeviceId(body);
    session_.transcript.exchanges.push_back(std::move(e));
  }

  void AcsHttp(const HttpFile& http) {
    HttpExchange& e = Answerable(false);
    awaiting_body_ = http.body.empty() && http.status != 204;
    e.status = http.status;
    e.response_headers = http.headers;
    e.response_body = http.body;
    e.acs_message = CwmpMessageName(http.body);
    if (http.status == 200 && soap_headers_.empty())
      soap_headers_ = WithoutSessionHeaders(http.headers);
    for (const auto& [name, value] : http.headers) {
      if (name == "Set-Cookie") cookie_ = value.substr(0, value.find(';'));
    }
  }

  void AcsBody(const std::string& body) {
    HttpExchange& e = Answerable(awaiting_body_);
    awaiting_body_ = false;
    if (e.status == 0) {
      e.status = 200;
      e.response_headers = soap_headers_;
    }
    e.response_body = body;
    e.acs_message = CwmpMessageName(body);
  }

  RecordedSession Finish() {
    auto& x = session_.transcript.exchanges;
    session_.transcript.completed = !x.empty() && x.back().response_body.empty() &&
                                    (x.back().status == 204 || x.back().status == 200) &&
                                    x.back().cpe_message != "Inform";
    return std::move(session_);
  }

 private:
  // The exchange an answer belongs to: the last POST while it has no answer yet (or, for a body,
  // while its .http file came without one), else the CPE's empty POST the recording leaves
  // implicit.
  HttpExchange& Answerable(bool body_of_last) {
    auto& x = session_.transcript.exchanges;
    const bool open = !x.empty() && (x.back().status == 0 || body_of_last);
    if (!open) {
      HttpExchange empty_post;
      empty_post.request_headers = RequestHeaders(false);
      x.push_back(std::move(empty_post));
    }
    return x.back();
  }

  HeaderList RequestHeaders(bool soap) const {
    HeaderList h;
    if (soap) h = {{"Content-Type", "text/xml; charset=\"utf-8\""}, {"SOAPAction", ""}};
    if (!cookie_.empty()) h.emplace_back("Cookie", cookie_);
    return h;
  }

  static std::string Between(const std::string& text, const std::string& open,
                             const std::string& close) {
    const size_t b = text.find(open);
    if (b == std::string::npos) return "";
    const size_t e = text.find(close, b + open.size());
    return text.substr(b + open.size(), e - b - open.size());
  }

  static std::string DeviceId(const std::string& inform) {
    return Between(inform, "<OUI>", "</OUI>") + "-" +
           Between(inform, "<ProductClass>", "</ProductClass>") + "-" +
           Between(inform, "<SerialNumber>", "</SerialNumber>");
  }

  RecordedSession session_;
  HeaderList soap_headers_;
  std::string cookie_;          // "session=<hex>" once the ACS set it
  bool awaiting_body_ = false;  // the last .http had no body: the next .xml is it
};

}  // namespace

std::string GenieAcsRecordingDir() {
  const char* dir = std::getenv("EDGECWMP_SHARED_DIR");
  return std::string(dir ? dir : "../shared") + "/interop/genieacs";
}

Status LoadGenieAcsSessions(const std::string& dir, std::vector<RecordedSession>* out) {
  std::vector<std::string> files;
  DIR* d = opendir(dir.c_str());
  if (!d) return Status::NotFound("no recordings in " + dir);
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) files.push_back(name);
  }
  closedir(d);
  std::sort(files.begin(), files.end());

  std::optional<SessionBuilder> current;
  std::string current_scenario;
  for (const std::string& file : files) {
    const RecordingName n = Split(file);
    if (n.extension != "xml" && n.extension != "http") continue;  // NBI results
    std::string text;
    if (Status s = ReadFile(dir + "/" + file, &text); !s.ok()) return s;
    HttpFile http;
    if (n.extension == "http" && !ParseHttpFile(text, &http)) continue;  // connection requests
    if (!current || n.scenario != current_scenario) {
      if (current) out->push_back(current->Finish());
      current.emplace(n.scenario);
      current_scenario = n.scenario;
    }
    if (n.side == "cpe") {
      current->CpePost(text);
    } else if (n.extension == "http") {
      current->AcsHttp(http);
    } else {
      current->AcsBody(text);
    }
  }
  if (current) out->push_back(current->Finish());
  return Status::Ok();
}

}  // namespace edgecwmp::cwmp::fleet::testing
