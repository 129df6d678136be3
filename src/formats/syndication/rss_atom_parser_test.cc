#include "formats/syndication/rss_atom_parser.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "base/strings.h"
#include "base/time.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"
#include "formats/testing/deep_nesting.h"

namespace wirepress::formats::syndication {
namespace {

using testing::CheckCorpus;
using testing::ExpectRefusesDeepNesting;
using testing::ReadCorpusFile;

Result<ParseResult> ParseText(std::string_view text, std::string_view base_url = {}) {
  return NewRssAtomParser()->Parse(Input{"feed.xml", text, base_url});
}

std::string Iso(const std::optional<Timestamp>& t) { return t ? FormatIso8601(*t) : "-"; }

TEST(RssAtomParser, MatchesEveryCorpusRecord) {
  std::vector<std::string> mismatches = CheckCorpus(*NewRssAtomParser(), "rss-atom");
  EXPECT_TRUE(mismatches.empty()) << Join(mismatches, "\n");
}

TEST(RssAtomParser, SniffsFeedsByRootElementOnly) {
  auto p = NewRssAtomParser();
  for (const char* f : {"rss-atom/wenn.xml", "rss-atom/wordpress_wxr.xml",
                        "rss-atom/wordpress_wxr_thumb.xml"}) {
    EXPECT_EQ(p->Sniff(ReadCorpusFile(f)), Confidence::kCertain) << f;
  }
  for (const char* f : {"ninjs/ninjs1.json", "nitf/aap.xml", "newsml-g2/ap.xml",
                        "newsml-1.2/afp.xml", "anpa1312/anpa-1.tst", "iptc7901/IPTC7901.txt",
                        "email-rfc822/simple_email.txt", "ritzau-xml/ritzau_news.xml",
                        "ap-media-json/ap_media_feed.json"}) {
    EXPECT_EQ(p->Sniff(ReadCorpusFile(f)), Confidence::kNo) << f;
  }
  EXPECT_EQ(p->Sniff("<?xml version=\"1.0\"?>\n<!-- c -->\n<rdf:RDF "
                     "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                     "xmlns=\"http://purl.org/rss/1.0/\">"),
            Confidence::kCertain);
  EXPECT_EQ(p->Sniff("<feed xmlns=\"http://purl.org/atom/ns#\" version=\"0.3\">"),
            Confidence::kCertain);
  EXPECT_EQ(p->Sniff("<feed>"), Confidence::kMaybe);
}

TEST(RssAtomParser, WordPressAttachmentBecomesThumbnailNotStory) {
  auto r = ParseText(ReadCorpusFile("rss-atom/wordpress_wxr_thumb.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 1u);
  const model::Story& s = r->stories[0];
  EXPECT_EQ(s.headline, "test post");
  EXPECT_EQ(s.byline, "toto");
  EXPECT_EQ(Iso(s.versioncreated), "2018-07-03T09:03:04Z");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0].href, "https://toto.invalid/attachment.jpg");
  EXPECT_EQ(s.pictures[0].caption, "test");
  EXPECT_EQ(s.body_html, "<p><strong>toto</strong></p>");
}

TEST(RssAtomParser, WordPressCategoriesBecomeSubjectsAndTagsKeywords) {
  auto r = ParseText(ReadCorpusFile("rss-atom/wordpress_wxr.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 5u);
  const model::Story& s = r->stories[0];
  ASSERT_EQ(s.subjects.size(), 3u);
  EXPECT_EQ(s.subjects[0], (model::Subject{"business", "Business", "category"}));
  EXPECT_EQ(s.keywords, std::vector<std::string>{"companies"});
  EXPECT_EQ(Iso(s.firstcreated), "2013-07-29T16:03:54Z");
  EXPECT_EQ(s.language, "en-US");
  EXPECT_EQ(s.agency, "The SDNewTester");
  // test2: WordPress paragraphs are newlines; <hr> stays a block.
  EXPECT_TRUE(StartsWith(r->stories[1].body_html, "<p>By Tester</p><p>Harare, July 19"));
  EXPECT_NE(r->stories[1].body_html.find("<hr"), std::string::npos);
  // test5: the iframe is dropped, the image kept.
  EXPECT_EQ(r->stories[4].body_html.find("iframe"), std::string::npos);
  EXPECT_NE(r->stories[4].body_html.find("<img src=\"https://bla.invalid\""), std::string::npos);
}

TEST(RssAtomParser, WennKeepsArticleIdTimesAndFirstLine) {
  auto r = ParseText(ReadCorpusFile("rss-atom/wenn.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->stories.size(), 2u);
  const model::Story& s = r->stories[0];
  EXPECT_EQ(s.uri, "1369426");
  EXPECT_EQ(Iso(s.firstcreated), "2015-01-30T00:33:06Z");
  EXPECT_EQ(Iso(s.versioncreated), "2015-01-30T02:40:56Z");
  EXPECT_TRUE(StartsWith(s.description_text, "Police officials in Los Angeles"));
  EXPECT_EQ(s.body_html, "<p>This is body content1.</p>");
  EXPECT_EQ(s.byline, "WENN Newsdesk");
  EXPECT_EQ(s.language, "en-GB");
  EXPECT_EQ(s.keywords,
            (std::vector<std::string>{"Music", "Suge Knight", "Tmz.Com", "Compton"}));
}

// Each xml:base applies once, below the document's base (here the
// channel link, for a file with no URL). A relative one above the items
// used to be applied twice: ".../news/news/img/b.jpg".
TEST(RssAtomParser, RelativeXmlBaseAboveTheItemsAppliesOnce) {
  auto r = ParseText(R"(<rss version="2.0"><channel xml:base="news/">
    <title>X</title><link>http://x.example/</link><description>d</description>
    <item xml:base="2026/"><title>One</title><guid isPermaLink="false">x-1</guid>
      <description>&lt;p&gt;&lt;img src="img/a.jpg"&gt;&lt;/p&gt;</description>
      <enclosure url="img/b.jpg" type="image/jpeg" length="1"/></item>
  </channel></rss>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.body_html, "<p><img src=\"http://x.example/news/2026/img/a.jpg\"></p>");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0].href, "http://x.example/news/2026/img/b.jpg");
}

TEST(RssAtomParser, AtomXmlBaseOnFeedEntryAndContentAppliesOnceEach) {
  auto r = ParseText(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="news/">
    <title>Example</title><link rel="alternate" href="http://x.example/"/>
    <entry xml:base="2026/"><id>tag:x,2026:1</id><title>One</title>
      <updated>2026-11-25T10:00:00Z</updated>
      <content type="html" xml:base="desk/">&lt;p&gt;&lt;a href="a.html"&gt;a&lt;/a&gt;&lt;/p&gt;</content>
    </entry></feed>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories.at(0).body_html,
            "<p><a href=\"http://x.example/news/2026/desk/a.html\" "
            "rel=\"nofollow noopener\">a</a></p>");
}

TEST(RssAtomParser, Atom10ResolvesXmlBaseAndKeepsXhtml) {
  auto r = ParseText(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"
      xml:base="http://example.org/news/">
    <title>Example</title><author><name>Desk</name></author>
    <entry xml:base="2024/">
      <id>tag:example.org,2024:1</id>
      <title type="html">Grève &lt;b&gt;générale&lt;/b&gt;</title>
      <published>2024-03-01T10:00:00+01:00</published>
      <updated>2024-03-01T12:30:00+01:00</updated>
      <category term="medtop:20000763" scheme="http://cv.iptc.org/newscodes/mediatopic/"
                label="Politics"/>
      <category term="strike"/>
      <summary>Short.</summary>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
        <p onclick="evil">See <a href="story.html">more</a></p><script>alert(1)</script>
      </div></content>
      <link rel="enclosure" type="image/jpeg" href="pic.jpg"/>
    </entry></feed>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.headline, "Grève générale");
  EXPECT_EQ(s.byline, "Desk");
  EXPECT_EQ(s.language, "fr");
  EXPECT_EQ(Iso(s.firstcreated), "2024-03-01T09:00:00Z");
  EXPECT_EQ(Iso(s.versioncreated), "2024-03-01T11:30:00Z");
  EXPECT_EQ(s.subjects.at(0).code, "medtop:20000763");
  EXPECT_EQ(s.keywords, std::vector<std::string>{"strike"});
  EXPECT_EQ(s.description_text, "Short.");
  EXPECT_EQ(s.body_html,
            "<p>See <a href=\"http://example.org/news/2024/story.html\" "
            "rel=\"nofollow noopener\">more</a></p>");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0].href, "http://example.org/news/2024/pic.jpg");
}

TEST(RssAtomParser, Atom03EscapedContentAndDates) {
  auto r = ParseText(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
    <title>Old</title>
    <entry><id>urn:x:1</id><title>Old news</title>
      <issued>2004-05-01T10:00:00Z</issued><modified>2004-05-02T10:00:00Z</modified>
      <content type="text/html" mode="escaped">&lt;p&gt;Hello&lt;/p&gt;</content>
    </entry></feed>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.body_html, "<p>Hello</p>");
  EXPECT_EQ(Iso(s.firstcreated), "2004-05-01T10:00:00Z");
  EXPECT_EQ(Iso(s.versioncreated), "2004-05-02T10:00:00Z");
}

TEST(RssAtomParser, Rss10RdfItemsWithDublinCore) {
  auto r = ParseText(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="http://example.org/"><title>RDF site</title>
      <link>http://example.org/</link></channel>
    <item rdf:about="http://example.org/a"><title>A</title><link>http://example.org/a</link>
      <description>Text of A</description><dc:creator>Ann</dc:creator>
      <dc:date>2003-12-13T18:30:02Z</dc:date><dc:subject>Science</dc:subject></item>
  </rdf:RDF>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.uri, "http://example.org/a");
  EXPECT_EQ(s.byline, "Ann");
  EXPECT_EQ(Iso(s.versioncreated), "2003-12-13T18:30:02Z");
  EXPECT_EQ(s.body_html, "<p>Text of A</p>");
  EXPECT_EQ(s.keywords, std::vector<std::string>{"Science"});
}

// Items repeat their children in the same order, and the reader reuses
// what it found for the previous item's child at the same position. A
// prefix declared on an item or on the child itself, or a different
// parent, must still be looked up.
TEST(RssAtomParser, SameChildNamesInEveryItemFollowTheirOwnNamespaces) {
  auto r = ParseText(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>T</title><link>http://example.org/</link>
      <item><title>A</title><dc:creator>Ann</dc:creator><dc:language>de</dc:language></item>
      <item><title>B</title><dc:creator>Bob</dc:creator><dc:language>fr</dc:language></item>
      <item xmlns:dc="urn:not-dc"><title>C</title><dc:creator>Cy</dc:creator>
        <dc:language>it</dc:language></item>
      <item><title>D</title><dc:creator xmlns:dc="urn:not-dc">Di</dc:creator>
        <dc:language>es</dc:language></item>
      <item><title>E</title><dc:creator>Ed</dc:creator><dc:language>nl</dc:language></item>
      <item><title>F</title><dc:creator xmlns:dc="urn:not-dc">Fay</dc:creator>
        <dc:language xmlns:dc="urn:not-dc">pt</dc:language></item>
      <item><title>G</title><dc:creator>Gus</dc:creator><dc:language>sv</dc:language></item>
    </channel>
    <item><title>H</title><dc:creator>Hal</dc:creator><dc:language>da</dc:language></item>
  </rss>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> got;
  for (const model::Story& s : r->stories) {
    got.push_back(s.headline + ":" + s.byline + ":" + s.language);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"A:Ann:de", "B:Bob:fr", "C::", "D::es", "E:Ed:nl",
                                           "F::", "G:Gus:sv", "H:Hal:da"}));
}

TEST(RssAtomParser, Rss20MediaEnclosuresAndRelativeLinks) {
  auto r = ParseText(R"(<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
    <channel><title>Site</title><link>https://news.example.com/</link>
    <item><title>T</title><guid>id-1</guid><author>ed@example.com (Ed Smith)</author>
      <description>&lt;p&gt;See &lt;a href="/x"&gt;x&lt;/a&gt;&lt;img src="javascript:evil"&gt;&lt;/p&gt;</description>
      <media:group><media:content url="big.jpg" medium="image" width="800" height="600">
        <media:description>Caption</media:description><media:credit>AFP</media:credit>
      </media:content></media:group>
      <media:thumbnail url="small.jpg"/>
      <enclosure url="https://cdn.example.com/a.mp3" type="audio/mpeg" length="1"/>
    </item></channel></rss>)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const model::Story& s = r->stories.at(0);
  EXPECT_EQ(s.byline, "Ed Smith");
  EXPECT_EQ(s.body_html,
            "<p>See <a href=\"https://news.example.com/x\" rel=\"nofollow noopener\">x</a>"
            "<img></p>");
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0],
            (model::Picture{"https://news.example.com/big.jpg", "Caption", "AFP", "", 800, 600}));
}

