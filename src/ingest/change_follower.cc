#include "ingest/change_follower.h"

#include <chrono>

#include "base/logging.h"

namespace wirepress::ingest {

ChangeFollower::ChangeFollower(const ChangeFollowerOptions& options, store::Store* store,
                               const Clock* clock, Pipeline::Listener listener)
    : options_(options), store_(store), clock_(clock), listener_(std::move(listener)) {}

ChangeFollower::~ChangeFollower() { Stop(); }

Status ChangeFollower::SkipToEnd() {
  for (;;) {
    WP_ASSIGN_OR_RETURN(std::vector<store::Change> changes,
                        store_->ChangesSince(last_seq_, options_.batch));
    if (changes.empty()) return Status::Ok();
    last_seq_ = changes.back().seq;
  }
}

Result<int> ChangeFollower::Poll() {
  int seen = 0;
  for (;;) {
    WP_ASSIGN_OR_RETURN(std::vector<store::Change> changes,
                        store_->ChangesSince(last_seq_, options_.batch));
    if (changes.empty()) return seen;
    for (const store::Change& c : changes) {
      Result<store::StoryRecord> record = store_->GetById(c.story_id);
      if (record.ok() && listener_) {
        store::PutOutcome outcome;
        outcome.action = c.action;
        outcome.record = std::move(record).value();
        if (c.action == store::PutAction::kKilled || c.action == store::PutAction::kHeld) {
          // The log does not keep the state before; a killed story was
          // (almost always) live, and saying so lets the renderer name every
          // listing it left. Were it embargoed, that only over-invalidates.
          outcome.previous = outcome.record;
          outcome.previous->state = store::StoryState::kLive;
          outcome.previous->kill_reason.clear();
        }
        listener_(outcome);
      }
      last_seq_ = c.seq;
      ++seen;
    }
  }
}

Result<std::int64_t> ChangeFollower::PruneIfDue() {
  if (options_.retain_hours <= 0) return 0;
  const std::int64_t now_us = clock_->MonotonicMicros();
  if (last_prune_us_ &&
      now_us - *last_prune_us_ < std::int64_t{options_.prune_every_s} * 1000000) {
    return 0;
  }
  last_prune_us_ = now_us;
  Timestamp before{clock_->Now().seconds - std::int64_t{options_.retain_hours} * 3600};
  WP_ASSIGN_OR_RETURN(std::int64_t removed, store_->PruneChanges(before));
  if (removed > 0) LogInfo("changes.prune", {{"removed", std::to_string(removed)}});
  return removed;
}

Status ChangeFollower::Start() {
  WP_RETURN_IF_ERROR(SkipToEnd());
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

void ChangeFollower::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChangeFollower::Loop() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_interval_ms),
                   [this] { return stopping_; });
      if (stopping_) return;
    }
    Result<int> n = Poll();
    if (!n.ok()) LogError("changes.poll", {{"error", n.status().message()}});
    Result<std::int64_t> pruned = PruneIfDue();
    if (!pruned.ok()) LogError("changes.prune", {{"error", pruned.status().message()}});
  }
}

}  // namespace wirepress::ingest
