// Site paths: the URL scheme of the published site, in both directions —
// building the path of a listing, page, feed or sitemap, and parsing a
// requested path back into a Route the renderer dispatches on.
//
//   /                     home            /page/2/            home, page 2
//   /world/               section         /world/page/3/      section page 3
//   /tag/<slug>/          tag             /agency/<slug>/     agency
//   /<yyyy>/<mm>/<dd>/    day archive     {listing}rss.xml|atom.xml|feed.json
//   /search               search          /sitemap.xml, /sitemaps/2019-05.xml
//   /news-sitemap.xml     /robots.txt     /api/v1/stories[/<id>]
//   /static/<file>        theme files     anything else: a story path
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_PUBLISH_SITE_PATHS_H_
#define WIREPRESS_PUBLISH_SITE_PATHS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "model/permalink.h"
#include "publish/output_format.h"

namespace wirepress::publish {

enum class ListingKind { kHome, kSection, kTag, kAgency, kDay };

// One paginated list of stories.
struct Listing {
  ListingKind kind = ListingKind::kHome;
  // Section slug, tag slug, agency slug, or "yyyy/mm/dd"; "" for home.
  std::string key;

  bool operator==(const Listing&) const = default;
};

// "/", "/world/", "/tag/syria/", "/agency/afp/", "/2019/05/15/".
std::string ListingDir(const Listing& listing);
// Page 1 is the directory itself; page n > 1 is "<dir>page/<n>/".
std::string ListingPagePath(const Listing& listing, int page);
// Day archives are HTML only; every other listing also has the feeds.
bool ListingHasFeeds(ListingKind kind);
// Home and section pages exist even with no stories; the others only
// while they list one.
bool AlwaysExists(ListingKind kind);
// True when `slug` is one of the configured sections.
bool IsSection(std::string_view slug, const std::vector<model::SectionRule>& sections);

std::string AgencySlug(std::string_view agency);  // "Press Trust of India" → "press-trust-of-india"
std::string DayKey(Timestamp t);                  // "2019/05/15"
std::string MonthKey(Timestamp t);                // "2019-05"
// "/sitemaps/2019-05.xml" for part 1, "/sitemaps/2019-05-2.xml" after.
std::string MonthSitemapPath(std::string_view month, int part);
std::string ApiStoryPath(std::int64_t id);        // "/api/v1/stories/42"
inline constexpr std::string_view kApiStoriesPath = "/api/v1/stories";
inline constexpr std::string_view kSearchPath = "/search";
inline constexpr std::string_view kStaticPrefix = "/static/";

// The decoded value of `name` in a query string "q=putin+syria&page=2";
// "" when absent.
std::string QueryParam(std::string_view query, std::string_view name);

enum class RouteKind {
  kListing,        // listing + page + format (html or a feed)
  kSearch,
  kSiteFormat,     // format: sitemap index, news sitemap, robots
  kMonthSitemap,   // key "2019-05", part
  kApiList,
  kApiStory,       // id
  kStatic,         // key: path below /static/
};

struct Route {
  RouteKind kind = RouteKind::kListing;
  Listing listing;
  int page = 1;
  const OutputFormat* format = nullptr;  // never null for kListing/kSiteFormat
  std::string key;
  int part = 1;
  std::int64_t id = 0;
};

// The route for `path`, or nullopt when it is none of the above (then it
// may be a story path). A section is recognised only if it is in `sections`.
// Malformed variants ("/world/page/1/", "/world/page/x/", a bad date) are
// nullopt as well, so each document has exactly one URL.
std::optional<Route> ParseRoute(std::string_view path,
                                const std::vector<model::SectionRule>& sections);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_SITE_PATHS_H_
