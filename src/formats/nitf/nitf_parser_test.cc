#include "formats/nitf/nitf_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/xml_reader.h"

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"
#include "formats/testing/deep_nesting.h"

namespace wirepress::formats::nitf {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using testing::ExpectRefusesDeepNesting;
using testing::ReadCorpusFile;

Result<ParseResult> ParseText(std::string_view xml, std::string_view base_url = {}) {
  return NewNitfParser()->Parse(Input{"in.xml", xml, base_url});
}

model::Story ParseOne(std::string_view xml) {
  auto r = ParseText(xml);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || r->stories.size() != 1) return {};
  return r->stories[0];
}

model::Story ParseCorpus(const std::string& file) {
  auto r = NewNitfParser()->Parse(Input{file, ReadCorpusFile(file), {}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() && !r->stories.empty() ? r->stories[0] : model::Story{};
}

// nitf/mapping_test.xml declares iso-8859-1 but holds UTF-8; its record in
// expected.jsonl was made by decoding it as Latin-1 ("41-Ã¥rig"). Issue 3
// requires such files to come out right ("41-årig"), so these two
// mismatches are the corpus' error, not the parser's (see the report).
const std::vector<std::string> kDisputed = {
    "nitf/mapping_test.xml#20160512:RTZ:8883:0: headline: expected \"*En 41-Ã¥rig mand, der "
    "onsdag blev anholdt og sat i forbindel\", got \"*En 41-årig mand, der onsdag blev anholdt og "
    "sat i forbindel\"",
    "nitf/mapping_test.xml#20160512:RTZ:8883:0: body_starts_with: expected \"KÃ¸benhavn "
    "/ritzau/: En 41-Ã¥rig mand, der onsdag blev anhol\", got \"København /ritzau/: En "
    "41-årig mand, der onsdag blev anholdt\"",
};

TEST(NitfParser, MatchesEveryCorpusRecord) {
  EXPECT_EQ(testing::CheckCorpus(*NewNitfParser(), "nitf"), kDisputed);
}

TEST(NitfParser, DecodesUtf8DeclaredAsLatin1) {
  model::Story s = ParseCorpus("nitf/mapping_test.xml");
  EXPECT_EQ(s.headline, "*En 41-årig mand, der onsdag blev anholdt og sat i forbindel");
  EXPECT_EQ(s.version, "04");
  EXPECT_EQ(s.agency, "Ritzau");
}

TEST(NitfParser, KeepsEmbargoFromDocdata) {
  model::Story s = ParseCorpus("nitf/nitf-fishing.xml");
  ASSERT_TRUE(s.embargoed.has_value());
  EXPECT_EQ(FormatIso8601(*s.embargoed), "2002-02-26T14:30:00Z");
  EXPECT_EQ(FormatIso8601(*s.firstcreated), "2002-02-25T19:30:00Z");
}

TEST(NitfParser, CanceledManagementStatusIsAKill) {
  model::Story s = ParseCorpus("nitf/nitf-fishing.xml");
  EXPECT_EQ(s.pubstatus, model::PubStatus::kCanceled);
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kKill));
  EXPECT_TRUE(model::IsKill(s));
}

TEST(NitfParser, ReadsFishingSampleMetadata) {
  model::Story s = ParseCorpus("nitf/nitf-fishing.xml");
  EXPECT_EQ(s.uri, "iptc.321656141.b");
  EXPECT_EQ(s.version, "1");
  EXPECT_EQ(s.urgency, 3);
  EXPECT_EQ(s.slugline, "tide-update");
  EXPECT_THAT(s.keywords, ElementsAre("fishing", "lures", "tides"));
  ASSERT_EQ(s.subjects.size(), 3u);
  EXPECT_EQ(s.subjects[0], (model::Subject{"17000000", "Weather", "subj"}));
  EXPECT_EQ(s.subjects[2], (model::Subject{"04001002", "Fishing Industry", "subj"}));
  EXPECT_EQ(s.byline, "By Alan Karben");
  EXPECT_EQ(s.dateline.place, "Newport News");
  EXPECT_EQ(s.description_text,
            "Superb weather in Norfolk today. Tides coming in and out as per usual.");
  EXPECT_EQ(s.agency, "International Press Telecommunications Council");
}