TEST(RssAtomParser, RelativeLinksFallBackToInputBaseUrl) {
  auto r = ParseText(R"(<rss version="2.0"><channel><title>S</title>
      <item><title>T</title><description>&lt;a href="p.html"&gt;p&lt;/a&gt;</description></item>
      </channel></rss>)",
                     "https://feeds.example.net/wire/");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stories.at(0).body_html,
            "<p><a href=\"https://feeds.example.net/wire/p.html\" rel=\"nofollow noopener\">p</a></p>");
}

TEST(RssAtomParser, UnknownDateIsAWarningNotAFailure) {
  auto r = ParseText("<rss><channel><title>S</title>\n<item><title>T</title>\n"
                     "  <pubDate>the day after tomorrow</pubDate></item></channel></rss>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->stories.at(0).versioncreated.has_value());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "feed.xml:3:4: unknown date form \"the day after tomorrow\" in <pubDate>; ignored\n"
            "  <pubDate>the day after tomorrow</pubDate></item></channel></rss>\n"
            "   ^");
}

TEST(RssAtomParser, EmptyChannelIsAnEmptyFeed) {
  auto r = ParseText("<rss version=\"2.0\"><channel><title>S</title></channel></rss>");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stories.empty());
}

TEST(RssAtomParser, FeedWhoseItemsAreAllEmptyIsAnError) {
  auto r = ParseText("<rss><channel>\n <item><guid>g1</guid></item>\n</channel></rss>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "feed.xml:2:3: <item> (g1) has no title and no content\n"
            " <item><guid>g1</guid></item>\n"
            "  ^");
}

