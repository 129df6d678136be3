// Which documents exist (AllPaths, for a full export) and which ones a
// store change makes stale (AffectedPaths, for cache invalidation and
// incremental export).
//
// Listings are ordered newest first, so adding or removing a story shifts
// every later page: for a membership change we invalidate the pages from
// the story's position to the end (plus the page that may just have
// vanished). An update in place only touches the page(s) showing it.
//
// The "related stories" block of *other* story pages is covered when a
// story leaves (kill, back under embargo): a withdrawn headline must not stay
// on any page. AffectedPaths names the pages (AddRelatedHolders, for the
// exporter); a cache drops every story page instead (IsStoryPath), which
// costs no store read on the ingest thread. A newcomer is not pushed into the related blocks of pages
// already rendered; they pick it up on their next render.
#include <algorithm>
#include <set>

#include "base/logging.h"
#include "base/strings.h"
#include "model/permalink.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

// Stories read per List call while walking the whole store.
constexpr int kScanBatch = 1000;
constexpr int kChangeBatch = 10000;

void AddFeeds(const Listing& listing, std::vector<std::string>* out) {
  if (!ListingHasFeeds(listing.kind)) return;
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope == FormatScope::kListing && !f.is_html) out->push_back(FormatPath(f, ListingDir(listing)));
  }
}

std::vector<std::string> SortedUnique(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace

std::vector<Listing> ListingsOf(const store::StoryRecord& record) {
  std::vector<Listing> out = {{ListingKind::kHome, ""}, {ListingKind::kSection, record.section}};
  for (const std::string& tag : StoryTags(record.story)) {
    out.push_back({ListingKind::kTag, model::TagSlug(tag)});
  }
  std::string_view agency = model::CreditAgency(record.story);
  if (!agency.empty()) out.push_back({ListingKind::kAgency, AgencySlug(agency)});
  out.push_back({ListingKind::kDay, DayKey(record.published_at)});
  return out;
}

Result<int> SiteRenderer::PageCount(const store::StoryQuery& query) {
  WP_ASSIGN_OR_RETURN(std::int64_t n, store_->Count(query));
  std::int64_t size = std::max(config_.page_size, 1);
  return static_cast<int>((n + size - 1) / size);
}

Result<std::pair<std::int64_t, std::int64_t>> SiteRenderer::PositionRange(
    const store::StoryQuery& query, const store::StoryRecord& record) {
  store::StoryQuery q = query;
  q.published_from = Timestamp{record.published_at.seconds + 1};
  WP_ASSIGN_OR_RETURN(std::int64_t newer, store_->Count(q));
  q.published_from = record.published_at;
  WP_ASSIGN_OR_RETURN(std::int64_t same_or_newer, store_->Count(q));
  // same_or_newer counts the story itself when it is listed; when it is
  // not (it just left), callers extend the range to the end anyway.
  return std::make_pair(newer, std::max(newer, same_or_newer - 1));
}

Status SiteRenderer::AddListingPaths(const Listing& listing, std::vector<std::string>* out) {
  WP_ASSIGN_OR_RETURN(ListingInfo info, Describe(listing));
  WP_ASSIGN_OR_RETURN(int pages, PageCount(info.query));
  if (pages == 0 && !AlwaysExists(listing.kind)) return Status::Ok();
  for (int p = 1; p <= std::max(pages, 1); ++p) out->push_back(ListingPagePath(listing, p));
  AddFeeds(listing, out);
  return Status::Ok();
}

// Story pages plus the tag, agency and day listings, found by walking all
// live stories once.
Status SiteRenderer::AddStoryDerivedPaths(std::vector<std::string>* out) {
  std::set<std::string> seen;
  std::vector<Listing> listings;
  store::StoryQuery q;
  q.limit = kScanBatch;
  for (;; q.offset += kScanBatch) {
    WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> batch, store_->List(q));
    for (const store::StoryRecord& r : batch) {
      out->push_back(r.path);
      for (Listing& l : ListingsOf(r)) {
        if (AlwaysExists(l.kind)) continue;  // home and sections are added anyway
        if (seen.insert(ListingDir(l)).second) listings.push_back(std::move(l));
      }
    }
    if (static_cast<int>(batch.size()) < kScanBatch) break;
  }
  for (const Listing& l : listings) WP_RETURN_IF_ERROR(AddListingPaths(l, out));
  return Status::Ok();
}

