// SPDX-License-Identifier: GPL-2.0-or-later
// Every message the codec writes, in every version 1-0…1-4, validates with xmllint against the
// Broadband Forum schema shared/bbf/cwmp-1-N.xsd. The SOAP envelope/encoding schemas those import
// are not available offline: tests/codec/xsd/ holds small stand-ins, and the cwmp XSDs are copied
// to a temporary directory with their schemaLocations pointed at local files. cwmp-1-3.xsd and
// cwmp-1-4.xsd keep targetNamespace cwmp-1-2 (they only add header elements and fault codes), so a
// 1-3/1-4 message is validated against them with its namespace rewritten to cwmp-1-2.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "cwmp/protocol/codec.h"
#include "tests/codec/codec_samples.h"
#include "tests/codec/offline_xsd.h"

namespace edgecwmp::cwmp {
namespace {

namespace fs = std::filesystem;
using edgecwmp::testing::OfflineCwmpSchemas;
using edgecwmp::testing::ReplaceAll;
using testing::ReadFile;

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  BOOST_TEST_REQUIRE(out.good());
}

// Does the XSD of this version declare the body element? (1-0 lacks e.g. ChangeDUState.)
bool Declares(const std::string& xsd_text, const std::string& element) {
  return xsd_text.find("<xs:element name=\"" + element + "\"") != std::string::npos;
}

std::string BodyElement(const std::string& xml) {
  const size_t body = xml.find("<SOAP-ENV:Body>");
  const size_t start = xml.find('<', body + 1) + 1;
  const size_t end = xml.find_first_of(" />", start);
  std::string tag = xml.substr(start, end - start);
  return tag.substr(tag.find(':') + 1);
}

BOOST_AUTO_TEST_CASE(every_encoded_message_validates_against_the_bbf_xsd) {
  const OfflineCwmpSchemas schemas("codec-xsd");
  Codec codec;
  size_t validated_in_1_2 = 0;
  for (int minor = 0; minor <= 4; ++minor) {
    const Version v = static_cast<Version>(minor);
    std::vector<std::string> messages;
    Header cpe_header;
    cpe_header.id = "cpe-id-1";
    if (minor >= 3) cpe_header.session_timeout = 60;
    if (minor >= 4) cpe_header.supported_cwmp_versions = "1.0,1.1,1.2,1.3,1.4";
    Header acs_header;
    acs_header.id = "acs-id-1";
    acs_header.hold_requests = false;
    if (minor >= 4) acs_header.use_cwmp_version = "1.4";
    for (auto& m : testing::SampleCpeRequests())
      messages.push_back(codec.EncodeCpe({v, cpe_header, m}));
    for (auto& m : testing::SampleCpeResponses())
      messages.push_back(codec.EncodeCpe({v, cpe_header, m}));
    for (auto& m : testing::SampleAcsRequests())
      messages.push_back(codec.EncodeAcs({v, acs_header, m}));
    for (auto& m : testing::SampleAcsResponses())
      messages.push_back(codec.EncodeAcs({v, acs_header, m}));
    DecodeError unknown{DecodeError::Kind::kUnknownMethod, "id-9", v, ""};
    DecodeError must{DecodeError::Kind::kMustUnderstand, "id-10", v, ""};
    messages.push_back(codec.EncodeDecodeFault(unknown));
    messages.push_back(codec.EncodeDecodeFault(must));

    const int schema_minor = std::min(minor, 4);
    const std::string xsd_text = ReadFile(schemas.Xsd(std::min(minor, 2)).string());
    std::vector<std::string> files;
    for (size_t i = 0; i < messages.size(); ++i) {
      std::string xml = messages[i];
      BOOST_TEST_REQUIRE(!xml.empty());
      const std::string ns = std::string("xmlns:cwmp=\"") + VersionNamespace(v) + "\"";
      BOOST_TEST_REQUIRE(xml.find(ns) != std::string::npos, xml);
      const std::string element = BodyElement(xml);
      if (element != "Fault" && !Declares(xsd_text, element)) continue;  // not in this version
      if (minor >= 3) ReplaceAll(&xml, VersionNamespace(v), VersionNamespace(Version::k1_2));
      files.push_back((schemas.dir() / ("msg-" + std::to_string(minor) + "-" + std::to_string(i) +
                                        "-" + element + ".xml"))
                          .string());
      WriteFile(files.back(), xml);
    }
    if (minor == 2) validated_in_1_2 = files.size();
    bool ok = false;
    const std::string output = schemas.Validate(schema_minor, files, &ok);
    BOOST_TEST(ok, "cwmp-1-" << minor << ":\n" << output);
  }
  // 1-2 declares every message: nothing may have been skipped there.
  BOOST_TEST(validated_in_1_2 ==
             testing::SampleCpeRequests().size() + testing::SampleCpeResponses().size() +
                 testing::SampleAcsRequests().size() + testing::SampleAcsResponses().size() + 2);
}

}  // namespace
}  // namespace edgecwmp::cwmp
