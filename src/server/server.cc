#include "server/server.h"

#include "base/logging.h"

namespace wirepress::server {
namespace {

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
  Invalidate(outcome);
}

void Server::Invalidate(const store::PutOutcome& outcome) {
  if (outcome.action == store::PutAction::kUnchanged ||
      outcome.action == store::PutAction::kRejected) {
    return;
  }
  cache_.Invalidate(renderer_->AffectedPaths(outcome));
}

void Server::OnInput(std::string_view source, const Result<ingest::IngestReport>& result) {
  metrics_.CountInput(result.status().code(), result.ok() ? result->elapsed_micros : 0);
}

}  // namespace wirepress::server