TEST(NitfParser, BodyMediaBecomesFigureAndPicture) {
  model::Story s = ParseCorpus("nitf/nitf-fishing.xml");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0],
            (model::Picture{"high-tide.jpg", "The tides, captured on film late yesterday.",
                            "Karben", "image/jpeg", 278, 185}));
  EXPECT_TRUE(StartsWith(s.body_html,
                         "<figure><img src=\"high-tide.jpg\" alt=\"The tides are high.\" "
                         "width=\"278\" height=\"185\"><figcaption>The tides, captured on "
                         "film late yesterday. <cite>Karben</cite></figcaption></figure>"))
      << s.body_html;
  EXPECT_NE(s.body_html.find("<h2>The Tides are High</h2>"), std::string::npos);
  EXPECT_NE(s.body_html.find("<li><em>Deer Creek:</em>"), std::string::npos);
  EXPECT_EQ(s.body_html.find("block"), std::string::npos);
}

TEST(NitfParser, KeepsTablesAndPreformattedResults) {
  model::Story ap = ParseCorpus("nitf/ap_media_text_nitf.xml");
  EXPECT_NE(ap.body_html.find("<table><tbody><tr><th>BASEBALL&#39;S TOP TEN</th>"),
            std::string::npos)
      << ap.body_html;
  EXPECT_EQ(ap.agency, "AP");
  EXPECT_EQ(ap.uri, "");
  model::Story pa = ParseCorpus("nitf/pa2.xml");
  EXPECT_TRUE(StartsWith(pa.body_html, "<pre>International Match\nMexico v Panama\n"))
      << pa.body_html;
}

TEST(NitfParser, ShortensAgencyHolderToCredit) {
  EXPECT_EQ(ParseCorpus("nitf/aap.xml").agency, "AAP");
  EXPECT_EQ(ParseCorpus("nitf/aap-finance.xml").agency, "AFP");
  EXPECT_EQ(ParseCorpus("nitf/efe_nitf.xml").agency, "EFE");
  EXPECT_EQ(ParseCorpus("nitf/pa4.xml").agency, "PA");
}

TEST(NitfParser, ReadsLatin1PoundSign) {
  model::Story s = ParseCorpus("nitf/pa5.xml");
  EXPECT_NE(s.body_html.find("a £66 billion annual hit"), std::string::npos);
}

TEST(NitfParser, DataOnlyItemFallsBackToSlugAsHeadline) {
  model::Story s = ParseCorpus("nitf/aap-finance-lite.xml");
  EXPECT_EQ(s.headline, "Samsung");
  EXPECT_EQ(s.body_html, "");
}

