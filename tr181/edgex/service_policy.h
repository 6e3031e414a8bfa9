// SPDX-License-Identifier: GPL-2.0-or-later
// ServicePolicy: what a service an ACS installed (a service definition, service_definition.h)
// may run and as whom — the operator's [edgex] allowed_commands and service_user/service_group.
// A definition's command is an arbitrary program the agent would start with its own (root)
// credentials, so nothing runs that the operator did not allow: the file execve would run is
// resolved (PATH, working directory, "..", every symlink) and must be an allowed file or lie in an
// allowed directory tree, and the definition must not steer the dynamic loader (LD_* variables,
// which would run any library with an allowed program). Services from the operator's own
// configuration are not subject to it. Plain functions; reads the file system and the user
// database.
#ifndef EDGECWMP_TR181_EDGEX_SERVICE_POLICY_H_
#define EDGECWMP_TR181_EDGEX_SERVICE_POLICY_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "tr181/edgex/process_executor.h"

namespace edgecwmp::edgex {

struct ServicePolicy {
  // Absolute paths of allowed executables; an entry ending in '/' allows every file in that
  // directory tree. Entries are resolved like the command (symlinks included); one that does not
  // exist allows nothing. Empty = no ACS-installed service may run.
  std::vector<std::string> allowed_commands;
  std::string user;   // "" = the agent's own credentials
  std::string group;  // "" = the user's primary group
};

// Vets |spec| from a service definition. Ok: |spec|'s executable is set to the resolved file (so
// that what runs is what was checked) and its run_as to the policy's user. RequestDenied: the
// command is not allowed (why in the message). Internal: the policy's user or group does not
// exist — nothing runs then (fail closed).
Status ApplyServicePolicy(const ServicePolicy& policy, ServiceSpec* spec);

// The credentials of |user| (and |group|, "" = the user's primary one) with the user's
// supplementary groups; NotFound when either does not exist.
Status LookUpRunAs(const std::string& user, const std::string& group, RunAs* out);

}  // namespace edgecwmp::edgex

#endif  // EDGECWMP_TR181_EDGEX_SERVICE_POLICY_H_
