// SPDX-License-Identifier: GPL-2.0-or-later
// The codec against bad, hostile and unusual input, and its own output in every version.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "cwmp/protocol/codec.h"
#include "tests/codec/alloc_probe.h"
#include "tests/codec/codec_samples.h"

namespace edgecwmp::cwmp {
namespace {

using Kind = DecodeError::Kind;

std::string Envelope(const std::string& body, const std::string& header = "",
                     const std::string& ns = "urn:dslforum-org:cwmp-1-0") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:soap-enc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"" +
         ns +
         "\">"
         "<soap-env:Header><cwmp:ID soap-env:mustUnderstand=\"1\">id-42</cwmp:ID>" +
         header + "</soap-env:Header><soap-env:Body>" + body +
         "</soap-env:Body></soap-env:Envelope>";
}

std::string Gpn(const std::string& next_level) {
  return "<cwmp:GetParameterNames><ParameterPath>Device.</ParameterPath><NextLevel>" + next_level +
         "</NextLevel></cwmp:GetParameterNames>";
}

Kind DecodeKind(Codec& codec, const std::string& xml, DecodeError* err) {
  AcsEnvelope env;
  Status st = codec.DecodeAcs(xml, &env, err);
  BOOST_TEST_REQUIRE(!st.ok(), "decoded although it should not: " << xml.substr(0, 300));
  return err->kind;
}

#define CHECK_KIND(actual, expected) \
  BOOST_TEST(static_cast<int>(actual) == static_cast<int>(expected), DecodeErrorKindName(actual))

BOOST_AUTO_TEST_CASE(booleans_accept_true_false_1_0_and_reject_anything_else) {
  Codec codec;
  for (const char* text : {"1", "true", " true ", "0", "false"}) {
    AcsEnvelope env;
    DecodeError err;
    BOOST_TEST_REQUIRE(codec.DecodeAcs(Envelope(Gpn(text)), &env, &err).ok(), text);
    const bool expected = std::string(text).find('1') != std::string::npos ||
                          std::string(text).find("true") != std::string::npos;
    BOOST_TEST(std::get<GetParameterNames>(std::get<AcsRequest>(env.body)).next_level == expected);
  }
  DecodeError err;
  CHECK_KIND(DecodeKind(codec, Envelope(Gpn("yes")), &err), Kind::kMalformed);
  BOOST_TEST(err.id == "id-42");

  AcsEnvelope env;
  BOOST_TEST_REQUIRE(
      codec
          .DecodeAcs(
              Envelope("<cwmp:FactoryReset/>",
                       "<cwmp:HoldRequests soap-env:mustUnderstand=\"1\">1</cwmp:HoldRequests>"),
              &env, &err)
          .ok());
  BOOST_TEST(env.header.hold_requests.value_or(false) == true);

  // Emitted booleans are true/false (xsd:boolean canonical form; GenieACS reads both).
  CpeEnvelope out;
  out.body = CpeResponse(
      GetParameterNamesResponse{{{"Device.Time.", true}, {"Device.Time.Enable", false}}});
  const std::string xml = codec.EncodeCpe(out);
  BOOST_TEST(xml.find("<Writable>true</Writable>") != std::string::npos);
  BOOST_TEST(xml.find("<Writable>false</Writable>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_method_keeps_the_id_and_answers_9000) {
  Codec codec;
  DecodeError err;
  CHECK_KIND(
      DecodeKind(codec, Envelope("<cwmp:X_VENDOR_Frobnicate><A>1</A></cwmp:X_VENDOR_Frobnicate>"),
                 &err),
      Kind::kUnknownMethod);
  BOOST_TEST(err.id == "id-42");
  const std::string answer = codec.EncodeDecodeFault(err);
  BOOST_TEST(answer.find("<FaultCode>9000</FaultCode>") != std::string::npos, answer);
  BOOST_TEST(answer.find(">id-42</cwmp:ID>") != std::string::npos, answer);
  BOOST_TEST(answer.find("<faultcode>Client</faultcode>") != std::string::npos, answer);
}

BOOST_AUTO_TEST_CASE(unknown_mustunderstand_header_is_refused_with_the_id) {
  Codec codec;
  DecodeError err;
  const std::string header =
      "<v:Session xmlns:v=\"urn:example:vendor\" soap-env:mustUnderstand=\"1\">x</v:Session>";
  CHECK_KIND(DecodeKind(codec, Envelope("<cwmp:FactoryReset/>", header), &err),
             Kind::kMustUnderstand);
  BOOST_TEST(err.id == "id-42");
  const std::string answer = codec.EncodeDecodeFault(err);
  BOOST_TEST(answer.find("<faultcode>SOAP-ENV:MustUnderstand</faultcode>") != std::string::npos,
             answer);
  BOOST_TEST(answer.find(">id-42</cwmp:ID>") != std::string::npos, answer);

  // The same header with mustUnderstand="0" (or none) is simply ignored.
  AcsEnvelope env;
  const std::string optional =
      "<v:Session xmlns:v=\"urn:example:vendor\" soap-env:mustUnderstand=\"0\">x</v:Session>";
  BOOST_TEST(codec.DecodeAcs(Envelope("<cwmp:FactoryReset/>", optional), &env, &err).ok());
}

BOOST_AUTO_TEST_CASE(versions_1_0_to_1_4_decode_and_others_are_refused) {
  Codec codec;
  for (int minor = 0; minor <= 4; ++minor) {
    const Version v = static_cast<Version>(minor);
    AcsEnvelope env;
    DecodeError err;
    BOOST_TEST_REQUIRE(
        codec.DecodeAcs(Envelope(Gpn("1"), "", VersionNamespace(v)), &env, &err).ok());
    BOOST_TEST(static_cast<int>(env.version) == minor);
    // The answer goes out in the request's namespace.
    CpeEnvelope answer{env.version, env.header, CpeResponse(GetParameterNamesResponse{})};
    BOOST_TEST(codec.EncodeCpe(answer).find(std::string("xmlns:cwmp=\"") + VersionNamespace(v) +
                                            "\"") != std::string::npos);
  }
  DecodeError err;
  CHECK_KIND(DecodeKind(codec, Envelope(Gpn("1"), "", "urn:dslforum-org:cwmp-1-9"), &err),
             Kind::kUnsupportedVersion);
  BOOST_TEST(err.id == "id-42");
  BOOST_TEST(err.detail.find("cwmp-1-9") != std::string::npos);
  CHECK_KIND(DecodeKind(codec, Envelope(Gpn("1"), "", "urn:example:other"), &err),
             Kind::kUnsupportedVersion);
  // After a refused version the context forgets it: 1-0 still decodes.
  AcsEnvelope env;
  BOOST_TEST(codec.DecodeAcs(Envelope(Gpn("1")), &env, &err).ok());
}

BOOST_AUTO_TEST_CASE(prefixes_whitespace_and_xsi_type_prefixes_do_not_matter) {
  Codec codec;
  const std::string xml =
      "\xEF\xBB\xBF  \n<?xml version=\"1.0\"?>\n<E:Envelope\n"
      "  xmlns:E=\"http://schemas.xmlsoap.org/soap/envelope/\"\n"
      "  xmlns:enc=\"http://schemas.xmlsoap.org/soap/encoding/\"\n"
      "  xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"\n"
      "  xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
      "  <E:Header>\n    <c:ID xmlns:c=\"urn:dslforum-org:cwmp-1-2\" "
      "E:mustUnderstand=\"1\">7</c:ID>\n"
      "  </E:Header>\n  <E:Body>\n"
      "    <c:SetParameterValues xmlns:c=\"urn:dslforum-org:cwmp-1-2\">\n"
      "      <ParameterList enc:arrayType=\"c:ParameterValueStruct[1]\">\n"
      "        <ParameterValueStruct>\n          <Name>Device.X</Name>\n"
      "          <Value i:type=\"xs:unsignedInt\">5</Value>\n        </ParameterValueStruct>\n"
      "      </ParameterList>\n      <ParameterKey>k</ParameterKey>\n"
      "    </c:SetParameterValues>\n  </E:Body>\n</E:Envelope>\n";
  AcsEnvelope env;
  DecodeError err;
  Status st = codec.DecodeAcs(xml, &env, &err);
  BOOST_TEST_REQUIRE(st.ok(), st.message());
  BOOST_TEST(static_cast<int>(env.version) == static_cast<int>(Version::k1_2));
  BOOST_TEST(*env.header.id == "7");
  const auto& spv = std::get<SetParameterValues>(std::get<AcsRequest>(env.body));
  BOOST_TEST_REQUIRE(spv.parameter_list.size() == 1u);
  BOOST_TEST(spv.parameter_list[0].value == "5");
  BOOST_TEST(spv.parameter_list[0].type == "xsd:unsignedInt");  // normalized prefix
  BOOST_TEST(spv.parameter_key == "k");
}

BOOST_AUTO_TEST_CASE(value_without_xsi_type_and_fault_without_cwmp_detail) {
  Codec codec;
  AcsEnvelope env;
  DecodeError err;
  const std::string spv =
      "<cwmp:SetParameterValues><ParameterList soap-enc:arrayType=\"cwmp:ParameterValueStruct[1]\">"
      "<ParameterValueStruct><Name>Device.A</Name><Value>x</Value></ParameterValueStruct>"
      "</ParameterList><ParameterKey>k</ParameterKey></cwmp:SetParameterValues>";
  BOOST_TEST_REQUIRE(codec.DecodeAcs(Envelope(spv), &env, &err).ok());
  const auto& list = std::get<SetParameterValues>(std::get<AcsRequest>(env.body)).parameter_list;
  BOOST_TEST_REQUIRE(list.size() == 1u);
  BOOST_TEST(list[0].type.empty());  // missing stays missing; the RPC layer decides
  BOOST_TEST(codec.EncodeAcs(env).find("<Value>x</Value>") != std::string::npos);

  // A plain SOAP fault (no cwmp:Fault detail) is still a Fault, with code 0.
  const std::string fault =
      "<soap-env:Fault><faultcode>soap-env:Server</faultcode><faultstring>Busy</faultstring>"
      "</soap-env:Fault>";
  BOOST_TEST_REQUIRE(codec.DecodeAcs(Envelope(fault), &env, &err).ok());
  const auto& f = std::get<Fault>(std::get<AcsResponse>(env.body));
  BOOST_TEST(f.fault_code == 0u);
  BOOST_TEST(f.fault_string == "Busy");
  BOOST_TEST(*env.header.id == "id-42");
}

BOOST_AUTO_TEST_CASE(malformed_and_empty_input) {
  Codec codec;
  DecodeError err;
  CHECK_KIND(DecodeKind(codec, "<soap-env:Envelope><soap-env:Body><cwmp:Reboot>", &err),
             Kind::kMalformed);
  CHECK_KIND(
      DecodeKind(codec, Envelope("<cwmp:Reboot><CommandKey>x</Command></cwmp:Reboot>"), &err),
      Kind::kMalformed);
  CHECK_KIND(DecodeKind(codec, Envelope("<cwmp:Reboot></cwmp:Reboot>"), &err), Kind::kMalformed);
  CHECK_KIND(DecodeKind(codec, "Unrecognized CWMP version", &err), Kind::kMalformed);
  CHECK_KIND(DecodeKind(codec, "", &err), Kind::kEmpty);
  CHECK_KIND(DecodeKind(codec, " \r\n\t ", &err), Kind::kEmpty);
  CHECK_KIND(DecodeKind(codec, Envelope(""), &err), Kind::kEmpty);
  BOOST_TEST(codec.EncodeDecodeFault(err).empty());
}

BOOST_AUTO_TEST_CASE(limits_refuse_large_bodies_arrays_and_strings) {
  Codec codec(CodecLimits{4096, 10, 100});
  DecodeError err;
  std::string big = Envelope("<cwmp:Reboot><CommandKey>" + std::string(5000, 'a') +
                             "</CommandKey></cwmp:Reboot>");
  CHECK_KIND(DecodeKind(codec, big, &err), Kind::kTooLarge);
  CHECK_KIND(DecodeKind(codec,
                        Envelope("<cwmp:Reboot><CommandKey>" + std::string(200, 'a') +
                                 "</CommandKey></cwmp:Reboot>"),
                        &err),
             Kind::kTooLarge);
  std::string names;
  for (int i = 0; i < 11; ++i) names += "<string>Device.</string>";
  CHECK_KIND(DecodeKind(codec,
                        Envelope("<cwmp:GetParameterValues><ParameterNames "
                                 "soap-enc:arrayType=\"xsd:string[11]\">" +
                                 names + "</ParameterNames></cwmp:GetParameterValues>"),
                        &err),
             Kind::kTooLarge);
  BOOST_TEST(err.id == "id-42");
  BOOST_TEST(codec.EncodeDecodeFault(err).find("<FaultCode>9004</FaultCode>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(array_type_size_is_not_trusted) {
  Codec codec;
  const std::string xml = Envelope(
      "<cwmp:SetParameterValues><ParameterList "
      "soap-enc:arrayType=\"cwmp:ParameterValueStruct[99999]\">"
      "<ParameterValueStruct><Name>Device.A</Name><Value "
      "xsi:type=\"xsd:string\">a</Value></ParameterValueStruct>"
      "<ParameterValueStruct><Name>Device.B</Name><Value "
      "xsi:type=\"xsd:int\">-2</Value></ParameterValueStruct>"
      "</ParameterList><ParameterKey></ParameterKey></cwmp:SetParameterValues>");
  AcsEnvelope env;
  DecodeError err;
  edgecwmp::testing::StartAllocProbe();
  Status st = codec.DecodeAcs(xml, &env, &err);
  const size_t largest = edgecwmp::testing::StopAllocProbe();
  BOOST_TEST_REQUIRE(st.ok(), st.message());
  const auto& spv = std::get<SetParameterValues>(std::get<AcsRequest>(env.body));
  BOOST_TEST(spv.parameter_list.size() == 2u);
  BOOST_TEST(spv.parameter_list[1].type == "xsd:int");
  BOOST_TEST(largest < 64u * 1024u, "largest allocation " << largest);
}

BOOST_AUTO_TEST_CASE(billion_laughs_doctype_is_harmless) {
  Codec codec;
  std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  doctype += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doctype += "&lol" + std::to_string(i - 1) + ";";
    doctype += "\">\n";
  }
  doctype += "]>\n";
  std::string xml = Envelope("<cwmp:Reboot><CommandKey>&lol9;</CommandKey></cwmp:Reboot>");
  xml.replace(0, xml.find("<soap-env:Envelope"), doctype);
  AcsEnvelope env;
  DecodeError err;
  edgecwmp::testing::StartAllocProbe();
  Status st = codec.DecodeAcs(xml, &env, &err);
  const size_t largest = edgecwmp::testing::StopAllocProbe();
  if (st.ok()) {  // the entity is not expanded
    BOOST_TEST(std::get<Reboot>(std::get<AcsRequest>(env.body)).command_key.size() < 100u);
  }
  BOOST_TEST(largest < 64u * 1024u, "largest allocation " << largest);
}

BOOST_AUTO_TEST_CASE(deep_nesting_does_not_crash) {
  Codec codec;
  std::string deep;
  for (int i = 0; i < 60000; ++i) deep += "<a>";
  for (int i = 0; i < 60000; ++i) deep += "</a>";
  const std::string header = "<v:X xmlns:v=\"urn:example:vendor\">" + deep + "</v:X>";
  AcsEnvelope env;
  DecodeError err;
  // An optional unknown header is skipped iteratively, however deep.
  BOOST_TEST(codec.DecodeAcs(Envelope("<cwmp:FactoryReset/>", header), &env, &err).ok());
  BOOST_TEST(
      !codec
           .DecodeAcs(Envelope("<cwmp:Reboot><CommandKey>" + deep + "</CommandKey></cwmp:Reboot>"),
                      &env, &err)
           .ok());
  // The context is still usable afterwards.
  BOOST_TEST(codec.DecodeAcs(Envelope("<cwmp:FactoryReset/>"), &env, &err).ok());
}

BOOST_AUTO_TEST_CASE(codecs_in_parallel_threads_do_not_interfere) {
  // One Codec per thread, each with its own version: nothing may leak between contexts.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      Codec codec;
      const Version v = static_cast<Version>(t);
      for (int i = 0; i < 200; ++i) {
        AcsEnvelope env;
        DecodeError err;
        if (!codec.DecodeAcs(Envelope(Gpn("1"), "", VersionNamespace(v)), &env, &err).ok() ||
            env.version != v) {
          ++failures;
        }
        CpeEnvelope answer{env.version, env.header, CpeResponse(GetParameterNamesResponse{})};
        if (codec.EncodeCpe(answer).find(VersionNamespace(v)) == std::string::npos) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  BOOST_TEST(failures.load() == 0);
}

BOOST_AUTO_TEST_CASE(non_ascii_and_markup_characters_round_trip) {
  Codec codec;
  const std::string text =
      "caf\xC3\xA9 \xE2\x82\xAC \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 <a&b> \"q\" 'a'";
  CpeEnvelope env;
  env.header.id = text;
  env.body = CpeResponse(
      GetParameterValuesResponse{{{"Device.DeviceInfo.Description", text, "xsd:string"}}});
  const std::string xml = codec.EncodeCpe(env);
  BOOST_TEST(xml.find("caf\xC3\xA9") != std::string::npos);  // raw UTF-8, not double-encoded
  CpeEnvelope back;
  DecodeError err;
  BOOST_TEST_REQUIRE(codec.DecodeCpe(xml, &back, &err).ok());
  BOOST_TEST(*back.header.id == text);
  const auto& gpv = std::get<GetParameterValuesResponse>(std::get<CpeResponse>(back.body));
  BOOST_TEST(gpv.parameter_list.at(0).value == text);
}

BOOST_AUTO_TEST_CASE(every_sample_round_trips_in_every_version) {
  Codec codec;
  for (int minor = 0; minor <= 4; ++minor) {
    const Version v = static_cast<Version>(minor);
    Header h;
    h.id = "id";
    h.session_timeout = 30;
    h.supported_cwmp_versions = "1.0,1.4";
    h.hold_requests = true;
    h.no_more_requests = false;
    h.use_cwmp_version = "1.4";
    auto check_cpe = [&](CpeBody body) {
      const std::string xml = codec.EncodeCpe({v, h, body});
      CpeEnvelope back;
      DecodeError err;
      Status st = codec.DecodeCpe(xml, &back, &err);
      BOOST_TEST_REQUIRE(st.ok(), st.message() << "\n" << xml);
      BOOST_TEST(static_cast<int>(back.version) == minor);
      BOOST_TEST(back.body.index() == body.index());
      BOOST_TEST(back.header.session_timeout.value_or(0) == 30u);
      BOOST_TEST(back.header.supported_cwmp_versions.value_or("") == "1.0,1.4");
      BOOST_TEST(back.header.hold_requests.value_or(false) == true);
      BOOST_TEST(back.header.no_more_requests.has_value());
      BOOST_TEST(back.header.use_cwmp_version.value_or("") == "1.4");
      BOOST_TEST(codec.EncodeCpe(back) == xml);
    };
    auto check_acs = [&](AcsBody body) {
      const std::string xml = codec.EncodeAcs({v, h, body});
      AcsEnvelope back;
      DecodeError err;
      Status st = codec.DecodeAcs(xml, &back, &err);
      BOOST_TEST_REQUIRE(st.ok(), st.message() << "\n" << xml);
      BOOST_TEST(back.body.index() == body.index());
      BOOST_TEST(codec.EncodeAcs(back) == xml);
    };
    for (auto& m : testing::SampleCpeRequests()) check_cpe(m);
    for (auto& m : testing::SampleCpeResponses()) check_cpe(m);
    for (auto& m : testing::SampleAcsRequests()) check_acs(m);
    for (auto& m : testing::SampleAcsResponses()) check_acs(m);
  }
  // A few values that must survive exactly.
  CpeEnvelope back;
  DecodeError err;
  const auto samples = testing::SampleCpeResponses();
  BOOST_TEST_REQUIRE(
      codec.DecodeCpe(codec.EncodeCpe({Version::k1_2, {}, samples.back()}), &back, &err).ok());
  const auto& fault = std::get<Fault>(std::get<CpeResponse>(back.body));
  BOOST_TEST(fault.fault_code == 9003u);
  BOOST_TEST_REQUIRE(fault.set_parameter_values_faults.size() == 2u);
  BOOST_TEST(fault.set_parameter_values_faults[1].parameter_name == "Device.DeviceInfo.UpTime");
  BOOST_TEST(fault.set_parameter_values_faults[1].fault_code == 9008u);
  AcsEnvelope acs_back;
  const auto requests = testing::SampleAcsRequests();
  BOOST_TEST_REQUIRE(
      codec.DecodeAcs(codec.EncodeAcs({Version::k1_2, {}, requests.back()}), &acs_back, &err).ok());
  const auto& cds = std::get<ChangeDUState>(std::get<AcsRequest>(acs_back.body));
  BOOST_TEST_REQUIRE(cds.operations.size() == 3u);
  BOOST_TEST(std::holds_alternative<InstallOpStruct>(cds.operations[0]));
  BOOST_TEST(std::holds_alternative<UpdateOpStruct>(cds.operations[1]));
  BOOST_TEST(std::get<UninstallOpStruct>(cds.operations[2]).uuid ==
             "c3b7b1a0-0000-4000-8000-000000000002");
  const auto cpe_requests = testing::SampleCpeRequests();
  BOOST_TEST_REQUIRE(
      codec.DecodeCpe(codec.EncodeCpe({Version::k1_0, {}, cpe_requests.front()}), &back, &err)
          .ok());
  const auto& inform = std::get<Inform>(std::get<CpeRequest>(back.body));
  BOOST_TEST(inform.parameter_list.at(2).value == "2026-01-01T00:00:00.000Z");
  BOOST_TEST(inform.parameter_list.at(1).type == "xsd:boolean");
  BOOST_TEST(inform.retry_count == 2u);
}

}  // namespace
}  // namespace edgecwmp::cwmp
