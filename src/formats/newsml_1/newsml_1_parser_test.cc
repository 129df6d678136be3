#include "formats/newsml_1/newsml_1_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/xml_reader.h"

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"
#include "formats/testing/deep_nesting.h"

namespace wirepress::formats::newsml_1 {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using testing::ExpectRefusesDeepNesting;
using testing::ReadCorpusFile;

Result<ParseResult> ParseText(std::string_view xml) {
  return NewNewsml1Parser()->Parse(Input{"in.xml", xml, {}});
}

model::Story ParseCorpus(const std::string& file) {
  auto r = NewNewsml1Parser()->Parse(Input{file, ReadCorpusFile(file), {}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() && !r->stories.empty() ? r->stories[0] : model::Story{};
}

// A minimal message with two items; `second` replaces the second item.
std::string TwoItems(std::string_view second) {
  return std::string(
             "<NewsML Version='1.2'><NewsEnvelope><Priority FormalName='3'/></NewsEnvelope>"
             "<NewsItem><Identification><NewsIdentifier><ProviderId>x.com</ProviderId>"
             "<DateId>20240101</DateId><NewsItemId>A1</NewsItemId>"
             "<RevisionId PreviousRevision='0' Update='N'>1</RevisionId></NewsIdentifier>"
             "</Identification><NewsComponent><NewsLines><HeadLine>First</HeadLine>"
             "</NewsLines></NewsComponent></NewsItem>\n") +
         std::string(second) + "</NewsML>";
}

TEST(Newsml1Parser, MatchesEveryCorpusRecord) {
  EXPECT_THAT(testing::CheckCorpus(*NewNewsml1Parser(), "newsml-1.2"), IsEmpty());
}

TEST(Newsml1Parser, ReadsAfpNewsLinesAndMetadata) {
  model::Story s = ParseCorpus("newsml-1.2/afp.xml");
  EXPECT_EQ(s.slugline, "Sweden-SAAB");
  EXPECT_EQ(s.dateline, (model::Dateline{"STOCKHOLM", "SWE", "Aug 29, 2014", "AFP"}));
  EXPECT_EQ(s.located, "Stockholm");
  EXPECT_EQ(s.agency, "AFP");
  EXPECT_THAT(s.keywords, ElementsAre("Sweden", "China", "auto", "business", "bankruptcy", "Saab"));
  ASSERT_EQ(s.subjects.size(), 8u);
  EXPECT_EQ(s.subjects[0], (model::Subject{"04011002", "", "subj"}));
  EXPECT_EQ(s.signals, model::Signal::kNone);
}

TEST(Newsml1Parser, EmbeddedNitfBodyBecomesParagraphs) {
  model::Story s = ParseCorpus("newsml-1.2/afp.xml");
  EXPECT_TRUE(StartsWith(s.body_html, "<p>A Chinese-owned company set up to take over Saab"))
      << s.body_html;
  EXPECT_TRUE(EndsWith(s.body_html, "<p>hh/ph/ts/hd</p>")) << s.body_html;
}

TEST(Newsml1Parser, EscapedHtmlBodyInNestedMainComponent) {
  model::Story s = ParseCorpus("newsml-1.2/ana1.xml");
  EXPECT_TRUE(StartsWith(s.body_html, "<p>Wage employment in the private sector grew"))
      << s.body_html;
  EXPECT_EQ(s.description_text.substr(0, 40), "Wage employment in the private sector gr");
  EXPECT_EQ(s.located, "Athens");
  EXPECT_EQ(s.dateline.date, "4/4/2018");
  EXPECT_EQ(s.agency, "ΑΠΕ-ΜΠΕ");
  ASSERT_EQ(s.subjects.size(), 3u);
  EXPECT_EQ(s.subjects[1], (model::Subject{"09003002", "Job Layoffs", "IptcSubjectCodes"}));
}

TEST(Newsml1Parser, BusinessWireReleaseSplitOverRoles) {
  model::Story s = ParseCorpus("newsml-1.2/NewsML_businesswire-newsml-20130515006361.xml");
  EXPECT_EQ(s.headline,
            "Dell Redefines Workstation Computing Boundaries with Smallest Tower and Most "
            "Powerful Rack Workstations");
  EXPECT_EQ(s.dateline.place, "ROUND ROCK");
  EXPECT_EQ(s.slugline, "TX-DELL");
  EXPECT_EQ(s.agency, "Business Wire");
  EXPECT_TRUE(StartsWith(s.body_html,
                         "<p><a href=\"http://www.dell.com\" rel=\"nofollow "
                         "noopener\">Dell</a> today announced"))
      << s.body_html.substr(0, 200);
  EXPECT_EQ(s.body_html.find("bwlistitemmargb"), std::string::npos);  // stylesheet dropped
  EXPECT_EQ(s.body_html.find("style="), std::string::npos);
  ASSERT_EQ(s.pictures.size(), 2u);  // two photos; the logo is not a story picture
  // The 480-pixel "Lowres" rendition: "Highres" is 2962 pixels wide.
  EXPECT_EQ(s.pictures[0].href,
            "http://mms.businesswire.com/media/newsItemId/en/369395/4/00095.jpg");
  EXPECT_EQ(s.pictures[0].width, 480);
  EXPECT_EQ(s.pictures[0].height, 162);
  EXPECT_EQ(s.pictures[0].mime_type, "image/jpeg");
  EXPECT_TRUE(StartsWith(s.pictures[0].caption, "The next generation Dell Precision R7610"));
}

TEST(Newsml1Parser, ChineseRelease) {
  model::Story s = ParseCorpus("newsml-1.2/NewsML_businesswire-newsml-20130612006110.xml");
  EXPECT_EQ(s.language, "zh");
  EXPECT_EQ(s.dateline.place, "印尼雅加达");
  EXPECT_FALSE(s.body_html.empty());
}

TEST(Newsml1Parser, SeveralItemsGiveSeveralStories) {
  auto r = ParseText(
      TwoItems("<NewsItem><Identification><NewsIdentifier><PublicIdentifier>urn:newsml:x.com:2:B2:3"
               "</PublicIdentifier><RevisionId PreviousRevision='2'>3</RevisionId></NewsIdentifier>"
               "</Identification><NewsManagement><Status FormalName='Canceled'/>"
               "<Instruction FormalName='Kill'/></NewsManagement>"
               "<NewsComponent><NewsLines><HeadLine>Second</HeadLine></NewsLines></NewsComponent>"
               "</NewsItem>"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 2u);
  EXPECT_EQ(r->stories[0].uri, "urn:newsml:x.com:20240101:A1");
  EXPECT_EQ(r->stories[0].urgency, 3);  // from the envelope's Priority
  EXPECT_EQ(r->stories[1].uri, "urn:newsml:x.com:2:B2:3");
  EXPECT_EQ(r->stories[1].version, "3");
  EXPECT_TRUE(model::IsKill(r->stories[1]));
  EXPECT_TRUE(model::HasSignal(r->stories[1].signals, model::Signal::kUpdate));
}

TEST(Newsml1Parser, KeyIsThePublicIdentifierWithoutItsRevision) {
  model::Story s = ParseCorpus("newsml-1.2/afp.xml");
  EXPECT_EQ(s.uri, "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86:1");
  EXPECT_EQ(s.key, "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86");
  EXPECT_EQ(s.version, "1");
}

TEST(Newsml1Parser, RevisionsOfOneItemShareTheirKey) {
  auto revision = [](std::string_view rev) {
    std::string xml =
        "<NewsML Version='1.2'><NewsItem><Identification><NewsIdentifier>"
        "<ProviderId>afp.com</ProviderId><DateId>20240101</DateId><NewsItemId>TX-1</NewsItemId>"
        "<RevisionId PreviousRevision='0' Update='N'>#</RevisionId>"
        "<PublicIdentifier>urn:newsml:afp.com:20240101:TX-1:#N</PublicIdentifier>"
        "</NewsIdentifier></Identification><NewsComponent><NewsLines><HeadLine>H</HeadLine>"
        "</NewsLines></NewsComponent></NewsItem></NewsML>";
    for (size_t at = xml.find('#'); at != std::string::npos; at = xml.find('#', at)) {
      xml.replace(at, 1, rev);
    }
    auto parsed = ParseText(xml);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() && parsed->stories.size() == 1 ? parsed->stories[0] : model::Story{};
  };
  model::Story first = revision("1");
  model::Story second = revision("2");
  EXPECT_EQ(first.uri, "urn:newsml:afp.com:20240101:TX-1:1N");
  EXPECT_EQ(second.uri, "urn:newsml:afp.com:20240101:TX-1:2N");
  EXPECT_EQ(model::StoryKey(first), "urn:newsml:afp.com:20240101:TX-1");
  EXPECT_EQ(model::StoryKey(second), "urn:newsml:afp.com:20240101:TX-1");
  EXPECT_EQ(second.version, "2");
}

TEST(Newsml1Parser, KeyFromPublicIdentifierAloneDropsTheRevision) {
  auto r = ParseText(
      TwoItems("<NewsItem><Identification><NewsIdentifier><PublicIdentifier>urn:newsml:x.com:2:B2:3"
               "</PublicIdentifier><RevisionId>3</RevisionId></NewsIdentifier></Identification>"
               "<NewsComponent><NewsLines><HeadLine>Second</HeadLine></NewsLines></NewsComponent>"
               "</NewsItem>"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 2u);
  // Without a PublicIdentifier the uri is already versionless: no key.
  EXPECT_EQ(r->stories[0].key, "");
  EXPECT_EQ(model::StoryKey(r->stories[0]), "urn:newsml:x.com:20240101:A1");
  EXPECT_EQ(r->stories[1].key, "urn:newsml:x.com:2:B2");
}

TEST(Newsml1Parser, VersionKeyForGuidDropsTheRevision) {
  auto parser = NewNewsml1Parser();
  EXPECT_EQ(parser->VersionKeyForGuid("urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86:1"),
            "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86");
  EXPECT_EQ(parser->VersionKeyForGuid("urn:newsml:afp.com:20240101:TX-1:2N"),
            "urn:newsml:afp.com:20240101:TX-1");
  // Already a key, or another format's guid: no rule applies.
  EXPECT_EQ(parser->VersionKeyForGuid("urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86"), "");
  EXPECT_EQ(parser->VersionKeyForGuid("tag:ap.org:2019:abc"), "");
  EXPECT_EQ(parser->VersionKeyForGuid("/world/2019/05/15/story-1a2b3c4d"), "");
}

TEST(Newsml1Parser, UnusableItemIsSkippedWithAWarning) {
  auto r = ParseText(TwoItems("<NewsItem><NewsComponent/></NewsItem>"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "in.xml:2:2: skipped: NewsML item has no headline (<HeadLine>) and no body "
            "(<ContentItem>/<DataContent>)\n<NewsItem><NewsComponent/></NewsItem></NewsML>\n ^");
}

TEST(Newsml1Parser, MessageWithOnlyUnusableItemsIsAnError) {
  auto r = ParseText("<NewsML>\n  <NewsItem/>\n</NewsML>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml:2:4: NewsML item has no headline (<HeadLine>) and no body "
            "(<ContentItem>/<DataContent>)\n  <NewsItem/>\n   ^");
}

TEST(Newsml1Parser, MessageWithoutItemsIsAnError) {
  auto r = ParseText("<NewsML><NewsEnvelope/></NewsML>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml:1:2: NewsML message has no <NewsItem>\n<NewsML><NewsEnvelope/></NewsML>\n ^");
}

TEST(Newsml1Parser, OtherRootElementIsAnError) {
  auto r = ParseText("<newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'/>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml:1:2: root element <newsMessage> is not <NewsML>: not a NewsML 1 document\n"
            "<newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'/>\n ^");
}

TEST(Newsml1Parser, RemovesScriptFromEscapedHtmlBody) {
  auto r = ParseText(
      "<NewsML><NewsItem><NewsComponent><ContentItem><DataContent><![CDATA[<p>Text"
      "<script>alert(1)</script><img src=x onerror=alert(1)></p><iframe src='//e'></iframe>]]>"
      "</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string& html = r->stories[0].body_html;
  EXPECT_EQ(html.find("script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("iframe"), std::string::npos) << html;
  EXPECT_TRUE(StartsWith(html, "<p>Text")) << html;
}

TEST(Newsml1Parser, PlainTextDataContentBecomesParagraphs) {
  auto r = ParseText(
      "<NewsML><NewsItem><NewsComponent><ContentItem><DataContent>First para.\n\n"
      "Second &amp; last.</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories[0].body_html, "<p>First para.</p><p>Second &amp; last.</p>");
}

TEST(Newsml1Parser, HugeInputIsRefused) {
  std::string huge(kMaxNewsml1Bytes + 1, ' ');
  auto r = ParseText(huge);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml: input is 33554433 bytes; a NewsML message may have "
            "at most 33554432 bytes");
}

TEST(Newsml1Parser, GarbageGivesACleanError) {
  auto r = ParseText("{\"not\": \"xml\"}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml:1:15: XML error: No document element found\n{\"not\": \"xml\"}\n"
            "              ^");
}

TEST(Newsml1Parser, SniffsNewsmlCorpusFilesAsCertain) {
  auto parser = NewNewsml1Parser();
  for (const char* f : {"newsml-1.2/afp.xml", "newsml-1.2/ana1.xml",
                        "newsml-1.2/NewsML_businesswire-newsml-20130515006361.xml"}) {
    EXPECT_EQ(parser->Sniff(ReadCorpusFile(f).substr(0, 8192)), Confidence::kCertain) << f;
  }
}

TEST(Newsml1Parser, SniffSaysNoToNewsmlG2AndOtherFormats) {
  auto parser = NewNewsml1Parser();
  for (const char* f : {"newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml",
                        "newsml-g2/LISTING_24_News_Message_conveying_a_complete_News_Package.xml",
                        "newsml-g2/LISTING_6_Simple_NewsML-G2_Package.xml", "newsml-g2/dpa.xml",
                        "nitf/aap.xml", "ritzau-xml/ritzau_feed.xml", "rss-atom/wenn.xml",
                        "ninjs/ninjs1.json", "iptc7901/IPTC7901.txt"}) {
    EXPECT_EQ(parser->Sniff(ReadCorpusFile(f).substr(0, 8192)), Confidence::kNo) << f;
  }
}

TEST(Newsml1Parser, DeeplyNestedDocumentIsRefusedNotOverflowed) {
  ExpectRefusesDeepNesting(*NewNewsml1Parser(), "<NewsML><NewsItem>");
}

}  // namespace
}  // namespace wirepress::formats::newsml_1
