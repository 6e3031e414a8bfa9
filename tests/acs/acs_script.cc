// SPDX-License-Identifier: GPL-2.0-or-later
#include "tests/acs/acs_script.h"

#include <cctype>
#include <functional>
#include <map>
#include <sstream>

namespace edgecwmp::acs {

namespace {

using Args = std::vector<std::string>;

Status Tokenize(const std::string& line, Args* out) {
  size_t i = 0;
  while (i < line.size()) {
    if (std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
      continue;
    }
    if (line[i] == '#') break;
    std::string token;
    if (line[i] == '"') {
      size_t end = line.find('"', i + 1);
      if (end == std::string::npos) return Status::InvalidArguments("unterminated quote");
      token = line.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
        token += line[i++];
    }
    out->push_back(token);
  }
  return Status::Ok();
}

bool ParseUnsigned(const std::string& s, uint32_t* out) {
  if (s.empty() || s.size() > 10) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  unsigned long long v = std::stoull(s);
  if (v > 0xffffffffULL) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

std::string Arg(const Args& a, size_t i) { return i < a.size() ? a[i] : ""; }

// command → (minimum arguments, builder). The builder returns an error text or "".
using Builder = std::function<std::string(const Args&, SessionScript*)>;
struct Command {
  size_t min_args;
  Builder build;
};

const std::map<std::string, Command>& Commands() {
  static const std::map<std::string, Command> table = {
      {"discover",
       {0,
        [](const Args& a, SessionScript* s) {
          s->push_back(Discovery{Arg(a, 1)});
          return std::string();
        }}},
      {"gpn",
       {1,
        [](const Args& a, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::GetParameterNames{a[1], Arg(a, 2) == "1"}));
          return std::string();
        }}},
      {"gpv",
       {1,
        [](const Args& a, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::GetParameterValues{Args(a.begin() + 1, a.end())}));
          return std::string();
        }}},
      {"gpa",
       {1,
        [](const Args& a, SessionScript* s) {
          s->push_back(
              cwmp::AcsRequest(cwmp::GetParameterAttributes{Args(a.begin() + 1, a.end())}));
          return std::string();
        }}},
      {"spv",
       {3,
        [](const Args& a, SessionScript* s) {
          cwmp::SetParameterValues spv;
          size_t i = 1;
          for (; i < a.size(); i += 3) {
            if (a[i].compare(0, 4, "key=") == 0) break;
            if (i + 2 >= a.size()) return std::string("spv wants NAME TYPE VALUE triples");
            spv.parameter_list.push_back({a[i], a[i + 2], a[i + 1]});
          }
          if (i < a.size()) spv.parameter_key = a[i].substr(4);
          s->push_back(cwmp::AcsRequest(spv));
          return std::string();
        }}},
      {"spa",
       {2,
        [](const Args& a, SessionScript* s) {
          cwmp::SetParameterAttributesStruct attr;
          attr.name = a[1];
          attr.notification_change = true;
          attr.notification = std::atoi(a[2].c_str());
          s->push_back(cwmp::AcsRequest(cwmp::SetParameterAttributes{{attr}}));
          return std::string();
        }}},
      {"add",
       {1,
        [](const Args& a, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::AddObject{a[1], Arg(a, 2)}));
          return std::string();
        }}},
      {"add-discovered",
       {0,
        [](const Args& a, SessionScript* s) {
          s->push_back(AddObjectOnDiscoveredTable(Arg(a, 1)));
          return std::string();
        }}},
      {"delete",
       {1,
        [](const Args& a, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::DeleteObject{a[1], Arg(a, 2)}));
          return std::string();
        }}},
      {"reboot",
       {0,
        [](const Args& a, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::Reboot{Arg(a, 1)}));
          return std::string();
        }}},
      {"factoryreset",
       {0,
        [](const Args&, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::FactoryReset{}));
          return std::string();
        }}},
      {"getrpcmethods",
       {0,
        [](const Args&, SessionScript* s) {
          s->push_back(cwmp::AcsRequest(cwmp::GetRPCMethods{}));
          return std::string();
        }}},
      {"scheduleinform",
       {1,
        [](const Args& a, SessionScript* s) {
          cwmp::ScheduleInform si;
          if (!ParseUnsigned(a[1], &si.delay_seconds)) return std::string("bad DELAY");
          si.command_key = Arg(a, 2);
          s->push_back(cwmp::AcsRequest(si));
          return std::string();
        }}},
      {"download",
       {2,
        [](const Args& a, SessionScript* s) {
          cwmp::Download d;
          d.url = a[1];
          d.file_type = a[2];
          if (a.size() > 3 && !ParseUnsigned(a[3], &d.file_size)) return std::string("bad SIZE");
          d.command_key = "test-acs-download";
          s->push_back(cwmp::AcsRequest(d));
          return std::string();
        }}},
  };
  return table;
}

}  // namespace

