// SiteRenderer: the Renderer behind NewRenderer. Private to publish/ (only
// renderer.cc and the per-concept .cc files below include it); callers use
// publish/renderer.h.
//
// One member function family per file:
//   renderer.cc       dispatch (Render), shared page data, static files
//   story_page.cc     story pages, the 410 notice, JSON-LD, related stories
//   listing_pages.cc  home/section/tag/agency/day listings and search
//   feeds.cc          RSS, Atom and JSON Feed for each listing
//   sitemaps.cc       sitemap index, monthly sitemaps, news sitemap, robots
//   api.cc            the JSON API
//   site_index.cc     AllPaths and AffectedPaths
//   site_export.cc    RenderAll: every document from one scan of the store
//
// The *Document members build a document from data already fetched; the
// Render* members fetch it from the store for one path, and SiteExport
// (publish/site_export.h) from its snapshot, so both produce the same bytes.
//
// Thread-safety: all state is immutable after construction; the store and
// template set are thread-safe, so every method may run concurrently.
#ifndef WIREPRESS_PUBLISH_SITE_RENDERER_H_
#define WIREPRESS_PUBLISH_SITE_RENDERER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "publish/output_format.h"
#include "publish/renderer.h"
#include "publish/site_paths.h"
#include "publish/static_files.h"
#include "publish/story_view.h"
#include "publish/templates.h"

namespace wirepress::publish {

// Google News takes stories from the last two days, at most 1,000 a file;
// a plain sitemap holds at most 50,000 URLs.
inline constexpr std::int64_t kNewsWindowSeconds = 48 * 3600;
inline constexpr int kNewsSitemapMaxUrls = 1000;
inline constexpr int kSitemapMaxUrls = 50000;

// Related stories on a story page: the newest kRelatedCount others of its
// first tag, then of its section, from the first kRelatedFetch of each list
// (a few more than shown: the story itself and duplicates drop out).
inline constexpr int kRelatedCount = 4;
inline constexpr int kRelatedFetch = kRelatedCount + 2;

// The template names the renderer uses beyond the OutputFormat rows.
inline constexpr std::string_view kStoryTemplate = "story";
inline constexpr std::string_view kGoneTemplate = "gone";
inline constexpr std::string_view kSearchTemplate = "search";
inline constexpr std::string_view kMonthSitemapTemplate = "sitemap";

// What a listing shows and how it is titled.
struct ListingInfo {
  store::StoryQuery query;  // without limit/offset
  std::string title;
  std::string description;
  bool agency_configured = false;  // an agency page's title is from the config
};

// One monthly sitemap file.
struct SitemapPart {
  std::string month;  // "2019-05"
  int part = 1;
};

class SiteRenderer final : public Renderer {
 public:
  SiteRenderer(const SiteConfig& config, store::Store* store, const Clock* clock,
               std::unique_ptr<TemplateSet> templates, StaticFiles statics);

  Result<RenderedDocument> Render(std::string_view path, std::string_view query) override;
  std::vector<std::string> AffectedPaths(const store::PutOutcome& outcome) override;
  std::vector<std::string> AffectedListingRoots(const store::PutOutcome& outcome) override;
  bool IsStoryPath(std::string_view path) const override;
  Result<std::vector<std::string>> AllPaths() override;
  Status RenderAll(int threads, const DocumentSink& sink) override;

  // Builders from fetched data (see above). `related`, `stories` are newest
  // first, exactly what the store lists for that document.
  Result<RenderedDocument> StoryDocument(const store::StoryRecord& record,
                                         const std::vector<const StoryDigest*>& related) const;
  Result<RenderedDocument> RenderGone(const store::StoryRecord& record) const;
  // The query and title of a listing. An agency page's names are resolved
  // against `credited` (the credit agencies of the live stories) when
  // given, else against Store::Agencies().
  Result<ListingInfo> Describe(const Listing& listing,
                               const std::vector<std::string>* credited = nullptr) const;
  Result<RenderedDocument> ListingDocument(const Listing& listing, int page, int pages,
                                           ListingInfo info,
                                           const std::vector<const StoryDigest*>& stories) const;
  Result<RenderedDocument> FeedDocument(
      const Listing& listing, const OutputFormat& format, ListingInfo info,
      const std::vector<const store::StoryRecord*>& stories) const;
  Result<RenderedDocument> SitemapIndexDocument(const OutputFormat& format,
                                                const std::vector<SitemapPart>& parts,
                                                Timestamp newest) const;
  Result<RenderedDocument> MonthSitemapDocument(
      std::string_view month, int part, const std::vector<const StoryDigest*>& stories) const;
  // Stories published from NewsCutoff() on, at most kNewsSitemapMaxUrls.
  Result<RenderedDocument> NewsSitemapDocument(
      const OutputFormat& format, const std::vector<const StoryDigest*>& stories) const;
  Timestamp NewsCutoff() const;
  // Every killed story's path (they answer 410 but are listed nowhere).
  Status AddKilledPaths(std::vector<std::string>* out);
  const SiteConfig& config() const { return config_; }
  const StaticFiles& statics() const { return statics_; }

