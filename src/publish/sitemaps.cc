// Sitemaps: the sitemap index, one sitemap per month of publication (split
// at 50,000 URLs), the Google News sitemap of the last 48 hours, and
// robots.txt pointing crawlers at them.
#include <algorithm>

#include "base/strings.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

// Google News wants an ISO 639 code ("en", "ar"), not a BCP 47 tag
// ("en-US" is rejected), except "zh-cn" and "zh-tw" for Chinese.
std::string NewsLanguage(std::string_view tag) {
  std::string lang = AsciiLower(tag);
  std::replace(lang.begin(), lang.end(), '_', '-');
  if (lang == "zh-cn" || lang == "zh-hans" || lang == "zh-hans-cn") return "zh-cn";
  if (lang == "zh-tw" || lang == "zh-hant" || lang == "zh-hant-tw") return "zh-tw";
  return lang.substr(0, lang.find('-'));
}

// Months from `first` to `last` inclusive, as "yyyy-mm".
std::vector<std::string> MonthsBetween(Timestamp first, Timestamp last) {
  std::vector<std::string> months;
  CivilTime c = ToCivil(first);
  CivilTime end = ToCivil(last);
  for (int y = c.year, m = c.month; y < end.year || (y == end.year && m <= end.month);) {
    months.push_back(MonthKey(FromCivil({y, m, 1, 0, 0, 0})));
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return months;
}

}  // namespace

Result<store::StoryQuery> SiteRenderer::MonthQuery(std::string_view month) const {
  int y = 0, m = 0;
  if (month.size() != 7 || !ParseInt(month.substr(0, 4), &y) || !ParseInt(month.substr(5), &m)) {
    return Status::NotFound(MonthSitemapPath(month, 1), "no such month");
  }
  store::StoryQuery q;
  q.published_from = FromCivil({y, m, 1, 0, 0, 0});
  q.published_to = FromCivil({y, m + 1, 1, 0, 0, 0});  // month 13 normalises to January
  return q;
}

Result<std::vector<SitemapPart>> SiteRenderer::SitemapParts() {
  std::vector<SitemapPart> parts;
  WP_ASSIGN_OR_RETURN(std::int64_t total, store_->Count({}));
  if (total == 0) return parts;
  store::StoryQuery edge;
  edge.limit = 1;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> newest, store_->List(edge));
  edge.offset = static_cast<int>(total - 1);
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> oldest, store_->List(edge));
  if (newest.empty() || oldest.empty()) return parts;  // changed under us; next render fixes it
  for (const std::string& month : MonthsBetween(oldest[0].published_at, newest[0].published_at)) {
    WP_ASSIGN_OR_RETURN(store::StoryQuery q, MonthQuery(month));
    WP_ASSIGN_OR_RETURN(std::int64_t n, store_->Count(q));
    for (int part = 1; (part - 1) * static_cast<std::int64_t>(kSitemapMaxUrls) < n; ++part) {
      parts.push_back({month, part});
    }
  }
  return parts;
}

Result<RenderedDocument> SiteRenderer::RenderSiteFormat(const Route& route) {
  const OutputFormat& f = *route.format;
  if (f.name == "sitemap") return RenderSitemapIndex(f);
  if (f.name == "news-sitemap") return RenderNewsSitemap(f);
  if (f.name == "robots") return RenderRobots(f);
  return Status::Internal("rendering " + f.path_pattern, "no renderer for format " + f.name);
}

Result<RenderedDocument> SiteRenderer::RenderSitemapIndex(const OutputFormat& format) {
  WP_ASSIGN_OR_RETURN(std::vector<SitemapPart> parts, SitemapParts());
  store::StoryQuery newest;
  newest.limit = 1;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> latest, store_->List(newest));
  return SitemapIndexDocument(format, parts, latest.empty() ? Timestamp{} : latest[0].published_at);
}

