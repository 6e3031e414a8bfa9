// SPDX-License-Identifier: GPL-2.0-or-later
// The Broadband Forum schemas $EDGECWMP_SHARED_DIR/bbf/cwmp-1-N.xsd made usable offline for
// xmllint: copied into a temporary directory with their SOAP envelope/encoding imports pointed at
// the stand-ins in tests/codec/xsd/ (the real ones are never fetched). Header-only: codec_tests and
// the end-to-end tests share it without sharing a library.
#ifndef EDGECWMP_TESTS_CODEC_OFFLINE_XSD_H_
#define EDGECWMP_TESTS_CODEC_OFFLINE_XSD_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace edgecwmp::testing {

inline void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (size_t pos = s->find(from); pos != std::string::npos; pos = s->find(from, pos + to.size())) {
    s->replace(pos, from.size(), to);
  }
}

// A temporary directory holding the stand-ins and offline copies of cwmp-1-0…1-4.xsd; removed,
// with whatever else was written there, when the object goes.
class OfflineCwmpSchemas {
 public:
  // |tag| names the directory: <tmp>/edgecwmp-<tag>-<pid>.
  explicit OfflineCwmpSchemas(const std::string& tag) {
    namespace fs = std::filesystem;
    dir_ = fs::temp_directory_path() / ("edgecwmp-" + tag + "-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const std::string stand_ins = Env("EDGECWMP_SOURCE_DIR") + "/tests/codec/xsd/";
    for (const char* name : {"soap-envelope.xsd", "soap-encoding.xsd"}) {
      fs::copy_file(stand_ins + name, dir_ / name, fs::copy_options::overwrite_existing);
    }
    for (int minor = 0; minor <= 4; ++minor) {
      const std::string source = Env("EDGECWMP_SHARED_DIR") + "/bbf/" + Name(minor);
      std::ifstream in(source, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + source);
      std::string xsd{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      ReplaceAll(&xsd, "schemaLocation=\"http://schemas.xmlsoap.org/soap/envelope/\"",
                 "schemaLocation=\"" + (dir_ / "soap-envelope.xsd").string() + "\"");
      ReplaceAll(&xsd, "schemaLocation=\"http://schemas.xmlsoap.org/soap/encoding/\"",
                 "schemaLocation=\"" + (dir_ / "soap-encoding.xsd").string() + "\"");
      ReplaceAll(&xsd, "schemaLocation=\"http://www.broadband-forum.org/cwmp/",
                 "schemaLocation=\"" + dir_.string() + "/");
      std::ofstream(dir_ / Name(minor), std::ios::binary) << xsd;
    }
  }
  ~OfflineCwmpSchemas() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  OfflineCwmpSchemas(const OfflineCwmpSchemas&) = delete;
  OfflineCwmpSchemas& operator=(const OfflineCwmpSchemas&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path Xsd(int minor) const { return dir_ / Name(minor); }

  // Runs xmllint on |files| against cwmp-1-|minor|.xsd; returns what it printed and sets *ok from
  // its exit status.
  std::string Validate(int minor, const std::vector<std::string>& files, bool* ok) const {
    std::string cmd = "xmllint --noout --nonet --schema '" + Xsd(minor).string() + "'";
    for (const std::string& f : files) cmd += " '" + f + "'";
    cmd += " 2>&1";
    *ok = false;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return "cannot run xmllint";
    std::string output;
    char buf[4096];
    size_t got;
    while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, got);
    *ok = ::pclose(p) == 0;
    return output;
  }

 private:
  static std::string Env(const char* name) {  // set by edgecwmp_test
    const char* v = std::getenv(name);
    if (v == nullptr) throw std::runtime_error(std::string(name) + " is not set");
    return v;
  }
  static std::string Name(int minor) { return "cwmp-1-" + std::to_string(minor) + ".xsd"; }

  std::filesystem::path dir_;
};

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_CODEC_OFFLINE_XSD_H_
