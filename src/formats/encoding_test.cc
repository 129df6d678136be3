#include "formats/encoding.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

TEST(Encoding, HasByteOrderMarkKnowsEachMarkAndNothingElse) {
  using namespace std::string_view_literals;
  for (std::string_view bom : {"\xEF\xBB\xBF<a/>"sv, "\xFE\xFF\x00<"sv, "\xFF\xFE<\x00"sv,
                               "\x00\x00\xFE\xFF"sv, "\xFF\xFE\x00\x00"sv}) {
    EXPECT_TRUE(HasByteOrderMark(bom)) << testing::PrintToString(std::string(bom));
    EXPECT_FALSE(DecodesUnchanged(bom));
  }
  for (std::string_view text : {""sv, "<a/>"sv, "\xEF\xBB"sv, "\xFF"sv, "\x00<"sv, "\x00\x00\xFE"sv,
                                "\xC3\xA9"sv}) {
    EXPECT_FALSE(HasByteOrderMark(text)) << testing::PrintToString(std::string(text));
  }
  EXPECT_TRUE(DecodesUnchanged("<a>caf\xC3\xA9</a>"));
  EXPECT_FALSE(DecodesUnchanged("<a>caf\xE9</a>"));
}

TEST(Encoding, Utf8StaysAsIsEvenWhenDeclaredLatin1) {
  Decoded d = DecodeToUtf8("Z\xC3\xBCrich", "ISO-8859-1");
  EXPECT_EQ(d.text, "Z\xC3\xBCrich");
  EXPECT_EQ(d.charset, "UTF-8");
}

TEST(Encoding, Latin1IsReadAsWindows1252) {
  // 0x93/0x94 are curly quotes in Windows-1252, control codes in Latin-1.
  Decoded d = DecodeToUtf8("\x93Z\xFCrich\x94", "iso-8859-1");
  EXPECT_EQ(d.text, "\xE2\x80\x9CZ\xC3\xBCrich\xE2\x80\x9D");
}

TEST(Encoding, UndeclaredLegacyBytesStillComeOutValid) {
  Decoded d = DecodeToUtf8("caf\xE9 cr\xE8me br\xFBl\xE9" "e, na\xEFve fa\xE7" "ade");
  EXPECT_EQ(d.text, "caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e, na\xC3\xAFve fa\xC3\xA7" "ade");
}

TEST(Encoding, DeclaredShiftJis) {
  // "日本" in Shift_JIS.
  Decoded d = DecodeToUtf8("\x93\xFA\x96\x7B", "Shift_JIS");
  EXPECT_EQ(d.text, "\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST(Encoding, Utf16BomIsHonoured) {
  Decoded d = DecodeToUtf8(std::string_view("\xFF\xFE" "A\0B\0", 6));
  EXPECT_EQ(d.text, "AB");
}

TEST(Encoding, ReadsTheXmlDeclaration) {
  EXPECT_EQ(XmlDeclaredEncoding("<?xml version=\"1.0\" encoding='ISO-8859-1'?><a/>"), "ISO-8859-1");
  EXPECT_EQ(XmlDeclaredEncoding("<a/>"), "");
}

}  // namespace
}  // namespace wirepress::formats
