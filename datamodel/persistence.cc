// SPDX-License-Identifier: GPL-2.0-or-later
// Crash safety: a new state is written to datamodel.xml.tmp and fsynced; only then is the good
// old file moved to datamodel.xml.bak and the temp renamed over datamodel.xml, and the directory
// fsynced. A crash at any point leaves datamodel.xml or datamodel.xml.bak complete; a leftover
// .tmp is never read.
#include "datamodel/persistence.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <pugixml.hpp>
#include <sstream>

#include "base/file_io.h"

namespace edgecwmp::dm {
namespace {

constexpr const char* kMainFile = "datamodel.xml";

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// Makes |main| the backup while leaving it in place: a second name for it, renamed over the old
// backup. Moving it instead would leave no main file until the new one is renamed in, and a crash
// in between would load the backup, one save behind. Without hard links (some file systems) it is
// moved all the same; Load then falls back to the backup.
Status KeepAsBackup(const std::string& main, const std::string& backup) {
  const std::string second_name = backup + ".tmp";
  unlink(second_name.c_str());
  if (link(main.c_str(), second_name.c_str()) == 0) {
    if (rename(second_name.c_str(), backup.c_str()) == 0) return Status::Ok();
    unlink(second_name.c_str());
  }
  if (rename(main.c_str(), backup.c_str()) != 0) return Status::Internal(Errno("rename " + main));
  return Status::Ok();
}

}  // namespace

std::string SerializeState(const StoredState& state) {
  pugi::xml_document doc;
  pugi::xml_node top = doc.append_child("datamodelstate");
  top.append_attribute("version") = 1;
  for (const auto& [path, value] : state.values) {
    pugi::xml_node v = top.append_child("value");
    v.append_attribute("path") = path.c_str();
    v.text() = value.c_str();
  }
  for (const auto& [path, attr] : state.attributes) {
    pugi::xml_node a = top.append_child("attribute");
    a.append_attribute("path") = path.c_str();
    a.append_attribute("notification") = attr.notification;
    for (const std::string& who : attr.access_list) a.append_child("access").text() = who.c_str();
  }
  // Tables with instances or a counter; one element each.
  std::map<std::string, int> tables;
  for (const auto& [path, list] : state.instances) tables[path] = 0;
  for (const auto& [path, next] : state.next_instance) tables[path] = 0;
  for (const auto& [path, unused] : tables) {
    pugi::xml_node t = top.append_child("table");
    t.append_attribute("path") = path.c_str();
    auto next = state.next_instance.find(path);
    if (next != state.next_instance.end()) t.append_attribute("next") = next->second;
    auto list = state.instances.find(path);
    if (list != state.instances.end()) {
      for (uint32_t n : list->second) t.append_child("instance").text() = n;
    }
  }
  for (const auto& [path, value] : state.reported) {
    pugi::xml_node r = top.append_child("reported");
    r.append_attribute("path") = path.c_str();
    r.text() = value.c_str();
  }
  // The end marker makes a truncated file detectable even if it still parses.
  top.append_child("end");
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

namespace {

Status Parse(const std::string& text, StoredState* state) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) return Status::Corruption(std::string("XML error: ") + parsed.description());
  pugi::xml_node top = doc.child("datamodelstate");
  if (!top) return Status::Corruption("no <datamodelstate> element");
  if (!top.child("end")) return Status::Corruption("truncated (no end marker)");
  StoredState out;
  for (pugi::xml_node n : top.children()) {
    std::string kind = n.name();
    std::string path = n.attribute("path").value();
    if (kind == "end") continue;
    if (path.empty()) return Status::Corruption("<" + kind + "> without a path");
    if (kind == "value") {
      out.values[path] = n.text().get();
    } else if (kind == "reported") {
      out.reported[path] = n.text().get();
    } else if (kind == "attribute") {
      StoredState::Attr attr;
      attr.notification = n.attribute("notification").as_int(0);
      if (attr.notification < 0 || attr.notification > 2) {
        return Status::Corruption("bad notification for " + path);
      }
      for (pugi::xml_node who : n.children("access")) attr.access_list.push_back(who.text().get());
      out.attributes[path] = std::move(attr);
    } else if (kind == "table") {
      if (pugi::xml_attribute next = n.attribute("next")) {
        out.next_instance[path] = next.as_uint();
      }
      std::vector<uint32_t> list;
      for (pugi::xml_node i : n.children("instance")) list.push_back(i.text().as_uint());
      if (!list.empty()) out.instances[path] = std::move(list);
    } else {
      return Status::Corruption("unexpected element <" + kind + ">");
    }
  }
  *state = std::move(out);
  return Status::Ok();
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

}  // namespace

Storage::Storage(std::string dir) : dir_(std::move(dir)) {}

Status Storage::Load(StoredState* state, std::string* warning, LoadSource* source) {
  *state = StoredState();
  main_known_good_ = false;
  LoadSource ignored;
  if (!source) source = &ignored;
  *source = LoadSource::kNothingStored;
  Status s = MakePrivateDir(dir_);
  if (!s.ok()) return s;
  const std::string main = dir_ + "/" + kMainFile;
  const std::string backup = main + ".bak";
  std::string note;
  std::string text;
  s = ReadFile(main, &text);
  if (s.ok()) {
    s = Parse(text, state);
    main_known_good_ = s.ok();
    if (s.ok()) {
      *source = LoadSource::kMain;
      return Status::Ok();
    }
    note = main + " is unreadable (" + s.message() + ")";
  } else if (s.code() != Error::kNotFound) {
    note = main + " cannot be read (" + s.message() + ")";
  } else if (!Exists(backup)) {
    return Status::Ok();  // first start: nothing stored yet
  } else {
    note = main + " is missing";
  }
  s = ReadFile(backup, &text);
  if (s.ok()) s = Parse(text, state);
  if (s.ok()) {
    *source = LoadSource::kBackup;
    note += "; restored the previous state from the backup " + backup;
  } else {
    *source = LoadSource::kLost;
    *state = StoredState();
    note += "; backup " + backup + " is unusable too (" + s.message() + "); starting from defaults";
  }
  if (warning) *warning = note;
  return Status::Ok();
}

Status Storage::Save(const StoredState& state) {
  Status s = MakePrivateDir(dir_);
  if (!s.ok()) return s;
  const std::string main = dir_ + "/" + kMainFile;
  const std::string backup = main + ".bak";
  const std::string tmp = main + ".tmp";
  s = WriteAndSync(tmp, SerializeState(state));
  if (!s.ok()) {
    unlink(tmp.c_str());
    return s;
  }
  // Keep the current file as the backup only if it is good; a corrupt one must not replace a
  // good backup. Read back only when this object has not seen it parse.
  if (!main_known_good_) {
    std::string current;
    StoredState scratch;
    main_known_good_ = ReadFile(main, &current).ok() && Parse(current, &scratch).ok();
  }
  if (main_known_good_) {
    s = KeepAsBackup(main, backup);
    if (!s.ok()) return s;
  }
  if (rename(tmp.c_str(), main.c_str()) != 0) {
    s = Status::Internal(Errno("rename " + tmp));
    unlink(tmp.c_str());
    main_known_good_ = false;  // moved to the backup, or still the unparsable one
    return s;
  }
  main_known_good_ = true;
  return FsyncDir(dir_);
}

Status Storage::Wipe() {
  main_known_good_ = false;
  const std::string main = dir_ + "/" + kMainFile;
  for (const std::string& f : {main, main + ".bak", main + ".tmp", main + ".bak.tmp"}) {
    if (unlink(f.c_str()) != 0 && errno != ENOENT) return Status::Internal(Errno(f));
  }
  if (Exists(dir_)) return FsyncDir(dir_);
  return Status::Ok();
}

}  // namespace edgecwmp::dm
