// SPDX-License-Identifier: GPL-2.0-or-later
// bench_codec: encodes and decodes a 10,000-entry GetParameterValuesResponse with the CWMP codec
// and prints the median time per entry of each direction and the message size. Figures only:
// timing depends on the machine, so nothing here passes or fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cwmp/protocol/codec.h"

namespace {

using namespace edgecwmp::cwmp;
using Clock = std::chrono::steady_clock;

constexpr int kEntries = 10000;
constexpr int kRuns = 11;

CpeEnvelope Message() {
  static const char* kTypes[] = {"xsd:string", "xsd:unsignedInt", "xsd:boolean", "xsd:dateTime"};
  static const char* kValues[] = {"Enabled", "4294967295", "true", "2026-11-25T03:58:15Z"};
  GetParameterValuesResponse gpv;
  gpv.parameter_list.reserve(kEntries);
  for (int i = 0; i < kEntries; ++i) {
    const int k = i % 4;
    gpv.parameter_list.push_back(
        {"Device.Bench.Item." + std::to_string(i / 10 + 1) + ".Param" + std::to_string(i % 10),
         kValues[k], kTypes[k]});
  }
  CpeEnvelope env;
  env.version = Version::k1_0;
  env.header.id = "bench-1";
  env.body = CpeResponse(std::move(gpv));
  return env;
}

double MedianMicrosPerEntry(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2] * 1e6 / kEntries;
}

}  // namespace

int main() {
  Codec codec(CodecLimits{64 * 1024 * 1024, 1000000, 64 * 1024});
  const CpeEnvelope env = Message();
  std::string xml;
  std::vector<double> encode, decode;
  for (int run = 0; run < kRuns; ++run) {
    auto t0 = Clock::now();
    xml = codec.EncodeCpe(env);
    auto t1 = Clock::now();
    CpeEnvelope back;
    DecodeError err;
    edgecwmp::Status st = codec.DecodeCpe(xml, &back, &err);
    auto t2 = Clock::now();
    const auto& list =
        std::get<GetParameterValuesResponse>(std::get<CpeResponse>(back.body)).parameter_list;
    if (!st.ok() || list.size() != static_cast<size_t>(kEntries)) {
      std::fprintf(stderr, "decode failed: %s\n", st.message().c_str());
      return 1;
    }
    encode.push_back(std::chrono::duration<double>(t1 - t0).count());
    decode.push_back(std::chrono::duration<double>(t2 - t1).count());
  }
  std::printf("codec: GetParameterValuesResponse, %d entries, %zu bytes, median of %d runs\n",
              kEntries, xml.size(), kRuns);
  std::printf("  encode: %.2f us/entry (%.1f ms)\n", MedianMicrosPerEntry(encode),
              MedianMicrosPerEntry(encode) * kEntries / 1000);
  std::printf("  decode: %.2f us/entry (%.1f ms)\n", MedianMicrosPerEntry(decode),
              MedianMicrosPerEntry(decode) * kEntries / 1000);
  return 0;
}
