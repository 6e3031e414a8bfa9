// SPDX-License-Identifier: GPL-2.0-or-later
// The codec against every message recorded from GenieACS 1.2.16 (shared/interop/genieacs).
#define BOOST_TEST_MODULE codec_tests
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <map>

#include "cwmp/protocol/codec.h"
#include "tests/codec/codec_samples.h"

namespace edgecwmp::cwmp {
namespace {

using testing::ReadFile;
using testing::RecordedXml;

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string BodyName(const CpeEnvelope& env) {
  return std::visit([](const auto& inner) { return std::string(MessageName(inner)); }, env.body);
}

template <typename T>
const T& Request(const AcsEnvelope& env) {
  BOOST_REQUIRE(std::holds_alternative<AcsRequest>(env.body));
  const auto& req = std::get<AcsRequest>(env.body);
  BOOST_REQUIRE_MESSAGE(std::holds_alternative<T>(req), "got " << MessageName(req));
  return std::get<T>(req);
}

template <typename T>
const T& Response(const AcsEnvelope& env) {
  BOOST_REQUIRE(std::holds_alternative<AcsResponse>(env.body));
  const auto& resp = std::get<AcsResponse>(env.body);
  BOOST_REQUIRE_MESSAGE(std::holds_alternative<T>(resp), "got " << MessageName(resp));
  return std::get<T>(resp);
}

// What each recorded ACS message must decode to (prefix of the file name → check).
const std::map<std::string, std::function<void(const AcsEnvelope&)>>& AcsExpectations() {
  static const std::map<std::string, std::function<void(const AcsEnvelope&)>> checks = {
      {"003",
       [](const AcsEnvelope& e) {
         BOOST_TEST(Response<InformResponse>(e).max_envelopes == 1u);
         BOOST_TEST(*e.header.id == "cpe-1");
       }},
      {"009",
       [](const AcsEnvelope& e) {
         const auto& m = Request<GetParameterNames>(e);
         BOOST_TEST(m.parameter_path == "Device.");
         BOOST_TEST(m.next_level == false);
         BOOST_TEST(*e.header.id == "1a210daa95a0000");
       }},
      {"011",
       [](const AcsEnvelope& e) {
         const auto& m = Request<GetParameterValues>(e);
         BOOST_TEST(m.parameter_names ==
                        (std::vector<std::string>{"Device.DeviceInfo.UpTime",
                                                  "Device.ManagementServer.PeriodicInformInterval",
                                                  "Device.SoftwareModules.ExecutionUnit.1.Status"}),
                    boost::test_tools::per_element());
       }},
      {"019",
       [](const AcsEnvelope& e) {
         const auto& m = Request<GetParameterValues>(e);
         BOOST_TEST_REQUIRE(m.parameter_names.size() == 4u);
         BOOST_TEST(m.parameter_names[3] == "Device.Time.LocalTimeZone");
       }},
      {"021",
       [](const AcsEnvelope& e) {
         const auto& m = Request<SetParameterValues>(e);
         BOOST_TEST_REQUIRE(m.parameter_list.size() == 4u);
         BOOST_TEST(m.parameter_list[0].name == "Device.ManagementServer.PeriodicInformInterval");
         BOOST_TEST(m.parameter_list[0].value == "300");
         BOOST_TEST(m.parameter_list[0].type == "xsd:unsignedInt");
         BOOST_TEST(m.parameter_list[1].value == "2026-01-01T00:00:00.000Z");  // ms kept as text
         BOOST_TEST(m.parameter_list[1].type == "xsd:dateTime");
         BOOST_TEST(m.parameter_list[2].value == "Idle");
         BOOST_TEST(m.parameter_list[3].value == "CET-1");
         BOOST_TEST(m.parameter_list[3].type == "xsd:string");
         BOOST_TEST(m.parameter_key.empty());
         BOOST_TEST(*e.header.id == "1a210daab6a0001");
       }},
      {"035",
       [](const AcsEnvelope& e) {
         const auto& m = Request<AddObject>(e);
         BOOST_TEST(m.object_name == "Device.SoftwareModules.ExecutionUnit.");
         BOOST_TEST(m.parameter_key.empty());
       }},
      {"037",
       [](const AcsEnvelope& e) {
         const auto& m = Request<GetParameterNames>(e);
         BOOST_TEST(m.parameter_path == "Device.SoftwareModules.ExecutionUnit.");
         BOOST_TEST(m.next_level == true);
       }},
      {"045",
       [](const AcsEnvelope& e) {
         BOOST_TEST(Request<DeleteObject>(e).object_name ==
                    "Device.SoftwareModules.ExecutionUnit.2.");
       }},
      {"053",
       [](const AcsEnvelope& e) {
         const auto& m = Request<GetParameterNames>(e);
         BOOST_TEST(m.parameter_path == "Device.DeviceInfo.");
         BOOST_TEST(m.next_level == true);
       }},
      {"061", [](const AcsEnvelope& e) { BOOST_TEST(Request<Reboot>(e).command_key.empty()); }},
      {"073", [](const AcsEnvelope& e) { Request<FactoryReset>(e); }},
      {"081",
       [](const AcsEnvelope& e) {
         const auto& m = Request<Download>(e);
         BOOST_TEST(m.command_key == "1a210dab9830000");
         BOOST_TEST(m.file_type == "1 Firmware Upgrade Image");
         BOOST_TEST(m.url == "http://127.0.0.1:7567/fw.bin");
         BOOST_TEST(m.username.empty());
         BOOST_TEST(m.password.empty());
         BOOST_TEST(m.file_size == 20u);
         BOOST_TEST(m.target_file_name.empty());
         BOOST_TEST(m.delay_seconds == 0u);
         BOOST_TEST(m.success_url.empty());
         BOOST_TEST(m.failure_url.empty());
       }},
      {"089",
       [](const AcsEnvelope& e) {
         Response<TransferCompleteResponse>(e);
         BOOST_TEST(*e.header.id == "tc-1");
       }},
      {"095",
       [](const AcsEnvelope& e) {
         BOOST_TEST(Response<GetRPCMethodsResponse>(e).method_list ==
                        (std::vector<std::string>{"Inform", "GetRPCMethods", "TransferComplete"}),
                    boost::test_tools::per_element());
       }},
      // GenieACS's malformed <soap-env:Body:Fault>: still a fault, so the session stops.
      {"101",
       [](const AcsEnvelope& e) {
         const auto& f = Response<Fault>(e);
         BOOST_TEST(f.fault_code == 8000u);
         BOOST_TEST(f.fault_string == "Method not supported");
         BOOST_TEST(*e.header.id == "atc-1");
       }},
  };
  return checks;
}

BOOST_AUTO_TEST_CASE(every_recorded_acs_message_decodes_to_its_values) {
  Codec codec;
  const auto files = RecordedXml("acs");
  BOOST_TEST_REQUIRE(files.size() >= 29u);
  size_t checked = 0;
  for (const std::string& path : files) {
    BOOST_TEST_CONTEXT(FileName(path)) {
      const std::string xml = ReadFile(path);
      AcsEnvelope env;
      DecodeError err;
      Status st = codec.DecodeAcs(xml, &env, &err);
      if (FileName(path).rfind("105", 0) == 0) {  // the plain-text HTTP 400 body
        BOOST_TEST(!st.ok());
        BOOST_TEST(static_cast<int>(err.kind) == static_cast<int>(DecodeError::Kind::kMalformed));
        continue;
      }
      BOOST_TEST_REQUIRE(st.ok(), st.message());
      BOOST_TEST(static_cast<int>(env.version) == static_cast<int>(Version::k1_0));
      BOOST_TEST_REQUIRE(env.header.id.has_value());
      BOOST_TEST(!env.header.id->empty());
      auto it = AcsExpectations().find(FileName(path).substr(0, 3));
      if (it != AcsExpectations().end()) {
        it->second(env);
        ++checked;
      } else {
        // Every other ACS message is an InformResponse.
        BOOST_TEST(Response<InformResponse>(env).max_envelopes == 1u);
      }
    }
  }
  BOOST_TEST(checked == AcsExpectations().size());
}

// decode → encode → decode → encode must reach a fixed point, and keep what was recorded.
BOOST_AUTO_TEST_CASE(every_recorded_cpe_message_round_trips) {
  Codec codec;
  const auto files = RecordedXml("cpe");
  BOOST_TEST_REQUIRE(files.size() >= 29u);
  for (const std::string& path : files) {
    BOOST_TEST_CONTEXT(FileName(path)) {
      CpeEnvelope first, second;
      DecodeError err;
      Status st = codec.DecodeCpe(ReadFile(path), &first, &err);
      BOOST_TEST_REQUIRE(st.ok(), st.message());
      const std::string encoded = codec.EncodeCpe(first);
      BOOST_TEST_REQUIRE(!encoded.empty());
      st = codec.DecodeCpe(encoded, &second, &err);
      BOOST_TEST_REQUIRE(st.ok(), st.message() << "\n" << encoded);
      BOOST_TEST(codec.EncodeCpe(second) == encoded);
      BOOST_TEST(static_cast<int>(second.version) == static_cast<int>(first.version));
      BOOST_TEST(second.header.id.value_or("-") == first.header.id.value_or("+"));
      BOOST_TEST(BodyName(second) == BodyName(first));
    }
  }
}

BOOST_AUTO_TEST_CASE(recorded_cpe_values_survive_the_round_trip) {
  Codec codec;
  const std::string dir = testing::SharedDir() + "/interop/genieacs/";
  CpeEnvelope env, again;
  DecodeError err;
  BOOST_TEST_REQUIRE(codec.DecodeCpe(ReadFile(dir + "001-boot-cpe-Inform.xml"), &env, &err).ok());
  BOOST_TEST_REQUIRE(codec.DecodeCpe(codec.EncodeCpe(env), &again, &err).ok());
  const auto& inform = std::get<Inform>(std::get<CpeRequest>(again.body));
  BOOST_TEST(inform.device_id.oui == "00D0B7");
  BOOST_TEST_REQUIRE(inform.event.size() == 2u);
  BOOST_TEST(inform.event[1].event_code == "1 BOOT");
  BOOST_TEST(inform.current_time == "2026-11-25T03:58:15Z");
  BOOST_TEST_REQUIRE(inform.parameter_list.size() == 6u);
  BOOST_TEST(inform.parameter_list[3].value.empty());
  BOOST_TEST(inform.parameter_list[5].value == "http://127.0.0.1:7999/");
  BOOST_TEST(inform.parameter_list[5].type == "xsd:string");

  // GenieACS's scripted CPE writes Writable as 1/0; both read back as booleans.
  BOOST_TEST_REQUIRE(
      codec.DecodeCpe(ReadFile(dir + "010-gpv-cpe-GetParameterNamesResponse.xml"), &env, &err)
          .ok());
  BOOST_TEST_REQUIRE(codec.DecodeCpe(codec.EncodeCpe(env), &again, &err).ok());
  const auto& gpn = std::get<GetParameterNamesResponse>(std::get<CpeResponse>(again.body));
  BOOST_TEST_REQUIRE(gpn.parameter_list.size() == 30u);
  BOOST_TEST(gpn.parameter_list[0].writable == true);
  BOOST_TEST(gpn.parameter_list[1].writable == false);

  BOOST_TEST_REQUIRE(codec.DecodeCpe(ReadFile(dir + "103-cwmp14-cpe-Inform.xml"), &env, &err).ok());
  BOOST_TEST(static_cast<int>(env.version) == static_cast<int>(Version::k1_4));
  BOOST_TEST(codec.EncodeCpe(env).find("xmlns:cwmp=\"urn:dslforum-org:cwmp-1-4\"") !=
             std::string::npos);
}

}  // namespace
}  // namespace edgecwmp::cwmp
