#include "formats/ap_media/ap_media_parser.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "base/strings.h"
#include "base/time.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::ap_media {
namespace {

using testing::CheckCorpus;
using testing::ReadCorpusFile;

Result<ParseResult> ParseText(std::string_view text) {
  return NewApMediaParser()->Parse(Input{"ap.json", text, {}});
}

TEST(ApMediaParser, MatchesEveryCorpusRecord) {
  std::vector<std::string> mismatches = CheckCorpus(*NewApMediaParser(), "ap-media-json");
  EXPECT_TRUE(mismatches.empty()) << Join(mismatches, "\n");
}

TEST(ApMediaParser, SniffsEnvelopeAndRefusesOtherFormats) {
  auto p = NewApMediaParser();
  EXPECT_EQ(p->Sniff(ReadCorpusFile("ap-media-json/ap_media_feed.json")), Confidence::kCertain);
  EXPECT_EQ(p->Sniff(ReadCorpusFile("ap-media-json/ap_media_picture.json")), Confidence::kCertain);
  for (const char* f : {"ninjs/ninjs1.json", "ninjs/3.0_ap_image.json",
                        "bbc-ldrs-json/bbc-ninjs-text-test.json", "rss-atom/wenn.xml",
                        "nitf/ap_media_text_nitf.xml", "newsml-g2/ap.xml"}) {
    EXPECT_EQ(p->Sniff(ReadCorpusFile(f)), Confidence::kNo) << f;
  }
}

TEST(ApMediaParser, PictureKeepsCaptionCreditAndDateline) {
  auto r = NewApMediaParser()->Parse(
      Input{"p.json", ReadCorpusFile("ap-media-json/ap_media_picture.json"), {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.type, "picture");
  EXPECT_EQ(s.byline, "John Doe");
  EXPECT_EQ(s.dateline.place, "New York");
  EXPECT_EQ(s.dateline.country, "UNITED STATES");
  EXPECT_EQ(s.agency, "AP");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0].width, 3500);
  EXPECT_EQ(s.pictures[0].credit, "john Doe/Something/AP");
  EXPECT_TRUE(StartsWith(s.pictures[0].caption, "FILE - This Sept. 22, 2018"));
  ASSERT_EQ(s.subjects.size(), 9u);  // duplicates kept, as sent
  EXPECT_EQ(s.subjects[0].code, "a");
  EXPECT_EQ(s.subjects[3].scheme, "http://cv.ap.org/id/");
}

TEST(ApMediaParser, FeedPageYieldsEveryItem) {
  auto r = ParseText(R"({"api_version": "1.1", "data": {"items": [
      {"item": {"altids": {"itemid": "a1"}, "headline": "One", "version": 2}},
      {"item": {"altids": {"itemid": "a2"}, "headline": "Two"}},
      {"item": {"altids": {"itemid": "a3"}}}]}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 2u);
  EXPECT_EQ(r->stories[0].uri, "a1");
  EXPECT_EQ(r->stories[0].version, "2");
  EXPECT_EQ(r->stories[1].uri, "a2");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "ap.json: AP item \"a3\" has no headline and no body; skipped");
}

TEST(ApMediaParser, EmptyFeedPageIsNotAnError) {
  auto r = ParseText(R"({"api_version": "1.1", "data": {"items": []}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stories.empty());
}

TEST(ApMediaParser, EditorialTypesBecomeSignals) {
  auto r = ParseText(R"({"api_version": "1.1", "data": {"item": {"altids": {"itemid": "x"},
      "headline": "H", "editorialtypes": ["Correction", "Writethru"]}}})");
  ASSERT_TRUE(r.ok());
  const model::Story& s = r->stories.at(0);
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kCorrection));
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kUpdate));
  EXPECT_FALSE(model::IsKill(s));
}

TEST(ApMediaParser, ScriptInBodyIsRemoved) {
  auto r = ParseText(R"({"api_version": "1", "data": {"item": {"altids": {"itemid": "x"},
      "headline": "H", "body_html": "<p>a<script>alert(1)</script></p><iframe src=x></iframe>"}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stories.at(0).body_html, "<p>a</p>");
}

TEST(ApMediaParser, SyntaxErrorNamesLineAndColumn) {
  auto r = ParseText("{\"api_version\": \"1.1\",\n \"data\": {\"item\": }\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "ap.json:2:19: invalid JSON: syntax error while parsing value - unexpected '}'; "
            "expected '[', '{', or a literal\n"
            " \"data\": {\"item\": }\n"
            "                  ^");
}

TEST(ApMediaParser, ResponseWithoutItemsIsAnError) {
  auto r = ParseText(R"({"api_version": "1.1", "error": {"code": 401}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "ap.json:1:1: expected an AP Media API response with data.item or data.items\n"
            "{\"api_version\": \"1.1\", \"error\": {\"code\": 401}}\n"
            "^");
}

TEST(ApMediaParser, SingleItemWithNothingUsableIsAnError) {
  auto r = ParseText(R"({"api_version": "1.1", "data": {"item": {"altids": {"itemid": "z"}}}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "ap.json: AP item \"z\" has no headline and no body");
}

TEST(ApMediaParser, GarbageGivesACleanError) {
  EXPECT_FALSE(ParseText(std::string(70000, '\x01')).ok());
  EXPECT_FALSE(ParseText("{\"data\": " + std::string(100000, '[')).ok());
  EXPECT_FALSE(ParseText("").ok());
}

}  // namespace
}  // namespace wirepress::formats::ap_media
