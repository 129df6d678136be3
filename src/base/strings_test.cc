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

// AppendHtmlEscaped scans 16 bytes at a time and the rest byte by byte:
// every special byte, and its neighbours, at every offset of both parts.
TEST(Strings, HtmlEscapeFindsEverySpecialByteAtEveryOffset) {
  auto reference = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
    return out;
  };
  // The five, bytes one bit away from them (what the SIMD compares could
  // confuse), NUL, tab, CR/LF and non-ASCII.
  const std::string specials = std::string("&<>\"'%;=?:\x21\x23\x3D\x3F\t\r\n\xC3\xA9\xFF") +
                               std::string(1, '\0');
  for (size_t len : {0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 50}) {
    for (size_t pos = 0; pos < len; ++pos) {
      for (char c : specials) {
        std::string s(len, 'x');
        s[pos] = c;
        std::string out = "pre";
        AppendHtmlEscaped(&out, s);
        EXPECT_EQ(out, "pre" + reference(s)) << "len " << len << " pos " << pos << " byte "
                                             << static_cast<int>(static_cast<unsigned char>(c));
      }
    }
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(HtmlEscape(all + all), reference(all + all));
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("<<<<<<<<<<<<<<<<<<<<"), reference("<<<<<<<<<<<<<<<<<<<<"));
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
