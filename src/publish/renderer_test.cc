#include "publish/renderer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

#include "model/permalink.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/story_builder.h"

namespace wirepress::publish {
namespace {

using ::wirepress::testing::FakeClock;
using ::wirepress::testing::StoryBuilder;

constexpr Timestamp kNow{1557921600};  // 2019-05-15T12:00:00Z
constexpr char kLead[] =
    "The United States and Russia have agreed on ways to break a deadlock in finding a "
    "political solution in war-ravaged Syria, Secretary of State Mike Pompeo said after talks "
    "with President Vladimir Putin.";

size_t Count(std::string_view hay, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = hay.find(needle); pos != std::string_view::npos;
       pos = hay.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// The visible page: what is between <body> and </body>. A copy, so that
// it may be taken from a temporary document.
std::string Body(std::string_view html) {
  size_t start = html.find("<body>");
  size_t end = html.rfind("</body>");
  return std::string(html.substr(start, end - start));
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class RendererTest : public ::testing::Test {
 protected:
  RendererTest() : clock_(kNow), store_(store::memory::NewMemoryStore()) {
    config_.name = "Wire Daily";
    config_.base_url = "https://news.example";
    config_.theme_dir = std::string(WIREPRESS_SOURCE_DIR) + "/templates";
    config_.disclaimer = "This is an unedited story from {agency}; {site} Staff did not edit it.";
    config_.agencies["AFP"] = AgencyConfig{"AFP", "Agence France-Presse", "", false};
    config_.agencies["XNA"] = AgencyConfig{"XNA", "Example News Agency", "", true};
  }

  Renderer& renderer() {
    if (!renderer_) {
      auto r = NewRenderer(config_, store_.get(), &clock_);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      renderer_ = std::move(r).value();
    }
    return *renderer_;
  }

  // Stores `b` as ingest would, published at `at`, and returns the outcome.
  store::PutOutcome Put(StoryBuilder b, std::string section = "world", Timestamp at = kNow) {
    store::PutRequest req = b.Section(section).Request(at);
    req.path = model::StoryPath(section, at, req.story.headline, req.story.uri);
    auto out = store_->Put(req);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.value();
  }

  // The story of examples/syndicated-story-page.txt, as the wire sends it.
  store::PutOutcome PutPompeo(
      std::string headline = "Pompeo Says Agreed with Putin on Syria Progress") {
    store::PutRequest req =
        StoryBuilder()
            .Uri("urn:afp:pompeo")
            .Headline(headline)
            .Description(kLead)
            .Body(std::string("<p>") + kLead + "</p><p>Pompeo said that Syria was a major topic.</p>")
            .Keywords({"Syria", "Vladimir Putin"})
            .Section("world")
            .Request(kNow);
    req.story.dateline = {"Sochi", "Russia", "May 15", "AFP"};
    req.path = model::StoryPath("world", kNow, req.story.headline, req.story.uri);
    return store_->Put(req).value();
  }

  RenderedDocument Get(std::string_view path, std::string_view query = {}) {
    auto doc = renderer().Render(path, query);
    EXPECT_TRUE(doc.ok()) << path << ": " << doc.status().ToString();
    return doc.ok() ? doc.value() : RenderedDocument{};
  }

  StatusCode CodeOf(std::string_view path) { return renderer().Render(path).status().code(); }

  SiteConfig config_;
  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Renderer> renderer_;
};

TEST_F(RendererTest, StoryPageShowsHeadlineAndLeadOnceWithoutShareNowDebris) {
  store::PutOutcome o = PutPompeo();
  RenderedDocument doc = Get(o.record.path);
  std::string body = Body(doc.body);
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.media_type, "text/html; charset=utf-8");
  EXPECT_EQ(Count(body, "Pompeo Says Agreed with Putin on Syria Progress"), 1u);
  EXPECT_EQ(Count(body, kLead), 1u);
  EXPECT_EQ(Count(doc.body, "Share Now"), 0u);
  EXPECT_EQ(Count(body, "class=\"standfirst\""), 0u);
}

TEST_F(RendererTest, StoryPageLeadsBodyWithDatelineAndCarriesCreditAndDisclaimer) {
  store::PutOutcome o = PutPompeo();
  std::string body = Body(Get(o.record.path).body);
  EXPECT_NE(body.find("<p><span class=\"dateline\">Sochi (Russia), May 15 (AFP)</span> The United"),
            std::string::npos);
  EXPECT_NE(body.find("Agence France-Presse"), std::string::npos);
  EXPECT_NE(body.find("This is an unedited story from AFP; Wire Daily Staff did not edit it."),
            std::string::npos);
  EXPECT_NE(body.find("href=\"/world/\""), std::string::npos);
}

TEST_F(RendererTest, StoryPageHasPlainShareLinksAndTagLinks) {
  store::PutOutcome o = PutPompeo();
  std::string body = Body(Get(o.record.path).body);
  for (const char* host : {"https://wa.me/?text=", "https://www.facebook.com/sharer/",
                           "https://x.com/intent/post", "https://www.linkedin.com/sharing/",
                           "https://t.me/share/url", "mailto:?subject="}) {
    EXPECT_NE(body.find(host), std::string::npos) << host;
  }
  EXPECT_EQ(body.find("<script"), std::string::npos);
  EXPECT_NE(body.find("href=\"/tag/vladimir-putin/\""), std::string::npos);
  EXPECT_NE(body.find("href=\"/tag/syria/\""), std::string::npos);
}

TEST_F(RendererTest, StoryPageHeadHasCanonicalOpenGraphAndNewsArticleJsonLd) {
  store::PutOutcome o = PutPompeo();
  std::string html = Get(o.record.path).body;
  std::string url = "https://news.example" + o.record.path;
  EXPECT_NE(html.find("<link rel=\"canonical\" href=\"" + url + "\">"), std::string::npos);
  EXPECT_NE(html.find("<meta property=\"og:url\" content=\"" + url + "\">"), std::string::npos);
  EXPECT_NE(html.find("<meta property=\"og:type\" content=\"article\">"), std::string::npos);
  EXPECT_NE(html.find("name=\"twitter:card\""), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"en\" dir=\"ltr\">"), std::string::npos);
  std::string open = "<script type=\"application/ld+json\">";
  size_t start = html.find(open) + open.size();
  auto ld = nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
  EXPECT_EQ(ld["@type"], "NewsArticle");
  EXPECT_EQ(ld["headline"], "Pompeo Says Agreed with Putin on Syria Progress");
  EXPECT_EQ(ld["mainEntityOfPage"]["@id"], url);
  EXPECT_EQ(ld["datePublished"], "2019-05-15T12:00:00Z");
  EXPECT_EQ(ld["dateModified"], "2019-05-15T12:00:00Z");
  EXPECT_EQ(ld["author"]["name"], "AFP");
}

TEST_F(RendererTest, HeadlineMarkupIsShownAsTextEverywhere) {
  store::PutOutcome o = Put(StoryBuilder().Uri("x").Headline("<script>alert(1)</script> Breaking"));
  std::string html = Get(o.record.path).body;
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; Breaking"), std::string::npos);
  EXPECT_NE(html.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), std::string::npos);
  EXPECT_EQ(Get("/").body.find("<script>alert"), std::string::npos);
}

TEST_F(RendererTest, DescriptionThatDiffersFromLeadIsPrintedAsStandfirst) {
  store::PutOutcome o = Put(StoryBuilder().Uri("d").Description("A different summary.")
                                .Body("<p>First paragraph.</p>"));
  std::string body = Body(Get(o.record.path).body);
  EXPECT_EQ(Count(body, "<p class=\"standfirst\">A different summary.</p>"), 1u);
}

TEST_F(RendererTest, ImageComesFromStoryThenLibraryElseNone) {
  store::PutOutcome plain = Put(StoryBuilder().Uri("a").Headline("No pictures anywhere"));
  EXPECT_EQ(Body(Get(plain.record.path).body).find("<figure"), std::string::npos);

  config_.images = DefaultLibraryImages(config_);
  renderer_.reset();
  std::string body = Body(Get(plain.record.path).body);
  EXPECT_NE(body.find("<img src=\"/static/images/world.svg\""), std::string::npos);
  EXPECT_NE(body.find("<figcaption>World. (File Image)</figcaption>"), std::string::npos);

  store::PutRequest req = StoryBuilder().Uri("p").Headline("With picture").Request(kNow);
  req.path = "/world/2019/05/15/with-picture";
  req.story.pictures.push_back({"https://img.example/p.jpg", "Putin and Pompeo", "AFP", "", 0, 0});
  ASSERT_TRUE(store_->Put(req).ok());
  EXPECT_NE(Get(req.path).body.find("<img src=\"https://img.example/p.jpg\""), std::string::npos);
}

TEST_F(RendererTest, MissingLibraryImageIsDroppedNotShownBroken) {
  config_.images = {{"/static/images/nope.svg", "Nope", "", "", 1200, 675}};
  store::PutOutcome o = Put(StoryBuilder().Uri("a"));
  EXPECT_EQ(Body(Get(o.record.path).body).find("nope.svg"), std::string::npos);
}

TEST_F(RendererTest, CorrectionNoteAndAgencyNewsNoindex) {
  store::PutOutcome o = Put(StoryBuilder().Uri("c").Agency("XNA").Correction("Fixes the date."));
  std::string html = Get(o.record.path).body;
  EXPECT_NE(html.find("<strong>Correction:</strong> Fixes the date."), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"Googlebot-News\" content=\"noindex\">"), std::string::npos);
  store::PutOutcome afp = Put(StoryBuilder().Uri("n"));
  EXPECT_EQ(Get(afp.record.path).body.find("Googlebot-News"), std::string::npos);
}

