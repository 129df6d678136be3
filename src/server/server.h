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

#include <memory>
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
  // (ingest::ChangeFollower), already counted where they happened.
  void Invalidate(const store::PutOutcome& outcome);
  // Counts an input and its latency.
  void OnInput(std::string_view source, const Result<ingest::IngestReport>& result);

  DocumentCache& cache() { return cache_; }
  Metrics& metrics() { return metrics_; }

 private:
  publish::Renderer* renderer_;
  DocumentCache cache_;
  Metrics metrics_;
  std::unique_ptr<PushEndpoint> push_;
  AdminHandler* admin_ = nullptr;
  SiteHandler handler_;
  HttpServer http_;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_SERVER_H_
