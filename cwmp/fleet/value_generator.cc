// SPDX-License-Identifier: GPL-2.0-or-later
#include "cwmp/fleet/value_generator.h"

#include <algorithm>
#include <cmath>

namespace edgecwmp::cwmp::fleet {

namespace {

constexpr uint64_t kWalkBlock = 1024;  // minutes a random walk runs before restarting

std::string Whole(double v) { return std::to_string(static_cast<int64_t>(std::floor(v))); }

std::string RandomWalk(const GeneratorSpec& g, uint64_t key, uint64_t minute) {
  const uint64_t block = minute / kWalkBlock;
  double v = block == 0 ? g.start : g.min + Unit(MixAll({key, block})) * (g.max - g.min);
  for (uint64_t m = block * kWalkBlock; m < minute; ++m) {
    v += (MixAll({key, m, 1}) & 1) ? g.step : -g.step;
    v = std::clamp(v, g.min, g.max);
  }
  return Whole(std::clamp(v, g.min, g.max));
}

}  // namespace

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t MixAll(std::initializer_list<uint64_t> words) {
  uint64_t h = 0x243f6a8885a308d3ULL;
  for (uint64_t w : words) h = Mix(h ^ w);
  return h;
}

uint64_t HashText(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

std::string GenerateValue(const GeneratorSpec& spec, uint64_t seed, uint64_t cpe,
                          std::string_view parameter, uint64_t seconds_since_boot) {
  const uint64_t key = MixAll({seed, cpe, HashText(parameter)});
  const uint64_t minute = seconds_since_boot / 60;
  switch (spec.kind) {
    case GeneratorSpec::Kind::kUptime:
      return std::to_string(seconds_since_boot);
    case GeneratorSpec::Kind::kCounter:
      return Whole(spec.start + spec.rate * static_cast<double>(seconds_since_boot));
    case GeneratorSpec::Kind::kRandomWalk:
      return RandomWalk(spec, key, minute);
    case GeneratorSpec::Kind::kEnum:
      return spec.values[MixAll({key, minute}) % spec.values.size()];
    case GeneratorSpec::Kind::kList:
      return spec.values[(key + minute) % spec.values.size()];
  }
  return "";
}

}  // namespace edgecwmp::cwmp::fleet