TEST(RssAtomParser, RssWithoutChannelIsAnError) {
  auto r = ParseText("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><item/></rss>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "feed.xml:2:2: <rss> has no <channel>\n<rss version=\"2.0\"><item/></rss>\n ^");
}

TEST(RssAtomParser, OtherXmlIsAnError) {
  auto r = ParseText("<html><body/></html>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "feed.xml:1:2: root element <html> is not an RSS channel or an Atom feed\n"
            "<html><body/></html>\n ^");
}

TEST(RssAtomParser, EntityBombIsNotExpanded) {
  std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">"
      "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<rss><channel><item><title>&c;&x;</title><description>d</description></item>"
      "</channel></rss>";
  auto r = ParseText(bomb);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_LT(r->stories.at(0).headline.size(), 100u);
  EXPECT_EQ(r->stories.at(0).headline.find("root:"), std::string::npos);
}

TEST(RssAtomParser, GarbageGivesACleanError) {
  auto garbage = ParseText(std::string(100000, '\x07'));
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(StartsWith(garbage.status().message(),
                         "feed.xml:1:100001: XML error: No document element found\n"))
      << garbage.status().message();
}

TEST(RssAtomParser, TruncatedFeedIsRecoveredWithAWarning) {
  auto r = ParseText("<rss><channel><title>S</title><item><title>Cut off</title><descr");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stories.at(0).headline, "Cut off");
  ASSERT_FALSE(r->warnings.empty());
  EXPECT_NE(r->warnings[0].message.find("recovered"), std::string::npos);
}

TEST(RssAtomParser, DeeplyNestedDocumentIsRefusedNotOverflowed) {
  ExpectRefusesDeepNesting(*NewRssAtomParser(), "<rss><channel><item><description>");
  ExpectRefusesDeepNesting(*NewRssAtomParser(), "<feed><entry><content>");
}

TEST(RssAtomParser, DeeplyNestedHtmlDoesNotCrash) {
  std::string deep = "<rss><channel><item><title>t</title><description>";
  for (int i = 0; i < 3000; ++i) deep += "&lt;div&gt;";
  deep += "</description></item></channel></rss>";
  EXPECT_TRUE(ParseText(deep).ok());
}

}  // namespace
}  // namespace wirepress::formats::syndication
