#include "publish/site_export.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "base/strings.h"
#include "publish/site_renderer.h"

namespace wirepress::publish {
namespace {

// Queued jobs per thread before the scanning thread helps instead. The
// queue also holds at least two scan chunks of story pages, so the other
// workers are not left idle while the scanning thread reads the next chunk
// (a few MB of records).
constexpr size_t kQueuedPerThread = 64;
constexpr size_t kNone = static_cast<size_t>(-1);

}  // namespace

// Jobs for the workers; the first failing job stops the rest (they are
// dropped unrun) and its status is kept.
class JobQueue {
 public:
  using Job = std::function<Status()>;

  void Push(Job job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
    cv_.notify_one();
  }
  // Workers return once the queue is closed and empty.
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  void Work() {
    while (std::optional<Job> job = Pop(/*wait=*/true)) Run(*job);
  }
  // Runs one queued job, if any, on this thread.
  bool RunOne() {
    std::optional<Job> job = Pop(/*wait=*/false);
    if (!job) return false;
    Run(*job);
    return true;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return jobs_.size();
  }
  Status error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }
  bool failed() {
    std::lock_guard<std::mutex> lock(mu_);
    return !error_.ok();
  }

 private:
  std::optional<Job> Pop(bool wait) {
    std::unique_lock<std::mutex> lock(mu_);
    if (wait) cv_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
    if (jobs_.empty()) return std::nullopt;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    if (!error_.ok()) return Job([] { return Status::Ok(); });  // failed: drain unrun
    return job;
  }
  void Run(Job& job) {
    Status s = job();
    if (s.ok()) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.ok()) error_ = s;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool closed_ = false;
  Status error_;
};

Status SiteRenderer::RenderAll(int threads, const DocumentSink& sink) {
  SiteExport run(this, store_, threads, sink);
  return run.Run();
}

SiteExport::SiteExport(SiteRenderer* renderer, store::Store* store, int threads,
                       const Renderer::DocumentSink& sink, int scan_chunk)
    : renderer_(renderer),
      store_(store),
      config_(renderer->config()),
      threads_(std::clamp(threads, 1, 64)),
      scan_chunk_(std::max(scan_chunk, 1)),
      sink_(sink),
      queue_(std::make_unique<JobQueue>()) {}

SiteExport::~SiteExport() = default;

Status SiteExport::Run() {
  // Home and the configured sections exist even when empty.
  ListOf({ListingKind::kHome, ""});
  for (const model::SectionRule& r : config_.sections) ListOf({ListingKind::kSection, r.slug});
  std::vector<std::thread> workers;
  for (int t = 1; t < threads_; ++t) workers.emplace_back([this] { queue_->Work(); });
  Status status = Scan();
  if (status.ok() && !queue_->failed()) {
    DispatchStories(/*all=*/true);
    status = QueueListings();
  }
  if (status.ok() && !queue_->failed()) {
    QueueSitemaps();
    status = QueueByPath();
  }
  queue_->Close();
  queue_->Work();
  for (std::thread& w : workers) w.join();
  WP_RETURN_IF_ERROR(status);
  return queue_->error();
}

// Newest first, scan_chunk_ at a time: each chunk ends before the second
// its last story was published in, and that whole second is read at once,
// so paging needs no OFFSET and never splits stories that tie.
Status SiteExport::Scan() {
  std::optional<Timestamp> before;
  for (bool more = true; more && !queue_->failed();) {
    store::StoryQuery q;
    q.limit = scan_chunk_;
    q.published_to = before;
    WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> chunk, store_->List(q));
    more = static_cast<int>(chunk.size()) == scan_chunk_;
    if (more) {
      Timestamp last = chunk.back().published_at;
      while (!chunk.empty() && chunk.back().published_at == last) chunk.pop_back();
      store::StoryQuery tie;
      tie.limit = 0;
      tie.published_from = last;
      tie.published_to = Timestamp{last.seconds + 1};
      WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> same, store_->List(tie));
      std::move(same.begin(), same.end(), std::back_inserter(chunk));
      before = last;
    }
    for (store::StoryRecord& r : chunk) AddStory(std::move(r));
    DispatchStories(/*all=*/false);
  }
  return Status::Ok();
}

size_t SiteExport::ListOf(const Listing& listing) {
  auto [it, added] = list_index_.try_emplace(ListingDir(listing), lists_.size());
  if (added) lists_.push_back({listing, {}});
  return it->second;
}

