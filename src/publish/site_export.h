// SiteExport: renders every document of a full export (SiteRenderer's
// RenderAll) from one ordered scan of the store instead of one set of store
// queries per path.
//
// The scan reads the live stories newest first, in chunks (keyset paging on
// published_at, never OFFSET), and keeps a StoryDigest per story plus the
// member lists of every listing (home, sections, tags, agencies, days) and
// month. Listing pages are slices of those lists; feeds keep the full
// records of the first feed_size stories of each listing; a story page is
// rendered as soon as the lists its related block reads are long enough to
// be final, so full records are not all held at once. The documents are
// built by the same SiteRenderer::*Document functions Render uses, so each
// has the bytes Render(path) would give.
//
// Thread-safety: one Run per object; it runs `threads` workers internally.
#ifndef WIREPRESS_PUBLISH_SITE_EXPORT_H_
#define WIREPRESS_PUBLISH_SITE_EXPORT_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "publish/site_renderer.h"

namespace wirepress::publish {

class JobQueue;

// Stories per List call of the scan: large enough that the store's cost
// per call vanishes, small enough that few full records wait in memory.
inline constexpr int kDefaultScanChunk = 2000;

class SiteExport {
 public:
  // `renderer` and `store` must outlive the object. `scan_chunk` (> 0) is
  // the List limit of the scan.
  SiteExport(SiteRenderer* renderer, store::Store* store, int threads,
             const Renderer::DocumentSink& sink, int scan_chunk = kDefaultScanChunk);
  ~SiteExport();

  // See Renderer::RenderAll.
  Status Run();

 private:
  // One listing and its stories (indices into digests_), newest first.
  // Agency listings keep no list: theirs is by_agency_[slug].
  struct Members {
    Listing listing;
    std::vector<std::uint32_t> stories;
  };
  // A story page waiting until its related lists are final.
  struct PendingStory {
    std::shared_ptr<const store::StoryRecord> record;
    size_t tag_list;      // index into lists_ of its first tag, or npos
    size_t section_list;  // index into lists_ of its section
  };

  Status Scan();
  void AddStory(store::StoryRecord record);
  size_t ListOf(const Listing& listing);
  // Queues the pending story pages whose related lists are final (all of
  // them when `all`).
  void DispatchStories(bool all);
  std::vector<const StoryDigest*> Related(const PendingStory& story) const;
  const std::vector<std::uint32_t>* StoriesOf(const Members& m) const;
  Status QueueListings();
  Status QueueListing(const Members& m);
  void QueueSitemaps();
  Status QueueByPath();
  // Queues `job`, or runs one queued job on this thread when the queue is
  // full (the scan thread helps the workers rather than outrunning them).
  void Queue(std::function<Status()> job);
  Status Emit(const std::string& path, Result<RenderedDocument> doc) const;

  SiteRenderer* const renderer_;
  store::Store* const store_;
  const SiteConfig& config_;
  const int threads_;
  const int scan_chunk_;
  const Renderer::DocumentSink& sink_;
  std::unique_ptr<JobQueue> queue_;

  // Written by the scanning thread only; jobs read digests by pointer
  // (deque elements never move) and everything else after the scan.
  std::deque<StoryDigest> digests_;
  std::vector<Members> lists_;
  std::unordered_map<std::string, size_t> list_index_;                     // ListingDir → lists_
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_agency_;  // AgencySlug
  // The credit agencies of the scanned stories, each once ignoring case
  // (credited_ holds them lower-cased): what agency pages resolve against.
  std::vector<std::string> credited_names_;
  std::unordered_set<std::string> credited_;
  std::map<std::string, std::vector<std::uint32_t>> by_month_;             // "2019-05"
  std::unordered_map<std::int64_t, std::shared_ptr<const store::StoryRecord>> feed_records_;
  std::vector<PendingStory> pending_;
};

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_SITE_EXPORT_H_
