#include "formats/email/header_text.h"

#include <gtest/gtest.h>

namespace wirepress::formats::email {
namespace {

TEST(HeaderText, DecodesQEncodedWords) {
  EXPECT_EQ(DecodeHeaderText(" =?utf-8?Q?Google=20Apps=20News=20March=202015?=\r\n"),
            "Google Apps News March 2015");
}

TEST(HeaderText, DecodesBEncodedWordsAndDropsSpaceBetweenWords) {
  EXPECT_EQ(DecodeHeaderText("=?UTF-8?B?Q2Fmw6k=?= =?ISO-8859-1?Q?_cr=E8me?= end"),
            "Caf\xC3\xA9 cr\xC3\xA8me end");
}

TEST(HeaderText, ValidUtf8WinsOverAWrongLabel) {
  EXPECT_EQ(DecodeHeaderText("=?windows-1252?Q?TravTalk\xE2\x80\x99s_Special?="),
            "TravTalk\xE2\x80\x99s Special");
  EXPECT_EQ(DecodeHeaderText("=?windows-1252?Q?It=92s?="), "It\xE2\x80\x99s");
}

TEST(HeaderText, KeepsMalformedWordsAndDecodesRaw8Bit) {
  EXPECT_EQ(DecodeHeaderText("=?broken a =? b"), "=?broken a =? b");
  EXPECT_EQ(DecodeHeaderText("Caf\xE9"), "Caf\xC3\xA9");
}

}  // namespace
}  // namespace wirepress::formats::email
