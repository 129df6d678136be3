#include "formats/ninjs/ninjs_parser.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "base/strings.h"
#include "base/time.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::ninjs {
namespace {

using testing::CheckCorpus;
using testing::ReadCorpusFile;

Result<ParseResult> ParseText(const FeedParser& p, std::string_view text) {
  return p.Parse(Input{"item.json", text, {}});
}

TEST(NinjsParser, MatchesEveryCorpusRecord) {
  auto parser = NewNinjsParser();
  std::vector<std::string> mismatches = CheckCorpus(*parser, "ninjs");
  EXPECT_TRUE(mismatches.empty()) << Join(mismatches, "\n");
}

TEST(BbcLdrsParser, MatchesEveryCorpusRecord) {
  auto parser = NewBbcLdrsParser();
  std::vector<std::string> mismatches = CheckCorpus(*parser, "bbc-ldrs-json");
  EXPECT_TRUE(mismatches.empty()) << Join(mismatches, "\n");
}

TEST(NinjsParser, SniffsNinjsOfEveryVersionAndRefusesOtherFormats) {
  auto ninjs = NewNinjsParser();
  for (const char* f : {"ninjs/ninjs1.json", "ninjs/2.1_ntb_text.json",
                        "ninjs/3.0_ninjsExSimpleText_3.json", "ninjs/3.0_ap_image.json"}) {
    EXPECT_GE(ninjs->Sniff(ReadCorpusFile(f)), Confidence::kLikely) << f;
  }
  EXPECT_EQ(ninjs->Sniff(ReadCorpusFile(
                "ninjs/3.0_20231008-anti-doping-measures-at-the-tour-down-under-will-be-"
                "the-toughest-ever-addb-ninjs-nitf.json")),
            Confidence::kCertain);
  for (const char* f : {"ap-media-json/ap_media_item.json", "ap-media-json/ap_media_feed.json",
                        "rss-atom/wenn.xml", "nitf/aap.xml", "anpa1312/anpa-1.tst",
                        "newsml-g2/ap.xml", "iptc7901/IPTC7901.txt"}) {
    EXPECT_EQ(ninjs->Sniff(ReadCorpusFile(f)), Confidence::kNo) << f;
  }
  EXPECT_EQ(ninjs->Sniff(ReadCorpusFile("bbc-ldrs-json/bbc-ninjs-text-test.json")),
            Confidence::kMaybe);
}

TEST(BbcLdrsParser, SniffIsDecisiveAgainstPlainNinjs) {
  auto bbc = NewBbcLdrsParser();
  EXPECT_EQ(bbc->Sniff(ReadCorpusFile("bbc-ldrs-json/bbc-ninjs-text-test.json")),
            Confidence::kCertain);
  EXPECT_EQ(bbc->Sniff(ReadCorpusFile("ninjs/ninjs1.json")), Confidence::kNo);
  EXPECT_EQ(bbc->Sniff(ReadCorpusFile("ap-media-json/ap_media_feed.json")), Confidence::kNo);
}

TEST(NinjsParser, KeepsEmbargoSubjectsAndFeaturePicture) {
  auto r = NewNinjsParser()->Parse(
      Input{"e.json", ReadCorpusFile("ninjs/ninjs_embargoed.json"), {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(FormatIso8601(*s.embargoed), "2022-06-29T02:30:00Z");
  ASSERT_EQ(s.subjects.size(), 2u);
  EXPECT_EQ(s.subjects[0].name, "global warming");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0].credit, "Photograph by Pea, available at https://bit.ly/3Najj58");
  EXPECT_EQ(s.pictures[0].width, 1920);
  EXPECT_EQ(s.agency, "360info");
}

TEST(NinjsParser, ReadsNinjs3RoleArraysAndCamelCaseKeys) {
  auto r = ParseText(*NewNinjsParser(), R"({
    "uri": "urn:x:1", "versionCreated": "2023-10-08T02:34:03+02:00", "pubStatus": "withheld",
    "headlines": [{"role": "sub", "value": "Sub"}, {"role": "main", "value": "Main  head"}],
    "descriptions": [{"role": "lead", "value": "Lead text"}],
    "bodies": [{"role": "text", "contentType": "text/plain", "value": "Plain"},
               {"role": "xhtml", "contentType": "text/html", "value": "<p>Rich</p>"}],
    "subjects": [{"uri": "http://cv.iptc.org/newscodes/mediatopic/15000000", "name": "Sport"}],
    "signals": [{"code": "sig:correction"}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.headline, "Main head");
  EXPECT_EQ(s.description_text, "Lead text");
  EXPECT_EQ(s.body_html, "<p>Rich</p>");
  EXPECT_EQ(s.pubstatus, model::PubStatus::kWithheld);
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kCorrection));
  EXPECT_EQ(FormatIso8601(*s.versioncreated), "2023-10-08T00:34:03Z");
  ASSERT_EQ(s.subjects.size(), 1u);
  EXPECT_EQ(s.subjects[0].scheme, "medtop");
}

TEST(NinjsParser, CanceledPubstatusIsAKill) {
  auto r = ParseText(*NewNinjsParser(),
                     R"({"uri": "u", "headline": "H", "pubstatus": "canceled"})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(model::IsKill(r->stories.at(0)));
}

TEST(NinjsParser, PictureItemCarriesItsOwnRendition) {
  auto r = NewNinjsParser()->Parse(Input{"i.json", ReadCorpusFile("ninjs/3.0_ap_image.json"), {}});
  ASSERT_TRUE(r.ok());
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.type, "picture");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0].width, 3000);
  EXPECT_EQ(s.pictures[0].credit, "ASSOCIATED PRESS");
  EXPECT_TRUE(StartsWith(s.pictures[0].caption, "FILE - In this Monday"));
}

