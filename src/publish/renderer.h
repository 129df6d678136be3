// Renderer: turns what is in the Store into the site's documents — story
// pages, home/section/tag/agency/archive listings, feeds, sitemaps, search —
// using the templates of publish/templates.h and the OutputFormat table of
// publish/output_format.h.
//
// Render(path) answers for one URL path; AffectedPaths(outcome) says which
// documents a store change makes stale, so the server can invalidate its
// cache precisely and export can rewrite only those files; AllPaths() lists
// every document for a full export, and RenderAll renders them all.
//
// Thread-safety: Render, AffectedPaths and AllPaths may be called from many
// threads at once (the store is thread-safe; templates are immutable).
#ifndef WIREPRESS_PUBLISH_RENDERER_H_
#define WIREPRESS_PUBLISH_RENDERER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "publish/rendered_document.h"
#include "publish/site_config.h"
#include "store/store.h"

namespace wirepress::publish {

class Renderer {
 public:
  virtual ~Renderer() = default;

  // Renders the document at `path` ("/", "/world/", "/world/page/2/",
  // "/tag/syria/", "/agency/afp/", "/2019/05/15/", "/rss.xml",
  // "/world/rss.xml", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt",
  // a story path, "/api/v1/stories", "/search" with `query` "q=...").
  // NotFound for unknown paths; a killed story renders its 410 notice
  // (status 410) rather than an error.
  virtual Result<RenderedDocument> Render(std::string_view path, std::string_view query = {}) = 0;

  // URL paths whose documents changed because of `outcome`: the story page,
  // home, its section/tag/agency/archive pages (old and new ones when the
  // section or tags changed), feeds and sitemaps. Empty for kUnchanged.
  virtual std::vector<std::string> AffectedPaths(const store::PutOutcome& outcome) = 0;

  // AffectedPaths for a cache that drops every "page/N/" under a listing's
  // path by itself (server::DocumentCache): each affected listing is named
  // by its first page and always with its feeds, a superset found without
  // the store counts that locate the exact shifted pages (which cost tens
  // of ms per change on a 100k-story archive).
  virtual std::vector<std::string> AffectedListingRoots(const store::PutOutcome& outcome) {
    return AffectedPaths(outcome);
  }

  // True when `path` is a story page (the documents that carry a related-
  // stories block). A cache drops all of them when a story leaves the site:
  // finding exactly which ones showed it would read a whole section.
  virtual bool IsStoryPath(std::string_view path) const {
    (void)path;
    return false;
  }

  // Every path a full static export writes.
  virtual Result<std::vector<std::string>> AllPaths() = 0;

  // Receives the documents of RenderAll, from several threads at once.
  // `doc` is the document for `path`, or the error rendering it (NotFound
  // when the path vanished after it was listed). A non-OK return stops
  // RenderAll, which then returns it.
  using DocumentSink = std::function<Status(const std::string& path, Result<RenderedDocument> doc)>;

  // Renders the document of every path of AllPaths() — the same bytes
  // Render(path) gives — and passes each to `sink`, working on `threads`
  // threads (the caller's included). Returns the sink's first error, or a
  // store error. The default lists AllPaths() and renders them one by one
  // on the caller's thread; the site renderer reads the store once, in
  // order, on `threads` threads.
  virtual Status RenderAll(int threads, const DocumentSink& sink);
};

// Loads the templates (config.template_dir overriding config.theme_dir) and
// returns a renderer over `store`. InvalidInput names a template file and
// line when one does not compile. `store` and `clock` must outlive it.
Result<std::unique_ptr<Renderer>> NewRenderer(const SiteConfig& config, store::Store* store,
                                              const Clock* clock);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_RENDERER_H_
