// Listing pages (home, section, tag, agency, day archive), paginated, and
// the site search page.
#include <algorithm>
#include <string>
#include <vector>

#include "base/strings.h"
#include "model/permalink.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

// Deep search pages cost the store an offset scan and nobody reads them.
constexpr int kMaxSearchPage = 100;

constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};

// "2019/05/15" → the start of that UTC day.
std::optional<Timestamp> DayStart(std::string_view key) {
  int y = 0, m = 0, d = 0;
  std::vector<std::string_view> parts = Split(key, '/');
  if (parts.size() != 3 || !ParseInt(parts[0], &y) || !ParseInt(parts[1], &m) ||
      !ParseInt(parts[2], &d)) {
    return std::nullopt;
  }
  CivilTime c{y, m, d, 0, 0, 0};
  Timestamp t = FromCivil(c);
  CivilTime back = ToCivil(t);
  if (back.year != y || back.month != m || back.day != d) return std::nullopt;  // "02/31"
  return t;
}

std::string HumanDay(Timestamp t) {
  CivilTime c = ToCivil(t);
  return std::string(kMonths[c.month - 1]) + " " + std::to_string(c.day) + ", " +
         std::to_string(c.year);
}

// What an agency page stands for: every name whose slug is the page's, as
// the credit line links each story to the slug of its own credit. A slug
// cannot be turned back into a name ("agence-france-presse" may have been
// "Agence France-Presse" or "Agence France Presse", "efe" "EFE" or
// "EFE."), so the names come from the config and from `credited`, the
// credit agencies of live stories (the store compares them ignoring case).
struct AgencyNames {
  std::vector<std::string> names;  // configured ones first, then sorted
  std::string title;               // configured, else the first stored name
  bool configured = false;
};

AgencyNames AgencyNamesForSlug(const SiteConfig& config, std::vector<std::string> credited,
                               std::string_view slug) {
  AgencyNames out;
  auto add = [&](const std::string& name) {
    for (const std::string& n : out.names) {
      if (EqualsIgnoreCase(n, name)) return;
    }
    out.names.push_back(name);
  };
  for (const auto& [key, ac] : config.agencies) {  // a std::map: a fixed order
    bool by_key = AgencySlug(key) == slug;
    bool by_name = !ac.name.empty() && AgencySlug(ac.name) == slug;
    if (by_key) add(key);
    if (by_name) add(ac.name);
    if ((by_key || by_name) && !out.configured) {
      out.configured = true;
      out.title = !ac.full_name.empty() ? ac.full_name : by_key ? key : ac.name;
    }
  }
  std::erase_if(credited, [&](const std::string& n) { return AgencySlug(n) != slug; });
  std::sort(credited.begin(), credited.end());  // backends return them in their own order
  for (const std::string& name : credited) add(name);
  if (!out.configured && !credited.empty()) out.title = credited.front();
  if (out.names.empty()) {  // nothing slugs the same: a name that lists nothing
    std::string name(slug);
    std::replace(name.begin(), name.end(), '-', ' ');
    out.names.push_back(name);
    out.title = name;
  }
  return out;
}

Timestamp LatestUpdate(const std::vector<store::StoryRecord>& stories) {
  Timestamp t;
  for (const store::StoryRecord& r : stories) t = std::max(t, r.updated_at);
  return t;
}

}  // namespace

Result<ListingInfo> SiteRenderer::Describe(const Listing& listing,
                                           const std::vector<std::string>* credited) const {
  ListingInfo info;
  switch (listing.kind) {
    case ListingKind::kHome:
      info.title = config_.name;
      info.description = config_.description;
      break;
    case ListingKind::kSection:
      info.query.section = listing.key;
      info.title = SectionName(config_, listing.key);
      info.description = "Latest " + info.title + " news from the wires.";
      break;
    case ListingKind::kTag:
      info.query.tag = listing.key;
      info.title = listing.key;
      break;
    case ListingKind::kAgency: {
      std::vector<std::string> stored;
      if (credited == nullptr) {
        WP_ASSIGN_OR_RETURN(stored, store_->Agencies());
      } else {
        stored = *credited;
      }
      AgencyNames names = AgencyNamesForSlug(config_, std::move(stored), listing.key);
      info.query.agencies = std::move(names.names);
      info.title = std::move(names.title);
      info.agency_configured = names.configured;
      break;
    }
    case ListingKind::kDay: {
      std::optional<Timestamp> start = DayStart(listing.key);
      if (!start) return Status::NotFound(ListingDir(listing), "no such day");
      info.query.published_from = *start;
      info.query.published_to = Timestamp{start->seconds + 86400};
      info.title = "News of " + HumanDay(*start);
      break;
    }
  }
  if (info.description.empty()) info.description = info.title + " — " + config_.description;
  return info;
}

