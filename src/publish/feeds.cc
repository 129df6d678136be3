// Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for every listing that has
// feeds. One function serves all three: the OutputFormat row picks the
// template, and the templates get the same data.
#include <algorithm>

#include "base/strings.h"
#include "model/permalink.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

TemplateData FeedTags(const model::Story& story) {
  TemplateData list = TemplateData::List();
  std::vector<std::string> tags = StoryTags(story);
  for (size_t i = 0; i < tags.size(); ++i) {
    list.Push(TemplateData()
                  .Set("name", tags[i])
                  .Set("term", model::TagSlug(tags[i]))
                  .Set("last", i + 1 == tags.size()));
  }
  return list;
}

}  // namespace

TemplateData SiteRenderer::FeedItem(const store::StoryRecord& record, bool last) const {
  TemplateData item = StoryCard(record, config_);
  item.Set("content_html", BodyWithDateline(record.story))
      .Set("published_rfc822", FormatRfc822(record.published_at))
      .Set("tags", FeedTags(record.story))
      .Set("last", last);
  return item;
}

Result<RenderedDocument> SiteRenderer::RenderFeed(const Route& route) {
  const Listing& listing = route.listing;
  WP_ASSIGN_OR_RETURN(ListingInfo info, Describe(listing));
  store::StoryQuery q = info.query;
  q.limit = config_.feed_size;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> stories, store_->List(q));
  std::vector<const store::StoryRecord*> items;
  for (const store::StoryRecord& r : stories) items.push_back(&r);
  return FeedDocument(listing, *route.format, std::move(info), items);
}

Result<RenderedDocument> SiteRenderer::FeedDocument(
    const Listing& listing, const OutputFormat& format, ListingInfo info,
    const std::vector<const store::StoryRecord*>& stories) const {
  std::string path = FormatPath(format, ListingDir(listing));
  bool always_exists = AlwaysExists(listing.kind);
  if (stories.empty() && !always_exists) return Status::NotFound(path, "no such feed");
  if (!stories.empty()) {
    const model::Story& first = stories.front()->story;
    RefineTitle(listing, first.keywords, model::CreditAgency(first), &info);
  }
  Timestamp updated;
  TemplateData items = TemplateData::List();
  for (size_t i = 0; i < stories.size(); ++i) {
    items.Push(FeedItem(*stories[i], i + 1 == stories.size()));
    updated = std::max(updated, stories[i]->updated_at);
  }
  std::string title = listing.kind == ListingKind::kHome ? config_.name
                                                         : info.title + " | " + config_.name;
  TemplateData data;
  data.Set("title", title)
      .Set("description", info.description)
      .Set("link", AbsoluteUrl(config_, ListingDir(listing)))
      .Set("self", AbsoluteUrl(config_, path))
      .Set("id", AbsoluteUrl(config_, path))
      .Set("language", config_.language)
      .Set("site_name", config_.name)
      .Set("updated", FormatIso8601(updated))
      .Set("updated_rfc822", FormatRfc822(updated))
      .Set("items", std::move(items));
  return RenderTemplate(format.template_name, format, path, data, updated);
}

}  // namespace wirepress::publish
