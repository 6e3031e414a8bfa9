// SPDX-License-Identifier: GPL-2.0-or-later
#include "datamodel/types.h"

#include <boost/test/unit_test.hpp>

#include "base/status.h"
#include "tests/datamodel/test_util.h"

namespace edgecwmp::dm {
namespace {

std::string Canon(Type type, const std::string& in) {
  std::string out = "<unset>";
  Status s = Canonicalize(type, in, &out);
  return s.ok() ? out : std::string("!") + ErrorName(s.code());
}

const std::string kBad = "!InvalidType";

BOOST_AUTO_TEST_SUITE(types)

BOOST_AUTO_TEST_CASE(type_names_round_trip) {
  for (Type t : {Type::kString, Type::kInt, Type::kUnsignedInt, Type::kLong, Type::kUnsignedLong,
                 Type::kBoolean, Type::kDateTime, Type::kBase64, Type::kHexBinary}) {
    Type parsed = Type::kString;
    BOOST_TEST(ParseTypeName(TypeName(t), &parsed));
    BOOST_TEST(static_cast<int>(parsed) == static_cast<int>(t));
    BOOST_TEST(ParseTypeName(std::string("xsd:") + TypeName(t), &parsed));
    BOOST_TEST(static_cast<int>(parsed) == static_cast<int>(t));
  }
  Type t;
  BOOST_TEST(!ParseTypeName("integer", &t));
  BOOST_TEST(!ParseTypeName("", &t));
  BOOST_TEST(!ParseTypeName("xsd:", &t));
  BOOST_TEST(!ParseTypeName("String", &t));
  BOOST_TEST(std::string(TypeName(Type::kUnsignedInt)) == "unsignedInt");
}

BOOST_AUTO_TEST_CASE(int32_bounds_and_canonical_form) {
  BOOST_TEST(Canon(Type::kInt, "0") == "0");
  BOOST_TEST(Canon(Type::kInt, "-0") == "0");
  BOOST_TEST(Canon(Type::kInt, "+42") == "42");
  BOOST_TEST(Canon(Type::kInt, "0007") == "7");
  BOOST_TEST(Canon(Type::kInt, "-007") == "-7");
  BOOST_TEST(Canon(Type::kInt, "2147483647") == "2147483647");
  BOOST_TEST(Canon(Type::kInt, "-2147483648") == "-2147483648");
  BOOST_TEST(Canon(Type::kInt, "2147483648") == kBad);
  BOOST_TEST(Canon(Type::kInt, "-2147483649") == kBad);
  for (const char* bad : {"", "-", "+", "1.5", "1e3", " 1", "1 ", "0x10", "abc", "--1", "+-1"}) {
    BOOST_TEST(Canon(Type::kInt, bad) == kBad, "int accepted \"" << bad << "\"");
  }
}

BOOST_AUTO_TEST_CASE(uint32_bounds) {
  BOOST_TEST(Canon(Type::kUnsignedInt, "4294967295") == "4294967295");
  BOOST_TEST(Canon(Type::kUnsignedInt, "4294967296") == kBad);
  BOOST_TEST(Canon(Type::kUnsignedInt, "-1") == kBad);
  BOOST_TEST(Canon(Type::kUnsignedInt, "+15") == "15");
  BOOST_TEST(Canon(Type::kUnsignedInt, "99999999999999999999999") == kBad);
}

BOOST_AUTO_TEST_CASE(int64_and_uint64_bounds) {
  BOOST_TEST(Canon(Type::kLong, "9223372036854775807") == "9223372036854775807");
  BOOST_TEST(Canon(Type::kLong, "-9223372036854775808") == "-9223372036854775808");
  BOOST_TEST(Canon(Type::kLong, "9223372036854775808") == kBad);
  BOOST_TEST(Canon(Type::kLong, "-9223372036854775809") == kBad);
  BOOST_TEST(Canon(Type::kUnsignedLong, "18446744073709551615") == "18446744073709551615");
  BOOST_TEST(Canon(Type::kUnsignedLong, "18446744073709551616") == kBad);
  BOOST_TEST(Canon(Type::kUnsignedLong, "-5") == kBad);
}

BOOST_AUTO_TEST_CASE(boolean_forms) {
  BOOST_TEST(Canon(Type::kBoolean, "true") == "true");
  BOOST_TEST(Canon(Type::kBoolean, "1") == "true");
  BOOST_TEST(Canon(Type::kBoolean, "false") == "false");
  BOOST_TEST(Canon(Type::kBoolean, "0") == "false");
  for (const char* bad : {"", "TRUE", "True", "yes", "2", "01", " true", "t"}) {
    BOOST_TEST(Canon(Type::kBoolean, bad) == kBad, "boolean accepted \"" << bad << "\"");
  }
}

BOOST_AUTO_TEST_CASE(date_time_good) {
  for (const char* good :
       {"2026-11-25T12:00:00Z", "2026-11-25T12:00:00", "2026-11-25T12:00:00.123Z",
        "2026-11-25T12:00:00.5", "2026-11-25T12:00:00+01:00", "2026-11-25T12:00:00-05:30",
        "2026-11-25T12:00:00.999999-14:00", "0001-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
        "2000-02-29T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    BOOST_TEST(Canon(Type::kDateTime, good) == good);
  }
}

BOOST_AUTO_TEST_CASE(date_time_bad) {
  for (const char* bad : {"",
                          "2026-13-01T00:00:00Z",
                          "2026-00-01T00:00:00Z",
                          "2026-01-32T00:00:00Z",
                          "2026-04-31T00:00:00Z",
                          "2025-02-29T00:00:00Z",
                          "1900-02-29T00:00:00Z",
                          "2026-01-01T24:00:00Z",
                          "2026-01-01T00:60:00Z",
                          "2026-01-01T00:00:60Z",
                          "2026-01-01",
                          "2026-01-01 00:00:00Z",
                          "26-01-01T00:00:00Z",
                          "2026-1-01T00:00:00Z",
                          "2026-01-01T00:00:00.Z",
                          "2026-01-01T00:00:00+1:00",
                          "2026-01-01T00:00:00+15:00",
                          "2026-01-01T00:00:00+01:60",
                          "2026-01-01T00:00:00ZZ",
                          "2026-01-01T00:00:00Z ",
                          "0000-01-01T00:00:00Z",
                          "2026-01-01T00:00:00+0100",
                          "yesterday"}) {
    BOOST_TEST(Canon(Type::kDateTime, bad) == kBad, "dateTime accepted \"" << bad << "\"");
  }
}

BOOST_AUTO_TEST_CASE(base64_syntax) {
  for (const char* good : {"", "QUJD", "QUI=", "QQ==", "SGVsbG8gd29ybGQ=", "ab+/"}) {
    BOOST_TEST(Canon(Type::kBase64, good) == good);
  }
  for (const char* bad : {"Q", "QUJ", "QUJD=", "Q===", "QU=D", "QU!D", "QUJD QUJD", "=QUJ"}) {
    BOOST_TEST(Canon(Type::kBase64, bad) == kBad, "base64 accepted \"" << bad << "\"");
  }
}

BOOST_AUTO_TEST_CASE(hex_binary_syntax) {
  for (const char* good : {"", "00", "deadBEEF", "0a1B"}) {
    BOOST_TEST(Canon(Type::kHexBinary, good) == good);
  }
  for (const char* bad : {"0", "abc", "0g", "0x00", "de ad"}) {
    BOOST_TEST(Canon(Type::kHexBinary, bad) == kBad, "hexBinary accepted \"" << bad << "\"");
  }
}

BOOST_AUTO_TEST_CASE(string_is_kept_verbatim) {
  BOOST_TEST(Canon(Type::kString, "") == "");
  BOOST_TEST(Canon(Type::kString, " spaced  ") == " spaced  ");
  BOOST_TEST(Canon(Type::kString, "ünïcode") == "ünïcode");
}

BOOST_AUTO_TEST_CASE(status_strings) {
  BOOST_TEST(Status().ToString() == "OK");
  BOOST_TEST(Status::InvalidName("x").ToString() == "InvalidName: x");
  BOOST_TEST(Status::NotificationRejected("y").code() == Error::kNotificationRejected);
  BOOST_TEST(std::string(ErrorName(Error::kResourcesExceeded)) == "ResourcesExceeded");
  BOOST_TEST(std::string(ErrorName(Error::kCorruption)) == "Corruption");
  BOOST_TEST(!Status::Internal("z").ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace edgecwmp::dm
