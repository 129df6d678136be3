// Story pages: the article itself, and the 410 notice a killed story's
// URL answers with.
#include <algorithm>

#include "base/strings.h"
#include "model/permalink.h"
#include "publish/json_text.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

constexpr std::string_view kDefaultCorrection = "This story has been corrected.";

TemplateData TagList(const model::Story& story) {
  TemplateData tags = TemplateData::List();
  for (const std::string& name : StoryTags(story)) {
    tags.Push(TemplateData()
                  .Set("name", name)
                  .Set("path", ListingDir({ListingKind::kTag, model::TagSlug(name)})));
  }
  return tags;
}

TemplateData ImageData(const model::Picture& pic, const SiteConfig& config,
                       const std::string& headline) {
  TemplateData img;
  img.Set("src", pic.href)
      .Set("url", AbsoluteUrl(config, pic.href))
      .Set("alt", pic.caption.empty() ? headline : pic.caption)
      .Set("caption", pic.caption)
      .Set("credit", pic.credit);
  if (pic.width > 0 && pic.height > 0) {
    img.Set("width", std::to_string(pic.width)).Set("height", std::to_string(pic.height));
  }
  return img;
}

TemplateData CreditData(const SiteConfig& config, const model::Story& story) {
  std::string agency(model::CreditAgency(story));
  TemplateData credit;
  if (agency.empty()) return credit;
  const AgencyConfig* ac = FindAgency(config, agency);
  credit.Set("name", agency)
      .Set("full_name", ac != nullptr && !ac->full_name.empty() ? ac->full_name : agency)
      .Set("path", ListingDir({ListingKind::kAgency, AgencySlug(agency)}));
  return credit;
}

void AddUnique(std::vector<store::StoryRecord> from, std::int64_t self,
               std::vector<store::StoryRecord>* out) {
  for (store::StoryRecord& r : from) {
    if (static_cast<int>(out->size()) >= kRelatedCount) return;
    if (r.id == self) continue;
    bool seen = std::any_of(out->begin(), out->end(),
                            [&](const store::StoryRecord& o) { return o.id == r.id; });
    if (!seen) out->push_back(std::move(r));
  }
}

}  // namespace

Result<RenderedDocument> SiteRenderer::RenderStoryPath(const std::string& path) {
  WP_ASSIGN_OR_RETURN(store::StoryRecord record, store_->GetByPath(path));
  switch (record.state) {
    case store::StoryState::kLive: return RenderStory(record);
    case store::StoryState::kKilled: return RenderGone(record);
    case store::StoryState::kEmbargoed:
    case store::StoryState::kHeld: break;
  }
  // An embargoed or held story must not be distinguishable from an absent one.
  return Status::NotFound(path, "no such page");
}

Result<std::vector<store::StoryRecord>> SiteRenderer::Related(const store::StoryRecord& record) {
  std::vector<store::StoryRecord> related;
  std::vector<std::string> tags = StoryTags(record.story);
  if (!tags.empty()) {
    store::StoryQuery q;
    q.tag = model::TagSlug(tags.front());
    q.limit = kRelatedFetch;
    WP_ASSIGN_OR_RETURN(auto by_tag, store_->List(q));
    AddUnique(std::move(by_tag), record.id, &related);
  }
  if (static_cast<int>(related.size()) < kRelatedCount) {
    store::StoryQuery q;
    q.section = record.section;
    q.limit = kRelatedFetch + static_cast<int>(related.size());
    WP_ASSIGN_OR_RETURN(auto by_section, store_->List(q));
    AddUnique(std::move(by_section), record.id, &related);
  }
  return related;
}

TemplateData SiteRenderer::ArticleData(const store::StoryRecord& record) const {
  const model::Story& s = record.story;
  std::string url = AbsoluteUrl(config_, record.path);
  TemplateData a;
  a.Set("headline", s.headline)
      .Set("byline", s.byline)
      .Set("body_html", BodyWithDateline(s))
      .Set("dateline", DatelineText(s))
      .Set("section_name", SectionName(config_, record.section))
      .Set("section_path", ListingDir({ListingKind::kSection, record.section}))
      .Set("published", FormatIso8601(record.published_at))
      .Set("published_human", FormatHuman(record.published_at))
      .Set("updated", FormatIso8601(record.updated_at))
      .Set("updated_human", FormatHuman(record.updated_at))
      .Set("was_updated", record.updated_at > record.published_at)
      .Set("disclaimer", Disclaimer(config_, s))
      .Set("share", ShareLinks(s.headline, url))
      .Set("tags", TagList(s))
      .Set("has_tags", !StoryTags(s).empty());
  if (!model::CreditAgency(s).empty()) a.Set("credit", CreditData(config_, s));
  if (!LeadRepeatsDescription(s)) a.Set("standfirst", s.description_text);
  if (auto pic = ChooseImage(record, config_)) a.Set("image", ImageData(*pic, config_, s.headline));
  if (model::HasSignal(s.signals, model::Signal::kCorrection)) {
    a.Set("correction", s.correction_note.empty() ? std::string(kDefaultCorrection)
                                                  : s.correction_note);
  }
  return a;
}

