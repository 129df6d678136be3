#include "formats/text.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

TEST(Text, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(DecodeHtmlEntities("a&nbsp;b &mdash; &#233;&#x41; &amp; &bogus; &"),
            "a\xC2\xA0" "b \xE2\x80\x94 \xC3\xA9" "A & &bogus; &");
}

TEST(Text, DecodesReferencesAtTheEdgesAndLeavesBrokenOnes) {
  EXPECT_EQ(DecodeHtmlEntities("&amp;"), "&");
  EXPECT_EQ(DecodeHtmlEntities("&&amp;&"), "&&&");
  EXPECT_EQ(DecodeHtmlEntities("x&#x1F4F0;y&#;z&;"), "x\xF0\x9F\x93\xB0y&#;z&;");
  // The ';' must come within 12 bytes of the '&'.
  EXPECT_EQ(DecodeHtmlEntities("&#0000000065;"), "A");
  EXPECT_EQ(DecodeHtmlEntities("&#00000000065;"), "&#00000000065;");
  EXPECT_EQ(DecodeHtmlEntities("&amp and much later;"), "&amp and much later;");
  EXPECT_EQ(DecodeHtmlEntities("caf\xC3\xA9 &eacute;\r\n"), "caf\xC3\xA9 \xC3\xA9\r\n");
}

TEST(Text, BlankLinesSeparateParagraphs) {
  EXPECT_EQ(TextToParagraphs("One line\ncontinues.\n\nTwo <b>.\n"),
            "<p>One line continues.</p><p>Two &lt;b&gt;.</p>");
}

TEST(Text, WithoutBlankLinesEachLineIsAParagraph) {
  EXPECT_EQ(TextToParagraphs("First.\nSecond."), "<p>First.</p><p>Second.</p>");
}

TEST(Text, HtmlToTextDropsTagsAndDecodes) {
  EXPECT_EQ(HtmlToText("<p>Caf&eacute;</p><p>Two</p>"), "Caf\xC3\xA9 Two");
}

TEST(Text, RemoveBlankParagraphsKeepsTheOthers) {
  std::string html = "<p></p><p>One</p><p> \n </p><p>Two <b>x</b></p><p>\t</p>";
  RemoveBlankParagraphs(&html);
  EXPECT_EQ(html, "<p>One</p><p>Two <b>x</b></p>");
}

TEST(Text, StableHashHexIsFnv1a64InHex) {
  EXPECT_EQ(StableHashHex(""), "cbf29ce484222325");
  EXPECT_EQ(StableHashHex("a"), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace wirepress::formats