TEST(NinjsParser, NitfBodyBecomesHtml) {
  auto r = NewNinjsParser()->Parse(Input{
      "n.json",
      ReadCorpusFile("ninjs/3.0_20231008-anti-doping-measures-at-the-tour-down-under-will-be-"
                 "the-toughest-ever-addb-ninjs-nitf.json"),
      {}});
  ASSERT_TRUE(r.ok());
  const std::string& body = r->stories.at(0).body_html;
  EXPECT_TRUE(StartsWith(body, "<h2>Anti-doping measures")) << body;
  EXPECT_NE(body.find("<p>The Australian Sports Anti-Doping Authority"), std::string::npos);
  EXPECT_EQ(body.find("DopingWatch"), std::string::npos);
}

TEST(NinjsParser, ScriptInBodyIsRemoved) {
  auto r = ParseText(*NewNinjsParser(),
                     R"({"uri": "u", "headline": "H",
                         "body_html": "<p onclick=\"x()\">ok</p><script>alert(1)</script>"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stories.at(0).body_html, "<p>ok</p>");
}

TEST(NinjsParser, SyntaxErrorNamesLineAndColumn) {
  auto r = ParseText(*NewNinjsParser(), "{\n  \"uri\": \"u\",\n  \"headline\": oops\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "item.json:3:15: invalid JSON: syntax error while parsing value - invalid "
            "literal; last read: '\"headline\": o'\n"
            "  \"headline\": oops\n"
            "              ^");
}

TEST(NinjsParser, NonObjectIsAnError) {
  auto r = ParseText(*NewNinjsParser(), "  [1, 2]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "item.json:1:3: expected a ninjs object\n  [1, 2]\n  ^");
}

TEST(NinjsParser, ItemWithoutHeadlineOrBodyIsAnError) {
  auto r = ParseText(*NewNinjsParser(), R"({"uri": "urn:a", "version": "1"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "item.json: ninjs item (uri \"urn:a\") has no headline and no body");
}

TEST(NinjsParser, UnknownDateIsAWarning) {
  auto r = ParseText(*NewNinjsParser(),
                     R"({"uri": "u", "headline": "H", "versioncreated": "yesterday"})");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->stories.at(0).versioncreated.has_value());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "item.json: versioncreated \"yesterday\" is not an ISO 8601 date; ignored");
}

TEST(NinjsParser, GarbageAndDeepNestingGiveCleanErrors) {
  auto p = NewNinjsParser();
  EXPECT_FALSE(ParseText(*p, std::string(100000, '\xff')).ok());
  EXPECT_FALSE(ParseText(*p, std::string(200000, '[')).ok());
  std::string deep = std::string(50000, '[') + std::string(50000, ']');
  EXPECT_FALSE(ParseText(*p, deep).ok());
}

TEST(NinjsParser, TooDeepNestingNamesWhere) {
  auto r = ParseText(*NewNinjsParser(), "{\"a\": " + std::string(300, '['));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "item.json:1:262: JSON nested deeper than 256 levels\n" +
                                      ("{\"a\": " + std::string(300, '[')).substr(181, 160) +
                                      "\n" + std::string(80, ' ') + "^");
}

TEST(BbcLdrsParser, EmptyPageIsNotAnError) {
  auto r = ParseText(*NewBbcLdrsParser(), R"({"total": 0, "limit": 20, "offset": 0, "item": []})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stories.empty());
}

TEST(BbcLdrsParser, MapsItemsOfThePage) {
  auto r = NewBbcLdrsParser()->Parse(
      Input{"b.json", ReadCorpusFile("bbc-ldrs-json/bbc-ninjs-text-test.json"), {}});
  ASSERT_TRUE(r.ok());
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.headline, "advisory");
  EXPECT_EQ(s.byline, "John Doe");
  EXPECT_EQ(s.body_html, "<p><strong>body</strong></p>");
  EXPECT_EQ(s.subjects.at(0).code, "category:planning-permission");
  EXPECT_EQ(s.subjects.at(0).scheme, "category");
}

}  // namespace
}  // namespace wirepress::formats::ninjs
