#include "server/site_handler.h"

#include "base/logging.h"
#include "base/strings.h"

namespace wirepress::server {
namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";

bool QueryMatters(std::string_view path) {
  return path == "/search" || StartsWith(path, "/search/") || StartsWith(path, "/api/");
}

// Pages change the moment a story is killed or updated: let clients and
// proxies keep them, but revalidate (a cheap 304) on every use.
constexpr std::string_view kCacheControl = "public, no-cache";

std::string SimplePage(std::string_view title, std::string_view text) {
  std::string html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<title>" + HtmlEscape(title) + "</title></head>\n<body><h1>" + HtmlEscape(title) +
          "</h1>\n<p>" + HtmlEscape(text) + "</p>\n<p><a href=\"/\">Home</a></p></body></html>\n";
  return html;
}

}  // namespace

SiteHandler::SiteHandler(publish::Renderer* renderer, DocumentCache* cache, Metrics* metrics,
                         PushEndpoint* push, const CompressionOptions& compression,
                         std::string indexnow_key)
    : renderer_(renderer),
      cache_(cache),
      metrics_(metrics),
      push_(push),
      compression_(compression),
      indexnow_key_(std::move(indexnow_key)),
      indexnow_path_(indexnow_key_.empty() ? "" : "/" + indexnow_key_ + ".txt") {}

HttpResponse FromCached(const CachedDocument& doc, const HttpRequest& request,
                        const CompressionOptions& compression) {
  HttpResponse r;
  r.status = doc.doc.status;
  r.media_type = doc.doc.media_type;
  r.body = doc.body;
  // Only the coding this client will get (ApplyCompression chooses the
  // same), so a page is never compressed for nobody.
  if (doc.compressible) {
    Coding coding =
        ChooseCoding(request.Header("accept-encoding"), compression.brotli_quality > 0);
    (coding == Coding::kBrotli ? r.br_body : r.gzip_body) = doc.Encoded(coding, compression);
  }
  r.etag = doc.doc.etag;
  r.last_modified = doc.doc.last_modified;
  r.headers.emplace_back("Cache-Control", std::string(kCacheControl));
  return r;
}

HttpResponse SiteHandler::Handle(const HttpRequest& request) {
  bool read = request.method == "GET" || request.method == "HEAD";
  if (request.path == "/api/v1/ingest") {
    if (request.method != "POST") {
      HttpResponse r = HttpResponse::Text(405, "use POST\n");
      r.headers.emplace_back("Allow", "POST");
      return r;
    }
    if (push_ == nullptr) return HttpResponse::Text(404, "push ingest is not available\n");
    return push_->Handle(request);
  }
  if (!read) {
    HttpResponse r = HttpResponse::Text(405, request.method + " is not allowed here\n");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (request.path == "/healthz") return HttpResponse::Text(200, "ok\n");
  if (request.path == "/metrics") {
    return HttpResponse::Text(200, metrics_->RenderPrometheus(cache_->size()),
                              "text/plain; version=0.0.4; charset=utf-8");
  }
  if (!indexnow_path_.empty() && request.path == indexnow_path_) {
    // IndexNow fetches this to check the key of a ping came from the site.
    return HttpResponse::Text(200, indexnow_key_);
  }
  return ServeDocument(request);
}

std::shared_ptr<const CachedDocument> SiteHandler::Prepare(publish::RenderedDocument doc) const {
  auto entry = std::make_shared<CachedDocument>();
  entry->body = std::make_shared<const std::string>(std::move(doc.body));
  doc.body.clear();
  entry->compressible =
      IsCompressible(doc.media_type) && entry->body->size() >= compression_.min_bytes;
  entry->doc = std::move(doc);
  return entry;
}

HttpResponse SiteHandler::ServeDocument(const HttpRequest& request) {
  std::string query = QueryMatters(request.path) ? request.query : "";
  std::string key = DocumentCache::Key(request.path, query);
  if (std::shared_ptr<const CachedDocument> hit = cache_->Lookup(key)) {
    metrics_->CountCacheHit();
    return FromCached(*hit, request, compression_);
  }
  metrics_->CountCacheMiss();
  std::shared_ptr<Flight> flight = RenderShared(request, key, query);
  std::unique_lock<std::mutex> lock(flight->mu);
  flight->cv.wait(lock, [&] { return flight->done; });
  if (flight->doc == nullptr) return ErrorPage(flight->error, request.path);
  return FromCached(*flight->doc, request, compression_);
}

std::shared_ptr<SiteHandler::Flight> SiteHandler::RenderShared(const HttpRequest& request,
                                                               const std::string& key,
                                                               const std::string& query) {
  std::uint64_t generation = cache_->generation();
  std::shared_ptr<Flight> flight;
  {
    std::lock_guard<std::mutex> lock(flights_mu_);
    auto it = flights_.find(key);
    if (it != flights_.end() && it->second->generation == generation) return it->second;
    flight = std::make_shared<Flight>();
    flight->generation = generation;
    flights_[key] = flight;
  }
  Result<publish::RenderedDocument> doc = renderer_->Render(request.path, query);
  std::shared_ptr<const CachedDocument> entry;
  if (doc.ok()) {
    entry = Prepare(std::move(doc).value());
    // A document answered for another path (an alias) would not be
    // invalidated under this key: serve it, but do not keep it.
    if (entry->doc.path == request.path) cache_->Insert(key, entry, generation);
  }
  {
    std::lock_guard<std::mutex> lock(flights_mu_);
    auto it = flights_.find(key);
    if (it != flights_.end() && it->second == flight) flights_.erase(it);
  }
  {
    std::lock_guard<std::mutex> lock(flight->mu);
    flight->done = true;
    flight->doc = std::move(entry);
    if (!doc.ok()) flight->error = doc.status();
  }
  flight->cv.notify_all();
  return flight;
}

HttpResponse SiteHandler::ErrorPage(const Status& status, const std::string& path) const {
  switch (status.code()) {
    case StatusCode::kNotFound:
      return HttpResponse::Text(
          404, SimplePage("Page not found", "There is no page at " + path + "."), std::string(kHtml));
    case StatusCode::kGone:
      return HttpResponse::Text(
          410, SimplePage("Story withdrawn", "This story has been withdrawn."), std::string(kHtml));
    case StatusCode::kInvalidInput:
      return HttpResponse::Text(400, SimplePage("Bad request", status.message()),
                                std::string(kHtml));
    default:
      break;
  }
  LogError("http.render", {{"path", path}, {"error", status.ToString()}});
  int code = status.code() == StatusCode::kUnavailable ? 503 : 500;
  return HttpResponse::Text(code, SimplePage("Temporarily unavailable",
                                             "The page could not be produced. Please retry."),
                            std::string(kHtml));
}

}  // namespace wirepress::server
