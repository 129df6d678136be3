#include "base/strings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

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

// AppendHtmlEscaped scans 16 (SSE2) or 32 (AVX2) bytes at a time, then
// the last block again, and short texts byte by byte: every special byte,
// and its neighbours, at every offset of each part, in both
// implementations.
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
  using internal::Utf8Impl;
  for (Utf8Impl impl : {Utf8Impl::kSse2, Utf8Impl::kAvx2}) {
    if (!internal::Utf8ImplAvailable(impl)) continue;  // reported by the test below
    for (size_t len : {0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 50, 63, 64, 65, 95, 96, 97}) {
      for (size_t pos = 0; pos < len; ++pos) {
        for (char c : specials) {
          std::string s(len, 'x');
          s[pos] = c;
          std::string out = "pre";
          internal::AppendHtmlEscapedWith(impl, &out, s);
          EXPECT_EQ(out, "pre" + reference(s))
              << "impl " << static_cast<int>(impl) << " len " << len << " pos " << pos
              << " byte " << static_cast<int>(static_cast<unsigned char>(c));
          // A second special byte anywhere after the first.
          for (size_t second = pos + 1; second < len; second += 7) {
            std::string t = s;
            t[second] = '>';
            out.clear();
            internal::AppendHtmlEscapedWith(impl, &out, t);
            EXPECT_EQ(out, reference(t)) << "len " << len << " pos " << pos << " " << second;
          }
        }
      }
    }
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(HtmlEscape(all + all), reference(all + all));
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("<<<<<<<<<<<<<<<<<<<<"), reference("<<<<<<<<<<<<<<<<<<<<"));
}

TEST(Strings, HtmlEscapeStopsBeforeTheFirstAmpersandWhenAsked) {
  for (size_t len : {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100}) {
    for (size_t amp = 0; amp <= len; ++amp) {
      std::string s(len, 'x');
      if (amp < len) s[amp] = '&';
      if (amp > 2) s[amp / 2] = '<';  // escaped on the way
      if (amp + 1 < len) s[len - 1] = '>';
      std::string out = "pre";
      EXPECT_EQ(AppendHtmlEscapedBeforeAmpersand(&out, s), amp) << len << " " << amp;
      EXPECT_EQ(out, "pre" + HtmlEscape(s.substr(0, amp))) << len << " " << amp;
    }
  }
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

// CollapseWhitespace as first written, a byte at a time: the run-copying
// one must agree with it.
std::string ReferenceCollapse(std::string_view s) {
  auto space_len = [&](size_t i) -> size_t {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (i + 1 < s.size() && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
    return 0;
  };
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t n;
    while (i < s.size() && (n = space_len(i)) > 0) i += n;
    if (i == s.size()) break;
    size_t run = i;
    while (i < s.size() && space_len(i) == 0) ++i;
    if (!out.empty()) out.push_back(' ');
    out.append(s.data() + run, i - run);
  }
  return out;
}

TEST(Strings, CollapseWhitespaceKeepsOtherC2CharactersAndFoldsNbsp) {
  EXPECT_EQ(CollapseWhitespace("\xC2\xA0 caf\xC3\xA9\xC2\xA0\xC2\xA0\xC2\xA9 2026 \xC2"),
            "caf\xC3\xA9 \xC2\xA9 2026 \xC2");
  EXPECT_EQ(CollapseWhitespace("a \xC2\xA0" "b"), "a b");
  EXPECT_EQ(CollapseWhitespace("\xC2\xC2\xA0x"), "\xC2 x");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \r\n\t\f\v "), "");
  EXPECT_EQ(CollapseWhitespace("one"), "one");
  EXPECT_EQ(CollapseWhitespace("a b"), "a b");
  EXPECT_EQ(CollapseWhitespace("a\r\nb"), "a b");
}

TEST(Strings, CollapseWhitespaceAgreesWithByteAtATimeFolding) {
  const std::vector<std::string> pieces = {
      "a",  "Word", " ",        "  ",   "\t",   "\r\n",     "\n",   "\f",
      "\v", "\x08", "\x0E",     "\xC2\xA0", "\xC2", "\xA0",     "\xC3\xA9", "<",
      "&amp;", "Sixteen-byte-run", "a sentence with single spaces only"};
  std::mt19937 rng(7);
  for (int round = 0; round < 50000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    ASSERT_EQ(CollapseWhitespace(s), ReferenceCollapse(s)) << testing::PrintToString(s);
  }
}

TEST(Strings, TrimAgreesWithTrimmingOneCharacterAtATime) {
  auto reference = [](std::string_view s) {
    for (;;) {
      if (!s.empty() && std::string_view(" \t\n\r\f\v").find(s.front()) != std::string_view::npos) {
        s.remove_prefix(1);
      } else if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") {
        s.remove_prefix(2);
      } else {
        break;
      }
    }
    for (;;) {
      if (!s.empty() && std::string_view(" \t\n\r\f\v").find(s.back()) != std::string_view::npos) {
        s.remove_suffix(1);
      } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
        s.remove_suffix(2);
      } else {
        break;
      }
    }
    return s;
  };
  const std::vector<std::string> pieces = {"a", " ", "\t", "\r\n", "\xC2\xA0", "\xC2", "\xA0",
                                           "\xC3\xA9", "\v"};
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 7);
    for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    ASSERT_EQ(Trim(s), reference(s)) << testing::PrintToString(s);
  }
}

