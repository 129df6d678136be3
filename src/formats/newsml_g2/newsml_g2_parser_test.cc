#include "formats/newsml_g2/newsml_g2_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"
#include "formats/testing/deep_nesting.h"

namespace wirepress::formats::newsml_g2 {
namespace {

using model::Signal;

constexpr char kMessage[] =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'>\n"
    "<header><priority>4</priority></header>\n"
    "<itemSet>\n"
    "<packageItem guid='P1' version='1'><groupSet root='G'><group id='G'>"
    "<itemRef residref='T1'/><itemRef residref='F1'/></group></groupSet></packageItem>\n"
    "<newsItem guid='T1' version='2'><itemMeta><itemClass qcode='ninat:text'/></itemMeta>"
    "<contentMeta><headline>Text story</headline></contentMeta></newsItem>\n"
    "<newsItem guid='F1' version='1'><itemMeta><itemClass qcode='ninat:picture'/></itemMeta>"
    "<contentMeta><headline>Photo</headline></contentMeta><contentSet>"
    "<remoteContent contenttype='image/jpeg' href='https://img.example.com/f1.jpg'/>"
    "</contentSet></newsItem>\n"
    "</itemSet>\n</newsMessage>\n";

Result<ParseResult> Parse(std::string_view bytes, std::string_view base_url = {}) {
  return NewNewsmlG2Parser()->Parse(Input{"feed.xml", bytes, base_url});
}

std::string ErrorOf(std::string_view bytes) {
  Result<ParseResult> r = Parse(bytes);
  return r.ok() ? "OK" : r.status().message();
}

TEST(NewsmlG2Parser, AgreesWithEveryCorpusRecord) {
  std::unique_ptr<FeedParser> parser = NewNewsmlG2Parser();
  std::vector<std::string> mismatches = testing::CheckCorpus(*parser, "newsml-g2");
  EXPECT_TRUE(mismatches.empty()) << Join(mismatches, "\n");
}

TEST(NewsmlG2Parser, IsNamedNewsmlG2) { EXPECT_EQ(NewNewsmlG2Parser()->name(), "newsml-g2"); }

TEST(NewsmlG2Parser, SniffsG2RootsAsCertain) {
  auto p = NewNewsmlG2Parser();
  EXPECT_EQ(p->Sniff(kMessage), Confidence::kCertain);
  EXPECT_EQ(p->Sniff("\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><!DOCTYPE x [<!ENTITY a 'b'>]>"
                     "<ns0:newsItem xmlns:ns0='http://iptc.org/std/nar/2006-10-01/'>"),
            Confidence::kCertain);
  EXPECT_EQ(p->Sniff("<packageItem guid='x'>"), Confidence::kCertain);
  EXPECT_EQ(p->Sniff("<knowledgeItem xmlns='http://iptc.org/std/nar/2006-10-01/'>"),
            Confidence::kMaybe);
}

std::string Utf16Le(std::string_view ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

TEST(NewsmlG2Parser, SniffsAndParsesUtf16Input) {
  std::string bytes = Utf16Le(
      "<?xml version='1.0' encoding='UTF-16'?>\n<newsItem guid='g'><contentMeta>"
      "<headline>Wide</headline></contentMeta></newsItem>");
  EXPECT_EQ(NewNewsmlG2Parser()->Sniff(bytes), Confidence::kCertain);
  Result<ParseResult> r = Parse(bytes);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories[0].headline, "Wide");
}

TEST(NewsmlG2Parser, SniffSaysNoToOtherFormats) {
  auto p = NewNewsmlG2Parser();
  EXPECT_EQ(p->Sniff(""), Confidence::kNo);
  EXPECT_EQ(p->Sniff("<!-- never closed"), Confidence::kNo);
  EXPECT_EQ(p->Sniff("<nitf><head>"), Confidence::kNo);
  EXPECT_EQ(p->Sniff("<NewsML><NewsItem>"), Confidence::kNo);
  EXPECT_EQ(p->Sniff("{\"newsItem\": 1}"), Confidence::kNo);
  auto files = testing::OtherCorpusHeads("newsml-g2");
  EXPECT_GT(files.size(), 40u);
  for (const auto& [file, head] : files) {
    EXPECT_EQ(p->Sniff(head), Confidence::kNo) << file;
  }
}

TEST(NewsmlG2Parser, YieldsOneStoryPerKeyedItemInDocumentOrder) {
  Result<ParseResult> r = Parse(kMessage);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 3u);
  EXPECT_EQ(r->stories[0].uri, "P1");
  EXPECT_EQ(r->stories[0].type, "composite");
  EXPECT_EQ(r->stories[1].uri, "T1");
  EXPECT_EQ(r->stories[2].type, "picture");
  for (const model::Story& s : r->stories) {
    EXPECT_EQ(s.format, "newsml-g2");
    EXPECT_EQ(s.source, "feed.xml");
    EXPECT_EQ(s.urgency, 4);  // from the header's priority
  }
}

TEST(NewsmlG2Parser, AttachesPackagedPictureToTextStory) {
  Result<ParseResult> r = Parse(kMessage);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->stories[1].pictures.size(), 1u);
  EXPECT_EQ(r->stories[1].pictures[0].href, "https://img.example.com/f1.jpg");
  EXPECT_EQ(r->stories[1].pictures[0].caption, "Photo");
}

