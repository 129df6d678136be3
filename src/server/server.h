// Server: `wirepress serve`'s HTTP side assembled — the libmicrohttpd
// listener, the router, the document cache, metrics and the push
// endpoint. It learns about store changes as an ingest listener and
// invalidates exactly the documents publish::Renderer::AffectedPaths names,
// so a new, updated, released or killed story shows on the next request.
//
// Thread-safety: OnStoreChange/OnInput may be called from any thread
// (ingest, scheduler); Start/Stop from the owning thread.
#ifndef WIREPRESS_SERVER_SERVER_H_
#define WIREPRESS_SERVER_SERVER_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/archive.h"
#include "ingest/pipeline.h"
#include "publish/renderer.h"
#include "server/admin_handler.h"
#include "server/document_cache.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "server/push_endpoint.h"
#include "server/server_options.h"
#include "server/site_handler.h"

namespace wirepress::server {

class Server {
 public:
  // `renderer` must outlive the server. `pipeline` and `archive` (both or
  // neither) enable POST /api/v1/ingest and must outlive it too.
  Server(const ServerOptions& options, publish::Renderer* renderer, ingest::Pipeline* pipeline,
         ingest::InputArchive* archive);
  ~Server();  // Stop()s

  // Registers OnStoreChange and OnInput with `pipeline`.
  // REQUIRES: before the pipeline's first Ingest.
  void AttachTo(ingest::Pipeline* pipeline);

  // Routes /admin and /admin/* to `admin` (which must outlive the server),
  // ahead of the document cache; without it those paths are ordinary 404s.
  // REQUIRES: before Start.
  void SetAdmin(AdminHandler* admin) { admin_ = admin; }

  // Binds and serves. IoError naming the address when it cannot.
  Status Start();
  // Finishes requests in flight and closes the listener. Idempotent.
  void Stop();

  int port() const { return http_.port(); }
  std::string url() const { return http_.url(); }

  // Invalidates the documents the change affected and counts it.
  void OnStoreChange(const store::PutOutcome& outcome);
  // Invalidates without counting: for changes another process made
  // (ingest::ChangeFollower), already counted where they happened. The
  // follower also hands back this process's own changes; one OnStoreChange
  // already handled (same story, revision, state and time) is skipped, so
  // a story is not invalidated twice, evicting pages readers just re-read.
  // An update without `previous` (the log does not keep it) drops every
  // cached listing, feed and sitemap, as where it was listed is unknown.
  void Invalidate(const store::PutOutcome& outcome);
  // Counts an input and its latency.
  void OnInput(std::string_view source, const Result<ingest::IngestReport>& result);

  DocumentCache& cache() { return cache_; }
  // Follower changes skipped as already handled (tests).
  std::uint64_t skipped_own_changes() const { return skipped_own_.load(); }
  Metrics& metrics() { return metrics_; }

 private:
  // What identifies one stored state of a story.
  struct Seen {
    std::int64_t id;
    int revisions;
    store::StoryState state;
    std::int64_t updated_at;
    bool operator==(const Seen&) const = default;
  };
  static Seen SeenOf(const store::StoryRecord& r) {
    return {r.id, r.revisions, r.state, r.updated_at.seconds};
  }
  void InvalidateNow(const store::PutOutcome& outcome);

  publish::Renderer* renderer_;
  std::mutex seen_mu_;
  std::deque<Seen> seen_;  // guarded by seen_mu_; the latest kSeenKept
  std::atomic<std::uint64_t> skipped_own_{0};
  DocumentCache cache_;
  Metrics metrics_;
  std::unique_ptr<PushEndpoint> push_;
  AdminHandler* admin_ = nullptr;
  SiteHandler handler_;
  HttpServer http_;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_SERVER_H_