 private:
  // renderer.cc
  TemplateData PageData(std::string_view title, std::string_view path,
                        std::string_view description, const Listing* feeds_of) const;
  Result<RenderedDocument> RenderTemplate(std::string_view name, const OutputFormat& format,
                                          std::string path, const TemplateData& data,
                                          Timestamp last_modified, int status = 200) const;
  Result<RenderedDocument> RenderStatic(const std::string& key) const;
  Result<RenderedDocument> RenderRoute(const Route& route, std::string_view query);

  // story_page.cc
  Result<RenderedDocument> RenderStoryPath(const std::string& path);
  Result<RenderedDocument> RenderStory(const store::StoryRecord& record);
  Result<std::vector<store::StoryRecord>> Related(const store::StoryRecord& record);
  TemplateData ArticleData(const store::StoryRecord& record) const;
  std::string JsonLd(const store::StoryRecord& record, const std::string& image_url) const;

  // listing_pages.cc
  // Tag titles come from the first story listed, and so does the case of
  // an unconfigured agency's name (PostgreSQL keeps names lower-cased).
  void RefineTitle(const Listing& listing, const std::vector<std::string>& keywords,
                   std::string_view agency, ListingInfo* info) const;
  Result<RenderedDocument> RenderListing(const Route& route);
  Result<RenderedDocument> RenderSearch(std::string_view query);
  TemplateData Pagination(const Listing& listing, int page, int pages) const;

  // feeds.cc
  Result<RenderedDocument> RenderFeed(const Route& route);
  TemplateData FeedItem(const store::StoryRecord& record, bool last) const;

  // sitemaps.cc
  Result<RenderedDocument> RenderSiteFormat(const Route& route);
  Result<RenderedDocument> RenderSitemapIndex(const OutputFormat& format);
  Result<RenderedDocument> RenderMonthSitemap(const Route& route);
  Result<RenderedDocument> RenderNewsSitemap(const OutputFormat& format);
  Result<RenderedDocument> RenderRobots(const OutputFormat& format) const;
  Result<std::vector<SitemapPart>> SitemapParts();
  Result<store::StoryQuery> MonthQuery(std::string_view month) const;

  // api.cc
  Result<RenderedDocument> RenderApiList(std::string_view query);
  Result<RenderedDocument> RenderApiStory(std::int64_t id);
  std::string ApiStoryJson(const store::StoryRecord& record) const;

  // site_index.cc
  Status AddListingPaths(const Listing& listing, std::vector<std::string>* out);
  Status AddStoryDerivedPaths(std::vector<std::string>* out);
  // `exact` false: the listing's first page and feeds only, no counts.
  std::vector<std::string> Affected(const store::PutOutcome& outcome, bool exact);
  Status AddAffectedListing(const Listing& listing, const store::StoryRecord& record,
                            bool membership_changed, bool exact, std::vector<std::string>* out);
  Status AddAffectedSitemaps(const store::StoryRecord& record, std::vector<std::string>* out);
  // Story pages whose related block may show `gone`, a story that just left.
  Status AddRelatedHolders(const store::StoryRecord& gone, std::vector<std::string>* out);
  // Listing pages for `query` (0 when it lists nothing).
  Result<int> PageCount(const store::StoryQuery& query);
  // [first, last] 0-based positions `record` may hold in `query`'s order
  // (stories published in the same second tie).
  Result<std::pair<std::int64_t, std::int64_t>> PositionRange(const store::StoryQuery& query,
                                                               const store::StoryRecord& record);

  const SiteConfig config_;
  store::Store* const store_;
  const Clock* const clock_;
  const std::unique_ptr<TemplateSet> templates_;
  const StaticFiles statics_;
};

// The listings a stored story appears in: home, its section, each tag, its
// agency, its day archive.
std::vector<Listing> ListingsOf(const store::StoryRecord& record);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_SITE_RENDERER_H_
