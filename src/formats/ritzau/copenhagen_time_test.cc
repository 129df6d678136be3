#include "formats/ritzau/copenhagen_time.h"

#include <gtest/gtest.h>

namespace wirepress::formats::ritzau {
namespace {

std::string Utc(const char* local) { return FormatIso8601(CopenhagenToUtc(*ParseIso8601(local))); }

TEST(CopenhagenTime, WinterIsOneHourAhead) {
  EXPECT_EQ(Utc("2018-01-30T17:32:18"), "2018-01-30T16:32:18Z");
}

TEST(CopenhagenTime, SummerIsTwoHoursAhead) {
  EXPECT_EQ(Utc("2018-07-01T12:00:00"), "2018-07-01T10:00:00Z");
}

TEST(CopenhagenTime, SwitchesOnLastSundayOfMarchAndOctober) {
  // 2018: summer time from 25 March 01:00 UTC to 28 October 01:00 UTC.
  EXPECT_EQ(Utc("2018-03-25T01:59:00"), "2018-03-25T00:59:00Z");
  EXPECT_EQ(Utc("2018-03-25T03:00:00"), "2018-03-25T01:00:00Z");
  EXPECT_EQ(Utc("2018-10-28T02:30:00"), "2018-10-28T00:30:00Z");  // first of the two
  EXPECT_EQ(Utc("2018-10-28T03:00:00"), "2018-10-28T02:00:00Z");
}

TEST(CopenhagenTime, SummerTimeBoundaries) {
  EXPECT_FALSE(IsCopenhagenSummerTime(*ParseIso8601("2024-03-31T00:59:59Z")));
  EXPECT_TRUE(IsCopenhagenSummerTime(*ParseIso8601("2024-03-31T01:00:00Z")));
  EXPECT_TRUE(IsCopenhagenSummerTime(*ParseIso8601("2024-10-27T00:59:59Z")));
  EXPECT_FALSE(IsCopenhagenSummerTime(*ParseIso8601("2024-10-27T01:00:00Z")));
}

}  // namespace
}  // namespace wirepress::formats::ritzau
