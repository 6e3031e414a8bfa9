// SPDX-License-Identifier: GPL-2.0-or-later
// Value generators: the live values of a virtual CPE (counters, uptime, a random walk, a seeded
// pick) as pure functions of (fleet seed, CPE index, parameter, seconds since the CPE booted), so
// a generated parameter costs no per-CPE memory and a seeded run reproduces every value.
//   counter      start + rate·t (whole numbers; restarts from start at each boot)
//   uptime       t
//   random_walk  start, then ±step once a minute, kept within [min, max]; each block of 1024
//                minutes restarts from a seeded point, so one value costs at most 1024 steps
//   enum         a seeded pick of values, a new one each minute
//   list         values in order, the next one each minute (CPEs start at different places)
#ifndef EDGECWMP_CWMP_FLEET_VALUE_GENERATOR_H_
#define EDGECWMP_CWMP_FLEET_VALUE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "cwmp/fleet/profile.h"

namespace edgecwmp::cwmp::fleet {

// SplitMix64 of |x|: the one mixing function behind every seeded choice of the fleet.
uint64_t Mix(uint64_t x);
// A seeded hash of several words (order matters).
uint64_t MixAll(std::initializer_list<uint64_t> words);
// FNV-1a of a text (parameter names), fed to MixAll.
uint64_t HashText(std::string_view text);
// A uniform double in [0, 1) from a hash.
inline double Unit(uint64_t hash) { return static_cast<double>(hash >> 11) * 0x1.0p-53; }

std::string GenerateValue(const GeneratorSpec& spec, uint64_t seed, uint64_t cpe,
                          std::string_view parameter, uint64_t seconds_since_boot);

}  // namespace edgecwmp::cwmp::fleet

#endif  // EDGECWMP_CWMP_FLEET_VALUE_GENERATOR_H_