TEST(NewsmlG2Parser, KeepsEmbargoFromItemMeta) {
  auto bytes = RealFileSystem().ReadFile(testing::CorpusDir() +
                                         "/newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml");
  ASSERT_TRUE(bytes.ok());
  Result<ParseResult> r = Parse(*bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatIso8601(*r->stories[0].embargoed), "2018-10-23T12:00:00Z");
  EXPECT_EQ(r->stories[0].signals, Signal::kUpdate);
}

TEST(NewsmlG2Parser, MarksCanceledReutersVersionAsKill) {
  auto bytes = RealFileSystem().ReadFile(
      testing::CorpusDir() + "/newsml-g2/tag_reuters.com_2016_newsml_L1N14N0FF_version_1542761538");
  ASSERT_TRUE(bytes.ok());
  Result<ParseResult> r = Parse(*bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(model::IsKill(r->stories[0]));
  EXPECT_TRUE(model::HasSignal(r->stories[0].signals, Signal::kCorrection));
}

TEST(NewsmlG2Parser, SkipsItemsWithoutGuidWithAWarning) {
  Result<ParseResult> r = Parse(
      "<newsMessage><itemSet>\n<packageItem><itemRef residref='N1'/></packageItem>\n"
      "<newsItem guid='N1'><contentMeta><headline>H</headline></contentMeta></newsItem>\n"
      "</itemSet></newsMessage>");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->stories.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "feed.xml:2:2: packageItem has no guid attribute; skipped\n"
            "<packageItem><itemRef residref='N1'/></packageItem>\n ^");
}

TEST(NewsmlG2Parser, KeepsEmptyItemsOfAMessageWithAWarning) {
  // IPTC Listing 24 carries items whose content is elided ("....").
  Result<ParseResult> r =
      Parse("<newsMessage><itemSet><newsItem guid='N1'> ..... </newsItem></itemSet></newsMessage>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stories.size(), 1u);
  EXPECT_EQ(r->warnings.size(), 1u);
}

TEST(NewsmlG2Parser, RecoversIllFormedXmlWithAWarning) {
  Result<ParseResult> r = Parse(
      "<newsItem guid='g'><contentMeta><headline>Cut short</headline></contentMeta>\n"
      "<contentSet><inlineXML><html><body><p>Half a par");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories[0].headline, "Cut short");
  ASSERT_FALSE(r->warnings.empty());
  EXPECT_TRUE(StartsWith(r->warnings[0].message, "XML error: "));
}

TEST(NewsmlG2Parser, RemovesScriptAndEventHandlersFromBody) {
  Result<ParseResult> r = Parse(
      "<newsItem guid='g'><contentSet><inlineXML><html><body>"
      "<p onmouseover='steal()'>Text</p><script>alert(1)</script>"
      "<a href='javascript:alert(1)'>x</a><iframe src='http://evil'/>"
      "</body></html></inlineXML></contentSet></newsItem>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stories[0].body_html, "<p>Text</p><p><a>x</a></p>");
}

TEST(NewsmlG2Parser, NeverExpandsDtdEntities) {
  std::string laughs =
      "<?xml version='1.0'?>\n<!DOCTYPE newsItem [\n<!ENTITY a 'aaaaaaaaaa'>\n"
      "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
      "<!ENTITY xxe SYSTEM 'file:///etc/passwd'>\n]>\n"
      "<newsItem guid='g'><contentMeta><headline>&c; &xxe;</headline></contentMeta></newsItem>";
  Result<ParseResult> r = Parse(laughs);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories[0].headline.find("aaaaaaaaaa"), std::string::npos);
  EXPECT_EQ(r->stories[0].headline.find("root:"), std::string::npos);
}