void SiteRenderer::RefineTitle(const Listing& listing, const std::vector<std::string>& keywords,
                               std::string_view agency, ListingInfo* info) const {
  if (listing.kind == ListingKind::kTag) {
    for (const std::string& k : keywords) {
      if (model::TagSlug(k) == listing.key) info->title = std::string(Trim(k));
    }
  } else if (listing.kind == ListingKind::kAgency && !info->agency_configured &&
             EqualsIgnoreCase(agency, info->title)) {
    info->title = std::string(agency);  // its case: "efe" on PostgreSQL
  } else {
    return;
  }
  info->description = info->title + " — " + config_.description;
}

TemplateData SiteRenderer::Pagination(const Listing& listing, int page, int pages) const {
  TemplateData p;
  p.Set("page", std::to_string(page)).Set("pages", std::to_string(pages));
  if (page > 1) p.Set("prev_path", ListingPagePath(listing, page - 1));
  if (page < pages) p.Set("next_path", ListingPagePath(listing, page + 1));
  return p;
}

Result<RenderedDocument> SiteRenderer::RenderListing(const Route& route) {
  const Listing& listing = route.listing;
  WP_ASSIGN_OR_RETURN(ListingInfo info, Describe(listing));
  WP_ASSIGN_OR_RETURN(int pages, PageCount(info.query));
  bool always_exists = AlwaysExists(listing.kind);
  // An empty home or section page still exists (page 1, "no stories yet").
  if (route.page > std::max(pages, always_exists ? 1 : 0)) {
    return Status::NotFound(ListingPagePath(listing, route.page), "no such page");
  }
  store::StoryQuery q = info.query;
  q.limit = config_.page_size;
  q.offset = (route.page - 1) * config_.page_size;
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> stories, store_->List(q));
  std::vector<StoryDigest> digests;
  for (const store::StoryRecord& r : stories) digests.push_back(DigestOf(r, config_));
  std::vector<const StoryDigest*> page;
  for (const StoryDigest& d : digests) page.push_back(&d);
  return ListingDocument(listing, route.page, pages, std::move(info), page);
}

Result<RenderedDocument> SiteRenderer::ListingDocument(
    const Listing& listing, int page, int pages, ListingInfo info,
    const std::vector<const StoryDigest*>& stories) const {
  std::string path = ListingPagePath(listing, page);
  if (!stories.empty())
    RefineTitle(listing, stories.front()->keywords, stories.front()->agency, &info);
  std::string title = info.title;
  if (page > 1) title += " — page " + std::to_string(page);
  TemplateData data = PageData(title, path, info.description, &listing);
  TemplateData cards = TemplateData::List();
  Timestamp updated;
  for (size_t i = 0; i < stories.size(); ++i) {
    TemplateData card = StoryCard(*stories[i], config_);
    updated = std::max(updated, stories[i]->updated_at);
    // The home page's first story is the lead; it gets the big card.
    if (i == 0 && page == 1 && listing.kind == ListingKind::kHome) {
      data.Set("lead", std::move(card));
    } else {
      cards.Push(std::move(card));
    }
  }
  data.Set("heading", info.title)
      .Set("is_home", listing.kind == ListingKind::kHome)
      .Set("stories", std::move(cards))
      .Set("empty", stories.empty());
  if (pages > 1) data.Set("pagination", Pagination(listing, page, std::max(pages, 1)));
  return RenderTemplate("listing", *FindFormat("html"), path, data, updated);
}

Result<RenderedDocument> SiteRenderer::RenderSearch(std::string_view query) {
  std::string text(Trim(QueryParam(query, "q")));
  int page = 1;
  if (!ParseInt(QueryParam(query, "page"), &page) || page < 1) page = 1;
  page = std::min(page, kMaxSearchPage);
  TemplateData data = PageData(text.empty() ? "Search" : "Search: " + text,
                               kSearchPath, config_.description, nullptr);
  data.Set("query", text).Set("noindex", true);
  std::vector<store::StoryRecord> found;
  if (!text.empty()) {
    store::SearchQuery sq{text, config_.page_size + 1, (page - 1) * config_.page_size};
    WP_ASSIGN_OR_RETURN(found, store_->Search(sq));
    bool more = static_cast<int>(found.size()) > config_.page_size;
    if (more) found.resize(config_.page_size);
    std::string base = std::string(kSearchPath) + "?q=" + UrlEncode(text);
    TemplateData p;
    if (page > 1) p.Set("prev_path", base + "&page=" + std::to_string(page - 1));
    if (more) p.Set("next_path", base + "&page=" + std::to_string(page + 1));
    data.Set("pagination", std::move(p)).Set("searched", true).Set("empty", found.empty());
  }
  TemplateData cards = TemplateData::List();
  for (const store::StoryRecord& r : found) cards.Push(StoryCard(r, config_));
  data.Set("stories", std::move(cards));
  return RenderTemplate(kSearchTemplate, *FindFormat("html"), std::string(kSearchPath), data,
                        LatestUpdate(found));
}

}  // namespace wirepress::publish
