#include "publish/renderer.h"

#include <utility>

#include "base/logging.h"
#include "base/strings.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

constexpr std::string_view kStylesheet = "/static/style.css";

// Every template the renderer needs: one per OutputFormat row plus the
// page templates, each with the escaping of the document it produces.
TemplateSource SourceFor(const SiteConfig& config) {
  TemplateSource source{config.template_dir, config.theme_dir, {}};
  for (const OutputFormat& f : BuiltinFormats()) source.names.emplace_back(f.template_name, f.escaping);
  for (std::string_view name :
       {kStoryTemplate, kGoneTemplate, kSearchTemplate, kMonthSitemapTemplate}) {
    source.names.emplace_back(std::string(name), Escaping::kHtml);
  }
  return source;
}

TemplateData Navigation(const SiteConfig& config, std::string_view path) {
  TemplateData nav = TemplateData::List();
  for (const model::SectionRule& r : config.sections) {
    std::string dir = ListingDir({ListingKind::kSection, r.slug});
    nav.Push(TemplateData()
                 .Set("name", r.name)
                 .Set("path", dir)
                 .Set("active", StartsWith(path, dir)));
  }
  return nav;
}

// <link rel="alternate"> entries for the feeds of `listing` (site feeds
// when null) — every OutputFormat row that declares a rel.
TemplateData Alternates(const SiteConfig& config, const Listing* listing) {
  Listing home{ListingKind::kHome, ""};
  const Listing& l = (listing != nullptr && ListingHasFeeds(listing->kind)) ? *listing : home;
  TemplateData list = TemplateData::List();
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.rel.empty() || f.scope != FormatScope::kListing) continue;
    std::string type = f.media_type.substr(0, f.media_type.find(';'));
    list.Push(TemplateData()
                  .Set("rel", f.rel)
                  .Set("type", type)
                  .Set("name", f.name)
                  .Set("href", AbsoluteUrl(config, FormatPath(f, ListingDir(l)))));
  }
  return list;
}

}  // namespace

Status Renderer::RenderAll(int threads, const DocumentSink& sink) {
  (void)threads;  // one by one: only test renderers use this default
  WP_ASSIGN_OR_RETURN(std::vector<std::string> paths, AllPaths());
  for (const std::string& path : paths) WP_RETURN_IF_ERROR(sink(path, Render(path)));
  return Status::Ok();
}

SiteRenderer::SiteRenderer(const SiteConfig& config, store::Store* store, const Clock* clock,
                           std::unique_ptr<TemplateSet> templates, StaticFiles statics)
    : config_(config),
      store_(store),
      clock_(clock),
      templates_(std::move(templates)),
      statics_(std::move(statics)) {}

Result<RenderedDocument> SiteRenderer::Render(std::string_view path, std::string_view query) {
  if (std::optional<Route> route = ParseRoute(path, config_.sections)) {
    return RenderRoute(*route, query);
  }
  return RenderStoryPath(std::string(path));
}

Result<RenderedDocument> SiteRenderer::RenderRoute(const Route& route, std::string_view query) {
  switch (route.kind) {
    case RouteKind::kListing:
      return route.format->name == "html" ? RenderListing(route) : RenderFeed(route);
    case RouteKind::kSearch: return RenderSearch(query);
    case RouteKind::kSiteFormat: return RenderSiteFormat(route);
    case RouteKind::kMonthSitemap: return RenderMonthSitemap(route);
    case RouteKind::kApiList: return RenderApiList(query);
    case RouteKind::kApiStory: return RenderApiStory(route.id);
    case RouteKind::kStatic: return RenderStatic(route.key);
  }
  return Status::Internal("rendering", "unknown route kind");
}

TemplateData SiteRenderer::PageData(std::string_view title, std::string_view path,
                                    std::string_view description, const Listing* feeds_of) const {
  std::string page_title(title);
  if (title != config_.name) page_title += " | " + config_.name;
  TemplateData site;
  site.Set("name", config_.name)
      .Set("url", config_.base_url + "/")
      .Set("description", config_.description)
      .Set("language", config_.language);
  TemplateData data;
  data.Set("site", std::move(site))
      .Set("lang", config_.language)
      .Set("dir", TextDirection(config_.language))
      .Set("title", std::string(title))
      .Set("page_title", page_title)
      .Set("description", std::string(description))
      .Set("path", std::string(path))
      .Set("canonical", AbsoluteUrl(config_, path))
      .Set("stylesheet", std::string(kStylesheet))
      .Set("search_path", std::string(kSearchPath))
      .Set("nav", Navigation(config_, path))
      .Set("alternates", Alternates(config_, feeds_of));
  return data;
}

Result<RenderedDocument> SiteRenderer::RenderTemplate(std::string_view name,
                                                      const OutputFormat& format, std::string path,
                                                      const TemplateData& data,
                                                      Timestamp last_modified, int status) const {
  WP_ASSIGN_OR_RETURN(std::string body, templates_->Render(name, data));
  return MakeDocument(std::move(path), format.media_type, std::move(body), last_modified, status);
}

Result<RenderedDocument> SiteRenderer::RenderStatic(const std::string& key) const {
  auto it = statics_.find(key);
  if (it == statics_.end()) return Status::NotFound(std::string(kStaticPrefix) + key, "no such file");
  return MakeDocument(std::string(kStaticPrefix) + key, it->second.media_type, it->second.body,
                      it->second.modified);
}

// Library images under /static/ must exist in the theme, or pages would
// show broken images; drop (and report) those that do not.
SiteConfig WithExistingImages(const SiteConfig& config, const StaticFiles& statics) {
  SiteConfig out = config;
  out.images.clear();
  for (const LibraryImage& img : config.images) {
    if (StartsWith(img.href, kStaticPrefix) &&
        statics.count(img.href.substr(kStaticPrefix.size())) == 0) {
      LogWarn("publish.library_image_missing", {{"href", img.href}});
      continue;
    }
    out.images.push_back(img);
  }
  return out;
}

Result<std::unique_ptr<Renderer>> NewRenderer(const SiteConfig& config, store::Store* store,
                                              const Clock* clock) {
  FileSystem& fs = RealFileSystem();
  WP_ASSIGN_OR_RETURN(std::unique_ptr<TemplateSet> templates,
                      LoadTemplates(SourceFor(config), fs));
  WP_ASSIGN_OR_RETURN(StaticFiles statics,
                      LoadStaticFiles({config.theme_dir, config.template_dir}, fs));
  SiteConfig checked = WithExistingImages(config, statics);
  return std::unique_ptr<Renderer>(std::make_unique<SiteRenderer>(
      checked, store, clock, std::move(templates), std::move(statics)));
}

}  // namespace wirepress::publish