TEST_F(RendererTest, RightToLeftLanguagesGetDirRtl) {
  store::PutRequest req = StoryBuilder().Uri("ar").Headline("خبر").Request(kNow);
  req.story.language = "ar";
  req.path = "/world/2019/05/15/khbr";
  ASSERT_TRUE(store_->Put(req).ok());
  EXPECT_NE(Get(req.path).body.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
}

TEST_F(RendererTest, KilledStoryAnswers410AndLeavesEveryListing) {
  store::PutOutcome o = PutPompeo();
  ASSERT_TRUE(store_->Kill("urn:afp:pompeo", "legal", Timestamp{kNow.seconds + 60}).ok());
  RenderedDocument gone = Get(o.record.path);
  EXPECT_EQ(gone.status, 410);
  EXPECT_NE(gone.body.find("This story has been withdrawn"), std::string::npos);
  EXPECT_EQ(gone.body.find("Pompeo"), std::string::npos);
  for (const char* path : {"/", "/world/", "/rss.xml", "/atom.xml", "/feed.json",
                           "/news-sitemap.xml"}) {
    EXPECT_EQ(Get(path).body.find("Pompeo"), std::string::npos) << path;
  }
  EXPECT_EQ(CodeOf("/sitemaps/2019-05.xml"), StatusCode::kNotFound);
  EXPECT_EQ(CodeOf("/tag/syria/"), StatusCode::kNotFound);
  EXPECT_EQ(Get("/api/v1/stories/" + std::to_string(o.record.id)).status, 410);
}

TEST_F(RendererTest, HeldStoryIsNotFoundAndLeavesEveryListingUntilReleased) {
  store::PutOutcome o = PutPompeo();
  store::PutOutcome held =
      store_->Hold("urn:afp:pompeo", "", Timestamp{kNow.seconds + 60}).value();
  EXPECT_EQ(CodeOf(o.record.path), StatusCode::kNotFound);
  EXPECT_EQ(CodeOf("/api/v1/stories/" + std::to_string(o.record.id)), StatusCode::kNotFound);
  for (const char* path : {"/", "/world/", "/rss.xml", "/news-sitemap.xml"}) {
    EXPECT_EQ(Get(path).body.find("Pompeo"), std::string::npos) << path;
  }
  std::vector<std::string> paths = renderer().AffectedPaths(held);
  EXPECT_TRUE(Contains(paths, "/"));
  EXPECT_TRUE(Contains(paths, "/tag/syria/"));
  ASSERT_TRUE(store_->ReleaseHold("urn:afp:pompeo", Timestamp{kNow.seconds + 120}).ok());
  EXPECT_EQ(Get(o.record.path).status, 200);
  EXPECT_NE(Get("/").body.find("Pompeo"), std::string::npos);
}

TEST_F(RendererTest, EmbargoedStoryIsNotFound) {
  store::PutOutcome o = Put(StoryBuilder().Uri("e").Embargo(Timestamp{kNow.seconds + 3600}));
  ASSERT_EQ(o.record.state, store::StoryState::kEmbargoed);
  EXPECT_EQ(CodeOf(o.record.path), StatusCode::kNotFound);
  EXPECT_EQ(CodeOf("/api/v1/stories/" + std::to_string(o.record.id)), StatusCode::kNotFound);
  EXPECT_EQ(CodeOf("/no/such/story"), StatusCode::kNotFound);
}

TEST_F(RendererTest, ListingsPaginate) {
  config_.page_size = 2;
  for (int i = 0; i < 5; ++i) {
    Put(StoryBuilder().Uri("s" + std::to_string(i)).Headline("Story number " + std::to_string(i)),
        "world", Timestamp{kNow.seconds - 60 * i});
  }
  std::string home = Get("/").body;
  EXPECT_NE(home.find("Story number 0"), std::string::npos);
  EXPECT_NE(home.find("href=\"/page/2/\""), std::string::npos);
  EXPECT_EQ(home.find("Story number 2"), std::string::npos);
  std::string p3 = Get("/world/page/3/").body;
  EXPECT_NE(p3.find("Story number 4"), std::string::npos);
  EXPECT_NE(p3.find("href=\"/world/page/2/\""), std::string::npos);
  EXPECT_EQ(CodeOf("/world/page/4/"), StatusCode::kNotFound);
  EXPECT_EQ(CodeOf("/world/page/1/"), StatusCode::kNotFound);  // page 1 is "/world/"
  EXPECT_EQ(CodeOf("/politics/"), StatusCode::kOk);            // empty sections exist
  EXPECT_NE(Get("/2019/05/15/").body.find("Story number 1"), std::string::npos);
  EXPECT_NE(Get("/agency/afp/").body.find("Agence France-Presse"), std::string::npos);
}

// An agency page's slug cannot be turned back into the name: the hyphen of
// "Presse-Agentur" and the spaces both became "-". The name comes from the
// stored stories, so an agency missing from the config still has its page.
TEST_F(RendererTest, UnconfiguredHyphenatedAgencyCreditLeadsToItsPage) {
  store::PutOutcome dpa =
      Put(StoryBuilder().Uri("dpa").Headline("Bundestag votes").Agency("Deutsche Presse-Agentur"));
  Put(StoryBuilder().Uri("rtrs").Headline("Reuters story").Agency("Reuters"), "world",
      Timestamp{kNow.seconds - 60});
  std::string story = Body(Get(dpa.record.path).body);
  EXPECT_NE(story.find("<a href=\"/agency/deutsche-presse-agentur/\">Deutsche Presse-Agentur</a>"),
            std::string::npos)
      << story;
  RenderedDocument page = Get("/agency/deutsche-presse-agentur/");
  EXPECT_NE(page.body.find("<title>Deutsche Presse-Agentur"), std::string::npos) << page.body;
  EXPECT_NE(Body(page.body).find("Bundestag votes"), std::string::npos);
  EXPECT_EQ(Body(page.body).find("Reuters story"), std::string::npos);
  EXPECT_NE(Get("/agency/deutsche-presse-agentur/rss.xml").body.find("Bundestag votes"),
            std::string::npos);
  auto all = renderer().AllPaths();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_TRUE(Contains(*all, "/agency/deutsche-presse-agentur/"));
  EXPECT_EQ(CodeOf("/agency/deutsche-presse/"), StatusCode::kNotFound);
}

// Every name whose slug is the page's is on the page: "AFP." links to
// /agency/afp/ like the configured "AFP", and two unconfigured spellings
// of one agency share theirs, under a title that does not depend on which
// story came first.
TEST_F(RendererTest, AgencyPageListsEveryNameSharingItsSlug) {
  Put(StoryBuilder().Uri("a").Headline("Configured spelling").Agency("AFP"), "world",
      Timestamp{kNow.seconds - 30});
  store::PutOutcome dotted =
      Put(StoryBuilder().Uri("b").Headline("Dotted spelling").Agency("AFP."));
  Put(StoryBuilder().Uri("c").Headline("Spaced name").Agency("Agencia X"), "world",
      Timestamp{kNow.seconds - 60});
  Put(StoryBuilder().Uri("d").Headline("Hyphenated name").Agency("Agencia-X"));
  EXPECT_NE(Body(Get(dotted.record.path).body).find("href=\"/agency/afp/\""), std::string::npos);
  std::string afp = Get("/agency/afp/").body;
  EXPECT_NE(Body(afp).find("Configured spelling"), std::string::npos);
  EXPECT_NE(Body(afp).find("Dotted spelling"), std::string::npos);
  EXPECT_NE(afp.find("<title>Agence France-Presse"), std::string::npos);
  std::string x = Get("/agency/agencia-x/").body;
  EXPECT_NE(Body(x).find("Spaced name"), std::string::npos);
  EXPECT_NE(Body(x).find("Hyphenated name"), std::string::npos);
  // "Agencia X" < "Agencia-X", though the newest story is "Agencia-X"'s.
  EXPECT_NE(x.find("<title>Agencia X"), std::string::npos) << x;
  EXPECT_NE(Get("/agency/agencia-x/rss.xml").body.find("Spaced name"), std::string::npos);
}

TEST_F(RendererTest, SearchEscapesTheQuery) {
  Put(StoryBuilder().Uri("s").Headline("Syria talks progress"));
  std::string page = Get("/search", "q=syria").body;
  EXPECT_NE(page.find("Syria talks progress"), std::string::npos);
  std::string evil = Get("/search", "q=%3Cb%3Ebold").body;
  EXPECT_EQ(evil.find("<b>bold"), std::string::npos);
  EXPECT_NE(evil.find("&lt;b&gt;bold"), std::string::npos);
}

TEST_F(RendererTest, FeedsAreWellFormed) {
  PutPompeo("Pompeo & Putin <agree> on \"Syria\"");
  Put(StoryBuilder().Uri("b").Headline("Markets rally").Keywords({"Markets"}), "business",
      Timestamp{kNow.seconds - 60});
  for (const char* path : {"/rss.xml", "/world/rss.xml", "/tag/syria/rss.xml"}) {
    RenderedDocument rss = Get(path);
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_string(rss.body.c_str())) << rss.body;
    pugi::xml_node item = xml.child("rss").child("channel").child("item");
    EXPECT_STREQ(item.child_value("title"), "Pompeo & Putin <agree> on \"Syria\"");
    EXPECT_NE(std::string(item.child_value("content:encoded")).find("<p><span class=\"dateline\">"),
              std::string::npos);
  }
  RenderedDocument atom = Get("/atom.xml");
  EXPECT_EQ(atom.media_type, "application/atom+xml; charset=utf-8");
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(atom.body.c_str())) << atom.body;
  EXPECT_EQ(std::distance(xml.child("feed").children("entry").begin(),
                          xml.child("feed").children("entry").end()),
            2);
  EXPECT_STREQ(xml.child("feed").child("entry").child("content").attribute("type").value(), "html");
  auto json = nlohmann::json::parse(Get("/feed.json").body);
  EXPECT_EQ(json["version"], "https://jsonfeed.org/version/1.1");
  ASSERT_EQ(json["items"].size(), 2u);
  EXPECT_EQ(json["items"][0]["title"], "Pompeo & Putin <agree> on \"Syria\"");
  EXPECT_EQ(json["items"][0]["tags"][1], "Vladimir Putin");
  EXPECT_EQ(json["items"][1]["tags"][0], "Markets");
}

