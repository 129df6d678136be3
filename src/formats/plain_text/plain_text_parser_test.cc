#include "formats/plain_text/plain_text_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::plain_text {
namespace {

using testing::OtherCorpusHeads;
using testing::ReadCorpusFile;

std::string ExamplePath() {
  return std::string(WIREPRESS_SOURCE_DIR) + "/../shared/examples/syndicated-story-page.txt";
}

model::Story ParseOne(std::string_view text) {
  auto parser = NewPlainTextParser();
  auto result = parser->Parse(Input{"story.txt", text, {}});
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok() || result->stories.size() != 1) return {};
  return result->stories[0];
}

TEST(PlainTextParser, ReadsTheSyndicatedStoryPage) {
  auto bytes = RealFileSystem().ReadFile(ExamplePath());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  model::Story s = ParseOne(*bytes);
  EXPECT_EQ(s.headline, "Pompeo Says Agreed with Putin on Syria Progress");
  EXPECT_EQ(s.dateline, (model::Dateline{"Sochi", "Russia", "May 15", "AFP"}));
  EXPECT_EQ(s.located, "Sochi");
  EXPECT_EQ(s.agency, "AFP");
  EXPECT_EQ(s.keywords, std::vector<std::string>{"World"});
  EXPECT_FALSE(s.firstcreated);  // the dateline names no year
  EXPECT_EQ(s.format, "plain-text");
  EXPECT_TRUE(StartsWith(s.uri, "urn:wirepress:plain:"));
  EXPECT_EQ(s.uri.size(), std::string("urn:wirepress:plain:").size() + 16);
  const std::string lead =
      "The United States and Russia have agreed on ways to break a deadlock in finding a "
      "political solution in war-ravaged Syria, Secretary of State Mike Pompeo said after "
      "talks with President Vladimir Putin.";
  EXPECT_EQ(s.description_text, lead);
  EXPECT_TRUE(StartsWith(s.body_html, "<p>" + lead + "</p><p>Pompeo said that Syria"));
  EXPECT_TRUE(EndsWith(s.body_html,
                       "accompany Pompeo in his nearly two-hour meeting with Putin.</p>"));
  EXPECT_EQ(s.body_html.find(lead), s.body_html.rfind(lead)) << "lead kept once";
  for (const char* debris : {"Share Now", "File Image", "unedited", "(AFP)", "Sochi (Russia)"}) {
    EXPECT_EQ(s.body_html.find(debris), std::string::npos) << debris;
  }
  EXPECT_EQ(Split(s.body_html, '/').size(), 11u);  // 10 paragraphs, 10 "</p>"
}

TEST(PlainTextParser, UriIsStableAndDependsOnHeadline) {
  std::string a = ParseOne("Head A\n\nLONDON, May 15 (Reuters) - Text.\n").uri;
  EXPECT_EQ(a, ParseOne("Head A\n\nLONDON, May 15 (Reuters) - Text.\n").uri);
  EXPECT_NE(a, ParseOne("Head B\n\nLONDON, May 15 (Reuters) - Text.\n").uri);
}

TEST(PlainTextParser, TakesFirstcreatedFromADatelineWithAYear) {
  model::Story s = ParseOne("Head\n\nPARIS, June 3, 2019 (AFP) - Text.\n");
  ASSERT_TRUE(s.firstcreated);
  EXPECT_EQ(FormatIso8601(*s.firstcreated), "2019-06-03T00:00:00Z");
  EXPECT_EQ(s.body_html, "<p>Text.</p>");
}

TEST(PlainTextParser, TextWithoutBlankLinesHasOneParagraphPerLine) {
  model::Story s = ParseOne("Head\nWASHINGTON (AP) \xE2\x80\x94 One.\nTwo.\n");
  EXPECT_EQ(s.headline, "Head");
  EXPECT_EQ(s.agency, "AP");
  EXPECT_EQ(s.body_html, "<p>One.</p><p>Two.</p>");
}

TEST(PlainTextParser, KeepsARepeatedLeadOnceWithoutADateline) {
  model::Story s = ParseOne("Head\n\nThe lead.\n\nPhoto caption\n\nThe lead.\n\nMore.\n");
  EXPECT_EQ(s.body_html, "<p>Photo caption</p><p>The lead.</p><p>More.</p>");
  EXPECT_EQ(s.description_text, "The lead.");
}