TEST(Strings, FindIgnoreCaseFindsTheFirstMatch) {
  EXPECT_EQ(FindIgnoreCase("Hello World", "WORLD"), 6u);
  EXPECT_EQ(FindIgnoreCase("aaaB", "AB"), 2u);
  EXPECT_EQ(FindIgnoreCase("ab", "abc"), std::string_view::npos);
  EXPECT_EQ(FindIgnoreCase("", ""), 0u);
  EXPECT_EQ(FindIgnoreCase("x", ""), 0u);
  EXPECT_EQ(FindIgnoreCase("", "x"), std::string_view::npos);
  EXPECT_EQ(FindIgnoreCase("EMBARGO", "embargo"), 0u);
  EXPECT_EQ(FindIgnoreCase("\xC3\xA9t\xC3\xA9", "\xC3\xA9"), 0u);
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    std::string s, needle;
    for (int k = static_cast<int>(rng() % 12); k > 0; --k) s.push_back("aAbB["[rng() % 5]);
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) needle.push_back("aAbB{"[rng() % 5]);
    size_t want = std::string_view::npos;
    for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
      if (EqualsIgnoreCase(std::string_view(s).substr(i, needle.size()), needle)) {
        want = i;
        break;
      }
    }
    ASSERT_EQ(FindIgnoreCase(s, needle), want) << s << " / " << needle;
  }
  // '[' and '{' differ by 32 like 'A' and 'a', but are not letters.
  EXPECT_FALSE(EqualsIgnoreCase("[", "{"));
  EXPECT_TRUE(EqualsIgnoreCase("aB", "Ab"));
}

TEST(Strings, SplitKeepsEmptyFields) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(Split("", ','), V{""});
  EXPECT_EQ(Split(",", ','), (V{"", ""}));
  EXPECT_EQ(Split("a,,b,", ','), (V{"a", "", "b", ""}));
  EXPECT_EQ(Split("one", ','), V{"one"});
  EXPECT_EQ(Split("caf\xC3\xA9\ttwo", '\t'), (V{"caf\xC3\xA9", "two"}));
}

// The UTF-8 definition (RFC 3629) written the obvious way, one code point
// at a time: the fast validators must agree with it on every input.
bool ReferenceValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const char32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// Checks every implementation on `s` against the reference, and that the
// copying variant copies and counts '<' right.
void ExpectAllAgree(std::string_view s) {
  const bool want = ReferenceValidUtf8(s);
  ASSERT_EQ(IsValidUtf8(s), want) << testing::PrintToString(std::string(s));
  for (internal::Utf8Impl impl : {internal::Utf8Impl::kSse2, internal::Utf8Impl::kAvx2}) {
    if (!internal::Utf8ImplAvailable(impl)) continue;
    ASSERT_EQ(internal::IsValidUtf8With(impl, s), want)
        << static_cast<int>(impl) << " " << testing::PrintToString(std::string(s));
    std::string copy(s.size(), '\xFF');
    size_t count = 12345;
    ASSERT_EQ(internal::CopyValidUtf8With(impl, s, copy.data(), '<', &count), want)
        << static_cast<int>(impl) << " " << testing::PrintToString(std::string(s));
    if (want) {
      ASSERT_EQ(copy, s);
      ASSERT_EQ(count, static_cast<size_t>(std::count(s.begin(), s.end(), '<')));
    }
  }
}

