// SPDX-License-Identifier: GPL-2.0-or-later
// dateTime text ↔ whole-second UTC time points, including TR-106's Unknown Time.
#include <boost/test/unit_test.hpp>

#include "base/time_util.h"
#include "tests/events/test_util.h"

using edgecwmp::FormatDateTime;
using edgecwmp::IsAbsoluteTime;
using edgecwmp::ParseDateTime;
using edgecwmp::SysSeconds;
using edgecwmp::UnknownTime;

namespace {
int64_t Epoch(const std::string& text) {
  return edgecwmp::test::ParsedTime(text).time_since_epoch().count();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(time_util)

BOOST_AUTO_TEST_CASE(parses_the_forms_cwmp_uses) {
  BOOST_TEST(Epoch("1970-01-01T00:00:00Z") == 0);
  BOOST_TEST(Epoch("2026-11-25T18:00:00Z") == 1795629600);
  BOOST_TEST(Epoch("2026-11-25T18:00:00") == 1795629600);       // no zone: UTC
  BOOST_TEST(Epoch("2026-11-25T18:00:00.987Z") == 1795629600);  // fraction dropped
  BOOST_TEST(Epoch("2026-11-25T18:00:00.5") == 1795629600);
  BOOST_TEST(Epoch("2026-11-25T19:30:00+01:30") == 1795629600);
  BOOST_TEST(Epoch("2026-11-25T13:00:00.000-05:00") == 1795629600);
  BOOST_TEST(Epoch("2024-02-29T12:00:00Z") == 1709208000);  // leap day
  BOOST_TEST(Epoch("1969-12-31T23:59:59Z") == -1);
  BOOST_TEST(Epoch("2026-11-24T24:00:00Z") == Epoch("2026-11-25T00:00:00Z"));
}

BOOST_AUTO_TEST_CASE(refuses_malformed_text) {
  for (const char* bad :
       {"", "2026-11-25", "2026-11-25 18:00:00Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-31T00:00:00Z", "2026-11-25T25:00:00Z", "2026-11-25T18:60:00Z",
        "2026-11-25T18:00:00ZZ", "2026-11-25T18:00:00.", "2026-11-25T18:00:00+0100",
        "0000-01-01T00:00:00Z", "20261125T180000Z", "2026-11-25T18:00:00 "}) {
    SysSeconds t;
    BOOST_TEST(!ParseDateTime(bad, &t).ok(), "accepted: '" << bad << "'");
  }
}

BOOST_AUTO_TEST_CASE(unknown_time_and_relative_times_are_not_absolute) {
  SysSeconds t;
  BOOST_REQUIRE(ParseDateTime("0001-01-01T00:00:00Z", &t).ok());
  BOOST_TEST((t == UnknownTime()));
  BOOST_TEST(!IsAbsoluteTime(t));
  BOOST_REQUIRE(ParseDateTime("0001-01-01T00:05:00Z", &t).ok());  // 5 min after boot
  BOOST_TEST(!IsAbsoluteTime(t));
  BOOST_REQUIRE(ParseDateTime("1000-01-01T00:00:00Z", &t).ok());
  BOOST_TEST(IsAbsoluteTime(t));
  BOOST_TEST(FormatDateTime(UnknownTime()) == "0001-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(formats_utc_and_round_trips) {
  BOOST_TEST(FormatDateTime(SysSeconds(std::chrono::seconds(0))) == "1970-01-01T00:00:00Z");
  BOOST_TEST(FormatDateTime(SysSeconds(std::chrono::seconds(1795629600))) ==
             "2026-11-25T18:00:00Z");
  BOOST_TEST(FormatDateTime(SysSeconds(std::chrono::seconds(-1))) == "1969-12-31T23:59:59Z");
  for (const char* text : {"2000-02-29T23:59:59Z", "1999-12-31T00:00:01Z", "9999-12-31T23:59:59Z",
                           "2100-03-01T06:07:08Z"}) {
    SysSeconds t;
    BOOST_REQUIRE(ParseDateTime(text, &t).ok());
    BOOST_TEST(FormatDateTime(t) == text);
  }
  const std::string now = edgecwmp::NowDateTime();
  SysSeconds parsed;
  BOOST_TEST(ParseDateTime(now, &parsed).ok());
  BOOST_TEST(now.back() == 'Z');
}

BOOST_AUTO_TEST_SUITE_END()