TEST(PlainTextParser, MarksCorrectedHeadlines) {
  model::Story s = ParseOne("CORRECTED-Head\n\nText.\n");
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kCorrection));
}

TEST(PlainTextParser, ScriptInBodyIsOnlyText) {
  model::Story s = ParseOne("Head\n\n<script>alert(1)</script> and <b>x</b>\n");
  EXPECT_EQ(s.body_html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;x&lt;/b&gt;</p>");
}

TEST(PlainTextParser, DecodesWindows1252) {
  model::Story s = ParseOne("Caf\xE9 \x93quoted\x94\n\nText.\n");
  EXPECT_EQ(s.headline, "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
}

TEST(PlainTextParser, EmptyTextIsAnErrorAtLineOne) {
  auto parser = NewPlainTextParser();
  auto r = parser->Parse(Input{"inbox/empty.txt", "\n  \nShare Now\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "inbox/empty.txt:1:1: no headline and no body: the text holds only blank lines "
            "and page debris\n\n^");
}

TEST(PlainTextParser, BinaryDataIsAnErrorAtTheFirstControlByte) {
  auto parser = NewPlainTextParser();
  std::string bytes("Head\nab\0cd\n", 11);
  auto r = parser->Parse(Input{"x.bin", bytes, {}});
  ASSERT_FALSE(r.ok());
  using std::string_literals::operator""s;
  EXPECT_EQ(r.status().message(),
            "x.bin:2:3: control character 0x00: not plain text (binary data, ANPA or IPTC "
            "7901?)\nab\0cd\n  ^"s);
}

TEST(PlainTextParser, HugeInputIsACleanError) {
  auto parser = NewPlainTextParser();
  std::string big(5u << 20, 'a');
  auto r = parser->Parse(Input{"big.txt", big, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "big.txt: input is 5242880 bytes, over the 4 MiB limit for a plain-text story");
}

TEST(PlainTextParser, LongGarbageLineDoesNotCrash) {
  std::string garbage;
  for (int i = 0; i < 200000; ++i) garbage += static_cast<char>(0x80 + i % 100);
  model::Story s = ParseOne(garbage);
  EXPECT_FALSE(s.headline.empty());
}

TEST(PlainTextParser, SniffsDatelinesAsLikely) {
  auto parser = NewPlainTextParser();
  auto bytes = RealFileSystem().ReadFile(ExamplePath());
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(parser->Sniff(*bytes), Confidence::kLikely);
  EXPECT_EQ(parser->Sniff("Just some text\n\nand more.\n"), Confidence::kMaybe);
  EXPECT_EQ(parser->Sniff("  \n"), Confidence::kNo);
}

TEST(PlainTextParser, SniffSaysNoToOtherFormats) {
  auto parser = NewPlainTextParser();
  for (const char* file :
       {"anpa1312/anpa-1.tst", "iptc7901/IPTC7901.txt", "email-rfc822/simple_email.txt",
        "email-rfc822/googleform.txt", "nitf/aap.xml", "newsml-g2/ap.xml", "ninjs/ninjs1.json",
        "rss-atom/wenn.xml", "newsml-g2/tag_reuters.com_2014_newsml_KBN0FL0NM_version_10"}) {
    auto bytes = RealFileSystem().ReadFile(testing::CorpusDir() + "/" + file);
    ASSERT_TRUE(bytes.ok()) << file;
    EXPECT_EQ(parser->Sniff(std::string_view(*bytes).substr(0, 8192)), Confidence::kNo) << file;
  }
}

TEST(PlainTextParser, SniffSaysNoToEveryOtherCorpusFile) {
  auto parser = NewPlainTextParser();
  auto files = OtherCorpusHeads("plain-text");
  EXPECT_GT(files.size(), 50u);
  for (const auto& [file, head] : files) {
    EXPECT_EQ(parser->Sniff(head), Confidence::kNo) << file;
  }
}

TEST(PlainTextParser, HugeLinesAreReadWithoutDeepRecursion) {
  std::string letters(1u << 20, 'A');
  model::Story s = ParseOne("Head\n\n" + letters + " (AFP) - x\n");
  EXPECT_EQ(s.headline, "Head");
  EXPECT_TRUE(s.dateline.empty());
}

}  // namespace
}  // namespace wirepress::formats::plain_text