// One byte value from each class the validators tell apart (ASCII, each
// continuation range, each lead byte range and its edges).
const std::vector<unsigned char>& ByteClasses() {
  static const std::vector<unsigned char> bytes = {
      0x00, 0x3C, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
      0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF};
  return bytes;
}

TEST(Strings, Utf8ValidatorsAgreeOnEveryBytePair) {
  // Placed so the pair sits inside a block, across the 16- and 32-byte
  // block edges, and at the very end of the text.
  for (size_t pad : {0, 5, 15, 31, 62, 63, 95}) {
    for (int a = 0; a < 256; ++a) {
      for (int b = 0; b < 256; ++b) {
        std::string s(pad, 'x');
        s.push_back(static_cast<char>(a));
        s.push_back(static_cast<char>(b));
        ExpectAllAgree(s);
        s.append("tail of some length<");
        ExpectAllAgree(s);
      }
    }
  }
}

TEST(Strings, Utf8ValidatorsAgreeOnSequencesOfEveryByteClass) {
  const std::vector<unsigned char>& b = ByteClasses();
  for (size_t pad : {14, 29, 30, 31, 61}) {
    for (unsigned char c0 : b) {
      if (c0 < 0x80) continue;
      for (unsigned char c1 : b) {
        for (unsigned char c2 : b) {
          for (unsigned char c3 : b) {
            std::string s(pad, 'y');
            for (unsigned char c : {c0, c1, c2, c3}) s.push_back(static_cast<char>(c));
            ExpectAllAgree(s);
            s.append(40, '<');
            ExpectAllAgree(s);
          }
        }
      }
    }
  }
}

TEST(Strings, Utf8ValidatorsAgreeOnMangledText) {
  const std::vector<std::string> pieces = {"a",   "<p>",          "\r\n",         "\t",
                                           " ",   "\xC3\xA9",     "\xE2\x80\x94", "\xF0\x9F\x93\xB0",
                                           "\xC2\xA0", "\xEF\xBB\xBF", "&amp;",   "\xED\x9F\xBF"};
  std::mt19937 rng(20261125);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    ExpectAllAgree(s);
    if (!s.empty()) {
      // One random byte changed, dropped or cut off: most are invalid.
      std::string changed = s;
      changed[rng() % changed.size()] = static_cast<char>(rng() % 256);
      ExpectAllAgree(changed);
      ExpectAllAgree(std::string_view(s).substr(0, rng() % s.size()));
      std::string dropped = s;
      dropped.erase(rng() % dropped.size(), 1);
      ExpectAllAgree(dropped);
    }
  }
}

TEST(Strings, CopyValidUtf8CopiesAndCountsLongText) {
  // Past 255 blocks, where the per-lane counts are added up.
  std::string s;
  for (int i = 0; i < 3000; ++i) s += i % 7 == 0 ? "<caf\xC3\xA9>" : "<a>";
  std::string copy(s.size(), '\0');
  size_t count = 0;
  ASSERT_TRUE(CopyValidUtf8(s, copy.data(), '<', &count));
  EXPECT_EQ(copy, s);
  EXPECT_EQ(count, 3000u);
  ExpectAllAgree(s);
  s.push_back('\xE2');  // cut short at the very end
  ExpectAllAgree(s);
  EXPECT_FALSE(IsValidUtf8(s));
}

TEST(Strings, CopyValidUtf8HandlesEmptyText) {
  size_t count = 7;
  EXPECT_TRUE(CopyValidUtf8("", nullptr, '<', &count));
  EXPECT_EQ(count, 0u);
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Strings, Utf8ImplementationsReportAvailability) {
  EXPECT_TRUE(internal::Utf8ImplAvailable(internal::Utf8Impl::kSse2));
  if (!internal::Utf8ImplAvailable(internal::Utf8Impl::kAvx2)) {
    GTEST_SKIP() << "no AVX2 on this CPU: only the SSE2 validator was tested";
  }
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