TEST(NewsmlG2Parser, RejectsGarbageWithAPointedError) {
  EXPECT_EQ(ErrorOf("\x01\x02 not xml at all"),
            "feed.xml:1:18: XML error: No document element found\n\x01\x02 not xml at all\n" +
                std::string(17, ' ') + "^");
}

TEST(NewsmlG2Parser, RejectsOtherXmlRoots) {
  EXPECT_EQ(ErrorOf("<?xml version='1.0'?>\n<rss version='2.0'><channel/></rss>"),
            "feed.xml:2:2: expected a NewsML-G2 newsMessage, newsItem or packageItem, found "
            "<rss>\n<rss version='2.0'><channel/></rss>\n ^");
}

TEST(NewsmlG2Parser, RejectsMessageWithoutItems) {
  EXPECT_EQ(ErrorOf("<newsMessage>\n<header/>\n</newsMessage>"),
            "feed.xml:1:2: newsMessage has no newsItem or packageItem in an itemSet\n"
            "<newsMessage>\n ^");
}

TEST(NewsmlG2Parser, RejectsLoneItemWithoutGuid) {
  EXPECT_EQ(ErrorOf("<newsItem version='1'><contentMeta/></newsItem>"),
            "feed.xml:1:2: newsItem has no guid attribute\n"
            "<newsItem version='1'><contentMeta/></newsItem>\n ^");
}

TEST(NewsmlG2Parser, RejectsLoneTextItemWithoutHeadlineOrBody) {
  EXPECT_EQ(ErrorOf("<newsItem guid='urn:x' version='1'>\n<contentMeta/>\n</newsItem>"),
            "feed.xml:1:2: newsItem \"urn:x\" has neither a headline (contentMeta/headline) nor "
            "a body (contentSet)\n<newsItem guid='urn:x' version='1'>\n ^");
}

TEST(NewsmlG2Parser, RejectsHugeInputBeforeParsing) {
  std::string huge(kMaxInputBytes + 1, ' ');
  EXPECT_EQ(ErrorOf(huge),
            "feed.xml: input is 67108865 bytes; NewsML-G2 input is limited to "
            "67108864 bytes");
}

// Truncated transfers are common; every prefix of a real message must give
// stories or a clean error.
TEST(NewsmlG2Parser, SurvivesTruncationAtAnyPoint) {
  auto bytes = RealFileSystem().ReadFile(testing::CorpusDir() + "/newsml-g2/ap.xml");
  ASSERT_TRUE(bytes.ok());
  auto parser = NewNewsmlG2Parser();
  for (size_t cut = 0; cut < bytes->size(); cut += 97) {
    std::string_view prefix = std::string_view(*bytes).substr(0, cut);
    Result<ParseResult> r = parser->Parse(Input{"ap.xml", prefix, {}});
    if (r.ok()) {
      for (const model::Story& s : r->stories) EXPECT_FALSE(s.uri.empty());
    } else {
      EXPECT_TRUE(StartsWith(r.status().message(), "ap.xml")) << r.status().message();
    }
  }
}

TEST(NewsmlG2Parser, DeeplyNestedDocumentIsRefusedNotOverflowed) {
  testing::ExpectRefusesDeepNesting(*NewNewsmlG2Parser(),
                                    "<newsItem guid='g'><contentSet><inlineXML>");
}

TEST(NewsmlG2Parser, SurvivesDeeplyNestedMarkup) {
  std::string deep = "<newsItem guid='g'><contentSet><inlineXML>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  Result<ParseResult> r = Parse(deep);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(StartsWith(r.status().message(), "feed.xml:1:"));
}

}  // namespace
}  // namespace wirepress::formats::newsml_g2
