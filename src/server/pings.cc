#include "server/pings.h"

#include <chrono>

#include "base/logging.h"
#include "base/strings.h"
#include "publish/output_format.h"

namespace wirepress::server {
namespace {

// Feeds are what WebSub subscribers follow; pages and sitemaps are not.
bool IsFeedPath(const std::string& path) {
  size_t slash = path.rfind('/');
  const publish::OutputFormat* f =
      publish::FindListingFormatByFile(slash == std::string::npos ? path : path.substr(slash + 1));
  return f != nullptr && !f->is_html && f->rel == "alternate";
}

}  // namespace

Pinger::Pinger(const PingOptions& options, publish::Renderer* renderer, ingest::HttpClient* http)
    : options_(options), renderer_(renderer), http_(http) {}

Pinger::~Pinger() { Stop(); }

void Pinger::OnChange(const store::PutOutcome& outcome) {
  if (!enabled()) return;
  if (outcome.action != store::PutAction::kCreated &&
      outcome.action != store::PutAction::kUpdated && outcome.action != store::PutAction::kKilled &&
      outcome.action != store::PutAction::kHeld) {
    return;
  }
  if (!options_.websub_hub.empty()) {
    std::string form = "hub.mode=publish";
    int topics = 0;
    // Listing roots name every feed of every affected listing, found
    // without store reads: this runs on the ingest thread.
    for (const std::string& path : renderer_->AffectedListingRoots(outcome)) {
      if (!IsFeedPath(path)) continue;
      form += "&hub.url=" + UrlEncode(options_.base_url + path);
      ++topics;
    }
    if (topics > 0) {
      ingest::HttpRequest r;
      r.method = "POST";
      r.url = options_.websub_hub;
      r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
      r.body = std::move(form);
      Enqueue(std::move(r));
    }
  }
  if (!options_.indexnow_endpoint.empty() && !outcome.record.path.empty()) {
    ingest::HttpRequest r;
    char sep = options_.indexnow_endpoint.find('?') == std::string::npos ? '?' : '&';
    r.url = options_.indexnow_endpoint + sep + "url=" +
            UrlEncode(options_.base_url + outcome.record.path) +
            "&key=" + UrlEncode(options_.indexnow_key);
    Enqueue(std::move(r));
  }
}

void Pinger::Enqueue(ingest::HttpRequest request) {
  request.timeout_ms = options_.timeout_ms;
  request.max_body_bytes = 1u << 20;  // we only read the status
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() < options_.max_queue) {
      queue_.push_back(std::move(request));
      cv_.notify_all();
      return;
    }
  }
  dropped_++;
  LogWarn("ping.dropped", {{"url", request.url}, {"why", "queue full"}});
}

void Pinger::Start() {
  if (!enabled() || thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void Pinger::Stop() {
  size_t left = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    left = queue_.size();
    queue_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (left > 0) {
    dropped_ += left;
    LogWarn("ping.dropped", {{"count", std::to_string(left)}, {"why", "shutting down"}});
  }
}

bool Pinger::WaitIdle(int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [this] { return queue_.empty() && !busy_; });
}

void Pinger::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    ingest::HttpRequest r = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    bool ok = Deliver(r);
    (ok ? sent_ : failed_)++;
    lock.lock();
    busy_ = false;
    cv_.notify_all();  // WaitIdle
  }
}

bool Pinger::Deliver(const ingest::HttpRequest& request) {
  int delay_ms = options_.retry_delay_ms;
  std::string error;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    Result<ingest::HttpResponse> resp = http_->Send(request);
    if (resp.ok() && resp->status >= 200 && resp->status <= 299) {
      LogDebug("ping.sent", {{"url", request.url}, {"status", std::to_string(resp->status)}});
      return true;
    }
    error = resp.ok() ? "HTTP status " + std::to_string(resp->status) : resp.status().ToString();
    if (attempt == options_.max_attempts) break;
    // Stop cuts the wait short: no retries during shutdown.
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, std::chrono::milliseconds(delay_ms), [this] { return stopping_; })) {
      break;
    }
    delay_ms *= 2;
  }
  LogWarn("ping.failed", {{"url", request.url}, {"error", error}});
  return false;
}

}  // namespace wirepress::server