std::string SiteRenderer::JsonLd(const store::StoryRecord& record,
                                 const std::string& image_url) const {
  const model::Story& s = record.story;
  std::string url = AbsoluteUrl(config_, record.path);
  std::string agency(model::CreditAgency(s));
  JsonObject page, author, publisher;
  page.Add("@type", "WebPage").Add("@id", url);
  author.Add("@type", "Organization").Add("name", agency.empty() ? config_.name : agency);
  publisher.Add("@type", "Organization").Add("name", config_.name).Add("url", config_.base_url + "/");
  JsonObject ld;
  ld.Add("@context", "https://schema.org")
      .Add("@type", "NewsArticle")
      .AddRaw("mainEntityOfPage", page.str())
      .Add("headline", s.headline)
      .AddIfSet("description", Summary(s))
      .Add("datePublished", FormatIso8601(record.published_at))
      .Add("dateModified", FormatIso8601(record.updated_at))
      .Add("articleSection", SectionName(config_, record.section))
      .AddIfSet("keywords", Join(StoryTags(s), ", "))
      .Add("inLanguage", s.language.empty() ? config_.language : s.language)
      .AddRaw("author", author.str())
      .AddRaw("publisher", publisher.str());
  if (!image_url.empty()) ld.AddRaw("image", "[" + JsonQuote(image_url) + "]");
  if (!s.dateline.place.empty()) ld.Add("dateline", DatelineText(s));
  return ld.str();
}

Result<RenderedDocument> SiteRenderer::RenderStory(const store::StoryRecord& record) {
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> related, Related(record));
  std::vector<StoryDigest> digests;
  for (const store::StoryRecord& r : related) digests.push_back(DigestOf(r, config_));
  std::vector<const StoryDigest*> cards;
  for (const StoryDigest& d : digests) cards.push_back(&d);
  return StoryDocument(record, cards);
}

Result<RenderedDocument> SiteRenderer::StoryDocument(
    const store::StoryRecord& record, const std::vector<const StoryDigest*>& related) const {
  const model::Story& s = record.story;
  Listing section{ListingKind::kSection, record.section};
  TemplateData data = PageData(s.headline, record.path, Summary(s), &section);
  std::string lang = s.language.empty() ? config_.language : s.language;
  data.Set("lang", lang).Set("dir", TextDirection(lang));
  TemplateData article = ArticleData(record);
  std::string image_url;
  if (const TemplateData* img = article.Find("image")) image_url = img->Find("url")->string();
  data.Set("json_ld", JsonLd(record, image_url));
  if (!image_url.empty()) data.Set("og_image", image_url);
  data.Set("article", std::move(article));
  const AgencyConfig* ac = FindAgency(config_, model::CreditAgency(s));
  data.Set("news_noindex", ac != nullptr && ac->news_noindex);
  Timestamp last_modified = record.updated_at;
  TemplateData cards = TemplateData::List();
  for (const StoryDigest* r : related) {
    cards.Push(StoryCard(*r, config_));
    last_modified = std::max(last_modified, r->updated_at);
  }
  data.Set("has_related", !related.empty()).Set("related", std::move(cards));
  return RenderTemplate(kStoryTemplate, *FindFormat("html"), record.path, data, last_modified);
}

Result<RenderedDocument> SiteRenderer::RenderGone(const store::StoryRecord& record) const {
  // Nothing of the story itself: a kill is often for legal reasons, so the
  // notice must not repeat the headline either.
  TemplateData data = PageData("Story withdrawn", record.path, "", nullptr);
  return RenderTemplate(kGoneTemplate, *FindFormat("html"), record.path, data, record.updated_at,
                        410);
}

}  // namespace wirepress::publish