TEST(NitfParser, DateWithoutZoneIsUtcWithWarning) {
  auto r = NewNitfParser()->Parse(Input{"f.xml", ReadCorpusFile("nitf/aap-sports.xml"), {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatIso8601(*r->stories[0].firstcreated), "2015-02-18T16:01:41Z");
  ASSERT_EQ(r->warnings.size(), 2u);  // date.issue and date.release
  const Diagnostic& w = r->warnings[0];
  EXPECT_EQ(w.source, "f.xml");
  EXPECT_EQ(w.line, 1);
  EXPECT_EQ(w.column, 768);
  EXPECT_EQ(w.message, "<date.issue norm=\"20150218T160141\"> has no time zone; taken as UTC");
}

TEST(NitfParser, EdMsgAndSlugMarkSignals) {
  model::Story c = ParseOne(
      "<nitf><head><docdata><doc-id id-string='x1'/>"
      "<ed-msg msg-type='correction' info='Corrects spelling of name.'/></docdata></head>"
      "<body><body.head><hedline><hl1>H</hl1></hedline></body.head></body></nitf>");
  EXPECT_EQ(c.signals, model::Signal::kCorrection);
  EXPECT_EQ(c.correction_note, "Corrects spelling of name.");
  model::Story u = ParseOne(
      "<nitf><head><meta name='anpa-keyword' content='BC-US--Storm,3rd Writethru'/></head>"
      "<body><body.head><hedline><hl1>H</hl1></hedline></body.head></body></nitf>");
  EXPECT_EQ(u.signals, model::Signal::kUpdate);
  model::Story k = ParseOne(
      "<nitf><head><docdata><ed-msg msg-type='kill'/></docdata></head>"
      "<body><body.head><hedline><hl1>H</hl1></hedline></body.head></body></nitf>");
  EXPECT_TRUE(model::IsKill(k));
}

TEST(NitfParser, ResolvesRelativePicturesAgainstBaseUrl) {
  auto r = ParseText(
      "<nitf><body><body.content><media media-type='image'>"
      "<media-reference source='img/a.jpg'/></media></body.content></body></nitf>",
      "https://wire.example/feed/");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories[0].pictures.size(), 1u);
  EXPECT_EQ(r->stories[0].pictures[0].href, "https://wire.example/feed/img/a.jpg");
}

TEST(NitfParser, RemovesScriptAndEventHandlersFromBody) {
  model::Story s = ParseOne(
      "<nitf><body><body.content><p onclick='x()'>Hi<script>alert(1)</script></p>"
      "<p><a href='javascript:alert(1)'>link</a></p></body.content></body></nitf>");
  EXPECT_EQ(s.body_html.find("script"), std::string::npos) << s.body_html;
  EXPECT_EQ(s.body_html.find("onclick"), std::string::npos);
  EXPECT_EQ(s.body_html.find("javascript"), std::string::npos);
  EXPECT_NE(s.body_html.find("Hi"), std::string::npos);
}

TEST(NitfParser, EntityExpansionIsNeverPerformed) {
  auto r = ParseText(
      "<!DOCTYPE nitf [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<nitf><body><body.head><hedline><hl1>&b;&x;</hl1></hedline></body.head></body></nitf>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories[0].headline.find("aaaa"), std::string::npos);
  EXPECT_EQ(r->stories[0].headline.find("root:"), std::string::npos);
}

TEST(NitfParser, StoryWithoutHeadlineOrBodyIsAnError) {
  auto r = ParseText("<nitf>\n  <head/>\n  <body><body.content/></body>\n</nitf>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml:3:4: NITF story has no headline (<hl1> or <title>) and no body "
            "(<body.content>)\n  <body><body.content/></body>\n   ^");
}

TEST(NitfParser, OtherRootElementIsAnError) {
  auto r = ParseText("<?xml version='1.0'?>\n<rss version='2.0'><channel/></rss>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml:2:2: root element <rss> is not <nitf>: not a NITF document\n"
            "<rss version='2.0'><channel/></rss>\n ^");
}

TEST(NitfParser, GarbageGivesACleanError) {
  auto r = ParseText("\x01\x02garbage\xff\xfe");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(),
            "in.xml:1:14: XML error: No document element found\n\x01\x02garbage\u00ff\u00fe\n"
            "             ^");
}

TEST(NitfParser, HugeInputIsRefused) {
  std::string huge(kMaxNitfBytes + 1, ' ');
  auto r = ParseText(huge);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.xml: input is 16777217 bytes; a NITF document may have "
            "at most 16777216 bytes");
}

TEST(NitfParser, TruncatedDocumentIsRecoveredWithAWarning) {
  auto r = ParseText(
      "<nitf><body><body.head><hedline><hl1>Kept</hl1></hedline>"
      "</body.head><body.content><p>Cut off");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories[0].headline, "Kept");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].message.find("recovered"), std::string::npos);
}

TEST(NitfParser, SniffsEveryNitfCorpusFileAsCertain) {
  auto parser = NewNitfParser();
  for (const char* f : {"nitf/aap.xml", "nitf/ap_media_text_nitf.xml", "nitf/efe_nitf.xml",
                        "nitf/nitf-fishing.xml", "nitf/pa1.xml", "nitf/mapping_test.xml"}) {
    EXPECT_EQ(parser->Sniff(ReadCorpusFile(f).substr(0, 8192)), Confidence::kCertain) << f;
  }
  EXPECT_EQ(parser->Sniff("<nitf:nitf xmlns:nitf='x'>"), Confidence::kCertain);
}

TEST(NitfParser, SniffSaysNoToOtherFormats) {
  auto parser = NewNitfParser();
  for (const char* f :
       {"newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml", "newsml-g2/dpa.xml", "newsml-1.2/afp.xml",
        "ritzau-xml/ritzau_news.xml", "rss-atom/wenn.xml", "ninjs/ninjs1.json",
        "anpa1312/anpa-1.tst", "iptc7901/IPTC7901.txt", "email-rfc822/simple_email.txt"}) {
    std::string bytes = ReadCorpusFile(f);
    if (bytes.empty()) continue;  // not every format's sample is in every corpus
    EXPECT_EQ(parser->Sniff(bytes.substr(0, 8192)), Confidence::kNo) << f;
  }
  EXPECT_EQ(parser->Sniff(""), Confidence::kNo);
  EXPECT_EQ(parser->Sniff("<"), Confidence::kNo);
  EXPECT_EQ(parser->Sniff("<!-- never closed"), Confidence::kNo);
}

TEST(NitfParser, DeeplyNestedDocumentIsRefusedNotOverflowed) {
  ExpectRefusesDeepNesting(*NewNitfParser(), "<nitf><body><body.content>");
}

}  // namespace
}  // namespace wirepress::formats::nitf
