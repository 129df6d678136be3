#include "publish/site_paths.h"

#include <gtest/gtest.h>

namespace wirepress::publish {
namespace {

const std::vector<model::SectionRule>& Sections() { return model::DefaultSections(); }

TEST(SitePaths, ListingPathsRoundTrip) {
  const Listing listings[] = {{ListingKind::kHome, ""},
                              {ListingKind::kSection, "world"},
                              {ListingKind::kTag, "vladimir-putin"},
                              {ListingKind::kAgency, "afp"},
                              {ListingKind::kDay, "2019/05/15"}};
  for (const Listing& l : listings) {
    for (int page : {1, 2, 17}) {
      std::string path = ListingPagePath(l, page);
      auto route = ParseRoute(path, Sections());
      ASSERT_TRUE(route) << path;
      EXPECT_EQ(route->kind, RouteKind::kListing);
      EXPECT_EQ(route->listing, l) << path;
      EXPECT_EQ(route->page, page) << path;
      EXPECT_EQ(route->format->name, "html");
    }
  }
  EXPECT_EQ(ListingPagePath({ListingKind::kSection, "world"}, 2), "/world/page/2/");
}

TEST(SitePaths, FeedsBelongToListingsButNotToDays) {
  auto rss = ParseRoute("/world/rss.xml", Sections());
  ASSERT_TRUE(rss);
  EXPECT_EQ(rss->format->name, "rss");
  EXPECT_EQ(rss->listing, (Listing{ListingKind::kSection, "world"}));
  EXPECT_EQ(ParseRoute("/feed.json", Sections())->format->name, "jsonfeed");
  EXPECT_EQ(ParseRoute("/tag/syria/atom.xml", Sections())->format->name, "atom");
  EXPECT_FALSE(ParseRoute("/2019/05/15/rss.xml", Sections()));
}

TEST(SitePaths, RejectsNonCanonicalVariants) {
  for (const char* path : {"/world/page/1/", "/world/page/01/", "/world/page/x/", "/world",
                           "/nosuchsection/", "/2019/13/01/", "//", "/tag//", "/static/../x",
                           "/api/v1/stories/abc", "/sitemaps/2019-5.xml", "/sitemaps/2019-05-1.xml",
                           "/world/2019/05/15/some-story-1a2b3c4d", ""}) {
    EXPECT_FALSE(ParseRoute(path, Sections())) << path;
  }
}

TEST(SitePaths, SiteDocumentsApiAndStatic) {
  EXPECT_EQ(ParseRoute("/sitemap.xml", Sections())->format->name, "sitemap");
  EXPECT_EQ(ParseRoute("/news-sitemap.xml", Sections())->format->name, "news-sitemap");
  EXPECT_EQ(ParseRoute("/robots.txt", Sections())->format->name, "robots");
  auto month = ParseRoute("/sitemaps/2019-05-2.xml", Sections());
  ASSERT_TRUE(month);
  EXPECT_EQ(month->key, "2019-05");
  EXPECT_EQ(month->part, 2);
  EXPECT_EQ(MonthSitemapPath("2019-05", 1), "/sitemaps/2019-05.xml");
  EXPECT_EQ(ParseRoute("/api/v1/stories/42", Sections())->id, 42);
  EXPECT_EQ(ParseRoute("/api/v1/stories", Sections())->kind, RouteKind::kApiList);
  EXPECT_EQ(ParseRoute("/search", Sections())->kind, RouteKind::kSearch);
  EXPECT_EQ(ParseRoute("/static/images/world.svg", Sections())->key, "images/world.svg");
}

TEST(SitePaths, QueryParamDecodes) {
  EXPECT_EQ(QueryParam("q=putin+syria&page=2", "q"), "putin syria");
  EXPECT_EQ(QueryParam("?q=%3Cb%3E", "q"), "<b>");
  EXPECT_EQ(QueryParam("q=x", "page"), "");
}

TEST(SitePaths, Keys) {
  Timestamp t{1557921600};  // 2019-05-15T12:00:00Z
  EXPECT_EQ(DayKey(t), "2019/05/15");
  EXPECT_EQ(MonthKey(t), "2019-05");
  EXPECT_EQ(AgencySlug("Press Trust of India"), "press-trust-of-india");
  EXPECT_EQ(ApiStoryPath(7), "/api/v1/stories/7");
}

}  // namespace
}  // namespace wirepress::publish