TEST_F(RendererTest, NewsSitemapKeepsTheLast48Hours) {
  Put(StoryBuilder().Uri("old").Headline("Old story"), "world", Timestamp{kNow.seconds - 50 * 3600});
  Put(StoryBuilder().Uri("new").Headline("New story"), "world", Timestamp{kNow.seconds - 3600});
  std::string news = Get("/news-sitemap.xml").body;
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(news.c_str()));
  EXPECT_NE(news.find("New story"), std::string::npos);
  EXPECT_EQ(news.find("Old story"), std::string::npos);
  clock_.Advance(48 * 3600);
  EXPECT_EQ(Get("/news-sitemap.xml").body.find("New story"), std::string::npos);
}

TEST_F(RendererTest, SitemapIndexPointsToMonthlySitemapsAndRobotsNamesThem) {
  store::PutOutcome april = Put(StoryBuilder().Uri("a"), "world", Timestamp{kNow.seconds - 30 * 86400});
  store::PutOutcome may = Put(StoryBuilder().Uri("m"));
  std::string index = Get("/sitemap.xml").body;
  EXPECT_NE(index.find("<loc>https://news.example/sitemaps/2019-04.xml</loc>"), std::string::npos);
  EXPECT_NE(index.find("<loc>https://news.example/sitemaps/2019-05.xml</loc>"), std::string::npos);
  std::string month = Get("/sitemaps/2019-05.xml").body;
  EXPECT_NE(month.find("<loc>https://news.example" + may.record.path + "</loc>"), std::string::npos);
  EXPECT_NE(month.find("<lastmod>2019-05-15T12:00:00Z</lastmod>"), std::string::npos);
  EXPECT_EQ(month.find(april.record.path), std::string::npos);
  std::string robots = Get("/robots.txt").body;
  EXPECT_NE(robots.find("Sitemap: https://news.example/sitemap.xml"), std::string::npos);
  EXPECT_NE(robots.find("Sitemap: https://news.example/news-sitemap.xml"), std::string::npos);
}

