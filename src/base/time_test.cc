#include "base/time.h"

#include <gtest/gtest.h>

namespace wirepress {
namespace {

std::string Iso(std::string_view in) {
  auto t = ParseAnyDate(in);
  return t ? FormatIso8601(*t) : "none";
}

TEST(Time, ParsesIso8601Forms) {
  EXPECT_EQ(Iso("2018-02-26T21:20:36Z"), "2018-02-26T21:20:36Z");
  EXPECT_EQ(Iso("2018-02-26T21:20:36+01:00"), "2018-02-26T20:20:36Z");
  EXPECT_EQ(Iso("20180226T212036-0500"), "2018-02-27T02:20:36Z");
  EXPECT_EQ(Iso("2018-02-26T21:20:36.123Z"), "2018-02-26T21:20:36Z");
  EXPECT_EQ(Iso("2018-02-26"), "2018-02-26T00:00:00Z");
  EXPECT_EQ(Iso("2017-10-11T09:41:00.000+0000"), "2017-10-11T09:41:00Z");
}

TEST(Time, ReportsWhetherAZoneWasGiven) {
  bool zone = true;
  ASSERT_TRUE(ParseIso8601("2018-02-26T21:20:36", &zone));
  EXPECT_FALSE(zone);
  ASSERT_TRUE(ParseIso8601("2018-02-26T21:20:36Z", &zone));
  EXPECT_TRUE(zone);
}

TEST(Time, ParsesRfc822) {
  EXPECT_EQ(Iso("Tue, 15 May 2018 10:00:00 GMT"), "2018-05-15T10:00:00Z");
  EXPECT_EQ(Iso("15 May 2018 10:00 +0530"), "2018-05-15T04:30:00Z");
  EXPECT_EQ(Iso("Tue, 15 May 18 10:00:00 EST"), "2018-05-15T15:00:00Z");
}

TEST(Time, Rfc822PartsAndTimeFieldsAtTheEdges) {
  EXPECT_EQ(Iso("Tue,\t15  May\r\n2018 10:00:00\tGMT"), "2018-05-15T10:00:00Z");
  EXPECT_EQ(Iso("Tue, 15 May 2018 10:00:00 +0200 (CEST) extra words"), "2018-05-15T08:00:00Z");
  EXPECT_EQ(Iso("  15 May 2018 10:00  "), "2018-05-15T10:00:00Z");
  EXPECT_EQ(Iso("Tue, 15 May 2018 10:00:00"), "2018-05-15T10:00:00Z");
  EXPECT_EQ(Iso("Tue, 15 May 2018"), "none");
  EXPECT_EQ(Iso("Tue, 15 May 2018 10"), "none");
  EXPECT_EQ(Iso("Tue, 15 May 2018 10:00:00:00 GMT"), "none");
  EXPECT_EQ(Iso("Tue, 15 May 2018 10::00 GMT"), "none");
  EXPECT_EQ(Iso("Tue, 15 May 2018 10:00: GMT"), "none");
  EXPECT_EQ(Iso("Tue, 15 May 2018 :00 GMT"), "none");
  EXPECT_EQ(Iso(","), "none");
}

TEST(Time, Rfc822MonthsAndNumbersAsParseIntReadsThem) {
  const char* kMonths[] = {"jan", "FEB", "Mar", "aPr", "May", "june",
                           "July", "AUGUST", "Sept", "oct.", "Nov", "dEc"};
  for (int m = 0; m < 12; ++m) {
    std::string in = std::string("1 ") + kMonths[m] + " 2018 10:00 GMT";
    auto t = ParseRfc822(in);
    ASSERT_TRUE(t) << in;
    EXPECT_EQ(ToCivil(*t).month, m + 1) << in;
  }
  EXPECT_EQ(Iso("15 Ma 2018 10:00"), "none");
  EXPECT_EQ(Iso("15 Mäy 2018 10:00"), "none");
  EXPECT_EQ(Iso("15 Mya 2018 10:00"), "none");
  // Day, year and time fields go through ParseInt's rules: a '+' sign,
  // a '-' sign, leading zeros, and no overflow.
  EXPECT_EQ(Iso("+15 May 2018 +10:00"), "2018-05-15T10:00:00Z");
  EXPECT_EQ(Iso("015 May 02018 010:000:0"), "2018-05-15T10:00:00Z");
  EXPECT_EQ(Iso("15 May 2018 -1:00"), "2018-05-14T23:00:00Z");
  EXPECT_EQ(Iso("15 May 99999999999 10:00"), "none");
  EXPECT_EQ(Iso("15 May 2018 1O:00"), "none");
  EXPECT_EQ(Iso("15 May 2018 10:00 ist"), "2018-05-15T04:30:00Z");
  EXPECT_EQ(Iso("15\vMay\f2018 10:00"), "2018-05-15T10:00:00Z");
}

TEST(Time, AnyDatePicksTheParserByTheFirstCharacter) {
  // ISO only when the trimmed text starts with a digit; RFC 822 otherwise
  // or when ISO fails.
  EXPECT_EQ(Iso(" \t2018-02-26T21:20:36Z\r\n"), "2018-02-26T21:20:36Z");
  EXPECT_EQ(Iso("\xC2\xA0" "2018-02-26"), "2018-02-26T00:00:00Z");
  EXPECT_EQ(Iso("T2018-02-26"), "none");
  EXPECT_EQ(Iso("26 Feb 2018 21:20:36 Z"), "2018-02-26T21:20:36Z");
  EXPECT_EQ(Iso(""), "none");
  EXPECT_EQ(Iso("  "), "none");
}

TEST(Time, RejectsGarbage) {
  EXPECT_EQ(Iso("yesterday"), "none");
  EXPECT_EQ(Iso("2018-13-01"), "none");
}

TEST(Time, FormatsForFeedsAndPeople) {
  Timestamp t = *ParseIso8601("2019-05-15T08:30:00Z");
  EXPECT_EQ(FormatRfc822(t), "Wed, 15 May 2019 08:30:00 GMT");
  EXPECT_EQ(FormatDate(t), "2019-05-15");
  EXPECT_EQ(FormatHuman(t), "May 15, 2019 08:30 UTC");
}

TEST(Time, CivilRoundTripsAcrossLeapYears) {
  for (std::int64_t s : {0LL, 951782400LL, 1709164800LL, -86400LL}) {
    EXPECT_EQ(FromCivil(ToCivil(Timestamp{s})).seconds, s);
  }
}

}  // namespace
}  // namespace wirepress
