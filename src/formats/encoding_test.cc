#include "formats/encoding.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

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