void SiteExport::AddStory(store::StoryRecord record) {
  auto idx = static_cast<std::uint32_t>(digests_.size());
  const StoryDigest& digest = digests_.emplace_back(DigestOf(record, config_));
  by_month_[MonthKey(record.published_at)].push_back(idx);
  size_t feed_size = static_cast<size_t>(std::max(config_.feed_size, 0));
  bool in_a_feed = false;
  PendingStory page{nullptr, kNone, kNone};
  for (const Listing& l : ListingsOf(record)) {
    size_t list = ListOf(l);
    if (l.kind == ListingKind::kAgency) continue;  // by_agency_ below
    std::vector<std::uint32_t>& stories = lists_[list].stories;
    stories.push_back(idx);
    in_a_feed |= ListingHasFeeds(l.kind) && stories.size() <= feed_size;
    if (l.kind == ListingKind::kSection) page.section_list = list;
    if (l.kind == ListingKind::kTag && page.tag_list == kNone) page.tag_list = list;
  }
  if (!digest.agency.empty()) {
    // Keyed by slug: the page lists every name whose slug is its own.
    std::vector<std::uint32_t>& stories = by_agency_[AgencySlug(digest.agency)];
    if (credited_.insert(AsciiLower(digest.agency)).second) {
      credited_names_.push_back(digest.agency);
    }
    stories.push_back(idx);
    in_a_feed |= stories.size() <= feed_size;
  }
  page.record = std::make_shared<const store::StoryRecord>(std::move(record));
  if (in_a_feed) feed_records_[page.record->id] = page.record;
  pending_.push_back(std::move(page));
}

// The related block reads the first kRelatedFetch stories of the first tag
// and up to kRelatedFetch + kRelatedCount - 1 of the section; the scan
// appends in the store's order, so once a list is that long its head is final.
void SiteExport::DispatchStories(bool all) {
  auto final_list = [&](size_t list, size_t needed) {
    return all || list == kNone || lists_[list].stories.size() >= needed;
  };
  std::vector<PendingStory> waiting;
  for (PendingStory& p : pending_) {
    if (!final_list(p.tag_list, kRelatedFetch) ||
        !final_list(p.section_list, kRelatedFetch + kRelatedCount)) {
      waiting.push_back(std::move(p));
      continue;
    }
    std::vector<const StoryDigest*> related = Related(p);
    Queue([this, record = std::move(p.record), related = std::move(related)]() {
      return Emit(record->path, renderer_->StoryDocument(*record, related));
    });
  }
  pending_ = std::move(waiting);
}

// SiteRenderer::Related over the member lists.
std::vector<const StoryDigest*> SiteExport::Related(const PendingStory& story) const {
  std::vector<const StoryDigest*> related;
  std::int64_t self = story.record->id;
  auto add_unique = [&](size_t list, size_t fetch) {
    const std::vector<std::uint32_t>& from = lists_[list].stories;
    for (size_t i = 0; i < from.size() && i < fetch; ++i) {
      if (related.size() >= static_cast<size_t>(kRelatedCount)) return;
      const StoryDigest* d = &digests_[from[i]];
      if (d->id == self) continue;
      bool seen = std::any_of(related.begin(), related.end(),
                              [&](const StoryDigest* o) { return o->id == d->id; });
      if (!seen) related.push_back(d);
    }
  };
  if (story.tag_list != kNone) add_unique(story.tag_list, kRelatedFetch);
  if (related.size() < static_cast<size_t>(kRelatedCount)) {
    add_unique(story.section_list, kRelatedFetch + related.size());
  }
  return related;
}

// An agency listing holds the stories whose credit agency has its slug:
// those of every name the slug stands for (SiteRenderer::Describe).
const std::vector<std::uint32_t>* SiteExport::StoriesOf(const Members& m) const {
  static const std::vector<std::uint32_t> kEmpty;
  if (m.listing.kind != ListingKind::kAgency) return &m.stories;
  auto it = by_agency_.find(m.listing.key);
  return it == by_agency_.end() ? &kEmpty : &it->second;
}

Status SiteExport::QueueListings() {
  for (const Members& m : lists_) {
    // Unconfigured sections are kept for related blocks but have no pages.
    if (m.listing.kind == ListingKind::kSection && !IsSection(m.listing.key, config_.sections)) {
      continue;
    }
    WP_RETURN_IF_ERROR(QueueListing(m));
  }
  return Status::Ok();
}

