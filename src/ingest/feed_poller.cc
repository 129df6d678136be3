#include "ingest/feed_poller.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/logging.h"
#include "base/strings.h"
#include "base/time.h"

namespace wirepress::ingest {
namespace {

bool ChangedSomething(const IngestReport& report) {
  for (const store::PutOutcome& o : report.outcomes) {
    switch (o.action) {
      case store::PutAction::kCreated:
      case store::PutAction::kEmbargoed:
      case store::PutAction::kUpdated:
      case store::PutAction::kKilled:
        return true;
      default:
        break;
    }
  }
  return false;
}

std::string StampForName(Timestamp t) {
  CivilTime c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

}  // namespace

std::string FeedHost(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of(":/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  return host.empty() ? "feed" : host;
}

FeedPoller::FeedPoller(const FeedPollerOptions& options, Pipeline* pipeline,
                       InputArchive* archive, HttpClient* http, const Clock* clock)
    : options_(options),
      pipeline_(pipeline),
      archive_(archive),
      http_(http),
      clock_(clock),
      started_(clock->Now()),
      random_(static_cast<std::uint32_t>(clock->MonotonicMicros())) {
  MutexLock lock(&mu_);
  for (FeedConfig& f : options_.feeds) {
    f.interval_s = std::max(f.interval_s, 1);
    if (f.agency.empty()) f.agency = FeedHost(f.url);
    FeedHealth h;
    h.url = f.url;
    h.agency = f.agency;
    h.next_poll = started_;
    health_.push_back(std::move(h));
  }
  state_.resize(options_.feeds.size());
  in_flight_.resize(options_.feeds.size());
}

FeedPoller::~FeedPoller() { Stop(); }

PollResult FeedPoller::PollFeed(size_t index) {
  const FeedConfig& feed = options_.feeds[index];
  HttpRequest request;
  request.url = feed.url;
  request.timeout_ms = options_.timeout_ms;
  request.connect_timeout_ms = options_.connect_timeout_ms;
  request.max_body_bytes = options_.max_body_bytes;
  {
    MutexLock lock(&mu_);
    health_[index].polls++;
    const FeedState& s = state_[index];
    if (!s.etag.empty()) request.headers.emplace_back("If-None-Match", s.etag);
    if (!s.last_modified.empty()) request.headers.emplace_back("If-Modified-Since", s.last_modified);
  }
  Result<HttpResponse> response = http_->Send(request);
  if (!response.ok()) {
    MutexLock lock(&mu_);
    Failed(index, response.status());
    return PollResult::kFailed;
  }
  if (response->status == 304) {
    MutexLock lock(&mu_);
    health_[index].not_modified++;
    Succeeded(index, false);
    return PollResult::kNotModified;
  }
  if (response->status < 200 || response->status > 299) {
    MutexLock lock(&mu_);
    Failed(index, Status::Unavailable("polling " + feed.url,
                                      "HTTP status " + std::to_string(response->status)));
    return PollResult::kFailed;
  }
  // A login or error page answered with 200 would otherwise sniff as plain
  // text wire copy and go live as a story.
  Result<IngestReport> report =
      StartsWith(AsciiLower(response->Header("content-type")), "text/html")
          ? Result<IngestReport>(Status::InvalidInput(
                feed.url, "the server sent an HTML page (" + response->Header("content-type") +
                              "), not a feed"))
          : pipeline_->Ingest(formats::Input{feed.url, response->body, feed.url});
  bool invalid = !report.ok() && report.status().code() == StatusCode::kInvalidInput;
  Status kept;
  if (invalid) kept = KeepBadBody(index, response->body, report.status());
  MutexLock lock(&mu_);
  // The validators of a body dealt with (stored or archived) are kept; after
  // a store error the body must come again, so they are not.
  if (report.ok() || invalid) {
    state_[index].etag = response->Header("etag");
    state_[index].last_modified = response->Header("last-modified");
  }
  if (!report.ok()) {
    Failed(index, report.status());
    if (!kept.ok()) LogError("feed.keep_failed", {{"url", feed.url}, {"error", kept.ToString()}});
    return PollResult::kFailed;
  }
  Succeeded(index, ChangedSomething(*report));
  return PollResult::kIngested;
}

Status FeedPoller::KeepBadBody(size_t index, const std::string& body, const Status& why) {
  std::string name =
      FeedHost(options_.feeds[index].url) + "-" + StampForName(clock_->Now()) + ".feed";
  Result<std::string> kept = archive_->KeepFailed(name, body, why);
  if (!kept.ok()) return kept.status();
  LogWarn("feed.invalid", {{"url", options_.feeds[index].url}, {"kept", *kept}});
  return Status::Ok();
}

void FeedPoller::Succeeded(size_t index, bool changed_something) {
  FeedHealth& h = health_[index];
  Timestamp now = clock_->Now();
  h.last_success = now;
  h.last_error.clear();
  h.consecutive_failures = 0;
  if (changed_something) {
    h.last_new = now;
    if (h.quiet) LogInfo("feed.awake", {{"url", h.url}, {"agency", h.agency}});
    h.quiet = false;
  }
  h.next_poll = Timestamp{now.seconds + Jittered(options_.feeds[index].interval_s)};
  CheckQuiet(index, now);
}

void FeedPoller::Failed(size_t index, const Status& why) {
  FeedHealth& h = health_[index];
  Timestamp now = clock_->Now();
  h.last_error_at = now;
  h.last_error = why.ToString();
  h.consecutive_failures++;
  h.failures++;
  // interval × 2^(failures-1), capped; the shift is bounded so it cannot
  // overflow however long a feed stays down.
  std::int64_t interval = options_.feeds[index].interval_s;
  int shift = std::min(h.consecutive_failures - 1, 20);
  std::int64_t delay = std::min<std::int64_t>(interval << shift,
                                              std::max(options_.max_backoff_s, 1));
  h.next_poll = Timestamp{now.seconds + Jittered(delay)};
  LogWarn("feed.error", {{"url", h.url},
                         {"error", h.last_error},
                         {"failures", std::to_string(h.consecutive_failures)},
                         {"retry_in_s", std::to_string(h.next_poll.seconds - now.seconds)}});
  CheckQuiet(index, now);
}

void FeedPoller::CheckQuiet(size_t index, Timestamp now) {
  FeedHealth& h = health_[index];
  int quiet_after = options_.feeds[index].quiet_after_s;
  if (quiet_after <= 0 || h.quiet) return;
  Timestamp since = h.last_new.value_or(started_);
  if (now.seconds - since.seconds <= quiet_after) return;
  h.quiet = true;
  h.quiet_alerts++;
  LogWarn("feed.quiet", {{"url", h.url},
                         {"agency", h.agency},
                         {"silent_s", std::to_string(now.seconds - since.seconds)}});
}

std::int64_t FeedPoller::Jittered(std::int64_t seconds) {
  if (options_.jitter <= 0) return seconds;
  std::uniform_real_distribution<double> d(1 - options_.jitter, 1 + options_.jitter);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(seconds * d(random_) + 0.5));
}

int FeedPoller::PollDue() {
  int polled = 0;
  for (size_t i = 0; i < options_.feeds.size(); ++i) {
    bool due;
    {
      MutexLock lock(&mu_);
      due = health_[i].next_poll <= clock_->Now();
      if (!due) CheckQuiet(i, clock_->Now());  // a feed in long backoff still goes quiet
    }
    if (!due) continue;
    PollFeed(i);
    ++polled;
  }
  return polled;
}

std::int64_t FeedPoller::SecondsUntilNext() const {
  MutexLock lock(&mu_);
  std::int64_t now = clock_->Now().seconds, best = INT64_MAX;
  for (size_t i = 0; i < health_.size(); ++i) {
    if (!in_flight_[i]) best = std::min(best, health_[i].next_poll.seconds - now);
  }
  return best == INT64_MAX ? -1 : std::max<std::int64_t>(best, 0);
}

std::vector<FeedHealth> FeedPoller::Health() const {
  MutexLock lock(&mu_);
  return health_;
}

void FeedPoller::Start() {
  if (options_.feeds.empty() || !workers_.empty()) return;
  {
    std::lock_guard<std::mutex> lock(wait_mu_);
    stopping_ = false;
  }
  size_t n = std::clamp<size_t>(static_cast<size_t>(std::max(options_.max_concurrent, 1)), 1,
                                options_.feeds.size());
  for (size_t i = 0; i < n; ++i) workers_.emplace_back([this] { Worker(); });
}

void FeedPoller::Stop() {
  {
    std::lock_guard<std::mutex> lock(wait_mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

std::optional<size_t> FeedPoller::ClaimDue() {
  MutexLock lock(&mu_);
  Timestamp now = clock_->Now();
  std::optional<size_t> best;
  for (size_t i = 0; i < health_.size(); ++i) {
    if (in_flight_[i]) continue;
    if (health_[i].next_poll > now) {
      CheckQuiet(i, now);  // a feed in long backoff still goes quiet
      continue;
    }
    if (!best || health_[i].next_poll < health_[*best].next_poll) best = i;
  }
  if (best) in_flight_[*best] = true;
  return best;
}

void FeedPoller::Worker() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(wait_mu_);
      if (stopping_) return;
    }
    if (std::optional<size_t> i = ClaimDue()) {
      PollFeed(*i);
      MutexLock lock(&mu_);
      in_flight_[*i] = false;
      continue;
    }
    // Wake at least once a second: intervals are whole seconds, and the
    // wall clock may be stepped. Feeds other workers are polling do not
    // count (they used to count as due, which woke every idle worker each
    // 50 ms for as long as a slow feed took).
    std::int64_t wait_s = SecondsUntilNext();
    std::unique_lock<std::mutex> lock(wait_mu_);
    if (cv_.wait_for(lock, std::chrono::milliseconds(wait_s == 0 ? 50 : 1000),
                     [this] { return stopping_; })) {
      return;
    }
  }
}

}  // namespace wirepress::ingest
