// SPDX-License-Identifier: GPL-2.0-or-later
// Test support: the largest single operator-new request made while tracking is on. Used to show
// that a lying SOAP-ENC arrayType size or a DOCTYPE makes the codec allocate nothing big. The
// global operator new/delete replacements live in alloc_probe.cc (their own translation unit, so
// the compiler does not inline them into callers).
#ifndef EDGECWMP_TESTS_CODEC_ALLOC_PROBE_H_
#define EDGECWMP_TESTS_CODEC_ALLOC_PROBE_H_

#include <cstddef>

namespace edgecwmp::testing {

void StartAllocProbe();   // resets the maximum and starts tracking
size_t StopAllocProbe();  // stops tracking, returns the largest request seen

}  // namespace edgecwmp::testing

#endif  // EDGECWMP_TESTS_CODEC_ALLOC_PROBE_H_
