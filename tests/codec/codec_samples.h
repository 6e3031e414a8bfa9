// SPDX-License-Identifier: GPL-2.0-or-later
// Test support for the codec: a filled-in sample of every CWMP message, and small file helpers.
#ifndef EDGECWMP_TESTS_CODEC_CODEC_SAMPLES_H_
#define EDGECWMP_TESTS_CODEC_CODEC_SAMPLES_H_

#include <string>
#include <vector>

#include "cwmp/protocol/messages.h"

namespace edgecwmp::cwmp::testing {

// One sample per alternative of each body variant, with every list non-empty and every field set
// to a value the XSD accepts.
std::vector<AcsRequest> SampleAcsRequests();
std::vector<AcsResponse> SampleAcsResponses();
std::vector<CpeRequest> SampleCpeRequests();
std::vector<CpeResponse> SampleCpeResponses();

std::string SharedDir();                        // $EDGECWMP_SHARED_DIR
std::string SourceDir();                        // $EDGECWMP_SOURCE_DIR
std::string ReadFile(const std::string& path);  // whole file; fails the test when unreadable
std::vector<std::string> RecordedXml(
    const char* who);  // sorted "...-acs-" or "...-cpe-" .xml paths

}  // namespace edgecwmp::cwmp::testing

#endif  // EDGECWMP_TESTS_CODEC_CODEC_SAMPLES_H_
