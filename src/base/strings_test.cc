#include "base/strings.h"

#include <gtest/gtest.h>

namespace wirepress {
namespace {

TEST(Strings, TrimHandlesAsciiAndNbsp) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  EXPECT_EQ(Trim("\xC2\xA0x\xC2\xA0"), "x");
  EXPECT_EQ(Trim("   "), "");
}

TEST(Strings, CollapseWhitespaceFoldsRuns) {
  EXPECT_EQ(CollapseWhitespace("  Sochi \n\t (Russia),  May 15 "), "Sochi (Russia), May 15");
}

TEST(Strings, HtmlEscapeEscapesAllFive) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(Strings, UrlEncodeRoundTrips) {
  EXPECT_EQ(UrlEncode("a b&c/é"), "a%20b%26c%2F%C3%A9");
  EXPECT_EQ(UrlDecode("a%20b+c"), "a b c");
}

TEST(Strings, Utf8ValidationRejectsOverlongAndStrayBytes) {
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x80\x94"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_EQ(SanitizeUtf8("a\xE9z"), "a\xEF\xBF\xBDz");
}

TEST(Strings, TruncateUtf8CutsAtAWord) {
  EXPECT_EQ(TruncateUtf8("short", 10), "short");
  EXPECT_EQ(TruncateUtf8("one two three four", 12), "one two\xE2\x80\xA6");
}

TEST(Strings, ParseIntIsStrict) {
  int v = 0;
  EXPECT_TRUE(ParseInt(" 42 ", &v));
  EXPECT_EQ(v, 42);
  EXPECT_FALSE(ParseInt("4x", &v));
  EXPECT_FALSE(ParseInt("", &v));
}

}  // namespace
}  // namespace wirepress