TEST_F(RendererTest, JsonApiServesStoriesWithSiteFields) {
  store::PutOutcome o = PutPompeo();
  Put(StoryBuilder().Uri("b").Headline("Markets rally"), "business");
  auto list = nlohmann::json::parse(Get("/api/v1/stories", "section=world&limit=5").body);
  EXPECT_EQ(list["total"], 1);
  ASSERT_EQ(list["stories"].size(), 1u);
  EXPECT_EQ(list["stories"][0]["path"], o.record.path);
  EXPECT_EQ(list["stories"][0]["state"], "live");
  EXPECT_EQ(list["stories"][0]["uri"], "urn:afp:pompeo");
  auto one = nlohmann::json::parse(Get("/api/v1/stories/" + std::to_string(o.record.id)).body);
  EXPECT_EQ(one["url"], "https://news.example" + o.record.path);
  EXPECT_EQ(one["headline"], "Pompeo Says Agreed with Putin on Syria Progress");
}

TEST_F(RendererTest, DocumentsCarryEtagAndLastModified) {
  store::PutOutcome o = PutPompeo();
  RenderedDocument a = Get(o.record.path), b = Get(o.record.path);
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_EQ(a.etag, BodyEtag(a.body));
  EXPECT_EQ(a.last_modified, kNow);
  RenderedDocument css = Get("/static/style.css");
  EXPECT_EQ(css.media_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/static/images/world.svg").media_type, "image/svg+xml");
  EXPECT_EQ(CodeOf("/static/../CMakeLists.txt"), StatusCode::kNotFound);
}

TEST_F(RendererTest, AffectedPathsOfANewStoryCoverItsListingsFeedsAndSitemaps) {
  store::PutOutcome o = PutPompeo();
  std::vector<std::string> paths = renderer().AffectedPaths(o);
  for (const std::string& p :
       {o.record.path, std::string("/"), std::string("/rss.xml"), std::string("/world/"),
        std::string("/world/atom.xml"), std::string("/tag/syria/"),
        std::string("/tag/vladimir-putin/feed.json"), std::string("/agency/afp/"),
        std::string("/2019/05/15/"), std::string("/sitemap.xml"), std::string("/news-sitemap.xml"),
        std::string("/sitemaps/2019-05.xml"), std::string("/api/v1/stories"),
        "/api/v1/stories/" + std::to_string(o.record.id)}) {
    EXPECT_TRUE(Contains(paths, p)) << p;
  }
  EXPECT_FALSE(Contains(paths, "/business/"));
  EXPECT_FALSE(Contains(paths, "/robots.txt"));
  EXPECT_TRUE(renderer().AffectedPaths(store::PutOutcome{}).empty());
}

TEST_F(RendererTest, AffectedPathsOfAnUpdateTouchOnlyThePagesShowingIt) {
  config_.page_size = 2;
  for (int i = 0; i < 5; ++i) {
    Put(StoryBuilder().Uri("s" + std::to_string(i)), "world", Timestamp{kNow.seconds - 60 * i});
  }
  // s3 is 4th newest: page 2 of the home page and of /world/.
  store::PutRequest req = StoryBuilder().Uri("s3").Version("2").Headline("New head").Section("world")
                              .Request(Timestamp{kNow.seconds + 10});
  store::PutOutcome upd = store_->Put(req).value();
  ASSERT_EQ(upd.action, store::PutAction::kUpdated);
  std::vector<std::string> paths = renderer().AffectedPaths(upd);
  EXPECT_TRUE(Contains(paths, "/page/2/"));
  EXPECT_TRUE(Contains(paths, "/world/page/2/"));
  EXPECT_FALSE(Contains(paths, "/"));
  EXPECT_FALSE(Contains(paths, "/page/3/"));
  EXPECT_TRUE(Contains(paths, "/rss.xml"));  // still within the feed's 50 items
}

// An agency page lists every name with its slug, and so does the
// invalidation: the 4th newest of "AFP." and "AFP" stories is on page 2.
TEST_F(RendererTest, AffectedPathsOfAnUpdateCountEveryNameOfTheAgencyPage) {
  config_.page_size = 2;
  for (int i = 0; i < 6; ++i) {
    Put(StoryBuilder().Uri("s" + std::to_string(i)).Agency(i < 4 ? "AFP." : "AFP"), "world",
        Timestamp{kNow.seconds - 60 * i});
  }
  store::PutOutcome upd = store_->Put(StoryBuilder()
                                          .Uri("s3")
                                          .Version("2")
                                          .Agency("AFP.")
                                          .Headline("New head")
                                          .Section("world")
                                          .Request(Timestamp{kNow.seconds + 10}))
                              .value();
  ASSERT_EQ(upd.action, store::PutAction::kUpdated);
  std::vector<std::string> paths = renderer().AffectedPaths(upd);
  EXPECT_TRUE(Contains(paths, "/agency/afp/page/2/"));
  EXPECT_FALSE(Contains(paths, "/agency/afp/"));
  EXPECT_FALSE(Contains(paths, "/agency/afp/page/3/"));
}

TEST_F(RendererTest, AffectedListingRootsNameEachListingByItsFirstPageWithFeeds) {
  config_.page_size = 2;
  for (int i = 0; i < 5; ++i) {
    Put(StoryBuilder().Uri("s" + std::to_string(i)), "world", Timestamp{kNow.seconds - 60 * i});
  }
  store::PutRequest req = StoryBuilder().Uri("s3").Version("2").Headline("New head").Section("world")
                              .Request(Timestamp{kNow.seconds + 10});
  store::PutOutcome upd = store_->Put(req).value();
  std::vector<std::string> roots = renderer().AffectedListingRoots(upd);
  // Page 2 is where s3 sits; the root stands for every page of the listing.
  for (const char* p : {"/", "/world/", "/rss.xml", "/world/rss.xml", "/news-sitemap.xml"}) {
    EXPECT_TRUE(Contains(roots, p)) << p;
  }
  EXPECT_TRUE(Contains(roots, upd.record.path));
  for (const std::string& p : roots) EXPECT_EQ(p.find("/page/"), std::string::npos) << p;
  EXPECT_FALSE(Contains(roots, "/business/"));
  EXPECT_TRUE(renderer().AffectedListingRoots(store::PutOutcome{}).empty());
}

TEST_F(RendererTest, AffectedPathsOfASectionChangeCoverOldAndNewAndShiftedPages) {
  config_.page_size = 2;
  for (int i = 0; i < 4; ++i) {
    Put(StoryBuilder().Uri("s" + std::to_string(i)), "world", Timestamp{kNow.seconds - 60 * i});
  }
  store::PutOutcome o = Put(StoryBuilder().Uri("s0").Version("2"), "world", kNow);
  store::PutOutcome moved = o;
  moved.previous = o.record;
  moved.record.section = "business";
  moved.action = store::PutAction::kUpdated;
  std::vector<std::string> paths = renderer().AffectedPaths(moved);
  EXPECT_TRUE(Contains(paths, "/business/"));
  EXPECT_TRUE(Contains(paths, "/world/"));
  EXPECT_TRUE(Contains(paths, "/world/page/2/"));
  EXPECT_TRUE(Contains(paths, "/world/page/3/"));  // the last page may have just emptied
  EXPECT_TRUE(Contains(paths, "/business/rss.xml"));
}

TEST_F(RendererTest, AffectedPathsOfAKillCoverEveryListingItLeft) {
  config_.page_size = 2;
  store::PutOutcome o = PutPompeo();
  for (int i = 1; i <= 4; ++i) {
    Put(StoryBuilder().Uri("s" + std::to_string(i)), "world", Timestamp{kNow.seconds - 60 * i});
  }
  auto kill = store_->Kill("urn:afp:pompeo", "legal", Timestamp{kNow.seconds + 60});
  ASSERT_TRUE(kill.ok());
  std::vector<std::string> paths = renderer().AffectedPaths(*kill);
  for (const char* p : {"/", "/page/2/", "/page/3/", "/world/page/3/", "/tag/syria/",
                        "/tag/syria/rss.xml", "/agency/afp/", "/2019/05/15/", "/rss.xml",
                        "/sitemaps/2019-05.xml", "/news-sitemap.xml"}) {
    EXPECT_TRUE(Contains(paths, p)) << p;
  }
  EXPECT_TRUE(Contains(paths, o.record.path));
}

TEST_F(RendererTest, AKillNamesEveryStoryPageWhoseRelatedBlockShowedIt) {
  // "gone" is the newest of section "world" and of tag "quake", so every
  // other world story and every quake story showed it as related.
  Put(StoryBuilder().Uri("gone").Headline("Withdrawn headline").Keywords({"quake"}), "world",
      kNow);
  store::PutOutcome same_section = Put(StoryBuilder().Uri("w1").Headline("World one"), "world",
                                       Timestamp{kNow.seconds - 60});
  store::PutOutcome same_tag =
      Put(StoryBuilder().Uri("b1").Headline("Business one").Keywords({"quake"}), "business",
          Timestamp{kNow.seconds - 120});
  store::PutOutcome unrelated =
      Put(StoryBuilder().Uri("s1").Headline("Sports one"), "sports", Timestamp{kNow.seconds - 180});
  for (const store::PutOutcome* o : {&same_section, &same_tag}) {
    EXPECT_EQ(Count(Get(o->record.path).body, "Withdrawn headline"), 1u) << o->record.path;
  }
  auto kill = store_->Kill("gone", "legal", Timestamp{kNow.seconds + 60});
  ASSERT_TRUE(kill.ok());
  std::vector<std::string> paths = renderer().AffectedPaths(*kill);
  EXPECT_TRUE(Contains(paths, same_section.record.path));
  EXPECT_TRUE(Contains(paths, same_tag.record.path));
  EXPECT_FALSE(Contains(paths, unrelated.record.path));
  // A cache drops every story page instead, without reading the store.
  for (const store::PutOutcome* o : {&same_section, &same_tag, &unrelated}) {
    EXPECT_TRUE(renderer().IsStoryPath(o->record.path)) << o->record.path;
    EXPECT_FALSE(Contains(renderer().AffectedListingRoots(*kill), o->record.path));
  }
  for (const char* p : {"/", "/world/", "/world/page/2/", "/tag/quake/", "/rss.xml", "/search",
                        "/news-sitemap.xml", "/api/v1/stories/1", "/2019/05/15/"}) {
    EXPECT_FALSE(renderer().IsStoryPath(p)) << p;
  }
  for (const store::PutOutcome* o : {&same_section, &same_tag}) {
    EXPECT_EQ(Count(Get(o->record.path).body, "Withdrawn headline"), 0u) << o->record.path;
  }
}

TEST_F(RendererTest, AKillFarDownItsListsNamesNoOtherStoryPage) {
  store::PutOutcome old = Put(StoryBuilder().Uri("old").Keywords({"quake"}), "world",
                              Timestamp{kNow.seconds - 86400});
  std::vector<std::string> newer_paths;
  for (int i = 0; i < kRelatedFetch + kRelatedCount; ++i) {
    newer_paths.push_back(Put(StoryBuilder().Uri("n" + std::to_string(i)).Keywords({"quake"}),
                              "world", Timestamp{kNow.seconds - 60 * i})
                              .record.path);
  }
  auto kill = store_->Kill("old", "legal", kNow);
  ASSERT_TRUE(kill.ok());
  std::vector<std::string> paths = renderer().AffectedPaths(*kill);
  for (const std::string& p : newer_paths) EXPECT_FALSE(Contains(paths, p)) << p;
  EXPECT_TRUE(Contains(paths, old.record.path));
}

TEST_F(RendererTest, AllPathsListsEveryExportableDocument) {
  store::PutOutcome live = PutPompeo();
  store::PutOutcome killed = Put(StoryBuilder().Uri("k").Headline("Killed one"));
  ASSERT_TRUE(store_->Kill("k", "error", kNow).ok());
  auto all = renderer().AllPaths();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  for (const std::string& p :
       {live.record.path, killed.record.path, std::string("/"), std::string("/politics/"),
        std::string("/politics/rss.xml"), std::string("/tag/syria/"), std::string("/agency/afp/"),
        std::string("/2019/05/15/"), std::string("/sitemaps/2019-05.xml"),
        std::string("/robots.txt"), std::string("/static/style.css"),
        std::string("/static/images/world.svg")}) {
    EXPECT_TRUE(Contains(*all, p)) << p;
  }
  EXPECT_FALSE(Contains(*all, "/tag/killed-one/"));
  for (const std::string& p : *all) {
    auto doc = renderer().Render(p);
    EXPECT_TRUE(doc.ok()) << p << ": " << doc.status().ToString();
  }
}

TEST_F(RendererTest, ConcurrentRendersProduceTheSameDocuments) {
  store::PutOutcome o = PutPompeo();
  for (int i = 0; i < 30; ++i) Put(StoryBuilder().Uri("c" + std::to_string(i)), "world");
  const std::vector<std::string> paths = {o.record.path, "/", "/world/", "/rss.xml",
                                          "/feed.json", "/sitemap.xml"};
  std::vector<std::string> expected;
  for (const std::string& p : paths) expected.push_back(Get(p).etag);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        for (size_t i = 0; i < paths.size(); ++i) {
          auto doc = renderer().Render(paths[i]);
          if (!doc.ok() || doc->etag != expected[i]) ++mismatches;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(NewRenderer, ReportsTheTemplateThatDoesNotCompile) {
  SiteConfig config;
  config.theme_dir = std::string(WIREPRESS_SOURCE_DIR) + "/templates";
  config.template_dir = std::string(WIREPRESS_SOURCE_DIR) + "/src/publish/testdata/bad_theme";
  FakeClock clock;
  auto store = store::memory::NewMemoryStore();
  auto r = NewRenderer(config, store.get(), &clock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(),
            config.template_dir + "/story.mustache: line 3, column 5: Unclosed section \"article\"");
}

}  // namespace
}  // namespace wirepress::publish
