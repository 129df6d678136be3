#include "publish/site_paths.h"

#include <cstdio>

#include "base/strings.h"
#include "model/slug.h"

namespace wirepress::publish {
namespace {

constexpr std::string_view kSitemapsPrefix = "/sitemaps/";

// A positive decimal without sign or leading zero.
bool ParsePositive(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9 || s[0] == '0') return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return ParseInt(s, out);
}

bool ParseFixedDigits(std::string_view s, size_t width, int* out) {
  if (s.size() != width) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return ParseInt(s, out);
}

bool IsDayKey(const std::vector<std::string_view>& segs) {
  int y = 0, m = 0, d = 0;
  return segs.size() == 3 && ParseFixedDigits(segs[0], 4, &y) &&
         ParseFixedDigits(segs[1], 2, &m) && ParseFixedDigits(segs[2], 2, &d) && m >= 1 &&
         m <= 12 && d >= 1 && d <= 31;
}

std::optional<Listing> ParseListing(const std::vector<std::string_view>& segs,
                                    const std::vector<model::SectionRule>& sections) {
  if (segs.empty()) return Listing{ListingKind::kHome, ""};
  if (segs.size() == 1 && IsSection(segs[0], sections)) {
    return Listing{ListingKind::kSection, std::string(segs[0])};
  }
  if (segs.size() == 2 && !segs[1].empty() && segs[0] == "tag") {
    return Listing{ListingKind::kTag, std::string(segs[1])};
  }
  if (segs.size() == 2 && !segs[1].empty() && segs[0] == "agency") {
    return Listing{ListingKind::kAgency, std::string(segs[1])};
  }
  if (IsDayKey(segs)) {
    return Listing{ListingKind::kDay,
                   std::string(segs[0]) + "/" + std::string(segs[1]) + "/" + std::string(segs[2])};
  }
  return std::nullopt;
}

// "/world/page/2/" or "/world/rss.xml" → listing route.
std::optional<Route> ParseListingRoute(std::string_view path,
                                       const std::vector<model::SectionRule>& sections) {
  size_t slash = path.rfind('/');
  std::string_view file = path.substr(slash + 1);
  const OutputFormat* format = FindListingFormatByFile(file);
  if (format == nullptr) return std::nullopt;
  std::vector<std::string_view> segs;
  if (slash > 0) {
    for (std::string_view s : Split(path.substr(1, slash - 1), '/')) {
      if (s.empty()) return std::nullopt;  // "//" or a stray slash
      segs.push_back(s);
    }
  }
  Route route;
  route.format = format;
  if (format->name == "html" && segs.size() >= 2 && segs[segs.size() - 2] == "page") {
    if (!ParsePositive(segs.back(), &route.page) || route.page < 2) return std::nullopt;
    segs.resize(segs.size() - 2);
  }
  std::optional<Listing> listing = ParseListing(segs, sections);
  if (!listing) return std::nullopt;
  if (format->name != "html" && !ListingHasFeeds(listing->kind)) return std::nullopt;
  route.listing = std::move(*listing);
  return route;
}

std::optional<Route> ParseMonthSitemap(std::string_view path) {
  if (!StartsWith(path, kSitemapsPrefix) || !EndsWith(path, ".xml")) return std::nullopt;
  std::string_view name = path.substr(kSitemapsPrefix.size());
  name.remove_suffix(4);
  Route route;
  route.kind = RouteKind::kMonthSitemap;
  int y = 0, m = 0;
  if (name.size() > 7) {
    if (name[7] != '-' || !ParsePositive(name.substr(8), &route.part) || route.part < 2) {
      return std::nullopt;
    }
    name = name.substr(0, 7);
  }
  if (name.size() != 7 || name[4] != '-' || !ParseFixedDigits(name.substr(0, 4), 4, &y) ||
      !ParseFixedDigits(name.substr(5), 2, &m) || m < 1 || m > 12) {
    return std::nullopt;
  }
  route.key = std::string(name);
  return route;
}

std::optional<Route> ParseFixedRoute(std::string_view path) {
  Route route;
  if (path == kSearchPath) {
    route.kind = RouteKind::kSearch;
    return route;
  }
  if (path == kApiStoriesPath) {
    route.kind = RouteKind::kApiList;
    return route;
  }
  if (StartsWith(path, std::string(kApiStoriesPath) + "/")) {
    long long id = 0;
    if (!ParseInt64(path.substr(kApiStoriesPath.size() + 1), &id) || id <= 0) return std::nullopt;
    route.kind = RouteKind::kApiStory;
    route.id = id;
    return route;
  }
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope == FormatScope::kSite && f.path_pattern == path) {
      route.kind = RouteKind::kSiteFormat;
      route.format = &f;
      return route;
    }
  }
  return std::nullopt;
}

std::optional<Route> ParseStaticRoute(std::string_view path) {
  if (!StartsWith(path, kStaticPrefix)) return std::nullopt;
  std::string_view rest = path.substr(kStaticPrefix.size());
  for (std::string_view seg : Split(rest, '/')) {
    if (seg.empty() || seg == "." || seg == "..") return std::nullopt;
  }
  Route route;
  route.kind = RouteKind::kStatic;
  route.key = std::string(rest);
  return route;
}

}  // namespace

std::string ListingDir(const Listing& listing) {
  switch (listing.kind) {
    case ListingKind::kHome: return "/";
    case ListingKind::kSection: return "/" + listing.key + "/";
    case ListingKind::kTag: return "/tag/" + listing.key + "/";
    case ListingKind::kAgency: return "/agency/" + listing.key + "/";
    case ListingKind::kDay: return "/" + listing.key + "/";
  }
  return "/";
}

std::string ListingPagePath(const Listing& listing, int page) {
  std::string dir = ListingDir(listing);
  if (page <= 1) return dir;
  return dir + "page/" + std::to_string(page) + "/";
}

bool ListingHasFeeds(ListingKind kind) { return kind != ListingKind::kDay; }

bool AlwaysExists(ListingKind kind) {
  return kind == ListingKind::kHome || kind == ListingKind::kSection;
}

bool IsSection(std::string_view slug, const std::vector<model::SectionRule>& sections) {
  for (const model::SectionRule& r : sections) {
    if (r.slug == slug) return true;
  }
  return false;
}

std::string AgencySlug(std::string_view agency) { return model::Slugify(agency, 60); }

std::string DayKey(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", c.year, c.month, c.day);
  return buf;
}

std::string MonthKey(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", c.year, c.month);
  return buf;
}

std::string MonthSitemapPath(std::string_view month, int part) {
  std::string path = std::string(kSitemapsPrefix) + std::string(month);
  if (part > 1) path += "-" + std::to_string(part);
  return path + ".xml";
}

std::string ApiStoryPath(std::int64_t id) {
  return std::string(kApiStoriesPath) + "/" + std::to_string(id);
}

std::string QueryParam(std::string_view query, std::string_view name) {
  if (!query.empty() && query[0] == '?') query.remove_prefix(1);
  for (std::string_view pair : Split(query, '&')) {
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    if (key != name) continue;
    return eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
  }
  return "";
}

std::optional<Route> ParseRoute(std::string_view path,
                                const std::vector<model::SectionRule>& sections) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  if (auto r = ParseFixedRoute(path)) return r;
  if (auto r = ParseStaticRoute(path)) return r;
  if (auto r = ParseMonthSitemap(path)) return r;
  return ParseListingRoute(path, sections);
}

}  // namespace wirepress::publish