Status SiteExport::QueueListing(const Members& m) {
  // Agency names resolve against the scanned stories, not the live store,
  // which may have moved on since the scan.
  WP_ASSIGN_OR_RETURN(ListingInfo info, renderer_->Describe(m.listing, &credited_names_));
  const std::vector<std::uint32_t>& stories = *StoriesOf(m);
  if (stories.empty() && !AlwaysExists(m.listing.kind)) return Status::Ok();
  size_t size = static_cast<size_t>(std::max(config_.page_size, 1));
  int pages = static_cast<int>((stories.size() + size - 1) / size);
  for (int p = 1; p <= std::max(pages, 1); ++p) {
    Queue([this, &m, &stories, info, p, pages, size]() {
      std::vector<const StoryDigest*> page;
      for (size_t i = (p - 1) * size; i < stories.size() && page.size() < size; ++i) {
        page.push_back(&digests_[stories[i]]);
      }
      return Emit(ListingPagePath(m.listing, p),
                  renderer_->ListingDocument(m.listing, p, pages, info, page));
    });
  }
  if (!ListingHasFeeds(m.listing.kind)) return Status::Ok();
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope != FormatScope::kListing || f.is_html) continue;
    Queue([this, &m, &stories, &f, info]() {
      std::vector<const store::StoryRecord*> items;
      for (size_t i = 0; i < stories.size() && static_cast<int>(i) < config_.feed_size; ++i) {
        items.push_back(feed_records_.at(digests_[stories[i]].id).get());
      }
      return Emit(FormatPath(f, ListingDir(m.listing)),
                  renderer_->FeedDocument(m.listing, f, info, items));
    });
  }
  return Status::Ok();
}

void SiteExport::QueueSitemaps() {
  std::vector<SitemapPart> parts;
  for (const auto& [month, stories] : by_month_) {
    for (size_t first = 0, part = 1; first < stories.size(); first += kSitemapMaxUrls, ++part) {
      parts.push_back({month, static_cast<int>(part)});
      Queue([this, &month, &stories, first, part]() {
        std::vector<const StoryDigest*> urls;
        for (size_t i = first; i < stories.size() && urls.size() < kSitemapMaxUrls; ++i) {
          urls.push_back(&digests_[stories[i]]);
        }
        return Emit(MonthSitemapPath(month, static_cast<int>(part)),
                    renderer_->MonthSitemapDocument(month, static_cast<int>(part), urls));
      });
    }
  }
  const std::vector<std::uint32_t>& all = lists_[0].stories;  // home: every live story
  Timestamp newest = all.empty() ? Timestamp{} : digests_[all.front()].published_at;
  const OutputFormat& index = *FindFormat("sitemap");
  Queue([this, &index, parts = std::move(parts), newest]() {
    return Emit(index.path_pattern, renderer_->SitemapIndexDocument(index, parts, newest));
  });
  const OutputFormat& news = *FindFormat("news-sitemap");
  Queue([this, &news, &all]() {
    std::vector<const StoryDigest*> urls;
    Timestamp cutoff = renderer_->NewsCutoff();
    for (size_t i = 0; i < all.size() && urls.size() < kNewsSitemapMaxUrls; ++i) {
      const StoryDigest* d = &digests_[all[i]];
      if (d->published_at < cutoff) break;
      urls.push_back(d);
    }
    return Emit(news.path_pattern, renderer_->NewsSitemapDocument(news, urls));
  });
}

// The few documents that do not depend on the story lists: theme files,
// robots.txt, and the 410 notices of killed stories.
Status SiteExport::QueueByPath() {
  std::vector<std::string> paths;
  for (const auto& [key, file] : renderer_->statics()) {
    paths.push_back(std::string(kStaticPrefix) + key);
  }
  for (const OutputFormat& f : BuiltinFormats()) {
    if (f.scope == FormatScope::kSite && f.name != "sitemap" && f.name != "news-sitemap") {
      paths.push_back(f.path_pattern);
    }
  }
  WP_RETURN_IF_ERROR(renderer_->AddKilledPaths(&paths));
  for (std::string& path : paths) {
    Queue([this, path = std::move(path)]() { return Emit(path, renderer_->Render(path, {})); });
  }
  return Status::Ok();
}

void SiteExport::Queue(std::function<Status()> job) {
  queue_->Push(std::move(job));
  size_t limit = std::max(kQueuedPerThread * static_cast<size_t>(threads_),
                          2 * static_cast<size_t>(scan_chunk_));
  while (queue_->size() > limit && queue_->RunOne()) {
  }
}

Status SiteExport::Emit(const std::string& path, Result<RenderedDocument> doc) const {
  return sink_(path, std::move(doc));
}

}  // namespace wirepress::publish
