// FeedPoller: pulls agency feeds over HTTP(S) and feeds each new response
// body through the Pipeline, with Input.source = Input.base_url = the URL.
//
//   - each feed has its own interval (down to 1 s);
//   - conditional GET: the ETag and Last-Modified of the last body that was
//     dealt with go back as If-None-Match / If-Modified-Since; a 304 is
//     "nothing new" and costs no parsing;
//   - a transport error, a non-2xx status or a store error backs off
//     exponentially (interval × 2^(failures-1), capped, ± jitter) and does
//     not keep the validators, so the next poll fetches the body again;
//   - a body the pipeline refuses (InvalidInput) is kept in failed/ with
//     its reason (InputArchive::KeepFailed) and counts as a failure; its
//     validators are kept, so the same bad body is not archived again and
//     again; so is a 2xx HTML page (a login or error page), which would
//     otherwise sniff as plain-text wire copy;
//   - a feed that has produced no created/updated/killed story for longer
//     than its quiet_after_s is reported once as quiet (a warning log line
//     and FeedHealth.quiet), until it produces something again.
//
// Start() polls with up to max_concurrent worker threads, each taking the
// most overdue feed no other worker holds, so a slow or hanging agency
// server (up to timeout_ms) delays only its own feed, never the others.
//
// Thread-safety: PollDue from one thread at a time, and not while Start's
// workers run (tests); PollFeed for different feeds may run at once, never
// twice at once for one feed; Health from any thread.
#ifndef WIREPRESS_INGEST_FEED_POLLER_H_
#define WIREPRESS_INGEST_FEED_POLLER_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "base/thread_annotations.h"
#include "ingest/archive.h"
#include "ingest/http_client.h"
#include "ingest/pipeline.h"

namespace wirepress::ingest {

struct FeedConfig {
  std::string url;     // http:// or https://
  std::string agency;  // label for logs and metrics; "" = the URL's host
  // Seconds between polls when all is well. Agencies publish every few
  // seconds at peak; 1 s is the floor to stay polite.
  int interval_s = 60;
  // Alert when nothing new came for this long; 0 = never.
  int quiet_after_s = 0;
};

struct FeedPollerOptions {
  std::vector<FeedConfig> feeds;
  int timeout_ms = 15000;          // per request, whole exchange
  int connect_timeout_ms = 5000;
  // Backoff after consecutive failures doubles from the feed's interval up
  // to this; longer spares a dead server, shorter notices recovery sooner.
  int max_backoff_s = 900;
  // ± this fraction of each delay is random, so feeds that failed together
  // (one agency down) do not retry in lock-step.
  double jitter = 0.2;
  size_t max_body_bytes = 32u << 20;
  // Feeds polled at once (worker threads; no more than there are feeds).
  int max_concurrent = 4;
};

// What the poller knows about one feed; a copy, safe to read anywhere.
struct FeedHealth {
  std::string url;
  std::string agency;
  std::optional<Timestamp> last_success;  // last 2xx/304 dealt with
  std::optional<Timestamp> last_new;      // last poll that changed a story
  std::optional<Timestamp> last_error_at;
  std::string last_error;                 // "" when the last poll succeeded
  int consecutive_failures = 0;
  Timestamp next_poll;
  bool quiet = false;                     // quiet alert raised, not cleared
  std::uint64_t polls = 0, not_modified = 0, failures = 0, quiet_alerts = 0;
};

// What one PollFeed did.
enum class PollResult { kIngested, kNotModified, kFailed };

class FeedPoller {
 public:
  // `pipeline`, `archive`, `http` and `clock` must outlive the poller.
  // Every feed is due at once.
  FeedPoller(const FeedPollerOptions& options, Pipeline* pipeline, InputArchive* archive,
             HttpClient* http, const Clock* clock);
  ~FeedPoller();  // Stop()s

  // Polls feed `index` now, whatever its schedule, and plans its next poll.
  // REQUIRES: index < feeds.size().
  PollResult PollFeed(size_t index);
  // Polls every feed whose time has come; returns how many were polled.
  int PollDue();
  // Seconds until the earliest next poll (0 when one is due); -1 if no feeds.
  // Feeds a worker is polling right now are left out (they are not waiting
  // for their time), and -1 is also the answer when every feed is in flight.
  std::int64_t SecondsUntilNext() const EXCLUDES(mu_);

  std::vector<FeedHealth> Health() const EXCLUDES(mu_);

  // Runs PollDue on a thread until Stop(); with no feeds, starts nothing.
  void Start();
  void Stop();

 private:
  struct FeedState {
    std::string etag;
    std::string last_modified;
  };
  void Worker();
  // The most overdue feed no worker holds, marked held; nullopt if none is
  // due. Checks the others for quietness on the way.
  std::optional<size_t> ClaimDue() EXCLUDES(mu_);
  void Succeeded(size_t index, bool changed_something) REQUIRES(mu_);
  void Failed(size_t index, const Status& why) REQUIRES(mu_);
  void CheckQuiet(size_t index, Timestamp now) REQUIRES(mu_);
  std::int64_t Jittered(std::int64_t seconds) REQUIRES(mu_);
  Status KeepBadBody(size_t index, const std::string& body, const Status& why);

  FeedPollerOptions options_;
  Pipeline* pipeline_;
  InputArchive* archive_;
  HttpClient* http_;
  const Clock* clock_;
  Timestamp started_;
  mutable Mutex mu_;
  std::vector<FeedHealth> health_ GUARDED_BY(mu_);
  std::vector<FeedState> state_ GUARDED_BY(mu_);
  std::vector<bool> in_flight_ GUARDED_BY(mu_);  // a worker is polling it
  std::mt19937 random_ GUARDED_BY(mu_);
  std::mutex wait_mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by wait_mu_
  std::vector<std::thread> workers_;
};

// The feed's host from its URL ("https://x.example:8443/a" → "x.example").
std::string FeedHost(const std::string& url);

}  // namespace wirepress::ingest

#endif  // WIREPRESS_INGEST_FEED_POLLER_H_
