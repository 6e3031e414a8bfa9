// SPDX-License-Identifier: GPL-2.0-or-later
#include "tr181/edgex/service_policy.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace edgecwmp::edgex {

namespace {

namespace fs = std::filesystem;

// |path| with every symlink, "." and ".." resolved; "" when it does not exist.
std::string RealPath(const std::string& path) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  return ec ? "" : real.string();
}

// Whether the resolved file |real| is |entry| or, for an entry ending in '/', inside its tree.
bool Allows(const std::string& entry, const std::string& real) {
  if (entry.empty() || entry.front() != '/') return false;
  const std::string allowed = RealPath(entry);
  if (allowed.empty()) return false;
  if (entry.back() != '/') return real == allowed;
  const std::string prefix = allowed.back() == '/' ? allowed : allowed + "/";
  return real.compare(0, prefix.size(), prefix) == 0;
}

// The LD_* variable (dynamic loader: preloads, library paths) |spec| sets, "" if none.
std::string LoaderVariable(const ServiceSpec& spec) {
  for (const std::string& entry : spec.env) {
    if (entry.rfind("LD_", 0) == 0) return entry.substr(0, entry.find('='));
  }
  return "";
}

size_t BufferSize(int name) {
  long size = sysconf(name);
  return size > 0 ? static_cast<size_t>(size) : 16384;
}

}  // namespace

Status LookUpRunAs(const std::string& user, const std::string& group, RunAs* out) {
  std::vector<char> buffer(BufferSize(_SC_GETPW_R_SIZE_MAX));
  passwd pw{};
  passwd* found_user = nullptr;
  if (getpwnam_r(user.c_str(), &pw, buffer.data(), buffer.size(), &found_user) != 0 ||
      found_user == nullptr) {
    return Status::NotFound("user " + user + " does not exist");
  }
  RunAs run_as;
  run_as.enabled = true;
  run_as.uid = pw.pw_uid;
  run_as.gid = pw.pw_gid;
  if (!group.empty()) {
    std::vector<char> group_buffer(BufferSize(_SC_GETGR_R_SIZE_MAX));
    struct group gr {};
    struct group* found_group = nullptr;
    if (getgrnam_r(group.c_str(), &gr, group_buffer.data(), group_buffer.size(), &found_group) !=
            0 ||
        found_group == nullptr) {
      return Status::NotFound("group " + group + " does not exist");
    }
    run_as.gid = gr.gr_gid;
  }
  int count = 16;
  run_as.groups.resize(count);
  if (getgrouplist(user.c_str(), run_as.gid, run_as.groups.data(), &count) < 0) {
    run_as.groups.resize(count);  // |count| now says how many there are
    getgrouplist(user.c_str(), run_as.gid, run_as.groups.data(), &count);
  }
  run_as.groups.resize(count);
  *out = std::move(run_as);
  return Status::Ok();
}

Status ApplyServicePolicy(const ServicePolicy& policy, ServiceSpec* spec) {
  if (spec->argv.empty()) return Status::RequestDenied("no command");
  const std::string command = ResolveCommand(*spec);
  const std::string real = RealPath(command);
  if (real.empty()) {
    return Status::RequestDenied("command " + spec->argv[0] + " not found (" + command + ")");
  }
  bool allowed = false;
  for (const std::string& entry : policy.allowed_commands) allowed = allowed || Allows(entry, real);
  if (!allowed) {
    return Status::RequestDenied("command " + real + " is not in edgex.allowed_commands");
  }
  if (std::string variable = LoaderVariable(*spec); !variable.empty()) {
    return Status::RequestDenied("the definition sets " + variable +
                                 ", which could make an allowed program run any code");
  }
  RunAs run_as;
  if (!policy.user.empty()) {
    Status s = LookUpRunAs(policy.user, policy.group, &run_as);
    if (!s.ok()) return Status::Internal("edgex.service_user: " + s.message());
  }
  spec->executable = real;
  spec->run_as = std::move(run_as);
  return Status::Ok();
}

}  // namespace edgecwmp::edgex