Result<RenderedDocument> SiteRenderer::SitemapIndexDocument(const OutputFormat& format,
                                                            const std::vector<SitemapPart>& parts,
                                                            Timestamp newest) const {
  TemplateData list = TemplateData::List();
  for (const SitemapPart& p : parts) {
    list.Push(TemplateData().Set("loc", AbsoluteUrl(config_, MonthSitemapPath(p.month, p.part))));
  }
  TemplateData data;
  data.Set("sitemaps", std::move(list));
  // The index changes only when a month or part appears, i.e. with a new
  // story: the newest publication time is its modification time.
  return RenderTemplate(format.template_name, format, format.path_pattern, data, newest);
}

Result<RenderedDocument> SiteRenderer::RenderMonthSitemap(const Route& route) {
  WP_ASSIGN_OR_RETURN(store::StoryQuery q, MonthQuery(route.key));
  q.limit = kSitemapMaxUrls;
  q.offset = (route.part - 1) * kSitemapMaxUrls;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> stories, store_->List(q));
  std::vector<StoryDigest> digests;
  for (const store::StoryRecord& r : stories) digests.push_back(DigestOf(r, config_));
  std::vector<const StoryDigest*> urls;
  for (const StoryDigest& d : digests) urls.push_back(&d);
  return MonthSitemapDocument(route.key, route.part, urls);
}

Result<RenderedDocument> SiteRenderer::MonthSitemapDocument(
    std::string_view month, int part, const std::vector<const StoryDigest*>& stories) const {
  std::string path = MonthSitemapPath(month, part);
  if (stories.empty()) return Status::NotFound(path, "no stories that month");
  TemplateData urls = TemplateData::List();
  Timestamp modified;
  for (const StoryDigest* r : stories) {
    urls.Push(TemplateData()
                  .Set("loc", AbsoluteUrl(config_, r->path))
                  .Set("lastmod", FormatIso8601(r->updated_at)));
    modified = std::max(modified, r->updated_at);
  }
  TemplateData data;
  data.Set("urls", std::move(urls));
  return RenderTemplate(kMonthSitemapTemplate, *FindFormat("sitemap"), path, data, modified);
}

Timestamp SiteRenderer::NewsCutoff() const {
  return Timestamp{clock_->Now().seconds - kNewsWindowSeconds};
}

Result<RenderedDocument> SiteRenderer::RenderNewsSitemap(const OutputFormat& format) {
  store::StoryQuery q;
  q.published_from = NewsCutoff();
  q.limit = kNewsSitemapMaxUrls;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> stories, store_->List(q));
  std::vector<StoryDigest> digests;
  for (const store::StoryRecord& r : stories) digests.push_back(DigestOf(r, config_));
  std::vector<const StoryDigest*> urls;
  for (const StoryDigest& d : digests) urls.push_back(&d);
  return NewsSitemapDocument(format, urls);
}

Result<RenderedDocument> SiteRenderer::NewsSitemapDocument(
    const OutputFormat& format, const std::vector<const StoryDigest*>& stories) const {
  TemplateData urls = TemplateData::List();
  Timestamp modified;
  for (const StoryDigest* r : stories) {
    urls.Push(
        TemplateData()
            .Set("loc", AbsoluteUrl(config_, r->path))
            .Set("language", NewsLanguage(r->language.empty() ? config_.language : r->language))
            .Set("publication_date", FormatIso8601(r->published_at))
            .Set("title", r->headline)
            .Set("lastmod", FormatIso8601(r->updated_at)));
    modified = std::max(modified, r->updated_at);
  }
  TemplateData data;
  data.Set("publication_name", config_.name).Set("urls", std::move(urls));
  return RenderTemplate(format.template_name, format, format.path_pattern, data, modified);
}

Result<RenderedDocument> SiteRenderer::RenderRobots(const OutputFormat& format) const {
  TemplateData sitemaps = TemplateData::List();
  for (std::string_view name : {"sitemap", "news-sitemap"}) {
    sitemaps.Push(TemplateData().Set("url", AbsoluteUrl(config_, FindFormat(name)->path_pattern)));
  }
  TemplateData data;
  data.Set("sitemaps", std::move(sitemaps))
      .Set("search_path", std::string(kSearchPath))
      .Set("api_path", std::string(kApiStoriesPath));
  // Depends only on the configuration: no story time applies.
  return RenderTemplate(format.template_name, format, format.path_pattern, data, Timestamp{});
}

}  // namespace wirepress::publish
