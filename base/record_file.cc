// SPDX-License-Identifier: GPL-2.0-or-later
#include "base/record_file.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "base/file_io.h"

namespace edgecwmp {

namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '\t' || c == '\n' || c == '\r') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool Unescape(const std::string& s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      *out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return false;
    const int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
    if (hi < 0 || lo < 0) return false;
    *out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

std::string Checksum(const std::string& text) {  // FNV-1a, 32 bit
  uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    const size_t length = tab == std::string::npos ? std::string::npos : tab - start;
    fields.push_back(line.substr(start, length));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

}  // namespace

std::string EncodeRecords(const std::string& header, const std::vector<Record>& records) {
  std::string out = header + "\n";
  for (const Record& r : records) {
    std::string body;
    for (size_t i = 0; i < r.size(); ++i) body += (i ? "\t" : "") + Escape(r[i]);
    out += "R\t" + body + "\t" + Checksum(body) + "\n";
  }
  out += "END\t" + std::to_string(records.size()) + "\n";
  return out;
}

DecodedRecords DecodeRecords(const std::string& header, const std::string& data) {
  DecodedRecords out;
  std::istringstream in(data);
  std::string line;
  size_t line_no = 0, dropped = 0;
  bool header_ok = false, trailer = false;
  long declared = -1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line == header) {
      header_ok = true;
      continue;
    }
    if (trailer) {  // nothing may follow END
      ++dropped;
      continue;
    }
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() == 2 && f[0] == "END") {
      trailer = true;
      char* end = nullptr;
      declared = std::strtol(f[1].c_str(), &end, 10);
      if (f[1].empty() || *end != '\0') declared = -1;
      continue;
    }
    if (f.size() < 3 || f[0] != "R") {
      ++dropped;
      continue;
    }
    std::string body;
    for (size_t i = 1; i + 1 < f.size(); ++i) body += (i > 1 ? "\t" : "") + f[i];
    Record r(f.size() - 2);
    bool ok = Checksum(body) == f.back();
    for (size_t i = 0; ok && i < r.size(); ++i) ok = Unescape(f[i + 1], &r[i]);
    if (!ok) {
      ++dropped;
      continue;
    }
    out.records.push_back(std::move(r));
  }
  std::vector<std::string> notes;
  if (!header_ok) notes.push_back("missing or unknown header (expected '" + header + "')");
  if (dropped) notes.push_back(std::to_string(dropped) + " damaged line(s) dropped");
  if (!trailer) {
    notes.push_back("truncated (no END line)");
  } else if (declared != static_cast<long>(out.records.size() + dropped) &&
             declared != static_cast<long>(out.records.size())) {
    notes.push_back("END declares " + std::to_string(declared) + " record(s), found " +
                    std::to_string(out.records.size()));
  }
  out.damaged = !notes.empty();
  for (const std::string& n : notes) out.problems += (out.problems.empty() ? "" : "; ") + n;
  return out;
}

Status LoadRecordFile(const std::string& path, const std::string& header, DecodedRecords* out,
                      std::string* note) {
  namespace fs = std::filesystem;
  *out = DecodedRecords();
  if (note) note->clear();
  std::error_code ec;
  const std::string tmp = path + ".tmp";
  if (fs::exists(tmp, ec)) {
    fs::remove(tmp, ec);
    if (note) *note = "removed " + tmp + " left by an interrupted write";
  }
  if (!fs::exists(path, ec)) return Status::Ok();
  std::string data;
  Status s = ReadFile(path, &data);
  if (!s.ok()) {
    out->damaged = true;
    out->problems = "unreadable: " + s.ToString();
    return s;
  }
  *out = DecodeRecords(header, data);
  return Status::Ok();
}

Status SaveRecordFile(const std::string& path, const std::string& header,
                      const std::vector<Record>& records) {
  return WriteFileAtomic(path, EncodeRecords(header, records));
}

}  // namespace edgecwmp