// Killed stories are not listed, but their URLs must answer 410: the
// change log names every kill.
Status SiteRenderer::AddKilledPaths(std::vector<std::string>* out) {
  std::set<std::int64_t> ids;
  for (std::int64_t after = 0;;) {
    WP_ASSIGN_OR_RETURN(std::vector<store::Change> changes, store_->ChangesSince(after, kChangeBatch));
    for (const store::Change& c : changes) {
      if (c.action == store::PutAction::kKilled) ids.insert(c.story_id);
      after = std::max(after, c.seq);
    }
    if (static_cast<int>(changes.size()) < kChangeBatch) break;
  }
  for (std::int64_t id : ids) {
    Result<store::StoryRecord> r = store_->GetById(id);
    if (r.ok() && r->state == store::StoryState::kKilled) out->push_back(r->path);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> SiteRenderer::AllPaths() {
  std::vector<std::string> out;
  for (const auto& [key, file] : statics_) out.push_back(std::string(kStaticPrefix) + key);
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope == FormatScope::kSite) out.push_back(f.path_pattern);
  }
  WP_ASSIGN_OR_RETURN(std::vector<SitemapPart> parts, SitemapParts());
  for (const SitemapPart& p : parts) out.push_back(MonthSitemapPath(p.month, p.part));
  WP_RETURN_IF_ERROR(AddListingPaths({ListingKind::kHome, ""}, &out));
  for (const model::SectionRule& r : config_.sections) {
    WP_RETURN_IF_ERROR(AddListingPaths({ListingKind::kSection, r.slug}, &out));
  }
  WP_RETURN_IF_ERROR(AddStoryDerivedPaths(&out));
  WP_RETURN_IF_ERROR(AddKilledPaths(&out));
  return SortedUnique(std::move(out));
}

Status SiteRenderer::AddAffectedListing(const Listing& listing, const store::StoryRecord& record,
                                        bool membership_changed, bool exact,
                                        std::vector<std::string>* out) {
  if (!exact) {
    out->push_back(ListingPagePath(listing, 1));
    AddFeeds(listing, out);
    return Status::Ok();
  }
  WP_ASSIGN_OR_RETURN(ListingInfo info, Describe(listing));
  WP_ASSIGN_OR_RETURN(auto range, PositionRange(info.query, record));
  std::int64_t size = std::max(config_.page_size, 1);
  std::int64_t first = range.first / size + 1;
  std::int64_t last = range.second / size + 1;
  if (membership_changed) {
    // Everything after the story shifts by one; when a story left, the
    // old last page may be gone (count + 1 stories were there before).
    WP_ASSIGN_OR_RETURN(std::int64_t n, store_->Count(info.query));
    last = std::max<std::int64_t>(1, (n + 1 + size - 1) / size);
  }
  for (std::int64_t p = first; p <= last; ++p) {
    out->push_back(ListingPagePath(listing, static_cast<int>(p)));
  }
  if (range.first < config_.feed_size) AddFeeds(listing, out);
  return Status::Ok();
}

Status SiteRenderer::AddAffectedSitemaps(const store::StoryRecord& record,
                                         std::vector<std::string>* out) {
  std::string month = MonthKey(record.published_at);
  WP_ASSIGN_OR_RETURN(store::StoryQuery q, MonthQuery(month));
  WP_ASSIGN_OR_RETURN(auto range, PositionRange(q, record));
  WP_ASSIGN_OR_RETURN(std::int64_t n, store_->Count(q));
  // Later parts shift when the story enters or leaves the month; n (not
  // n - 1) covers the part that a removal may just have emptied.
  std::int64_t last = std::max(range.second, n) / kSitemapMaxUrls;
  for (std::int64_t p = range.first / kSitemapMaxUrls; p <= last; ++p) {
    out->push_back(MonthSitemapPath(month, static_cast<int>(p + 1)));
  }
  return Status::Ok();
}

