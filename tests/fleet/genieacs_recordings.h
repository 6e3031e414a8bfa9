// SPDX-License-Identifier: GPL-2.0-or-later
// The recorded GenieACS 1.2.16 exchanges (../shared/interop/genieacs, INDEX.md) as the
// SessionTranscripts a fleet would have recorded, one per scenario.
//
// Files `NNN-<scenario>-cpe-*.xml` are POST bodies; `-acs-*.http` an answer's status line, headers
// and body; `-acs-*.xml` an answer's body. An answer with nothing to answer is the answer to the
// CPE's empty POST. What the recording did not keep is reconstructed as INDEX.md describes it:
// SOAP answers without their own .http file carry the headers of the session's first 200 (GenieACS
// writes the same ones, lib/cwmp.ts) without Set-Cookie; the scripted CPE sent text/xml with an
// empty SOAPAction, and the session cookie on every POST after the InformResponse.
#ifndef EDGECWMP_TESTS_FLEET_GENIEACS_RECORDINGS_H_
#define EDGECWMP_TESTS_FLEET_GENIEACS_RECORDINGS_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "cwmp/fleet/session_transcript.h"

namespace edgecwmp::cwmp::fleet::testing {

struct RecordedSession {
  std::string scenario;  // "boot", "gpv", ..., "autonomous", "cwmp14", "nosession"
  SessionTranscript transcript;
};

// Reads every recorded session of |dir|, in the order they happened.
Status LoadGenieAcsSessions(const std::string& dir, std::vector<RecordedSession>* out);

// $EDGECWMP_SHARED_DIR/interop/genieacs (../shared when unset).
std::string GenieAcsRecordingDir();

}  // namespace edgecwmp::cwmp::fleet::testing

#endif  // EDGECWMP_TESTS_FLEET_GENIEACS_RECORDINGS_H_
