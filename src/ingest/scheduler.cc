#include "ingest/scheduler.h"

#include <algorithm>
#include <chrono>

#include "base/logging.h"
#include "model/story.h"

namespace wirepress::ingest {
namespace {

// After a store error, retry after this long rather than spinning.
constexpr int kErrorRetryMs = 1000;

}  // namespace

Scheduler::Scheduler(const SchedulerOptions& options, store::Store* store, const Clock* clock,
                     Pipeline::Listener notify)
    : options_(options), store_(store), clock_(clock), notify_(std::move(notify)) {}

Scheduler::~Scheduler() { Stop(); }

Result<int> Scheduler::ReleaseDue() {
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> released,
                      store_->ReleaseDue(clock_->Now()));
  for (store::StoryRecord& r : released) {
    store::PutOutcome outcome;
    outcome.action = store::PutAction::kCreated;
    outcome.previous = r;
    outcome.previous->state = store::StoryState::kEmbargoed;
    outcome.record = std::move(r);
    LogInfo("embargo.released", {{"uri", outcome.record.story.uri},
                                 {"key", model::StoryKey(outcome.record.story)},
                                 {"path", outcome.record.path}});
    if (notify_) notify_(outcome);
  }
  return static_cast<int>(released.size());
}

Result<int> Scheduler::MillisUntilNext() {
  WP_ASSIGN_OR_RETURN(std::optional<Timestamp> next, store_->NextEmbargo());
  if (!next) return options_.max_sleep_ms;
  std::int64_t ms = (next->seconds - clock_->Now().seconds) * 1000;
  return static_cast<int>(std::clamp<std::int64_t>(ms, 0, options_.max_sleep_ms));
}

void Scheduler::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Scheduler::Loop() {
  for (;;) {
    Result<int> released = ReleaseDue();
    if (!released.ok()) LogError("embargo.release", {{"error", released.status().message()}});
    Result<int> wait = released.ok() ? MillisUntilNext() : Result<int>(kErrorRetryMs);
    if (!wait.ok()) {
      LogError("embargo.next", {{"error", wait.status().message()}});
      wait = kErrorRetryMs;
    }
    // Timestamps have one-second resolution: a story due "now" that the
    // store did not release yet is retried shortly, not in a busy loop.
    int ms = std::max(*wait, 50);
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace wirepress::ingest