// The related block (story_page.cc) reads the first kRelatedFetch stories of
// a story's first tag, then up to kRelatedFetch + kRelatedCount of its
// section. So a story that stood that high in its section or in one of its
// tags may be on the page of every live story of that list, and those pages
// are named here: a superset (only the first tag is read), which is fine
// for an event as rare as a kill. Runs after the change, so `gone` is no
// longer listed and the count of newer stories is its old position.
Status SiteRenderer::AddRelatedHolders(const store::StoryRecord& gone,
                                       std::vector<std::string>* out) {
  std::vector<std::pair<Listing, int>> lists = {
      {{ListingKind::kSection, gone.section}, kRelatedFetch + kRelatedCount}};
  for (const std::string& tag : StoryTags(gone.story)) {
    lists.push_back({{ListingKind::kTag, model::TagSlug(tag)}, kRelatedFetch});
  }
  for (const auto& [listing, reach] : lists) {
    WP_ASSIGN_OR_RETURN(ListingInfo info, Describe(listing));
    WP_ASSIGN_OR_RETURN(auto range, PositionRange(info.query, gone));
    if (range.first >= reach) continue;
    store::StoryQuery all = info.query;
    all.limit = 0;
    all.offset = 0;
    WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> holders, store_->List(all));
    for (const store::StoryRecord& r : holders) out->push_back(r.path);
  }
  return Status::Ok();
}

std::vector<std::string> SiteRenderer::AffectedPaths(const store::PutOutcome& outcome) {
  return Affected(outcome, /*exact=*/true);
}

bool SiteRenderer::IsStoryPath(std::string_view path) const {
  return path.size() > 1 && path.front() == '/' && !ParseRoute(path, config_.sections);
}

std::vector<std::string> SiteRenderer::AffectedListingRoots(const store::PutOutcome& outcome) {
  return Affected(outcome, /*exact=*/false);
}

std::vector<std::string> SiteRenderer::Affected(const store::PutOutcome& outcome, bool exact) {
  if (outcome.action == store::PutAction::kUnchanged ||
      outcome.action == store::PutAction::kRejected) {
    return {};
  }
  const store::StoryRecord& now = outcome.record;
  std::vector<std::string> out = {now.path, ApiStoryPath(now.id), std::string(kApiStoriesPath),
                                  std::string(kSearchPath)};
  bool listed_now = now.state == store::StoryState::kLive;
  const store::StoryRecord* before =
      outcome.previous && outcome.previous->state == store::StoryState::kLive ? &*outcome.previous
                                                                               : nullptr;
  if (!listed_now && before == nullptr) return SortedUnique(std::move(out));
  std::vector<Listing> now_in = listed_now ? ListingsOf(now) : std::vector<Listing>{};
  std::vector<Listing> before_in = before ? ListingsOf(*before) : std::vector<Listing>{};
  bool moved = before != nullptr && listed_now && before->published_at != now.published_at;
  Status status;
  auto visit = [&](const std::vector<Listing>& mine, const std::vector<Listing>& other,
                   const store::StoryRecord& rec) {
    for (const Listing& l : mine) {
      bool in_other = std::find(other.begin(), other.end(), l) != other.end();
      Status s = AddAffectedListing(l, rec, moved || !in_other, exact, &out);
      if (!s.ok()) status = s;
    }
  };
  if (listed_now) visit(now_in, before_in, now);
  if (before != nullptr) visit(before_in, now_in, *before);
  if (exact && before != nullptr && !listed_now) {
    Status s = AddRelatedHolders(*before, &out);
    if (!s.ok()) status = s;
  }
  for (const store::StoryRecord* r : {listed_now ? &now : nullptr, before}) {
    if (r == nullptr) continue;
    Status s = AddAffectedSitemaps(*r, &out);
    if (!s.ok()) status = s;
  }
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope == FormatScope::kSite && f.name != "robots") out.push_back(f.path_pattern);
  }
  if (!status.ok()) {
    // The store failed mid-way: the set may miss later pages. Say so; the
    // caller's periodic full refresh repairs what stayed stale.
    LogWarn("publish.affected_paths_incomplete",
            {{"path", now.path}, {"error", status.ToString()}});
  }
  return SortedUnique(std::move(out));
}

}  // namespace wirepress::publish