Status ParseScript(const std::string& text, std::vector<SessionScript>* out) {
  out->clear();
  out->emplace_back();
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    Args args;
    Status st = Tokenize(line, &args);
    if (!st.ok())
      return Status::InvalidArguments("line " + std::to_string(number) + ": " + st.message());
    if (args.empty()) continue;
    if (args[0] == "session") {
      if (!out->back().empty()) out->emplace_back();
      continue;
    }
    auto it = Commands().find(args[0]);
    if (it == Commands().end())
      return Status::InvalidArguments("line " + std::to_string(number) + ": unknown command " +
                                      args[0]);
    if (args.size() - 1 < it->second.min_args)
      return Status::InvalidArguments("line " + std::to_string(number) + ": " + args[0] +
                                      " needs more arguments");
    std::string error = it->second.build(args, &out->back());
    if (!error.empty())
      return Status::InvalidArguments("line " + std::to_string(number) + ": " + error);
  }
  if (out->back().empty() && out->size() > 1) out->pop_back();
  return Status::Ok();
}

std::optional<std::string> FindWritableTable(const std::map<std::string, bool>& names) {
  for (const auto& [name, writable] : names) {
    if (!writable || name.size() < 2 || name.back() != '.') continue;
    size_t start = name.rfind('.', name.size() - 2);
    std::string parent = name.substr(0, start + 1);
    std::string segment = name.substr(start + 1, name.size() - start - 2);
    if (segment.empty() || std::isdigit(static_cast<unsigned char>(segment[0]))) continue;
    // TR-181 convention: a table X has a parameter XNumberOfEntries in its parent.
    bool table = names.count(parent + segment + "NumberOfEntries") > 0;
    auto next = names.upper_bound(name);
    if (next != names.end() && next->first.compare(0, name.size(), name) == 0 &&
        next->first.size() > name.size() &&
        std::isdigit(static_cast<unsigned char>(next->first[name.size()])))
      table = true;
    if (table) return name;
  }
  return std::nullopt;
}

RequestGenerator AddObjectOnDiscoveredTable(std::string parameter_key) {
  return [parameter_key](const SessionRecord& s) -> std::optional<cwmp::AcsRequest> {
    auto table = FindWritableTable(s.ReturnedNames());
    if (!table) return std::nullopt;
    return cwmp::AcsRequest(cwmp::AddObject{*table, parameter_key});
  };
}

SessionScript DemoScript() {
  cwmp::SetParameterValues spv;
  spv.parameter_list.push_back(
      {"Device.DeviceInfo.ProvisioningCode", "edgecwmp-demo", "xsd:string"});
  spv.parameter_key = "demo-1";
  return {Discovery{""}, cwmp::AcsRequest(spv), AddObjectOnDiscoveredTable("demo-2")};
}

SessionScript DemoEdgexScript() {
  return {cwmp::AcsRequest(cwmp::GetParameterValues{{"Device.X_EDGECWMP_EdgeX."}})};
}

}  // namespace edgecwmp::acs
