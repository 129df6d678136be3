// DocumentCache: rendered documents kept in memory by request key, so a
// page is rendered once and then served from memory until a store change
// makes it stale.
//
// Keys are the URL path, plus "?query" for the few paths whose query
// matters (search, API). Invalidate(paths) drops exactly the documents a
// change affected (publish::Renderer::AffectedPaths): each path, every
// "page/N/" under a listing path, and every query-keyed entry (search
// results can change with any story).
//
// A render races with invalidation: a request may render from the store
// just before a change commits and insert afterwards. Each invalidation
// bumps a generation, and Insert drops a document rendered under an older
// generation, so a stale page never outlives the change that staled it.
// At most max_entries documents are kept; the least recently used goes.
//
// Thread-safety: every method is safe from any thread.
#ifndef WIREPRESS_SERVER_DOCUMENT_CACHE_H_
#define WIREPRESS_SERVER_DOCUMENT_CACHE_H_

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/thread_annotations.h"
#include "publish/rendered_document.h"
#include "server/compression.h"

namespace wirepress::server {

// A rendered document with its bodies ready for the socket. The compressed
// forms are made on first demand, once each, and then shared by every
// request: a fresh page costs its first reader only the render, and a
// coding no client asks for costs nothing.
struct CachedDocument {
  publish::RenderedDocument doc;  // body moved out into `body`
  std::shared_ptr<const std::string> body;
  bool compressible = false;  // media type and size worth compressing

  // The body in `coding` (kIdentity: `body`); null when not compressible or
  // the encoder failed. Concurrent callers wait for one compression.
  std::shared_ptr<const std::string> Encoded(Coding coding,
                                             const CompressionOptions& options) const;

 private:
  mutable std::once_flag gzip_once_, br_once_;
  mutable std::shared_ptr<const std::string> gzip_, br_;
};

class DocumentCache {
 public:
  explicit DocumentCache(size_t max_entries) : max_entries_(max_entries) {}

  // The entry for `key`, or null. Marks it recently used.
  std::shared_ptr<const CachedDocument> Lookup(const std::string& key) EXCLUDES(mu_);
  // The generation to pass to Insert; read it before rendering.
  std::uint64_t generation() const EXCLUDES(mu_);
  // Stores `doc` unless an invalidation happened since `rendered_at`.
  // Returns whether it was stored.
  bool Insert(const std::string& key, std::shared_ptr<const CachedDocument> doc,
              std::uint64_t rendered_at) EXCLUDES(mu_);
  void Invalidate(const std::vector<std::string>& paths) EXCLUDES(mu_);
  // Drops every entry whose key satisfies `pred` (called under the lock).
  void InvalidateIf(const std::function<bool(const std::string& key)>& pred) EXCLUDES(mu_);
  void Clear() EXCLUDES(mu_);
  size_t size() const EXCLUDES(mu_);

  // "/search" + "q=x" → "/search?q=x"; "/world/" + "" → "/world/".
  static std::string Key(const std::string& path, const std::string& query);

 private:
  struct Entry {
    std::shared_ptr<const CachedDocument> doc;
    std::list<std::string>::iterator lru;  // position in lru_
  };
  void EraseLocked(std::map<std::string, Entry>::iterator it) REQUIRES(mu_);

  const size_t max_entries_;
  mutable Mutex mu_;
  std::map<std::string, Entry> entries_ GUARDED_BY(mu_);
  std::list<std::string> lru_ GUARDED_BY(mu_);  // most recent first
  std::set<std::string> query_keys_ GUARDED_BY(mu_);
  std::uint64_t generation_ GUARDED_BY(mu_) = 0;
};

}  // namespace wirepress::server

#endif  // WIREPRESS_SERVER_DOCUMENT_CACHE_H_
