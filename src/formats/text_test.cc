#include "formats/text.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

TEST(Text, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(DecodeHtmlEntities("a&nbsp;b &mdash; &#233;&#x41; &amp; &bogus; &"),
            "a\xC2\xA0" "b \xE2\x80\x94 \xC3\xA9" "A & &bogus; &");
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
