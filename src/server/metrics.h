// Metrics: the server's counters, written out in the Prometheus text
// exposition format (version 0.0.4) at /metrics:
//
//   wirepress_http_requests_total{code="200"}        by response status
//   wirepress_cache_hits_total / _misses_total       document cache
//   wirepress_cache_entries                          documents cached now
//   wirepress_ingest_inputs_total{result="ok"}       inputs: ok|invalid|error
//   wirepress_ingest_stories_total{action="created"} stories by PutAction
//   wirepress_ingest_latency_seconds                 histogram, parse → commit
//   wirepress_feed_*{feed="<url>",agency="AFP"}      per polled feed: up,
//       consecutive_failures, last_success/last_error/next_poll timestamps,
//       quiet, polls/not_modified/failures/quiet_alerts totals
//   wirepress_pings_total{result="sent"}             WebSub/IndexNow: sent|failed|dropped
//
// Thread-safety: every method is safe from any thread.
#ifndef WIREPRESS_SERVER_METRICS_H_
#define WIREPRESS_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/thread_annotations.h"
#include "ingest/feed_poller.h"
#include "store/store.h"

namespace wirepress::server {

class Metrics {
 public:
  void CountRequest(int status) EXCLUDES(mu_);
  void CountCacheHit() { cache_hits_.fetch_add(1, std::memory_order_relaxed); }
  void CountCacheMiss() { cache_misses_.fetch_add(1, std::memory_order_relaxed); }
  void CountStory(store::PutAction action) EXCLUDES(mu_);
  // Records one ingested input: its result class and, when it succeeded,
  // its latency.
  void CountInput(StatusCode code, std::int64_t elapsed_micros) EXCLUDES(mu_);

  // Sent, failed and dropped pings (server/pings.h).
  struct PingCounts {
    std::uint64_t sent = 0, failed = 0, dropped = 0;
  };
  // Where each scrape reads feed health (ingest::FeedPoller::Health) and
  // ping counts from; unset sources write no lines. The sources are called
  // without any lock held, from the scraping thread.
  // REQUIRES: set before the first RenderPrometheus from another thread.
  void SetFeedHealthSource(std::function<std::vector<ingest::FeedHealth>()> source) {
    feed_health_ = std::move(source);
  }
  void SetPingSource(std::function<PingCounts()> source) { pings_ = std::move(source); }

  // The exposition text; `cache_entries` is the cache's current size.
  std::string RenderPrometheus(size_t cache_entries) const EXCLUDES(mu_);

  // Upper bounds (seconds) of the latency histogram buckets (+Inf implied).
  static constexpr std::array<double, 11> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};

 private:
  std::string RenderCounters(size_t cache_entries) const EXCLUDES(mu_);

  std::atomic<std::uint64_t> cache_hits_{0};
  std::atomic<std::uint64_t> cache_misses_{0};
  mutable Mutex mu_;
  std::map<int, std::uint64_t> requests_ GUARDED_BY(mu_);
  std::map<std::string, std::uint64_t> stories_ GUARDED_BY(mu_);
  std::map<std::string, std::uint64_t> inputs_ GUARDED_BY(mu_);
  std::array<std::uint64_t, kLatencyBuckets.size()> latency_buckets_ GUARDED_BY(mu_) = {};
  std::uint64_t latency_count_ GUARDED_BY(mu_) = 0;
  double latency_sum_ GUARDED_BY(mu_) = 0;
  std::function<std::vector<ingest::FeedHealth>()> feed_health_;
  std::function<PingCounts()> pings_;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_METRICS_H_
