// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/definitions.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace edgecwmp::tr181 {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMainFile = "device.xml";

bool HoldsDefinitions(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_regular_file(dir / kMainFile, ec);
}

std::vector<std::string> XmlFilesIn(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return files;
  for (const fs::directory_entry& entry : it) {
    if (entry.path().extension() == ".xml" && entry.is_regular_file(ec)) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Where to look when no directory is given, in order.
std::vector<fs::path> Candidates() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("EDGECWMP_DEFINITIONS_DIR"); env != nullptr && *env) {
    candidates.emplace_back(env);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share/edgecwmp/tr181");
#ifdef EDGECWMP_TR181_SOURCE_DIR
  candidates.emplace_back(EDGECWMP_TR181_SOURCE_DIR);
#endif
#ifdef EDGECWMP_TR181_INSTALL_DIR
  candidates.emplace_back(EDGECWMP_TR181_INSTALL_DIR);
#endif
  return candidates;
}

}  // namespace

std::string DefinitionsDir(const std::string& dir) {
  // An explicit directory is not second-guessed: a wrong one is an error, not a silent fallback.
  if (!dir.empty()) return HoldsDefinitions(dir) ? dir : std::string();
  for (const fs::path& candidate : Candidates()) {
    if (HoldsDefinitions(candidate)) return candidate.string();
  }
  return std::string();
}

std::vector<std::string> DefinitionFiles(const std::string& dir) {
  std::vector<std::string> files;
  const std::string found = DefinitionsDir(dir);
  if (found.empty()) return files;
  const fs::path base(found);
  files.push_back((base / kMainFile).string());
  for (std::string& file : XmlFilesIn(base)) {
    if (fs::path(file).filename() != kMainFile) files.push_back(std::move(file));
  }
  for (std::string& file : XmlFilesIn(base / "edgex")) files.push_back(std::move(file));
  return files;
}

Status LoadDefinitions(dm::Schema* schema, const std::string& dir,
                       std::vector<std::string>* loaded) {
  const std::vector<std::string> files = DefinitionFiles(dir);
  if (files.empty()) {
    return Status::NotFound(dir.empty() ? "no Device:2 definitions directory found (set "
                                          "EDGECWMP_DEFINITIONS_DIR)"
                                        : "no device.xml in " + dir);
  }
  for (const std::string& file : files) {
    Status status = schema->LoadFile(file);
    if (!status.ok()) return status;
  }
  if (loaded != nullptr) *loaded = files;
  return Status::Ok();
}

}  // namespace edgecwmp::tr181
