#include "formats/syndication/json_feed_parser.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "base/strings.h"
#include "base/time.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::syndication {
namespace {

using testing::ReadCorpusFile;

Result<ParseResult> ParseText(std::string_view text, std::string_view base_url = {}) {
  return NewJsonFeedParser()->Parse(Input{"feed.json", text, base_url});
}

constexpr std::string_view kFeed11 = R"({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Example Wire",
  "home_page_url": "https://example.org/",
  "language": "en",
  "authors": [{"name": "Desk"}],
  "items": [
    {"id": 42, "url": "https://example.org/2024/strike", "title": "Strike &amp; talks",
     "content_html": "<p>See <a href=\"/more\">more</a></p><script>alert(1)</script>",
     "summary": "Short", "date_published": "2024-03-01T10:00:00+01:00",
     "date_modified": "2024-03-01T12:00:00+01:00", "tags": ["labour", "France"],
     "image": "https://example.org/a.jpg",
     "attachments": [{"url": "/b.png", "mime_type": "image/png", "title": "Picket"},
                     {"url": "/c.mp3", "mime_type": "audio/mpeg", "title": "Audio"}]},
    {"id": "2", "content_text": "Line one.\n\nLine two.", "authors": [{"name": "Ann"}]}
  ]})";

TEST(JsonFeedParser, MapsJsonFeed11Items) {
  auto r = ParseText(kFeed11);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 2u);
  const model::Story& s = r->stories[0];
  EXPECT_EQ(s.uri, "42");
  EXPECT_EQ(s.headline, "Strike & talks");
  EXPECT_EQ(s.byline, "Desk");
  EXPECT_EQ(s.language, "en");
  EXPECT_EQ(s.agency, "Example Wire");
  EXPECT_EQ(s.description_text, "Short");
  EXPECT_EQ(FormatIso8601(*s.firstcreated), "2024-03-01T09:00:00Z");
  EXPECT_EQ(FormatIso8601(*s.versioncreated), "2024-03-01T11:00:00Z");
  EXPECT_EQ(s.body_html,
            "<p>See <a href=\"https://example.org/more\" rel=\"nofollow noopener\">more</a></p>");
  EXPECT_EQ(s.keywords, (std::vector<std::string>{"labour", "France"}));
  ASSERT_EQ(s.pictures.size(), 2u);
  EXPECT_EQ(s.pictures[1].href, "https://example.org/b.png");
  EXPECT_EQ(s.pictures[1].caption, "Picket");
  EXPECT_EQ(r->stories[1].body_html, "<p>Line one.</p><p>Line two.</p>");
  EXPECT_EQ(r->stories[1].byline, "Ann");
}

TEST(JsonFeedParser, ReadsJsonFeed10Author) {
  auto r = ParseText(R"({"version": "https://jsonfeed.org/version/1", "title": "T",
      "author": {"name": "Old Style"}, "items": [{"id": "1", "title": "Hi"}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stories.at(0).byline, "Old Style");
}

TEST(JsonFeedParser, SniffsOnlyJsonFeeds) {
  auto p = NewJsonFeedParser();
  EXPECT_EQ(p->Sniff(kFeed11), Confidence::kCertain);
  for (const char* f : {"ninjs/ninjs1.json", "ap-media-json/ap_media_feed.json",
                        "bbc-ldrs-json/bbc-ninjs-text-test.json", "rss-atom/wenn.xml",
                        "nitf/aap.xml"}) {
    EXPECT_EQ(p->Sniff(ReadCorpusFile(f)), Confidence::kNo) << f;
  }
}

TEST(JsonFeedParser, EmptyFeedIsNotAnError) {
  auto r = ParseText(R"({"version": "https://jsonfeed.org/version/1.1", "items": []})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stories.empty());
}

TEST(JsonFeedParser, UnknownDateIsAWarning) {
  auto r = ParseText(R"({"version": "https://jsonfeed.org/version/1.1", "items": [
      {"id": "x", "title": "T", "date_published": "soon"}]})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "feed.json: item \"x\": unknown date form \"soon\" in date_published; ignored");
}

TEST(JsonFeedParser, FeedWithOnlyEmptyItemsIsAnError) {
  auto r = ParseText(R"({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "e"}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "feed.json: item \"e\" has no title and no content");
}

TEST(JsonFeedParser, MissingItemsIsAnError) {
  auto r = ParseText("\n {\"version\": \"https://jsonfeed.org/version/1.1\"}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "feed.json:2:2: expected a JSON Feed object with an \"items\" array\n"
            " {\"version\": \"https://jsonfeed.org/version/1.1\"}\n"
            " ^");
}

TEST(JsonFeedParser, SyntaxErrorNamesLineAndColumn) {
  auto r = ParseText("{\"items\": [\n  {\"id\": 1,}\n]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "feed.json:2:12: invalid JSON: syntax error while parsing object key - unexpected "
            "'}'; expected string literal\n"
            "  {\"id\": 1,}\n"
            "           ^");
}

TEST(JsonFeedParser, GarbageAndDeepNestingGiveCleanErrors) {
  EXPECT_FALSE(ParseText(std::string(50000, '\xfe')).ok());
  EXPECT_FALSE(ParseText("{\"items\": " + std::string(100000, '[')).ok());
}

}  // namespace
}  // namespace wirepress::formats::syndication
