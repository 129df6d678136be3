// SiteHandler: the router. Maps each request to its answer:
//
//   GET|HEAD /healthz          "ok"
//   GET|HEAD /metrics          Prometheus text (server/metrics.h)
//   POST     /api/v1/ingest    the push endpoint (server/push_endpoint.h)
//   GET|HEAD /<key>.txt        the IndexNow key, when one is set
//   GET|HEAD anything else     publish::Renderer::Render through the
//                              DocumentCache: 200, 410 for a killed story,
//                              404 page for NotFound, 503/500 on errors
//
// Only /search and /api/ paths see the query string; elsewhere it is
// ignored, so "?utm_source=..." links share one cached page.
//
// Concurrent misses of one key share one render: when a story lands and
// many readers ask for the home page at once, one renders it and the others
// wait for that result (only for a render started after the latest
// invalidation, so nobody is handed a page older than what they would
// have rendered themselves).
//
// Thread-safety: Handle may be called from many threads at once.
#ifndef WIREPRESS_SERVER_SITE_HANDLER_H_
#define WIREPRESS_SERVER_SITE_HANDLER_H_

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "publish/renderer.h"
#include "server/compression.h"
#include "server/document_cache.h"
#include "server/http_types.h"
#include "server/metrics.h"
#include "server/push_endpoint.h"

namespace wirepress::server {

class SiteHandler {
 public:
  // Every pointer must outlive the handler; `push` may be null (no push
  // endpoint: 404). A non-empty `indexnow_key` is served at /<key>.txt.
  SiteHandler(publish::Renderer* renderer, DocumentCache* cache, Metrics* metrics,
              PushEndpoint* push, const CompressionOptions& compression,
              std::string indexnow_key = "");

  HttpResponse Handle(const HttpRequest& request);

  // The cache entry for a freshly rendered document (compressed on demand,
  // see CachedDocument). Exposed for tests.
  std::shared_ptr<const CachedDocument> Prepare(publish::RenderedDocument doc) const;

 private:
  // One render in progress, shared by the requests that missed its key.
  struct Flight {
    std::uint64_t generation = 0;
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;                           // guarded by mu
    std::shared_ptr<const CachedDocument> doc;   // guarded by mu; null on error
    Status error;                                // guarded by mu
  };
  HttpResponse ServeDocument(const HttpRequest& request);
  // Renders `key` (or joins the render of it already under way).
  std::shared_ptr<Flight> RenderShared(const HttpRequest& request, const std::string& key,
                                       const std::string& query);
  HttpResponse ErrorPage(const Status& status, const std::string& path) const;

  publish::Renderer* renderer_;
  DocumentCache* cache_;
  Metrics* metrics_;
  PushEndpoint* push_;
  CompressionOptions compression_;
  std::string indexnow_key_;
  std::string indexnow_path_;  // "/<key>.txt", "" when no key
  std::mutex flights_mu_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;  // guarded by flights_mu_
};

// The response for a cached document (bodies shared, not copied), with
// the compressed body `request` will be sent made if not yet made.
HttpResponse FromCached(const CachedDocument& doc, const HttpRequest& request,
                        const CompressionOptions& compression);

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_SITE_HANDLER_H_
