#include "server/server.h"

#include <algorithm>

#include "base/logging.h"

namespace wirepress::server {
namespace {

// Changes remembered for the follower's echo: far more than arrive within
// its poll interval (250 ms) even in a burst.
constexpr size_t kSeenKept = 4096;

std::unique_ptr<PushEndpoint> MakePush(const ServerOptions& options, ingest::Pipeline* pipeline,
                                       ingest::InputArchive* archive) {
  if (pipeline == nullptr || archive == nullptr) return nullptr;
  return std::make_unique<PushEndpoint>(options.push_token, pipeline, archive);
}

}  // namespace

Server::Server(const ServerOptions& options, publish::Renderer* renderer,
               ingest::Pipeline* pipeline, ingest::InputArchive* archive)
    : renderer_(renderer),
      cache_(options.cache_entries),
      push_(MakePush(options, pipeline, archive)),
      handler_(renderer, &cache_, &metrics_, push_.get(), options.compression,
               options.indexnow_key),
      http_(
          options,
          [this](const HttpRequest& r) {
            if (admin_ != nullptr && AdminHandler::Owns(r.path)) return admin_->Handle(r);
            return handler_.Handle(r);
          },
          [this](const HttpRequest&, const HttpResponse& resp) {
            metrics_.CountRequest(resp.status);
          }) {}

Server::~Server() { Stop(); }

void Server::AttachTo(ingest::Pipeline* pipeline) {
  pipeline->AddListener([this](const store::PutOutcome& o) { OnStoreChange(o); });
  pipeline->AddInputListener(
      [this](std::string_view source, const Result<ingest::IngestReport>& r) {
        OnInput(source, r);
      });
}

Status Server::Start() { return http_.Start(); }

void Server::Stop() { http_.Stop(); }

void Server::OnStoreChange(const store::PutOutcome& outcome) {
  metrics_.CountStory(outcome.action);
  if (outcome.action == store::PutAction::kUnchanged ||
      outcome.action == store::PutAction::kRejected) {
    return;
  }
  {
    std::lock_guard<std::mutex> lock(seen_mu_);
    seen_.push_back(SeenOf(outcome.record));
    if (seen_.size() > kSeenKept) seen_.pop_front();
  }
  InvalidateNow(outcome);
}

void Server::Invalidate(const store::PutOutcome& outcome) {
  if (outcome.action == store::PutAction::kUnchanged ||
      outcome.action == store::PutAction::kRejected) {
    return;
  }
  {
    std::lock_guard<std::mutex> lock(seen_mu_);
    auto it = std::find(seen_.begin(), seen_.end(), SeenOf(outcome.record));
    if (it != seen_.end()) {
      seen_.erase(it);  // the follower reports each change once
      ++skipped_own_;
      return;
    }
  }
  InvalidateNow(outcome);
  if (outcome.action == store::PutAction::kUpdated && !outcome.previous) {
    // Another process updated the story, and the change log does not say
    // what it was before: an old section or a removed tag may list it
    // still. Drop every listing, feed and sitemap; story pages stay.
    cache_.InvalidateIf([this](const std::string& key) { return !renderer_->IsStoryPath(key); });
  }
}

void Server::InvalidateNow(const store::PutOutcome& outcome) {
  // The cache drops every page of a listing itself: the listing's first
  // page is enough, and finding the exact pages would cost store counts.
  cache_.Invalidate(renderer_->AffectedListingRoots(outcome));
  // A story that left the site (kill, back under embargo) may sit in the
  // related block of any story page: drop them all. Kills are rare, and a
  // withdrawn headline must not stay on a page.
  bool was_live = outcome.previous && outcome.previous->state == store::StoryState::kLive;
  if (was_live && outcome.record.state != store::StoryState::kLive) {
    cache_.InvalidateIf([this](const std::string& key) { return renderer_->IsStoryPath(key); });
  }
}

void Server::OnInput(std::string_view source, const Result<ingest::IngestReport>& result) {
  metrics_.CountInput(result.status().code(), result.ok() ? result->elapsed_micros : 0);
}

}  // namespace wirepress::server
