// Story view: how one stored story is shown — its dateline line, summary,
// lead-paragraph de-duplication, image choice, tags, share links and the
// "card" a listing or feed item shows. Shared by story pages, listings and
// feeds so every output describes a story the same way.
//
// Thread-safety: pure functions of their arguments.
#ifndef WIREPRESS_PUBLISH_STORY_VIEW_H_
#define WIREPRESS_PUBLISH_STORY_VIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "model/story.h"
#include "publish/site_config.h"
#include "publish/templates.h"
#include "store/store.h"

namespace wirepress::publish {

// "Sochi (Russia), May 15 (AFP)" (country, date and agency when known);
// "" when the dateline names no place.
std::string DatelineText(const model::Story& story);

// The visible text of the first <p> of `body_html`: tags removed, common
// entities decoded, whitespace collapsed. "" when there is no paragraph.
std::string FirstParagraphText(std::string_view body_html);

// True when the body's first paragraph already says the description (also
// when it only adds a dateline in front of it), so the page must not print
// the description a second time.
bool LeadRepeatsDescription(const model::Story& story);

// The body with the dateline leading its first paragraph, unless the
// agency already wrote it there. body_html is trusted (sanitized at ingest).
std::string BodyWithDateline(const model::Story& story);

// The description, else the first paragraph's text, cut to ~300 bytes.
std::string Summary(const model::Story& story);

// The story's first usable picture; else a library image matching one of
// its tags, then its section, then an "any" image; else nullopt (the page
// shows no image rather than a broken one).
std::optional<model::Picture> ChooseImage(const store::StoryRecord& record,
                                          const SiteConfig& config);

// One library image per section of `config` from the shipped theme
// ("/static/images/<slug>.svg", caption "World. (File Image)") plus a
// section-less fallback ("/static/images/news.svg"). cli/ uses these when
// the site configures no images of its own.
std::vector<LibraryImage> DefaultLibraryImages(const SiteConfig& config);

// Keywords with distinct, non-empty tag slugs, in story order.
std::vector<std::string> StoryTags(const model::Story& story);

// "World" for "world"; the slug itself for an unknown section.
std::string SectionName(const SiteConfig& config, std::string_view slug);

// "rtl" for Arabic, Hebrew, Persian and Urdu (any region subtag), else "ltr".
std::string TextDirection(std::string_view language);

// config.base_url + path for site-relative paths; absolute URLs unchanged.
std::string AbsoluteUrl(const SiteConfig& config, std::string_view path_or_url);

// The resolved disclaimer for the story's credit agency ("{agency}" and
// "{site}" substituted); "" when neither agency nor site configures one.
std::string Disclaimer(const SiteConfig& config, const model::Story& story);

// The agency's config entry (keyed by upper-case name), or nullptr.
const AgencyConfig* FindAgency(const SiteConfig& config, std::string_view agency);

// Plain share links (WhatsApp, Facebook, X, LinkedIn, Telegram, e-mail):
// a list of {name, slug, href}.
TemplateData ShareLinks(std::string_view title, std::string_view url);

// What listings, related blocks and sitemaps need of a story, computed once
// from its record (a full export keeps one per live story instead of the
// whole record).
struct StoryDigest {
  std::int64_t id = 0;
  std::string path;
  std::string section;
  Timestamp published_at;
  Timestamp updated_at;
  std::string headline;
  std::string summary;                // Summary(story)
  std::string agency;                 // model::CreditAgency(story)
  std::string language;               // story.language ("" = the site's)
  std::vector<std::string> keywords;  // story.keywords, as stored
  bool has_image = false;             // ChooseImage(record, config)
  std::string image_src, image_alt;
};
StoryDigest DigestOf(const store::StoryRecord& record, const SiteConfig& config);

// The fields a listing card or feed item shows: title, path, url, summary,
// published (ISO), published_human, updated (ISO), section_name,
// section_path, agency, image {src, url, alt} when there is one.
TemplateData StoryCard(const StoryDigest& digest, const SiteConfig& config);
TemplateData StoryCard(const store::StoryRecord& record, const SiteConfig& config);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_STORY_VIEW_H_
